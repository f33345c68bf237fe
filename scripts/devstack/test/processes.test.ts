import { readFileSync } from 'node:fs';
import { startProcess } from '../src/processes';

/** Running, as opposed to gone or a zombie waiting to be reaped by init. */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('startProcess', () => {
  it('keeps the tail of the output', async () => {
    const child = startProcess({ name: 'echo', command: 'sh', args: ['-c', 'echo one; echo two >&2; exit 3'] });
    expect(await child.exited).toBe(3);
    expect(child.tail().split('\n').sort()).toEqual(['one', 'two']);
  });

  it('stops the whole process group, grandchildren included', async () => {
    const child = startProcess({ name: 'tree', command: 'sh', args: ['-c', 'sleep 30 & echo $!; wait'] });
    const grandchild = Number(await waitForLine(() => child.tail()));
    expect(alive(grandchild)).toBe(true);
    await child.stop(2_000);
    expect(child.hasExited()).toBe(true);
    expect(alive(grandchild)).toBe(false);
  });

  it('kills a process that ignores SIGTERM once the grace period is over', async () => {
    const child = startProcess({ name: 'stubborn', command: 'sh', args: ['-c', "trap '' TERM; echo up; while :; do sleep 0.1; done"] });
    await waitForLine(() => child.tail());
    const startedAt = Date.now();
    await child.stop(300);
    expect(await child.exited).toBe('SIGKILL');
    expect(Date.now() - startedAt).toBeLessThan(3_000);
  });
});

async function waitForLine(read: () => string): Promise<string> {
  for (let i = 0; i < 100 && !read(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  return read();
}
