/** The bench's side of inspector-preload.js: start and stop the profilers inside a child over IPC. */
import { fileURLToPath } from 'node:url';

export const PROFILER_PRELOAD_ARGS = [
  '--import',
  fileURLToPath(new URL('./inspector-preload.js', import.meta.url)),
];

/**
 * @param {import('../processes/children.js').ChildHandle} handle
 * @param {{ profiler: 'start' } | { profiler: 'stop', paths: { cpu: string, heap: string } }} command
 * @param {'started' | 'written'} expected
 */
async function ask(handle, command, expected) {
  const answered = new Promise((resolve) => {
    /** @param {any} message */
    const listener = (message) => {
      if (message?.profiler !== expected) return;
      handle.process.off('message', listener);
      resolve(undefined);
    };
    handle.process.on('message', listener);
  });
  handle.process.send(command);
  const outcome = await Promise.race([answered.then(() => 'answered'), handle.exited.then(() => 'exited')]);
  if (outcome === 'exited') throw new Error(`${handle.name} exited while profiling`);
}

/** @param {import('../processes/children.js').ChildHandle} handle */
export function startProfiler(handle) {
  return ask(handle, { profiler: 'start' }, 'started');
}

/**
 * @param {import('../processes/children.js').ChildHandle} handle
 * @param {{ cpu: string, heap: string }} paths where the .cpuprofile and the .heapprofile go
 */
export function stopProfilerInto(handle, paths) {
  return ask(handle, { profiler: 'stop', paths }, 'written');
}
