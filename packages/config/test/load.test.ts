import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, DEFAULT_CONFIG_FILE, loadConfig, parseDurationMs } from '../src';

describe('loadConfig', () => {
  it('reads config/temporal.yaml with the seed\'s retry policy and worker concurrency', () => {
    const config = loadConfig({});
    expect(config.temporal).toMatchObject({ namespace: 'default', taskQueue: 'gotrs-task-queue', worker: { maxConcurrentActivities: 10, maxConcurrentWorkflows: 10 } });
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

describe('parseDurationMs', () => {
  it('reads the seed\'s duration notation', () => {
    expect(['1s', '60s', '500ms', '10m', '1.5h', 250].map(parseDurationMs)).toEqual([1000, 60_000, 500, 600_000, 5_400_000, 250]);
    expect(() => parseDurationMs('soon')).toThrow('not a duration');
  });
});
