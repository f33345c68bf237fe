import { log, secondsSince } from './log';

/** Things to stop, stopped in reverse order of registration; a failing step never skips the others. */
export class Teardown {
  private readonly steps: { name: string; run: () => Promise<void> }[] = [];

  add(name: string, run: () => Promise<void>): void {
    this.steps.push({ name, run });
  }

  get size(): number {
    return this.steps.length;
  }

  async runAll(): Promise<void> {
    for (let step = this.steps.pop(); step; step = this.steps.pop()) {
      const startedAt = Date.now();
      try {
        await step.run();
        log(`stopped ${step.name} in ${secondsSince(startedAt)}`);
      } catch (error) {
        log(`stopping ${step.name} failed: ${(error as Error).message}`);
      }
    }
  }
}
