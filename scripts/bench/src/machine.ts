/**
 * What the machine says about itself: load averages (a 2-core machine shared with other people: a
 * measurement waits for it to be quiet), and CPU seconds and memory of processes from /proc.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** The 1, 5 and 15 minute load averages. */
export function loadAverage(): [number, number, number] {
  const [one, five, fifteen] = readFileSync('/proc/loadavg', 'utf8').split(' ').map(Number);
  return [one!, five!, fifteen!];
}

export function describeLoad(): string {
  return `load ${loadAverage().map((value) => value.toFixed(2)).join(' ')}`;
}

/**
 * Waits until the 1-minute load average is below `threshold`, polling every 10 s for at most
 * `maxMs`; says what it waited for. Resolves with whether the machine got quiet.
 */
export async function waitForQuiet(threshold: number, maxMs: number, say: (line: string) => void): Promise<boolean> {
  const startedAt = Date.now();
  let told = 0;
  while (loadAverage()[0] >= threshold) {
    if (Date.now() - startedAt >= maxMs) {
      say(`  the machine did not get quiet within ${Math.round(maxMs / 1000)} s (${describeLoad()}): measuring with that load`);
      return false;
    }
    if (Date.now() - told >= 60_000) {
      say(`  waiting for the 1-minute load average to fall below ${threshold} (${describeLoad()})...`);
      told = Date.now();
    }
    await sleep(10_000);
  }
  if (told) say(`  quiet after ${Math.round((Date.now() - startedAt) / 1000)} s (${describeLoad()})`);
  return true;
}

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

interface Stat {
  ppid: number;
  /** utime + stime, and cutime + cstime (children that ended and were waited for), in ticks. */
  own: number;
  children: number;
}

function readStat(pid: number): Stat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name may hold spaces: the fields after it start behind the last ')'
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), own: Number(fields[11]) + Number(fields[12]), children: Number(fields[13]) + Number(fields[14]) };
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds used so far by `pid` and every live descendant, plus the descendants that ended and
 * were reaped (PostgreSQL's backends, a Go server's helpers): a difference of two readings is the
 * CPU the tree used between them.
 */
export function treeCpuSeconds(pid: number): number {
  const stats = new Map<number, Stat>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(Number(name));
    if (stat) stats.set(Number(name), stat);
  }
  const root = stats.get(pid);
  if (!root) return NaN;
  let ticks = root.own + root.children;
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const [child, stat] of stats) {
      if (stat.ppid !== parent) continue;
      ticks += stat.own + stat.children;
      queue.push(child);
    }
  }
  return ticks / CLOCK_TICKS;
}

/** Resident memory of one process in MiB (VmRSS). */
export function rssMiB(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** The postmaster's pid of a PostgreSQL cluster (first line of postmaster.pid). */
export function postmasterPid(dataDir: string): number {
  return Number(readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0]);
}
