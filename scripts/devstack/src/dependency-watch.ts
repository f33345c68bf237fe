import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clockTime, describeExit } from './clock';
import { log as devLog } from './log';
import type { ManagedProcess } from './processes';

const RULE = '!'.repeat(78);

/** Prints `lines` between two rules of `!`, so that they stand out of the children's output. */
export function logLoudly(lines: string[], log: (message: string) => void = devLog): void {
  log(RULE);
  for (const line of lines) log(`!!! ${line}`);
  log(RULE);
}

/** Whether `pid` runs (a zombie waiting for its parent does not). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    return !/^\d+ \(.*\) [ZX]/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // no /proc: kill(0) has answered
  }
}

/** What a dependency is, for the messages about its death. */
export interface Dependency {
  /** `Temporal`, `maildev`, `PostgreSQL`. */
  name: string;
  /** What stops working without it. */
  consequence: string;
  /** Where its own log is. */
  logFile?: string;
}

/**
 * The servers `make dev` started and does not restart: a death is told loudly once, as it happens,
 * and remembered so that readiness and the final summary can name it. Nothing is told once
 * `stopping` is aborted (then we are the ones stopping them).
 */
export class DependencyWatch {
  private readonly deaths: string[] = [];
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly stopping: AbortSignal,
    private readonly log: (message: string) => void = devLog,
  ) {
    stopping.addEventListener('abort', () => this.timers.forEach(clearInterval), { once: true });
  }

  /** `Temporal died at 12:00:01 (exited with code 2)`, one per dead dependency. */
  get died(): readonly string[] {
    return this.deaths;
  }

  private report(dependency: Dependency, how: string, lastLines?: string): void {
    if (this.stopping.aborted) return;
    const at = clockTime();
    this.deaths.push(`${dependency.name} died at ${at} (${how})`);
    logLoudly(
      [
        `${dependency.name} DIED at ${at} (${how}). make dev does not restart it.`,
        `Until it is back, ${dependency.consequence}.`,
        ...(dependency.logFile ? [`Its log: ${dependency.logFile}`] : []),
        ...(lastLines ? ['Its last lines:', ...lastLines.split('\n').map((line) => `  ${line}`)] : []),
        'Press Ctrl-C and run `make dev` again to get it back.',
      ],
      this.log,
    );
  }

  /** Tells when `child` ends. */
  watchProcess(child: ManagedProcess, dependency: Dependency): void {
    void child.exited.then((code) => {
      const lastLines = child.tail(20).split('\n').map((line) => line.trimEnd()).filter(Boolean).slice(-5);
      this.report(dependency, describeExit(code), lastLines.join('\n') || undefined);
    });
  }

  /**
   * Tells when the postmaster of the cluster in `dataDir` is gone (it runs detached from us: pg_ctl
   * starts it), checking its `postmaster.pid` every `intervalMs`; and when one is back.
   */
  watchPostgres(dataDir: string, dependency: Dependency, intervalMs = 2_000): void {
    const pidOf = (): number | undefined => {
      try {
        const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n', 1)[0]);
        return Number.isInteger(pid) && pid > 0 ? pid : undefined;
      } catch {
        return undefined;
      }
    };
    let watched = pidOf();
    let down = false;
    const timer = setInterval(() => {
      const pid = pidOf();
      const up = pid !== undefined && isRunning(pid);
      if (!up && !down) {
        down = true;
        this.report(dependency, watched === undefined ? 'no postmaster.pid' : `its postmaster, pid ${watched}, is gone`);
      } else if (up && down) {
        down = false;
        if (!this.stopping.aborted) this.log(`${dependency.name} is running again (pid ${pid})`);
      }
      if (up) watched = pid;
    }, intervalMs);
    timer.unref();
    this.timers.push(timer);
  }
}
