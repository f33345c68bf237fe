import { GiveUpError, WaitTimeoutError, waitFor } from '../src/wait';

describe('waitFor', () => {
  it('returns the first value the probe yields', async () => {
    let calls = 0;
    const value = await waitFor(() => (++calls >= 3 ? 'ready' : undefined), { intervalMs: 1 });
    expect(value).toBe('ready');
    expect(calls).toBe(3);
  });

  it('treats a throwing probe as "not yet" and quotes its last error on timeout', async () => {
    const wait = waitFor(
      () => {
        throw new Error('connection refused');
      },
      { timeoutMs: 50, intervalMs: 5, description: 'the server' },
    );
    await expect(wait).rejects.toThrow(WaitTimeoutError);
    await expect(wait).rejects.toThrow(/waiting for the server: connection refused/);
  });

  it('stops at once on a GiveUpError', async () => {
    const startedAt = Date.now();
    const wait = waitFor(
      () => {
        throw new GiveUpError('the process exited');
      },
      { timeoutMs: 10_000 },
    );
    await expect(wait).rejects.toThrow('the process exited');
    expect(Date.now() - startedAt).toBeLessThan(1_000);
  });
});
