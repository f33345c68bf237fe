import { defineQuery, defineSignal } from '@temporalio/workflow';
import { FailureTypes } from '../failures';
import { milestoneCompleteSignalName, type MilestoneCompletion, type MilestoneName, type TicketStatusNotice } from '../sla';
import type { Actor } from '../actor';
import type { SlaClockSnapshot } from '../sla-clock-state';
import type { SlaPlan, SlaPolicy } from '../sla-plan';
import { POLICY_CHANGED } from '../sla-signals';
import type { WorkflowSettingsMemo } from '../workflow-settings';

/** `SLAEnforcementWorkflow`: every milestone of a ticket's SLA on its own timer, workflow ID `sla-{id}`. */
export const SLA_ENFORCEMENT_TYPE = 'SLAEnforcementWorkflow';

/** Workflow ID of a ticket's SLA workflow. */
export function slaWorkflowId(ticketId: string): string {
  return `sla-${ticketId}`;
}

/** Our own start argument (the API's, and continue-as-new's). */
export interface SlaStart {
  plan: SlaPlan;
  /** Set by continue-as-new: the clocks as they were. */
  clock?: SlaClockSnapshot;
}

/**
 * The start argument of a run the lifecycle starts when the closed ticket is reopened (the SLA's
 * earlier run ended with the close): the plan and clocks come back from PostgreSQL, and the new
 * cycles start at `at` in `status`.
 */
export interface SlaResume {
  resume: TicketStatusNotice;
}

/**
 * Go's `SLAConfig{FirstResponseTime, ResolutionTime time.Duration}`: no JSON tags, so Go field names
 * and integer nanoseconds (`UpdateTime` is read the same way). Zero means "no clock".
 */
export interface GoSlaConfig {
  FirstResponseTime?: number;
  ResolutionTime?: number;
  UpdateTime?: number;
}

/** The second start argument in any of its forms; the workflow decodes it (`decodeSlaInput`). */
export type SlaInput = SlaStart | SlaResume | GoSlaConfig;

/** The SLA as its workflow holds it: the plan and each milestone's clock. */
export type SlaSnapshot = SlaClockSnapshot & { plan: SlaPlan };

/** The signature the worker's implementation satisfies and the API's starts are typed by. */
export type SlaEnforcementWorkflowFn = (ticketId: string, config: SlaInput) => Promise<SlaSnapshot | null>;

/** The run's memo: the policy (API starts only) and the ticket's queue and priority (its search attributes). */
export interface SlaMemo extends WorkflowSettingsMemo {
  policy?: string;
  policyVersion?: number;
  queue?: string;
  priority?: number;
}

/** Failure types of the workflow: a start argument it cannot run fails the run at once. */
export const SlaEnforcementFailures = { invalidInput: FailureTypes.invalidInput } as const;

/** `sla-{id}`: the ticket's status changed (sent by the lifecycle workflow). */
export const ticketStatusChangedSignal = defineSignal<[TicketStatusNotice]>('ticket-status-changed');

/** `sla-{id}`: a milestone is met — `FirstResponse-complete`, `Resolution-complete`, `Update-complete`. */
export function milestoneCompleteSignal(milestone: MilestoneName) {
  return defineSignal<[MilestoneCompletion?]>(milestoneCompleteSignalName(milestone));
}

/**
 * Payload of `policy-changed`: the ticket's policy has a new version for open tickets. The run
 * re-plans under it (elapsed business time and paused time kept) and records `replan` events with
 * `reason` and the actor; a run already on this version of the policy ignores it, so resending is safe.
 */
export interface SlaPolicyChange {
  policy: SlaPolicy;
  reason?: string;
  /** Who applied the version (the API's caller). */
  actorIdentity?: Actor;
}

/** `sla-{id}`: re-plan under another version of the ticket's policy (sent by the API's policy apply). */
export const policyChangedSignal = defineSignal<[SlaPolicyChange]>(POLICY_CHANGED);

/** `sla` query on `sla-{id}`: the live clocks (null before the first step). */
export const slaQuery = defineQuery<SlaSnapshot | null>('sla');
