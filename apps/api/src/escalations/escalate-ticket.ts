import {
  ESCALATION_TYPE,
  advanceEscalationSignal,
  escalationWorkflowId,
  type EscalationRule,
  type EscalationStart,
  type EscalationWorkflowFn,
  type Ticket,
} from '@gotrs/contracts';
import type { EscalationRun } from '@gotrs/db';
import { decideActor } from '../auth/actor-rule';
import type { ActorRecord, Caller } from '../auth/caller';
import { enforce } from '../auth/denial-error';
import { ApiError, ticketNotFound } from '../errors/api-error';
import type { EscalateInput, EscalationAccepted } from '../schemas/escalation';
import type { TemporalGateway } from '../temporal/gateway';
import type { TicketStore } from '../tickets/ticket-store';
import { DEFAULT_LADDER } from './default-ladder';
import type { EscalationStore } from './escalation-store';

export interface EscalationDeps {
  temporal: TemporalGateway;
  tickets: TicketStore;
  escalations: EscalationStore;
}

/** A request to escalate, with who asked (the caller, or whom an `actor:impersonate` key names). */
type Escalation = EscalateInput & { by: ActorRecord };
/** Manual triggers tried when `manual:{n}` turns out to be taken by an ended ladder. */
const START_ATTEMPTS = 3;

function checkLevel(level: number | undefined, rules: readonly EscalationRule[]): void {
  const top = Math.max(...rules.map((r) => r.level));
  if (level !== undefined && level > top) {
    const message = `must be at most ${top}, the ladder's top level`;
    throw new ApiError('validation_failed', `invalid body.level: ${message}`, [{ field: 'body.level', message }]);
  }
}

/** The newest ladder of the ticket that Temporal confirms is running, if any. */
async function runningLadder(deps: EscalationDeps, ticketId: string, deadline: number): Promise<EscalationRun | undefined> {
  for (const run of await deps.escalations.unfinishedRuns(ticketId)) {
    const state = await deps.temporal.describe('describe-escalation', run.workflowId, deadline);
    if (state?.running) return run;
  }
  return undefined;
}

/** Signals `advance` to a running ladder; false when it ended meanwhile. */
async function advance(deps: EscalationDeps, workflowId: string, input: Escalation, deadline: number): Promise<boolean> {
  const signal = { reason: input.reason, actor: input.by.label, actorIdentity: input.by, ...(input.level !== undefined ? { level: input.level } : {}) };
  return deps.temporal.signal('signal-escalation', workflowId, advanceEscalationSignal, [signal], deadline);
}

/** A new ladder starts at `level`, else at the first level above the ticket's, else at its top. */
function startLevel(ticket: Ticket, rules: readonly EscalationRule[], level: number | undefined): number {
  if (level !== undefined) return level;
  const above = rules.find((r) => r.level > ticket.escalationLevel);
  return above?.level ?? Math.max(...rules.map((r) => r.level));
}

async function startLadder(deps: EscalationDeps, ticket: Ticket, input: Escalation, deadline: number): Promise<EscalationAccepted> {
  const ladder = (await deps.escalations.plannedLadder(ticket.id)) ?? DEFAULT_LADDER;
  checkLevel(input.level, ladder);
  const from = startLevel(ticket, ladder, input.level);
  const rules = ladder.filter((r) => r.level >= from);
  let n = (await deps.escalations.manualCount(ticket.id)) + 1;
  for (let attempt = 1; ; attempt++, n++) {
    const trigger = `manual:${n}`;
    const workflowId = escalationWorkflowId(ticket.id, trigger);
    const start: EscalationStart = { rules, reason: input.reason, trigger, actor: input.by.label, actorIdentity: input.by };
    const started = await deps.temporal.startOnce<EscalationWorkflowFn>('start-escalation', { type: ESCALATION_TYPE, workflowId, args: [ticket.id, start] }, deadline);
    if (started === 'started') return { ticketId: ticket.id, workflowId, trigger, action: 'started', level: from, reason: input.reason };
    // Started by a request just before this one (its ladder has not recorded itself yet): advance it.
    if (await advance(deps, workflowId, input, deadline)) {
      return { ticketId: ticket.id, workflowId, trigger, action: 'advanced', level: input.level ?? null, reason: input.reason };
    }
    if (attempt >= START_ATTEMPTS) throw new ApiError('internal_error', `escalation ${workflowId} exists but is neither running nor recorded`);
  }
}

/**
 * Escalates a ticket by hand: advances the ticket's running escalation ladder (confirmed with
 * Temporal), or starts a new one (`manual:{n}`) with the ladder of the ticket's SLA plan, else the
 * default ladder. A closed, merged or removed ticket is not escalated. The caller is who escalated.
 */
export async function escalateTicket(deps: EscalationDeps, caller: Caller, ticketId: string, body: EscalateInput): Promise<EscalationAccepted> {
  const input: Escalation = { ...body, by: enforce(decideActor(caller, body.actor)) };
  const ticket = await deps.tickets.find(ticketId);
  if (!ticket) throw ticketNotFound(ticketId);
  if (ticket.statusType === 'closed' || ticket.statusType === 'merged' || ticket.statusType === 'removed') {
    throw new ApiError('ticket_closed', `ticket ${ticketId} is "${ticket.status}"; a closed ticket is not escalated`);
  }
  const deadline = deps.temporal.deadline();
  const running = await runningLadder(deps, ticketId, deadline);
  if (running) {
    checkLevel(input.level, running.rules);
    if (await advance(deps, running.workflowId, input, deadline)) {
      return { ticketId, workflowId: running.workflowId, trigger: running.trigger, action: 'advanced', level: input.level ?? null, reason: input.reason };
    }
  }
  return startLadder(deps, ticket, input, deadline);
}
