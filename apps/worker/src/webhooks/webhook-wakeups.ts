import { webhookDispatchWorkflowId, webhookWakeSignal } from '@gotrs/contracts';
import { listenForEvents, type EventListener, type PoolSettings } from '@gotrs/db';
import type { Client } from '@temporalio/client';
import type { WorkerPlugin } from '@temporalio/worker';
import type { Pool } from 'pg';
import type { Logger } from 'pino';

export interface WakeupDeps {
  pool: Pool;
  client: Client;
  /** For the LISTEN connection (one of its own, not from the pool). */
  database: PoolSettings;
  logger: Logger;
}

/** Commits told within this are looked at together: one query and at most one signal per subscription. */
const COALESCE_MS = 50;
/** After the LISTEN connection is lost or cannot be made, the next try. */
const RECONNECT_MS = 5000;

interface PassRow {
  head: string;
  ids: string[];
}

/**
 * While the worker runs: LISTENs on the event log and, when events are committed, signals
 * `webhook-wake` to the dispatchers of the active subscriptions that listen to one of their types.
 * Dispatchers wait for this signal (or their next look) instead of holding an activity slot, so any
 * number of idle subscriptions costs no worker capacity. A missed wake-up only delays a delivery to
 * the dispatcher's next look (webhooks.wait_for_events).
 */
export async function startWebhookWakeups({ pool, client, database, logger }: WakeupDeps): Promise<{ close(): Promise<void> }> {
  let closed = false;
  let lastSeen: string | null = null;
  let listener: EventListener | undefined;
  let pending: NodeJS.Timeout | undefined;
  let reconnect: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const pass = async () => {
    if (lastSeen === null) {
      const { rows: [start] } = await pool.query<{ head: string }>('SELECT coalesce(max(id), 0)::text AS head FROM events');
      lastSeen = start!.head;
      return;
    }
    // The head is read in the same statement as the types after the last one seen: no commit falls between.
    const { rows: [row] } = await pool.query<PassRow>(
      `WITH types AS (SELECT DISTINCT type FROM events WHERE id > $1::bigint)
       SELECT (SELECT coalesce(max(id), 0) FROM events)::text AS head,
              array(SELECT s.id::text FROM webhook_subscriptions s
                     WHERE s.status = 'active' AND s.deleted_at IS NULL AND s.events && array(SELECT type FROM types)) AS ids`,
      [lastSeen],
    );
    lastSeen = row!.head;
    await Promise.all(row!.ids.map((id) => client.workflow.getHandle(webhookDispatchWorkflowId(id)).signal(webhookWakeSignal).catch((error: Error) => {
      logger.debug({ err: error, webhookId: id }, 'webhook wake-up not delivered');
    })));
  };
  const schedule = () => {
    if (closed || pending) return;
    pending = setTimeout(() => {
      pending = undefined;
      running = running.then(pass).catch((error: Error) => logger.warn({ err: error }, 'webhook wake-ups: reading the event log failed'));
    }, COALESCE_MS);
  };
  const connect = async (): Promise<void> => {
    if (closed) return;
    try {
      listener = await listenForEvents(database, {
        onNotify: schedule,
        onLost: (error) => {
          logger.warn({ err: error }, 'webhook wake-ups: the LISTEN connection was lost; reconnecting');
          listener = undefined;
          reconnect = setTimeout(() => void connect().then(schedule), RECONNECT_MS);
        },
      });
      if (closed) await listener.close();
    } catch (error) {
      logger.warn({ err: error }, 'webhook wake-ups: cannot LISTEN; dispatchers fall back to looking every webhooks.wait_for_events');
      reconnect = setTimeout(() => void connect().then(schedule), RECONNECT_MS);
    }
  };

  await pass().catch(() => undefined);
  await connect();
  return {
    async close() {
      closed = true;
      clearTimeout(pending);
      clearTimeout(reconnect);
      await running;
      await listener?.close();
    },
  };
}

/**
 * A worker plugin that runs the wake-ups while the worker runs. They start alongside the worker, not
 * before it: `worker.run()` must leave the worker RUNNING at once, or a shutdown asked for while the
 * first pass reads PostgreSQL (a SIGTERM at start-up) finds it still INITIALIZED and is refused.
 */
export function webhookWakeupsPlugin(deps: WakeupDeps): WorkerPlugin {
  return {
    name: 'gotrs-webhook-wakeups',
    async runWorker(worker, next) {
      const wakeups = startWebhookWakeups(deps).catch((error: Error) => {
        deps.logger.warn({ err: error }, 'webhook wake-ups did not start; dispatchers fall back to looking every webhooks.wait_for_events');
        return undefined;
      });
      try {
        await next(worker);
      } finally {
        await (await wakeups)?.close();
      }
    },
  };
}
