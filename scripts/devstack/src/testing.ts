/**
 * Helpers for tests (import from '@gotrs/devstack/testing'). The Jest global setup
 * (jest-global-setup.ts) starts one Temporal dev server and one PostgreSQL for the whole run and
 * publishes them through the environment variables read here.
 */
import { randomBytes } from 'node:crypto';
import { createMigratedDatabase, type TestDatabase } from './test-database';

export { GiveUpError, WaitTimeoutError, waitFor, type WaitOptions } from './wait';
export type { TestDatabase } from './test-database';
export { startSmtpSink } from './smtp-sink';
export type { SmtpSink, ReceivedEmail } from './smtp-sink';
export { startOtlpReceiver } from './otlp-receiver';
export type { OtlpReceiver, ReceivedSpan } from './otlp-receiver';

/** Connection settings of the servers the global setup started. */
export interface TestEnv {
  /** `host:port` of the Temporal dev server (env TEMPORAL_ADDRESS). */
  temporalAddress: string;
  /** Temporal namespace (env TEMPORAL_NAMESPACE, default `default`). */
  temporalNamespace: string;
  /** The run's migrated database (env DATABASE_URL). */
  databaseUrl: string;
  /** The Temporal CLI (env TEMPORAL_CLI_PATH). */
  temporalCliPath: string;
  /** The time-skipping test server (env TEMPORAL_TEST_SERVER_PATH), for TestWorkflowEnvironment.createTimeSkipping. */
  temporalTestServerPath: string;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run the tests through Jest at the repository root (make test), whose global setup starts the servers`);
  }
  return value;
}

/** The servers of this test run; throws a clear error outside `make test` / `npx jest`. */
export function testEnv(): TestEnv {
  return {
    temporalAddress: required('TEMPORAL_ADDRESS'),
    temporalNamespace: process.env.TEMPORAL_NAMESPACE || 'default',
    databaseUrl: required('DATABASE_URL'),
    temporalCliPath: required('TEMPORAL_CLI_PATH'),
    temporalTestServerPath: required('TEMPORAL_TEST_SERVER_PATH'),
  };
}

/**
 * The environment for a child process a test spawns: this process's variables that `keep` accepts
 * (all by default), then `extra` on top. Tests read the environment here, not on their own.
 */
export function childEnvironment(extra: Record<string, string> = {}, keep: (name: string) => boolean = () => true): Record<string, string> {
  const inherited = Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined && keep(entry[0]));
  return { ...Object.fromEntries(inherited), ...extra };
}

/** The Chromium the browser test drives when set (env CHROMIUM_PATH), else undefined. */
export function configuredChromium(): string | undefined {
  return process.env.CHROMIUM_PATH || undefined;
}

/** A task queue no other test file uses, e.g. `test-tickets-3f9a1c2e`: one per test file (or per test). */
export function uniqueTaskQueue(label: string): string {
  return `test-${label}-${randomBytes(4).toString('hex')}`;
}

/** A new, migrated, empty database on the run's PostgreSQL, for tests that must not see other rows. */
export function createTestDatabase(label = 'db'): Promise<TestDatabase> {
  return createMigratedDatabase(testEnv().databaseUrl, label);
}
