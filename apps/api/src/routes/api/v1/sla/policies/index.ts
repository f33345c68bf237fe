import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SLA_POLICY_MODELS } from '../../../../../schemas/sla-policy';
import { ApplySlaPolicyRequest, SlaPolicyVersionRequest } from '../../../../../schemas/sla-policy-requests';
import policyRoutes from './_name';

/** Where this folder is mounted. */
export const SLA_POLICIES_PATH = '/api/v1/sla/policies';

const plugin: FastifyPluginAsyncTypebox = async (fastify) => {
  for (const schema of [SlaPolicyVersionRequest, ApplySlaPolicyRequest, ...SLA_POLICY_MODELS]) fastify.addSchema(schema);
  await fastify.register(policyRoutes, { prefix: '/:name' });
};

export default plugin;
