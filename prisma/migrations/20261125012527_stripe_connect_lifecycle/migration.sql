-- CreateEnum
CREATE TYPE "StripeWebhookOutcome" AS ENUM ('APPLIED', 'STALE', 'IGNORED');

-- AlterTable
ALTER TABLE "creator_profiles" ADD COLUMN     "stripe_charges_enabled" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "stripe_details_submitted" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "stripe_disabled_reason" TEXT,
ADD COLUMN     "stripe_payouts_enabled" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "stripe_requirements_due" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "stripe_state_at" TIMESTAMPTZ(3),
ADD COLUMN     "stripe_synced_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "stripe_webhook_events" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "account_id" TEXT,
    "stripe_created_at" TIMESTAMPTZ(3) NOT NULL,
    "outcome" "StripeWebhookOutcome" NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stripe_webhook_events_pkey" PRIMARY KEY ("id")
);
