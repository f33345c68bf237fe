import {
  SLA_ENFORCEMENT_TYPE,
  slaWorkflowId,
  type MilestoneName,
  type SlaEnforcementWorkflowFn,
  type SlaMemo,
  type SlaTargets,
} from '@gotrs/contracts';
import { InvalidDurationError, buildPlan, parseIsoDuration, slaStartSearchAttributes } from '@gotrs/sla';
import { ApiError, type FieldError } from '../errors/api-error';
import type { SlaOverrideInput } from '../schemas/sla-requests';
import type { TicketDeps } from './deps';

const FIELDS: Record<keyof SlaOverrideInput, MilestoneName> = {
  firstResponseTime: 'FirstResponse',
  resolutionTime: 'Resolution',
  updateTime: 'Update',
};

/** The request's `sla` as targets in milliseconds; 400 `invalid_duration` naming every malformed one. */
export function parseSlaOverride(input: SlaOverrideInput | undefined): SlaTargets | undefined {
  if (input === undefined) return undefined;
  const targets: SlaTargets = {};
  const errors: FieldError[] = [];
  for (const [field, milestone] of Object.entries(FIELDS) as [keyof SlaOverrideInput, MilestoneName][]) {
    const text = input[field];
    if (text === undefined) continue;
    try {
      targets[milestone] = parseIsoDuration(text);
    } catch (error) {
      if (!(error instanceof InvalidDurationError)) throw error;
      errors.push({ field: `body.sla.${field}`, message: error.message });
    }
  }
  if (errors.length) throw new ApiError('invalid_duration', `invalid ${errors.map((e) => e.field).join(', ')}`, errors);
  return targets;
}

/** What the SLA of a new ticket is built from: the same priority, queue and createdAt as the ticket. */
export interface SlaTicket {
  id: string;
  priority: number;
  queue: string;
  createdAt: string;
}

/**
 * Starts `SLAEnforcementWorkflow` as `sla-{id}` with the ticket's plan (its policy, or the override's
 * targets), within `deadline`. Already started means a retried create: nothing more to do.
 */
export async function startSla(
  deps: Pick<TicketDeps, 'temporal' | 'slaSettings' | 'workflowSettings'>,
  ticket: SlaTicket,
  override: SlaTargets | undefined,
  deadline: number,
): Promise<void> {
  const plan = buildPlan(await deps.slaSettings(), ticket, override);
  // queue and priority: the SLA workflow's TicketQueue and TicketPriority search attributes.
  const memo: SlaMemo = {
    policy: plan.policy.name, policyVersion: plan.policy.version, queue: ticket.queue, priority: ticket.priority, workflowSettings: deps.workflowSettings,
  };
  const searchAttributes = slaStartSearchAttributes(plan, memo);
  const start = { type: SLA_ENFORCEMENT_TYPE, workflowId: slaWorkflowId(ticket.id), args: [ticket.id, { plan }] as Parameters<SlaEnforcementWorkflowFn>, memo, searchAttributes };
  await deps.temporal.startOnce<SlaEnforcementWorkflowFn>('start-sla', start, deadline);
}
