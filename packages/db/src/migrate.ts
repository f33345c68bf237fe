import { join } from 'node:path';
import { runner } from 'node-pg-migrate';

/** Folder of the SQL migrations (`{timestamp}_{name}.sql`), shipped with the package sources. */
export const MIGRATIONS_DIR = join(__dirname, '..', 'src', 'migrations');

/** Brings the database at `databaseUrl` to the newest schema; safe to run on every start. */
export async function runMigrations(databaseUrl: string): Promise<void> {
  await runner({
    databaseUrl,
    dir: MIGRATIONS_DIR,
    direction: 'up',
    migrationsTable: 'schema_migrations',
    count: Infinity,
    singleTransaction: true,
    log: () => undefined,
  });
}
