-- CreateEnum
CREATE TYPE "StripeAccountDisconnection" AS ENUM ('DEAUTHORIZED', 'ACCOUNT_INVALID');

-- AlterTable
ALTER TABLE "creator_profiles" ADD COLUMN     "stripe_account_creation_attempt" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "stripe_bank_account_id" TEXT,
ADD COLUMN     "stripe_bank_account_status" TEXT,
ADD COLUMN     "stripe_capabilities" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "stripe_current_deadline" TIMESTAMPTZ(3),
ADD COLUMN     "stripe_currently_due" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "stripe_disconnected_at" TIMESTAMPTZ(3),
ADD COLUMN     "stripe_eventually_due" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "stripe_past_due" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "stripe_payout_failed_at" TIMESTAMPTZ(3),
ADD COLUMN     "stripe_payout_failure_bank_account_id" TEXT,
ADD COLUMN     "stripe_payout_failure_code" TEXT,
ADD COLUMN     "stripe_payout_failure_id" TEXT,
ADD COLUMN     "stripe_payout_failure_message" TEXT,
ADD COLUMN     "stripe_pending_verification" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "stripe_requirement_errors" JSONB NOT NULL DEFAULT '[]';

-- CreateTable
CREATE TABLE "archived_stripe_accounts" (
    "stripe_account_id" TEXT NOT NULL,
    "creator_profile_id" UUID NOT NULL,
    "reason" "StripeAccountDisconnection" NOT NULL,
    "last_status" "StripeAccountStatus" NOT NULL,
    "archived_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "archived_stripe_accounts_pkey" PRIMARY KEY ("stripe_account_id")
);

-- CreateTable
CREATE TABLE "stripe_onboarding_states" (
    "digest" TEXT NOT NULL,
    "creator_profile_id" UUID NOT NULL,
    "stripe_account_id" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),

    CONSTRAINT "stripe_onboarding_states_pkey" PRIMARY KEY ("digest")
);

-- CreateIndex
CREATE INDEX "archived_stripe_accounts_creator_profile_id_idx" ON "archived_stripe_accounts"("creator_profile_id");

-- CreateIndex
CREATE INDEX "stripe_onboarding_states_creator_profile_id_idx" ON "stripe_onboarding_states"("creator_profile_id");

-- AddForeignKey
ALTER TABLE "archived_stripe_accounts" ADD CONSTRAINT "archived_stripe_accounts_creator_profile_id_fkey" FOREIGN KEY ("creator_profile_id") REFERENCES "creator_profiles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stripe_onboarding_states" ADD CONSTRAINT "stripe_onboarding_states_creator_profile_id_fkey" FOREIGN KEY ("creator_profile_id") REFERENCES "creator_profiles"("id") ON DELETE CASCADE ON UPDATE CASCADE;
