import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { REQUEST_ID_PATTERN, isRequestId } from '@gotrs/contracts';
import { LogController } from 'fastify';
import fp from 'fastify-plugin';
import { runInRequestScope } from '../../tracing/request-scope';

declare module 'fastify' {
  interface FastifyRequest {
    /** Binds the workflow ID to this request's logger, so every later log line carries it. */
    bindWorkflow(workflowId: string): void;
  }
}

const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

/** Request logs labelled `requestId`; the probes' and the scrapes' requests are not logged. */
export function createLogController(): LogController {
  return new LogController({
    requestIdLogLabel: 'requestId',
    disableRequestLogging: (request) => PROBES.has(request.url ?? ''),
  });
}

/** The X-Request-Id values honoured (as a JSON Schema pattern for the OpenAPI document). */
export { REQUEST_ID_PATTERN };

/** The request ID: the caller's `X-Request-Id` when it is a sane token, else a fresh UUID. */
export function requestIdOf(request: IncomingMessage): string {
  const header = request.headers['x-request-id'];
  const value = Array.isArray(header) ? header[0] : header;
  return isRequestId(value) ? value : randomUUID();
}

/**
 * Echoes the request ID back, gives handlers `request.bindWorkflow`, and runs the rest of the request
 * in its request scope (the Temporal client's interceptor puts the ID into workflow headers from there).
 */
export default fp(
  async (fastify) => {
    fastify.decorateRequest('bindWorkflow', function bindWorkflow(workflowId: string) {
      // The request's pino child is shared with the reply, so the "request completed" line gets it too.
      const log = this.log as typeof this.log & { setBindings?: (bindings: object) => void };
      if (log.setBindings) log.setBindings({ workflowId });
      else this.log = this.log.child({ workflowId });
    });
    fastify.addHook('onRequest', async (request, reply) => {
      reply.header('x-request-id', request.id);
    });
    // After the body is read: its stream's events run outside the scope an earlier hook would open.
    fastify.addHook('preHandler', (request, _reply, done) => runInRequestScope(request.id, done));
  },
  { name: 'request-context' },
);
