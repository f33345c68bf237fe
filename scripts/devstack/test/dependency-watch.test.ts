import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DependencyWatch, isRunning } from '../src/dependency-watch';
import { startProcess } from '../src/processes';
import { waitFor } from '../src/wait';

const TEMPORAL = { name: 'Temporal', consequence: 'the API answers 503', logFile: '.data/temporal/temporal.log' };

function sleeper(): ChildProcess {
  return spawn('sleep', ['30'], { stdio: 'ignore' });
}

async function ended(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise((resolve) => child.once('exit', resolve));
}

describe('DependencyWatch', () => {
  it('tells loudly, once, that a server died: which, how, what stops working, its log and its last lines', async () => {
    const said: string[] = [];
    const watch = new DependencyWatch(new AbortController().signal, (line) => said.push(line));
    const server = startProcess({ name: 'temporal', command: 'sh', args: ['-c', 'echo database is locked; exit 2'] });
    watch.watchProcess(server, TEMPORAL);
    await waitFor(() => watch.died.length > 0, { timeoutMs: 5_000, description: 'the report' });
    expect(watch.died).toEqual([expect.stringMatching(/^Temporal died at \d\d:\d\d:\d\d \(exited with code 2\)$/)]);
    expect(said[0]).toMatch(/^!{78}$/);
    expect(said.slice(1, -1)).toEqual([
      expect.stringMatching(/^!!! Temporal DIED at \d\d:\d\d:\d\d \(exited with code 2\)\. make dev does not restart it\.$/),
      '!!! Until it is back, the API answers 503.',
      '!!! Its log: .data/temporal/temporal.log',
      '!!! Its last lines:',
      '!!!   database is locked',
      '!!! Press Ctrl-C and run `make dev` again to get it back.',
    ]);
    expect(said.at(-1)).toBe(said[0]);
  });

  it('says nothing about servers that end once we are stopping', async () => {
    const stopping = new AbortController();
    const said: string[] = [];
    const watch = new DependencyWatch(stopping.signal, (line) => said.push(line));
    const server = startProcess({ name: 'maildev', command: 'sleep', args: ['30'] });
    watch.watchProcess(server, { name: 'maildev', consequence: 'emails fail' });
    stopping.abort();
    await server.stop(1_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect({ said, died: watch.died }).toEqual({ said: [], died: [] });
  });

  it("tells when PostgreSQL's postmaster is gone, and when one runs again", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gotrs-watch-pg-'));
    const stopping = new AbortController();
    const postmaster = sleeper();
    const next = sleeper();
    try {
      writeFileSync(join(dataDir, 'postmaster.pid'), `${postmaster.pid}\n${dataDir}\n`);
      const said: string[] = [];
      const watch = new DependencyWatch(stopping.signal, (line) => said.push(line));
      watch.watchPostgres(dataDir, { name: 'PostgreSQL', consequence: 'reads answer 503' }, 20);
      postmaster.kill('SIGKILL');
      await waitFor(() => watch.died.length > 0, { timeoutMs: 5_000, description: 'the report' });
      expect(watch.died).toEqual([expect.stringContaining(`PostgreSQL died at`)]);
      expect(watch.died[0]).toContain(`(its postmaster, pid ${postmaster.pid}, is gone)`);
      writeFileSync(join(dataDir, 'postmaster.pid'), `${next.pid}\n${dataDir}\n`);
      await waitFor(() => said.includes(`PostgreSQL is running again (pid ${next.pid})`), { timeoutMs: 5_000, description: 'the recovery' });
      expect(said.filter((line) => line.includes('DIED'))).toHaveLength(1);
    } finally {
      stopping.abort();
      postmaster.kill('SIGKILL');
      next.kill('SIGKILL');
      await Promise.all([ended(postmaster), ended(next)]);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('isRunning', () => {
  it('is false for a process that has ended', async () => {
    const child = sleeper();
    expect(isRunning(child.pid!)).toBe(true);
    child.kill('SIGKILL');
    await ended(child);
    expect(isRunning(child.pid!)).toBe(false);
  });
});
