/** Samples process groups while load runs: CPU seconds over a window, idle and peak memory. */
import { cpuSeconds, machineBusySeconds, proportionalBytes, residentBytes } from './proc-stats.js';

const SAMPLE_INTERVAL_MS = 200;

/** @param {import('./process-groups.js').ProcessGroup} group @param {number[]} pids */
function memoryBytes(group, pids) {
  const read = group.memory === 'pss' ? proportionalBytes : residentBytes;
  return pids.reduce((sum, pid) => sum + (read(pid) ?? 0), 0);
}

/**
 * CPU is counted per process from its first to its last sighting within the window, so processes that
 * start (counted from zero) or end (counted to their last sample) during the window are included.
 */
export class ProcessSampler {
  #groups;
  /** @type {Map<string, Map<number, { first: number, last: number }>> | null} */
  #cpuWindow = null;
  /** @type {Map<string, number>} */
  #peakMemory = new Map();
  /** @type {NodeJS.Timeout | undefined} */
  #timer;
  #machineBusyAtOpening = 0;

  /** @param {import('./process-groups.js').ProcessGroup[]} groups */
  constructor(groups) {
    this.#groups = groups;
  }

  /** Idle memory of every group now, in bytes. @returns {Record<string, number>} */
  memoryNow() {
    return Object.fromEntries(this.#groups.map((group) => [group.name, memoryBytes(group, group.pids())]));
  }

  /** Starts counting CPU and peak memory from now. */
  openWindow() {
    this.#cpuWindow = new Map(this.#groups.map((group) => [group.name, new Map()]));
    this.#peakMemory = new Map();
    this.#machineBusyAtOpening = machineBusySeconds();
    this.#sample(true);
    this.#timer = setInterval(() => this.#sample(false), SAMPLE_INTERVAL_MS);
  }

  /**
   * Per group, and `otherCpuSeconds`: what the rest of the machine used meanwhile (other people's work is
   * noise in every figure).
   * @returns {{ groups: Record<string, { cpuSeconds: number, peakMemoryBytes: number }>, otherCpuSeconds: number }}
   */
  closeWindow() {
    clearInterval(this.#timer);
    this.#sample(false);
    const machineBusy = machineBusySeconds() - this.#machineBusyAtOpening;
    const window = this.#cpuWindow;
    if (!window) throw new Error('closeWindow() without openWindow()');
    this.#cpuWindow = null;
    const groups = Object.fromEntries(
      this.#groups.map(({ name }) => {
        let used = 0;
        for (const { first, last } of window.get(name)?.values() ?? []) used += last - first;
        return [name, { cpuSeconds: used, peakMemoryBytes: this.#peakMemory.get(name) ?? 0 }];
      }),
    );
    const measured = Object.values(groups).reduce((sum, group) => sum + group.cpuSeconds, 0);
    return { groups, otherCpuSeconds: Math.max(0, machineBusy - measured) };
  }

  /** @param {boolean} opening processes seen at opening count from their current CPU, later ones from zero */
  #sample(opening) {
    for (const group of this.#groups) {
      const perProcess = this.#cpuWindow?.get(group.name);
      const pids = group.pids();
      for (const pid of pids) {
        const used = cpuSeconds(pid);
        if (used === null || !perProcess) continue;
        const seen = perProcess.get(pid);
        if (seen) seen.last = used;
        else perProcess.set(pid, { first: opening ? used : 0, last: used });
      }
      this.#peakMemory.set(
        group.name,
        Math.max(this.#peakMemory.get(group.name) ?? 0, memoryBytes(group, pids)),
      );
    }
  }
}
