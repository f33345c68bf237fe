import { parseArgs } from 'node:util';
import { loadConfig } from '@gotrs/config';
import { ApiKeyNameTakenError, createApiKey, createPool, isConnectionError, listApiKeys, revokeApiKey, type ApiKeyRecord } from '@gotrs/db';
import type { Pool } from 'pg';
import { apiKeyNameProblem, generateApiKey } from '../auth/api-key';
import { SCOPES, parseScopeList } from '../auth/scopes';

// `npm run api-key -- create|list|revoke`. It migrates nothing: migrations are their own step (make dev,
// docker compose's `migrate` service), run with rights this tool should not need; a database without
// the api_keys table gets a clear message instead.

const USAGE = `usage:
  npm run api-key -- create --name NAME --scopes SCOPE[,SCOPE...]   prints the new key once, as the last line
  npm run api-key -- list [--all] [--json]                          active keys (--all: revoked ones too)
  npm run api-key -- revoke NAME-or-ID
scopes:
${Object.entries(SCOPES).map(([scope, what]) => `  ${scope.padEnd(24)}${what}`).join('\n')}
DATABASE_URL (or config/temporal.yaml) says which database.`;

class UsageError extends Error {}

const say = (line: string) => process.stderr.write(`${line}\n`);

async function create(pool: Pool, values: { name?: string; scopes?: string }): Promise<void> {
  if (!values.name) throw new UsageError('create needs --name NAME');
  const nameProblem = apiKeyNameProblem(values.name);
  if (nameProblem) throw new UsageError(`invalid --name "${values.name}": ${nameProblem}`);
  if (!values.scopes) throw new UsageError('create needs --scopes SCOPE[,SCOPE...]');
  const { scopes, unknown } = parseScopeList(values.scopes);
  if (unknown.length) throw new UsageError(`unknown scope${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
  if (!scopes.length) throw new UsageError('create needs at least one scope');
  const generated = generateApiKey();
  const record = await createApiKey(pool, { name: values.name, scopes, secretHash: generated.secretHash, hint: generated.hint });
  say(`created API key "${record.name}" (id ${record.id}) with scopes ${record.scopes.join(', ')}`);
  say('it is shown once, below, and cannot be shown again: store it now (send it as Authorization: Bearer <key>)');
  process.stdout.write(`${generated.key}\n`);
}

function table(records: ApiKeyRecord[]): string {
  const rows = [
    ['ID', 'NAME', 'SCOPES', 'KEY', 'CREATED', 'LAST USED', 'REVOKED'],
    ...records.map((r) => [r.id, r.name, r.scopes.join(','), `...${r.hint}`, r.createdAt, r.lastUsedAt ?? '-', r.revokedAt ?? '-']),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()).join('\n');
}

async function list(pool: Pool, values: { all?: boolean; json?: boolean }): Promise<void> {
  const records = await listApiKeys(pool, { includeRevoked: values.all ?? false });
  if (values.json) process.stdout.write(`${JSON.stringify(records, null, 2)}\n`);
  else if (!records.length) say(values.all ? 'no API keys' : 'no active API keys');
  else process.stdout.write(`${table(records)}\n`);
}

async function revoke(pool: Pool, target: string | undefined): Promise<void> {
  if (!target) throw new UsageError('revoke needs the NAME or ID of a key');
  const record = await revokeApiKey(pool, target);
  if (!record) throw new Error(`no active API key named "${target}" and no key with that ID`);
  process.stdout.write(`revoked API key "${record.name}" (id ${record.id}) at ${record.revokedAt}\n`);
}

function explain(error: unknown, databaseUrl: string): string {
  const code = (error as { code?: unknown }).code;
  const where = databaseUrl.replace(/(\/\/[^:@/]*:)[^@/]*@/, '$1***@');
  if (code === '42P01') return `the database at ${where} has no api_keys table: run the migrations first (make dev or docker compose's migrate service)`;
  if (isConnectionError(error)) return `cannot reach PostgreSQL at ${where}: ${(error as Error).message}`;
  if (error instanceof ApiKeyNameTakenError) return `${error.message}: revoke it first or choose another name`;
  return (error as Error).message;
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { name: { type: 'string' }, scopes: { type: 'string' }, all: { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    say(`api-key: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const [command, ...rest] = parsed.positionals;
  if (parsed.values.help || !command) {
    say(USAGE);
    return parsed.values.help ? 0 : 2;
  }
  const config = loadConfig();
  const pool = createPool({ ...config.database, poolSize: 1 });
  try {
    if (command === 'create' && !rest.length) await create(pool, parsed.values);
    else if (command === 'list' && !rest.length) await list(pool, parsed.values);
    else if (command === 'revoke' && rest.length <= 1) await revoke(pool, rest[0]);
    else throw new UsageError(`unknown command: ${parsed.positionals.join(' ')}`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      say(`api-key: ${error.message}\n${USAGE}`);
      return 2;
    }
    say(`api-key: ${explain(error, config.database.url)}`);
    return 1;
  } finally {
    await pool.end();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    say(`api-key: ${(error as Error).message}`);
    process.exitCode = 1;
  },
);
