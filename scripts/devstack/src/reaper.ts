/**
 * The reaper: a detached watchdog that a devstack process (dev.ts, the Jest global setup) starts
 * with an IPC channel. When that channel closes without a 'done' message, its parent died without
 * cleaning up (SIGKILL, a crash), so the reaper stops the process groups and runs the commands it
 * was told about. It is what guarantees that no Temporal or PostgreSQL server outlives its owner.
 */
import { spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ReaperCommand, ReaperMessage } from './reaper-protocol';

const groups = new Set<number>();
const commands = new Map<string, ReaperCommand>();

function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

async function cleanUp(): Promise<void> {
  for (const pid of groups) signalGroup(pid, 'SIGTERM');
  for (let waited = 0; waited < 5_000 && [...groups].some((pid) => signalGroup(pid, 0)); waited += 100) await sleep(100);
  for (const pid of groups) signalGroup(pid, 'SIGKILL');
  // newest first, like a teardown: `pg_ctl stop` must run before its data folder is removed
  for (const { command, args, uid, gid } of [...commands.values()].reverse()) {
    spawnSync(command, args, { uid, gid, cwd: '/', stdio: 'ignore', timeout: 60_000 });
  }
}

function onMessage(message: ReaperMessage): void {
  switch (message.type) {
    case 'watch-group':
      groups.add(message.pid);
      break;
    case 'forget-group':
      groups.delete(message.pid);
      break;
    case 'run-on-exit':
      commands.set(message.key, message.command);
      break;
    case 'forget-command':
      commands.delete(message.key);
      break;
    case 'done':
      process.exit(0);
  }
}

for (const signal of ['SIGINT', 'SIGHUP'] as const) process.on(signal, () => undefined);
process.on('message', (message) => onMessage(message as ReaperMessage));
process.on('disconnect', () => {
  void cleanUp().finally(() => process.exit(0));
});
