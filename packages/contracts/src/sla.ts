import type { Actor } from './actor';
import { Fields, isDict } from './fields';

/** The SLA milestones: the seed's two plus OTRS's update time (between agent updates). */
export const MILESTONES = ['FirstResponse', 'Resolution', 'Update'] as const;

export type MilestoneName = (typeof MILESTONES)[number];

/** A milestone's clock state. */
export type MilestoneState = 'running' | 'paused' | 'warned' | 'met' | 'breached';

/** Signal name that completes a milestone on `sla-{id}`: `{MilestoneName}-complete`. */
export function milestoneCompleteSignalName(milestone: MilestoneName): string {
  return `${milestone}-complete`;
}

/** Targets in milliseconds of business time, as decoded from any caller. */
export type SlaTargets = Partial<Record<MilestoneName, number>>;

/**
 * Go's `SLAConfig{FirstResponseTime, ResolutionTime time.Duration}` has no JSON tags: it arrives as
 * `{"FirstResponseTime": <ns>, "ResolutionTime": <ns>}`. An `UpdateTime` field is read the same way.
 * A zero duration (Go's "not set") means no clock for that milestone, so `SLAConfig{}` gives no
 * clocks at all; a negative one, or one above MAX_DURATION_MS, is a DecodeError. Returns undefined
 * when `raw` has none of those fields.
 */
export function decodeGoSlaConfig(raw: unknown): SlaTargets | undefined {
  if (!isDict(raw)) return undefined;
  const f = new Fields(raw);
  const targets: SlaTargets = {};
  let found = false;
  for (const milestone of MILESTONES) {
    const field = `${milestone.charAt(0).toLowerCase()}${milestone.slice(1)}Time`;
    if (!f.has(field)) continue;
    found = true;
    const ms = f.durationMs(field, 'ns');
    if (ms !== undefined) targets[milestone] = Math.max(1, Math.round(ms));
  }
  return found ? targets : undefined;
}

/** What the lifecycle workflow tells `sla-{id}` after each status change (pauses, resumes, closes). */
export interface TicketStatusNotice {
  status: string;
  /** Workflow time of the change (ISO 8601); the receiver's own time when absent. */
  at?: string;
  /** Who changed it: the SLA events it causes record them (absent from older senders: `sla`). */
  actorIdentity?: Actor;
}

/** Optional payload of a `{Milestone}-complete` signal; Go callers may send nothing at all. */
export interface MilestoneCompletion {
  at?: string;
  /** Go callers' plain name of who met it. */
  actor?: string;
  /** Who met it (the responding agent as the API verified them), from the lifecycle workflow. */
  actorIdentity?: Actor;
  reason?: string;
}

/** Input of `NotifyManagersActivity`: a warning or a breach, told once per milestone cycle. */
export interface SlaNotice {
  ticketId: string;
  milestone: MilestoneName;
  kind: 'warning' | 'breach';
  /** 1 for the first clock of a milestone; the Update milestone counts up with each agent update. */
  cycle: number;
  dueAt: string;
  at: string;
  policy: string;
  managers: string[];
}
