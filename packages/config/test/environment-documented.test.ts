import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
/** The code allowed to read the environment: the product's config, and the tooling behind make dev and make test. */
const READERS = ['packages/config/src', 'scripts/devstack/src'];
/** Read, but not ours to document. */
const SYSTEM = new Set(['PATH']);

const NAME = '([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{4,})';
const PATTERNS = [
  new RegExp(`\\benv\\.${NAME}\\b`, 'g'), // env.SMTP_HOST, process.env.TEMPORAL_CLI_PATH
  new RegExp(`\\benv\\[['"]${NAME}['"]\\]`, 'g'),
  new RegExp(`\\b(?:text|port|file)\\((?:env, )?'${NAME}'`, 'g'), // overrides.text('LOG_LEVEL', ...), port(env, 'API_PORT', ...)
  new RegExp(`\\bvariable: '${NAME}'`, 'g'), // the tables of @temporalio/envconfig's names (temporal-layers.ts)
];
/** `readSecretVariable(env, 'AUTH_JWT_SECRET')` reads the variable and its `_FILE` form. */
const SECRET = new RegExp(`\\breadSecretVariable\\(env, '${NAME}'\\)`, 'g');

function variablesRead(): string[] {
  const names = new Set<string>();
  for (const dir of READERS) {
    for (const file of readdirSync(join(ROOT, dir)).filter((name) => name.endsWith('.ts'))) {
      const source = readFileSync(join(ROOT, dir, file), 'utf8');
      for (const pattern of PATTERNS) for (const match of source.matchAll(pattern)) names.add(match[1]!);
      for (const match of source.matchAll(SECRET)) names.add(match[1]!).add(`${match[1]!}_FILE`);
    }
  }
  return [...names].filter((name) => !SYSTEM.has(name)).sort();
}

describe('the environment variables the code reads', () => {
  const variables = variablesRead();

  it('are found in the code (the scan works)', () => {
    expect(variables).toEqual(
      expect.arrayContaining(['LOG_LEVEL', 'API_PORT', 'SLA_CONFIG_FILE', 'SMTP_HOST', 'MAIL_UI_PORT', 'TEMPORAL_CLI_PATH', 'TEMPORAL_API_KEY_FILE', 'TEMPORAL_TLS_CLIENT_CERT_PATH', 'AUTH_JWT_SECRET_FILE', 'SMTP_PASSWORD_FILE']),
    );
  });

  it('are each listed in .env.example', () => {
    const example = readFileSync(join(ROOT, '.env.example'), 'utf8');
    expect(variables.filter((name) => !new RegExp(`^#?${name}=`, 'm').test(example))).toEqual([]);
  });

  it("are each named in the README's configuration", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(variables.filter((name) => !readme.includes(`\`${name}\``))).toEqual([]);
  });
});
