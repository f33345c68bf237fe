import type { AppConfig } from '@gotrs/config';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Pool } from 'pg';
import { answerClientError, answerFrameworkError } from './errors/transport-errors';
import { validationFailed } from './errors/validation';
import connectionDrain from './plugins/app/connection-drain';
import database from './plugins/app/database';
import errorHandler from './plugins/app/error-handler';
import escalations from './plugins/app/escalations';
import identity from './plugins/app/identity';
import jsonBodies from './plugins/app/json-bodies';
import jsonWrites from './plugins/app/json-writes';
import methodNotAllowed from './plugins/app/method-not-allowed';
import rateLimits from './plugins/app/rate-limits';
import metrics, { metricsRoute } from './plugins/app/metrics';
import requestContext, { createLogController, requestIdOf } from './plugins/app/request-context';
import routeConventions from './plugins/app/route-conventions';
import sharedSchemas from './plugins/app/shared-schemas';
import temporal from './plugins/app/temporal';
import slaPolicies from './plugins/app/sla-policies';
import tickets from './plugins/app/tickets';
import type { TemporalClient } from './temporal/gateway';
import cors from './plugins/external/cors';
import helmet from './plugins/external/helmet';
import rateLimit from './plugins/external/rate-limit';
import swagger from './plugins/external/swagger';
import swaggerUi from './plugins/external/swagger-ui';
import health from './routes/health';
import ticketRoutes, { TICKETS_PATH } from './routes/api/v1/tickets';
import notificationRoutes, { NOTIFICATIONS_PATH } from './routes/api/v1/notifications';
import apiKeyRoutes, { API_KEYS_PATH } from './routes/api/v1/api-keys';
import reportRoutes, { REPORTS_PATH } from './routes/api/v1/reports';
import eventRoutes, { EVENTS_PATH } from './routes/api/v1/events';
import slaPolicyRoutes, { SLA_POLICIES_PATH } from './routes/api/v1/sla/policies';
import webhookRoutes, { WEBHOOKS_PATH } from './routes/api/v1/webhooks';
import { buildValidator } from './validation/compilers';

export interface AppOptions {
  config: AppConfig;
  /** Owned by the caller, which closes it after the app. */
  pool: Pool;
  /** Owned by the caller, which closes its connection after the app. */
  temporalClient: TemporalClient;
  /** A pino logger; by default one at config.log.level on stdout. */
  logger?: FastifyBaseLogger;
}

export type App = FastifyInstance;

/**
 * Longer than any path Node's HTTP parser lets through (request line and headers share 16 KiB):
 * path parameters are bounded by their schemas (a 400 naming the field), never by the router (a 414).
 */
const MAX_PARAM_LENGTH = 16_384;
const ROUTER_OPTIONS = { ignoreTrailingSlash: true, maxParamLength: MAX_PARAM_LENGTH };

/** Builds the API; the server and the tests use this one factory, so tests see production validation. */
export async function buildApp({ config, pool, temporalClient, logger }: AppOptions): Promise<App> {
  const app = Fastify({
    ...(logger ? { loggerInstance: logger } : { logger: { level: config.log.level } }),
    genReqId: requestIdOf,
    requestIdHeader: false,
    logController: createLogController(),
    routerOptions: ROUTER_OPTIONS,
    schemaController: { compilersFactory: { buildValidator } },
    schemaErrorFormatter: (errors, dataVar) => validationFailed(dataVar, errors),
    frameworkErrors: answerFrameworkError(config.api.retryAfterSeconds),
    clientErrorHandler: answerClientError,
  }).withTypeProvider<TypeBoxTypeProvider>();

  // First: their onRoute hooks must see every route, and the request ID is set before any answer.
  await app.register(routeConventions);
  await app.register(requestContext);
  await app.register(metrics, { pool });
  await app.register(connectionDrain);
  // Before any route: a route keeps the error handler there was when it was added (CORS adds one).
  await app.register(errorHandler, { retryAfterSeconds: config.api.retryAfterSeconds });
  // Browser safety and abuse limits: before identity (preflights are answered without credentials;
  // unverified requests are counted before credentials are checked) and before method-not-allowed
  // (CORS's catch-all OPTIONS route is no method of every path).
  await app.register(helmet);
  await app.register(cors, { origins: config.api.corsOrigins });
  await app.register(rateLimit);
  await app.register(rateLimits, { settings: config.api.rateLimit });
  await app.register(jsonWrites);
  await app.register(methodNotAllowed, ROUTER_OPTIONS);

  await app.register(swagger);
  await app.register(swaggerUi);

  await app.register(jsonBodies);
  await app.register(sharedSchemas);
  await app.register(database, { pool });
  // Before the routes: it refuses at start any route that declares no permission.
  await app.register(identity, { settings: config.auth });
  await app.register(temporal, {
    client: temporalClient,
    settings: { taskQueue: config.temporal.taskQueue, callTimeoutMs: config.temporal.callTimeoutMs },
  });
  await app.register(slaPolicies, { sla: config.sla });
  await app.register(tickets, { createWaitMs: config.api.createWaitMs, directory: config.notifications, workflowSettings: config.workflows });
  await app.register(escalations);

  await app.register(health, { retryAfterSeconds: config.api.retryAfterSeconds });
  if (config.operations.api.metricsPort === null) await app.register(metricsRoute);
  await app.register(ticketRoutes, { prefix: TICKETS_PATH });
  await app.register(notificationRoutes, { prefix: NOTIFICATIONS_PATH, settings: config.notifications });
  await app.register(apiKeyRoutes, { prefix: API_KEYS_PATH });
  await app.register(reportRoutes, { prefix: REPORTS_PATH });
  await app.register(eventRoutes, { prefix: EVENTS_PATH, database: config.database, settings: config.events });
  await app.register(slaPolicyRoutes, { prefix: SLA_POLICIES_PATH });
  await app.register(webhookRoutes, { prefix: WEBHOOKS_PATH, settings: config.webhooks });
  return app;
}
