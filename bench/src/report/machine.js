/** What the figures were measured on: the machine, the runtime, and the code's revision. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { repositoryRoot } from '../paths.js';

function cpuModel() {
  const match = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m);
  return match?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
}

/** @param {string[]} args */
function git(args) {
  try {
    return execFileSync('git', args, { cwd: repositoryRoot, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

export function describeMachine() {
  return {
    cpuModel: cpuModel(),
    cores: os.availableParallelism(),
    memoryGb: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
    kernel: os.release(),
    node: process.version,
    /** Other work on the machine skews every figure: 1-minute load average as the bench starts. */
    loadAverageAtStart: Number(os.loadavg()[0]?.toFixed(2)),
  };
}

/** The commit, and the files under test that differed from it (others may be editing the checkout). */
export function describeRevision() {
  const changed = git(['status', '--porcelain', '--', 'apps/api-core', 'packages', 'prisma']);
  return {
    commit: git(['rev-parse', 'HEAD']),
    uncommittedChanges: changed ? changed.split('\n').map((line) => line.slice(3)) : [],
  };
}
