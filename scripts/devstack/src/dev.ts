/**
 * `make dev`: Temporal (start-dev, SQLite under .data/), PostgreSQL (under .data/, migrated), the
 * worker and the API, in the foreground until Ctrl-C or SIGTERM; then everything is stopped in
 * reverse order. Run as `node scripts/devstack/dist/dev.js` after `npm run build`.
 */
import { loadConfig } from '@gotrs/config';
import { readDevSettings, type DevSettings } from './dev-settings';
import { assertAppsBuilt, devApp, devDatabase, devMailSink, devTemporal, type DevContext } from './dev-services';
import { httpStatus } from './http-probe';
import { log, secondsSince } from './log';
import { assertPortsFree } from './ports';
import type { ManagedProcess } from './processes';
import { Reaper } from './reaper-client';
import { Teardown } from './teardown';
import { GiveUpError, waitFor } from './wait';

const READY_TIMEOUT_MS = 120_000;

function portsToCheck(settings: DevSettings): Record<string, number> {
  const ports: Record<string, number> = { API_PORT: settings.apiPort };
  if (!settings.temporalAddress) {
    ports.TEMPORAL_PORT = settings.temporalPort;
    ports.TEMPORAL_UI_PORT = settings.temporalUiPort;
  }
  if (!settings.databaseUrl) ports.PG_PORT = settings.pgPort;
  if (!settings.smtpHost) Object.assign(ports, { MAIL_SMTP_PORT: settings.mailSmtpPort, MAIL_UI_PORT: settings.mailUiPort });
  return ports;
}

function deadChild(children: ManagedProcess[], before: string): Promise<never> | undefined {
  const dead = children.find((child) => child.hasExited());
  return dead && dead.exited.then((code) => Promise.reject(new GiveUpError(`${dead.name} exited (${code}) before ${before}`)));
}

/** Ready means GET /readyz answers 200: the API is up and reaches Temporal and PostgreSQL. */
async function waitForApi(apiUrl: string, children: ManagedProcess[], signal: AbortSignal): Promise<void> {
  await waitFor(
    async () => {
      await deadChild(children, 'the API was ready');
      const status = await httpStatus(`${apiUrl}/readyz`);
      if (status !== 200) throw new Error(`GET /readyz answered ${status}`);
      return true;
    },
    { timeoutMs: READY_TIMEOUT_MS, intervalMs: 250, description: `${apiUrl}/readyz to answer 200`, signal },
  );
}

function printBanner(lines: [string, string | undefined][], startedAt: number): void {
  const rows = lines.filter((row): row is [string, string] => row[1] !== undefined);
  const body = rows.map(([label, value]) => `  ${label.padEnd(12)} ${value}`).join('\n');
  process.stdout.write(`\nGOTRS Workflow Gateway is ready (${secondsSince(startedAt)} after start)\n${body}\nPress Ctrl-C to stop.\n\n`);
}

async function main(): Promise<number> {
  const startedAt = Date.now();
  const settings = readDevSettings();
  const { temporal: app } = loadConfig(process.env);
  const teardown = new Teardown();
  const reaper = Reaper.start();
  const stopper = new AbortController();
  let failure: string | undefined;
  const stop = (reason: string, failed: boolean): void => {
    if (stopper.signal.aborted) return;
    if (failed) failure = reason;
    log(`${reason}: stopping everything`);
    stopper.abort();
  };
  // `make dev | tee log` and Ctrl-C: tee dies first; losing our output must not kill the teardown
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  let signals = 0;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      signals += 1;
      if (signals === 1) return stop(`received ${signal}`, false);
      log(`received ${signal} again: exiting now; the reaper stops whatever is left`);
      process.exit(130);
    });
  }
  const ctx: DevContext = { settings, namespace: app.namespace, teardown, reaper, signal: stopper.signal };
  try {
    assertAppsBuilt();
    await assertPortsFree(portsToCheck(settings));
    const temporal = await devTemporal(ctx);
    const databaseUrl = await devDatabase(ctx);
    const mail = await devMailSink(ctx);
    stopper.signal.throwIfAborted();
    const env = { ...process.env, ...mail.env, TEMPORAL_ADDRESS: temporal.address, DATABASE_URL: databaseUrl, API_PORT: String(settings.apiPort) };
    const children = [devApp(ctx, 'worker', env), devApp(ctx, 'api', env)];
    for (const child of children) {
      void child.exited.then((code) => stop(`${child.name} exited unexpectedly (${code})`, true));
    }
    const apiUrl = `http://127.0.0.1:${settings.apiPort}`;
    await waitForApi(apiUrl, children, stopper.signal);
    printBanner(
      [
        ['API', `${apiUrl}/api/v1`],
        ['Swagger UI', `${apiUrl}/docs`],
        ['OpenAPI', `${apiUrl}/openapi.json`],
        ['Temporal UI', temporal.uiUrl],
        ['Temporal', `${temporal.address} (namespace ${app.namespace}, task queue ${app.taskQueue})`],
        ['PostgreSQL', databaseUrl.replace(/(\/\/[^:@/]*:)[^@/]*@/, '$1***@')],
        ['Mail UI', mail.uiUrl],
        ['SMTP', mail.smtp],
      ],
      startedAt,
    );
    stopper.signal.throwIfAborted();
    await new Promise((resolve) => stopper.signal.addEventListener('abort', resolve, { once: true }));
  } catch (error) {
    if (!stopper.signal.aborted) failure = (error as Error).message;
  } finally {
    await teardown.runAll();
    await reaper.close();
  }
  if (failure) {
    log(`failed: ${failure}`);
    return 1;
  }
  log('stopped cleanly');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    log(`failed: ${error.message}`);
    process.exit(1);
  },
);
