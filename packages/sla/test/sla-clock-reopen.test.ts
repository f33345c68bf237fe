import { CALENDAR_24X7, REOPEN_REASON, SlaClock, milestoneView, reopenSummary, type SlaEvent, type SlaPlan } from '../src';
import { HOUR, MINUTE, at, weekdays } from './support';

const START = '2026-11-23T09:00:00.000Z'; // a Monday
const t0 = at(START);

function plan(overrides: Partial<SlaPlan> = {}): SlaPlan {
  return {
    policy: { name: 'standard', version: 1, reason: 'test' },
    calendar: CALENDAR_24X7,
    milestones: [
      { name: 'FirstResponse', targetMs: 1 * HOUR, pauseOn: [] },
      { name: 'Resolution', targetMs: 4 * HOUR, pauseOn: ['pending'] },
      { name: 'Update', targetMs: 2 * HOUR, pauseOn: ['pending'] },
    ],
    warn: { percent: 80, leadMs: null },
    managers: ['manager-1'],
    escalation: [],
    startedAt: START,
    ...overrides,
  };
}

const summary = (events: SlaEvent[]) => events.map((e) => `${e.type}:${e.milestone}:${e.cycle}`);

/** A ticket answered after 10 minutes, an agent update, then closed after 2 hours: its clocks as recorded. */
function closedTicket(p = plan()) {
  const { clock } = SlaClock.start(p);
  clock.complete('FirstResponse', t0 + 10 * MINUTE, 'agent-7 responded');
  clock.complete('Update', t0 + 10 * MINUTE, 'agent-7 responded');
  clock.statusChanged('closed successful', t0 + 2 * HOUR);
  return clock;
}

describe('SlaClock.reopen', () => {
  it('starts a new Resolution and Update cycle under the plan, and leaves the answered FirstResponse alone', () => {
    const clock = closedTicket();
    const reopenedAt = t0 + 5 * HOUR;
    const events = clock.reopen('open', reopenedAt);
    expect(summary(events)).toEqual(['start:Resolution:2', 'start:Update:3']);
    expect(events.every((e) => e.reason === REOPEN_REASON)).toBe(true);
    expect(clock.done).toBe(false);
    expect(clock.ticketStatus).toBe('open');
    const [first, resolution, update] = clock.milestones();
    expect(first).toMatchObject({ cycle: 1, metAt: t0 + 10 * MINUTE, finished: true });
    expect(resolution).toMatchObject({ cycle: 2, elapsedMs: 0, pausedMs: 0, metAt: null, breachedAt: null, warnedAt: null, dueAt: reopenedAt + 4 * HOUR });
    expect(update).toMatchObject({ cycle: 3, dueAt: reopenedAt + 2 * HOUR });
    expect(clock.nextWakeAt()).toBe(reopenedAt + 96 * MINUTE); // 80% of the 2 h Update target
  });

  it('warns and breaches the new cycle on its own due time', () => {
    const clock = closedTicket(plan({ milestones: [{ name: 'Resolution', targetMs: 4 * HOUR, pauseOn: ['pending'] }] }));
    const reopenedAt = t0 + 5 * HOUR;
    clock.reopen('open', reopenedAt);
    expect(summary(clock.advance(reopenedAt + 4 * HOUR - 1))).toEqual(['warn:Resolution:2']);
    expect(clock.advance(reopenedAt + 4 * HOUR)).toEqual([
      expect.objectContaining({ type: 'breach', milestone: 'Resolution', cycle: 2, dueAt: reopenedAt + 4 * HOUR }),
    ]);
  });

  it('counts business time from the reopen in the plan\'s calendar', () => {
    const office = plan({ calendar: weekdays('Europe/Berlin', ['09:00-17:00']), milestones: [{ name: 'Resolution', targetMs: 4 * HOUR, pauseOn: [] }] });
    const clock = closedTicket(office);
    const friday = at('2026-11-27T16:00:00+01:00');
    clock.reopen('open', friday);
    expect(clock.milestones()[0]!.dueAt).toBe(at('2026-11-30T12:00:00+01:00'));
  });

  it('does nothing for a ticket that is not closed, or a reopen into a final status', () => {
    const { clock } = SlaClock.start(plan());
    expect(clock.reopen('open', t0 + HOUR)).toEqual([]);
    const closed = closedTicket();
    expect(closed.reopen('merged', t0 + 3 * HOUR)).toEqual([]);
    expect(closed.done).toBe(true);
  });

  it('pauses the new cycles at once when the reopened status pauses them', () => {
    const clock = closedTicket();
    const events = clock.reopen('pending reminder', t0 + 3 * HOUR);
    expect(summary(events)).toEqual(['start:Resolution:2', 'pause:Resolution:2', 'start:Update:3', 'pause:Update:3']);
    expect(clock.nextWakeAt()).toBeUndefined();
  });

  it('restarts again on a second reopen, as cycle 3', () => {
    const clock = closedTicket();
    clock.reopen('open', t0 + 3 * HOUR);
    clock.statusChanged('closed successful', t0 + 4 * HOUR);
    expect(summary(clock.reopen('open', t0 + 6 * HOUR))).toEqual(['start:Resolution:3', 'start:Update:4']);
  });
});

