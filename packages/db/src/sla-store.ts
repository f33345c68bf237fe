import { SLA_EVENT_TYPES, systemActor, type Actor } from '@gotrs/contracts';
import { stateOf, type MilestoneClock, type SlaEvent, type SlaPlan } from '@gotrs/sla';
import type { Pool, PoolClient } from 'pg';
import { actorColumns, actorOfRow, actorPlaceholders, actorValues } from './actor-columns';
import { appendEvents, type NewEvent } from './event-writes';
import { inTransaction } from './transaction';

/**
 * An SLA event as stored: `key` makes it once-only whatever retries happen; `actor` who caused it
 * (`sla`, the system, when absent: the clock's own events). Instants are epoch ms.
 */
export type SlaEventRecord = SlaEvent & { key: string; actor?: Actor };

/** What the SLA workflow persists after each step. */
export interface SlaProgress {
  ticketId: string;
  /** The plan, on the first step only. */
  plan?: SlaPlan;
  events: SlaEventRecord[];
  milestones: MilestoneClock[];
}

const ts = (ms: number | null) => (ms === null ? null : new Date(ms));

/** A meet's business time to meet, whole milliseconds (reports read it); null on other events and older clocks. */
const elapsedOfMeet = (e: SlaEventRecord) => (e.type === 'meet' && Number.isFinite(e.elapsedMs) ? Math.max(0, Math.round(e.elapsedMs!)) : null);

/** The log event of an SLA event, keyed by the SLA event's own once-only key. */
function logEvent(ticketId: string, e: SlaEventRecord, actor: Actor): NewEvent {
  return {
    key: `sla:${e.key}`, type: SLA_EVENT_TYPES[e.type], ticketId, at: new Date(e.at),
    data: { milestone: e.milestone, cycle: e.cycle, dueAt: e.dueAt === null ? null : new Date(e.dueAt).toISOString(), reason: e.reason, actor: actor.label },
  };
}

/** Inserts the events not recorded yet and answers their log events. */
async function insertEvents(client: PoolClient, ticketId: string, events: SlaEventRecord[]): Promise<NewEvent[]> {
  const fresh: NewEvent[] = [];
  for (const e of events) {
    const actor = e.actor ?? systemActor('sla');
    const inserted = await client.query(
      `INSERT INTO sla_events (event_key, ticket_id, milestone, cycle, type, reason, due_at, occurred_at, business_elapsed_ms, actor, ${actorColumns('actor')})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, ${actorPlaceholders(11)}) ON CONFLICT (event_key) DO NOTHING`,
      [e.key, ticketId, e.milestone, e.cycle, e.type, e.reason, ts(e.dueAt), ts(e.at), elapsedOfMeet(e), actor.label, ...actorValues(actor)],
    );
    if (inserted.rowCount === 1) fresh.push(logEvent(ticketId, e, actor));
  }
  return fresh;
}

async function upsertMilestone(client: PoolClient, ticketId: string, c: MilestoneClock): Promise<void> {
  await client.query(
    `INSERT INTO sla_milestones (ticket_id, milestone, cycle, state, target_ms, elapsed_ms, running_since, paused_ms,
                                 paused_since, due_at, warn_at, warned_at, met_at, breached_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, now())
     ON CONFLICT (ticket_id, milestone) DO UPDATE SET
       cycle = EXCLUDED.cycle, state = EXCLUDED.state, target_ms = EXCLUDED.target_ms, elapsed_ms = EXCLUDED.elapsed_ms,
       running_since = EXCLUDED.running_since, paused_ms = EXCLUDED.paused_ms, paused_since = EXCLUDED.paused_since,
       due_at = EXCLUDED.due_at, warn_at = EXCLUDED.warn_at, warned_at = EXCLUDED.warned_at, met_at = EXCLUDED.met_at,
       breached_at = EXCLUDED.breached_at, updated_at = now()`,
    [ticketId, c.name, c.cycle, stateOf(c), c.targetMs, c.elapsedMs, ts(c.runningSince), c.pausedMs, ts(c.pausedSince),
      ts(c.dueAt), ts(c.warnAt), ts(c.warnedAt), ts(c.metAt), ts(c.breachedAt)],
  );
}

/** Stores the plan (first time only), the events (each once, with its log event) and the clocks' latest state. */
export async function recordSlaProgress(pool: Pool, progress: SlaProgress): Promise<void> {
  await inTransaction(pool, async (client) => {
    if (progress.plan) {
      const plan = progress.plan;
      await client.query(
        `INSERT INTO ticket_sla (ticket_id, policy, policy_version, reason, plan, started_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (ticket_id) DO NOTHING`,
        [progress.ticketId, plan.policy.name, plan.policy.version, plan.policy.reason, JSON.stringify(plan), plan.startedAt],
      );
    }
    const fresh = await insertEvents(client, progress.ticketId, progress.events);
    for (const clock of progress.milestones) await upsertMilestone(client, progress.ticketId, clock);
    await appendEvents(client, fresh);
  });
}

/** A ticket's SLA as last recorded; events recorded before actors were are the system's (`sla`). */
export interface StoredSla {
  plan: SlaPlan;
  milestones: MilestoneClock[];
  events: Array<Omit<SlaEventRecord, 'key' | 'actor'> & { id: string; actor: Actor }>;
}

const ms = (d: Date | null) => (d === null ? null : d.getTime());

/** The stored SLA of a ticket, or null when none was started. */
export async function findSla(pool: Pool, ticketId: string): Promise<StoredSla | null> {
  // One snapshot: clocks and events written by a step between two of these reads would disagree.
  const read = await inTransaction(pool, async (client) => {
    const row = await client.query<{ plan: SlaPlan }>('SELECT plan FROM ticket_sla WHERE ticket_id = $1', [ticketId]);
    const plan = row.rows[0]?.plan;
    if (!plan) return null;
    const milestones = await client.query('SELECT * FROM sla_milestones WHERE ticket_id = $1', [ticketId]);
    const events = await client.query(
      `SELECT seq, type, milestone, cycle, reason, due_at, occurred_at, actor, ${actorColumns('actor')}
         FROM sla_events WHERE ticket_id = $1 ORDER BY occurred_at, seq`,
      [ticketId],
    );
    return { plan, milestones, events };
  }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  if (!read) return null;
  const { plan, milestones, events } = read;
  const order = plan.milestones.map((m) => m.name);
  return {
    plan,
    milestones: milestones.rows
      .map((r): MilestoneClock => ({
        name: r.milestone, targetMs: Number(r.target_ms), pauseOn: plan.milestones.find((m) => m.name === r.milestone)?.pauseOn ?? [],
        cycle: r.cycle, elapsedMs: Number(r.elapsed_ms), runningSince: ms(r.running_since), pausedSince: ms(r.paused_since),
        pausedMs: Number(r.paused_ms), dueAt: ms(r.due_at), warnAt: ms(r.warn_at), warnedAt: ms(r.warned_at), metAt: ms(r.met_at),
        breachedAt: ms(r.breached_at), finished: r.met_at !== null || r.breached_at !== null,
      }))
      .sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name)),
    events: events.rows.map((r) => ({
      id: String(r.seq), type: r.type, milestone: r.milestone, cycle: r.cycle, reason: r.reason, dueAt: ms(r.due_at), at: r.occurred_at.getTime(),
      actor: actorOfRow(r, 'actor', r.actor) ?? systemActor('sla'),
    })),
  };
}
