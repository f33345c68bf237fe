import { join } from 'node:path';
import { Client } from 'pg';
import Postgrator from 'postgrator';

/** Folder of the SQL migrations (`NNN.do.name.sql`), shipped next to the compiled code. */
export const MIGRATIONS_DIR = join(__dirname, '..', 'src', 'migrations');

/** Brings the database at `databaseUrl` to the newest schema; safe to run on every start. */
export async function runMigrations(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const postgrator = new Postgrator({
      migrationPattern: join(MIGRATIONS_DIR, '*'),
      driver: 'pg',
      schemaTable: 'schema_migrations',
      execQuery: (query) => client.query(query),
    });
    await postgrator.migrate();
  } finally {
    await client.end();
  }
}
