import type { RateLimitSettings } from '@gotrs/config';
import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { callerScope } from '../../auth/caller';
import { ApiError } from '../../errors/api-error';

/** The probes: an orchestrator polls them, and they hold nothing to protect. */
const EXEMPT = new Set(['/healthz', '/readyz']);

/** The IETF draft's names (draft-ietf-httpapi-ratelimit-headers), as @fastify/rate-limit writes them. */
export const RATE_LIMIT_HEADERS = { limit: 'ratelimit-limit', remaining: 'ratelimit-remaining', reset: 'ratelimit-reset' } as const;

type Limiter = ReturnType<FastifyRequest['server']['createRateLimit']>;
type Verdict = Extract<Awaited<ReturnType<Limiter>>, { isAllowed: false }>;

/** Whose budget a request was counted against, for the 429's detail. */
type Budget = 'caller' | 'anonymous' | 'refused';

const WHOSE: Record<Budget, string> = {
  caller: 'for this caller',
  anonymous: 'without credentials from this address',
  refused: 'with refused credentials from this address',
};

/** The key of a request that carries no verified caller: its address (an IPv6 address by its /64). */
export function addressKey(request: FastifyRequest): string {
  return normalizeIP(request.ip);
}

/** The key of a verified caller: `user:{issuer}:{id}` or `api-key:{id}`, whatever address it calls from. */
export function callerKey(request: FastifyRequest): string {
  if (!request.caller) throw new Error('callerKey needs a verified caller');
  return callerScope(request.caller);
}

function setHeaders(reply: FastifyReply, verdict: Verdict, remaining: number): void {
  reply.header(RATE_LIMIT_HEADERS.limit, verdict.max);
  reply.header(RATE_LIMIT_HEADERS.remaining, remaining);
  reply.header(RATE_LIMIT_HEADERS.reset, verdict.ttlInSeconds);
}

function rateLimited(reply: FastifyReply, verdict: Verdict, budget: Budget, windowMs: number): ApiError {
  setHeaders(reply, verdict, 0);
  reply.header('retry-after', verdict.ttlInSeconds);
  const window = windowMs % 60_000 === 0 ? `${windowMs / 60_000} min` : `${windowMs / 1000} s`;
  return new ApiError('rate_limited', `more than ${verdict.max} requests per ${window} ${WHOSE[budget]}; retry in ${verdict.ttlInSeconds} s`);
}

/**
 * Rate limits (config `api.rate_limit`), counted in @fastify/rate-limit's stores:
 * - a verified caller (request.caller, set by identity in onRequest) against its own budget, keyed by
 *   who it is, not where it calls from;
 * - a request without credentials against its address's budget, before anything else is done;
 * - refused credentials against a second budget of the address, counted once the 401 is answered;
 *   while it is spent, that address's credentials are not even checked (429), so varying a bad token
 *   does not escape the limit, nor cost a key lookup.
 * Register it before identity (its onRequest hook must run first) and after CORS (preflights are free).
 * /healthz and /readyz are not limited. Each limited answer carries the RateLimit-* headers.
 */
export default fp(
  async (fastify, opts: { settings: RateLimitSettings }) => {
    if (fastify.hasRequestDecorator('caller')) throw new Error('register rate-limits before identity: unverified requests are counted before credentials are checked');
    const { windowMs: timeWindow, perCaller, unauthenticated } = opts.settings;
    const limiters: Record<Budget, Limiter> = {
      caller: fastify.createRateLimit({ max: perCaller, timeWindow, keyGenerator: callerKey }),
      anonymous: fastify.createRateLimit({ max: unauthenticated, timeWindow, keyGenerator: addressKey }),
      refused: fastify.createRateLimit({ max: unauthenticated, timeWindow, keyGenerator: addressKey }),
    };
    const counted = new WeakSet<FastifyRequest>();
    const exempt = (request: FastifyRequest) => EXEMPT.has(request.routeOptions.url ?? '');

    async function count(budget: Budget, request: FastifyRequest, reply: FastifyReply): Promise<void> {
      counted.add(request);
      const verdict = await limiters[budget](request);
      if (verdict.isAllowed) return;
      if (verdict.isExceeded) throw rateLimited(reply, verdict, budget, timeWindow);
      setHeaders(reply, verdict, verdict.remaining);
    }

    fastify.addHook('onRequest', async (request, reply) => {
      if (exempt(request)) return;
      if (request.headers.authorization === undefined) return count('anonymous', request, reply);
      const verdict = await limiters.refused(request, { increment: false });
      if (!verdict.isAllowed && verdict.remaining === 0) throw rateLimited(reply, verdict, 'refused', timeWindow);
    });

    // After every onRequest hook, so after identity: request.caller is known, the body not yet read.
    fastify.addHook('preParsing', async (request, reply) => {
      if (exempt(request) || counted.has(request)) return;
      await count(request.caller ? 'caller' : 'anonymous', request, reply);
    });

    // Answers given before preParsing: refused credentials (401), and a caller's 403s.
    fastify.addHook('onResponse', async (request, reply) => {
      if (exempt(request) || counted.has(request)) return;
      if (request.caller) await limiters.caller(request);
      else if (reply.statusCode === 401 && request.headers.authorization !== undefined) await limiters.refused(request);
    });
  },
  { name: 'rate-limits', dependencies: ['rate-limit'] },
);
