import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../src/ports';
import { firstUnreachableParent, makeClusterFolder, resolvePgBinDir, startLocalPostgres } from '../src/postgres';

const modeOf = (path: string): number => statSync(path).mode & 0o777;

/** A folder like a fresh checkout: 0755, whatever mkdtemp made it. */
function checkout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gotrs-devstack-pg-'));
  chmodSync(dir, 0o755);
  return dir;
}

describe('resolvePgBinDir', () => {
  it("finds this machine's PostgreSQL server binaries", () => {
    const dir = resolvePgBinDir();
    expect(existsSync(join(dir, 'initdb'))).toBe(true);
    expect(existsSync(join(dir, 'pg_ctl'))).toBe(true);
  });
});

describe('makeClusterFolder', () => {
  it('makes only the cluster folder private, its new parents get the usual modes', () => {
    const root = checkout();
    try {
      makeClusterFolder(join(root, '.data', 'postgres'));
      expect(modeOf(join(root, '.data'))).toBe(0o777 & ~process.umask());
      expect(modeOf(join(root, '.data', 'postgres'))).toBe(0o700);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('firstUnreachableParent', () => {
  it('names the first folder above the cluster that another user cannot enter', () => {
    const root = checkout();
    try {
      mkdirSync(join(root, 'private', 'deeper'), { recursive: true, mode: 0o700 });
      const other = statSync(root).uid + 4242;
      expect(firstUnreachableParent(join(root, 'private', 'deeper', 'postgres'), other, other)).toBe(join(root, 'private'));
      expect(firstUnreachableParent(join(root, 'postgres'), other, other)).toBeUndefined();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('startLocalPostgres', () => {
  it('starts a new cluster in .data/postgres when .data does not exist yet', async () => {
    const root = checkout();
    try {
      const postgres = await startLocalPostgres({ dataDir: join(root, '.data', 'postgres'), port: await freePort(), database: 'gotrs', ephemeral: true });
      const client = new Client({ connectionString: postgres.databaseUrl });
      try {
        await client.connect();
        expect((await client.query<{ db: string }>('SELECT current_database() AS db')).rows).toEqual([{ db: 'gotrs' }]);
      } finally {
        await client.end();
        await postgres.stop();
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
