import { getExternalWorkflowHandle, log, patched, type SignalDefinition } from '@temporalio/workflow';
import {
  milestoneCompleteSignal,
  slaWorkflowId,
  ticketStatusChangedSignal,
  type MilestoneCompletion,
  type Ticket,
} from '@gotrs/contracts';
import type { TicketNotice, TicketNoticeEvent } from '../activities/notifier';

/** The notification activity, as the lifecycle sees it. */
export interface NoticeActivities {
  NotifyTicketEventActivity(notice: TicketNotice): Promise<unknown>;
}

/** Patch IDs: runs recorded before these effects existed replay without them. */
export const PATCHES = { slaSignals: 'sla-signals', notifications: 'ticket-notifications' } as const;

/**
 * What a ticket change sets off besides its own row: signals to the ticket's SLA workflow and
 * notifications. Neither may hold up or fail the change, so they run in the background and the
 * run waits for them only before it ends.
 */
export class TicketEffects {
  private readonly pending: Promise<unknown>[] = [];

  constructor(
    private readonly ticketId: string,
    private readonly activities: NoticeActivities,
  ) {}

  created(ticket: Ticket): void {
    this.notice('ticket.created', `${ticket.id}/created`, { status: ticket.status });
  }

  assigned(ticket: Ticket, changeId: string, from: string | null): void {
    this.notice('ticket.assigned', `${ticket.id}/assigned/${changeId}`, { from, to: ticket.assignee });
  }

  statusChanged(ticket: Ticket, changeId: string, from: string, at: string): void {
    this.signalSla([ticketStatusChangedSignal], { status: ticket.status, at });
    this.notice('ticket.status-changed', `${ticket.id}/status/${changeId}`, { from, to: ticket.status });
  }

  responded(agentId: string, at: string): void {
    const completion: MilestoneCompletion = { at, actor: agentId, reason: `${agentId} responded` };
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
    if (!patched(PATCHES.slaSignals)) return;
    const sla = getExternalWorkflowHandle(slaWorkflowId(this.ticketId));
    const sent = signals
      .reduce<Promise<unknown>>((previous, signal) => previous.then(() => sla.signal(signal as SignalDefinition<[T]>, payload)), Promise.resolve())
      // A ticket without an SLA workflow (or one already ended) is normal: nothing to tell.
      .catch((error: unknown) => log.debug('no SLA workflow to signal', { error }));
    this.pending.push(sent);
  }

  private notice(event: TicketNoticeEvent, key: string, facts: Record<string, string | number | null>): void {
    if (!patched(PATCHES.notifications)) return;
    const sent = this.activities
      .NotifyTicketEventActivity({ key, event, ticketId: this.ticketId, facts })
      .catch((error: unknown) => log.error('ticket notification failed', { key, error }));
    this.pending.push(sent);
  }
}
