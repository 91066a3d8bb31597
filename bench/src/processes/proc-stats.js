/** Reads what the kernel knows about a process: CPU time from /proc/<pid>/stat, memory from status/smaps. */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const CLOCK_TICKS_PER_SECOND =
  Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

function readOrNull(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null; // the process ended between listing and reading it
  }
}

/**
 * CPU seconds a process has used so far (user + system, all its threads, live or ended), or null once it
 * has exited. Fields are counted after the `(comm)` field, which may itself contain spaces.
 * @param {number} pid
 * @returns {number | null}
 */
export function cpuSeconds(pid) {
  const stat = readOrNull(`/proc/${pid}/stat`);
  if (stat === null) return null;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const userTicks = Number(fields[11]);
  const systemTicks = Number(fields[12]);
  return (userTicks + systemTicks) / CLOCK_TICKS_PER_SECOND;
}

/**
 * Resident memory in bytes: `VmRSS` (now) or `VmHWM` (peak since start) from /proc/<pid>/status.
 * @param {number} pid
 * @param {'VmRSS' | 'VmHWM'} [field]
 * @returns {number | null}
 */
export function residentBytes(pid, field = 'VmRSS') {
  const status = readOrNull(`/proc/${pid}/status`);
  const match = status?.match(new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm'));
  return match ? Number(match[1]) * 1024 : null;
}

/**
 * Proportional set size in bytes: shared pages (PostgreSQL's shared buffers) split between the processes
 * mapping them, so a sum over a group of processes counts each page once.
 * @param {number} pid
 * @returns {number | null}
 */
export function proportionalBytes(pid) {
  const rollup = readOrNull(`/proc/${pid}/smaps_rollup`);
  const match = rollup?.match(/^Pss:\s+(\d+) kB$/m);
  return match ? Number(match[1]) * 1024 : null;
}

/** @param {number} pid */
export function commandLine(pid) {
  return (readOrNull(`/proc/${pid}/cmdline`) ?? '').replaceAll('\0', ' ').trim();
}

/** @param {number} pid @returns {number[]} */
export function childPids(pid) {
  const children = readOrNull(`/proc/${pid}/task/${pid}/children`);
  return children === null ? [] : children.trim().split(/\s+/).filter(Boolean).map(Number);
}

/**
 * Every live process whose executable name (`comm`) is `name`.
 * @param {string} name
 * @returns {{ pid: number, parentPid: number }[]}
 */
export function processesNamed(name) {
  const found = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readOrNull(`/proc/${entry}/stat`);
    if (stat === null) continue;
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    if (comm !== name) continue;
    const parentPid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    found.push({ pid: Number(entry), parentPid });
  }
  return found;
}

/**
 * Connections the kernel dropped since boot because a listening socket's accept queue was full (TcpExt
 * ListenOverflows, all sockets of the machine): the client retransmits and connects a second or more late.
 */
export function listenOverflows() {
  const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n');
  const names = lines.find((line) => line.startsWith('TcpExt:'))?.split(' ') ?? [];
  const values = lines.filter((line) => line.startsWith('TcpExt:'))[1]?.split(' ') ?? [];
  return Number(values[names.indexOf('ListenOverflows')] ?? 0);
}

/** CPU seconds the whole machine has spent busy (all cores, anything but idle and I/O wait), from /proc/stat. */
export function machineBusySeconds() {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return (
    ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) /
    CLOCK_TICKS_PER_SECOND
  );
}
