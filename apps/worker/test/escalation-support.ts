import { randomUUID } from 'node:crypto';
import { FailureTypes, WorkflowTypes, escalationWorkflowId, type EscalationRule, type StatusType } from '@gotrs/contracts';
import { conditionHolds, type EscalationCommand, type EscalationEndRecord, type EscalationResult, type EscalationStartRecord } from '@gotrs/db';
import type { Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { EscalationNoticeCommand } from '../src/activities/escalation-activities';
import type { EscalationOutcome } from '@gotrs/contracts';
import type { EscalationWorkflow } from '../src/workflows/escalation';
import { FAST_SETTINGS, type TestActivities } from './support';

export const HOUR = 3_600_000;

/** The parts of a ticket the escalation activities read and change. */
export interface FakeTicket {
  statusType: StatusType;
  answered: boolean;
  level: number;
  queue: string;
  priority: number;
}

/** A level as the fake recorded it: the command, and the wall-clock time the activity ran. */
export interface FiredRecord {
  command: EscalationCommand;
  ranAt: number;
}

/**
 * In-memory stand-ins for the escalation activities (workflow tests mock activities). They keep the
 * real ones' contract: a level is written once per (workflow ID, level), the level is never lowered,
 * and the condition is checked again under the "lock".
 */
export class FakeEscalationStore {
  readonly tickets = new Map<string, FakeTicket>();
  readonly fired: FiredRecord[] = [];
  readonly notices: EscalationNoticeCommand[] = [];
  readonly starts: EscalationStartRecord[] = [];
  readonly ends: EscalationEndRecord[] = [];

  addTicket(id: string = randomUUID(), ticket: Partial<FakeTicket> = {}): string {
    this.tickets.set(id, { statusType: 'open', answered: false, level: 0, queue: 'Raw', priority: 3, ...ticket });
    return id;
  }

  ticket(id: string): FakeTicket {
    return this.tickets.get(id)!;
  }

  levels(workflowId?: string): number[] {
    return this.fired.filter((f) => !workflowId || f.command.workflowId === workflowId).map((f) => f.command.rule.level);
  }

  private holds(ticketId: string, rule: EscalationRule): boolean {
    const ticket = this.tickets.get(ticketId);
    if (!ticket) throw ApplicationFailure.nonRetryable(`ticket ${ticketId} does not exist`, FailureTypes.ticketNotFound);
    return conditionHolds(rule.condition, { statusType: ticket.statusType, firstResponseAt: ticket.answered ? new Date() : null });
  }

  private escalate(c: EscalationCommand): EscalationResult {
    const key = `${c.workflowId}/${c.rule.level}`;
    const ticket = this.ticket(c.ticketId);
    const view = { escalationLevel: ticket.level } as EscalationResult['ticket'];
    if (this.fired.some((f) => `${f.command.workflowId}/${f.command.rule.level}` === key)) {
      return { outcome: 'already-fired', ticket: view, fromLevel: ticket.level, toLevel: ticket.level };
    }
    if (!this.holds(c.ticketId, c.rule)) return { outcome: 'condition-cleared', ticket: view, fromLevel: ticket.level, toLevel: ticket.level };
    const fromLevel = ticket.level;
    ticket.level = Math.max(ticket.level, c.rule.level);
    if (c.rule.assignQueue) ticket.queue = c.rule.assignQueue;
    if (c.rule.raisePriorityTo) ticket.priority = Math.max(ticket.priority, c.rule.raisePriorityTo);
    this.fired.push({ command: c, ranAt: Date.now() });
    return { outcome: 'fired', ticket: { ...view, escalationLevel: ticket.level }, fromLevel, toLevel: ticket.level };
  }

  activities(): TestActivities {
    return {
      GetWorkflowSettingsActivity: async () => FAST_SETTINGS,
      // Idempotent as PostgreSQL's (one row per workflow) and the notifier's (IDs from the notice) are:
      // a local activity runs again when its workflow task is retried.
      RecordEscalationStartActivity: async (record: EscalationStartRecord) => {
        if (!this.starts.some((s) => s.workflowId === record.workflowId)) this.starts.push(record);
      },
      CheckEscalationConditionActivity: async (ticketId: string, rule: EscalationRule) => this.holds(ticketId, rule),
      EscalateToNextLevelActivity: async (command: EscalationCommand) => this.escalate(command),
      NotifyEscalationActivity: async (notice: EscalationNoticeCommand) => {
        if (!this.notices.some((n) => n.workflowId === notice.workflowId && n.level === notice.level)) this.notices.push(notice);
        return [`notification-${notice.workflowId}-${notice.level}`];
      },
      RecordEscalationEndActivity: async (record: EscalationEndRecord) => {
        if (!this.ends.some((e) => e.workflowId === record.workflowId)) this.ends.push(record);
      },
    };
  }
}

/** A ladder of `levels` levels, each waiting `waitMs`, on `condition`. */
export function ladder(levels: number, waitMs: number, condition: EscalationRule['condition'] = 'unresolved'): EscalationRule[] {
  return Array.from({ length: levels }, (_, i) => ({ level: i + 1, waitMs, condition }));
}

/**
 * Starts `EscalationWorkflow`: with a rules array as Go sends it (`[{"Level": 1, ...}]`), else as our
 * own code does (`{ rules, reason, trigger }`).
 */
/** Starts a ladder; `memo` as its starter writes it (the SLA passes on its workflow settings). */
export function startEscalation(client: Client, taskQueue: string, ticketId: string, rules: unknown[], goRules = false, memo?: Record<string, unknown>) {
  const trigger = goRules ? 'go' : `test:${randomUUID().slice(0, 8)}`;
  return client.workflow.start<typeof EscalationWorkflow>(WorkflowTypes.escalation, {
    workflowId: escalationWorkflowId(ticketId, `${trigger}-${randomUUID().slice(0, 8)}`),
    taskQueue,
    args: [ticketId, goRules ? rules : { rules, reason: 'SLA FirstResponse breached', trigger }],
    ...(memo ? { memo } : {}),
  });
}

export type { EscalationOutcome };
