import {
  CALENDAR_24X7,
  MILESTONES,
  type CalendarSpec,
  type MilestoneName,
  type MilestonePlan,
  type PolicyRule,
  type SlaPlan,
  type SlaPolicy,
  type SlaSettings,
  type SlaTargets,
  type WarnRule,
} from '@gotrs/contracts';
import { assertValidPlan } from './validate-plan';

/** Pauses that apply when a policy names none: pending statuses stop Resolution and Update. */
export const DEFAULT_PAUSE_ON: Partial<Record<MilestoneName, string[]>> = { Resolution: ['pending'], Update: ['pending'] };
export const DEFAULT_WARN: WarnRule = { percent: 80, leadMs: null };

function matches(rule: PolicyRule, ticket: { priority: number; queue: string }): boolean {
  if (rule.priorities && !rule.priorities.includes(ticket.priority)) return false;
  if (rule.queues && !rule.queues.includes(ticket.queue)) return false;
  return true;
}

function describeRule(rule: PolicyRule, index: number): string {
  const parts = [
    rule.priorities ? `priority in [${rule.priorities.join(', ')}]` : null,
    rule.queues ? `queue in [${rule.queues.join(', ')}]` : null,
  ].filter((p): p is string => p !== null);
  return `rule ${index + 1} (${parts.length ? parts.join(' and ') : 'any ticket'})`;
}

/** The policy of a ticket, and why it was chosen. */
export function selectPolicy(settings: SlaSettings, ticket: { priority: number; queue: string }): { policy: SlaPolicy; reason: string } {
  const index = settings.rules.findIndex((rule) => matches(rule, ticket));
  const rule = settings.rules[index];
  if (rule) {
    const policy = settings.policies[rule.policy]!;
    return { policy, reason: `${describeRule(rule, index)} matched priority ${ticket.priority}, queue "${ticket.queue}"` };
  }
  return {
    policy: settings.policies[settings.defaultPolicy]!,
    reason: `no rule matched priority ${ticket.priority}, queue "${ticket.queue}": default policy`,
  };
}

function milestonesOf(targets: SlaTargets, pauseOn: SlaPolicy['pauseOn']): MilestonePlan[] {
  return MILESTONES.filter((name) => targets[name] !== undefined).map((name) => ({
    name,
    targetMs: targets[name]!,
    pauseOn: pauseOn[name] ?? [],
  }));
}

/** What a plan is built from besides the policy: why, which calendar, which targets, since when. */
interface PlanSource {
  reason: string;
  calendar: CalendarSpec;
  targets: SlaTargets;
  startedAt: string;
}

/** The one builder of a plan: the policy's snapshot with the source's targets and calendar, checked. */
function snapshot(policy: SlaPolicy, source: PlanSource): SlaPlan {
  return assertValidPlan({
    policy: { name: policy.name, version: policy.version, reason: source.reason },
    calendar: source.calendar,
    milestones: milestonesOf(source.targets, policy.pauseOn),
    warn: policy.warn,
    managers: policy.managers,
    escalation: policy.escalation,
    startedAt: source.startedAt,
  });
}

/**
 * The plan of a new ticket: its policy's snapshot, or the request's override (24x7, its own targets).
 * Throws `InvalidPlanError` when the SLA clock could not run it (see `validatePlan`).
 */
export function buildPlan(
  settings: SlaSettings,
  ticket: { priority: number; queue: string; createdAt: string },
  override?: SlaTargets,
): SlaPlan {
  const { policy, reason } = selectPolicy(settings, ticket);
  if (override === undefined || Object.keys(override).length === 0) {
    return snapshot(policy, { reason, calendar: policy.calendar, targets: policy.targets, startedAt: ticket.createdAt });
  }
  const overridden = `targets overridden by the request (24x7); ${reason}`;
  return snapshot(policy, { reason: overridden, calendar: CALENDAR_24X7, targets: override, startedAt: ticket.createdAt });
}

/**
 * The plan of a ticket whose SLA a Go caller started with `SLAConfig{FirstResponseTime,
 * ResolutionTime}`: those targets on the 24x7 calendar, the rest from the default policy. Throws
 * `InvalidPlanError` for targets the SLA clock could not run (longer than `MAX_DURATION_MS`, say).
 */
export function planFromTargets(defaultPolicy: SlaPolicy, targets: SlaTargets, startedAt: string): SlaPlan {
  return snapshot(defaultPolicy, { reason: 'targets given by the caller (24x7)', calendar: CALENDAR_24X7, targets, startedAt });
}
