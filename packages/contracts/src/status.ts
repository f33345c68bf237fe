/** GOTRS/OTRS ticket state names, stored and returned as they are. */
export const TICKET_STATUSES = [
  'new',
  'open',
  'pending reminder',
  'pending auto close+',
  'pending auto close-',
  'closed successful',
  'closed unsuccessful',
  'merged',
  'removed',
] as const;

export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** The state type of a status, as in OTRS's ticket_state_type table. */
export type StatusType = 'new' | 'open' | 'pending' | 'closed' | 'merged' | 'removed';

/** Short input names accepted for convenience (the seed sends plain "closed"). */
export const STATUS_ALIASES: Readonly<Record<string, TicketStatus>> = {
  closed: 'closed successful',
  pending: 'pending reminder',
};

/** Every status string an input may carry: the names plus the aliases. */
export const STATUS_INPUTS: readonly string[] = [...TICKET_STATUSES, ...Object.keys(STATUS_ALIASES)];

/** Maps an input status (name or alias, any case, surrounding spaces ignored) to its canonical name. */
export function normalizeStatus(input: string): TicketStatus | undefined {
  const key = input.trim().toLowerCase();
  if ((TICKET_STATUSES as readonly string[]).includes(key)) return key as TicketStatus;
  return STATUS_ALIASES[key];
}

/** The type of a canonical status. */
export function statusTypeOf(status: TicketStatus): StatusType {
  if (status.startsWith('pending')) return 'pending';
  if (status.startsWith('closed')) return 'closed';
  return status as StatusType;
}

/** Statuses that end a lifecycle run: closed ones, merged and removed. */
export function isFinalStatus(status: TicketStatus): boolean {
  const type = statusTypeOf(status);
  return type === 'closed' || type === 'merged' || type === 'removed';
}

/**
 * Which status types may follow which. Setting the status a ticket already has is a no-op, not a
 * transition. `new` is only ever the first status; merged and removed are for good; a closed ticket
 * only reopens (to `open`).
 */
const ALLOWED_NEXT: Readonly<Record<StatusType, readonly StatusType[]>> = {
  new: ['open', 'pending', 'closed', 'merged', 'removed'],
  open: ['open', 'pending', 'closed', 'merged', 'removed'],
  pending: ['open', 'pending', 'closed', 'merged', 'removed'],
  closed: ['open'],
  merged: [],
  removed: [],
};

/** Whether a ticket in `from` may move to `to` (both canonical). */
export function isAllowedTransition(from: TicketStatus, to: TicketStatus): boolean {
  if (from === to) return true;
  return ALLOWED_NEXT[statusTypeOf(from)].includes(statusTypeOf(to));
}

/** Whether a status needs a `pendingUntil` time. */
export function needsPendingUntil(status: TicketStatus): boolean {
  return statusTypeOf(status) === 'pending';
}
