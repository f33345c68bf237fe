import { upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { SearchAttributeKeys as Keys, type MilestoneState, type Ticket } from '@gotrs/contracts';
import { stateOf, type SlaClock } from '@gotrs/sla';
import { applied } from './patches';

/** Patch ID: runs recorded before the workflows upserted search attributes replay without them. */
export const SEARCH_ATTRIBUTES_PATCH = 'search-attributes';

/**
 * The longest Keyword value written: SQL visibility stores them in 255-character columns. A longer
 * one (a Go caller's, say) is left out rather than failing every workflow task of the run.
 */
export const MAX_KEYWORD_LENGTH = 255;

function keyword(value: string | null | undefined): string | null {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_KEYWORD_LENGTH ? value : null;
}

/** A ticket's search attributes: status, queue, priority (`1`..`5`) and assignee (absent when none). */
export function ticketSearchAttributes(ticket: Pick<Ticket, 'status' | 'queue' | 'priority' | 'assignee'>): SearchAttributeUpdatePair[] {
  return [
    { key: Keys.ticketStatus, value: keyword(ticket.status) },
    { key: Keys.ticketQueue, value: keyword(ticket.queue) },
    { key: Keys.ticketPriority, value: keyword(String(ticket.priority)) },
    { key: Keys.ticketAssignee, value: keyword(ticket.assignee) },
  ];
}

/** Most urgent first: a breach anywhere is what an operator looks for. */
const SLA_STATE_RANK: Record<MilestoneState, number> = { breached: 5, warned: 4, running: 3, paused: 2, met: 1 };

/** The SLA's state (its most urgent milestone's) and the earliest due instant of a running milestone. */
export function slaSummary(clock: Pick<SlaClock, 'milestones'>): { state: MilestoneState | null; nextDueAt: Date | null } {
  const clocks = clock.milestones();
  const states = clocks.map(stateOf).sort((a, b) => SLA_STATE_RANK[b] - SLA_STATE_RANK[a]);
  const due = clocks.filter((c) => !c.finished && c.runningSince !== null && c.dueAt !== null).map((c) => c.dueAt!);
  return { state: states[0] ?? null, nextDueAt: due.length ? new Date(Math.min(...due)) : null };
}

/**
 * What the starter of `sla-{id}` puts in its memo for these attributes: the ticket's queue and
 * priority (the API's create does the same; a memo needs no registration on the server, so a start
 * never fails for it). Continue-as-new keeps the memo.
 */
export function slaMemoOf(ticket: Pick<Ticket, 'queue' | 'priority'>): { queue: string; priority: number } {
  return { queue: ticket.queue, priority: ticket.priority };
}

/** The ticket's queue and priority from the SLA's memo; a Go caller's SLA has none: those stay absent. */
function ticketOfSla(): { queue: string | null; priority: string | null } {
  const memo = (workflowInfo().memo ?? {}) as { queue?: unknown; priority?: unknown };
  const priority = typeof memo.priority === 'number' && Number.isInteger(memo.priority) ? String(memo.priority) : null;
  return { queue: typeof memo.queue === 'string' ? keyword(memo.queue) : null, priority };
}

function sameValue(current: unknown, wanted: SearchAttributeUpdatePair['value']): boolean {
  if (wanted === null) return current === undefined;
  if (wanted instanceof Date) return current instanceof Date && current.getTime() === wanted.getTime();
  return current === wanted;
}

/** Upserts the pairs whose value differs from the run's own; nothing in runs recorded before the patch. */
function upsertChanged(pairs: SearchAttributeUpdatePair[]): void {
  const current = workflowInfo().typedSearchAttributes;
  const changed = pairs.filter(({ key, value }) => !sameValue(current.get(key), value));
  if (changed.length === 0 || !applied(SEARCH_ATTRIBUTES_PATCH)) return;
  upsertSearchAttributes(changed);
}

/** `ticket-{id}`: brings TicketStatus, TicketQueue, TicketPriority and TicketAssignee up to date. */
export function syncTicketSearchAttributes(ticket: Ticket | undefined): void {
  if (ticket) upsertChanged(ticketSearchAttributes(ticket));
}

/** `sla-{id}`: brings SlaState, SlaNextDueAt and the ticket's TicketQueue and TicketPriority up to date. */
export function syncSlaSearchAttributes(clock: SlaClock | undefined): void {
  if (!clock) return;
  const { state, nextDueAt } = slaSummary(clock);
  const ticket = ticketOfSla();
  upsertChanged([
    { key: Keys.slaState, value: state },
    { key: Keys.slaNextDueAt, value: nextDueAt },
    { key: Keys.ticketQueue, value: ticket.queue },
    { key: Keys.ticketPriority, value: ticket.priority },
  ]);
}
