import type { Actor, ChangeEnvelope, EscalationRule, Ticket } from '@gotrs/contracts';
import type { Pool, PoolClient } from 'pg';
import { actorColumns, actorPlaceholders, actorValues } from './actor-columns';
import { conditionHolds } from './escalation-reads';
import { appendEvents } from './event-writes';
import { TICKET_COLUMNS, toTicket, type TicketRow } from './rows';
import { inTransaction } from './transaction';
import { TicketNotFoundError, insertHistory } from './ticket-writes';

/** Input of `EscalateToNextLevelActivity`: one level of one ladder run. */
export interface EscalationCommand {
  ticketId: string;
  /** With `rule.level`, the idempotency key: a level fires once per workflow ID. */
  workflowId: string;
  trigger: string;
  rule: EscalationRule;
  /** The actor's label. */
  actor: string;
  /** Who it was, structured; absent from commands recorded before actors were. */
  actorIdentity?: Actor | null;
  reason: string;
  /** Workflow time of the escalation, so retries record the same moment. */
  at: string;
}

/**
 * `fired`: this call raised the level (and wrote history); `already-fired`: an earlier attempt did
 * (a retry: nothing written); `condition-cleared`: the rule's condition no longer held under the
 * row lock (answered or closed since the check: nothing written).
 */
export interface EscalationResult {
  outcome: 'fired' | 'already-fired' | 'condition-cleared';
  ticket: Ticket;
  fromLevel: number;
  toLevel: number;
}

type LockedRow = TicketRow & { first_response_at: Date | null };

async function lockTicket(client: PoolClient, ticketId: string): Promise<LockedRow> {
  const result = await client.query<LockedRow>(`SELECT ${TICKET_COLUMNS}, first_response_at FROM tickets WHERE id = $1 FOR UPDATE`, [ticketId]);
  const row = result.rows[0];
  if (!row) throw new TicketNotFoundError(ticketId);
  return row;
}

/** What the rule changes on the ticket; queue and priority are null when they stay as they are. */
function changesOf(row: LockedRow, rule: EscalationRule) {
  const toLevel = Math.max(row.escalation_level, rule.level);
  const queue = rule.assignQueue !== undefined && rule.assignQueue !== row.queue ? rule.assignQueue : null;
  const priority = rule.raisePriorityTo !== undefined && rule.raisePriorityTo > row.priority ? rule.raisePriorityTo : null;
  return { toLevel, queue, priority };
}

async function insertLevel(client: PoolClient, c: EscalationCommand, row: LockedRow, changes: ReturnType<typeof changesOf>): Promise<void> {
  await client.query(
    `INSERT INTO escalations (workflow_id, level, ticket_id, trigger, condition, actor, reason, from_level, to_level,
                              queue, priority, assigned_agent, fired_at, ${actorColumns('actor')})
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, ${actorPlaceholders(14)})`,
    [c.workflowId, c.rule.level, c.ticketId, c.trigger, c.rule.condition, c.actor, c.reason, row.escalation_level,
      changes.toLevel, changes.queue, changes.priority, c.rule.assignAgent ?? null, c.at, ...actorValues(c.actorIdentity)],
  );
}

async function writeHistory(client: PoolClient, c: EscalationCommand, row: LockedRow, changes: ReturnType<typeof changesOf>): Promise<void> {
  const key = `${c.workflowId}/level/${c.rule.level}`;
  const change = (suffix: string): ChangeEnvelope => ({
    ticketId: c.ticketId, changeId: `${key}${suffix}`, actor: c.actor, actorIdentity: c.actorIdentity ?? null,
    reason: `${c.reason} (level ${c.rule.level}, ${c.trigger})`,
    source: 'system', at: c.at,
  });
  const escalated = (field: string, from: unknown, to: unknown) => ({ action: 'escalated', field, from: String(from), to: String(to), accepted: true });
  await insertHistory(client, change(''), escalated('escalationLevel', row.escalation_level, changes.toLevel));
  if (changes.queue !== null) await insertHistory(client, change('/queue'), escalated('queue', row.queue, changes.queue));
  if (changes.priority !== null) await insertHistory(client, change('/priority'), escalated('priority', row.priority, changes.priority));
}

/**
 * Fires one level: raises the ticket's escalation level to at least `rule.level` (never lowers it),
 * moves it to `rule.assignQueue`, raises its priority to `rule.raisePriorityTo`, and records the level
 * and `escalated` history rows, once per (workflow ID, level) in one transaction.
 */
