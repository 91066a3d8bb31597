import { Module } from '@nestjs/common';
import { RateLimitModule } from '../rate-limit/rate-limit.module.js';
import { CreatorProfiles } from './creator-profiles.js';
import { StripeAccountSnapshotService } from './stripe-account-snapshot.service.js';
import { StripeConnectController } from './stripe-connect.controller.js';
import { StripeConnectService } from './stripe-connect.service.js';
import { StripeOnboardingService } from './stripe-onboarding.service.js';

@Module({
  imports: [RateLimitModule],
  controllers: [StripeConnectController],
  providers: [CreatorProfiles, StripeConnectService, StripeOnboardingService, StripeAccountSnapshotService],
  exports: [StripeAccountSnapshotService],
})
export class CreatorModule {}
