import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { createPool, findApiKeyByHash } from '@gotrs/db';
import { dropDatabase, ensureDatabase } from '@gotrs/devstack';
import { createTestDatabase, testEnv, type TestDatabase } from '@gotrs/devstack/testing';
import type { Pool } from 'pg';
import { hashApiKey } from '../../src/auth/api-key';
import { closedPort } from '../support';

const ROOT = resolve(__dirname, '../../../..');
const SCRIPT = resolve(ROOT, 'apps/api/dist/scripts/api-key.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command as a separate process, as an operator would, against `databaseUrl`. */
function run(file: string, args: string[], databaseUrl: string): Promise<Run> {
  const env = { ...process.env, DATABASE_URL: databaseUrl, AUTH_JWT_SECRET: '', AUTH_JWKS_URL: '', AUTH_JWKS_FILE: '' };
  return new Promise((done) => {
    execFile(file, args, { cwd: ROOT, env, timeout: 20_000 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

let database: TestDatabase;
let pool: Pool;
const apiKey = (...args: string[]) => run(process.execPath, [SCRIPT, ...args], database.url);
const lastLine = (text: string) => text.trimEnd().split('\n').pop() ?? '';

beforeAll(async () => {
  database = await createTestDatabase('api-key-cli');
  pool = createPool({ url: database.url, poolSize: 1, connectTimeoutMs: 2000, statementTimeoutMs: 5000 });
});
afterAll(async () => {
  await pool.end();
  await database.drop();
});

describe('npm run api-key', () => {
  it('creates a key, prints it once as the last line, and stores only its hash', async () => {
    const result = await run('npm', ['run', 'api-key', '--', 'create', '--name', 'ci-bot', '--scopes', 'tickets:write,tickets:read'], database.url);
    expect(result.code).toBe(0);
    const key = lastLine(result.stdout);
    expect(key).toMatch(/^gotrs_[A-Za-z0-9_-]{43}$/);
    expect(result.stderr).toContain('created API key "ci-bot"');
    expect(result.stderr).not.toContain(key);
    await expect(findApiKeyByHash(pool, hashApiKey(key))).resolves.toMatchObject({ name: 'ci-bot', scopes: ['tickets:read', 'tickets:write'] });
  });

  it('lists keys by name, scopes and hint, never the key', async () => {
    const created = await apiKey('create', '--name', 'lister', '--scopes', 'admin');
    const key = lastLine(created.stdout);
    const listed = await apiKey('list');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/lister\s+admin\s+\.\.\.\S{4}/);
    expect(listed.stdout).not.toContain(key);
    const json = JSON.parse((await apiKey('list', '--json')).stdout) as Array<{ name: string; hint: string }>;
    expect(json.find((k) => k.name === 'lister')).toMatchObject({ hint: key.slice(-4) });
  });

  it('refuses unknown scopes, bad names and missing options with exit code 2, storing nothing', async () => {
    const unknown = await apiKey('create', '--name', 'typo', '--scopes', 'tickets:read,tickets:delete');
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toContain('unknown scope: tickets:delete');
    expect((await apiKey('create', '--name', 'bad name', '--scopes', 'admin')).stderr).toContain('invalid --name "bad name"');
    expect((await apiKey('create', '--scopes', 'admin')).stderr).toContain('create needs --name NAME');
    expect((await apiKey('create', '--name', 'no-scopes')).code).toBe(2);
    expect((await apiKey('rotate')).stderr).toContain('unknown command: rotate');
    expect((await apiKey('create', '--nmae', 'x')).code).toBe(2);
    const names = (JSON.parse((await apiKey('list', '--json')).stdout) as Array<{ name: string }>).map((k) => k.name);
    expect(names).not.toEqual(expect.arrayContaining(['typo']));
  });

  it('refuses a second active key of one name with exit code 1', async () => {
    expect((await apiKey('create', '--name', 'twice', '--scopes', 'tickets:read')).code).toBe(0);
    const again = await apiKey('create', '--name', 'twice', '--scopes', 'tickets:read');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('an active API key is already named "twice"');
  });

  it('revokes by name or by ID; revoking what is not there exits 1', async () => {
    const key = lastLine((await apiKey('create', '--name', 'doomed', '--scopes', 'tickets:read')).stdout);
    const revoked = await apiKey('revoke', 'doomed');
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toMatch(/^revoked API key "doomed"/);
    await expect(findApiKeyByHash(pool, hashApiKey(key))).resolves.toBeNull();
    const again = await apiKey('revoke', 'doomed');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('no active API key named "doomed"');

    await apiKey('create', '--name', 'by-id', '--scopes', 'tickets:read');
    const id = (JSON.parse((await apiKey('list', '--json')).stdout) as Array<{ id: string; name: string }>).find((k) => k.name === 'by-id')!.id;
    expect((await apiKey('revoke', id)).code).toBe(0);
    expect((await apiKey('list', '--all')).stdout).toMatch(/by-id.*\d{4}-\d\d-\d\dT\S+Z$/m);
  });

  it('says to run the migrations on a database without the api_keys table, and migrates nothing', async () => {
    const name = `gotrs_test_unmigrated_${randomBytes(4).toString('hex')}`;
    const url = await ensureDatabase(testEnv().databaseUrl, name);
    try {
      const result = await run(process.execPath, [SCRIPT, 'list'], url);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('has no api_keys table: run the migrations first');
      const probe = createPool({ url, poolSize: 1, connectTimeoutMs: 2000, statementTimeoutMs: 5000 });
      const { rows } = await probe.query("SELECT to_regclass('api_keys') AS t, to_regclass('schema_migrations') AS m").finally(() => probe.end());
      expect(rows[0]).toEqual({ t: null, m: null });
    } finally {
      await dropDatabase(testEnv().databaseUrl, name);
    }
  });

  it('exits 1 with a clear message when PostgreSQL cannot be reached', async () => {
    const result = await run(process.execPath, [SCRIPT, 'list'], `postgres://postgres:hunter2@127.0.0.1:${await closedPort()}/gotrs`);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot reach PostgreSQL at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1/);
    expect(result.stderr).not.toContain('hunter2');
  });
});
