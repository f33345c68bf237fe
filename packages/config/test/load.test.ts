import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ConfigError, DEFAULT_CONFIG_FILE, loadConfig, parseDurationMs } from '../src';

describe('loadConfig', () => {
  it('reads config/temporal.yaml with the seed\'s retry policy and worker concurrency', () => {
    const config = loadConfig({});
    expect(config.temporal).toMatchObject({ namespace: 'default', taskQueue: 'gotrs-task-queue', worker: { maxConcurrentActivities: 10, maxConcurrentWorkflows: 10, maxCachedWorkflows: 1000 } });
    expect(config.workflows.retryPolicy).toEqual({ initialIntervalMs: 1000, backoffCoefficient: 2, maximumIntervalMs: 60_000, maximumAttempts: 5 });
    expect(config.source).toBe(DEFAULT_CONFIG_FILE);
  });

  it('lets the environment override addresses, queue, database and port', () => {
    const config = loadConfig({ TEMPORAL_ADDRESS: 'temporal:7233', TEMPORAL_TASK_QUEUE: 'q', DATABASE_URL: 'postgres://x/y', API_PORT: '8080', LOG_LEVEL: 'debug' });
    expect([config.temporal.address, config.temporal.taskQueue, config.database.url, config.api.port, config.log.level])
      .toEqual(['temporal:7233', 'q', 'postgres://x/y', 8080, 'debug']);
  });

  it('names the setting that is wrong', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gotrs-config-'));
    const file = join(dir, 'temporal.yaml');
    writeFileSync(file, readFileSync(DEFAULT_CONFIG_FILE, 'utf8').replace('maximum_attempts: 5', 'maximum_attempts: many'));
    expect(() => loadConfig({ CONFIG_FILE: file })).toThrow(/maximum_attempts/);
    expect(() => loadConfig({ API_PORT: 'eighty' })).toThrow(ConfigError);
  });
});

describe('loadConfig: environment overrides', () => {
  function problemOf(env: Record<string, string>): string {
    try {
      loadConfig(env);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error('loadConfig accepted the environment');
  }

  it('names LOG_LEVEL and the levels it takes when it is not a pino level', () => {
    expect(problemOf({ LOG_LEVEL: 'loud' })).toBe(
      'invalid configuration:\n  LOG_LEVEL: "loud" is not a log level (fatal, error, warn, info, debug, trace, silent)',
    );
  });

  it('reports every wrong override at once, each by its variable', () => {
    const message = problemOf({
      TEMPORAL_ADDRESS: 'http://temporal:7233',
      TEMPORAL_NAMESPACE: 'my namespace',
      TEMPORAL_TASK_QUEUE: 'queue\u0000',
      DATABASE_URL: 'localhost:5432/gotrs',
      API_HOST: 'http://0.0.0.0',
      API_PORT: '70000',
      LOG_LEVEL: 'INFO',
    });
    const named = message.split('\n').slice(1).map((line) => line.trim().split(':')[0]);
    expect(named).toEqual(['TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'TEMPORAL_TASK_QUEUE', 'DATABASE_URL', 'API_HOST', 'API_PORT', 'LOG_LEVEL']);
  });

  it.each([
    ['TEMPORAL_ADDRESS', 'temporal', 'expected host:port'],
    ['TEMPORAL_ADDRESS', 'temporal:0', 'the port must be 1-65535'],
    ['TEMPORAL_ADDRESS', 'temporal:7233x', 'the port must be 1-65535'],
    ['API_PORT', '3000.5', 'is not a port number'],
    ['API_PORT', '-1', 'is not a port number'],
    ['DATABASE_URL', 'mysql://root@db/gotrs', 'is a mysql: URL'],
  ])('rejects %s=%s', (name, value, problem) => {
    expect(problemOf({ [name]: value })).toContain(`${name}: `);
    expect(problemOf({ [name]: value })).toContain(problem);
  });

  it('never repeats a database password it rejects', () => {
    const message = problemOf({ DATABASE_URL: 'mysql://root:s3cret@db/gotrs' });
    expect(message).toContain('DATABASE_URL: is a mysql: URL');
    expect(message).not.toContain('s3cret');
  });

  it('takes the addresses Temporal clients take, and treats an empty variable as unset', () => {
    const config = loadConfig({ TEMPORAL_ADDRESS: '[::1]:7233', DATABASE_URL: 'postgresql://u:p@db:5432/gotrs', LOG_LEVEL: '', API_PORT: '' });
    expect([config.temporal.address, config.database.url, config.log.level, config.api.port]).toEqual(['[::1]:7233', 'postgresql://u:p@db:5432/gotrs', 'info', 3000]);
  });

  it("checks the file's values by the same rules, naming the setting and the file", () => {
    const dir = mkdtempSync(join(tmpdir(), 'gotrs-config-'));
    const file = join(dir, 'temporal.yaml');
    writeFileSync(file, readFileSync(DEFAULT_CONFIG_FILE, 'utf8').replace('host: 127.0.0.1:7233', 'host: 127.0.0.1'));
    const configDir = dirname(DEFAULT_CONFIG_FILE);
    const files = { CONFIG_FILE: file, SLA_CONFIG_FILE: join(configDir, 'sla.yaml'), NOTIFICATIONS_CONFIG_FILE: join(configDir, 'notifications.yaml') };
    expect(problemOf(files)).toBe(
      `invalid configuration:\n  temporal.host (${file}): "127.0.0.1" is not a host:port address (expected host:port, e.g. 127.0.0.1:7233)`,
    );
    expect(loadConfig({ ...files, TEMPORAL_ADDRESS: '127.0.0.1:7233' }).temporal.address).toBe('127.0.0.1:7233');
  });

  it.each(['CONFIG_FILE', 'SLA_CONFIG_FILE', 'NOTIFICATIONS_CONFIG_FILE'])('names %s when the file it names cannot be read', (name) => {
    expect(problemOf({ [name]: '/nonexistent/gotrs.yaml' })).toMatch(new RegExp(`^${name}: cannot read /nonexistent/gotrs.yaml: ENOENT`));
  });
});

describe('parseDurationMs', () => {
  it('reads the seed\'s duration notation', () => {
    expect(['1s', '60s', '500ms', '10m', '1.5h', 250].map(parseDurationMs)).toEqual([1000, 60_000, 500, 600_000, 5_400_000, 250]);
    expect(() => parseDurationMs('soon')).toThrow('not a duration');
  });
});
