import { ChangeQueue } from '../../src/workflows/change-queue';

describe('ChangeQueue', () => {
  it('runs nothing until the loop asks, then one change at a time, oldest first', async () => {
    const queue = new ChangeQueue();
    const ran: string[] = [];
    const first = queue.enqueue(async () => (ran.push('first'), 1));
    const second = queue.enqueue(async () => (ran.push('second'), 2));
    expect(queue.size).toBe(2);
    expect(ran).toEqual([]);
    await queue.runNext();
    expect(ran).toEqual(['first']);
    expect(queue.size).toBe(1);
    await queue.runNext();
    expect(ran).toEqual(['first', 'second']);
    await expect(Promise.all([first, second])).resolves.toEqual([1, 2]);
  });

  it('lets each change see what the previous one left', async () => {
    const queue = new ChangeQueue();
    let state = 0;
    const results = [queue.enqueue(async () => (state += 1)), queue.enqueue(async () => (state *= 10))];
    await queue.runNext();
    await queue.runNext();
    await expect(Promise.all(results)).resolves.toEqual([1, 10]);
  });

  it('hands a failed change to its caller and keeps the loop going', async () => {
    const queue = new ChangeQueue();
    const failing = queue.enqueue(async () => {
      throw new Error('PostgreSQL refused it');
    });
    const next = queue.enqueue(async () => 'applied');
    await expect(queue.runNext()).resolves.toBeUndefined();
    await expect(failing).rejects.toThrow('PostgreSQL refused it');
    await queue.runNext();
    await expect(next).resolves.toBe('applied');
  });

  it('does nothing when empty', async () => {
    const queue = new ChangeQueue();
    await expect(queue.runNext()).resolves.toBeUndefined();
    expect(queue.size).toBe(0);
  });
});
