/**
 * Parser for Stripe's form encoding: `application/x-www-form-urlencoded` with bracket notation
 * (`controller[fees][payer]=application`, `expand[0]=requirements`, `expand[]=settings`).
 */

export type FormValue = string | FormValue[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

export class FormParseError extends Error {}

// Built in Maps first so keys like `__proto__` or `constructor` stay ordinary data.
type Node =
  | { kind: 'leaf'; value: string }
  | { kind: 'object'; children: Map<string, Node> }
  | { kind: 'array'; children: Map<number, Node>; nextIndex: number };

type Container = Exclude<Node, { kind: 'leaf' }>;

const KEY_PATTERN = /^([^[\]]+)((?:\[[^[\]]*\])*)$/;
const SEGMENT_PATTERN = /\[([^[\]]*)\]/g;
const ARRAY_INDEX_PATTERN = /^\d{1,6}$/;

export function parseForm(encoded: string): FormObject {
  const root: Container = { kind: 'object', children: new Map() };
  for (const pair of encoded.split('&')) {
    if (pair === '') continue;
    const separator = pair.indexOf('=');
    const key = decodeComponent(separator === -1 ? pair : pair.slice(0, separator));
    const value = decodeComponent(separator === -1 ? '' : pair.slice(separator + 1));
    assign(root, splitKey(key), key, value);
  }
  return toFormValue(root) as FormObject;
}

function decodeComponent(component: string): string {
  try {
    return decodeURIComponent(component.replaceAll('+', ' '));
  } catch {
    throw new FormParseError(`Invalid percent-encoding in \`${component}\`.`);
  }
}

function splitKey(key: string): string[] {
  const match = KEY_PATTERN.exec(key);
  if (!match?.[1]) throw new FormParseError(`Invalid parameter name \`${key}\`.`);
  const nested = [...(match[2] ?? '').matchAll(SEGMENT_PATTERN)].map((segment) => segment[1] ?? '');
  return [match[1], ...nested];
}

function assign(root: Container, segments: string[], key: string, value: string): void {
  const conflict = () =>
    new FormParseError(`Parameter \`${key}\` conflicts with another value for the same name.`);
  let container = root;
  for (let position = 0; position < segments.length - 1; position++) {
    const segment = segments[position] ?? '';
    const existing = getChild(container, segment);
    if (existing?.kind === 'leaf') throw conflict();
    if (existing) {
      container = existing;
      continue;
    }
    const created: Container = isArraySegment(segments[position + 1] ?? '')
      ? { kind: 'array', children: new Map(), nextIndex: 0 }
      : { kind: 'object', children: new Map() };
    setChild(container, segment, created, key);
    container = created;
  }
  const lastSegment = segments.at(-1) ?? '';
  const existing = getChild(container, lastSegment);
  if (existing && existing.kind !== 'leaf') throw conflict();
  setChild(container, lastSegment, { kind: 'leaf', value }, key);
}

function isArraySegment(segment: string): boolean {
  return segment === '' || ARRAY_INDEX_PATTERN.test(segment);
}

function getChild(container: Container, segment: string): Node | undefined {
  if (container.kind === 'object') return container.children.get(segment);
  return segment === '' ? undefined : container.children.get(Number(segment));
}

function setChild(container: Container, segment: string, child: Node, key: string): void {
  if (container.kind === 'object') {
    container.children.set(segment, child);
    return;
  }
  if (!isArraySegment(segment)) {
    throw new FormParseError(`Parameter \`${key}\` mixes array indices and hash keys.`);
  }
  const index = segment === '' ? container.nextIndex : Number(segment);
  container.children.set(index, child);
  container.nextIndex = Math.max(container.nextIndex, index + 1);
}

function toFormValue(node: Node): FormValue {
  switch (node.kind) {
    case 'leaf':
      return node.value;
    case 'object':
      return Object.fromEntries([...node.children].map(([key, child]) => [key, toFormValue(child)]));
    case 'array':
      return [...node.children]
        .sort(([left], [right]) => left - right)
        .map(([, child]) => toFormValue(child));
  }
}
