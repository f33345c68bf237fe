import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where the full server keeps its state: a PostgreSQL server and the role it connects as. */
export interface TemporalPostgres {
  host: string;
  port: number;
  user: string;
  password?: string;
}

/** The two databases of the full server, with the schema each holds (embedded in the SQL tool). */
export const TEMPORAL_DATABASES = [
  { name: 'temporal', schema: 'postgresql/v12/temporal' },
  { name: 'temporal_visibility', schema: 'postgresql/v12/visibility' },
] as const;

/** The `temporal-sql-tool` connection flags for `database` (the postgres12 plugin). */
export function sqlToolArgs(pg: TemporalPostgres, database: string): string[] {
  const args = ['--plugin', 'postgres12', '--endpoint', pg.host, '--port', String(pg.port), '--user', pg.user, '--database', database];
  if (pg.password) args.push('--password', pg.password);
  return args;
}

async function sqlTool(sqlBin: string, args: string[]): Promise<void> {
  try {
    await run(sqlBin, args, { timeout: 120_000, maxBuffer: 16 * 1024 * 1024, cwd: '/' });
  } catch (error) {
    const failure = error as { stderr?: string; stdout?: string; message: string };
    const lines = `${failure.stderr ?? ''}\n${failure.stdout ?? ''}`.split('\n').filter((line) => /ERROR|FATAL|Error/.test(line));
    throw new Error(`temporal-sql-tool ${args.join(' ')} failed: ${lines.slice(-5).join('\n') || failure.message}`);
  }
}

/**
 * Creates the full server's databases when missing and brings their schemas to the newest version
 * the pinned SQL tool knows (the schemas are embedded in it, so they always match the server). Every
 * step is idempotent: run it before every start, as an upgrade of the pin needs it too.
 */
export async function setupTemporalSchema(sqlBin: string, pg: TemporalPostgres): Promise<void> {
  for (const { name, schema } of TEMPORAL_DATABASES) {
    const connection = sqlToolArgs(pg, name);
    await sqlTool(sqlBin, [...connection, 'create-database']);
    // Version 0.0 creates only the schema_version table; a database already past it is left as it is.
    await sqlTool(sqlBin, [...connection, 'setup-schema', '--version', '0.0']);
    await sqlTool(sqlBin, [...connection, 'update-schema', '--schema-name', schema]);
  }
}
