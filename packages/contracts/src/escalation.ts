import { DecodeError, readField } from './decode';

/** What must still be true for an escalation level to fire. */
export const ESCALATION_CONDITIONS = ['unanswered', 'unresolved', 'open'] as const;
/**
 * - `unanswered`: no agent has responded yet (no first response);
 * - `unresolved`: the ticket is not closed, merged or removed;
 * - `open`: the ticket is `new` or `open` (not pending, not closed).
 */
export type EscalationCondition = (typeof ESCALATION_CONDITIONS)[number];

/** One level of an escalation ladder. */
export interface EscalationRule {
  level: number;
  /** Wait after this level fired before the next level is checked. */
  waitMs: number;
  condition: EscalationCondition;
  /** Move the ticket to this queue when the level fires. */
  assignQueue?: string;
  /** Assign the ticket to this agent when the level fires. */
  assignAgent?: string;
  /** Raise the ticket's priority to at least this (1..5). */
  raisePriorityTo?: number;
  /** Who hears about it (agent/manager IDs or addresses); the configured managers when absent. */
  notify?: string[];
}

/** What `EscalationWorkflow` is started with by our own code (Go callers send a bare rules array). */
export interface EscalationStart {
  rules: EscalationRule[];
  /** Why the ladder started (an SLA breach, an agent's request). */
  reason: string;
  /** What started it, for history and IDs: `sla:FirstResponse:1`, `manual:2`... */
  trigger: string;
  /** Who asked for it (an agent, for a manual escalation); the history says `escalation` when absent. */
  actor?: string;
}

/** Workflow ID of one escalation ladder of a ticket: one per trigger, so a trigger starts it once. */
export function escalationWorkflowId(ticketId: string, trigger: string): string {
  return `escalation-${ticketId}-${trigger.replace(/:/g, '-')}`;
}

const NANOS_PER_MS = 1_000_000;

function decodeRule(raw: unknown, index: number): EscalationRule {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new DecodeError(`rules[${index}] must be an object`);
  const source = raw as Record<string, unknown>;
  const level = readField(source, 'level');
  if (typeof level !== 'number' || !Number.isInteger(level) || level < 1) throw new DecodeError(`rules[${index}].level must be a positive integer`);
  const waitNs = readField(source, 'waitDuration');
  const waitMs = readField(source, 'waitMs');
  const wait = typeof waitMs === 'number' ? waitMs : typeof waitNs === 'number' ? waitNs / NANOS_PER_MS : 0;
  if (!Number.isFinite(wait) || wait < 0) throw new DecodeError(`rules[${index}] wait must be a non-negative duration`);
  const condition = readField(source, 'condition') ?? 'unresolved';
  if (!ESCALATION_CONDITIONS.includes(condition as EscalationCondition)) {
    throw new DecodeError(`rules[${index}].condition must be one of ${ESCALATION_CONDITIONS.join(', ')}`);
  }
  const rule: EscalationRule = { level, waitMs: Math.round(wait), condition: condition as EscalationCondition };
  const queue = readField(source, 'assignQueue');
  if (typeof queue === 'string' && queue) rule.assignQueue = queue;
  const agent = readField(source, 'assignAgent');
  if (typeof agent === 'string' && agent) rule.assignAgent = agent;
  const priority = readField(source, 'raisePriorityTo');
  if (typeof priority === 'number' && Number.isInteger(priority) && priority >= 1 && priority <= 5) rule.raisePriorityTo = priority;
  const notify = readField(source, 'notify');
  if (Array.isArray(notify) && notify.every((n) => typeof n === 'string')) rule.notify = notify as string[];
  return rule;
}

/**
 * `EscalationWorkflow`'s second argument: Go's `[]EscalationRule` (`[{"Level": 1, "WaitDuration": <ns>,
 * "Condition": "..."}]`, no JSON tags) or our `{ rules, reason, trigger }`. Rules come back sorted by level.
 */
export function decodeEscalationStart(raw: unknown): EscalationStart {
  const isArray = Array.isArray(raw);
  const source = isArray ? { rules: raw } : (raw as Record<string, unknown> | null);
  if (!source || typeof source !== 'object') throw new DecodeError('escalation input must be a rules array or an object');
  const rules = readField(source, 'rules');
  if (!Array.isArray(rules) || rules.length === 0) throw new DecodeError('rules must be a non-empty array');
  const decoded = rules.map(decodeRule).sort((a, b) => a.level - b.level);
  const reason = readField(source, 'reason');
  const trigger = readField(source, 'trigger');
  const actor = readField(source, 'actor');
  return {
    rules: decoded,
    reason: typeof reason === 'string' && reason ? reason : 'escalation requested',
    trigger: typeof trigger === 'string' && trigger ? trigger : 'go',
    ...(typeof actor === 'string' && actor ? { actor } : {}),
  };
}
