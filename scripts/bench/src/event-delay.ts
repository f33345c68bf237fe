/**
 * Benchmark (not a test): the delay from a change to its Server-Sent Event. Starts its own Temporal
 * dev server and throwaway PostgreSQL (devstack's test stack), the real API as a child process
 * (`apps/api/dist/server.js`), opens --streams event streams with an API key, then makes --changes
 * assignments one after another through the same write an activity makes (`applyAssignment`: the
 * ticket row, its history row and its event in one transaction) and times each until every stream
 * has it. Prints p50/p99/max of write start -> event on a stream, and commit -> event on a stream.
 *
 *   npm run bench:events -- [--changes 300] [--streams 10]
 */
import { spawn } from 'node:child_process';
import { randomBytes, createHash, randomUUID } from 'node:crypto';
import { request, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { applyAssignment, createApiKey, createOrLoadTicket, createPool, runMigrations } from '@gotrs/db';
import { Reaper, Teardown, freePort, startTestStack, waitFor } from '@gotrs/devstack';

const say = (line: string) => process.stdout.write(`${line}\n`);

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

/** Nearest-rank percentile of an ascending list. */
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;

function summary(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const f = (v: number) => v.toFixed(1);
  return `p50 ${f(percentile(sorted, 50))} ms, p99 ${f(percentile(sorted, 99))} ms, max ${f(sorted.at(-1)!)} ms (n=${sorted.length})`;
}

/** Opens an event stream; `onEvent` hears each event's `data:` JSON as it arrives. */
function openStream(url: string, key: string, onEvent: (data: { change: { to?: string } }) => void): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { authorization: `Bearer ${key}`, accept: 'text/event-stream' }, agent: false });
    req.on('error', reject);
    req.on('response', (response) => {
      if (response.statusCode !== 200) return reject(new Error(`stream answered ${response.statusCode}`));
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame.split('\n').find((line) => line.startsWith('data: '));
          if (data) onEvent(JSON.parse(data.slice(6)) as { change: { to?: string } });
        }
      });
      resolve(response);
    });
    req.end();
  });
}

async function main(): Promise<void> {
  const changes = option('changes', 300);
  const streamCount = option('streams', 10);
  const teardown = new Teardown();
  const reaper = Reaper.start();
  try {
    const env = await startTestStack(teardown, reaper);
    await runMigrations(env.DATABASE_URL);
    const pool = createPool({ url: env.DATABASE_URL, poolSize: 4, connectTimeoutMs: 2000, statementTimeoutMs: 10_000 });
    teardown.add('pool', () => pool.end());

    const port = await freePort();
    const api = spawn(process.execPath, [join(__dirname, '..', '..', '..', 'apps', 'api', 'dist', 'server.js')], {
      env: { ...process.env, DATABASE_URL: env.DATABASE_URL, TEMPORAL_ADDRESS: env.TEMPORAL_ADDRESS, API_HOST: '127.0.0.1', API_PORT: String(port),
        AUTH_JWT_SECRET: randomBytes(32).toString('hex'), LOG_LEVEL: 'warn', OTEL_SDK_DISABLED: 'true' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    teardown.add('API', async () => {
      api.kill('SIGTERM');
      await new Promise((resolve) => api.once('exit', resolve));
    });
    const base = `http://127.0.0.1:${port}`;
    await waitFor(async () => ((await fetch(`${base}/healthz`).catch(() => undefined))?.ok ? true : undefined), { timeoutMs: 30_000, description: 'the API' });

    const key = `gotrs_${randomBytes(32).toString('base64url')}`;
    await createApiKey(pool, { name: `bench-${randomUUID()}`, scopes: ['tickets:read'], secretHash: createHash('sha256').update(key).digest(), hint: key.slice(-4) });
    const ticketId = `bench-${randomUUID()}`;
    await createOrLoadTicket(pool, { ticket: { id: ticketId, title: 'Event delay' }, changeId: `${ticketId}/created`, at: new Date().toISOString() });

    const arrivals = new Map<string, number[]>();
    const responses = await Promise.all(Array.from({ length: streamCount }, () =>
      openStream(`${base}/api/v1/events?ticketId=${ticketId}&types=ticket.assigned`, key, (data) => {
        const agent = data.change.to;
        if (agent) arrivals.get(agent)?.push(performance.now());
      })));
    teardown.add('streams', async () => {
      for (const response of responses) response.destroy();
    });

    say(`${changes} assignments, one after another, each awaited on ${streamCount} streams...`);
    const fromStart: number[] = [];
    const fromCommit: number[] = [];
    for (let i = 0; i < changes; i++) {
      const agent = `agent-${i}`;
      arrivals.set(agent, []);
      const started = performance.now();
      await applyAssignment(pool, { ticketId, changeId: `${ticketId}/${i}`, actor: 'bench', reason: null, source: 'api', at: new Date().toISOString(), agentId: agent });
      const committed = performance.now();
      await waitFor(() => (arrivals.get(agent)!.length >= streamCount ? true : undefined), { timeoutMs: 10_000, intervalMs: 1, description: `event ${i} on every stream` });
      for (const at of arrivals.get(agent)!) {
        fromStart.push(at - started);
        fromCommit.push(at - committed);
      }
      arrivals.delete(agent);
    }
    say(`  write start -> event on a stream:  ${summary(fromStart)}`);
    say(`  commit      -> event on a stream:  ${summary(fromCommit)}`);
  } finally {
    await teardown.runAll();
    await reaper.close();
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
