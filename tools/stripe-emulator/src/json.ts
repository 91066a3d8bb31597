/** A JSON object (not an array, not null), as seeds, faults and control requests must be. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
