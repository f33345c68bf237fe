import type { NotificationSettings } from '@gotrs/config';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { notificationWorkflowId } from '@gotrs/contracts';
import { callerScope } from '../../../../auth/caller';
import { callerOf } from '../../../../plugins/app/identity';
import notifications from '../../../../plugins/app/notifications';
import { newNotificationId } from '../../../../notifications/notification-id';
import { IdempotencyHeaders } from '../../../../schemas/common';
import type { ApiNotification } from '../../../../schemas/notification';
import { InboxQuery, SendNotificationRequest } from '../../../../schemas/notification-requests';
import { RefTo } from '../../../../schemas/model';
import { Ref, json, jsonWithLocation, problem } from '../../../../schemas/responses';
import byId from './_id';

/** Where this folder is mounted; the Location of a notification is under it. */
export const NOTIFICATIONS_PATH = '/api/v1/notifications';

const Notification = Ref<ApiNotification>('Notification');

const plugin: FastifyPluginAsyncTypebox<{ settings: NotificationSettings }> = async (fastify, opts) => {
  await fastify.register(notifications, { settings: opts.settings });

  fastify.post(
    '',
    {
      config: { requires: 'notifications.send' },
      schema: {
        tags: ['Notifications'],
        operationId: 'sendNotification',
        summary: 'Send an ad-hoc notification',
        description:
          'Starts `NotificationWorkflow` (`notification-{id}`): email with retries, falling back to the in-app inbox when email ' +
          'finally fails, logged either way. Answers 202 with the record (`queued`); follow it at the Location. Email to someone ' +
          'with notify hours waits for them unless `urgent`. Send an `Idempotency-Key` to make retries safe: the same key ' +
          'answers the same notification, which is sent once (keys are per caller). No open relay: `recipient` must be someone in ' +
          'the directory unless the caller is an Admin or an API key with `notifications:external` (else 403).',
        headers: IdempotencyHeaders,
        body: RefTo(SendNotificationRequest),
        response: {
          202: jsonWithLocation(Notification, 'Accepted; delivered by the worker.'),
          400: problem(400, 'Invalid body or header: a missing recipient, an unknown channel... (`validation_failed`, `malformed_json`).'),
          422: problem(422, 'The Idempotency-Key was used with a different body (`idempotency_key_reused`).'),
          503: problem(503, 'Temporal (`temporal_unavailable`) or PostgreSQL (`database_unavailable`) is unavailable.'),
        },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const id = newNotificationId(callerScope(caller), request.headers['idempotency-key']);
      request.bindWorkflow(notificationWorkflowId(id));
      const notification = await fastify.notifications.create(caller, id, request.body);
      reply.header('location', `${NOTIFICATIONS_PATH}/${encodeURIComponent(id)}`);
      return reply.code(202).send(notification);
    },
  );

  fastify.get(
    '',
    {
      config: { requires: 'notifications.inbox' },
      schema: {
        tags: ['Notifications'],
        operationId: 'listInbox',
        summary: "A recipient's in-app inbox",
        description:
          'Notifications that reached the in-app inbox of `recipient` (an ID or address of one person), newest first. A person reads ' +
          'their own inbox only (their directory entry, by the email of their token); Admins and API keys read any.',
        querystring: InboxQuery,
        response: {
          200: json(Ref('NotificationPage'), 'A page of the inbox.'),
          400: problem(400, 'Missing recipient, invalid limit or cursor, an unknown parameter (`validation_failed`, `invalid_cursor`).'),
          503: problem(503, 'PostgreSQL is unavailable (`database_unavailable`).'),
        },
      },
    },
    async (request) => {
      const { recipient, unread = false, limit = 20, cursor } = request.query;
      return fastify.notifications.inbox(callerOf(request), recipient, unread, limit, cursor);
    },
  );

  await fastify.register(byId, { prefix: '/:id' });
};

export default plugin;
