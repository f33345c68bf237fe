import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiError } from '../../errors/api-error';
import { NamespaceMissingError } from '../../temporal/gateway';
import { prepareProblemReply, problemBody } from '../../errors/problem-body';
import { type ChecksSchema, LiveSchema, NotReadySchema, ReadySchema } from '../../schemas/health';
import { INTERNAL, json } from '../../schemas/responses';
import type { Static } from '@sinclair/typebox';

/** How long each readiness check may take. */
const CHECK_TIMEOUT_MS = 2000;

type Checks = Static<typeof ChecksSchema>;
type Check = Checks['temporal'];

/** Runs one bounded probe; `describe` turns its failure into the check's `error`. */
async function check(probe: () => Promise<unknown>, describe = (error: Error) => error.message): Promise<Check> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([probe(), timeout]);
    return { ok: true, latencyMs: Date.now() - started };
  } catch (error) {
    return { ok: false, latencyMs: Date.now() - started, error: describe(error as Error) };
  } finally {
    clearTimeout(timer);
  }
}

/** What a 503 says: the dependencies that do not answer, and a namespace Temporal does not have. */
function notReadyDetail(checks: Checks): string {
  const silent = (['temporal', 'postgres'] as const).filter((name) => !checks[name].ok);
  const parts = silent.length > 0 ? [`not answering: ${silent.join(', ')}`] : [];
  if (checks.temporal.ok && !checks.namespace.ok) parts.push(`Temporal ${checks.namespace.error}`);
  return parts.join('; ');
}

/** A missing namespace says so; any other failure of the check names the namespace it was about. */
function namespaceProblem(name: string): (error: Error) => string {
  return (error) => (error instanceof NamespaceMissingError ? error.message : `namespace "${name}" cannot be described: ${error.message}`);
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
        summary: 'Readiness: Temporal and PostgreSQL answer, and the namespace exists',
        description:
          `Checks that Temporal answers (GetSystemInfo), that the configured namespace exists on it (DescribeNamespace) and that ` +
          `PostgreSQL answers (SELECT 1), each bounded to ${CHECK_TIMEOUT_MS} ms. 503 (with Retry-After) names the failed checks.`,
        response: {
          200: json(ReadySchema, 'Temporal and PostgreSQL answer, and the namespace exists.'),
          503: {
            description: 'A dependency does not answer, or the namespace does not exist (`not_ready`).',
            headers: { 'retry-after': { type: 'integer', description: 'Seconds to wait before retrying.' } },
            content: { 'application/problem+json': { schema: NotReadySchema } },
          },
          ...INTERNAL,
        },
      },
    },
    async (request, reply) => {
      const name = fastify.temporal.namespace;
      const [temporal, namespace, postgres] = await Promise.all([
        check(() => fastify.temporal.ping(CHECK_TIMEOUT_MS)),
        check(() => fastify.temporal.checkNamespace(CHECK_TIMEOUT_MS), namespaceProblem(name)),
        check(() => fastify.pg.query('SELECT 1')),
      ]);
      const checks = { temporal, namespace: { ...namespace, name }, postgres };
      if (temporal.ok && namespace.ok && postgres.ok) return reply.code(200).send({ status: 'ready' as const, checks });
      const problem = problemBody(new ApiError('not_ready', notReadyDetail(checks)), request);
      return prepareProblemReply(reply, 503, opts.retryAfterSeconds).send({ ...problem, checks });
    },
  );
};

export default plugin;
