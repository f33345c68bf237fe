/**
 * A first-in first-out queue of ticket changes. Signals and updates arrive concurrently, but each
 * change must see the ticket the previous one left, so the workflow's main loop runs them one at a
 * time. `enqueue` hands back a promise that settles when the change has run.
 */
export class ChangeQueue {
  private readonly tasks: Array<() => Promise<void>> = [];

  get size(): number {
    return this.tasks.length;
  }

  enqueue<T>(work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.tasks.push(() => work().then(resolve, reject));
    });
  }

  /** Runs the oldest change; its own failure goes to its caller, not to the loop. */
  async runNext(): Promise<void> {
    const task = this.tasks.shift();
    if (task) await task();
  }
}
