import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrations } from '@gotrs/db';
import { freePort } from './ports';
import { startLocalPostgres } from './postgres';
import type { Reaper } from './reaper-client';
import { createMigratedDatabase } from './test-database';
import { resolveTemporalCli, resolveTemporalTestServer, startTemporalDevServer } from './temporal';
import type { Teardown } from './teardown';

/** Starts an in-memory, headless Temporal dev server on a free port; returns its address. */
export async function startTestTemporal(teardown: Teardown, reaper: Reaper, cliPath: string): Promise<string> {
  const namespace = process.env.TEMPORAL_NAMESPACE;
  const server = await startTemporalDevServer({
    cliPath,
    port: await freePort(),
    namespaces: namespace ? [namespace] : [],
    onSpawn: (child) => void reaper.watchGroup(child.pid),
  });
  teardown.add('Temporal', async () => {
    await server.stop();
    await reaper.forgetGroup(server.process.pid);
  });
  return server.address;
}

/**
 * The run's database: a fresh one inside DATABASE_URL when that is set, else a throwaway PostgreSQL
 * cluster in a temporary folder on a free port. Migrated either way; returns its URL.
 */
export async function startTestDatabase(teardown: Teardown, reaper: Reaper): Promise<string> {
  const existing = process.env.DATABASE_URL;
  if (existing) {
    const database = await createMigratedDatabase(existing, 'run');
    teardown.add(`database ${database.name}`, database.drop);
    return database.url;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'gotrs-test-pg-'));
  await reaper.runOnExit('postgres-dir', { command: 'rm', args: ['-rf', dataDir] });
  teardown.add('PostgreSQL data', async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await reaper.forget('postgres-dir');
  });
  const postgres = await startLocalPostgres({ dataDir, port: await freePort(), database: 'gotrs', ephemeral: true });
  await reaper.runOnExit('postgres', postgres.stopCommand);
  teardown.add('PostgreSQL', async () => {
    await postgres.stop();
    await reaper.forget('postgres');
  });
  await runMigrations(postgres.databaseUrl);
  return postgres.databaseUrl;
}

/** What the tests receive through the environment (see testing.ts). */
export interface TestStackEnv {
  TEMPORAL_ADDRESS: string;
  DATABASE_URL: string;
  TEMPORAL_CLI_PATH: string;
  TEMPORAL_TEST_SERVER_PATH: string;
}

/** Resolves the binaries and starts Temporal and PostgreSQL side by side; `teardown` stops them. */
export async function startTestStack(teardown: Teardown, reaper: Reaper): Promise<TestStackEnv> {
  const [cliPath, testServerPath] = await Promise.all([resolveTemporalCli(), resolveTemporalTestServer()]);
  const [temporal, database] = await Promise.allSettled([
    startTestTemporal(teardown, reaper, cliPath),
    startTestDatabase(teardown, reaper),
  ]);
  if (temporal.status === 'rejected') throw temporal.reason;
  if (database.status === 'rejected') throw database.reason;
  return {
    TEMPORAL_ADDRESS: temporal.value,
    DATABASE_URL: database.value,
    TEMPORAL_CLI_PATH: cliPath,
    TEMPORAL_TEST_SERVER_PATH: testServerPath,
  };
}