describe('SlaClock.resume', () => {
  it('reopens the clocks as recorded when the SLA workflow has ended', () => {
    const closed = closedTicket();
    const { clock, events } = SlaClock.resume(plan(), closed.snapshot().clocks, 'open', t0 + 5 * HOUR);
    expect(summary(events)).toEqual(['start:Resolution:2', 'start:Update:3']);
    const live = closedTicket();
    live.reopen('open', t0 + 5 * HOUR);
    expect(clock.snapshot()).toEqual(live.snapshot());
  });

  it('starts a planned milestone that has no recorded clock at cycle 1, and never invents a FirstResponse', () => {
    const { clock, events } = SlaClock.resume(plan(), [], 'open', t0 + 5 * HOUR);
    expect(summary(events)).toEqual(['start:Resolution:1', 'start:Update:1']);
    expect(clock.milestones().map((c) => c.name)).toEqual(['Resolution', 'Update']);
  });
});

describe('milestoneView of a breached milestone', () => {
  it('keeps the instant it was due, from the breach event, so a client can say how long ago', () => {
    const { clock } = SlaClock.start(plan());
    const breach = clock.advance(t0 + HOUR + 250).filter((e) => e.type === 'breach');
    const late = t0 + HOUR + 4 * MINUTE;
    expect(milestoneView(clock.milestones()[0]!, clock.calendar, late, breach)).toMatchObject({
      state: 'breached', dueAt: new Date(t0 + HOUR).toISOString(), breachedAt: new Date(t0 + HOUR + 250).toISOString(), remainingSeconds: -240,
    });
    // Closed after the breach: still breached, still due at the same instant.
    const closedEvents = clock.statusChanged('closed successful', t0 + 2 * HOUR);
    expect(milestoneView(clock.milestones()[0]!, clock.calendar, t0 + 3 * HOUR, [...breach, ...closedEvents])).toMatchObject({
      state: 'breached', dueAt: new Date(t0 + HOUR).toISOString(),
    });
  });

  it('takes the due instant of the current cycle only', () => {
    const { clock } = SlaClock.start(plan());
    const first = clock.advance(t0 + 2 * HOUR);
    clock.complete('Update', t0 + 2 * HOUR + MINUTE, 'reply');
    const second = clock.advance(t0 + 5 * HOUR);
    const update = clock.milestones()[2]!;
    expect(update).toMatchObject({ cycle: 2, breachedAt: t0 + 5 * HOUR });
    expect(milestoneView(update, clock.calendar, t0 + 5 * HOUR, [...first, ...second]).dueAt).toBe(new Date(t0 + 4 * HOUR + MINUTE).toISOString());
  });

  it('is null while paused and once met in time', () => {
    const { clock } = SlaClock.start(plan());
    clock.complete('FirstResponse', t0 + MINUTE, 'answered');
    clock.statusChanged('pending reminder', t0 + 2 * MINUTE);
    const [first, resolution] = clock.milestones();
    expect(milestoneView(first!, clock.calendar, t0 + HOUR).dueAt).toBeNull();
    expect(milestoneView(resolution!, clock.calendar, t0 + HOUR).dueAt).toBeNull();
  });
});

describe('reopenSummary', () => {
  it('counts the reopens that restarted the clocks and names the latest', () => {
    const clock = closedTicket();
    const events = [...clock.reopen('open', t0 + 3 * HOUR), ...clock.statusChanged('closed successful', t0 + 4 * HOUR), ...clock.reopen('open', t0 + 6 * HOUR)];
    expect(reopenSummary(events)).toEqual({ reopens: 2, reopenedAt: t0 + 6 * HOUR });
    expect(reopenSummary(SlaClock.start(plan()).events)).toEqual({ reopens: 0, reopenedAt: null });
  });
});
