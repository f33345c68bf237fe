import { Client } from 'pg';
import type { PoolSettings } from './pool';
import { EVENTS_CHANNEL } from './event-writes';

/** A LISTEN connection on the event log's channel. */
export interface EventListener {
  close(): Promise<void>;
}

export interface ListenHandlers {
  /** A transaction that appended events committed (several commits may be told as one). */
  onNotify(): void;
  /** The connection is gone (PostgreSQL restarted, the network dropped): no more notifications come. */
  onLost(error: Error): void;
}

/**
 * Opens one connection of its own (not from the pool: it is held for as long as it listens) and
 * LISTENs on the log's channel. Rejects when PostgreSQL cannot be reached within the connect timeout.
 */
export async function listenForEvents(settings: PoolSettings, handlers: ListenHandlers): Promise<EventListener> {
  const client = new Client({
    connectionString: settings.url,
    connectionTimeoutMillis: settings.connectTimeoutMs,
    query_timeout: settings.statementTimeoutMs + 1000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  let closing = false;
  let lost = false;
  const lose = (error: Error) => {
    if (closing || lost) return;
    lost = true;
    handlers.onLost(error);
  };
  client.on('error', lose);
  client.on('end', () => lose(new Error('the LISTEN connection to PostgreSQL ended')));
  client.on('notification', (message) => {
    if (message.channel === EVENTS_CHANNEL) handlers.onNotify();
  });
  try {
    await client.connect();
    await client.query(`LISTEN ${EVENTS_CHANNEL}`);
  } catch (error) {
    closing = true;
    await client.end().catch(() => undefined);
    throw error;
  }
  return {
    async close() {
      closing = true;
      await client.end().catch(() => undefined);
    },
  };
}
