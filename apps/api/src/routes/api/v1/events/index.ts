import type { EventsSettings } from '@gotrs/config';
import { eventLogBounds, type PoolSettings } from '@gotrs/db';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { eventAudience } from '../../../../auth/event-access';
import { ApiError } from '../../../../errors/api-error';
import { guardedRead } from '../../../../errors/database-guard';
import { EventStream } from '../../../../events/event-stream';
import { checkLastEventId, parseLastEventId } from '../../../../events/last-event-id';
import events from '../../../../plugins/app/events';
import { callerOf } from '../../../../plugins/app/identity';
import { EventStreamHeaders, EventStreamQuery } from '../../../../schemas/event';
import { problem } from '../../../../schemas/responses';

/** Where this folder is mounted. */
export const EVENTS_PATH = '/api/v1/events';

/** EventSource's reconnection delay, sent as `retry:`. */
const RETRY_MS = 2000;

const STREAM_DESCRIPTION =
  'Server-Sent Events (`text/event-stream`): one event per change, written in the same PostgreSQL transaction as the change. ' +
  'Each has `id:` (ids only grow, in commit order), `event:` (its type) and one `data:` line with a `StreamEvent` (JSON). ' +
  'Without Last-Event-ID the stream starts with the next change; with it (the header, or `since`) it first replays what ' +
  'came after that id, then goes live, with no gap and no repeat. A comment line (`: heartbeat`) comes every heartbeat interval. ' +
  'A client that reads more slowly than the events come is disconnected once it is too far behind (it resumes with Last-Event-ID). ' +
  'A Customer sees the events of their own tickets only.';

const plugin: FastifyPluginAsyncTypebox<{ database: PoolSettings; settings: EventsSettings }> = async (fastify, opts) => {
  await fastify.register(events, opts);

  fastify.get(
    '',
    {
      exposeHeadRoute: false,
      config: { requires: 'events.stream' },
      schema: {
        tags: ['Events'],
        operationId: 'streamEvents',
        summary: 'Live stream of ticket, SLA, escalation and notification events',
        description: STREAM_DESCRIPTION,
        headers: EventStreamHeaders,
        querystring: EventStreamQuery,
        response: {
          200: {
            description: 'The stream: `retry:`, then events and heartbeats; it ends only with `follow=false`, a shutdown or a lost database connection.',
            content: {
              'text/event-stream': {
                schema: { type: 'string', description: 'Frames of `id: {id}`, `event: {type}`, `data: {StreamEvent as JSON}`, separated by blank lines; see the StreamEvent schema.' },
              },
            },
          },
          400: problem(400, 'An unknown event type or parameter (`validation_failed`), or a Last-Event-ID this log never issued (`invalid_last_event_id`).'),
          410: problem(410, 'The events after the Last-Event-ID are past the retention (`event_id_expired`): reload and reconnect without it.'),
          503: problem(503, 'PostgreSQL is unavailable (`database_unavailable`) or this server has as many streams open as it may (`too_many_streams`).'),
        },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const { hub, settings } = fastify.events;
      const { ticketId, types, since, follow = true } = request.query;
      const last = parseLastEventId(request.headers['last-event-id'], since);
      if (hub.size >= settings.maxStreams) {
        throw new ApiError('too_many_streams', `this server has ${settings.maxStreams} event streams open; retry later or on another server`);
      }
      await guardedRead(() => hub.ready());
      let after = hub.headId;
      if (last !== undefined) {
        checkLastEventId(last, await guardedRead(() => eventLogBounds(fastify.pg)));
        after = last;
      }
      const stream = new EventStream(hub, fastify.pg, {
        audience: eventAudience(caller), ticketId, types, after, follow,
        heartbeatMs: settings.heartbeatIntervalMs, maxBuffered: settings.maxBufferedEvents, retryMs: RETRY_MS,
      }, request.log);
      reply.raw.on('close', () => stream.drop('the client went away'));
      stream.start();
      return reply
        .type('text/event-stream; charset=utf-8')
        .header('cache-control', 'no-cache, no-transform')
        .header('x-accel-buffering', 'no')
        .send(stream.out);
    },
  );
};

export default plugin;
