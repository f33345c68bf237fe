import type { AssignRequest, StatusRequest } from './changes';
import { parsePriority } from './priority';
import type { LifecycleStart, NewTicket } from './ticket';

/**
 * Decoders for payloads arriving over Temporal. Go's default JSON converter sends struct field names
 * as they are (`AgentID`, `TicketID`) and bare strings for string arguments; our TypeScript callers
 * send camelCase objects. Each decoder takes both. Pure, so it is safe inside the workflow sandbox.
 */
export class DecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecodeError';
  }
}

type Dict = Record<string, unknown>;

function isDict(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Spellings of a camelCase field that a Go struct may use: `agentId`, `AgentId`, `AgentID`, `agentID`. */
function spellings(name: string): string[] {
  const pascal = name.charAt(0).toUpperCase() + name.slice(1);
  const upperId = (s: string) => s.replace(/Id$/, 'ID');
  return [...new Set([name, pascal, upperId(pascal), upperId(name)])];
}

/** Reads a field under any of its spellings; `undefined` when absent. */
export function readField(source: Dict, name: string): unknown {
  for (const key of spellings(name)) {
    if (key in source) return source[key];
  }
  return undefined;
}

function optionalString(source: Dict, name: string): string | undefined {
  const value = readField(source, name);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new DecodeError(`${name} must be a string`);
  return value;
}

function requiredId(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new DecodeError(`${what} must be a non-empty string`);
  return value.trim();
}

function nullableString(source: Dict, name: string): string | null | undefined {
  return readField(source, name) === null ? null : optionalString(source, name);
}

/** A ticket as a Go struct or our API sends it; only the ID is required. */
export function decodeNewTicket(raw: unknown): NewTicket {
  if (typeof raw === 'string') return { id: requiredId(raw, 'ticket ID') };
  if (!isDict(raw)) throw new DecodeError('ticket must be an ID string or an object');
  const ticket: NewTicket = { id: requiredId(readField(raw, 'id') ?? readField(raw, 'ticketId'), 'ticket ID') };
  const priority = readField(raw, 'priority');
  if (priority !== undefined && priority !== null) {
    const parsed = parsePriority(priority);
    if (parsed === undefined) throw new DecodeError('priority must be 1..5 or an OTRS priority name');
    ticket.priority = parsed;
  }
  const title = optionalString(raw, 'title');
  if (title !== undefined) ticket.title = title;
  const description = nullableString(raw, 'description');
  if (description !== undefined) ticket.description = description;
  const queue = optionalString(raw, 'queue');
  if (queue !== undefined) ticket.queue = queue;
  const customer = nullableString(raw, 'customerUserId');
  if (customer !== undefined) ticket.customerUserId = customer;
  const createdBy = optionalString(raw, 'createdBy');
  if (createdBy !== undefined) ticket.createdBy = createdBy;
  const createdAt = optionalString(raw, 'createdAt');
  if (createdAt !== undefined) ticket.createdAt = createdAt;
  return ticket;
}

/** `TicketLifecycleWorkflow`'s argument: a bare ticket ID (Go), a ticket, or `{ ticket, continued }`. */
export function decodeLifecycleStart(raw: unknown): LifecycleStart {
  if (isDict(raw) && 'ticket' in raw) {
    return { ticket: decodeNewTicket(raw.ticket), continued: raw.continued === true };
  }
  return { ticket: decodeNewTicket(raw) };
}

function decodeMeta(raw: Dict): { actor?: string; reason?: string } {
  const meta: { actor?: string; reason?: string } = {};
  const actor = optionalString(raw, 'actor');
  if (actor !== undefined) meta.actor = actor;
  const reason = optionalString(raw, 'reason');
  if (reason !== undefined) meta.reason = reason;
  return meta;
}

/** `assign-ticket`: Go's `AssignmentData{AgentID}`, `{agentId}`, or a bare agent ID. `null` unassigns. */
export function decodeAssignRequest(raw: unknown): AssignRequest {
  if (typeof raw === 'string') return { agentId: requiredId(raw, 'agent ID') };
  if (!isDict(raw)) throw new DecodeError('assignment must be an agent ID string or an object');
  const agent = readField(raw, 'agentId');
  const agentId = agent === null ? null : requiredId(agent, 'agentId');
  return { agentId, ...decodeMeta(raw) };
}

/** `update-status`: a bare status name (Go), or `{status, pendingUntil}`. The name is checked later. */
export function decodeStatusRequest(raw: unknown): StatusRequest {
  if (typeof raw === 'string') return { status: raw };
  if (!isDict(raw)) throw new DecodeError('status must be a status name or an object');
  const status = readField(raw, 'status');
  if (typeof status !== 'string') throw new DecodeError('status must be a string');
  const request: StatusRequest = { status, ...decodeMeta(raw) };
  const pendingUntil = nullableString(raw, 'pendingUntil');
  if (pendingUntil !== undefined) request.pendingUntil = pendingUntil;
  if (readField(raw, 'reopen') === true) request.reopen = true;
  return request;
}
