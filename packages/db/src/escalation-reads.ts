import type { Actor, EscalationCondition, EscalationRule, StatusType } from '@gotrs/contracts';
import type { Pool } from 'pg';
import { actorOfRow } from './actor-columns';
import { TicketNotFoundError } from './ticket-writes';

/** What an escalation condition looks at. */
export interface EscalationFacts {
  statusType: StatusType;
  firstResponseAt: Date | null;
}

/**
 * Whether a ticket still needs escalating: `unanswered` = no agent has responded yet; `unresolved` =
 * not closed, merged or removed; `open` = new or open (not pending). A final ticket never escalates.
 */
export function conditionHolds(condition: EscalationCondition, facts: EscalationFacts): boolean {
  const final = facts.statusType === 'closed' || facts.statusType === 'merged' || facts.statusType === 'removed';
  if (final) return false;
  if (condition === 'unanswered') return facts.firstResponseAt === null;
  if (condition === 'open') return facts.statusType === 'new' || facts.statusType === 'open';
  return true;
}

/** Evaluates `condition` on the ticket's row; TicketNotFoundError when there is none. */
export async function escalationConditionHolds(pool: Pool, ticketId: string, condition: EscalationCondition): Promise<boolean> {
  const result = await pool.query<{ status_type: StatusType; first_response_at: Date | null }>(
    'SELECT status_type, first_response_at FROM tickets WHERE id = $1',
    [ticketId],
  );
  const row = result.rows[0];
  if (!row) throw new TicketNotFoundError(ticketId);
  return conditionHolds(condition, { statusType: row.status_type, firstResponseAt: row.first_response_at });
}

/** One escalation ladder run of a ticket, with the levels it fired so far. */
export interface EscalationRun {
  workflowId: string;
  runId: string;
  ticketId: string;
  trigger: string;
  reason: string;
  rules: EscalationRule[];
  startedAt: string;
  /** Null while the ladder runs. */
  endedAt: string | null;
  outcome: string | null;
  detail: string | null;
  firedLevels: number[];
  /** Who started it; null when not recorded (runs started before actors were). */
  actor: Actor | null;
}

interface RunRow {
  workflow_id: string;
  run_id: string;
  ticket_id: string;
  trigger: string;
  reason: string;
  rules: EscalationRule[];
  started_at: Date;
  ended_at: Date | null;
  outcome: string | null;
  detail: string | null;
  fired_levels: number[];
  actor: string | null;
}

function toRun(row: RunRow): EscalationRun {
  return {
    workflowId: row.workflow_id,
    runId: row.run_id,
    ticketId: row.ticket_id,
    trigger: row.trigger,
    reason: row.reason,
    rules: row.rules,
    startedAt: row.started_at.toISOString(),
    endedAt: row.ended_at ? row.ended_at.toISOString() : null,
    outcome: row.outcome,
    detail: row.detail,
    firedLevels: row.fired_levels,
    actor: actorOfRow(row as unknown as Record<string, unknown>, 'actor', row.actor),
  };
}

/** A ticket's ladder runs, newest first; only those not recorded as ended when `running` is set. */
export async function findEscalationRuns(pool: Pool, ticketId: string, options: { running?: boolean } = {}): Promise<EscalationRun[]> {
  const result = await pool.query<RunRow>(
    `SELECT r.*, coalesce(array_agg(e.level ORDER BY e.level) FILTER (WHERE e.level IS NOT NULL), '{}') AS fired_levels
       FROM escalation_runs r
       LEFT JOIN escalations e ON e.workflow_id = r.workflow_id
      WHERE r.ticket_id = $1 ${options.running ? 'AND r.ended_at IS NULL' : ''}
      GROUP BY r.workflow_id
      ORDER BY r.started_at DESC, r.workflow_id DESC`,
    [ticketId],
  );
  return result.rows.map(toRun);
}

/** How many ladders were started by hand for the ticket (triggers `manual:{n}`). */
export async function countManualEscalations(pool: Pool, ticketId: string): Promise<number> {
  const result = await pool.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM escalation_runs WHERE ticket_id = $1 AND trigger LIKE 'manual:%'",
    [ticketId],
  );
  return result.rows[0]?.n ?? 0;
}

/** The escalation ladder and managers of the SLA plan the ticket started with; null without a plan. */
export async function findPlannedEscalation(pool: Pool, ticketId: string): Promise<{ rules: EscalationRule[]; managers: string[] } | null> {
  const result = await pool.query<{ rules: EscalationRule[] | null; managers: string[] | null }>(
    "SELECT plan->'escalation' AS rules, plan->'managers' AS managers FROM ticket_sla WHERE ticket_id = $1",
    [ticketId],
  );
  const row = result.rows[0];
  if (!row) return null;
  return { rules: Array.isArray(row.rules) ? row.rules : [], managers: Array.isArray(row.managers) ? row.managers : [] };
}
