import type { OpenSlaTicket } from '@gotrs/db';
import { SlaClock, formatIsoDuration, replannedPlan, stateOf, type MilestoneClock, type SlaPolicy } from '@gotrs/sla';
import type { ApiSlaMilestonePreview, ApiSlaTicketPreview } from '../schemas/sla-policy';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const shift = (from: number | null, to: number | null) => (from === null || to === null ? null : Math.round((to - from) / 1000));

/** A clock's due instant as projected while it runs (null while paused, met or breached). */
const dueOf = (c: MilestoneClock): number | null => (c.finished ? null : c.dueAt);

/**
 * What re-planning one open ticket under `policy` at `nowMs` would do, computed with the SLA
 * workflow's own arithmetic (SlaClock.replan, then advance) on its clocks as last recorded; nothing
 * is written. Per milestone: the due and warning instants now and after, by how much they move,
 * and whether the breach or the warning would fire at once.
 */
export function previewTicket(ticket: OpenSlaTicket, policy: SlaPolicy, nowMs: number): ApiSlaTicketPreview {
  const before = SlaClock.restore(ticket.plan, { status: ticket.status, clocks: ticket.milestones });
  const after = SlaClock.restore(ticket.plan, { status: ticket.status, clocks: ticket.milestones });
  after.replan(replannedPlan(ticket.plan, policy), nowMs, 'preview');
  const dueNow = new Map(after.milestones().map((c) => [c.name, dueOf(c)]));
  const fired = after.advance(nowMs);
  const milestones = after.milestones().map((next): ApiSlaMilestonePreview => {
    const current = before.milestones().find((c) => c.name === next.name) ?? next;
    const dueAt = current === next ? null : dueOf(current);
    const newDueAt = dueNow.get(next.name) ?? null;
    const firedFor = (type: string) => fired.some((e) => e.type === type && e.milestone === next.name);
    const warnAt = current.finished ? null : current.warnAt;
    const newWarnAt = firedFor('warn') ? nowMs : next.finished ? null : next.warnAt;
    return {
      name: next.name, state: stateOf(current), newState: stateOf(next),
      target: formatIsoDuration(current.targetMs), newTarget: formatIsoDuration(next.targetMs),
      dueAt: iso(dueAt), newDueAt: iso(newDueAt), dueShiftSeconds: shift(dueAt, newDueAt),
      warnAt: iso(warnAt), newWarnAt: iso(newWarnAt), warnShiftSeconds: shift(warnAt, newWarnAt),
      breachesAtOnce: firedFor('breach'), warnsAtOnce: firedFor('warn'),
    };
  });
  const moves = milestones.some((m) => m.dueAt !== m.newDueAt || m.warnAt !== m.newWarnAt || m.breachesAtOnce || m.warnsAtOnce);
  return { ticketId: ticket.ticketId, status: ticket.status, version: ticket.plan.policy.version, moves, milestones };
}
