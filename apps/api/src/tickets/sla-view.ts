import type { StoredSla } from '@gotrs/db';
import { BusinessCalendar, formatIsoDuration, milestoneView, reopenSummary } from '@gotrs/sla';
import type { ApiTicketSla } from '../schemas/sla';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A ticket's stored SLA with its clocks' live figures as of `nowMs`, in the plan's business calendar. */
export function toApiSla(ticketId: string, stored: StoredSla, nowMs: number): ApiTicketSla {
  const { plan } = stored;
  const calendar = new BusinessCalendar(plan.calendar);
  const { reopens, reopenedAt } = reopenSummary(stored.events);
  return {
    ticketId,
    policy: { name: plan.policy.name, version: plan.policy.version, reason: plan.policy.reason },
    calendar: { name: calendar.name, timezone: calendar.timezone },
    startedAt: new Date(plan.startedAt).toISOString(),
    asOf: new Date(nowMs).toISOString(),
    reopens,
    reopenedAt: iso(reopenedAt),
    milestones: stored.milestones.map((clock) => {
      const { name, state, cycle, ...figures } = milestoneView(clock, calendar, nowMs, stored.events);
      return { name, state, cycle, target: formatIsoDuration(clock.targetMs), ...figures };
    }),
    events: stored.events.map((e) => ({
      id: e.id, type: e.type, milestone: e.milestone, cycle: e.cycle, at: new Date(e.at).toISOString(), dueAt: iso(e.dueAt), reason: e.reason,
      actor: e.actor.label, actorIdentity: e.actor,
    })),
  };
}
