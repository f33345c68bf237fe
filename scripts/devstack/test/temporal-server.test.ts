import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { parse } from 'yaml';
import { freePortBetween } from '../src/ports';
import {
  TEMPORAL_SERVER_CONFIG_FILE,
  TEMPORAL_SERVER_DYNAMIC_CONFIG_FILE,
  TEMPORAL_SERVER_SERVICES,
  pickServerPorts,
  serverArgs,
  serverEnvironment,
} from '../src/temporal-server';
import { sqlToolArgs } from '../src/temporal-server-schema';

const template = readFileSync(TEMPORAL_SERVER_CONFIG_FILE, 'utf8');
/** Every variable config/temporal-server/temporal-server.yaml reads (`env "NAME"`). */
const templateVariables = new Set([...template.matchAll(/env "([A-Z0-9_]+)"/g)].map((match) => match[1]!));
const pg = { host: '127.0.0.1', port: 5434, user: 'postgres' };

describe('the full Temporal server configuration (config/temporal-server/)', () => {
  it('is a template the server renders (its first line says so)', () => {
    expect(template.split('\n')[0]).toBe('# enable-template');
  });

  it('is YAML once its template lines are taken out, with PostgreSQL for both stores', () => {
    const withoutTemplate = template
      .split('\n')
      .filter((line) => !/^\s*\{\{-/.test(line))
      .join('\n')
      .replace(/\{\{[^}]*\}\}/g, '0');
    const config = parse(withoutTemplate) as { persistence: { datastores: Record<string, { sql: { pluginName: string } }> } };
    expect(Object.keys(config.persistence.datastores).sort()).toEqual(['default', 'visibility']);
    for (const store of Object.values(config.persistence.datastores)) expect(store.sql.pluginName).toBe('postgres12');
  });

  it('names a dynamic config file that is YAML', () => {
    expect(() => parse(readFileSync(TEMPORAL_SERVER_DYNAMIC_CONFIG_FILE, 'utf8'))).not.toThrow();
  });
});

describe('serverEnvironment', () => {
  it('sets every port the configuration reads, so that no listener falls back to a fixed default port', async () => {
    const env = serverEnvironment(pg, await pickServerPorts(), 'warn');
    const portVariables = [...templateVariables].filter((name) => name.endsWith('_PORT') && name !== 'DB_PORT');
    expect(portVariables.length).toBeGreaterThanOrEqual(9);
    for (const name of portVariables) expect(env[name]).toMatch(/^\d+$/);
    expect(env.DB_PORT).toBe('5434');
  });

  it('sets nothing the configuration does not read, besides PATH', async () => {
    const env = serverEnvironment(pg, await pickServerPorts(), 'warn');
    const unknown = Object.keys(env).filter((name) => !templateVariables.has(name) && name !== 'PATH');
    expect(unknown).toEqual([]);
  });

  it('points the server at the dynamic config file of the repository', async () => {
    expect(serverEnvironment(pg, await pickServerPorts(), 'warn').DYNAMIC_CONFIG_FILE_PATH).toBe(TEMPORAL_SERVER_DYNAMIC_CONFIG_FILE);
  });
});

describe('pickServerPorts', () => {
  it('picks distinct ports, the membership ones below 32768 (Temporal stores them as smallint)', async () => {
    const ports = await pickServerPorts(7233);
    expect(ports.frontend).toBe(7233);
    expect(new Set(Object.values(ports)).size).toBe(Object.values(ports).length);
    for (const port of [ports.frontendMembership, ports.historyMembership, ports.matchingMembership, ports.workerMembership]) {
      expect(port).toBeLessThan(32_768);
    }
  });

  it('gives up with a clear error when no port of the range is free', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      await expect(freePortBetween(port, port, 3)).rejects.toThrow(`no free port between ${port} and ${port} after 3 tries`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('serverArgs', () => {
  it('starts the four services from the repository configuration', () => {
    const args = serverArgs();
    expect(args.slice(0, 2)).toEqual(['--config-file', TEMPORAL_SERVER_CONFIG_FILE]);
    expect(args.filter((_, i) => args[i - 1] === '--service')).toEqual([...TEMPORAL_SERVER_SERVICES]);
  });
});

describe('sqlToolArgs', () => {
  it('connects with the postgres12 plugin, and passes a password only when there is one', () => {
    expect(sqlToolArgs(pg, 'temporal')).toEqual(['--plugin', 'postgres12', '--endpoint', '127.0.0.1', '--port', '5434', '--user', 'postgres', '--database', 'temporal']);
    expect(sqlToolArgs({ ...pg, password: 's3cret' }, 'temporal').slice(-2)).toEqual(['--password', 's3cret']);
  });
});
