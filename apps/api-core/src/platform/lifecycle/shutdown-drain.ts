import { Global, Injectable, Module } from '@nestjs/common';

/**
 * Whether this instance is on its way out. From SIGTERM/SIGINT on it still serves every request, but readiness
 * answers 503, so load balancers stop sending new ones before it stops accepting connections
 * (graceful-shutdown.ts).
 */
@Injectable()
export class ShutdownDrain {
  private draining = false;

  get isDraining(): boolean {
    return this.draining;
  }

  begin(): void {
    this.draining = true;
  }
}

@Global()
@Module({ providers: [ShutdownDrain], exports: [ShutdownDrain] })
export class LifecycleModule {}
