import { ApiProperty } from '@nestjs/swagger';

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
}
