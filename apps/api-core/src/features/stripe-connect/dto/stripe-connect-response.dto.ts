import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import {
  CAPABILITY_STATUSES,
  type CapabilityStatus,
  NEXT_ACTIONS,
  type NextAction,
} from '../stripe-account-status.js';

export class StripeConnectDashboardLinkResponseDto {
  @ApiProperty({
    description:
      "One-shot Stripe Express dashboard login URL. Render into a button click handler that immediately redirects — don't store.",
    example: 'https://connect.stripe.com/express/Ln7FcvO3hXxA',
  })
  url!: string;
}

export class StripeConnectOnboardingLinkResponseDto {
  @ApiProperty({
    description:
      'Stripe-hosted onboarding URL: redirect to it at once; it works once and expires within minutes.',
    example: 'https://connect.stripe.com/setup/s/acct_1Nv0FGQ9RKHgCVdK/Ln7FcvO3hXxA',
  })
  url!: string;

  @ApiProperty({ description: 'When the link stops working (ISO 8601)', example: '2026-11-25T10:05:00.000Z' })
  expiresAt!: string;
}

export class StripeRequirementErrorDto {
  @ApiProperty({ example: 'individual.verification.document' })
  requirement!: string;

  @ApiProperty({ example: 'verification_document_expired', description: "Stripe's error code" })
  code!: string;

  @ApiProperty({ example: 'The document has expired.', description: "Stripe's explanation, in English" })
  reason!: string;
}

export class StripeRequirementsDto {
  @ApiProperty({ type: [String], example: ['individual.verification.document'], description: 'Due now' })
  currentlyDue!: string[];

  @ApiProperty({ type: [String], example: [], description: 'Overdue: the account is restricted until given' })
  pastDue!: string[];

  @ApiProperty({ type: [String], example: ['individual.verification.document'], description: 'Due some day' })
  eventuallyDue!: string[];

  @ApiProperty({ type: [String], example: [], description: 'Given, and being verified by Stripe' })
  pendingVerification!: string[];

  @ApiProperty({
    nullable: true,
    type: String,
    example: '2026-12-09T10:00:00.000Z',
    description: 'When what is currently due becomes past due (ISO 8601)',
  })
  currentDeadline!: string | null;

  @ApiProperty({ type: [StripeRequirementErrorDto], description: 'Why Stripe refused what was given' })
  errors!: StripeRequirementErrorDto[];
}

export class StripePayoutFailureDto {
  @ApiProperty({ example: 'po_1Nv0FGQ9RKHgCVdK' })
  payoutId!: string;

  @ApiProperty({ example: 'account_closed', description: "Stripe's failure_code" })
  code!: string;

  @ApiProperty({
    nullable: true,
    type: String,
    example: 'Your bank account has been closed. Add another one.',
    description: 'The failure in words, in the request’s language',
  })
  message!: string | null;

  @ApiProperty({ example: '2026-11-25T10:00:00.000Z', description: 'When Stripe reported it (ISO 8601)' })
  failedAt!: string;
}

@ApiExtraModels(StripePayoutFailureDto)
export class StripeConnectStatusResponseDto {
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'acct_1Nv0FGQ9RKHgCVdK',
    description: 'null until onboarding starts',
  })
  stripeAccountId!: string | null;

  @ApiProperty({ enum: ['PENDING', 'RESTRICTED', 'DISABLED', 'ACTIVE'], example: 'ACTIVE' })
  status!: 'PENDING' | 'RESTRICTED' | 'DISABLED' | 'ACTIVE';

  @ApiProperty({ example: true })
  chargesEnabled!: boolean;

  @ApiProperty({ example: true })
  payoutsEnabled!: boolean;

  @ApiProperty({ example: true })
  detailsSubmitted!: boolean;

  @ApiProperty({
    type: [String],
    example: [],
    description: "Stripe's past-due and currently-due requirements",
  })
  requirementsDue!: string[];

  @ApiProperty({
    nullable: true,
    type: String,
    example: null,
    description: "Stripe's requirements.disabled_reason",
  })
  disabledReason!: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    example: '2026-11-25T10:00:00.000Z',
    description: 'When the snapshot was last read from Stripe',
  })
  syncedAt!: string | null;

  @ApiProperty({
    enum: NEXT_ACTIONS,
    example: 'none',
    description:
      'What the creator should do next: provide_information and update_bank_account through onboarding-link ' +
      '(or the dashboard while ACTIVE), start_onboarding and start_again through onboarding-link',
  })
  nextAction!: NextAction;

  @ApiProperty({
    nullable: true,
    type: String,
    example: null,
    description: 'With provide_information: when Stripe restricts the account unless it is given (ISO 8601)',
  })
  nextActionDeadline!: string | null;

  @ApiProperty({ type: StripeRequirementsDto })
  requirements!: StripeRequirementsDto;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', enum: [...CAPABILITY_STATUSES] },
    example: { transfers: 'active' },
    description: 'Each capability on the account (and each the platform requires) with its status',
  })
  capabilities!: Record<string, CapabilityStatus>;

  @ApiProperty({
    description: 'The latest failed payout; null when none failed',
    // OpenAPI 3.0 has no nullable reference (`nullable` beside `allOf` still applies the referenced object to null).
    anyOf: [
      { $ref: getSchemaPath(StripePayoutFailureDto) },
      { type: 'object', nullable: true, enum: [null] },
    ],
  })
  lastPayoutFailure!: StripePayoutFailureDto | null;

  @ApiProperty({
    nullable: true,
    type: String,
    example: null,
    description: 'When the last account was disconnected from the platform, until a new one is created',
  })
  disconnectedAt!: string | null;
}
