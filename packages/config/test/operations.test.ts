import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ConfigError, DEFAULT_CONFIG_FILE, loadConfig } from '../src';

function problemOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('loadConfig: operations (metrics, health, shutdown)', () => {
  it("has CONTRACT section 5's worker metrics port and bounded shutdowns by default", () => {
    expect(loadConfig({}).operations).toEqual({
      api: { metricsPort: null, shutdownTimeoutMs: 10_000 },
      worker: { metricsHost: '0.0.0.0', metricsPort: 9465, shutdownTimeoutMs: 25_000, connectTimeoutMs: 300_000 },
    });
  });

  it('takes the variables, an empty one counting as unset', () => {
    const { operations } = loadConfig({
      API_METRICS_PORT: '9464', API_SHUTDOWN_TIMEOUT: '3s', WORKER_METRICS_HOST: '127.0.0.1', WORKER_METRICS_PORT: '0',
      WORKER_SHUTDOWN_TIMEOUT: '1.5m', WORKER_CONNECT_TIMEOUT: '',
    });
    expect(operations).toEqual({
      api: { metricsPort: 9464, shutdownTimeoutMs: 3_000 },
      worker: { metricsHost: '127.0.0.1', metricsPort: 0, shutdownTimeoutMs: 90_000, connectTimeoutMs: 300_000 },
    });
  });

  it('names every wrong variable at once', () => {
    const problem = problemOf({
      API_METRICS_PORT: '70000', WORKER_METRICS_PORT: '94 65', API_SHUTDOWN_TIMEOUT: '0s', WORKER_SHUTDOWN_TIMEOUT: 'soon',
      WORKER_CONNECT_TIMEOUT: '2h', WORKER_METRICS_HOST: 'bad\u0000host',
    });
    for (const name of ['API_METRICS_PORT', 'WORKER_METRICS_PORT', 'API_SHUTDOWN_TIMEOUT', 'WORKER_SHUTDOWN_TIMEOUT', 'WORKER_CONNECT_TIMEOUT', 'WORKER_METRICS_HOST']) {
      expect(problem).toContain(`${name}:`);
    }
  });

  it('reads operations: from the file, and refuses a setting it does not know', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gotrs-operations-'));
    const file = join(dir, 'temporal.yaml');
    const text = readFileSync(DEFAULT_CONFIG_FILE, 'utf8');
    const env = { SLA_CONFIG_FILE: join(dirname(DEFAULT_CONFIG_FILE), 'sla.yaml'), NOTIFICATIONS_CONFIG_FILE: join(dirname(DEFAULT_CONFIG_FILE), 'notifications.yaml') };
    writeFileSync(file, text.replace('metrics_port: 9465', 'metrics_port: 19465').replace('shutdown_timeout: 10s', 'shutdown_timeout: 4s'));
    expect(loadConfig({ ...env, CONFIG_FILE: file }).operations).toMatchObject({ api: { shutdownTimeoutMs: 4_000 }, worker: { metricsPort: 19465 } });
    writeFileSync(file, text.replace('connect_timeout: 5m ', 'connect_timout: 5m '));
    expect(() => loadConfig({ ...env, CONFIG_FILE: file })).toThrow(/operations\/worker/);
  });
});
