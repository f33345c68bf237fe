import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { MILESTONES } from '@gotrs/contracts';
import type { Pool } from 'pg';
import { channelLabel, levelLabel, milestoneLabel, policyLabel, triggerLabel } from './label-values';
import { registerOpenClockGauge, registerPoolGauges } from './database-gauges';

/** What an SLA event counts under. */
export interface SlaLabels {
  milestone: string;
  policy: string | null;
}

/** How a notification ended (LogNotificationActivity). */
export type NotificationEnd = 'sent' | 'fallback' | 'failed';

/**
 * The worker's own metrics (prefix `gotrs_`), recorded by the activities: the one registry every
 * figure goes through. Labels are mapped onto small fixed sets (label-values.ts).
 */
export interface WorkerMetrics {
  readonly registry: Registry;
  slaBreached(labels: SlaLabels, latenessSeconds: number): void;
  slaWarned(labels: SlaLabels): void;
  slaMet(labels: SlaLabels): void;
  notificationEnded(outcome: NotificationEnd, channel: string | null): void;
  /** One delivery attempt on a channel: `sent`, `already-sent`, `failed`, `delivered` (in-app)... */
  notificationAttempt(channel: string, outcome: string): void;
  smtpSent(seconds: number, result: 'ok' | 'error'): void;
  escalationFired(trigger: string, level: number): void;
  ticketChange(kind: string, result: 'applied' | 'rejected'): void;
}

export interface WorkerMetricsOptions {
  /** Adds the PostgreSQL pool's use and the open SLA clocks (read from PostgreSQL at scrape time). */
  pool?: Pool;
  /** How long the open clocks' count is reused (10 s by default). */
  openClocksRefreshMs?: number;
  /** Adds process and Node.js runtime metrics (once per process: the worker's entry point). */
  processMetrics?: boolean;
  /** The configured SLA policies: their series start at 0, so that rate() sees the first breach. */
  policies?: string[];
}

const LATENESS_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300];
const SMTP_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** A registry with the worker's metrics; every worker (and every test) gets its own. */
export function createWorkerMetrics(options: WorkerMetricsOptions = {}): WorkerMetrics {
  const registry = new Registry();
  const registers = [registry];
  if (options.processMetrics) collectDefaultMetrics({ register: registry });
  if (options.pool) {
    registerPoolGauges(registry, options.pool);
    registerOpenClockGauge(registry, options.pool, options.openClocksRefreshMs);
  }
  const sla = ['milestone', 'policy'] as const;
  const breaches = new Counter({ name: 'gotrs_sla_breaches_total', help: 'SLA milestones breached (recorded by SLABreachActivity).', labelNames: sla, registers });
  const lateness = new Histogram({
    name: 'gotrs_sla_breach_lateness_seconds',
    help: 'How late a breach was recorded: the time SLABreachActivity stored it minus the instant the milestone was due.',
    labelNames: sla, buckets: LATENESS_BUCKETS, registers,
  });
  const warnings = new Counter({ name: 'gotrs_sla_warnings_total', help: 'SLA warnings recorded (a share of the target, or a lead time, before due).', labelNames: sla, registers });
  const met = new Counter({ name: 'gotrs_sla_milestones_met_total', help: 'SLA milestones met, including those a close ended.', labelNames: sla, registers });
  const notifications = new Counter({
    name: 'gotrs_notifications_total', help: 'Notifications ended, by outcome (sent, fallback to in-app, failed) and the channel that delivered them.',
    labelNames: ['outcome', 'channel'] as const, registers,
  });
  const attempts = new Counter({
    name: 'gotrs_notification_attempts_total', help: 'Delivery attempts, by channel and outcome (one per activity attempt).',
    labelNames: ['channel', 'outcome'] as const, registers,
  });
  const smtp = new Histogram({
    name: 'gotrs_smtp_send_duration_seconds', help: 'Time the SMTP server took to accept (or refuse) one message.',
    labelNames: ['result'] as const, buckets: SMTP_BUCKETS, registers,
  });
  const escalations = new Counter({
    name: 'gotrs_escalation_levels_fired_total', help: 'Escalation levels fired (the ticket was raised), by trigger kind and level.',
    labelNames: ['trigger', 'level'] as const, registers,
  });
  const changes = new Counter({
    name: 'gotrs_ticket_changes_total', help: 'Ticket changes persisted by the lifecycle workflow (applied) or recorded as rejected, by kind.',
    labelNames: ['kind', 'result'] as const, registers,
  });
  const slaValues = (labels: SlaLabels) => ({ milestone: milestoneLabel(labels.milestone), policy: policyLabel(labels.policy) });
  // Series that exist from the start, at 0: Prometheus' increase() and rate() miss a series' first value.
  for (const policy of options.policies ?? []) {
    for (const milestone of MILESTONES) {
      const values = slaValues({ milestone, policy });
      for (const counter of [breaches, warnings, met]) counter.inc(values, 0);
      lateness.zero(values);
    }
  }
  for (const [outcome, channel] of [['sent', 'email'], ['sent', 'in-app'], ['fallback', 'in-app'], ['failed', 'none']] as const) notifications.inc({ outcome, channel }, 0);
  for (const outcome of ['sent', 'failed', 'already-sent']) attempts.inc({ channel: 'email', outcome }, 0);
  attempts.inc({ channel: 'in-app', outcome: 'delivered' }, 0);
  for (const result of ['ok', 'error'] as const) smtp.zero({ result });
  for (const kind of ['assign', 'status', 'reopen', 'response']) for (const result of ['applied', 'rejected']) changes.inc({ kind, result }, 0);

  return {
    registry,
    slaBreached(labels, latenessSeconds) {
      breaches.inc(slaValues(labels));
      lateness.observe(slaValues(labels), Math.max(0, latenessSeconds));
    },
    slaWarned: (labels) => warnings.inc(slaValues(labels)),
    slaMet: (labels) => met.inc(slaValues(labels)),
    notificationEnded: (outcome, channel) => notifications.inc({ outcome, channel: channelLabel(channel) }),
    notificationAttempt: (channel, outcome) => attempts.inc({ channel: channelLabel(channel), outcome }),
    smtpSent: (seconds, result) => smtp.observe({ result }, seconds),
    escalationFired: (trigger, level) => escalations.inc({ trigger: triggerLabel(trigger), level: levelLabel(level) }),
    ticketChange: (kind, result) => changes.inc({ kind, result }),
  };
}
