import { defineSignal } from '@temporalio/workflow';
import type { EscalationAdvance, EscalationStart } from '../escalation';
import { FailureTypes } from '../failures';

/** `EscalationWorkflow`: a ticket's escalation ladder, workflow ID `escalation-{ticketId}-{trigger}`. */
export const ESCALATION_TYPE = 'EscalationWorkflow';

/** Workflow ID of one escalation ladder of a ticket: one per trigger, so a trigger starts it once. */
export function escalationWorkflowId(ticketId: string, trigger: string): string {
  return `escalation-${ticketId}-${trigger.replace(/:/g, '-')}`;
}

/** Go's `EscalationRule` (no JSON tags): `WaitDuration` in nanoseconds. */
export interface GoEscalationRule {
  Level: number;
  WaitDuration?: number;
  Condition?: string;
}

/** The second start argument: Go's `[]EscalationRule` or our `EscalationStart` (`decodeEscalationStart`). */
export type EscalationInput = EscalationStart | GoEscalationRule[];

/** What fired a level: its turn on the ladder, or an `advance`. */
export type FiredBy = 'ladder' | 'advance';

/** A level that fired, when, and what fired it. */
export interface FiredLevel {
  level: number;
  at: string;
  by: FiredBy;
}

/** Why a ladder run stopped. */
export type EscalationStop = 'ladder-complete' | 'condition-cleared' | 'ticket-not-found';

/** What a finished ladder run reports. */
export interface EscalationOutcome {
  ticketId: string;
  workflowId: string;
  trigger: string;
  /** Levels fired, in order, with when and whether an `advance` fired them. */
  fired: FiredLevel[];
  /** Levels an `advance` jumped over. */
  skipped: number[];
  stopped: EscalationStop;
  detail: string;
}

/** The signature the worker's implementation satisfies and the API's starts are typed by. */
export type EscalationWorkflowFn = (ticketId: string, input: EscalationInput) => Promise<EscalationOutcome>;

/** Failure types: an unreadable start fails the run; a ticket without a row stops the ladder. */
export const EscalationFailures = { invalidInput: FailureTypes.invalidInput, ticketNotFound: FailureTypes.ticketNotFound } as const;

/** `escalation-…`: start the next level now (or jump to `level`) instead of waiting. */
export const advanceEscalationSignal = defineSignal<[EscalationAdvance]>('advance');
