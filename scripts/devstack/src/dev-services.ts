import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runMigrations } from '@gotrs/db';
import type { DevSettings } from './dev-settings';
import { log, secondsSince } from './log';
import type { DependencyWatch } from './dependency-watch';
import { DATA_DIR } from './paths';
import { startMailSink } from './mail-sink';
import { startLocalPostgres } from './postgres';
import type { Reaper } from './reaper-client';
import { startFullTemporal } from './full-temporal';
import { startTemporalDevServer, resolveTemporalCli } from './temporal';
import type { Teardown } from './teardown';

/** What every step of `make dev` needs: where to register what it started, and when to give up. */
export interface DevContext {
  settings: DevSettings;
  /** Namespace the apps use (config/temporal.yaml or TEMPORAL_NAMESPACE); created on a server we start. */
  namespace: string;
  teardown: Teardown;
  reaper: Reaper;
  signal: AbortSignal;
  /** Where the servers started here are watched: a death is told loudly. */
  dependencies: DependencyWatch;
}

/**
 * `DEV_TEMPORAL_SERVER=full`: the production Temporal Server (built into .tools/ once) on a PostgreSQL
 * cluster of its own in .data/temporal-postgres, on TEMPORAL_PORT; no Web UI (that is temporalio/ui).
 */
async function devFullTemporal(ctx: DevContext): Promise<{ address: string; uiUrl?: string }> {
  const { settings } = ctx;
  const dir = join(DATA_DIR, 'temporal-server');
  mkdirSync(dir, { recursive: true });
  reachableDataDir();
  const logFile = join(dir, 'temporal.log');
  const full = await startFullTemporal(ctx.teardown, ctx.reaper, {
    dataDir: join(DATA_DIR, 'temporal-postgres'),
    pgPort: settings.temporalPgPort,
    frontendPort: settings.temporalPort,
    namespaces: [ctx.namespace],
    logFile,
    signal: ctx.signal,
  });
  ctx.dependencies.watchProcess(full.server, { name: 'Temporal Server', consequence: 'the API answers 503 and the worker cannot poll', logFile });
  ctx.dependencies.watchPostgres(full.postgres.dataDir, {
    name: "Temporal's PostgreSQL",
    consequence: 'Temporal cannot persist: the API answers 503 and workflows wait',
    logFile: join(full.postgres.dataDir, 'server.log'),
  });
  return { address: full.address };
}

/** Temporal for `make dev`: TEMPORAL_ADDRESS when set, else start-dev with its SQLite file and UI (or the full server). */
export async function devTemporal(ctx: DevContext): Promise<{ address: string; uiUrl?: string }> {
  const { settings } = ctx;
  if (settings.temporalAddress) {
    log(`using the Temporal server at TEMPORAL_ADDRESS=${settings.temporalAddress}`);
    return { address: settings.temporalAddress };
  }
  if (settings.temporalServer === 'full') return devFullTemporal(ctx);
  const cliPath = await resolveTemporalCli();
  ctx.signal.throwIfAborted();
  const dir = join(DATA_DIR, 'temporal');
  mkdirSync(dir, { recursive: true });
  const server = await startTemporalDevServer({
    cliPath,
    port: settings.temporalPort,
    uiPort: settings.temporalUiPort,
    dbFile: join(dir, 'temporal.db'),
    namespaces: [ctx.namespace],
    logFile: join(dir, 'temporal.log'),
    signal: ctx.signal,
    onSpawn: (child) => void ctx.reaper.watchGroup(child.pid),
  });
  ctx.teardown.add('Temporal', async () => {
    await server.stop();
    await ctx.reaper.forgetGroup(server.process.pid);
  });
  ctx.dependencies.watchProcess(server.process, {
    name: 'Temporal',
    consequence: 'the API answers 503 and the worker cannot poll',
    logFile: join(dir, 'temporal.log'),
  });
  return { address: server.address, uiUrl: server.uiUrl };
}

/**
 * `.data` with the usual modes. An earlier `make dev` could leave it 0700, which the `postgres` user
 * (that PostgreSQL runs as when we are root) cannot enter.
 */
function reachableDataDir(): void {
  mkdirSync(DATA_DIR, { recursive: true });
  const mode = statSync(DATA_DIR).mode & 0o777;
  if (process.getuid?.() === 0 && (mode & 0o001) === 0) {
    chmodSync(DATA_DIR, mode | 0o011);
    log(`made ${DATA_DIR} enterable for the postgres user (it was ${mode.toString(8).padStart(4, '0')})`);
  }
}

/** PostgreSQL for `make dev`: DATABASE_URL when set, else the cluster in .data/postgres; then migrations. */
export async function devDatabase(ctx: DevContext): Promise<string> {
  const { settings } = ctx;
  let databaseUrl = settings.databaseUrl;
  if (databaseUrl) {
    log('using the PostgreSQL database at DATABASE_URL');
  } else {
    reachableDataDir();
    const dataDir = join(DATA_DIR, 'postgres');
    const postgres = await startLocalPostgres({ dataDir, port: settings.pgPort, database: 'gotrs' });
    await ctx.reaper.runOnExit('postgres', postgres.stopCommand);
    ctx.teardown.add('PostgreSQL', async () => {
      await postgres.stop();
      await ctx.reaper.forget('postgres');
    });
    ctx.dependencies.watchPostgres(dataDir, {
      name: 'PostgreSQL',
      consequence: 'reads answer 503 and accepted changes wait in their workflows',
      logFile: join(dataDir, 'server.log'),
    });
    databaseUrl = postgres.databaseUrl;
  }
  ctx.signal.throwIfAborted();
  const startedAt = Date.now();
  await runMigrations(databaseUrl);
  log(`migrations applied in ${secondsSince(startedAt)}`);
  return databaseUrl;
}

/** Where the worker sends email under `make dev`: SMTP_HOST when set, else maildev (started here). */
export async function devMailSink(ctx: DevContext): Promise<{ env: NodeJS.ProcessEnv; smtp: string; uiUrl?: string }> {
  const { settings } = ctx;
  if (settings.smtpHost) {
    log(`sending email through SMTP_HOST=${settings.smtpHost}`);
    return { env: {}, smtp: `${settings.smtpHost}${process.env.SMTP_PORT ? `:${process.env.SMTP_PORT}` : ''} (SMTP_HOST)` };
  }
  const startedAt = Date.now();
  const dir = join(DATA_DIR, 'maildev');
  const sink = await startMailSink({
    smtpPort: settings.mailSmtpPort,
    uiPort: settings.mailUiPort,
    mailDirectory: join(dir, 'mail'),
    logFile: join(dir, 'maildev.log'),
    signal: ctx.signal,
    onSpawn: (child) => void ctx.reaper.watchGroup(child.pid),
  });
  ctx.teardown.add('maildev', async () => {
    await sink.stop();
    await ctx.reaper.forgetGroup(sink.process.pid);
  });
  ctx.dependencies.watchProcess(sink.process, {
    name: 'maildev',
    consequence: 'emails fail and fall back to the in-app inbox after their retries',
    logFile: join(dir, 'maildev.log'),
  });
  log(`maildev ready in ${secondsSince(startedAt)}: SMTP 127.0.0.1:${sink.smtpPort}, UI ${sink.uiUrl}`);
  return { env: { SMTP_HOST: sink.smtpHost, SMTP_PORT: String(sink.smtpPort) }, smtp: `${sink.smtpHost}:${sink.smtpPort} (maildev)`, uiUrl: sink.uiUrl };
}
