/**
 * Loaded with `node --import` into a server under test when the bench profiles it. The bench starts and
 * stops V8's CPU profiler over IPC, so the profile covers the measured load only: no start-up, no warm-up.
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

const inspector = new Session();
inspector.connect();

process.on('message', async (message) => {
  if (message?.profiler === 'start') {
    await inspector.post('Profiler.enable');
    await inspector.post('Profiler.start');
    process.send?.({ profiler: 'started' });
  } else if (message?.profiler === 'stop') {
    const { profile } = await inspector.post('Profiler.stop');
    await writeFile(message.path, JSON.stringify(profile));
    process.send?.({ profiler: 'written' });
  }
});
