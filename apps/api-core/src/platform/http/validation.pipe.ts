import { type ArgumentMetadata, type ValidationError, ValidationPipe } from '@nestjs/common';
import type { FieldProblem } from '../errors/api-error.js';
import { ValidationFailedError } from '../errors/common.errors.js';

/**
 * Deeper than any DTO goes. class-transformer recurses once per level, so a body of a few thousand nested objects
 * or arrays (about 14 KB, under the body limit) overflowed the stack into a 500.
 */
export const MAX_BODY_DEPTH = 32;

/** Half of a UTF-16 pair without its other half (`"\ud800"` is valid JSON): no character at all. */
const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * Validates bodies against their DTOs: one `details` entry per problem, i.e. per field (its first failed
 * constraint, so a missing email is "email must be an email", not also "too long"), and one for a body that is
 * not a JSON object at all (an array, a string, a number, `null`) or is nested deeper than MAX_BODY_DEPTH, and one
 * per field whose text is not well-formed Unicode (validators such as IsEmail throw on a lone surrogate).
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
    if (metadata.type === 'body' && nestedDeeperThan(value, MAX_BODY_DEPTH)) {
      throw new ValidationFailedError({
        details: [{ message: `Body is nested deeper than ${MAX_BODY_DEPTH} levels` }],
      });
    }
    const malformed = metadata.type === 'body' ? malformedTextFields(value) : [];
    if (malformed.length > 0) {
      throw new ValidationFailedError({
        details: malformed.map((field) => ({ field, message: `${field} must be well-formed Unicode text` })),
      });
    }
    return super.transform(value, metadata);
  }
}

/** Level by level, without recursion (the point is not to overflow the stack). */
function nestedDeeperThan(value: unknown, maxDepth: number): boolean {
  let level = [value];
  for (let depth = 0; level.length > 0; depth++) {
    if (depth > maxDepth) return true;
    level = level.flatMap((item) => (item !== null && typeof item === 'object' ? Object.values(item) : []));
  }
  return false;
}

/** The fields (`email`, `items.0.name`) whose name or text holds a lone surrogate; level by level, as above. */
function malformedTextFields(value: unknown): string[] {
  const malformed: string[] = [];
  let level: Array<[field: string, item: unknown]> = [['', value]];
  while (level.length > 0) {
    level = level.flatMap(([field, item]) => {
      if (typeof item === 'string' && LONE_SURROGATE.test(item)) malformed.push(field);
      if (item === null || typeof item !== 'object') return [];
      return Object.entries(item).map(([key, child]): [string, unknown] => {
        const childField = field ? `${field}.${key}` : key;
        if (LONE_SURROGATE.test(key)) malformed.push(childField);
        return [childField, child];
      });
    });
  }
  return [...new Set(malformed)];
}

function fieldProblems(error: ValidationError, parent = ''): FieldProblem[] {
  const field = parent ? `${parent}.${error.property}` : error.property;
  const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
  return [...own, ...(error.children ?? []).flatMap((child) => fieldProblems(child, field))];
}
