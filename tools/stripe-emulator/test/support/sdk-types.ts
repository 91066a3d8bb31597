/**
 * The `stripe` package's own TypeScript types, read at test time with the TypeScript compiler, so that a
 * runtime check can ask which fields the SDK marks required on `Stripe.Capability`, `Stripe.Event`, …
 */
import { join } from 'node:path';
import ts from 'typescript';

/** The SDK types the runtime check knows, by the name they have under `Stripe.`. */
export const SDK_TYPE_NAMES = [
  'Account',
  'AccountLink',
  'BankAccount',
  'Capability',
  'DeletedAccount',
  'DeletedWebhookEndpoint',
  'Event',
  'LoginLink',
  'Payout',
  'Person',
  'WebhookEndpoint',
] as const;

export type SdkTypeName = (typeof SDK_TYPE_NAMES)[number];

/** A file that exists only for the compiler, beside this one so that `stripe` resolves as for the tests. */
const PROBE_FILE = join(__dirname, 'sdk-types-probe.ts');
const PROBE_SOURCE = `import type Stripe from 'stripe';
export interface Probe { ${SDK_TYPE_NAMES.map((name) => `${name}: Stripe.${name};`).join(' ')} }
`;

function loadProbe() {
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (file) => (file === PROBE_FILE ? PROBE_SOURCE : readFile(file));
  host.fileExists = (file) => file === PROBE_FILE || fileExists(file);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language) =>
    file === PROBE_FILE ? ts.createSourceFile(file, PROBE_SOURCE, language) : getSourceFile(file, language);
  const program = ts.createProgram({ rootNames: [PROBE_FILE], options, host });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(PROBE_FILE);
  const probe =
    source && checker.getSymbolAtLocation(source)?.exports?.get(ts.escapeLeadingUnderscores('Probe'));
  if (!probe) throw new Error('The probe of the stripe types did not compile');
  return { checker, probeType: checker.getDeclaredTypeOfSymbol(probe) };
}

const { checker, probeType } = loadProbe();

function typeOf(name: SdkTypeName): ts.Type {
  const property = probeType.getProperty(name);
  if (!property) throw new Error(`No Stripe.${name} in the probe`);
  return checker.getTypeOfSymbol(property);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A union member matches when its literal `object` and `type` fields agree with the value's. */
function matchesDiscriminants(member: ts.Type, value: Record<string, unknown>): boolean {
  return ['object', 'type'].every((name) => {
    const property = member.getProperty(name);
    if (!property) return true;
    const type = checker.getTypeOfSymbol(property);
    return !type.isStringLiteral() || type.value === value[name];
  });
}

/** The object type of `type` that describes `value`: itself, or the union member it is an instance of. */
function objectTypeFor(type: ts.Type, value: Record<string, unknown>): ts.Type | undefined {
  const candidates = (type.isUnion() ? type.types : [type]).filter(
    (member) => (member.flags & ts.TypeFlags.Object) !== 0 && !checker.isArrayType(member),
  );
  return candidates.find((member) => matchesDiscriminants(member, value));
}

function missingIn(type: ts.Type, value: unknown, path: string, depth: number): string[] {
  if (depth > 8) return [];
  const nonNull = checker.getNonNullableType(type);
  if (Array.isArray(value)) {
    const arrayType = (nonNull.isUnion() ? nonNull.types : [nonNull]).find((member) =>
      checker.isArrayType(member),
    );
    const [element] = arrayType ? checker.getTypeArguments(arrayType as ts.TypeReference) : [];
    return element
      ? value.flatMap((item, index) => missingIn(element, item, `${path}[${index}]`, depth + 1))
      : [];
  }
  if (!isRecord(value)) return [];
  const objectType = objectTypeFor(nonNull, value);
  if (!objectType) return [];
  return checker.getPropertiesOfType(objectType).flatMap((property) => {
    const name = property.getName();
    const fieldPath = path === '' ? name : `${path}.${name}`;
    if (!(name in value)) return (property.flags & ts.SymbolFlags.Optional) === 0 ? [fieldPath] : [];
    return missingIn(checker.getTypeOfSymbol(property), value[name], fieldPath, depth + 1);
  });
}

/** The fields `Stripe.<name>` marks required that `value` lacks, at any depth (`requirements.errors`, …). */
export function missingRequiredFields(name: SdkTypeName, value: unknown): string[] {
  return missingIn(typeOf(name), value, '', 0);
}
