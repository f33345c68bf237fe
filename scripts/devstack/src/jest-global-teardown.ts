/** Jest globalTeardown: stops what jest-global-setup.ts started, whether the tests passed or not. */
import { STACK_KEY, type GlobalStack } from './jest-global-setup';

export default async function globalTeardown(): Promise<void> {
  const stack = (globalThis as Record<symbol, GlobalStack | undefined>)[STACK_KEY];
  if (!stack) return;
  await stack.teardown.runAll();
  await stack.reaper.close();
}
