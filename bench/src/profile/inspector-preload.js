/**
 * Loaded with `node --import` into a server under test when the bench profiles it. The bench starts and
 * stops V8's CPU profiler and its sampling heap profiler over IPC, so both profiles cover the measured load only:
 * no start-up, no warm-up.
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

/**
 * One allocation sampled per this many bytes on average; V8 scales the samples back to the bytes allocated. The
 * objects either garbage collector took since are kept in the profile: per request, almost everything is garbage.
 */
const HEAP_SAMPLING = {
  samplingInterval: 16_384,
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: true,
};

const inspector = new Session();
inspector.connect();

process.on('message', async (message) => {
  if (message?.profiler === 'start') {
    await inspector.post('Profiler.enable');
    await inspector.post('HeapProfiler.enable');
    await inspector.post('HeapProfiler.startSampling', HEAP_SAMPLING);
    await inspector.post('Profiler.start');
    process.send?.({ profiler: 'started' });
  } else if (message?.profiler === 'stop') {
    const { profile } = await inspector.post('Profiler.stop');
    const { profile: heapProfile } = await inspector.post('HeapProfiler.stopSampling');
    await writeFile(message.paths.cpu, JSON.stringify(profile));
    await writeFile(message.paths.heap, JSON.stringify(heapProfile));
    process.send?.({ profiler: 'written' });
  }
});
