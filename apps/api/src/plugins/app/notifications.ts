import type { NotificationSettings } from '@gotrs/config';
import fp from 'fastify-plugin';
import { createNotificationUseCases, type NotificationUseCases } from '../../notifications/use-cases';
import { NOTIFICATION_MODELS } from '../../schemas/notification';
import { NOTIFICATION_REQUEST_MODELS } from '../../schemas/notification-requests';

declare module 'fastify' {
  interface FastifyInstance {
    notifications: NotificationUseCases;
  }
}

/**
 * Decorates `fastify.notifications` (the use cases of the notification routes) and registers the
 * notification models. Registered by the notification routes themselves, so the app adds one line.
 */
export default fp(
  async (fastify, opts: { settings: NotificationSettings }) => {
    for (const schema of [...NOTIFICATION_REQUEST_MODELS, ...NOTIFICATION_MODELS]) fastify.addSchema(schema);
    fastify.decorate('notifications', createNotificationUseCases(fastify.temporal, fastify.pg, opts.settings));
  },
  { name: 'notifications', dependencies: ['temporal', 'database'] },
);
