import type { MilestoneName, MilestoneState } from '@gotrs/contracts';
import type { BusinessCalendar } from './business-calendar';
import { elapsedAt, pausedAt, stateOf, type MilestoneClock } from './milestone-clock';

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

/**
 * The live figures of a clock at `nowMs`. `remainingSeconds` goes negative once the target has
 * passed; `dueAt` is projected for a paused clock only once it resumes, so it is null then.
 */
export function milestoneView(clock: MilestoneClock, calendar: BusinessCalendar, nowMs: number): MilestoneView {
  const counting = clock.metAt === null ? nowMs : clock.metAt;
  const elapsed = elapsedAt(clock, calendar, counting);
  const dueAt = clock.breachedAt !== null || clock.runningSince === null || clock.metAt !== null
    ? null
    : calendar.addBusinessTime(clock.runningSince, Math.max(0, clock.targetMs - clock.elapsedMs));
  return {
    name: clock.name,
    state: stateOf(clock),
    cycle: clock.cycle,
    targetSeconds: Math.round(clock.targetMs / 1000),
    dueAt: iso(dueAt),
    remainingSeconds: Math.round((clock.targetMs - elapsed) / 1000),
    elapsedSeconds: Math.round(elapsed / 1000),
    pausedSeconds: Math.round(pausedAt(clock, counting) / 1000),
    warnedAt: iso(clock.warnedAt),
    metAt: iso(clock.metAt),
    breachedAt: iso(clock.breachedAt),
  };
}
