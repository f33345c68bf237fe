import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SEARCH_ATTRIBUTES, cliTypeName } from '@gotrs/contracts';
import { freePort } from '../src/ports';
import { startProcess } from '../src/processes';
import { startTemporalDevServer } from '../src/temporal';
import { testEnv, waitFor } from '../src/testing';

jest.setTimeout(60_000);

const run = promisify(execFile);

/** The custom search attributes of `namespace` as `temporal operator search-attribute list` prints them. */
async function customAttributes(cliPath: string, address: string, namespace: string): Promise<string[][]> {
  const { stdout } = await run(cliPath, ['operator', 'search-attribute', 'list', '--address', address, '--namespace', namespace, '--output', 'json']);
  const listed = JSON.parse(stdout) as Array<{ name: string; type: string }> | { customAttributes?: Record<string, string> };
  const rows = Array.isArray(listed) ? listed.map(({ name, type }) => [name, type]) : Object.entries(listed.customAttributes ?? {});
  const ours = new Set(SEARCH_ATTRIBUTES.map(({ name }) => name));
  return rows.filter(([name]) => ours.has(name!)).map(([name, type]) => [name!, String(type).replace(/^INDEXED_VALUE_TYPE_/, '')]).sort();
}

const expected = SEARCH_ATTRIBUTES.map(({ name, type }) => [name, type]).sort();

describe('startTemporalDevServer', () => {
  it('registers the search attributes in every namespace, also in a persisted database that predates them', async () => {
    const { temporalCliPath } = testEnv();
    const dir = mkdtempSync(join(tmpdir(), 'gotrs-devstack-temporal-'));
    const dbFile = join(dir, 'temporal.db');
    try {
      // The server an older `make dev` left: started without them, its database has none.
      const port = await freePort();
      const address = `127.0.0.1:${port}`;
      const older = startProcess({ name: 'temporal-older', command: temporalCliPath, cwd: dir,
        args: ['server', 'start-dev', '--headless', '--ip', '127.0.0.1', '--port', String(port), '--db-filename', dbFile, '--namespace', 'gotrs', '--log-level', 'warn'] });
      try {
        await waitFor(() => run(temporalCliPath, ['operator', 'namespace', 'describe', '--namespace', 'gotrs', '--address', address]).then(() => true), { timeoutMs: 30_000 });
        expect(await customAttributes(temporalCliPath, address, 'gotrs')).toEqual([]);
      } finally {
        await older.stop();
      }

      const server = await startTemporalDevServer({ cliPath: temporalCliPath, port: await freePort(), dbFile, namespaces: ['gotrs'] });
      try {
        for (const namespace of ['default', 'gotrs']) {
          const found = await customAttributes(temporalCliPath, server.address, namespace);
          expect(found.map(([name, type]) => [name, type!.toUpperCase()])).toEqual(expected);
        }
      } finally {
        await server.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the types as the temporal CLI does', () => {
    expect(SEARCH_ATTRIBUTES.map(({ type }) => cliTypeName(type))).toEqual(['Keyword', 'Keyword', 'Keyword', 'Keyword', 'Keyword', 'Datetime']);
  });
});
