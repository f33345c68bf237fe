import fp from 'fastify-plugin';
import { TemporalGateway, type GatewaySettings, type TemporalClient } from '../../temporal/gateway';

declare module 'fastify' {
  interface FastifyInstance {
    temporal: TemporalGateway;
  }
}

/** Decorates `fastify.temporal`. The client is owned by the caller (server.ts or a test) and closed there. */
export default fp(
  async (fastify, opts: { client: TemporalClient; settings: GatewaySettings }) => {
    fastify.decorate('temporal', new TemporalGateway(opts.client, opts.settings, fastify.hasDecorator('metrics') ? fastify.metrics.temporalCalls : undefined));
  },
  { name: 'temporal' },
);
