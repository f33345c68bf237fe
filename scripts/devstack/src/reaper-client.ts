import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { ReaperCommand, ReaperMessage } from './reaper-protocol';

/**
 * Handle on a reaper process (see reaper.ts): tell it what to clean up should we die without doing
 * it ourselves, and `close()` it once we have cleaned up. Failures to reach it are ignored: it is a
 * safety net, never a reason to fail.
 */
export class Reaper {
  private constructor(private readonly child: ChildProcess) {}

  /** Starts a reaper watching the current process. */
  static start(): Reaper {
    const child = spawn(process.execPath, [join(__dirname, 'reaper.js')], {
      detached: true,
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    child.on('error', () => undefined);
    child.unref();
    (child.channel as { unref?: () => void } | undefined)?.unref?.();
    return new Reaper(child);
  }

  private send(message: ReaperMessage): Promise<void> {
    return new Promise((resolve) => {
      if (!this.child.connected) return resolve();
      this.child.send(message, () => resolve());
    });
  }

  /** Kill this process group (SIGTERM, then SIGKILL) should we die. */
  watchGroup(pid: number): Promise<void> {
    return this.send({ type: 'watch-group', pid });
  }

  forgetGroup(pid: number): Promise<void> {
    return this.send({ type: 'forget-group', pid });
  }

  /** Run `command` should we die (after the groups are gone, newest first); `key` identifies it for `forget`. */
  runOnExit(key: string, command: ReaperCommand): Promise<void> {
    return this.send({ type: 'run-on-exit', key, command });
  }

  forget(key: string): Promise<void> {
    return this.send({ type: 'forget-command', key });
  }

  /** We cleaned up ourselves: the reaper exits without doing anything. */
  async close(): Promise<void> {
    await this.send({ type: 'done' });
    if (this.child.connected) this.child.disconnect();
  }
}
