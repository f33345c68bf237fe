import { log, secondsSince } from './log';
import { freePort } from './ports';
import { startLocalPostgres, type LocalPostgres } from './postgres';
import type { ManagedProcess } from './processes';
import type { Reaper } from './reaper-client';
import { resolveTemporalCli } from './temporal';
import { startTemporalServer, type TemporalServer } from './temporal-server';
import { ensureTemporalServer } from './temporal-server-build';
import { setupTemporalSchema, type TemporalPostgres } from './temporal-server-schema';
import type { Teardown } from './teardown';

export interface FullTemporalOptions {
  /** The PostgreSQL cluster folder of Temporal's own databases (initdb on first use). */
  dataDir: string;
  /** Its port on 127.0.0.1 (default: a free one). */
  pgPort?: number;
  /** The frontend's gRPC port (default: a free one). */
  frontendPort?: number;
  /** Namespaces to register besides `default`. */
  namespaces?: readonly string[];
  /** Throwaway cluster (fsync off): for tests; a benchmark or make dev keeps PostgreSQL's defaults. */
  ephemeral?: boolean;
  logFile?: string;
  logLevel?: string;
  forwardOutput?: boolean;
  signal?: AbortSignal;
}

/** The full Temporal Server running on its own PostgreSQL. */
export interface FullTemporal {
  address: string;
  server: ManagedProcess;
  postgres: LocalPostgres;
  /** Stops the server and starts it again on the same ports and databases (what survives is durable). */
  restartServer(): Promise<void>;
}

/**
 * The production topology of Temporal, without Docker: the pinned Temporal Server (built into
 * `.tools/` when missing), a PostgreSQL cluster of its own with the `temporal` and
 * `temporal_visibility` schemas (temporal-sql-tool, idempotent), the server with
 * config/temporal-server/ and the namespaces with the workflows' search attributes. Every part is
 * registered with `teardown` (stopped in reverse) and `reaper` (stopped should we die first).
 */
export async function startFullTemporal(teardown: Teardown, reaper: Reaper, options: FullTemporalOptions): Promise<FullTemporal> {
  const startedAt = Date.now();
  const [binaries, cliPath] = await Promise.all([ensureTemporalServer(), resolveTemporalCli()]);
  options.signal?.throwIfAborted();
  const pgPort = options.pgPort ?? (await freePort());
  const postgres = await startLocalPostgres({ dataDir: options.dataDir, port: pgPort, database: 'postgres', ephemeral: options.ephemeral });
  await reaper.runOnExit(`temporal-postgres-${pgPort}`, postgres.stopCommand);
  teardown.add("Temporal's PostgreSQL", async () => {
    await postgres.stop();
    await reaper.forget(`temporal-postgres-${pgPort}`);
  });
  const pg: TemporalPostgres = { host: '127.0.0.1', port: pgPort, user: 'postgres' };
  await setupTemporalSchema(binaries.sql, pg);
  options.signal?.throwIfAborted();

  const start = (ports?: TemporalServer['ports']): Promise<TemporalServer> =>
    startTemporalServer({
      binaries, cliPath, postgres: pg, ports, frontendPort: options.frontendPort, namespaces: options.namespaces,
      logFile: options.logFile, logLevel: options.logLevel, forwardOutput: options.forwardOutput, signal: options.signal,
      onSpawn: (child) => void reaper.watchGroup(child.pid),
    });
  let server = await start();
  teardown.add('Temporal Server', async () => {
    await server.stop();
    await reaper.forgetGroup(server.process.pid);
  });
  log(`full Temporal (server + PostgreSQL schema) ready in ${secondsSince(startedAt)}`);
  return {
    address: server.address,
    get server() {
      return server.process;
    },
    postgres,
    async restartServer() {
      await server.stop();
      await reaper.forgetGroup(server.process.pid);
      server = await start(server.ports);
    },
  };
}
