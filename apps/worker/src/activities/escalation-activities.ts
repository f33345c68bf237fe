import { ApplicationFailure } from '@temporalio/common';
import { ESCALATION_CONDITIONS, readField, type EscalationCondition } from '@gotrs/contracts';
import {
  TicketNotFoundError,
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
import type { SlaSettings } from '@gotrs/sla';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { Notifier } from './notifier';

export interface EscalationActivityDeps {
  pool: Pool;
  logger: Logger;
  notifier: Notifier;
  /** The default policy's managers hear of levels whose rule names nobody, when the ticket has no SLA plan. */
  sla: SlaSettings;
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

/** Failure types the escalation workflow branches on. */
export const EscalationFailures = { ticketNotFound: 'TicketNotFoundError', invalidRule: 'DecodeError' } as const;

/** A missing row cannot appear by retrying; everything else (PostgreSQL down, timeouts) may. */
async function guarded<T>(deps: EscalationActivityDeps, what: string, ticketId: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof TicketNotFoundError) throw ApplicationFailure.nonRetryable(error.message, EscalationFailures.ticketNotFound);
    deps.logger.warn({ err: error, ticketId }, `${what} failed; Temporal will retry`);
    throw error;
  }
}

/** The condition of a rule as our workflow or the seed's Go code sends it (`Condition`). */
function conditionOf(rule: unknown): EscalationCondition {
  const raw = typeof rule === 'object' && rule !== null ? readField(rule as Record<string, unknown>, 'condition') : undefined;
  const condition = raw ?? 'unresolved';
  if (!ESCALATION_CONDITIONS.includes(condition as EscalationCondition)) {
    throw ApplicationFailure.nonRetryable(`condition must be one of ${ESCALATION_CONDITIONS.join(', ')}`, EscalationFailures.invalidRule);
  }
  return condition as EscalationCondition;
}

async function managersOf(deps: EscalationActivityDeps, ticketId: string): Promise<string[]> {
  const planned = await findPlannedEscalation(deps.pool, ticketId);
  if (planned && planned.managers.length > 0) return planned.managers;
  return deps.sla.policies[deps.sla.defaultPolicy]?.managers ?? [];
}

/** Activities of `EscalationWorkflow`; every write is idempotent per (workflow ID, level). */
export function createEscalationActivities(deps: EscalationActivityDeps) {
  return {
    /** Records the ladder run, so the API can find it (to advance it) and count manual ones. */
    async RecordEscalationStartActivity(record: EscalationStartRecord): Promise<void> {
      await guarded(deps, 'RecordEscalationStartActivity', record.ticketId, () => recordEscalationStart(deps.pool, record));
    },
    /** The seed's `(ticketID, rule) -> bool`: does the ticket still need this level? */
    async CheckEscalationConditionActivity(ticketId: string, rule: unknown): Promise<boolean> {
      const condition = conditionOf(rule);
      return guarded(deps, 'CheckEscalationConditionActivity', ticketId, () => escalationConditionHolds(deps.pool, ticketId, condition));
    },
    /** Raises the ticket's escalation level (never lowers it), moves its queue, raises its priority. */
    async EscalateToNextLevelActivity(command: EscalationCommand): Promise<EscalationResult> {
      const result = await guarded(deps, 'EscalateToNextLevelActivity', command.ticketId, () => applyEscalation(deps.pool, command));
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
  };
}
