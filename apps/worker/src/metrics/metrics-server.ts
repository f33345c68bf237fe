import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { fetchCoreMetrics } from './core-metrics';
import type { WorkerHealth } from './worker-health';

export interface MetricsServerOptions {
  host: string;
  port: number;
  /** The worker's gotrs_*, process and Node.js metrics. */
  registry: Registry;
  /** Where the Temporal SDK's exporter listens (core-metrics.ts), or null when it is not installed. */
  coreAddress: string | null;
  health: WorkerHealth;
  logger: Logger;
}

export interface MetricsServer {
  /** `http://host:port`, with the port actually bound. */
  url: string;
  close(): Promise<void>;
}

/** The Temporal SDK's metrics followed by ours: one exposition, families never overlap (temporal_ vs the rest). */
async function exposition(options: MetricsServerOptions): Promise<string> {
  const ours = options.registry.metrics();
  if (!options.coreAddress) return ours;
  const core = await fetchCoreMetrics(options.coreAddress).catch((error: Error) => {
    options.logger.warn({ err: error }, "the Temporal SDK's metrics cannot be read; serving the worker's own only");
    return `# Temporal SDK metrics unavailable: ${error.message.replace(/\s+/g, ' ')}\n`;
  });
  return `${core.trimEnd()}\n${await ours}`;
}

/**
 * The worker's operator endpoint (WORKER_METRICS_PORT): `GET /metrics` in Prometheus text format and
 * `GET /healthz` (200 while the worker runs and polls, else 503, with the reasons as JSON).
 */
export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const send = (status: number, type: string, body: string) => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    if (path !== '/metrics' && path !== '/healthz') return send(404, 'text/plain; charset=utf-8', 'not found: try /metrics or /healthz\n');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      return send(405, 'text/plain; charset=utf-8', 'method not allowed\n');
    }
    const answer = path === '/metrics'
      ? exposition(options).then((text) => send(200, options.registry.contentType, text))
      : options.health.check().then((report) => send(report.ok ? 200 : 503, 'application/json', `${JSON.stringify(report)}\n`));
    answer.catch((error: Error) => {
      options.logger.error({ err: error, path }, 'the metrics endpoint failed');
      if (!response.headersSent) send(500, 'text/plain; charset=utf-8', 'internal error\n');
    });
  });
  // Scrapers keep connections alive; a shutdown must not wait for them.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
