import { decodeActor } from './actor';
import type { AssignRequest, ChangeMeta, ResponseRequest, StatusRequest } from './changes';
import { DecodeError, Fields, decodeId, defined, isDict, storable, type DecodeOptions } from './fields';
import { parsePriority } from './priority';
import type { NewTicket } from './ticket';
import type { LifecycleStart } from './workflows/ticket-lifecycle';

/**
 * Decoders for the payloads of `ticket-{id}`. Go's default JSON converter sends struct field names
 * as they are (`AgentID`, `TicketID`), zero values for fields it did not set, and bare strings for
 * string arguments; our TypeScript callers send camelCase objects. Each decoder takes both and
 * refuses text PostgreSQL cannot store. Pure, so it is safe inside the workflow sandbox.
 */

function priorityOf(f: Fields): number | undefined {
  const value = f.raw('priority');
  if (value === undefined || value === null || value === 0 || value === '') return undefined;
  const parsed = parsePriority(value);
  if (parsed === undefined) throw new DecodeError('priority must be 1..5 or an OTRS priority name', 'priority');
  return parsed;
}

/** A ticket as a Go struct or our API sends it; only the ID is required. */
export function decodeNewTicket(raw: unknown, options: DecodeOptions = {}): NewTicket {
  if (typeof raw === 'string') return { id: decodeId(raw, 'ticket ID', options) };
  if (!isDict(raw)) throw new DecodeError('ticket must be an ID string or an object');
  const f = new Fields(raw, '', options);
  return defined({
    id: f.id(f.has('id') ? 'id' : 'ticketId'),
    title: f.text('title'),
    description: f.nullableText('description'),
    priority: priorityOf(f),
    queue: f.text('queue'),
    customerUserId: f.nullableText('customerUserId'),
    createdBy: f.text('createdBy'),
    createdByIdentity: decodeActor(f.raw('createdByIdentity'), 'createdByIdentity', options),
    createdAt: f.instant('createdAt'),
  });
}

/** `TicketLifecycleWorkflow`'s argument: a bare ticket ID (Go), a ticket, or `{ ticket, continued }`. */
export function decodeLifecycleStart(raw: unknown, options: DecodeOptions = {}): LifecycleStart {
  if (isDict(raw) && 'ticket' in raw) {
    return { ticket: decodeNewTicket(raw.ticket, options), continued: raw.continued === true };
  }
  return { ticket: decodeNewTicket(raw, options) };
}

/** `actor` (Go's plain string), `actorIdentity` (the caller the API verified) and `reason`. */
function decodeMeta(f: Fields, options: DecodeOptions): ChangeMeta {
  return defined({ actor: f.text('actor'), actorIdentity: decodeActor(f.raw('actorIdentity'), 'actorIdentity', options), reason: f.text('reason') });
}

/**
 * `assign-ticket`: Go's `AssignmentData{AgentID}`, `{agentId}`, or a bare agent ID. `null` unassigns;
 * an empty AgentID (Go's zero value) names nobody and is refused.
 */
export function decodeAssignRequest(raw: unknown, options: DecodeOptions = {}): AssignRequest {
  if (typeof raw === 'string') return { agentId: decodeId(raw, 'agentId', options) };
  if (!isDict(raw)) throw new DecodeError('assignment must be an agent ID string or an object');
  const f = new Fields(raw, '', options);
  const agentId = f.raw('agentId') === null ? null : f.id('agentId');
  return { agentId, ...decodeMeta(f, options) };
}

/** `update-status`: a bare status name (Go), or `{status, pendingUntil, reopen}`. The name is checked later. */
export function decodeStatusRequest(raw: unknown, options: DecodeOptions = {}): StatusRequest {
  if (typeof raw === 'string') {
    if (raw.trim() === '') throw new DecodeError('status is required (a non-empty string)', 'status');
    return { status: storable(raw, 'status', options) };
  }
  if (!isDict(raw)) throw new DecodeError('status must be a status name or an object');
  const f = new Fields(raw, '', options);
  return defined({ status: f.requiredText('status'), ...decodeMeta(f, options), pendingUntil: f.timeText('pendingUntil'), reopen: f.flag('reopen') });
}

/** `record-response`: `{agentId, actor, reason}`; the agent is required. */
export function decodeResponseRequest(raw: unknown, options: DecodeOptions = {}): ResponseRequest {
  if (!isDict(raw)) throw new DecodeError('response must be an object with an agentId');
  const f = new Fields(raw, '', options);
  return { agentId: f.id('agentId'), ...decodeMeta(f, options) };
}

/** A ticket ID given as a workflow argument (`SLAEnforcementWorkflow`, `EscalationWorkflow`). */
export function decodeTicketId(raw: unknown, options: DecodeOptions = {}): string {
  return decodeId(raw, 'ticket ID', options);
}
