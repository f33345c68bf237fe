import type { Caller } from './caller';

/** Which events a caller may see: `customerUserId` set means only that customer's tickets' events. */
export interface EventAudience {
  customerUserId?: string;
}

/**
 * The events `caller` sees on the stream (after decideOperation allowed `events.stream`): a Customer
 * only the events of tickets whose `customerUserId` is their email, as with the tickets themselves
 * (ticket-access.ts); staff and API keys every event.
 */
export function eventAudience(caller: Caller): EventAudience {
  return caller.kind === 'user' && caller.role === 'Customer' ? { customerUserId: caller.email } : {};
}
