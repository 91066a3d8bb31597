import { Controller, Get, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { ServiceUnavailableError } from '../../platform/errors/common.errors.js';
import { ApiDoc } from '../../platform/http/api-docs.decorator.js';
import { ROUTES } from '../../routes.js';
import { PublicRoute } from '../auth/auth.decorators.js';
import { LivenessResponseDto, ReadinessResponseDto } from './dto/health-response.dto.js';
import { HealthService } from './health.service.js';

/** Probed by load balancers and orchestrators, outside `/api/v1`: never authenticated, never limited. */
@ApiTags('Health')
@Controller({ path: ROUTES.health.base, version: VERSION_NEUTRAL })
@PublicRoute()
@SkipThrottle()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get(ROUTES.health.live)
  @ApiDoc({
    operationId: 'getLiveness',
    summary: 'Liveness',
    description: 'The process answers. Restart it when this fails.',
    response: LivenessResponseDto,
    throttled: false,
    reachesServices: false,
  })
  live(): LivenessResponseDto {
    return { status: 'ok' };
  }

  @Get(ROUTES.health.ready)
  @ApiDoc({
    operationId: 'getReadiness',
    summary: 'Readiness',
    description:
      'The database, and Redis when configured, answer within 2 s. Send no traffic while this fails.',
    response: ReadinessResponseDto,
    throttled: false,
    errors: [
      new ServiceUnavailableError({ details: [{ field: 'database', message: 'database is unreachable' }] }),
    ],
  })
  ready(): Promise<ReadinessResponseDto> {
    return this.health.readiness();
  }
}
