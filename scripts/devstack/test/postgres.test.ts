import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { resolvePgBinDir } from '../src/postgres';

describe('resolvePgBinDir', () => {
  it("finds this machine's PostgreSQL server binaries", () => {
    const dir = resolvePgBinDir();
    expect(existsSync(join(dir, 'initdb'))).toBe(true);
    expect(existsSync(join(dir, 'pg_ctl'))).toBe(true);
  });
});
