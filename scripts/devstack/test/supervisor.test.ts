import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { startProcess } from '../src/processes';
import type { RestartPolicy } from '../src/restart-policy';
import { Supervisor } from '../src/supervisor';
import { waitFor } from '../src/wait';

/** Running, as opposed to gone or a zombie. */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

const FAST: RestartPolicy = { initialDelayMs: 20, maxDelayMs: 80, healthyAfterMs: 60_000, maxFastCrashes: 3 };

/** A supervisor of `sh -c script`, with what it told and whether it gave up. */
function supervise(script: string, policy: RestartPolicy = FAST) {
  const said: string[] = [];
  const gaveUp: string[] = [];
  const ended: number[] = [];
  const supervisor = new Supervisor({
    name: 'worker',
    spawn: () => startProcess({ name: 'worker', command: 'sh', args: ['-c', script] }),
    policy,
    log: (message) => said.push(message),
    onEnd: (child) => ended.push(child.pid),
    onGiveUp: (message) => gaveUp.push(message),
  });
  supervisor.start();
  return { supervisor, said, gaveUp, ended };
}

describe('Supervisor', () => {
  it('restarts a process that died, saying what died, its exit code and when it restarts', async () => {
    const { supervisor, said } = supervise('exit 3', { ...FAST, maxFastCrashes: 10 });
    try {
      await waitFor(() => supervisor.runCount >= 2, { timeoutMs: 10_000, description: 'a restart' });
      expect(said[0]).toMatch(/^worker exited with code 3 at \d\d:\d\d:\d\d after \d+ ms \(crash 1 of 10 in a row\); restarting it in 20 ms$/);
      expect(said[1]).toBe('restarting worker (run 2)');
    } finally {
      await supervisor.stop(1_000);
    }
  });

  it('gives up after repeated fast crashes, with a message that says so, and starts nothing more', async () => {
    const { supervisor, said, gaveUp, ended } = supervise('echo starting; exit 1');
    await waitFor(() => gaveUp.length > 0 || undefined, { timeoutMs: 10_000, description: 'giving up' });
    expect(supervisor.runCount).toBe(3);
    expect(ended).toHaveLength(3);
    expect(said.filter((line) => line.startsWith('restarting worker'))).toEqual(['restarting worker (run 2)', 'restarting worker (run 3)']);
    expect(gaveUp).toEqual([
      expect.stringMatching(/^worker exited with code 1 at \d\d:\d\d:\d\d: 3 crashes in a row, each within 60s of starting; giving up on it/),
    ]);
    await supervisor.stop(1_000);
  });

  it('keeps restarting a process whose runs lasted, however often it dies', async () => {
    const { supervisor, said, gaveUp } = supervise('sleep 0.3; exit 1', { ...FAST, healthyAfterMs: 100, maxFastCrashes: 1 });
    try {
      await waitFor(() => supervisor.runCount >= 3, { timeoutMs: 10_000, description: 'three runs' });
      expect(gaveUp).toEqual([]);
      expect(said[0]).toContain('(after a healthy run); restarting it in 20 ms');
    } finally {
      await supervisor.stop(1_000);
    }
  });

  it('tells a process killed by a signal by its signal', async () => {
    const { supervisor, said } = supervise('kill -9 $$');
    try {
      await waitFor(() => said[0], { timeoutMs: 10_000, description: 'the crash report' });
      expect(said[0]).toMatch(/^worker was killed by SIGKILL at /);
    } finally {
      await supervisor.stop(1_000);
    }
  });

  it('stops the running process and its group for good, without a restart', async () => {
    const { supervisor, said, gaveUp } = supervise('sleep 30 & echo $!; wait');
    const child = supervisor.current!;
    const grandchild = Number(await waitFor(() => child.tail() || undefined, { timeoutMs: 5_000 }));
    await supervisor.stop(2_000);
    expect([child.hasExited(), alive(grandchild)]).toEqual([true, false]);
    await sleep(200); // a restart would have been due after 20 ms
    expect({ runs: supervisor.runCount, said, gaveUp }).toEqual({ runs: 1, said: [], gaveUp: [] });
  });

  it('starts nothing when stopped while a restart is pending (Ctrl-C during the back-off)', async () => {
    const { supervisor, said } = supervise('exit 2', { ...FAST, initialDelayMs: 300, maxDelayMs: 1_000 });
    await waitFor(() => said[0], { timeoutMs: 10_000, description: 'the crash report' });
    expect(said[0]).toContain('restarting it in 300 ms');
    await supervisor.stop(1_000);
    await sleep(600);
    expect(supervisor.runCount).toBe(1);
  });

  it('takes what a crashed run left in its process group with it', async () => {
    const { supervisor, said } = supervise('sleep 30 & echo $!; sleep 0.2; exit 4', { ...FAST, initialDelayMs: 60_000 });
    try {
      const grandchild = Number(await waitFor(() => supervisor.current!.tail() || undefined, { timeoutMs: 5_000 }));
      await waitFor(() => said[0], { timeoutMs: 10_000, description: 'the crash report' });
      await waitFor(() => !alive(grandchild), { timeoutMs: 5_000, description: 'the grandchild to be gone' });
    } finally {
      await supervisor.stop(1_000);
    }
  });
});
