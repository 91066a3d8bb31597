/**
 * Self time of a V8 CPU profile (.cpuprofile), by function and by package; bytes allocated in a sampling heap
 * profile (.heapprofile), by package.
 */
import { repositoryRoot } from '../paths.js';

const PSEUDO_FUNCTIONS = new Set(['(garbage collector)', '(program)', '(idle)', '(root)']);
/** Frames that do work on behalf of the code that called them: charged to it in `byCallingPackage`. */
const RUNTIME_PACKAGES = new Set(['(native)', 'node (internals)', 'other']);

/**
 * Which package (or part of the runtime) a function belongs to.
 * @param {{ functionName: string, url: string }} frame
 */
function packageOf({ functionName, url }) {
  if (PSEUDO_FUNCTIONS.has(functionName)) return functionName;
  if (!url) return '(native)';
  if (url.startsWith('node:')) return 'node (internals)';
  const nodeModules = url.lastIndexOf('/node_modules/');
  if (nodeModules >= 0) {
    const [scopeOrName, name] = url.slice(nodeModules + '/node_modules/'.length).split('/');
    return scopeOrName?.startsWith('@') ? `${scopeOrName}/${name}` : (scopeOrName ?? url);
  }
  if (url.includes('/apps/api-core/')) return '@biore/api-core';
  if (url.includes('/packages/database/')) return '@biore/database';
  if (url.includes('/bench/src/profile/')) return '(profiler)';
  if (url.includes('/bench/')) return 'bench';
  return 'other';
}

/** @param {string} url */
function shortLocation(url) {
  const path = url.replace('file://', '').replace(repositoryRoot, '');
  const nodeModules = path.lastIndexOf('/node_modules/');
  return nodeModules >= 0 ? path.slice(nodeModules + '/node_modules/'.length) : path;
}

/**
 * @typedef {{ id: number, callFrame: { functionName: string, url: string, lineNumber: number }, children?: number[] }} ProfileNode
 */

/**
 * The package each node's time is charged to when native and Node-internal work counts for its caller:
 * the nearest enclosing frame of a package, or `(runtime)` when there is none (event loop, HTTP parsing).
 * @param {ProfileNode[]} nodes
 * @returns {(id: number) => string}
 */
function callingPackages(nodes) {
  /** @type {Map<number, number>} */
  const parentOf = new Map();
  for (const node of nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const byId = new Map(nodes.map((node) => [node.id, node]));
  /** @type {Map<number, string>} */
  const charged = new Map();
  /** @param {number} id @returns {string} */
  const chargeOf = (id) => {
    const known = charged.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    const own = node ? packageOf(node.callFrame) : '(root)';
    const parent = parentOf.get(id);
    let result = own;
    if (own === '(root)' || (RUNTIME_PACKAGES.has(own) && parent === undefined)) result = '(runtime)';
    else if (RUNTIME_PACKAGES.has(own) && parent !== undefined) result = chargeOf(parent);
    charged.set(id, result);
    return result;
  };
  return chargeOf;
}

/**
 * @param {{ nodes: ProfileNode[], samples: number[], timeDeltas: number[] }} profile
 * @param {number} [top] how many functions to list
 */
export function summariseProfile(profile, top = 20) {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const chargeOf = callingPackages(profile.nodes);
  /** @type {Map<string, { function: string, location: string, package: string, selfMicros: number }>} */
  const byFunction = new Map();
  /** @type {Map<string, number>} */
  const byCallingPackage = new Map();
  let busyMicros = 0;
  profile.samples.forEach((nodeId, index) => {
    const frame = frames.get(nodeId);
    const micros = profile.timeDeltas[index] ?? 0;
    if (!frame || frame.functionName === '(idle)') return;
    busyMicros += micros;
    const location = frame.url ? `${shortLocation(frame.url)}:${frame.lineNumber + 1}` : '';
    const key = `${frame.functionName}@${location}`;
    const entry = byFunction.get(key) ?? {
      function: frame.functionName || '(anonymous)',
      location,
      package: packageOf(frame),
      selfMicros: 0,
    };
    entry.selfMicros += micros;
    byFunction.set(key, entry);
    const charged = chargeOf(nodeId);
    byCallingPackage.set(charged, (byCallingPackage.get(charged) ?? 0) + micros);
  });
  const share = (/** @type {number} */ micros) => ({
    selfMs: Number((micros / 1_000).toFixed(1)),
    selfPercent: Number(((micros / busyMicros) * 100).toFixed(1)),
  });
  return {
    busyMs: Number((busyMicros / 1_000).toFixed(1)),
    topFunctions: [...byFunction.values()]
      .sort((a, b) => b.selfMicros - a.selfMicros)
      .slice(0, top)
      .map(({ selfMicros, ...entry }) => ({ ...entry, ...share(selfMicros) })),
    byCallingPackage: [...byCallingPackage]
      .sort((a, b) => b[1] - a[1])
      .map(([name, micros]) => ({ package: name, ...share(micros) })),
  };
}

/**
 * @typedef {{ id: number, callFrame: ProfileNode['callFrame'], selfSize: number, children: HeapProfileNode[] }} HeapProfileNode
 */

/**
 * Bytes allocated over the profile (V8 scales its samples back to the bytes allocated), per answer and by the
 * package that allocated them, native and Node work charged to its caller as in the CPU profile.
 * @param {{ head: HeapProfileNode }} profile
 * @param {number} answers the answers the target sent while profiled
 */
export function summariseHeapProfile(profile, answers) {
  /** @type {HeapProfileNode[]} */
  const nodes = [];
  /** @param {HeapProfileNode} node */
  const visit = (node) => {
    nodes.push(node);
    for (const child of node.children) visit(child);
  };
  visit(profile.head);
  const chargeOf = callingPackages(
    nodes.map(({ id, callFrame, children }) => ({
      id,
      callFrame,
      children: children.map((child) => child.id),
    })),
  );
  /** @type {Map<string, number>} */
  const byCallingPackage = new Map();
  let totalBytes = 0;
  for (const node of nodes) {
    if (node.selfSize === 0) continue;
    totalBytes += node.selfSize;
    const charged = chargeOf(node.id);
    byCallingPackage.set(charged, (byCallingPackage.get(charged) ?? 0) + node.selfSize);
  }
  const perAnswer = (/** @type {number} */ bytes) => Number((bytes / answers / 1_024).toFixed(1));
  return {
    allocatedMb: Number((totalBytes / 1_048_576).toFixed(1)),
    answers,
    kbPerAnswer: perAnswer(totalBytes),
    byCallingPackage: [...byCallingPackage]
      .sort((a, b) => b[1] - a[1])
      .map(([name, bytes]) => ({
        package: name,
        kbPerAnswer: perAnswer(bytes),
        percent: Number(((bytes / totalBytes) * 100).toFixed(1)),
      })),
  };
}
