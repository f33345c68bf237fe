import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { callerOf } from '../../../../../plugins/app/identity';
import type { ApiNotification } from '../../../../../schemas/notification';
import { RefTo } from '../../../../../schemas/model';
import { MarkNotificationReadRequest, NotificationIdParams } from '../../../../../schemas/notification-requests';
import { Ref, json, problem } from '../../../../../schemas/responses';

const plugin: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post(
    '/read',
    {
      config: { requires: 'notifications.mark-read' },
      schema: {
        tags: ['Notifications'],
        operationId: 'markNotificationRead',
        summary: 'Mark an inbox notification read',
        description: 'Idempotent: marking it again keeps the first `readAt`. No fields: `{}` or an empty body, with `Content-Type: application/json`.',
        params: NotificationIdParams,
        body: RefTo(MarkNotificationReadRequest),
        response: {
          200: json(Ref<ApiNotification>('Notification'), 'The notification, read.'),
          400: problem(400, 'Invalid notification ID (`validation_failed`).'),
          404: problem(404, 'No such notification (`notification_not_found`).'),
          409: problem(409, 'It is not in an in-app inbox: it was emailed, or is not delivered yet (`notification_not_in_inbox`).'),
          503: problem(503, 'PostgreSQL (`database_unavailable`) or Temporal (`temporal_unavailable`) is unavailable.'),
        },
      },
    },
    async (request) => fastify.notifications.markRead(callerOf(request), request.params.id),
  );
};

export default plugin;
