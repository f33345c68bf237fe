import { randomBytes } from 'node:crypto';
import { runMigrations } from '@gotrs/db';
import { dropDatabase, ensureDatabase } from './pg-database';

/** A migrated database of its own, on an existing server. */
export interface TestDatabase {
  url: string;
  name: string;
  /** Drops the database (closing its connections first). */
  drop(): Promise<void>;
}

/** A fresh database name: `gotrs_test_<label>_<random>`, within PostgreSQL's 63 characters. */
export function testDatabaseName(label: string): string {
  const safe = label.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 30);
  return `gotrs_test_${safe}_${randomBytes(4).toString('hex')}`;
}

/** Creates and migrates a new database on the server `serverUrl` points at. */
export async function createMigratedDatabase(serverUrl: string, label: string): Promise<TestDatabase> {
  const name = testDatabaseName(label);
  const url = await ensureDatabase(serverUrl, name);
  await runMigrations(url);
  return { url, name, drop: () => dropDatabase(serverUrl, name) };
}
