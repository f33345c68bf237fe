import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEARCH_ATTRIBUTES, cliTypeName } from '@gotrs/contracts';
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

describe('docker-compose.yml', () => {
  it('declares postgres, temporal, temporal-ui, api and worker', () => {
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['postgres', 'temporal', 'temporal-ui', 'api', 'worker']));
  });

  it('runs PostgreSQL 15 with a readiness healthcheck', () => {
    expect(service('postgres').image).toMatch(/^postgres:15/);
    expect(service('postgres').healthcheck?.test.join(' ')).toContain('pg_isready');
  });

  it('persists Temporal to the postgres service', () => {
    expect(service('temporal').image).toMatch(/^temporalio\/auto-setup:/);
    expect(env('temporal')).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgres', POSTGRES_USER: env('postgres').POSTGRES_USER });
    expect(env('temporal').POSTGRES_PWD).toBe(env('postgres').POSTGRES_PASSWORD);
    expect(waitsFor('temporal', 'postgres')).toBe('service_healthy');
    expect(service('temporal').ports).toContain('7233:7233');
  });

  it('serves the Temporal UI on host port 8088, pointed at the temporal service', () => {
    expect(env('temporal-ui').TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(service('temporal-ui').ports).toContain('8088:8080');
    expect(waitsFor('temporal-ui', 'temporal')).toBe('service_healthy');
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
    expect(waitsFor(name, 'temporal')).toBe('service_healthy');
    expect(waitsFor(name, 'postgres')).toBe('service_healthy');
    expect(waitsFor(name, 'migrate')).toBe('service_completed_successfully');
    expect(service('migrate').command?.join(' ')).toContain('runMigrations');
  });

  it("registers every search attribute of the workflows, with its type, before the worker starts", () => {
    const command = service('search-attributes').entrypoint ?? [];
    expect(command.slice(0, 4)).toEqual(['temporal', 'operator', 'search-attribute', 'create']);
    expect(command).toEqual(expect.arrayContaining(['--address=temporal:7233', `--namespace=${env('worker').TEMPORAL_NAMESPACE}`]));
    const pairs = command.filter((arg) => arg.startsWith('--name=')).map((arg, i) => [arg.slice(7), command.filter((a) => a.startsWith('--type='))[i]!.slice(7)]);
    expect(pairs).toEqual(SEARCH_ATTRIBUTES.map(({ name, type }) => [name, cliTypeName(type)]));
    expect(waitsFor('search-attributes', 'temporal')).toBe('service_healthy');
    expect(waitsFor('worker', 'search-attributes')).toBe('service_completed_successfully');
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
