import type { MilestoneName } from './sla';
import type { TicketStatus } from './status';

/**
 * One milestone's clock, as plain data (it travels through continue-as-new and into PostgreSQL).
 * Business time is counted in `elapsedMs` up to `runningSince`; wall time paused in `pausedMs` up to
 * `pausedSince`. All instants are epoch milliseconds.
 */
export interface MilestoneClock {
  name: MilestoneName;
  targetMs: number;
  pauseOn: string[];
  cycle: number;
  elapsedMs: number;
  runningSince: number | null;
  pausedSince: number | null;
  pausedMs: number;
  dueAt: number | null;
  warnAt: number | null;
  warnedAt: number | null;
  metAt: number | null;
  breachedAt: number | null;
  /** No timer is left for this cycle: met, breached or stopped. */
  finished: boolean;
}

/** What happens to a milestone's clock; each is recorded in `sla_events`. */
export type SlaEventType = 'start' | 'pause' | 'resume' | 'warn' | 'meet' | 'breach' | 'escalate';

/** Something that happened to a milestone's clock, with why. Instants are epoch milliseconds. */
export interface SlaEvent {
  type: SlaEventType;
  milestone: MilestoneName;
  cycle: number;
  at: number;
  /** The due instant the event relates to (a breach's lateness is `at - dueAt`). */
  dueAt: number | null;
  reason: string;
  /**
   * On `meet` events only: the cycle's business time from its start to the meet, paused time left out
   * (what SLA reports call the time to meet; past the target for a milestone met after its breach).
   */
  elapsedMs?: number;
}

/** The clocks of an SLA run: what survives a continue-as-new. */
export interface SlaClockSnapshot {
  status: TicketStatus;
  clocks: MilestoneClock[];
}
