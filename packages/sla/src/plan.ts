import {
  MILESTONES,
  type EscalationRule,
  type MilestoneName,
  type SlaTargets,
} from '@gotrs/contracts';
import { CALENDAR_24X7, type CalendarSpec } from './calendar-spec';
import { assertValidPlan } from './validate-plan';

/** When to warn before a breach: at a share of the target and/or a business-time lead before it. */
export interface WarnRule {
  /** 1..99: warn once this share of the target has elapsed. */
  percent: number | null;
  /** Warn this much business time before the due time. */
  leadMs: number | null;
}

/** A named, versioned SLA policy as configured. */
export interface SlaPolicy {
  name: string;
  version: number;
  calendar: CalendarSpec;
  targets: SlaTargets;
  /** Per milestone, the status types or names that pause its clock. */
  pauseOn: Partial<Record<MilestoneName, string[]>>;
  warn: WarnRule;
  managers: string[];
  escalation: EscalationRule[];
}

/** Chooses a policy by the ticket's priority and queue; the first rule that matches wins. */
export interface PolicyRule {
  policy: string;
  priorities?: number[];
  queues?: string[];
}

export interface SlaSettings {
  policies: Record<string, SlaPolicy>;
  rules: PolicyRule[];
  defaultPolicy: string;
}

export interface MilestonePlan {
  name: MilestoneName;
  targetMs: number;
  pauseOn: string[];
}

/**
 * The SLA a ticket runs under: a snapshot of its policy taken when the ticket was created. A running
 * ticket keeps it whatever happens to the configuration later.
 */
export interface SlaPlan {
  policy: { name: string; version: number; reason: string };
  calendar: CalendarSpec;
  milestones: MilestonePlan[];
  warn: WarnRule;
  managers: string[];
  escalation: EscalationRule[];
  /** When the clocks started: the ticket's creation. */
  startedAt: string;
}

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
  const overridden = override !== undefined && Object.keys(override).length > 0;
  return assertValidPlan({
    policy: {
      name: policy.name,
      version: policy.version,
      reason: overridden ? `targets overridden by the request (24x7); ${reason}` : reason,
    },
    calendar: overridden ? CALENDAR_24X7 : policy.calendar,
    milestones: milestonesOf(overridden ? override : policy.targets, policy.pauseOn),
    warn: policy.warn,
    managers: policy.managers,
    escalation: policy.escalation,
    startedAt: ticket.createdAt,
  });
}

/**
 * The plan of a ticket whose SLA a Go caller started with `SLAConfig{FirstResponseTime,
 * ResolutionTime}`: those targets on the 24x7 calendar, the rest from the default policy. Throws
 * `InvalidPlanError` for targets the SLA clock could not run (longer than `MAX_DURATION_MS`, say).
 */
export function planFromTargets(defaultPolicy: SlaPolicy, targets: SlaTargets, startedAt: string): SlaPlan {
  return assertValidPlan({
    policy: { name: defaultPolicy.name, version: defaultPolicy.version, reason: 'targets given by the caller (24x7)' },
    calendar: CALENDAR_24X7,
    milestones: milestonesOf(targets, defaultPolicy.pauseOn),
    warn: defaultPolicy.warn,
    managers: defaultPolicy.managers,
    escalation: defaultPolicy.escalation,
    startedAt,
  });
}
