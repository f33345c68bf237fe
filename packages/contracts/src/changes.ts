import type { Actor } from './actor';
import type { ChangeSource, NewTicket, TicketAction } from './ticket';
import type { TicketStatus } from './status';

/**
 * Who asked for a change and why; common to every change request. Go callers name the actor with a
 * plain `actor` string; the API sends the caller it verified as `actorIdentity` (and its label as
 * `actor`, for workers that predate it).
 */
export interface ChangeMeta {
  actor?: string;
  actorIdentity?: Actor;
  reason?: string;
}

/** Body of the `assign` update (and the decoded `assign-ticket` signal). `null` unassigns. */
export interface AssignRequest extends ChangeMeta {
  agentId: string | null;
}

/** Body of the `change-status` update (and the decoded `update-status` signal). */
export interface StatusRequest extends ChangeMeta {
  /** Canonical or alias status name; the workflow normalizes it. */
  status: string;
  pendingUntil?: string | null;
  /** Reopen: apply only when the ticket is closed, and fail with `ticket_not_closed` otherwise. */
  reopen?: boolean;
}

/** Body of the `record-response` update: an agent answered the customer. */
export interface ResponseRequest extends ChangeMeta {
  agentId: string;
}

/** Fields every persisted change carries, so a retried activity writes it once. */
export interface ChangeEnvelope {
  ticketId: string;
  /** Deterministic per change (run ID + sequence): the history row's idempotency key. */
  changeId: string;
  /** The actor's label (the `actor` column). */
  actor: string;
  /** Who it was, structured; absent in changes recorded before actors were. */
  actorIdentity?: Actor | null;
  reason: string | null;
  source: ChangeSource;
  /** Workflow time of the change, so retries record the same moment. */
  at: string;
}

/** Input of `AssignTicketActivity`. */
export interface AssignCommand extends ChangeEnvelope {
  agentId: string | null;
}

/** Input of `UpdateTicketStatusActivity`. */
export interface StatusCommand extends ChangeEnvelope {
  status: TicketStatus;
  pendingUntil: string | null;
  /** `reopened` when a closed ticket goes back to open, `status-changed` otherwise. */
  action: Extract<TicketAction, 'status-changed' | 'reopened'>;
}

/** Input of `RecordTicketEventActivity`: history rows that change nothing (rejections, reminders). */
export interface EventCommand extends ChangeEnvelope {
  action: Extract<TicketAction, 'rejected' | 'reminder'>;
  field: string | null;
  from: string | null;
  to: string | null;
}

/** Input of `CreateTicketActivity`: create the row with its `created` history entry, or load it. */
export interface CreateCommand {
  ticket: NewTicket;
  changeId: string;
  /** Workflow time, used as `createdAt` when the ticket does not carry one. */
  at: string;
}

/** Input of `RecordResponseActivity`. */
export interface ResponseCommand extends ChangeEnvelope {
  agentId: string;
}
