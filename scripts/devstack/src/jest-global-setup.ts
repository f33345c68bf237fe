/**
 * Jest globalSetup: one Temporal dev server and one PostgreSQL for the whole run, published to the
 * test workers through TEMPORAL_ADDRESS, DATABASE_URL, TEMPORAL_CLI_PATH and TEMPORAL_TEST_SERVER_PATH.
 * jest-global-teardown.ts stops them; a reaper stops them should Jest die first.
 */
import { log, secondsSince } from './log';
import { Reaper } from './reaper-client';
import { Teardown } from './teardown';
import { startTestStack } from './test-stack';

/** Shared with the global teardown, which Jest runs in the same process. */
export const STACK_KEY = Symbol.for('gotrs.devstack.testStack');

export interface GlobalStack {
  teardown: Teardown;
  reaper: Reaper;
}

export default async function globalSetup(): Promise<void> {
  const startedAt = Date.now();
  const stack: GlobalStack = { teardown: new Teardown(), reaper: Reaper.start() };
  (globalThis as Record<symbol, unknown>)[STACK_KEY] = stack;
  process.stderr.write('\n');
  try {
    Object.assign(process.env, await startTestStack(stack.teardown, stack.reaper));
  } catch (error) {
    await stack.teardown.runAll();
    await stack.reaper.close();
    throw error;
  }
  log(`test servers ready in ${secondsSince(startedAt)}: Temporal ${process.env.TEMPORAL_ADDRESS}, PostgreSQL ${process.env.DATABASE_URL}`);
}
