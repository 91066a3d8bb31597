/**
 * Validates objects against the schemas of Stripe's OpenAPI subset (test/fixtures, copied from
 * /work/shared/stripe). OpenAPI 3.0 is not JSON Schema, so the schemas are converted first:
 * `nullable` becomes a `null` alternative, `$ref`s point into `$defs`, `x-*` extensions are dropped,
 * and the refs the subset leaves unresolved are stubbed as `{}`.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import subset from '../fixtures/stripe-openapi-subset.json' with { type: 'json' };

interface OpenApiSubset {
  info: { version: string };
  components: { schemas: Record<string, unknown> };
  'x-subset': { unresolvedRefs: string[] };
  'x-fixtures': Record<string, unknown>;
}

export const openApiSubset: OpenApiSubset = subset;

const SCHEMA_ID = 'stripe-openapi-subset';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mapValues(record: unknown, convert: (value: unknown) => unknown): unknown {
  return isObject(record)
    ? Object.fromEntries(Object.entries(record).map(([key, value]) => [key, convert(value)]))
    : record;
}

export function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!isObject(node)) return node;
  const { nullable, ...rest } = node;
  const converted: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    if (key.startsWith('x-')) continue;
    if (key === '$ref' && typeof value === 'string') {
      converted.$ref = value.replace('#/components/schemas/', `${SCHEMA_ID}#/$defs/`);
    } else {
      converted[key] = key === 'properties' ? mapValues(value, toJsonSchema) : toJsonSchema(value);
    }
  }
  if (nullable !== true) return converted;
  if (typeof converted.type === 'string') {
    const withNull: Record<string, unknown> = { ...converted, type: [converted.type, 'null'] };
    if (Array.isArray(converted.enum)) withNull.enum = [...converted.enum, null];
    return withNull;
  }
  return { anyOf: [converted, { type: 'null' }] };
}

function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats.default(ajv);
  ajv.addFormat('unix-time', { type: 'number', validate: (value: number) => Number.isInteger(value) });
  const stubs = Object.fromEntries(openApiSubset['x-subset'].unresolvedRefs.map((name) => [name, {}]));
  ajv.addSchema({
    $id: SCHEMA_ID,
    $defs: { ...stubs, ...(mapValues(openApiSubset.components.schemas, toJsonSchema) as object) },
  });
  return ajv;
}

const ajv = createAjv();

function validatorFor(schemaName: string): ValidateFunction {
  const validate = ajv.getSchema(`${SCHEMA_ID}#/$defs/${schemaName}`);
  if (!validate) throw new Error(`No schema ${schemaName} in the OpenAPI subset`);
  return validate;
}

export type StripeSchemaName = 'account' | 'account_link' | 'login_link' | 'error' | 'event';

/** Schema violations as readable strings; an empty list means the value conforms. */
export function schemaViolations(schemaName: StripeSchemaName, value: unknown): string[] {
  const validate = validatorFor(schemaName);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`.trim());
}
