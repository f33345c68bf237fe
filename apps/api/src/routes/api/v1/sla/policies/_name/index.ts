import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Ref, json, problem } from '../../../../../../schemas/responses';
import type { ApiSlaPolicy } from '../../../../../../schemas/sla-policy';
import { PolicyNameParams } from '../../../../../../schemas/sla-policy-requests';
import apply from './apply';
import preview from './preview';

const plugin: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '',
    {
      config: { requires: 'sla-policies.manage' },
      schema: {
        tags: ['SLA policies'],
        operationId: 'getSlaPolicy',
        summary: 'An SLA policy: its versions, and the open tickets under each',
        description:
          'The version tickets created now get (config/sla.yaml\'s, or a higher one applied over this API), every version known, and how ' +
          'many open tickets run under each: after an apply `open`, the count moves to its version as the SLA workflows re-plan.',
        params: PolicyNameParams,
        response: {
          200: json(Ref<ApiSlaPolicy>('SlaPolicy'), 'The policy.'),
          404: problem(404, 'config/sla.yaml names no such policy (`sla_policy_not_found`).'),
          503: problem(503, 'PostgreSQL is unavailable (`database_unavailable`).'),
        },
      },
    },
    async (request) => fastify.slaPolicies.get(request.params.name),
  );
  await fastify.register(preview);
  await fastify.register(apply);
};

export default plugin;
