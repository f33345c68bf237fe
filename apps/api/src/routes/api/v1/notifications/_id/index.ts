import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { callerOf } from '../../../../../plugins/app/identity';
import { notificationWorkflowId } from '@gotrs/contracts';
import type { ApiNotification } from '../../../../../schemas/notification';
import { NotificationIdParams } from '../../../../../schemas/notification-requests';
import { Ref, json, problem } from '../../../../../schemas/responses';
import read from './read';

const plugin: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '',
    {
      config: { requires: 'notifications.read' },
      schema: {
        tags: ['Notifications'],
        operationId: 'getNotification',
        summary: "A notification's delivery record",
        description: 'Status, the channel that delivered it, and every attempt with its outcome and error.',
        params: NotificationIdParams,
        response: {
          200: json(Ref<ApiNotification>('Notification'), 'The delivery record.'),
          400: problem(400, 'Invalid notification ID (`validation_failed`).'),
          404: problem(404, 'No such notification (`notification_not_found`).'),
          503: problem(503, 'PostgreSQL (`database_unavailable`) or Temporal (`temporal_unavailable`) is unavailable.'),
        },
      },
    },
    async (request) => {
      request.bindWorkflow(notificationWorkflowId(request.params.id));
      return fastify.notifications.get(callerOf(request), request.params.id);
    },
  );

  await fastify.register(read);
};

export default plugin;
