import {
  ParentClosePolicy,
  WorkflowIdReusePolicy,
  getExternalWorkflowHandle,
  log,
  startChild,
  type SignalDefinition,
} from '@temporalio/workflow';
import {
  WorkflowTypes,
  isFinalStatus,
  milestoneCompleteSignal,
  normalizeStatus,
  slaWorkflowId,
  statusTypeOf,
  ticketStatusChangedSignal,
  type Actor,
  type MilestoneCompletion,
  type Ticket,
  type TicketNotice,
  type TicketNoticeEvent,
  type TicketStatusNotice,
} from '@gotrs/contracts';
import { applied } from './patches';
import { slaMemoOf } from './search-attributes';

/** The notification activity, as the lifecycle sees it. */
export interface NoticeActivities {
  NotifyTicketEventActivity(notice: TicketNotice): Promise<unknown>;
}

/** Patch IDs: runs recorded before these effects existed replay without them. */
export const PATCHES = { slaSignals: 'sla-signals', notifications: 'ticket-notifications', slaReopen: 'sla-reopen' } as const;

/** Start, or tell the running one: each try ends one of the ways a race between the two can go. */
const RESTART_TRIES = 3;

/**
 * What a ticket change sets off besides its own row: signals to the ticket's SLA workflow and
 * notifications. Neither may hold up or fail the change, so they run in the background and the
 * run waits for them only before it ends.
 */
export class TicketEffects {
  private readonly pending: Promise<unknown>[] = [];
  private readonly slaSent: Promise<unknown>[] = [];
  /** Set once a reopen restarts the SLA: later signals wait for it, so they reach the new run. */
  private restarting: Promise<unknown> | undefined;

  constructor(
    private readonly ticketId: string,
    private readonly activities: NoticeActivities,
  ) {}

  created(ticket: Ticket): void {
    this.notice('ticket.created', `${ticket.id}/created`, { status: ticket.status });
  }

  /** `actor` is in the facts: whoever made the change is not told of it. */
  assigned(ticket: Ticket, changeId: string, from: string | null, actor: Actor): void {
    this.notice('ticket.assigned', `${ticket.id}/assigned/${changeId}`, { from, to: ticket.assignee, actor: actor.label });
  }

  /** A reopen (closed to a live status) restarts the SLA's clocks; any other change is signalled (with who made it). */
  statusChanged(ticket: Ticket, changeId: string, from: string, at: string, actor: Actor): void {
    const notice: TicketStatusNotice = { status: ticket.status, at, actorIdentity: actor };
    const previous = normalizeStatus(from);
    const reopened = previous !== undefined && statusTypeOf(previous) === 'closed' && !isFinalStatus(ticket.status);
    if (reopened && applied(PATCHES.slaSignals) && applied(PATCHES.slaReopen)) this.restartSla(notice, ticket);
    else this.signalSla([ticketStatusChangedSignal], notice);
    this.notice('ticket.status-changed', `${ticket.id}/status/${changeId}`, { from, to: ticket.status, actor: actor.label });
  }

  /** `actor` is who recorded the response (the agent, or a key on the agent's behalf); `actor` stays the agent for older SLA runs. */
  responded(agentId: string, at: string, actor: Actor): void {
    const completion: MilestoneCompletion = { at, actor: agentId, actorIdentity: actor, reason: `${agentId} responded` };
    // One after the other, so the SLA sees them in this order.
    this.signalSla([milestoneCompleteSignal('FirstResponse'), milestoneCompleteSignal('Update')], completion);
  }

  /** Waits for every signal and notification started so far; false when there was none. */
  async settle(): Promise<boolean> {
    if (this.pending.length === 0) return false;
    await Promise.allSettled(this.pending.splice(0));
    return true;
  }

  private signalSla<T>(signals: SignalDefinition<[T]>[] | SignalDefinition<[T?]>[], payload: T): void {
    if (!applied(PATCHES.slaSignals)) return;
    const sla = getExternalWorkflowHandle(slaWorkflowId(this.ticketId));
    const send = () => signals.reduce<Promise<unknown>>(
      (previous, signal) => previous.then(() => sla.signal(signal as SignalDefinition<[T]>, payload)),
      Promise.resolve(),
    );
    const sent = (this.restarting ? this.restarting.then(send) : send())
      // A ticket without an SLA workflow (or one already ended) is normal: nothing to tell.
      .catch((error: unknown) => log.debug('no SLA workflow to signal', { error }));
    this.slaSent.push(sent);
    this.pending.push(sent);
  }

  /**
   * `sla-{id}` ended with the close (the usual case): start it again with `{ resume }`, as a child the
   * lifecycle abandons, and it restores its clocks from PostgreSQL and opens new cycles. Still running
   * (a race with the close): tell it, and it opens them itself. Ended between the two: start it again.
   */
  private restartSla(notice: TicketStatusNotice, ticket: Ticket): void {
    const earlier = [...this.slaSent];
    const restarted = Promise.allSettled(earlier).then(async () => {
      for (let attempt = 1; attempt <= RESTART_TRIES; attempt += 1) {
        if (await this.startResumedSla(notice, ticket)) return;
        if (await this.signalRunningSla(notice)) return;
      }
      log.warn('SLA not restarted after the reopen: it kept ending and starting', { ticketId: this.ticketId });
    });
    this.restarting = restarted;
    this.slaSent.push(restarted);
    this.pending.push(restarted);
  }

  /** True once started (or when starting cannot work); false when a run is there already. */
  private async startResumedSla(notice: TicketStatusNotice, ticket: Ticket): Promise<boolean> {
    try {
      await startChild(WorkflowTypes.slaEnforcement, {
        workflowId: slaWorkflowId(this.ticketId),
        args: [this.ticketId, { resume: notice }],
        memo: slaMemoOf(ticket),
        parentClosePolicy: ParentClosePolicy.ABANDON,
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
      });
      return true;
    } catch (error) {
      if ((error as Error).name === 'WorkflowExecutionAlreadyStartedError') return false;
      log.error('SLA not restarted after the reopen', { ticketId: this.ticketId, error });
      return true;
    }
  }

  private async signalRunningSla(notice: TicketStatusNotice): Promise<boolean> {
    try {
      await getExternalWorkflowHandle(slaWorkflowId(this.ticketId)).signal(ticketStatusChangedSignal, notice);
      return true;
    } catch {
      return false;
    }
  }

  private notice(event: TicketNoticeEvent, key: string, facts: Record<string, string | number | null>): void {
    if (!applied(PATCHES.notifications)) return;
    const sent = this.activities
      .NotifyTicketEventActivity({ key, event, ticketId: this.ticketId, facts })
      .catch((error: unknown) => log.error('ticket notification failed', { key, error }));
    this.pending.push(sent);
  }
}
