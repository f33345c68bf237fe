import { decodeEscalationCondition } from '@gotrs/contracts';
import {
  applyEscalation,
  escalationConditionHolds,
  findPlannedEscalation,
  recordEscalationEnd,
  recordEscalationStart,
  type EscalationCommand,
  type EscalationEndRecord,
  type EscalationResult,
  type EscalationStartRecord,
} from '@gotrs/db';
import type { SlaSettings } from '@gotrs/contracts';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { createWorkerMetrics, type WorkerMetrics } from '../metrics/worker-metrics';
import { classified } from './activity-errors';
import type { Notifier } from './notifier';

export interface EscalationActivityDeps {
  pool: Pool;
  logger: Logger;
  notifier: Notifier;
  /** The default policy's managers hear of levels whose rule names nobody, when the ticket has no SLA plan. */
  sla: SlaSettings;
  /** Where fired levels are counted (a registry of its own by default). */
  metrics?: WorkerMetrics;
}

/** Input of `NotifyEscalationActivity`. */
export interface EscalationNoticeCommand {
  ticketId: string;
  workflowId: string;
  level: number;
  reason: string;
  /** The rule's `notify`; the managers of the ticket's SLA plan (else the default policy's) when absent. */
  recipients?: string[];
}

async function managersOf(deps: EscalationActivityDeps, ticketId: string): Promise<string[]> {
  const planned = await findPlannedEscalation(deps.pool, ticketId);
  if (planned && planned.managers.length > 0) return planned.managers;
  return deps.sla.policies[deps.sla.defaultPolicy]?.managers ?? [];
}

/** Activities of `EscalationWorkflow`; every write is idempotent per (workflow ID, level). */
export function createEscalationActivities(deps: EscalationActivityDeps) {
  const metrics = deps.metrics ?? createWorkerMetrics();
  return classified(deps.logger, {
    /** Records the ladder run, so the API can find it (to advance it) and count manual ones. */
    async RecordEscalationStartActivity(record: EscalationStartRecord): Promise<void> {
      await recordEscalationStart(deps.pool, record);
    },
    /** The seed's `(ticketID, rule) -> bool`: does the ticket still need this level? */
    async CheckEscalationConditionActivity(ticketId: string, rule: unknown): Promise<boolean> {
      return escalationConditionHolds(deps.pool, ticketId, decodeEscalationCondition(rule));
    },
    /** Raises the ticket's escalation level (never lowers it), moves its queue, raises its priority. */
    async EscalateToNextLevelActivity(command: EscalationCommand): Promise<EscalationResult> {
      const result = await applyEscalation(deps.pool, command);
      if (result.outcome === 'fired') metrics.escalationFired(command.trigger, command.rule.level);
      deps.logger.info(
        { ticketId: command.ticketId, workflowId: command.workflowId, level: command.rule.level, outcome: result.outcome, to: result.toLevel },
        'escalation level',
      );
      return result;
    },
    /** Tells the rule's recipients (or the managers) through the notifier, once per (workflow ID, level). */
    async NotifyEscalationActivity(notice: EscalationNoticeCommand): Promise<string[]> {
      const recipients = notice.recipients?.length ? notice.recipients : await managersOf(deps, notice.ticketId);
      return deps.notifier.notify({
        key: `${notice.workflowId}/level/${notice.level}`,
        event: 'escalation',
        ticketId: notice.ticketId,
        ...(recipients.length > 0 ? { recipients } : {}),
        facts: { level: notice.level, reason: notice.reason },
      });
    },
    /** Records why the ladder stopped. */
    async RecordEscalationEndActivity(record: EscalationEndRecord): Promise<void> {
      await recordEscalationEnd(deps.pool, record);
    },
  });
}
