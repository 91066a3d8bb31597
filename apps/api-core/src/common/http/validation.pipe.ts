import { type ArgumentMetadata, type ValidationError, ValidationPipe } from '@nestjs/common';
import type { FieldProblem } from '../errors/api-error.js';
import { ValidationFailedError } from '../errors/common.errors.js';

/**
 * Validates bodies against their DTOs: one `details` entry per problem, i.e. per field (its first failed
 * constraint, so a missing email is "email must be an email", not also "too long"), and one for a body that is
 * not a JSON object at all (an array, a string, a number, `null`).
 */
export function createValidationPipe(): ValidationPipe {
  return new BodyValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) =>
      new ValidationFailedError({ details: errors.flatMap((e) => fieldProblems(e)) }),
  });
}

class BodyValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const notAnObject = value === null || typeof value !== 'object' || Array.isArray(value);
    if (metadata.type === 'body' && value !== undefined && notAnObject) {
      throw new ValidationFailedError({ details: [{ message: 'Body must be a JSON object' }] });
    }
    return super.transform(value, metadata);
  }
}

function fieldProblems(error: ValidationError, parent = ''): FieldProblem[] {
  const field = parent ? `${parent}.${error.property}` : error.property;
  const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
  return [...own, ...(error.children ?? []).flatMap((child) => fieldProblems(child, field))];
}
