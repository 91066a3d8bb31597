import { type ValidationError, ValidationPipe } from '@nestjs/common';
import type { FieldProblem } from '../errors/api-error.js';
import { ValidationFailedError } from '../errors/common.errors.js';

/** Validates bodies against their DTOs; each failed constraint becomes one `details` entry naming its field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new ValidationFailedError({ details: errors.flatMap((e) => fieldProblems(e)) }),
  });
}

function fieldProblems(error: ValidationError, parent = ''): FieldProblem[] {
  const field = parent ? `${parent}.${error.property}` : error.property;
  const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
  return [...own, ...(error.children ?? []).flatMap((child) => fieldProblems(child, field))];
}
