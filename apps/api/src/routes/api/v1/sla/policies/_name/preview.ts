import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { RefTo } from '../../../../../../schemas/model';
import { Ref, json, problem } from '../../../../../../schemas/responses';
import type { ApiSlaPolicyPreview } from '../../../../../../schemas/sla-policy';
import { PolicyNameParams, PolicyPageQuery, SlaPolicyVersionRequest } from '../../../../../../schemas/sla-policy-requests';

const plugin: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post(
    '/preview',
    {
      config: { requires: 'sla-policies.manage' },
      schema: {
        tags: ['SLA policies'],
        operationId: 'previewSlaPolicy',
        summary: 'Preview a policy version against the open tickets',
        description:
          'For each open ticket on the policy (a page of `limit`, at most 100, by ticket ID; then `cursor`): per milestone, the due and ' +
          'warning instants now and under the version, by how much they move, and whether the breach or the warning would fire at once. ' +
          'Computed with the SLA workflow\'s own arithmetic from the clocks as last recorded (elapsed business time and paused time kept), ' +
          'as of `asOf`. Nothing is written or signalled.',
        params: PolicyNameParams,
        querystring: PolicyPageQuery,
        body: RefTo(SlaPolicyVersionRequest),
        response: {
          200: json(Ref<ApiSlaPolicyPreview>('SlaPolicyPreview'), 'What the version would do.'),
          400: problem(400, 'Invalid body (`validation_failed`, `malformed_json`), a definition the SLA clock cannot run (`invalid_policy`), or a bad `cursor` (`invalid_cursor`).'),
          404: problem(404, 'No such policy (`sla_policy_not_found`), or `{"version": N}` names no known version (`sla_policy_version_not_found`).'),
          503: problem(503, 'PostgreSQL is unavailable (`database_unavailable`).'),
        },
      },
    },
    async (request) => fastify.slaPolicies.preview(request.params.name, request.body, request.query),
  );
};

export default plugin;
