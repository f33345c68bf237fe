import type { Actor, MilestoneClock, SlaPlan, SlaPolicy, TicketStatus } from '@gotrs/contracts';
import type { Pool } from 'pg';
import { actorColumns, actorOfRow, actorPlaceholders, actorValues } from './actor-columns';
import { decodeCursor, encodeCursor, isCursorText } from './cursor';
import { appendEvents } from './event-writes';
import { clocksOfRows, insertEvents, upsertMilestone, type MilestoneRow, type SlaEventRecord } from './sla-store';
import { inTransaction } from './transaction';

/** An open ticket under a policy: its status, its plan and its clocks as last recorded. */
export interface OpenSlaTicket {
  ticketId: string;
  status: TicketStatus;
  plan: SlaPlan;
  milestones: MilestoneClock[];
}

/** Which open tickets: one policy, optionally only those not on `otherThanVersion`, after `cursor`. */
export interface OpenSlaQuery {
  policy: string;
  limit: number;
  cursor?: string;
  otherThanVersion?: number;
}

const FINAL_TYPES = ['closed', 'merged', 'removed'];

type CursorKey = { t: string };
const isKey = (value: unknown): value is CursorKey =>
  typeof value === 'object' && value !== null && Object.keys(value).length === 1 && isCursorText((value as CursorKey).t);

/**
 * The open tickets (not closed, merged or removed) whose SLA runs under `policy`, by ticket ID, one
 * page of at most `limit` with the cursor of the next (null on the last). InvalidCursorError for a
 * cursor this function did not write.
 */
export async function listOpenSlaTickets(pool: Pool, query: OpenSlaQuery): Promise<{ items: OpenSlaTicket[]; nextCursor: string | null }> {
  const after = query.cursor === undefined ? null : decodeCursor(query.cursor, isKey).t;
  const tickets = await pool.query<{ ticket_id: string; status: TicketStatus; plan: SlaPlan }>(
    `SELECT s.ticket_id, t.status, s.plan FROM ticket_sla s JOIN tickets t ON t.id = s.ticket_id
      WHERE s.policy = $1 AND t.status_type <> ALL($2) AND ($3::text IS NULL OR s.ticket_id > $3)
        AND ($4::integer IS NULL OR s.policy_version <> $4)
      ORDER BY s.ticket_id LIMIT $5`,
    [query.policy, FINAL_TYPES, after, query.otherThanVersion ?? null, query.limit + 1],
  );
  const page = tickets.rows.slice(0, query.limit);
  const ids = page.map((r) => r.ticket_id);
  const clocks = ids.length
    ? await pool.query<MilestoneRow & { ticket_id: string }>('SELECT * FROM sla_milestones WHERE ticket_id = ANY($1)', [ids])
    : { rows: [] };
  const items = page.map((r) => ({
    ticketId: r.ticket_id, status: r.status, plan: r.plan, milestones: clocksOfRows(r.plan, clocks.rows.filter((c) => c.ticket_id === r.ticket_id)),
  }));
  const last = page[page.length - 1];
  return { items, nextCursor: tickets.rows.length > query.limit && last ? encodeCursor({ t: last.ticket_id }) : null };
}

/** How many open tickets run under each version of `policy`. */
export async function countOpenSlaTicketsByVersion(pool: Pool, policy: string): Promise<Array<{ version: number; tickets: number }>> {
  const result = await pool.query<{ version: number; tickets: string }>(
    `SELECT s.policy_version AS version, count(*) AS tickets FROM ticket_sla s JOIN tickets t ON t.id = s.ticket_id
      WHERE s.policy = $1 AND t.status_type <> ALL($2) GROUP BY s.policy_version ORDER BY s.policy_version`,
    [policy, FINAL_TYPES],
  );
  return result.rows.map((r) => ({ version: r.version, tickets: Number(r.tickets) }));
}

/** A policy version applied over the API. */
export interface PolicyVersionRecord {
  policy: string;
  version: number;
  definition: SlaPolicy;
  scope: 'new' | 'open';
  appliedAt: Date;
  appliedBy: Actor;
}

type VersionRow = { policy: string; version: number; definition: SlaPolicy; scope: 'new' | 'open'; applied_at: Date; actor: string } & Record<string, unknown>;

const recordOf = (r: VersionRow): PolicyVersionRecord => ({
  policy: r.policy, version: r.version, definition: r.definition, scope: r.scope, appliedAt: r.applied_at,
  appliedBy: actorOfRow(r, 'actor', r.actor) ?? { label: r.actor, method: 'system', userId: null, email: null, keyId: null, keyName: null, onBehalfOf: null },
});

/** The versions of `policy` applied over the API, or of every policy; by policy, then version. */
export async function listPolicyVersions(pool: Pool, policy?: string): Promise<PolicyVersionRecord[]> {
  const result = await pool.query<VersionRow>(
    `SELECT policy, version, definition, scope, applied_at, actor, ${actorColumns('actor')} FROM sla_policy_versions
      WHERE $1::text IS NULL OR policy = $1 ORDER BY policy, version`,
    [policy ?? null],
  );
  return result.rows.map(recordOf);
}

/**
 * Records an applied version once: the record as stored, which is the given one when it was new, or
 * the earlier one (maybe with another definition: the caller compares) when the version was taken.
 */
export async function recordPolicyVersion(pool: Pool, record: Omit<PolicyVersionRecord, 'appliedAt'>): Promise<{ stored: PolicyVersionRecord; inserted: boolean }> {
  const { policy, version, definition, scope, appliedBy } = record;
  const inserted = await pool.query<VersionRow>(
    `INSERT INTO sla_policy_versions (policy, version, definition, scope, actor, ${actorColumns('actor')})
     VALUES ($1, $2, $3, $4, $5, ${actorPlaceholders(6)}) ON CONFLICT (policy, version) DO NOTHING
     RETURNING policy, version, definition, scope, applied_at, actor, ${actorColumns('actor')}`,
    [policy, version, JSON.stringify(definition), scope, appliedBy.label, ...actorValues(appliedBy)],
  );
  if (inserted.rows[0]) return { stored: recordOf(inserted.rows[0]), inserted: true };
  const existing = (await listPolicyVersions(pool, policy)).find((v) => v.version === version);
  if (!existing) throw new Error(`policy version ${policy} v${version} neither inserted nor found`);
  return { stored: existing, inserted: false };
}

/** What the SLA workflow persists when it re-plans under a new policy version. */
export interface SlaReplan {
  ticketId: string;
  plan: SlaPlan;
  events: SlaEventRecord[];
  /** Every clock of the ticket after the re-plan: those of milestones not among them are removed. */
  milestones: MilestoneClock[];
}

/** Replaces the ticket's plan, records the re-plan's events (each once) and its clocks, in one transaction. */
export async function recordSlaReplan(pool: Pool, replan: SlaReplan): Promise<void> {
  const { ticketId, plan } = replan;
  await inTransaction(pool, async (client) => {
    await client.query(
      'UPDATE ticket_sla SET policy = $2, policy_version = $3, reason = $4, plan = $5 WHERE ticket_id = $1',
      [ticketId, plan.policy.name, plan.policy.version, plan.policy.reason, JSON.stringify(plan)],
    );
    await appendEvents(client, await insertEvents(client, ticketId, replan.events));
    await client.query('DELETE FROM sla_milestones WHERE ticket_id = $1 AND milestone <> ALL($2)', [ticketId, replan.milestones.map((c) => c.name)]);
    for (const clock of replan.milestones) await upsertMilestone(client, ticketId, clock);
  });
}
