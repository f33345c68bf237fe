import { clockTime, describeExit, humanDuration } from './clock';
import { log as devLog } from './log';
import type { ManagedProcess } from './processes';
import { DEFAULT_RESTART_POLICY, afterCrash, type RestartPolicy } from './restart-policy';

export interface SupervisorOptions {
  /** How the process is called in messages (`worker`, `API`). */
  name: string;
  /** Starts one run of the process. */
  spawn: () => ManagedProcess;
  policy?: RestartPolicy;
  /** Where restarts are told (default: the devstack log on stderr). */
  log?: (message: string) => void;
  /** Called with every run as it starts (the first is run 1), e.g. to hand it to the reaper. */
  onStart?: (child: ManagedProcess, run: number) => void;
  /** Called with every run once it has ended, e.g. to take it from the reaper. */
  onEnd?: (child: ManagedProcess) => void;
  /** Called once when the process crashed too often in a row; it is not started again. */
  onGiveUp: (message: string) => void;
}

/**
 * Keeps one process running: when it ends without being asked to, it is started again after a
 * back-off (see {@link afterCrash}), saying what died, how, and when it restarts; after too many fast
 * crashes in a row it gives up and says so. `stop()` ends it for good.
 */
export class Supervisor {
  private child: ManagedProcess | undefined;
  private runs = 0;
  private fastCrashes = 0;
  private startedAt = 0;
  private stopped = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private readonly policy: RestartPolicy;
  private readonly log: (message: string) => void;

  constructor(private readonly options: SupervisorOptions) {
    this.policy = options.policy ?? DEFAULT_RESTART_POLICY;
    this.log = options.log ?? devLog;
  }

  /** The process's current run (possibly ended, while a restart is pending). */
  get current(): ManagedProcess | undefined {
    return this.child;
  }

  /** How many runs were started so far. */
  get runCount(): number {
    return this.runs;
  }

  /** Starts the first run. */
  start(): ManagedProcess {
    this.runs += 1;
    this.startedAt = Date.now();
    const child = this.options.spawn();
    this.child = child;
    this.options.onStart?.(child, this.runs);
    void child.exited.then((code) => this.ended(child, code));
    return child;
  }

  private async ended(child: ManagedProcess, code: number | string): Promise<void> {
    await child.stop(0); // what it left in its process group goes with it
    this.options.onEnd?.(child);
    if (this.stopped) return;
    const { name } = this.options;
    const ranForMs = Date.now() - this.startedAt;
    const how = describeExit(code);
    const decision = afterCrash(this.policy, this.fastCrashes, ranForMs);
    this.fastCrashes = decision.fastCrashes;
    if (!decision.restart) {
      this.stopped = true;
      this.options.onGiveUp(
        `${name} ${how} at ${clockTime()}: ${decision.fastCrashes} crashes in a row, each within ${humanDuration(this.policy.healthyAfterMs)} ` +
          `of starting; giving up on it (its output above says why)`,
      );
      return;
    }
    const count = decision.fastCrashes === 0 ? 'after a healthy run' : `crash ${decision.fastCrashes} of ${this.policy.maxFastCrashes} in a row`;
    this.log(`${name} ${how} at ${clockTime()} after ${humanDuration(ranForMs)} (${count}); restarting it in ${humanDuration(decision.delayMs)}`);
    this.restartTimer = setTimeout(() => this.restart(), decision.delayMs);
  }

  private restart(): void {
    this.restartTimer = undefined;
    if (this.stopped) return;
    this.log(`restarting ${this.options.name} (run ${this.runs + 1})`);
    try {
      this.start();
    } catch (error) {
      this.stopped = true;
      this.options.onGiveUp(`${this.options.name} cannot be restarted: ${(error as Error).message}`);
    }
  }

  /** Stops the process for good: no restart is pending afterwards, and the current run has ended. */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    await this.child?.stop(graceMs);
  }
}
