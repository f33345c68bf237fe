import type { EscalationRule } from './escalation';
import type { MilestoneName, SlaTargets } from './sla';
import type { CalendarSpec } from './sla-calendar';

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

/** The SLA configuration (config/sla.yaml): policies, the rules that choose one, the fallback. */
export interface SlaSettings {
  policies: Record<string, SlaPolicy>;
  rules: PolicyRule[];
  defaultPolicy: string;
}

/** One milestone of a plan: its target in business time and the statuses that pause it. */
export interface MilestonePlan {
  name: MilestoneName;
  targetMs: number;
  pauseOn: string[];
}

/**
 * The SLA a ticket runs under: a snapshot of its policy taken when the ticket was created. A running
 * ticket keeps it whatever happens to the configuration later. It travels in `SLAEnforcementWorkflow`'s
 * start argument and is stored in PostgreSQL.
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
