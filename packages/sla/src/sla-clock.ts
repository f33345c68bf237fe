import {
  isFinalStatus,
  statusTypeOf,
  type MilestoneClock,
  type MilestoneName,
  type SlaClockSnapshot,
  type SlaEvent,
  type SlaPlan,
  type TicketStatus,
} from '@gotrs/contracts';
import { BusinessCalendar } from './business-calendar';
import { halt, newClock, run } from './milestone-clock';

const RECURRING: MilestoneName = 'Update';
/** Met once for good: a reopen does not restart it. */
const ONCE: MilestoneName = 'FirstResponse';

/** The reason of the `start` events a reopen records (each with the new cycle's number). */
export const REOPEN_REASON = 'ticket reopened';

function pauses(clock: MilestoneClock, status: TicketStatus): boolean {
  return clock.pauseOn.includes(status) || clock.pauseOn.includes(statusTypeOf(status));
}

/**
 * Every milestone of a ticket's SLA on its own clock, in business time. Pure and deterministic:
 * callers pass the time in, and get back the events to record. Used inside the SLA workflow.
 */
export class SlaClock {
  readonly calendar: BusinessCalendar;
  private status: TicketStatus;
  private readonly clocks: MilestoneClock[];

  private constructor(readonly plan: SlaPlan, snapshot: SlaClockSnapshot) {
    this.calendar = new BusinessCalendar(plan.calendar);
    this.status = snapshot.status;
    this.clocks = snapshot.clocks;
  }

  /** Starts every milestone at the plan's start (the ticket's creation), in the ticket's status. */
  static start(plan: SlaPlan, status: TicketStatus = 'new'): { clock: SlaClock; events: SlaEvent[] } {
    const clock = new SlaClock(plan, { status, clocks: plan.milestones.map((m) => newClock(m, 1)) });
    const at = Date.parse(plan.startedAt);
    const events = clock.clocks.map((c) => clock.begin(c, at, 'ticket created'));
    return { clock, events: [...events, ...clock.statusChanged(status, at)] };
  }

  static restore(plan: SlaPlan, snapshot: SlaClockSnapshot): SlaClock {
    return new SlaClock(plan, structuredCloneSafe(snapshot));
  }

  /**
   * The clocks of an SLA whose workflow ended with the ticket's close, as recorded, reopened at `atMs`
   * in `status`: see `reopen`. A plan milestone without a recorded clock starts at cycle 1.
   */
  static resume(plan: SlaPlan, recorded: readonly MilestoneClock[], status: TicketStatus, atMs: number): { clock: SlaClock; events: SlaEvent[] } {
    const clocks = plan.milestones
      .map((m) => recorded.find((c) => c.name === m.name) ?? (m.name === ONCE ? undefined : newClock(m, 0)))
      .filter((c): c is MilestoneClock => c !== undefined);
    const clock = new SlaClock(plan, structuredCloneSafe({ status: 'closed successful', clocks }));
    return { clock, events: clock.reopen(status, atMs) };
  }

  snapshot(): SlaClockSnapshot {
    return structuredCloneSafe({ status: this.status, clocks: this.clocks });
  }

  milestones(): readonly MilestoneClock[] {
    return this.clocks;
  }

  /** The ticket's status as last told. */
  get ticketStatus(): TicketStatus {
    return this.status;
  }

  /** Nothing is left to watch: the ticket ended, or every (non-recurring) milestone was met. */
  get done(): boolean {
    return isFinalStatus(this.status) || this.clocks.every((c) => c.metAt !== null && c.name !== RECURRING);
  }

  /** The next instant a warning or breach is due, if any. */
  nextWakeAt(): number | undefined {
    const instants = this.clocks
      .filter((c) => !c.finished && c.runningSince !== null)
      .flatMap((c) => [c.warnAt, c.dueAt])
      .filter((t): t is number => t !== null);
    return instants.length ? Math.min(...instants) : undefined;
  }

  /** Fires every warning and breach due at or before `atMs`. */
  advance(atMs: number): SlaEvent[] {
    const events: SlaEvent[] = [];
    for (const c of this.clocks) {
      if (c.finished || c.runningSince === null) continue;
      if (c.warnAt !== null && c.warnAt <= atMs) {
        events.push(this.event('warn', c, atMs, `warning point reached (${this.warnText()})`));
        c.warnedAt = atMs;
        c.warnAt = null;
      }
      if (c.dueAt !== null && c.dueAt <= atMs) {
        events.push(this.event('breach', c, atMs, `target of ${c.targetMs / 1000}s business time passed without ${this.goalOf(c.name)}`));
        c.breachedAt = atMs;
        c.warnAt = null;
        c.dueAt = null;
        c.finished = true;
      }
    }
    return events;
  }

