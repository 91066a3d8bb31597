/**
 * Declarative request-parameter checks that answer like Stripe (`parameter_unknown`, `parameter_missing`,
 * `Invalid ...`) and hand typed values to the handlers.
 */
import { stripeErrors } from './errors.js';
import type { FormObject, FormValue } from './form.js';

export interface Param<T> {
  readonly parse: (value: FormValue, path: string) => T;
  readonly required: boolean;
}

type ParamType<P> = P extends Param<infer T> ? T : never;
type Fields = Record<string, Param<unknown>>;
type RequiredKeys<F extends Fields> = {
  [K in keyof F]: F[K] extends { required: true } ? K : never;
}[keyof F];
type Simplify<T> = { [K in keyof T]: T[K] };
export type HashOf<F extends Fields> = Simplify<
  { [K in RequiredKeys<F>]: ParamType<F[K]> } & { [K in Exclude<keyof F, RequiredKeys<F>>]?: ParamType<F[K]> }
>;

function param<T>(parse: (value: FormValue, path: string) => T): Param<T> {
  return { parse, required: false };
}

function isHash(value: FormValue): value is FormObject {
  return typeof value === 'object' && !Array.isArray(value);
}

function describe(value: FormValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function listInProse(words: readonly string[]): string {
  if (words.length <= 2) return words.join(' or ');
  return `${words.slice(0, -1).join(', ')}, or ${words.at(-1)}`;
}

export function required<T>(optional: Param<T>): Param<T> & { required: true } {
  return { ...optional, required: true };
}

export const string = (): Param<string> =>
  param((value, path) => {
    if (typeof value !== 'string')
      throw stripeErrors.parameterInvalid(path, `Invalid string: ${describe(value)}`);
    return value;
  });

export const oneOf = <const V extends string>(...allowed: V[]): Param<V> =>
  param((value, path) => {
    if (typeof value === 'string' && (allowed as string[]).includes(value)) return value as V;
    throw stripeErrors.parameterInvalid(path, `Invalid ${path}: must be one of ${listInProse(allowed)}`);
  });

export const integer = ({ min, max }: { min?: number; max?: number } = {}): Param<number> =>
  param((value, path) => {
    if (typeof value !== 'string' || !/^-?\d+$/.test(value))
      throw stripeErrors.parameterInvalid(path, `Invalid integer: ${describe(value)}`);
    const number = Number(value);
    if (min !== undefined && number < min)
      throw stripeErrors.parameterInvalid(path, `This value must be greater than or equal to ${min}.`);
    if (max !== undefined && number > max)
      throw stripeErrors.parameterInvalid(path, `This value must be less than or equal to ${max}.`);
    return number;
  });

/** `created` as list endpoints take it: one time, or bounds. */
export interface TimeFilter {
  eq?: number;
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
}

const timeBounds = () => hash({ gt: integer(), gte: integer(), lt: integer(), lte: integer() });

export const timeFilter = (): Param<TimeFilter> =>
  param((value, path) =>
    typeof value === 'string' ? { eq: integer().parse(value, path) } : timeBounds().parse(value, path),
  );

export const boolean = (): Param<boolean> =>
  param((value, path) => {
    if (value === 'true' || value === 'false') return value === 'true';
    throw stripeErrors.parameterInvalid(path, `Invalid boolean: ${describe(value)}`);
  });

export const url = (): Param<string> =>
  param((value, path) => {
    const text = string().parse(value, path);
    if (!URL.canParse(text) || !/^https?:$/.test(new URL(text).protocol)) throw stripeErrors.urlInvalid(path);
    return text;
  });

export const list = <T>(item: Param<T>): Param<T[]> =>
  param((value, path) => {
    if (!Array.isArray(value)) throw stripeErrors.parameterInvalid(path, `Invalid array: ${describe(value)}`);
    return value.map((element, index) => item.parse(element, `${path}[${index}]`));
  });

/** A hash with caller-chosen keys (`metadata`, `capabilities`); `''` clears it, as Stripe allows. */
export const mapOf = <T>(entry: Param<T>): Param<Record<string, T>> =>
  param((value, path) => {
    if (value === '') return {};
    if (!isHash(value)) throw stripeErrors.parameterInvalid(path, `Invalid hash: ${describe(value)}`);
    return Object.fromEntries(
      Object.entries(value).map(([key, element]) => [key, entry.parse(element, `${path}[${key}]`)]),
    );
  });

/** Accepted as Stripe would, but not modelled: dropped from the parsed parameters. */
export const ignored = (): Param<undefined> => param(() => undefined);

/** Adds a check across fields, e.g. parameters that exclude each other. */
export const refine = <T>(base: Param<T>, check: (value: T) => void): Param<T> => ({
  ...base,
  parse: (value, path) => {
    const parsed = base.parse(value, path);
    check(parsed);
    return parsed;
  },
});

export const hash = <F extends Fields>(fields: F): Param<HashOf<F>> =>
  param((value, path) => {
    if (!isHash(value)) throw stripeErrors.parameterInvalid(path, `Invalid hash: ${describe(value)}`);
    return parseFields(fields, value, (name) => (path === '' ? name : `${path}[${name}]`)) as HashOf<F>;
  });

function parseFields(
  fields: Fields,
  value: FormObject,
  pathOf: (name: string) => string,
): Record<string, unknown> {
  const unknownName = Object.keys(value).find((name) => !Object.hasOwn(fields, name));
  if (unknownName !== undefined) throw stripeErrors.parameterUnknown(pathOf(unknownName));
  const parsed: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(fields)) {
    const given = value[name];
    if (given === undefined) {
      if (field.required) throw stripeErrors.parameterMissing(pathOf(name));
      continue;
    }
    const result = field.parse(given, pathOf(name));
    if (result !== undefined) parsed[name] = result;
  }
  return parsed;
}
