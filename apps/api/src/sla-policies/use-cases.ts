import { policyChangedSignal, slaWorkflowId, type SlaPolicyChange } from '@gotrs/contracts';
import { countOpenSlaTicketsByVersion, listOpenSlaTickets, type OpenSlaTicket } from '@gotrs/db';
import { followsPolicy } from '@gotrs/sla';
import type { Pool } from 'pg';
import { actorOf, type Caller } from '../auth/caller';
import { guardedRead } from '../errors/database-guard';
import type { ApiSlaPolicy, ApiSlaPolicyApply, ApiSlaPolicyPreview } from '../schemas/sla-policy';
import type { ApplySlaPolicyInput, SlaPolicyVersionInput } from '../schemas/sla-policy-requests';
import type { TemporalGateway } from '../temporal/gateway';
import { versionOfBody } from './policy-input';
import type { KnownVersion, PolicySource } from './policy-source';
import { previewTicket } from './preview';

/** One page of open tickets per call: at most this many are previewed or signalled. */
export const DEFAULT_PAGE = 50;
/** Signals sent at once while applying (each bounded by the call timeout). */
const SIGNALS_AT_ONCE = 5;

export interface Page {
  limit?: number;
  cursor?: string;
}

interface Deps {
  temporal: TemporalGateway;
  pool: Pool;
  source: PolicySource;
}

const OWN_TARGETS = 'its targets are its own (the create request\'s `sla` override, or a Go caller\'s): a policy version does not change them';

function openTickets(deps: Deps, policy: string, page: Page, otherThanVersion?: number) {
  return guardedRead(() => listOpenSlaTickets(deps.pool, { policy, limit: page.limit ?? DEFAULT_PAGE, ...(page.cursor ? { cursor: page.cursor } : {}), ...(otherThanVersion ? { otherThanVersion } : {}) }));
}

function versionView(v: KnownVersion) {
  const r = v.record;
  return { version: v.policy.version, source: v.source, scope: r?.scope ?? null, appliedAt: r ? r.appliedAt.toISOString() : null, appliedBy: r?.appliedBy ?? null };
}

/** The policy's versions and the open tickets under each. */
async function getPolicy(deps: Deps, name: string): Promise<ApiSlaPolicy> {
  const { effective, known } = await deps.source.versions(name);
  const openTickets = await guardedRead(() => countOpenSlaTicketsByVersion(deps.pool, name));
  return { name, effective: versionView(effective), versions: known.map(versionView), openTickets };
}

/** What the version would do to each open ticket of the page; nothing is written or signalled. */
async function preview(deps: Deps, name: string, input: SlaPolicyVersionInput, page: Page, nowMs: number): Promise<ApiSlaPolicyPreview> {
  const { policy } = await versionOfBody(deps.source, name, input);
  const { items, nextCursor } = await openTickets(deps, name, page);
  const result: ApiSlaPolicyPreview = { policy: name, version: policy.version, asOf: new Date(nowMs).toISOString(), tickets: [], skipped: [], nextCursor };
  for (const ticket of items) {
    if (!followsPolicy(ticket.plan)) {
      result.skipped.push({ ticketId: ticket.ticketId, reason: OWN_TARGETS });
      continue;
    }
    try {
      result.tickets.push(previewTicket(ticket, policy, nowMs));
    } catch (error) {
      result.skipped.push({ ticketId: ticket.ticketId, reason: `its SLA could not run under this version: ${(error as Error).message}` });
    }
  }
  return result;
}

/** Tells each ticket's SLA workflow to re-plan, a few at a time: the IDs it reached and those whose run has ended. */
async function signalAll(deps: Deps, tickets: OpenSlaTicket[], change: SlaPolicyChange): Promise<{ signalled: string[]; notRunning: string[] }> {
  const signalled: string[] = [];
  const notRunning: string[] = [];
  for (let i = 0; i < tickets.length; i += SIGNALS_AT_ONCE) {
    const chunk = tickets.slice(i, i + SIGNALS_AT_ONCE);
    const deadline = deps.temporal.deadline();
    const reached = await Promise.all(chunk.map((t) => deps.temporal.signal('signal-policy-changed', slaWorkflowId(t.ticketId), policyChangedSignal, [change], deadline)));
    chunk.forEach((t, j) => (reached[j] ? signalled : notRunning).push(t.ticketId));
  }
  return { signalled, notRunning };
}

/**
 * Makes the version the one new tickets get and, for scope `open`, tells every open ticket of the
 * page not on it yet to re-plan. Repeating it is safe: a known version is not recorded again, and
 * a workflow already on the version ignores the signal.
 */
async function apply(deps: Deps, caller: Caller, name: string, input: ApplySlaPolicyInput, page: Page): Promise<ApiSlaPolicyApply> {
  const { scope, ...body } = input;
  const { policy } = await versionOfBody(deps.source, name, body);
  const actor = actorOf(caller);
  const recorded = await deps.source.record(policy, scope, actor);
  const { effective } = await deps.source.versions(name);
  const result: ApiSlaPolicyApply = {
    policy: name, version: policy.version, scope, recorded, effectiveVersion: effective.policy.version,
    signalled: [], notRunning: [], skipped: [], alreadyCurrent: 0, nextCursor: null,
  };
  if (scope === 'open') {
    const { items, nextCursor } = await openTickets(deps, name, page, policy.version);
    const following = items.filter((t) => followsPolicy(t.plan));
    result.skipped = items.filter((t) => !followsPolicy(t.plan)).map((t) => t.ticketId);
    Object.assign(result, await signalAll(deps, following, { policy, reason: 'applied to open tickets', actorIdentity: actor }), { nextCursor });
  }
  const counts = await guardedRead(() => countOpenSlaTicketsByVersion(deps.pool, name));
  result.alreadyCurrent = counts.find((c) => c.version === policy.version)?.tickets ?? 0;
  return result;
}

/**
 * The SLA policy use cases: read a policy's versions, preview a version against the open tickets,
 * apply it to new or open tickets. `source` is shared with ticket creation, which picks the version
 * in force from it.
 */
export function createSlaPolicyUseCases(temporal: TemporalGateway, pool: Pool, source: PolicySource) {
  const deps: Deps = { temporal, pool, source };
  return {
    get: (name: string) => getPolicy(deps, name),
    preview: (name: string, input: SlaPolicyVersionInput, page: Page, nowMs = Date.now()) => preview(deps, name, input, page, nowMs),
    apply: (caller: Caller, name: string, input: ApplySlaPolicyInput, page: Page) => apply(deps, caller, name, input, page),
  };
}

export type SlaPolicyUseCases = ReturnType<typeof createSlaPolicyUseCases>;
