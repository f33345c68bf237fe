import type { MilestoneClock, MilestonePlan, MilestoneState, WarnRule } from '@gotrs/contracts';
import { BusinessCalendar } from './business-calendar';
import { SlaError } from './errors';

/** A milestone's clock for cycle `cycle`, not started yet. */
export function newClock(plan: MilestonePlan, cycle: number): MilestoneClock {
  return {
    name: plan.name, targetMs: plan.targetMs, pauseOn: plan.pauseOn, cycle,
    elapsedMs: 0, runningSince: null, pausedSince: null, pausedMs: 0,
    dueAt: null, warnAt: null, warnedAt: null, metAt: null, breachedAt: null, finished: false,
  };
}

/** The state a person reads: breached and met outrank paused, which outranks warned. */
export function stateOf(clock: MilestoneClock): MilestoneState {
  if (clock.breachedAt !== null) return 'breached';
  if (clock.metAt !== null) return 'met';
  if (clock.pausedSince !== null) return 'paused';
  if (clock.warnedAt !== null) return 'warned';
  return 'running';
}

/**
 * Business time counted so far, as of `atMs`. A clock that has run longer than the calendar's span
 * bound (thirty years: long past any target) counts that span only, rather than throwing.
 */
export function elapsedAt(clock: MilestoneClock, calendar: BusinessCalendar, atMs: number): number {
  if (clock.runningSince === null || atMs <= clock.runningSince) return clock.elapsedMs;
  const until = Math.min(atMs, clock.runningSince + BusinessCalendar.MAX_SPAN_MS);
  return clock.elapsedMs + calendar.businessTimeBetween(clock.runningSince, until);
}

/**
 * The instant `ms` of business time after `since`, or null when the calendar cannot say within its
 * span bound (plans are validated so that it can from their start; this keeps a calendar that closes
 * for years later on from failing the SLA workflow's task again and again).
 */
export function dueAfter(calendar: BusinessCalendar, since: number, ms: number): number | null {
  try {
    return calendar.addBusinessTime(since, ms);
  } catch (error) {
    if (error instanceof SlaError) return null;
    throw error;
  }
}

/** Wall time spent paused so far, as of `atMs`. */
export function pausedAt(clock: MilestoneClock, atMs: number): number {
  return clock.pausedMs + (clock.pausedSince !== null ? Math.max(0, atMs - clock.pausedSince) : 0);
}

/** The instant the warning is due while running: the earlier of the share and the lead, if still ahead. */
function warnInstant(clock: MilestoneClock, calendar: BusinessCalendar, warn: WarnRule, since: number): number | null {
  if (clock.warnedAt !== null) return null;
  const thresholds: number[] = [];
  if (warn.percent !== null) thresholds.push((clock.targetMs * warn.percent) / 100);
  if (warn.leadMs !== null && warn.leadMs < clock.targetMs) thresholds.push(clock.targetMs - warn.leadMs);
  const ahead = thresholds.map((t) => t - clock.elapsedMs).filter((left) => left > 0);
  if (ahead.length === 0) return null;
  return dueAfter(calendar, since, Math.min(...ahead));
}

/** Starts (or resumes) counting at `atMs` and schedules the due and warning instants. */
export function run(clock: MilestoneClock, calendar: BusinessCalendar, warn: WarnRule, atMs: number): void {
  if (clock.pausedSince !== null) {
    clock.pausedMs += Math.max(0, atMs - clock.pausedSince);
    clock.pausedSince = null;
  }
  clock.runningSince = atMs;
  clock.dueAt = dueAfter(calendar, atMs, Math.max(0, clock.targetMs - clock.elapsedMs));
  clock.warnAt = warnInstant(clock, calendar, warn, atMs);
}

/** Stops counting at `atMs`: `paused` keeps the pause's wall time, otherwise the cycle is over. */
export function halt(clock: MilestoneClock, calendar: BusinessCalendar, atMs: number, paused: boolean): void {
  clock.elapsedMs = elapsedAt(clock, calendar, atMs);
  clock.runningSince = null;
  clock.dueAt = null;
  clock.warnAt = null;
  if (paused) clock.pausedSince = atMs;
  else if (clock.pausedSince !== null) {
    clock.pausedMs += Math.max(0, atMs - clock.pausedSince);
    clock.pausedSince = null;
  }
}
