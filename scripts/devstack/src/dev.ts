/**
 * `make dev`: Temporal (start-dev, SQLite under .data/; or with DEV_TEMPORAL_SERVER=full the production
 * Temporal Server on a PostgreSQL of its own under .data/), PostgreSQL (under .data/, migrated), maildev,
 * the worker and the API, in the foreground until Ctrl-C or SIGTERM; then everything is stopped in
 * reverse order. The worker and the API are restarted when they die; a dead server is told loudly.
 * Run as `node scripts/devstack/dist/dev.js` after `npm run build`.
 */
import { describeTemporalConnection, loadConfig, temporalConnectionOptions, type OperationsSettings, type TemporalSettings } from '@gotrs/config';
import { DEV_ADMIN, DEV_SECRET_FILE, devAdminToken, devSecret, tokenVerificationConfigured } from './dev-auth';
import { assertAppsBuilt, superviseApp } from './dev-apps';
import { announceWhenBack, backProbes, waitUntilReady, type Readiness } from './dev-ready';
import { readDevSettings, type DevSettings } from './dev-settings';
import { devDatabase, devMailSink, devTemporal, type DevContext } from './dev-services';
import { DependencyWatch } from './dependency-watch';
import { log, secondsSince } from './log';
import { assertPortsFree } from './ports';
import { Reaper } from './reaper-client';
import { TaskQueuePollers } from './task-queue-pollers';
import { Teardown } from './teardown';

const READY_TIMEOUT_MS = 120_000;

function portsToCheck(settings: DevSettings, operations: OperationsSettings): Record<string, number> {
  const ports: Record<string, number> = { API_PORT: settings.apiPort };
  if (operations.worker.metricsPort !== 0) ports.WORKER_METRICS_PORT = operations.worker.metricsPort;
  if (operations.api.metricsPort) ports.API_METRICS_PORT = operations.api.metricsPort;
  if (!settings.temporalAddress) {
    ports.TEMPORAL_PORT = settings.temporalPort;
    if (settings.temporalServer === 'full') ports.TEMPORAL_PG_PORT = settings.temporalPgPort;
    else ports.TEMPORAL_UI_PORT = settings.temporalUiPort;
  }
  if (!settings.databaseUrl) ports.PG_PORT = settings.pgPort;
  if (!settings.smtpHost) Object.assign(ports, { MAIL_SMTP_PORT: settings.mailSmtpPort, MAIL_UI_PORT: settings.mailUiPort });
  return ports;
}

function printBanner(lines: [string, string | undefined][], startedAt: number): void {
  const rows = lines.filter((row): row is [string, string] => row[1] !== undefined);
  const body = rows.map(([label, value]) => `  ${label.padEnd(12)} ${value}`).join('\n');
  process.stdout.write(`\nGOTRS Workflow Gateway is ready (${secondsSince(startedAt)} after start)\n${body}\nPress Ctrl-C to stop.\n\n`);
}

/** Where Prometheus scrapes the API and the worker under make dev (their hosts are loopback unless set). */
function metricsUrls(operations: OperationsSettings, apiUrl: string, workerHost: string): { api: string; worker: string } {
  const { api, worker } = operations;
  const host = workerHost.includes(':') ? `[${workerHost}]` : workerHost;
  return {
    api: api.metricsPort === null ? `${apiUrl}/metrics` : `http://127.0.0.1:${api.metricsPort || '<any free port, see its log>'}/metrics`,
    worker: worker.metricsPort === 0 ? '<any free port: see the worker\'s log>' : `http://${host}:${worker.metricsPort}/metrics, /healthz`,
  };
}

/** The development admin token and a request that uses it (only when make dev made the secret). */
function printDevToken(token: string, apiUrl: string): void {
  process.stdout.write(
    `Development admin token (${DEV_ADMIN.email}, role ${DEV_ADMIN.role}; secret in ${DEV_SECRET_FILE}, valid 30 days):\n` +
      `  export TOKEN=${token}\n` +
      `  curl -s -H "Authorization: Bearer $TOKEN" ${apiUrl}/api/v1/tickets\n\n`,
  );
}

