/** Self time of a V8 CPU profile (.cpuprofile), by function and by package. */
import { repositoryRoot } from '../paths.js';

const PSEUDO_FUNCTIONS = new Set(['(garbage collector)', '(program)', '(idle)', '(root)']);

/** Which package (or part of the runtime) a function belongs to. @param {{ functionName: string, url: string }} frame */
export function packageOf({ functionName, url }) {
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
 * @param {{
 *   nodes: { id: number, callFrame: { functionName: string, url: string, lineNumber: number } }[],
 *   samples: number[],
 *   timeDeltas: number[],
 * }} profile
 * @param {number} [top] how many functions to list
 */
export function summariseProfile(profile, top = 20) {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  /** @type {Map<string, { function: string, location: string, package: string, selfMicros: number }>} */
  const byFunction = new Map();
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
  });
  /** @type {Map<string, number>} */
  const byPackage = new Map();
  for (const entry of byFunction.values()) {
    byPackage.set(entry.package, (byPackage.get(entry.package) ?? 0) + entry.selfMicros);
  }
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
    byPackage: [...byPackage]
      .sort((a, b) => b[1] - a[1])
      .map(([name, micros]) => ({ package: name, ...share(micros) })),
  };
}
