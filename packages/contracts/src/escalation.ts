import { decodeActor, type Actor } from './actor';
import { DecodeError, Fields, defined, isDict, type DecodeOptions } from './fields';

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
  /** Who asked for it, as the API verified them (its label is `actor`). */
  actorIdentity?: Actor;
}

/** An `advance` signal, decoded: fire the next level now, or jump to `level`. */
export interface EscalationAdvance {
  reason: string;
  level?: number;
  actor?: string;
  actorIdentity?: Actor;
}

const DEFAULT_CONDITION: EscalationCondition = 'unresolved';

function conditionOf(f: Fields): EscalationCondition {
  const condition = f.text('condition') ?? DEFAULT_CONDITION;
  if (!ESCALATION_CONDITIONS.includes(condition as EscalationCondition)) {
    throw new DecodeError(`${f.name('condition')} must be one of ${ESCALATION_CONDITIONS.join(', ')}`, f.name('condition'));
  }
  return condition as EscalationCondition;
}

/** The condition of a rule as our workflow or Go code sends it (`Condition`); `unresolved` when not set. */
export function decodeEscalationCondition(rule: unknown): EscalationCondition {
  return conditionOf(new Fields(isDict(rule) ? rule : {}));
}

/** One rule, ours (`waitMs`) or Go's (`WaitDuration` in nanoseconds); zero values are "not set". */
function decodeRule(raw: unknown, index: number, options: DecodeOptions): EscalationRule {
  const path = `rules[${index}].`;
  if (!isDict(raw)) throw new DecodeError(`rules[${index}] must be an object`, `rules[${index}]`);
  const f = new Fields(raw, path, options);
  const level = f.integer('level', 1);
  if (level === undefined) throw new DecodeError(`${path}level is required (a positive integer)`, `${path}level`);
  const wait = f.has('waitMs') ? f.durationMs('waitMs', 'ms') : f.durationMs('waitDuration', 'ns');
  return defined({
    level,
    waitMs: Math.round(wait ?? 0),
    condition: conditionOf(f),
    assignQueue: f.text('assignQueue'),
    assignAgent: f.text('assignAgent'),
    raisePriorityTo: f.integer('raisePriorityTo', 1, 5),
    notify: f.textList('notify'),
  });
}

/**
 * `EscalationWorkflow`'s second argument: Go's `[]EscalationRule` (`[{"Level": 1, "WaitDuration": <ns>,
 * "Condition": "..."}]`, no JSON tags) or our `{ rules, reason, trigger }`. Rules come back sorted by level.
 */
export function decodeEscalationStart(raw: unknown, options: DecodeOptions = {}): EscalationStart {
  const source = Array.isArray(raw) ? { rules: raw } : raw;
  if (!isDict(source)) throw new DecodeError('escalation input must be a rules array or an object');
  const f = new Fields(source, '', options);
  const rules = f.raw('rules');
  if (!Array.isArray(rules) || rules.length === 0) throw new DecodeError('rules must be a non-empty array', 'rules');
  return defined({
    rules: rules.map((rule, i) => decodeRule(rule, i, options)).sort((a, b) => a.level - b.level),
    reason: f.text('reason') ?? 'escalation requested',
    trigger: f.text('trigger') ?? 'go',
    actor: f.text('actor'),
    actorIdentity: decodeActor(f.raw('actorIdentity'), 'actorIdentity', options),
  });
}

/** An `advance` payload, ours or Go's (`Reason`, `Level`, `Actor`); `Level: 0` (Go's zero) means the next level. */
export function decodeEscalationAdvance(raw: unknown, options: DecodeOptions = {}): EscalationAdvance {
  if (raw === undefined || raw === null) return { reason: 'advanced' };
  if (!isDict(raw)) throw new DecodeError('advance must be an object');
  const f = new Fields(raw, '', options);
  return defined({
    reason: f.text('reason') ?? 'advanced',
    level: f.integer('level', 1),
    actor: f.text('actor'),
    actorIdentity: decodeActor(f.raw('actorIdentity'), 'actorIdentity', options),
  });
}
