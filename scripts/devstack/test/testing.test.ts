import { execFileSync } from 'node:child_process';
import { Client } from 'pg';
import { createTestDatabase, testEnv, uniqueTaskQueue } from '../src/testing';

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('the servers the Jest global setup started', () => {
  it('publishes them through testEnv()', () => {
    expect(testEnv()).toEqual({
      temporalAddress: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
      temporalNamespace: expect.any(String),
      databaseUrl: expect.stringMatching(/^postgres(ql)?:\/\//),
      temporalCliPath: expect.any(String),
      temporalTestServerPath: expect.any(String),
    });
  });

  it('runs a Temporal server that answers', () => {
    const { temporalCliPath, temporalAddress } = testEnv();
    const health = execFileSync(temporalCliPath, ['operator', 'cluster', 'health', '--address', temporalAddress], { encoding: 'utf8' });
    expect(health).toContain('SERVING');
  });

  it('runs a migrated PostgreSQL database', async () => {
    const rows = await query<{ count: string }>(testEnv().databaseUrl, 'SELECT count(*) FROM schema_migrations');
    expect(Number(rows[0]?.count)).toBeGreaterThan(0);
  });
});

describe('createTestDatabase', () => {
  it('creates an empty migrated database of its own and drops it', async () => {
    const database = await createTestDatabase('isolated');
    const tables = await query<{ tablename: string }>(database.url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
    expect(tables.map((t) => t.tablename)).toContain('schema_migrations');
    await database.drop();
    const left = await query(testEnv().databaseUrl, `SELECT 1 FROM pg_database WHERE datname = '${database.name}'`);
    expect(left).toHaveLength(0);
  });
});

describe('uniqueTaskQueue', () => {
  it('gives every caller a queue of its own', () => {
    expect(uniqueTaskQueue('tickets')).toMatch(/^test-tickets-[0-9a-f]{8}$/);
    expect(uniqueTaskQueue('tickets')).not.toBe(uniqueTaskQueue('tickets'));
  });
});
