import { isFinalStatus, type MilestoneClock, type MilestoneName, type SlaEvent, type SlaPlan, type TicketStatus } from '@gotrs/contracts';
import type { BusinessCalendar } from './business-calendar';
import { dueAfter, elapsedAt, newClock, pausesIn, run, warnThresholds } from './milestone-clock';

/** What a re-plan starts from: the clocks under the calendar they ran in, the new plan and its calendar. */
export interface ReplanInput {
  clocks: readonly MilestoneClock[];
  from: BusinessCalendar;
  plan: SlaPlan;
  to: BusinessCalendar;
  status: TicketStatus;
  atMs: number;
  /** The reason every `replan` event records (which version, applied how). */
  reason: string;
}

/** The clocks under the new plan (in its milestone order) and the events that record the change. */
export interface ReplanStep {
  clocks: MilestoneClock[];
  events: SlaEvent[];
}

const event = (type: SlaEvent['type'], c: MilestoneClock, at: number, reason: string): SlaEvent =>
  ({ type, milestone: c.name, cycle: c.cycle, at, dueAt: c.dueAt, reason });

/**
 * One open clock under its new target: the business time counted so far (in the old calendar) and
 * the time paused are kept; from `atMs` it counts in the new calendar, paused if the new plan's
 * statuses say so. A target the elapsed time has already passed is due at the instant it was
 * passed (or `atMs`, when that was before the clock last resumed): `advance` breaches it at once.
 * A warning point already passed and not yet warned is due at once too.
 */
function replanOpen(c: MilestoneClock, input: ReplanInput, targetMs: number, pauseOn: string[]): SlaEvent[] {
  const { from, to, plan, status, atMs } = input;
  const events: SlaEvent[] = [];
  let passedAt: number | null = null;
  if (c.runningSince !== null) {
    const elapsed = elapsedAt(c, from, atMs);
    if (c.elapsedMs < targetMs && elapsed >= targetMs) passedAt = dueAfter(from, c.runningSince, targetMs - c.elapsedMs);
    c.elapsedMs = elapsed;
    c.runningSince = null;
  }
  c.targetMs = targetMs;
  c.pauseOn = pauseOn;
  c.dueAt = null;
  c.warnAt = null;
  if (pausesIn(c, status)) {
    if (c.pausedSince === null) {
      c.pausedSince = atMs;
      events.push(event('pause', c, atMs, `status "${status}" pauses ${c.name} under the new policy version`));
    }
    return events;
  }
  const resumed = c.pausedSince !== null;
  run(c, to, plan.warn, atMs);
  if (resumed) events.push(event('resume', c, atMs, `status "${status}" no longer pauses ${c.name} under the new policy version`));
  if (passedAt !== null && c.dueAt !== null) c.dueAt = Math.min(c.dueAt, passedAt);
  const warnPassed = warnThresholds(c, plan.warn).some((t) => t <= c.elapsedMs);
  if (c.warnedAt === null && c.warnAt === null && warnPassed && c.elapsedMs < targetMs) c.warnAt = atMs;
  return events;
}

/**
 * Re-plans a ticket's clocks under a new version of its policy at `atMs`. Per milestone of the new
 * plan: a clock still open (running or paused) takes the new target, pauses and warning rule,
 * keeping its elapsed business time and paused time (see `replanOpen`); a clock met or breached is
 * history and stays as it is (the next Update cycle takes the new target); a milestone new to the
 * plan starts now (cycle 1), unless the ticket has ended. An open clock of a milestone the new plan
 * drops stops and leaves the clocks (a finished one stays, as history). Each changed clock records a `replan` event whose `dueAt` is its new due instant.
 */
export function replanClocks(input: ReplanInput): ReplanStep {
  const { clocks, plan, to, status, atMs, reason } = input;
  const events: SlaEvent[] = [];
  const next: MilestoneClock[] = [];
  for (const m of plan.milestones) {
    const c = clocks.find((clock) => clock.name === m.name);
    if (c === undefined) {
      if (isFinalStatus(status)) continue;
      const fresh = newClock(m, 1);
      run(fresh, to, plan.warn, atMs);
      events.push(event('start', fresh, atMs, `${reason}: ${m.name} is new in this version`));
      if (pausesIn(fresh, status)) {
        fresh.elapsedMs = 0;
        fresh.runningSince = null;
        fresh.dueAt = fresh.warnAt = null;
        fresh.pausedSince = atMs;
        events.push(event('pause', fresh, atMs, `status "${status}" pauses ${m.name}`));
      }
      next.push(fresh);
      continue;
    }
    if (c.finished) {
      next.push(c);
      continue;
    }
    const changes = replanOpen(c, input, m.targetMs, m.pauseOn);
    events.push(event('replan', c, atMs, reason), ...changes);
    next.push(c);
  }
  const kept = new Set<MilestoneName>(plan.milestones.map((m) => m.name));
  for (const c of clocks) {
    if (kept.has(c.name)) continue;
    if (c.finished) next.push(c);
    else events.push({ ...event('replan', c, atMs, `${reason}: ${c.name} is not part of this version`), dueAt: null });
  }
  return { clocks: next, events };
}
