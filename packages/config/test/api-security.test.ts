import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, DEFAULT_CONFIG_FILE, loadConfig } from '../src';

function withApiSection(lines: string): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'gotrs-api-security-'));
  const file = join(dir, 'temporal.yaml');
  const original = readFileSync(DEFAULT_CONFIG_FILE, 'utf8');
  const start = original.indexOf('  cors_origins:');
  const end = original.indexOf('\nlog:');
  writeFileSync(file, `${original.slice(0, start)}${lines}\n${original.slice(end)}`);
  for (const name of ['sla.yaml', 'notifications.yaml']) writeFileSync(join(dir, name), readFileSync(join(DEFAULT_CONFIG_FILE, '..', name)));
  return { CONFIG_FILE: file };
}

function problemOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('loadConfig accepted it');
}

describe('api.cors_origins and API_CORS_ORIGINS', () => {
  it('allow no origin by default', () => {
    expect(loadConfig({}).api.corsOrigins).toEqual([]);
  });

  it('take the file list, and the variable over it, in the form browsers send', () => {
    expect(loadConfig(withApiSection('  cors_origins: [https://gotrs.example.org, "http://localhost:8080/"]')).api.corsOrigins).toEqual([
      'https://gotrs.example.org',
      'http://localhost:8080',
    ]);
    const env = { ...withApiSection('  cors_origins: [https://gotrs.example.org]'), API_CORS_ORIGINS: 'https://GOTRS.example.net:443, http://10.0.0.5:8080 ,https://gotrs.example.net' };
    expect(loadConfig(env).api.corsOrigins).toEqual(['https://gotrs.example.net', 'http://10.0.0.5:8080']);
  });

  it.each([
    ['*', '"*" is not allowed'],
    ['null', '"null" is not allowed'],
    ['gotrs.example.org', 'is not an origin'],
    ['https://gotrs.example.org/app', 'no path, query or credentials'],
    ['https://user:pw@gotrs.example.org', 'no path, query or credentials'],
    ['ftp://gotrs.example.org', 'is not an http or https origin'],
  ])('refuse %s, naming the variable', (value, problem) => {
    const message = problemOf({ API_CORS_ORIGINS: `https://ok.example.org,${value}` });
    expect(message).toContain('API_CORS_ORIGINS');
    expect(message).toContain(problem);
  });

  it('name the setting when the file is wrong', () => {
    expect(problemOf(withApiSection('  cors_origins: ["*"]'))).toMatch(/api\.cors_origins .*"\*" is not allowed/);
  });
});

describe('api.rate_limit', () => {
  it('defaults to 600 requests a minute per caller and 60 per address without credentials', () => {
    expect(loadConfig({}).api.rateLimit).toEqual({ windowMs: 60_000, perCaller: 600, unauthenticated: 60 });
  });

  it('takes the file values, and the defaults of what it leaves out', () => {
    expect(loadConfig(withApiSection('  rate_limit:\n    window: 10s\n    per_caller: 50')).api.rateLimit).toEqual({ windowMs: 10_000, perCaller: 50, unauthenticated: 60 });
    // A file of before these settings (neither section) still loads, with the defaults.
    expect(loadConfig(withApiSection('')).api).toMatchObject({ corsOrigins: [], rateLimit: { windowMs: 60_000, perCaller: 600, unauthenticated: 60 } });
  });

  it.each([
    ['    per_caller: 0', /per_caller/],
    ['    unauthenticated: -1', /unauthenticated/],
    ['    window: 10ms', /api\.rate_limit\.window must be between 1s and 24h/],
    ['    window: forever', /api\.rate_limit\.window: not a duration/],
    ['    burst: 5', /burst/],
  ])('refuses %s', (line, problem) => {
    expect(problemOf(withApiSection(`  rate_limit:\n${line}`))).toMatch(problem);
  });
});
