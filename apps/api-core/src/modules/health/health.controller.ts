import { Controller, Get, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ServiceUnavailableError } from '../../common/errors/common.errors.js';
import { ApiErrorResponses } from '../../common/http/endpoint.decorator.js';
import { InSuccessEnvelope } from '../../common/http/success-envelope.decorator.js';
import { HealthService } from './health.service.js';

@ApiTags('Health')
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('live')
  @InSuccessEnvelope()
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @InSuccessEnvelope()
  @ApiOkResponse({ description: 'The database, and Redis when configured, answer' })
  @ApiErrorResponses(
    new ServiceUnavailableError({ details: [{ field: 'database', message: 'database is unreachable' }] }),
  )
  ready() {
    return this.health.readiness();
  }
}
