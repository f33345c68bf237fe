import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEARCH_ATTRIBUTES, cliTypeName } from '@gotrs/contracts';
import { NAMESPACE_RETENTION, TEMPORAL_DATABASES, TEMPORAL_SERVER_PIN } from '@gotrs/devstack';
import { parse } from 'yaml';

// docker-compose.yml is not run on the project's machines (no Docker engine): this test keeps its
// wiring honest instead.

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  command?: string[];
  entrypoint?: string[];
  volumes?: string[];
}

const ROOT = join(__dirname, '..');
const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};

function service(name: string): Service {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
}

function env(name: string): Record<string, string> {
  return service(name).environment ?? {};
}

function waitsFor(name: string, dependency: string): string | undefined {
  return service(name).depends_on?.[dependency]?.condition;
}

/** The shell script of a one-shot `sh -ec` service, with compose's `$$` escapes undone. */
function script(name: string): string {
  expect(service(name).entrypoint).toEqual(['sh', '-ec']);
  return (service(name).command ?? []).join('\n').replace(/\$\$/g, '$');
}

/** The Temporal Server version the devstack builds, runs and benchmarks (`1.32.2`). */
const TEMPORAL_VERSION = TEMPORAL_SERVER_PIN.version.replace(/^v/, '');

describe('docker-compose.yml', () => {
  it('declares postgres, the Temporal schema, server and setup, temporal-ui, api and worker', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining(['postgres', 'temporal-schema', 'temporal', 'temporal-setup', 'temporal-ui', 'api', 'worker']),
    );
  });

  it('runs PostgreSQL 15 with a readiness healthcheck', () => {
    expect(service('postgres').image).toMatch(/^postgres:15/);
    expect(service('postgres').healthcheck?.test.join(' ')).toContain('pg_isready');
  });

  it('pins every image to a version: no `latest`, no untagged image, no deprecated auto-setup', () => {
    for (const [name, { image }] of Object.entries(compose.services)) {
      expect([name, image]).toEqual([name, expect.stringMatching(/^[\w./-]+:[\w.-]+$/)]);
      expect([name, image]).not.toEqual([name, expect.stringMatching(/:latest$|^temporalio\/auto-setup:/)]);
    }
  });

  it('runs the Temporal Server and admin tools of the version the devstack builds and measures', () => {
    expect(service('temporal').image).toBe(`temporalio/server:${TEMPORAL_VERSION}`);
    expect(service('temporal-schema').image).toBe(`temporalio/admin-tools:${TEMPORAL_VERSION}`);
    expect(service('temporal-setup').image).toBe(`temporalio/admin-tools:${TEMPORAL_VERSION}`);
  });

  it('mounts config/temporal-server/ (the configuration the devstack runs) and points the server at its files', () => {
    const [source, target] = (service('temporal').volumes ?? [])[0]!.split(':');
    expect(source).toBe('./config/temporal-server');
    for (const file of ['temporal-server.yaml', 'dynamicconfig.yaml']) expect(existsSync(join(ROOT, source!, file))).toBe(true);
    expect(env('temporal').TEMPORAL_SERVER_CONFIG_FILE_PATH).toBe(`${target}/temporal-server.yaml`);
    expect(env('temporal').DYNAMIC_CONFIG_FILE_PATH).toBe(`${target}/dynamicconfig.yaml`);
  });

  it('sets only variables the server configuration reads (or the server itself: TEMPORAL_*)', () => {
    const template = readFileSync(join(ROOT, 'config/temporal-server/temporal-server.yaml'), 'utf8');
    const read = new Set([...template.matchAll(/env "([A-Z0-9_]+)"/g)].map((match) => match[1]));
    expect(Object.keys(env('temporal')).filter((name) => !read.has(name) && !name.startsWith('TEMPORAL_'))).toEqual([]);
  });

  it('persists Temporal to the postgres service with its credentials', () => {
    expect(env('temporal')).toMatchObject({ POSTGRES_SEEDS: 'postgres', DB_PORT: '5432', POSTGRES_USER: env('postgres').POSTGRES_USER });
    expect(env('temporal').POSTGRES_PWD).toBe(env('postgres').POSTGRES_PASSWORD);
    expect(env('temporal-schema').SQL_PASSWORD).toBe(env('postgres').POSTGRES_PASSWORD);
    expect(script('temporal-schema')).toContain(`--endpoint postgres --port 5432 --user ${env('postgres').POSTGRES_USER}`);
    expect(service('temporal').ports).toContain('7233:7233');
  });

  it('creates both databases and their schemas as the devstack does, before the server starts', () => {
    const lines = script('temporal-schema').split('\n').filter((line) => line.startsWith('sql '));
    expect(lines).toEqual(
      TEMPORAL_DATABASES.flatMap(({ name, schema }) => [
        `sql ${name} create-database`,
        `sql ${name} setup-schema --version 0.0`,
        `sql ${name} update-schema --schema-name ${schema}`,
      ]),
    );
    expect(waitsFor('temporal-schema', 'postgres')).toBe('service_healthy');
    expect(waitsFor('temporal', 'temporal-schema')).toBe('service_completed_successfully');
  });

  it('waits for the frontend, then registers the namespace with the retention the devstack gives it', () => {
    const setup = script('temporal-setup');
    expect(env('temporal-setup').TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(setup).toContain('until temporal operator cluster health');
    expect(setup).toContain(`temporal operator namespace create --namespace ${env('worker').TEMPORAL_NAMESPACE} --retention ${NAMESPACE_RETENTION}`);
    expect(waitsFor('temporal-setup', 'temporal')).toBe('service_started');
  });

  it('serves the Temporal UI on host port 8088, pointed at the temporal service', () => {
    expect(env('temporal-ui').TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(service('temporal-ui').ports).toContain('8088:8080');
    expect(waitsFor('temporal-ui', 'temporal-setup')).toBe('service_completed_successfully');
  });

  it.each(['api', 'worker', 'migrate'])('points %s at the temporal and postgres services', (name) => {
    expect(env(name).TEMPORAL_ADDRESS).toBe('temporal:7233');
    const database = new URL(env(name).DATABASE_URL ?? '');
    expect(database.hostname).toBe('postgres');
    expect(database.port).toBe('5432');
    expect(database.username).toBe(env('postgres').POSTGRES_USER);
    expect(database.password).toBe(env('postgres').POSTGRES_PASSWORD);
    expect(database.pathname).toBe(`/${env('postgres').POSTGRES_DB}`);
  });

  it.each(['api', 'worker'])('starts %s only once Temporal and PostgreSQL are healthy and migrated', (name) => {
    expect(waitsFor(name, 'temporal-setup')).toBe('service_completed_successfully');
    expect(waitsFor(name, 'postgres')).toBe('service_healthy');
    expect(waitsFor(name, 'migrate')).toBe('service_completed_successfully');
    expect(service('migrate').command?.join(' ')).toContain('runMigrations');
  });

  it('registers every search attribute of the workflows, with its type, before the worker starts', () => {
    const line = script('temporal-setup').split('\n').find((l) => l.startsWith('temporal operator search-attribute create')) ?? '';
    expect(line).toContain(`--namespace ${env('worker').TEMPORAL_NAMESPACE}`);
    const pairs = [...line.matchAll(/--name (\S+) --type (\S+)/g)].map((match) => [match[1], match[2]]);
    expect(pairs).toEqual(SEARCH_ATTRIBUTES.map(({ name, type }) => [name, cliTypeName(type)]));
    expect(waitsFor('worker', 'temporal-setup')).toBe('service_completed_successfully');
  });

  it('publishes the API on port 3000 with a /readyz healthcheck', () => {
    expect(service('api').ports).toContain('3000:3000');
    expect(env('api').API_PORT).toBe('3000');
    expect(service('api').healthcheck?.test.join(' ')).toContain('/readyz');
  });

  it.each([
    ['api', 'apps/api/Dockerfile'],
    ['worker', 'apps/worker/Dockerfile'],
    ['migrate', 'apps/worker/Dockerfile'],
  ])('builds %s from %s at the repository root', (name, dockerfile) => {
    expect(service(name).build).toEqual({ context: '.', dockerfile });
    expect(existsSync(join(ROOT, dockerfile))).toBe(true);
  });

  it.each(['apps/api/Dockerfile', 'apps/worker/Dockerfile'])('%s is a multi-stage node:20 build on glibc', (dockerfile) => {
    const stages = readFileSync(join(ROOT, dockerfile), 'utf8').match(/^FROM\s+\S+/gm) ?? [];
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) {
      expect(stage).toMatch(/node:20/);
      expect(stage).not.toMatch(/alpine/);
    }
  });
});
