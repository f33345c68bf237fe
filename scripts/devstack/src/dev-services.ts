import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runMigrations } from '@gotrs/db';
import type { DevSettings } from './dev-settings';
import { log, secondsSince } from './log';
import { DATA_DIR, REPO_ROOT } from './paths';
import { startMailSink } from './mail-sink';
import { startLocalPostgres } from './postgres';
import { startProcess, type ManagedProcess } from './processes';
import type { Reaper } from './reaper-client';
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
}

const PREFIX_WIDTH = 6;

/** Temporal for `make dev`: TEMPORAL_ADDRESS when set, else start-dev with its SQLite file and UI. */
export async function devTemporal(ctx: DevContext): Promise<{ address: string; uiUrl?: string }> {
  const { settings } = ctx;
  if (settings.temporalAddress) {
    log(`using the Temporal server at TEMPORAL_ADDRESS=${settings.temporalAddress}`);
    return { address: settings.temporalAddress };
  }
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
  return { address: server.address, uiUrl: server.uiUrl };
}

/** PostgreSQL for `make dev`: DATABASE_URL when set, else the cluster in .data/postgres; then migrations. */
export async function devDatabase(ctx: DevContext): Promise<string> {
  const { settings } = ctx;
  let databaseUrl = settings.databaseUrl;
  if (databaseUrl) {
    log('using the PostgreSQL database at DATABASE_URL');
  } else {
    const postgres = await startLocalPostgres({ dataDir: join(DATA_DIR, 'postgres'), port: settings.pgPort, database: 'gotrs' });
    await ctx.reaper.runOnExit('postgres', postgres.stopCommand);
    ctx.teardown.add('PostgreSQL', async () => {
      await postgres.stop();
      await ctx.reaper.forget('postgres');
    });
    databaseUrl = postgres.databaseUrl;
  }
  ctx.signal.throwIfAborted();
  const startedAt = Date.now();
  await runMigrations(databaseUrl);
  log(`migrations applied in ${secondsSince(startedAt)}`);
  return databaseUrl;
}

/** The compiled entry points `make dev` runs. */
export const APP_SCRIPTS = { worker: 'apps/worker/dist/worker.js', api: 'apps/api/dist/server.js' } as const;

/** Fails before anything starts when the apps are not built. */
export function assertAppsBuilt(): void {
  const missing = Object.values(APP_SCRIPTS).filter((script) => !existsSync(join(REPO_ROOT, script)));
  if (missing.length > 0) throw new Error(`${missing.join(' and ')} missing: build first (\`make dev\` runs \`npm run build\`)`);
}

/** Starts `node <script>` from the repository root with `env`, forwarding its output as `[name]`. */
export function devApp(ctx: DevContext, name: keyof typeof APP_SCRIPTS, env: NodeJS.ProcessEnv): ManagedProcess {
  const script = APP_SCRIPTS[name];
  const child = startProcess({
    name,
    command: process.execPath,
    args: [script],
    cwd: REPO_ROOT,
    env,
    forward: true,
    prefixWidth: PREFIX_WIDTH,
  });
  void ctx.reaper.watchGroup(child.pid);
  ctx.teardown.add(name, async () => {
    await child.stop(10_000);
    await ctx.reaper.forgetGroup(child.pid);
  });
  return child;
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
  log(`maildev ready in ${secondsSince(startedAt)}: SMTP 127.0.0.1:${sink.smtpPort}, UI ${sink.uiUrl}`);
  return { env: { SMTP_HOST: sink.smtpHost, SMTP_PORT: String(sink.smtpPort) }, smtp: `${sink.smtpHost}:${sink.smtpPort} (maildev)`, uiUrl: sink.uiUrl };
}
