import { Global, Module } from '@nestjs/common';
import { StripeProvider, stripeProvider } from './stripe.provider.js';

@Global()
@Module({ providers: [stripeProvider], exports: [StripeProvider] })
export class PaymentModule {}
