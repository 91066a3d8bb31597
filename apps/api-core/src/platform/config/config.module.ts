import { type DynamicModule, Global, Inject, Module } from '@nestjs/common';
import type { AppConfig } from './app-config.js';

export const APP_CONFIG = Symbol('AppConfig');

/** Injects the validated configuration object built at boot. */
export const InjectConfig = () => Inject(APP_CONFIG);

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      // biome-ignore lint/complexity/noThisInStatic: naming the class here would make TypeScript compile it as `ConfigModule_1 = class`, so named in the bundle
      module: this,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
