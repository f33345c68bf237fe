/**
 * A known set of met, breached and running SLA cycles, written as the SLA workflow writes them: the
 * real SlaClock makes the events (with the business time to meet) and recordSlaProgress stores them,
 * with the tickets' rows from createOrLoadTicket and applyAssignment.
 */
import { randomUUID } from 'node:crypto';
import { applyAssignment, createOrLoadTicket, recordSlaProgress } from '@gotrs/db';
import { CALENDAR_24X7, SlaClock, type CalendarSpec, type MilestonePlan, type SlaEvent, type SlaPlan } from '@gotrs/sla';
import type { Pool } from 'pg';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

const FIRST_AND_RESOLUTION: MilestonePlan[] = [
  { name: 'FirstResponse', targetMs: HOUR, pauseOn: [] },
  { name: 'Resolution', targetMs: 4 * HOUR, pauseOn: ['pending'] },
];

/** The workflow's once-only event keys (sla-enforcement.ts). */
function keyed(ticketId: string, events: SlaEvent[]) {
  return events.map((e) => ({ ...e, key: `${ticketId}/${e.milestone}/${e.cycle}/${e.type}${e.type === 'pause' || e.type === 'resume' ? `/${e.at}` : ''}` }));
}

interface SeedTicket {
  queue?: string;
  priority?: number;
  assignee?: string;
  policy?: string;
  calendar?: CalendarSpec;
  milestones?: MilestonePlan[];
  /** No ticket row (the SLA recorded its start before the ticket's workflow wrote it). */
  noRow?: boolean;
  /** What happened after the start, in order, as offsets from the creation. */
  steps?: Array<(clock: SlaClock, t0: number) => SlaEvent[]>;
}

/** Writes one ticket created at `createdAt` and its SLA after `steps`; returns its ID. */
export async function seedTicket(pool: Pool, createdAt: string, ticket: SeedTicket): Promise<string> {
  const id = `report-${randomUUID()}`;
  if (!ticket.noRow) {
    await createOrLoadTicket(pool, { ticket: { id, title: 'Report ticket', queue: ticket.queue ?? 'Raw', priority: ticket.priority ?? 3, createdAt }, changeId: `${id}/created`, at: createdAt });
    if (ticket.assignee) {
      await applyAssignment(pool, { ticketId: id, changeId: `${id}/assigned`, actor: 'seed', reason: null, source: 'system', at: createdAt, agentId: ticket.assignee });
    }
  }
  const plan: SlaPlan = {
    policy: { name: ticket.policy ?? 'standard', version: 1, reason: 'seeded' },
    calendar: ticket.calendar ?? CALENDAR_24X7,
    milestones: ticket.milestones ?? FIRST_AND_RESOLUTION,
    warn: { percent: 80, leadMs: null },
    managers: [],
    escalation: [],
    startedAt: createdAt,
  };
  const t0 = Date.parse(createdAt);
  const started = SlaClock.start(plan);
  const events = [...started.events];
  for (const step of ticket.steps ?? []) events.push(...step(started.clock, t0));
  await recordSlaProgress(pool, { ticketId: id, plan, events: keyed(id, events), milestones: [...started.clock.milestones()] });
  return id;
}

/** Steps, as offsets from the creation. */
export const respond = (afterMs: number) => (clock: SlaClock, t0: number) => clock.complete('FirstResponse', t0 + afterMs, 'agent responded');
export const update = (afterMs: number) => (clock: SlaClock, t0: number) => clock.complete('Update', t0 + afterMs, 'agent updated');
export const close = (afterMs: number) => (clock: SlaClock, t0: number) => clock.statusChanged('closed successful', t0 + afterMs);
export const wake = (afterMs: number) => (clock: SlaClock, t0: number) => clock.advance(t0 + afterMs);

/** A formula a spreadsheet would run, as a queue name. */
export const FORMULA_QUEUE = '=HYPERLINK("http://evil.example","x")';

/**
 * The known set, created on `day` (a Monday, `YYYY-MM-DD`) at 09:00 UTC, and one ticket a week
 * before it (outside a range that starts on `day`):
 *
 * | ticket | queue | FirstResponse (1 h) | Resolution (4 h) |
 * | A | Support | met at 10 min | met at 2 h (closed) |
 * | B | Support | met at 30 min | breached at 4 h, met at 5 h (1 h late) |
 * | C | Support | breached at 1 h, met at 90 min (30 min late) | running |
 * | D | FORMULA_QUEUE, priority 5, agent-9 | met at 20 min | running |
 * | F | no ticket row | running | running |
 * | G | Updates, policy `updates`, weekdays 09-17 UTC, Update (2 h) only | cycle 1 met at 1 h; cycle 2 breached at 3 h, met at 4 h; cycle 3 running |
 */
export async function seedKnownSet(pool: Pool, day: string): Promise<void> {
  const at = `${day}T09:00:00.000Z`;
  const weekBefore = new Date(Date.parse(at) - 7 * 24 * HOUR).toISOString();
  await seedTicket(pool, at, { queue: 'Support', assignee: 'agent-1', steps: [respond(10 * MINUTE), close(2 * HOUR)] });
  await seedTicket(pool, at, { queue: 'Support', assignee: 'agent-1', steps: [respond(30 * MINUTE), wake(4 * HOUR), close(5 * HOUR)] });
  await seedTicket(pool, at, { queue: 'Support', assignee: 'agent-2', steps: [wake(HOUR), respond(90 * MINUTE)] });
  await seedTicket(pool, at, { queue: FORMULA_QUEUE, priority: 5, assignee: 'agent-9', steps: [respond(20 * MINUTE)] });
  await seedTicket(pool, at, { noRow: true });
  await seedTicket(pool, at, {
    queue: 'Updates', policy: 'updates',
    calendar: { name: 'weekdays-utc', timezone: 'UTC', week: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, ['09:00-17:00']])) },
    milestones: [{ name: 'Update', targetMs: 2 * HOUR, pauseOn: ['pending'] }],
    steps: [update(HOUR), wake(3 * HOUR), update(4 * HOUR)],
  });
  await seedTicket(pool, weekBefore, { queue: 'Support', steps: [respond(5 * MINUTE)] });
}
