import { ApiProperty } from '@nestjs/swagger';

export class StripeConnectDashboardLinkResponseDto {
  @ApiProperty({
    description:
      "One-shot Stripe Express dashboard login URL. Render into a button click handler that immediately redirects — don't store.",
    example: 'https://connect.stripe.com/express/Ln7FcvO3hXxA',
  })
  url!: string;
}
