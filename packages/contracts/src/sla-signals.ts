import { decodeActor, type Actor } from './actor';
import { DecodeError, Fields, defined, isDict, type DecodeOptions } from './fields';
import { MILESTONES, milestoneCompleteSignalName, type MilestoneName } from './sla';

/** A signal to `sla-{id}`, decoded. Times are ISO 8601; absent when the sender did not set one. */
export type SlaSignal =
  | { kind: 'status'; status: string; at?: string; actorIdentity?: Actor }
  | { kind: 'complete'; milestone: MilestoneName; at?: string; actor?: string; actorIdentity?: Actor; reason?: string }
  | { kind: 'policy'; policy: Record<string, unknown>; version: number; actorIdentity?: Actor; reason?: string };

const TICKET_STATUS_CHANGED = 'ticket-status-changed';
/** The name of the signal that moves `sla-{id}` to another version of its policy. */
export const POLICY_CHANGED = 'policy-changed';
const COMPLETE_SIGNALS = new Map<string, MilestoneName>(MILESTONES.map((m) => [milestoneCompleteSignalName(m), m]));

/**
 * Decodes a signal to `sla-{id}` by its name: `ticket-status-changed` (`{status, at}`, sent by the
 * lifecycle workflow) or `{Milestone}-complete` (`{at, actor, reason}` or nothing at all, as Go sends
 * it); either may carry the structured `actorIdentity` the lifecycle adds. Zero values are "not set" (Go's zero time is "now"); unstorable text is a DecodeError naming
 * the field. Undefined for a name that is none of these signals.
 */
export function decodeSlaSignal(name: string, payload: unknown, options: DecodeOptions = {}): SlaSignal | undefined {
  const milestone = COMPLETE_SIGNALS.get(name);
  if (name !== TICKET_STATUS_CHANGED && name !== POLICY_CHANGED && !milestone) return undefined;
  if (payload !== undefined && payload !== null && !isDict(payload)) throw new DecodeError(`${name} must carry an object`);
  const f = new Fields(isDict(payload) ? payload : {}, '', options);
  const actorIdentity = decodeActor(f.raw('actorIdentity'), 'actorIdentity', options);
  if (name === POLICY_CHANGED) return decodePolicyChange(f, actorIdentity, options);
  if (!milestone) return defined({ kind: 'status' as const, status: f.requiredText('status'), at: f.instant('at'), actorIdentity });
  return defined({ kind: 'complete' as const, milestone, at: f.instant('at'), actor: f.text('actor'), actorIdentity, reason: f.text('reason') });
}

/**
 * `policy-changed` (`{policy, reason, actorIdentity}`): the policy must be an object naming its
 * version (an integer of at least 1); what else it holds the workflow checks when it builds the plan.
 */
function decodePolicyChange(f: Fields, actorIdentity: Actor | undefined, options: DecodeOptions): SlaSignal {
  const policy = f.raw('policy');
  if (!isDict(policy)) throw new DecodeError('policy must be an object', 'policy');
  const version = new Fields(policy, 'policy.', options).integer('version', 1);
  if (version === undefined) throw new DecodeError('policy.version is required', 'policy.version');
  return defined({ kind: 'policy' as const, policy, version, actorIdentity, reason: f.text('reason') });
}
