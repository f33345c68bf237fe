import { slaSearchAttributes, startSearchAttributes, type MilestoneState, type SlaPlan } from '@gotrs/contracts';
import { stateOf } from './milestone-clock';
import { SlaClock } from './sla-clock';

/** Most urgent first: a breach anywhere is what an operator looks for. */
const STATE_RANK: Record<MilestoneState, number> = { breached: 5, warned: 4, running: 3, paused: 2, met: 1 };

/**
 * The SLA's state (its most urgent milestone's) and the earliest due instant of a running milestone:
 * what its `SlaState` and `SlaNextDueAt` search attributes show.
 */
export function slaSummary(clock: Pick<SlaClock, 'milestones'>): { state: MilestoneState | null; nextDueAt: Date | null } {
  const clocks = clock.milestones();
  const states = clocks.map(stateOf).sort((a, b) => STATE_RANK[b] - STATE_RANK[a]);
  const due = clocks.filter((c) => !c.finished && c.runningSince !== null && c.dueAt !== null).map((c) => c.dueAt!);
  return { state: states[0] ?? null, nextDueAt: due.length ? new Date(Math.min(...due)) : null };
}

/**
 * What `sla-{id}` starts with: the attributes its first task would upsert, from the same plan (its
 * clocks start at `plan.startedAt`) and the memo its starter writes (the ticket's queue and priority).
 */
export function slaStartSearchAttributes(plan: SlaPlan, memo: object): ReturnType<typeof startSearchAttributes> {
  return startSearchAttributes(slaSearchAttributes(slaSummary(SlaClock.start(plan).clock), memo));
}
