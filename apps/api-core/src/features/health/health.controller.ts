import { Controller, Get, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { ServiceUnavailableError } from '../../platform/errors/common.errors.js';
import { ApiErrorResponses } from '../../platform/http/api-docs.decorator.js';
import { ROUTES } from '../../routes.js';
import { PublicRoute } from '../auth/auth.decorators.js';
import { HealthService } from './health.service.js';

/** Probed by load balancers and orchestrators, outside `/api/v1`: never authenticated, never limited. */
@ApiTags('Health')
@Controller({ path: ROUTES.health.base, version: VERSION_NEUTRAL })
@PublicRoute()
@SkipThrottle()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get(ROUTES.health.live)
  live() {
    return { status: 'ok' };
  }

  @Get(ROUTES.health.ready)
  @ApiOkResponse({ description: 'The database, and Redis when configured, answer' })
  @ApiErrorResponses(
    new ServiceUnavailableError({ details: [{ field: 'database', message: 'database is unreachable' }] }),
  )
  ready() {
    return this.health.readiness();
  }
}
