import type { MilestoneClock, MilestoneName, MilestoneState, SlaEvent } from '@gotrs/contracts';
import type { BusinessCalendar } from './business-calendar';
import { dueAfter, elapsedAt, pausedAt, stateOf } from './milestone-clock';
import { REOPEN_REASON } from './sla-clock';

/** A milestone as the API shows it; seconds are business time except `pausedSeconds` (wall time). */
export interface MilestoneView {
  name: MilestoneName;
  state: MilestoneState;
  cycle: number;
  targetSeconds: number;
  dueAt: string | null;
  remainingSeconds: number;
  elapsedSeconds: number;
  pausedSeconds: number;
  warnedAt: string | null;
  metAt: string | null;
  breachedAt: string | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** What the view needs of a recorded SLA event. */
export type RecordedSlaEvent = Pick<SlaEvent, 'type' | 'milestone' | 'cycle' | 'at' | 'dueAt' | 'reason'>;

/**
 * The live figures of a clock at `nowMs`. `remainingSeconds` goes negative once the target has
 * passed. `dueAt` is the projected due instant while the clock runs, the instant it was due once it
 * breached (taken from the cycle's `breach` event among `events`), and null while paused (it is
 * projected only once the clock resumes) and once met in time.
 */
export function milestoneView(clock: MilestoneClock, calendar: BusinessCalendar, nowMs: number, events: readonly RecordedSlaEvent[] = []): MilestoneView {
  const counting = clock.metAt === null ? nowMs : clock.metAt;
  const elapsed = elapsedAt(clock, calendar, counting);
  return {
    name: clock.name,
    state: stateOf(clock),
    cycle: clock.cycle,
    targetSeconds: Math.round(clock.targetMs / 1000),
    dueAt: iso(dueOf(clock, calendar, events)),
    remainingSeconds: Math.round((clock.targetMs - elapsed) / 1000),
    elapsedSeconds: Math.round(elapsed / 1000),
    pausedSeconds: Math.round(pausedAt(clock, counting) / 1000),
    warnedAt: iso(clock.warnedAt),
    metAt: iso(clock.metAt),
    breachedAt: iso(clock.breachedAt),
  };
}

function dueOf(clock: MilestoneClock, calendar: BusinessCalendar, events: readonly RecordedSlaEvent[]): number | null {
  if (clock.breachedAt !== null) {
    const breach = events.find((e) => e.type === 'breach' && e.milestone === clock.name && e.cycle === clock.cycle);
    return breach?.dueAt ?? null;
  }
  if (clock.runningSince === null || clock.metAt !== null) return null;
  return dueAfter(calendar, clock.runningSince, Math.max(0, clock.targetMs - clock.elapsedMs));
}

/** How often a reopen restarted a ticket's clocks, and when it last did. */
export interface ReopenSummary {
  reopens: number;
  /** Epoch milliseconds of the latest reopen; null if the clocks never restarted. */
  reopenedAt: number | null;
}

/** The reopens among a ticket's recorded SLA events: their `start` events with `REOPEN_REASON`. */
export function reopenSummary(events: readonly RecordedSlaEvent[]): ReopenSummary {
  const instants = new Set(events.filter((e) => e.type === 'start' && e.reason === REOPEN_REASON).map((e) => e.at));
  return { reopens: instants.size, reopenedAt: instants.size ? Math.max(...instants) : null };
}
