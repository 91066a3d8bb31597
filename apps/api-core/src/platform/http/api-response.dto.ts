import type { SchemaObject } from '@nestjs/swagger';
import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';

export class FieldProblemDto {
  @ApiPropertyOptional({ example: 'email' })
  field?: string;

  @ApiProperty({ example: 'email must be an email' })
  message!: string;
}

export class ApiErrorDto {
  @ApiProperty({ description: 'Stable machine-readable code', example: 'creator.stripe.not_active' })
  code!: string;

  @ApiProperty({ description: 'Human text in the language of Accept-Language (English fallback)' })
  message!: string;

  @ApiProperty({ description: 'Stable translation key', example: 'creator.stripe.not_active' })
  i18nKey!: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { status: 'PENDING' },
  })
  i18nVars?: Record<string, string | number>;

  @ApiPropertyOptional({ type: [FieldProblemDto] })
  details?: FieldProblemDto[];

  @ApiProperty({
    description: 'Equals the x-correlation-id response header',
    example: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890',
  })
  correlationId!: string;
}

export class ApiErrorResponseDto {
  @ApiProperty({ enum: [false] })
  success!: false;

  @ApiProperty({ type: ApiErrorDto })
  error!: ApiErrorDto;
}

/** The success envelope's schema around a data DTO, titled `ApiResponseOf<Dto>` as the product page names it. */
export function apiResponseOf(dto: abstract new (...args: never[]) => unknown): SchemaObject {
  return {
    title: `ApiResponseOf<${dto.name}>`,
    type: 'object',
    required: ['success', 'data'],
    properties: { success: { type: 'boolean', enum: [true] }, data: { $ref: getSchemaPath(dto) } },
  };
}
