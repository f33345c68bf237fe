import { upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { slaSearchAttributes, ticketSearchAttributes, type Ticket, type WorkflowSettingsMemo } from '@gotrs/contracts';
import { slaSummary, type SlaClock } from '@gotrs/sla';
import { applied, settingsMemo } from './patches';

/** Patch ID: runs recorded before the workflows upserted search attributes replay without them. */
export const SEARCH_ATTRIBUTES_PATCH = 'search-attributes';

/**
 * What the starter of `sla-{id}` puts in its memo for these attributes: the ticket's queue and
 * priority (the API's create does the same; a memo needs no registration on the server, so a start
 * never fails for it), and the workflow settings this run was given. Continue-as-new keeps the memo.
 */
export function slaMemoOf(ticket: Pick<Ticket, 'queue' | 'priority'>): { queue: string; priority: number } & WorkflowSettingsMemo {
  return { queue: ticket.queue, priority: ticket.priority, ...settingsMemo() };
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
  // The ticket's queue and priority come from the memo its starter wrote (a Go caller's SLA has none).
  upsertChanged(slaSearchAttributes(slaSummary(clock), workflowInfo().memo ?? {}));
}