  /** The ticket's status changed: pause or resume each clock by its policy; an ended ticket stops all. */
  statusChanged(status: TicketStatus, atMs: number): SlaEvent[] {
    this.status = status;
    if (isFinalStatus(status)) return this.clocks.flatMap((c) => this.stop(c, atMs, `ticket ${status}`));
    const events: SlaEvent[] = [];
    for (const c of this.clocks) {
      if (c.metAt !== null) continue;
      if (pauses(c, status) && c.pausedSince === null) {
        halt(c, this.calendar, atMs, true);
        events.push(this.event('pause', c, atMs, `status "${status}" pauses ${c.name}`));
      } else if (!pauses(c, status) && c.pausedSince !== null) {
        run(c, this.calendar, this.plan.warn, atMs);
        if (c.finished) c.dueAt = c.warnAt = null;
        events.push(this.event('resume', c, atMs, `status "${status}" resumes ${c.name}`));
      }
    }
    return events;
  }

  /** A milestone was met (`{Milestone}-complete`); the Update clock then starts its next cycle. */
  complete(name: MilestoneName, atMs: number, reason: string): SlaEvent[] {
    const c = this.clocks.find((clock) => clock.name === name);
    if (!c || isFinalStatus(this.status)) return [];
    if (name !== RECURRING) {
      if (c.metAt !== null) return [];
      return [this.meet(c, atMs, c.breachedAt !== null ? `${reason} (after the breach)` : reason)];
    }
    const events = [this.meet(c, atMs, reason)];
    const next = newClock({ name: c.name, targetMs: c.targetMs, pauseOn: c.pauseOn }, c.cycle + 1);
    Object.assign(c, next);
    events.push(this.begin(c, atMs, 'next update cycle'));
    if (pauses(c, this.status)) {
      halt(c, this.calendar, atMs, true);
      events.push(this.event('pause', c, atMs, `status "${this.status}" pauses ${c.name}`));
    }
    return events;
  }

  /**
   * The closed ticket was reopened into `status`: every milestone but FirstResponse (answered once
   * for good) starts a new cycle under the plan, recorded as `start` with reason `REOPEN_REASON`, and
   * pauses at once if `status` pauses it. Nothing happens unless the ticket was closed.
   */
  reopen(status: TicketStatus, atMs: number): SlaEvent[] {
    if (statusTypeOf(this.status) !== 'closed' || isFinalStatus(status)) return [];
    this.status = status;
    const events: SlaEvent[] = [];
    for (const c of this.clocks) {
      if (c.name === ONCE) continue;
      const planned = this.plan.milestones.find((m) => m.name === c.name) ?? c;
      Object.assign(c, newClock({ name: c.name, targetMs: planned.targetMs, pauseOn: planned.pauseOn }, c.cycle + 1));
      events.push(this.begin(c, atMs, REOPEN_REASON));
      if (pauses(c, status)) {
        halt(c, this.calendar, atMs, true);
        events.push(this.event('pause', c, atMs, `status "${status}" pauses ${c.name}`));
      }
    }
    return events;
  }

  private begin(c: MilestoneClock, atMs: number, reason: string): SlaEvent {
    run(c, this.calendar, this.plan.warn, atMs);
    return this.event('start', c, atMs, reason);
  }

  private meet(c: MilestoneClock, atMs: number, reason: string): SlaEvent {
    const event = this.event('meet', c, atMs, reason);
    halt(c, this.calendar, atMs, false);
    c.metAt = atMs;
    c.finished = true;
    return { ...event, elapsedMs: c.elapsedMs };
  }

  private stop(c: MilestoneClock, atMs: number, reason: string): SlaEvent[] {
    if (c.metAt !== null) return [];
    return [this.meet(c, atMs, c.name === 'Resolution' ? `${reason}: resolved` : `${reason}: no longer due`)];
  }

  private event(type: SlaEvent['type'], c: MilestoneClock, atMs: number, reason: string): SlaEvent {
    return { type, milestone: c.name, cycle: c.cycle, at: atMs, dueAt: c.dueAt, reason };
  }

  private warnText(): string {
    const { percent, leadMs } = this.plan.warn;
    return [percent !== null ? `${percent}% of the target` : null, leadMs !== null ? `${leadMs / 1000}s before due` : null]
      .filter(Boolean)
      .join(' or ');
  }

  private goalOf(name: MilestoneName): string {
    return name === 'FirstResponse' ? 'a first response' : name === 'Resolution' ? 'a resolution' : 'an agent update';
  }
}

/** A deep copy of plain data (structuredClone is not in every sandbox). */
function structuredCloneSafe<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
