import type { EventsSettings } from '@gotrs/config';
import type { PoolSettings } from '@gotrs/db';
import fp from 'fastify-plugin';
import { EventHub } from '../../events/event-hub';
import { startEventPruner } from '../../events/event-pruner';

declare module 'fastify' {
  interface FastifyInstance {
    events: { hub: EventHub; settings: EventsSettings };
  }
}

/**
 * Decorates `fastify.events`: the process's one event hub (its LISTEN connection opens with the
 * first stream) and the settings; prunes the log on its interval. On close the streams end first,
 * so that they do not hold the server open.
 */
export default fp(
  async (fastify, opts: { database: PoolSettings; settings: EventsSettings }) => {
    const hub = new EventHub(fastify.pg, opts.database, fastify.log, opts.settings.heartbeatIntervalMs);
    fastify.decorate('events', { hub, settings: opts.settings });
    const stopPruner = startEventPruner(fastify.pg, opts.settings.retentionMs, opts.settings.pruneIntervalMs, fastify.log);
    fastify.addHook('preClose', async () => {
      stopPruner();
      hub.endAll('the server is shutting down');
    });
    fastify.addHook('onClose', async () => {
      await hub.close();
    });
  },
  { name: 'events', dependencies: ['database'] },
);
