import { ApplicationFailure, log, workflowInfo } from '@temporalio/workflow';
import {
  TicketErrorCodes,
  actorFrom,
  systemActor,
  temporalActor,
  escapeUnstorable,
  escapeUnstorableFields,
  failureMessage,
  statusTypeOf,
  type AssignRequest,
  type Actor,
  type ChangeEnvelope,
  type ChangeMeta,
  type ChangeSource,
  type NewTicket,
  type ResponseRequest,
  type StatusRequest,
  type Ticket,
  type TicketErrorCode,
} from '@gotrs/contracts';
import type { Activities } from '../activities';
import { activityFailureType, isDataFailure } from './activity-failures';
import type { persistenceActivities } from './activity-stubs';
import { ChangeQueue } from './change-queue';
import { describeRequested } from './describe-requested';
import { followsInputPatch } from './input-patch';
import { TicketEffects, type NoticeActivities } from './ticket-effects';
import { decideAssignment, decideResponse, decideStatus, statusWhenPendingEnds, type Decision } from './ticket-rules';

type Persistence = ReturnType<typeof persistenceActivities<Activities>>;

/** A requested change, decoded; `invalid` is a signal whose payload could not be read. */
export type Change =
  | { kind: 'assign'; request: AssignRequest }
  | { kind: 'status'; request: StatusRequest }
  | { kind: 'response'; request: ResponseRequest }
  | { kind: 'invalid'; field: 'assignee' | 'status' | 'response'; code: TicketErrorCode; message: string; raw: unknown };

/** What a change did: the ticket after it, or why it was refused (already recorded in history). */
export type Outcome = { ok: true; ticket: Ticket } | { ok: false; code: TicketErrorCode; message: string };

/** Who a change is by when it names nobody: Temporal callers' changes by their unverified default names. */
const DEFAULT_ACTOR: Record<ChangeSource, Actor> = {
  api: temporalActor('api'),
  signal: temporalActor('temporal-signal'),
  system: systemActor('system'),
};

function metaOf(change: Change): ChangeMeta {
  return change.kind === 'invalid' ? {} : change.request;
}

/** The state of one run of a ticket's lifecycle and the changes that move it. */
export class TicketRun {
  ticket: Ticket | undefined;
  readonly queue = new ChangeQueue();
  private persistence: Persistence | undefined;
  private effects: TicketEffects | undefined;
  private sequence = 0;
  private remindedFor: string | null = null;

  constructor(readonly ticketId: string) {}

  /** Creates the ticket's row (or loads it) with the configured activities. */
  async load(ticket: NewTicket, persistence: Persistence, notices: NoticeActivities, continued: boolean): Promise<Ticket> {
    this.persistence = persistence;
    this.effects = new TicketEffects(this.ticketId, notices);
    try {
      this.ticket = await persistence.CreateTicketActivity({ ticket, changeId: `${workflowInfo().runId}/0`, at: now() });
    } catch (error) {
      if (!isDataFailure(error)) throw error;
      // No row, and none would come by retrying: end the run with why.
      throw ApplicationFailure.create({
        type: activityFailureType(error), message: `ticket ${this.ticketId} cannot be created: ${failureMessage(error)}`, nonRetryable: true, cause: error as Error,
      });
    }
    if (!continued) this.effects.created(this.ticket);
    return this.ticket;
  }

  /** Waits for the background effects of the changes so far (signals, notifications); false if none. */
  settle(): Promise<boolean> {
    return this.effects?.settle() ?? Promise.resolve(false);
  }

  current(): Ticket {
    if (!this.ticket || !this.persistence) throw new Error('ticket used before it was loaded');
    return this.ticket;
  }

  /** Decides a change against the ticket as it is now (validators call this too). */
  decide(change: Change): Decision<unknown> {
    if (change.kind === 'invalid') return { kind: 'reject', code: change.code, message: change.message };
    const ticket = this.current();
    if (change.kind === 'response') return decideResponse(ticket, change.request);
    return change.kind === 'assign' ? decideAssignment(ticket, change.request) : decideStatus(ticket, change.request, Date.now());
  }

  /**
   * Applies one change: persist it, or record why not. A write that fails for good because of its
   * data (PostgreSQL refused it) is refused and recorded too, so the queue takes the next change.
   */
  async apply(change: Change, source: ChangeSource): Promise<Outcome> {
    try {
      return await this.write(change, source);
    } catch (error) {
      if (!isDataFailure(error) || !followsInputPatch()) throw error;
      const message = `the change cannot be stored: ${failureMessage(error)}`;
      return this.refuse(change, { code: TicketErrorCodes.changeNotStorable, message }, source, metaOf(change));
    }
  }