export async function applyEscalation(pool: Pool, c: EscalationCommand): Promise<EscalationResult> {
  return inTransaction(pool, async (client) => {
    const row = await lockTicket(client, c.ticketId);
    const earlier = await client.query<{ from_level: number; to_level: number }>(
      'SELECT from_level, to_level FROM escalations WHERE workflow_id = $1 AND level = $2',
      [c.workflowId, c.rule.level],
    );
    const fired = earlier.rows[0];
    if (fired) return { outcome: 'already-fired', ticket: toTicket(row), fromLevel: fired.from_level, toLevel: fired.to_level };
    const facts = { statusType: row.status_type as Ticket['statusType'], firstResponseAt: row.first_response_at };
    if (!conditionHolds(c.rule.condition, facts)) {
      return { outcome: 'condition-cleared', ticket: toTicket(row), fromLevel: row.escalation_level, toLevel: row.escalation_level };
    }
    const changes = changesOf(row, c.rule);
    await insertLevel(client, c, row, changes);
    await writeHistory(client, c, row, changes);
    const updated = await client.query<TicketRow>(
      `UPDATE tickets SET escalation_level = $2, queue = coalesce($3, queue), priority = coalesce($4, priority), updated_at = $5
        WHERE id = $1 RETURNING ${TICKET_COLUMNS}`,
      [c.ticketId, changes.toLevel, changes.queue, changes.priority, c.at],
    );
    await appendEvents(client, [{
      key: `escalation:${c.workflowId}/level/${c.rule.level}`, type: 'escalation.level-fired', ticketId: c.ticketId, at: c.at,
      data: { workflowId: c.workflowId, trigger: c.trigger, level: c.rule.level, fromLevel: row.escalation_level, toLevel: changes.toLevel,
        queue: changes.queue, priority: changes.priority, assignedAgent: c.rule.assignAgent ?? null, actor: c.actor, reason: c.reason },
    }]);
    return { outcome: 'fired', ticket: toTicket(updated.rows[0]!), fromLevel: row.escalation_level, toLevel: changes.toLevel };
  });
}

/** A ladder run as it starts (input of `RecordEscalationStartActivity`). */
export interface EscalationStartRecord {
  workflowId: string;
  runId: string;
  ticketId: string;
  trigger: string;
  reason: string;
  rules: EscalationRule[];
  at: string;
  /** Who started it; absent from records made before actors were. */
  actor?: Actor | null;
}

/** Records a ladder run's start (and who started it); a retry changes nothing, a new run under the same workflow ID replaces it. */
export async function recordEscalationStart(pool: Pool, r: EscalationStartRecord): Promise<void> {
  await pool.query(
    `INSERT INTO escalation_runs (workflow_id, run_id, ticket_id, trigger, reason, rules, started_at, actor, ${actorColumns('actor')})
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, ${actorPlaceholders(9)})
     ON CONFLICT (workflow_id) DO UPDATE SET
       run_id = EXCLUDED.run_id, ticket_id = EXCLUDED.ticket_id, trigger = EXCLUDED.trigger, reason = EXCLUDED.reason,
       rules = EXCLUDED.rules, started_at = EXCLUDED.started_at, ended_at = NULL, outcome = NULL, detail = NULL,
       ${actorColumns('actor').split(', ').concat('actor').map((column) => `${column} = EXCLUDED.${column}`).join(', ')}
     WHERE escalation_runs.run_id <> EXCLUDED.run_id`,
    [r.workflowId, r.runId, r.ticketId, r.trigger, r.reason, JSON.stringify(r.rules), r.at, r.actor?.label ?? null, ...actorValues(r.actor)],
  );
}

/** A ladder run as it stops (input of `RecordEscalationEndActivity`). */
export interface EscalationEndRecord {
  workflowId: string;
  runId: string;
  outcome: string;
  detail: string;
  at: string;
}

/** Records why and when a ladder run stopped. */
export async function recordEscalationEnd(pool: Pool, r: EscalationEndRecord): Promise<void> {
  await pool.query(
    'UPDATE escalation_runs SET ended_at = $3, outcome = $4, detail = $5 WHERE workflow_id = $1 AND run_id = $2',
    [r.workflowId, r.runId, r.at, r.outcome, r.detail],
  );
}
