/** Profile mode: one measured run per target with V8's CPU profiler on over the measured load. */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { targetsOf } from './benchmark.js';
import { measureTarget } from './load/measure-target.js';
import { resultsDirectory } from './paths.js';
import { loadSize } from './plan.js';
import { summariseProfile } from './profile/summarise-profile.js';

export const PROFILES_DIRECTORY = join(resultsDirectory, 'profiles');

/**
 * Writes `bench/results/profiles/<results name>-<target>.cpuprofile` (open it in Chrome DevTools) and summarises it.
 * @param {import('./session.js').Session} session
 * @param {import('./plan.js').Plan} plan
 */
export async function runProfiles(session, plan) {
  await mkdir(PROFILES_DIRECTORY, { recursive: true });
  const connections = plan.connectionLevels[0] ?? 64;
  const platform = /** @type {import('./session.js').Platform} */ (session.platforms[0]);
  const profiles = [];
  for (const target of targetsOf(plan, plan.nodeFlagSets[0])) {
    const profilePath = join(PROFILES_DIRECTORY, `${plan.resultsName}-${target.name}.cpuprofile`);
    const run = await measureTarget(session, target, {
      platform,
      stripeLatency: plan.stripeLatency,
      connections,
      ...loadSize(plan, connections),
      timeCapMs: plan.timeCapMs,
      quietWaitMs: plan.quietWaitMs,
      profilePath,
    });
    const summary = summariseProfile(JSON.parse(await readFile(profilePath, 'utf8')));
    profiles.push({ target: target.name, connections, profilePath, run, summary });
  }
  return profiles;
}