  private async write(change: Change, source: ChangeSource): Promise<Outcome> {
    const ticket = this.current();
    const persistence = this.persistence!;
    if (change.kind === 'assign') {
      const decision = decideAssignment(ticket, change.request);
      if (decision.kind === 'noop') return { ok: true, ticket };
      if (decision.kind === 'reject') return this.refuse(change, decision, source, change.request);
      const envelope = this.envelope(source, change.request);
      this.ticket = await persistence.AssignTicketActivity({ ...envelope, ...decision.change });
      this.effects!.assigned(this.ticket, envelope.changeId, ticket.assignee, envelope.actorIdentity);
      return { ok: true, ticket: this.ticket };
    }
    if (change.kind === 'response') {
      const decision = decideResponse(ticket, change.request);
      if (decision.kind !== 'apply') return decision.kind === 'reject' ? this.refuse(change, decision, source, change.request) : { ok: true, ticket };
      const envelope = this.envelope(source, change.request);
      this.ticket = await persistence.RecordResponseActivity({ ...envelope, agentId: decision.change.agentId });
      this.effects!.responded(decision.change.agentId, envelope.at, envelope.actorIdentity);
      return { ok: true, ticket: this.ticket };
    }
    if (change.kind === 'status') {
      const decision = decideStatus(ticket, change.request, Date.now());
      if (decision.kind === 'noop') return { ok: true, ticket };
      if (decision.kind === 'reject') return this.refuse(change, decision, source, change.request);
      const envelope = this.envelope(source, change.request);
      this.ticket = await persistence.UpdateTicketStatusActivity({ ...envelope, ...decision.change });
      this.effects!.statusChanged(this.ticket, envelope.changeId, ticket.status, envelope.at, envelope.actorIdentity);
      return { ok: true, ticket: this.ticket };
    }
    return this.refuse(change, { code: change.code, message: change.message }, source, {});
  }

  /** Milliseconds until a pending ticket's time is up; undefined when nothing is due. */
  msUntilPendingEnds(): number | undefined {
    const ticket = this.current();
    if (statusTypeOf(ticket.status) !== 'pending' || !ticket.pendingUntil) return undefined;
    if (ticket.status === 'pending reminder' && this.remindedFor === ticket.pendingUntil) return undefined;
    return Math.max(0, Date.parse(ticket.pendingUntil) - Date.now());
  }

  /** The pending time is up: auto-close statuses close; a reminder is recorded once. */
  async pendingEnded(): Promise<void> {
    const ticket = this.current();
    const next = statusWhenPendingEnds(ticket.status);
    if (next) {
      await this.apply({ kind: 'status', request: { status: next, reason: `pending time ${ticket.pendingUntil} reached` } }, 'system');
      return;
    }
    this.remindedFor = ticket.pendingUntil;
    await this.persistence!.RecordTicketEventActivity({
      ...this.envelope('system', { reason: 'pending reminder time reached' }),
      changeId: `${workflowInfo().workflowId}/reminder/${ticket.pendingUntil}`,
      action: 'reminder', field: 'pendingUntil', from: null, to: ticket.pendingUntil,
    });
  }

  /** Records a refused change; the record's text is made storable, so it cannot fail the way the change did. */
  private async refuse(change: Change, decision: { code: TicketErrorCode; message: string }, source: ChangeSource, meta: ChangeMeta): Promise<Outcome> {
    const ticket = this.current();
    const field = change.kind === 'assign' ? 'assignee' : change.kind === 'status' ? 'status' : change.kind === 'response' ? 'response' : change.field;
    const requested = change.kind === 'assign' ? change.request.agentId
      : change.kind === 'status' ? change.request.status
      : change.kind === 'response' ? change.request.agentId : change.raw;
    const record = escapeUnstorableFields({
      ...this.envelope(source, { actor: meta.actor, actorIdentity: meta.actorIdentity, reason: `${decision.code}: ${decision.message}` }),
      action: 'rejected' as const, field, from: field === 'assignee' ? ticket.assignee : field === 'status' ? ticket.status : null, to: describeRequested(requested),
    });
    try {
      await this.persistence!.RecordTicketEventActivity(record);
    } catch (error) {
      if (!isDataFailure(error) || !followsInputPatch()) throw error;
      log.error('refused change not recorded', { ticketId: this.ticketId, changeId: record.changeId, error: failureMessage(error) });
    }
    return { ok: false, code: decision.code, message: escapeUnstorable(decision.message) };
  }

  /** The change's record: its deterministic ID, who (the caller the API verified, or a Temporal caller's name), when, why. */
  private envelope(source: ChangeSource, meta: ChangeMeta): ChangeEnvelope & { actorIdentity: Actor } {
    this.sequence += 1;
    const actor = actorFrom(meta, DEFAULT_ACTOR[source]);
    return {
      ticketId: this.ticketId,
      changeId: `${workflowInfo().runId}/${this.sequence}`,
      actor: actor.label,
      actorIdentity: actor,
      reason: meta.reason ?? null,
      source,
      at: now(),
    };
  }
}

/** Workflow time as ISO 8601 (deterministic inside the sandbox). */
function now(): string {
  return new Date().toISOString();
}

/** The failure an update answers with when its change is refused; `type` carries the stable code. */
export function refusal(code: TicketErrorCode, message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: code, message, nonRetryable: true });
}
