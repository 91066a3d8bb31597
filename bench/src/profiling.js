/**
 * Profile mode: one measured run per target with V8's CPU profiler and its sampling heap profiler on over the
 * measured load.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { targetsOf } from './benchmark.js';
import { measureTarget } from './load/measure-target.js';
import { resultsDirectory } from './paths.js';
import { loadSize } from './plan.js';
import { summariseHeapProfile, summariseProfile } from './profile/summarise-profile.js';

export const PROFILES_DIRECTORY = join(resultsDirectory, 'profiles');

/**
 * Writes `bench/results/profiles/<results name>-<target>.cpuprofile` and `.heapprofile` (open them in Chrome
 * DevTools) and summarises them.
 * @param {import('./session.js').Session} session
 * @param {import('./plan.js').Plan} plan
 */
export async function runProfiles(session, plan) {
  await mkdir(PROFILES_DIRECTORY, { recursive: true });
  const connections = plan.connectionLevels[0] ?? 64;
  const platform = /** @type {import('./session.js').Platform} */ (session.platforms[0]);
  const profiles = [];
  for (const target of targetsOf(plan, plan.nodeFlagSets[0])) {
    const name = join(PROFILES_DIRECTORY, `${plan.resultsName}-${target.name}`);
    const profilePaths = { cpu: `${name}.cpuprofile`, heap: `${name}.heapprofile` };
    const run = await measureTarget(session, target, {
      platform,
      stripeLatency: plan.stripeLatency,
      connections,
      ...loadSize(plan, connections),
      timeCapMs: plan.timeCapMs,
      quietWaitMs: plan.quietWaitMs,
      profilePaths,
    });
    const summary = summariseProfile(JSON.parse(await readFile(profilePaths.cpu, 'utf8')));
    const allocation = summariseHeapProfile(
      JSON.parse(await readFile(profilePaths.heap, 'utf8')),
      run.load.responses,
    );
    profiles.push({ target: target.name, connections, profilePaths, run, summary, allocation });
  }
  return profiles;
}
