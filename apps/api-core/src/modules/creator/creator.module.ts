import { Module } from '@nestjs/common';
import { RateLimitModule } from '../rate-limit/rate-limit.module.js';
import { StripeConnectController } from './stripe-connect.controller.js';
import { StripeConnectService } from './stripe-connect.service.js';

@Module({
  imports: [RateLimitModule],
  controllers: [StripeConnectController],
  providers: [StripeConnectService],
})
export class CreatorModule {}
