import { ApiProperty } from '@nestjs/swagger';

export class StripeWebhookReceiptDto {
  @ApiProperty({ example: 'evt_1Nv0FGQ9RKHgCVdKpN3lPz2A' })
  eventId!: string;

  @ApiProperty({
    enum: ['APPLIED', 'STALE', 'IGNORED', 'DUPLICATE'],
    description:
      'APPLIED: the account was re-read and stored (or archived, or the payout failure recorded); STALE: something ' +
      'later was already stored; IGNORED: another event type, an account we do not know, or the other mode than ' +
      'the key; DUPLICATE: this event id was already processed',
  })
  outcome!: 'APPLIED' | 'STALE' | 'IGNORED' | 'DUPLICATE';
}
