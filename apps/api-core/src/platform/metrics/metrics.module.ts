import { type DynamicModule, Global, Module } from '@nestjs/common';
import { Metrics } from './metrics.js';
import { MetricsEndpoint } from './metrics-endpoint.js';

/** The app's metrics registry (made by bootstrap.ts, which the HTTP edge records into first) and its endpoint. */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(metrics: Metrics): DynamicModule {
    return {
      // biome-ignore lint/complexity/noThisInStatic: naming the class here would make TypeScript compile it as `MetricsModule_1 = class`, so named in the bundle
      module: this,
      providers: [{ provide: Metrics, useValue: metrics }, MetricsEndpoint],
      exports: [Metrics],
    };
  }
}