/** The dev server `make dev` starts speaks plaintext: TLS settings only make sense with TEMPORAL_ADDRESS. */
function assertTemporalReachable(settings: DevSettings, app: TemporalSettings): void {
  if (settings.temporalAddress || (!app.tls && !app.apiKey)) return;
  throw new Error(
    `Temporal TLS or an API key is configured (${describeTemporalConnection(app)}), but TEMPORAL_ADDRESS is not set: ` +
      'the Temporal dev server that make dev starts speaks plaintext. Set TEMPORAL_ADDRESS to your TLS server, or unset the TLS settings.',
  );
}

async function main(): Promise<number> {
  const startedAt = Date.now();
  const settings = readDevSettings();
  const config = loadConfig(process.env);
  const app = config.temporal;
  assertTemporalReachable(settings, app);
  const teardown = new Teardown();
  const reaper = Reaper.start();
  const stopper = new AbortController();
  const dependencies = new DependencyWatch(stopper.signal);
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
  const ctx: DevContext = { settings, namespace: app.namespace, teardown, reaper, signal: stopper.signal, dependencies };
  try {
    assertAppsBuilt();
    await assertPortsFree(portsToCheck(settings, config.operations));
    const temporal = await devTemporal(ctx);
    const databaseUrl = await devDatabase(ctx);
    const mail = await devMailSink(ctx);
    stopper.signal.throwIfAborted();
    const pollers = TaskQueuePollers.connect({ ...temporalConnectionOptions(app), address: temporal.address }, app.namespace, app.taskQueue);
    teardown.add('the task queue probe', () => pollers.close());
    // No way to verify tokens configured: a development secret under .data/ and an admin token for it.
    const secret = tokenVerificationConfigured(process.env) ? undefined : devSecret();
    const env = {
      ...process.env, ...mail.env, TEMPORAL_ADDRESS: temporal.address, DATABASE_URL: databaseUrl, API_PORT: String(settings.apiPort),
      // Loopback unless API_HOST says otherwise: a development API is not for the network.
      API_HOST: process.env.API_HOST || '127.0.0.1',
      WORKER_METRICS_HOST: process.env.WORKER_METRICS_HOST || '127.0.0.1',
      ...(secret ? { AUTH_JWT_SECRET_FILE: DEV_SECRET_FILE } : {}),
    };
    const apiUrl = `http://127.0.0.1:${settings.apiPort}`;
    const giveUp = (message: string): void => {
      const cause = dependencies.died.length > 0 ? ` (${dependencies.died.join('; ')})` : '';
      stop(`${message}${cause}`, true);
    };
    let readiness: Readiness | undefined;
    const worker = superviseApp(ctx, 'worker', env, {
      onGiveUp: giveUp,
      onRestarted: (run) => readiness && announceWhenBack(worker, run, `the worker polls ${app.taskQueue}`, backProbes.worker(readiness), stopper.signal),
    });
    const api = superviseApp(ctx, 'api', env, {
      onGiveUp: giveUp,
      onRestarted: (run) => announceWhenBack(api, run, `the API answers at ${apiUrl}`, backProbes.api(apiUrl), stopper.signal),
    });
    readiness = { worker, pollers, taskQueue: app.taskQueue, apiUrl, dependencies, signal: stopper.signal };
    await waitUntilReady(readiness, READY_TIMEOUT_MS);
    const metrics = metricsUrls(config.operations, apiUrl, env.WORKER_METRICS_HOST);
    printBanner(
      [
        ['API', `${apiUrl}/api/v1/tickets`],
        ['Swagger UI', `${apiUrl}/docs`],
        ['OpenAPI', `${apiUrl}/openapi.json`],
        ['Temporal UI', temporal.uiUrl],
        ['Temporal', `${temporal.address} (namespace ${app.namespace}, task queue ${app.taskQueue}, ${describeTemporalConnection(app)})`],
        ['PostgreSQL', databaseUrl.replace(/(\/\/[^:@/]*:)[^@/]*@/, '$1***@')],
        ['Mail UI', mail.uiUrl],
        ['SMTP', mail.smtp],
        ['API metrics', metrics.api],
        ['Worker', metrics.worker],
      ],
      startedAt,
    );
    if (secret) printDevToken(await devAdminToken(secret, config.auth.gotrs?.issuer ?? 'gotrs'), apiUrl);
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
  if (dependencies.died.length > 0) {
    log(`stopped, but while it ran: ${dependencies.died.join('; ')}`);
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
