import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiError } from '../../errors/api-error';
import { prepareProblemReply, problemBody } from '../../errors/problem-body';
import { ChecksSchema, LiveSchema, NotReadySchema, ReadySchema } from '../../schemas/health';
import { INTERNAL, json } from '../../schemas/responses';
import type { Static } from '@sinclair/typebox';

/** How long each readiness check may take. */
const CHECK_TIMEOUT_MS = 2000;

type Check = Static<typeof ChecksSchema>['temporal'];

async function check(probe: () => Promise<unknown>): Promise<Check> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([probe(), timeout]);
    return { ok: true, latencyMs: Date.now() - started };
  } catch (error) {
    return { ok: false, latencyMs: Date.now() - started, error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

const plugin: FastifyPluginAsyncTypebox<{ retryAfterSeconds: number }> = async (fastify, opts) => {
  fastify.get(
    '/healthz',
    {
      schema: {
        tags: ['Health'],
        summary: 'Liveness: the process answers',
        response: { 200: json(LiveSchema, 'The process is alive.'), ...INTERNAL },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  fastify.get(
    '/readyz',
    {
      schema: {
        tags: ['Health'],
        summary: 'Readiness: Temporal and PostgreSQL both answer',
        description: `Each check is bounded to ${CHECK_TIMEOUT_MS} ms. 503 (with Retry-After) names the failed checks.`,
        response: {
          200: json(ReadySchema, 'Temporal and PostgreSQL answer.'),
          503: {
            description: 'A dependency does not answer (`not_ready`).',
            headers: { 'retry-after': { type: 'integer', description: 'Seconds to wait before retrying.' } },
            content: { 'application/problem+json': { schema: NotReadySchema } },
          },
          ...INTERNAL,
        },
      },
    },
    async (request, reply) => {
      const [temporal, postgres] = await Promise.all([
        check(() => fastify.temporal.ping(CHECK_TIMEOUT_MS)),
        check(() => fastify.pg.query('SELECT 1')),
      ]);
      const checks = { temporal, postgres };
      if (temporal.ok && postgres.ok) return reply.code(200).send({ status: 'ready' as const, checks });
      const failed = Object.entries(checks).filter(([, c]) => !c.ok).map(([name]) => name);
      const problem = problemBody(new ApiError('not_ready', `not answering: ${failed.join(', ')}`), request);
      return prepareProblemReply(reply, 503, opts.retryAfterSeconds).send({ ...problem, checks });
    },
  );
};

export default plugin;
