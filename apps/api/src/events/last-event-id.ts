import type { EventLogBounds } from '@gotrs/db';
import { ApiError } from '../errors/api-error';

const MAX_ID = 9_223_372_036_854_775_807n;

/**
 * A reader's Last-Event-ID (the header, else the `since` parameter) as the id it names;
 * undefined when neither is given (or the header is empty, as EventSource sends none then).
 * Anything but a decimal id the log could have issued is a 400.
 */
export function parseLastEventId(header: string | undefined, query: string | undefined): bigint | undefined {
  const [raw, where] = header !== undefined && header !== '' ? [header, 'headers.last-event-id'] : [query, 'querystring.since'];
  if (raw === undefined) return undefined;
  if (!/^\d{1,19}$/.test(raw) || BigInt(raw) > MAX_ID) {
    throw invalid(where, 'must be the decimal id of an event this stream sent');
  }
  return BigInt(raw);
}

/**
 * Checks `id` against the log: beyond its head it was never issued (forged, or from another
 * database): 400; below what retention removed, events in between are gone: 410.
 */
export function checkLastEventId(id: bigint, bounds: EventLogBounds): void {
  if (id > bounds.head) throw invalid('headers.last-event-id', `no event ${id} was ever issued (the newest is ${bounds.head}): reconnect without it`);
  if (id < bounds.prunedThrough) {
    throw new ApiError('event_id_expired', `events after ${id} are past the log's retention (kept: after ${bounds.prunedThrough}); ` +
      'reload the state you show and reconnect without Last-Event-ID');
  }
}

function invalid(field: string, message: string): ApiError {
  return new ApiError('invalid_last_event_id', `Last-Event-ID ${message}`, [{ field, message }]);
}
