import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { callerOf } from '../../../../../../plugins/app/identity';
import { RefTo } from '../../../../../../schemas/model';
import { Ref, json, problem } from '../../../../../../schemas/responses';
import type { ApiSlaPolicyApply } from '../../../../../../schemas/sla-policy';
import { ApplySlaPolicyRequest, PolicyNameParams, PolicyPageQuery } from '../../../../../../schemas/sla-policy-requests';

const plugin: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post(
    '/apply',
    {
      config: { requires: 'sla-policies.manage' },
      schema: {
        tags: ['SLA policies'],
        operationId: 'applySlaPolicy',
        summary: 'Apply a policy version to new tickets, or to open ones too',
        description:
          'Makes the version the one tickets created from now on get (recorded in PostgreSQL with who applied it; versions only move ' +
          'forward). With `scope: "open"`, also signals the SLA workflow of each open ticket on the policy not yet on the version (a page ' +
          'of `limit`, at most 100; repeat with `nextCursor` for the rest) to re-plan now: new targets, elapsed business time and paused ' +
          'time kept, a target already passed breaches at once; each records a `replan` SLA event with the caller as actor. Safe to ' +
          'repeat: a known version is not recorded twice and a workflow on the version ignores the signal. Progress: `GET` the policy.',
        params: PolicyNameParams,
        querystring: PolicyPageQuery,
        body: RefTo(ApplySlaPolicyRequest),
        response: {
          200: json(Ref<ApiSlaPolicyApply>('SlaPolicyApply'), 'Applied (this page of open tickets signalled, for `open`).'),
          400: problem(400, 'Invalid body (`validation_failed`, `malformed_json`), a definition the SLA clock cannot run (`invalid_policy`), or a bad `cursor` (`invalid_cursor`).'),
          404: problem(404, 'No such policy (`sla_policy_not_found`), or `{"version": N}` names no known version (`sla_policy_version_not_found`).'),
          409: problem(409, 'The version exists with another definition (`sla_policy_version_conflict`), or a higher one is in force (`sla_policy_version_superseded`).'),
          503: problem(503, 'PostgreSQL (`database_unavailable`) or Temporal (`temporal_unavailable`) is unavailable; repeating the call is safe.'),
        },
      },
    },
    async (request) => fastify.slaPolicies.apply(callerOf(request), request.params.name, request.body, request.query),
  );
};

export default plugin;
