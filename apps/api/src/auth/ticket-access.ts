import type { Caller } from './caller';
import { allow, forbidden, hidden, type Decision } from './decision';

/** What the ticket rules look at. */
export interface TicketFacts {
  customerUserId: string | null;
}

const STAFF_ONLY = 'role Agent or Admin';

/**
 * Whether `caller` may see `ticket` (after decideOperation allowed the operation). A Customer sees
 * a ticket only when its `customerUserId` is exactly their email (GOTRS customer logins are their
 * email); everyone else who passed the operation check sees every ticket. Hidden answers 404.
 */
export function decideTicketVisibility(caller: Caller, ticket: TicketFacts): Decision {
  if (caller.kind === 'user' && caller.role === 'Customer' && ticket.customerUserId !== caller.email) return hidden('ticket');
  return allow();
}

/**
 * The `customerUserId` a new ticket gets. A Customer's tickets are their own (absent means theirs;
 * another customer's is refused) and cannot override the SLA; staff and keys give any or none.
 */
export function decideNewTicket(
  caller: Caller,
  body: { customerUserId?: string | null; sla?: unknown },
): Decision<{ customerUserId: string | null }> {
  if (caller.kind !== 'user' || caller.role !== 'Customer') return allow({ customerUserId: body.customerUserId ?? null });
  if (body.sla !== undefined && body.sla !== null) {
    return forbidden(STAFF_ONLY, 'a Customer cannot override the SLA of a ticket: it needs the role Agent or Admin');
  }
  if (body.customerUserId === undefined || body.customerUserId === null || body.customerUserId === caller.email) {
    return allow({ customerUserId: caller.email });
  }
  return forbidden(`customerUserId "${caller.email}"`, `a Customer creates tickets for themselves only: customerUserId must be "${caller.email}" or absent`);
}

/** The list filter: a Customer lists only their own tickets; asking for another's is refused. */
export function decideTicketList(caller: Caller, query: { customerUserId?: string }): Decision<{ customerUserId?: string }> {
  if (caller.kind !== 'user' || caller.role !== 'Customer') return allow(query.customerUserId === undefined ? {} : { customerUserId: query.customerUserId });
  if (query.customerUserId === undefined || query.customerUserId === caller.email) return allow({ customerUserId: caller.email });
  return forbidden(`customerUserId "${caller.email}"`, `a Customer lists their own tickets only: customerUserId must be "${caller.email}" or absent`);
}
