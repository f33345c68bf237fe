import type { ChangeEnvelope, EventType } from '@gotrs/contracts';
import type { NewEvent } from './event-writes';

/**
 * The event of a ticket change, keyed by the change's ID (the history row's key), with who did it
 * and why besides `fields`.
 */
export function ticketEvent(type: EventType, change: ChangeEnvelope, fields: Record<string, unknown>): NewEvent {
  return {
    key: `ticket:${change.changeId}`,
    type,
    ticketId: change.ticketId,
    at: change.at,
    data: { ...fields, actor: change.actor, reason: change.reason },
  };
}
