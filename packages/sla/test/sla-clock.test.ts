import { CALENDAR_24X7, SlaClock, milestoneView, type SlaPlan } from '../src';
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

const summary = (events: { type: string; milestone: string; cycle: number }[]) => events.map((e) => `${e.type}:${e.milestone}:${e.cycle}`);

describe('SlaClock', () => {
  it('starts every milestone on its own clock at the ticket\'s creation', () => {
    const { clock, events } = SlaClock.start(plan());
    expect(summary(events)).toEqual(['start:FirstResponse:1', 'start:Resolution:1', 'start:Update:1']);
    expect(clock.milestones().map((c) => c.dueAt)).toEqual([t0 + HOUR, t0 + 4 * HOUR, t0 + 2 * HOUR]);
    expect(clock.nextWakeAt()).toBe(t0 + 48 * MINUTE); // 80% of the first response target
  });

  it('warns at 80% and breaches at the due time, each once', () => {
    const { clock } = SlaClock.start(plan());
    expect(clock.advance(t0 + 47 * MINUTE)).toEqual([]);
    expect(summary(clock.advance(t0 + 48 * MINUTE))).toEqual(['warn:FirstResponse:1']);
    expect(clock.advance(t0 + 50 * MINUTE)).toEqual([]);
    const breach = clock.advance(t0 + HOUR + 250);
    expect(breach).toEqual([expect.objectContaining({ type: 'breach', milestone: 'FirstResponse', dueAt: t0 + HOUR, at: t0 + HOUR + 250 })]);
    expect(clock.advance(t0 + 2 * HOUR).map((e) => e.milestone)).not.toContain('FirstResponse');
    expect(milestoneView(clock.milestones()[0]!, clock.calendar, t0 + 2 * HOUR)).toMatchObject({
      state: 'breached', remainingSeconds: -3600, elapsedSeconds: 7200, breachedAt: new Date(t0 + HOUR + 250).toISOString(),
    });
  });

  it('warns at a lead time before the due time when that comes first', () => {
    const { clock } = SlaClock.start(plan({ warn: { percent: 90, leadMs: 30 * MINUTE } }));
    expect(clock.milestones().map((c) => c.warnAt)).toEqual([t0 + 30 * MINUTE, t0 + 210 * MINUTE, t0 + 90 * MINUTE]);
  });

  it('meets a milestone that completes in time and never breaches it', () => {
    const { clock } = SlaClock.start(plan());
    expect(summary(clock.complete('FirstResponse', t0 + 20 * MINUTE, 'agent-7 responded'))).toEqual(['meet:FirstResponse:1']);
    expect(clock.advance(t0 + 3 * HOUR).filter((e) => e.milestone === 'FirstResponse')).toEqual([]);
    expect(milestoneView(clock.milestones()[0]!, clock.calendar, t0 + 3 * HOUR)).toMatchObject({
      state: 'met', elapsedSeconds: 1200, remainingSeconds: 2400, metAt: new Date(t0 + 20 * MINUTE).toISOString(), dueAt: null,
    });
  });

  it('pauses Resolution and Update while pending, never counting the pause, and resumes on open', () => {
    const { clock } = SlaClock.start(plan());
    const paused = clock.statusChanged('pending reminder', t0 + HOUR);
    expect(summary(paused)).toEqual(['pause:Resolution:1', 'pause:Update:1']);
    expect(clock.milestones()[1]).toMatchObject({ elapsedMs: HOUR, dueAt: null, pausedSince: t0 + HOUR });
    const resumed = clock.statusChanged('open', t0 + 3 * HOUR);
    expect(summary(resumed)).toEqual(['resume:Resolution:1', 'resume:Update:1']);
    expect(clock.milestones()[1]!.dueAt).toBe(t0 + 6 * HOUR); // 4 h target + 2 h paused
    expect(milestoneView(clock.milestones()[1]!, clock.calendar, t0 + 4 * HOUR)).toMatchObject({
      state: 'running', elapsedSeconds: 2 * 3600, pausedSeconds: 2 * 3600, remainingSeconds: 2 * 3600,
    });
  });

  it('restarts the Update clock on each agent update, as a new cycle', () => {
    const { clock } = SlaClock.start(plan());
    const events = clock.complete('Update', t0 + HOUR, 'agent-7 replied');
    expect(summary(events)).toEqual(['meet:Update:1', 'start:Update:2']);
    expect(clock.milestones()[2]).toMatchObject({ cycle: 2, dueAt: t0 + 3 * HOUR, metAt: null, elapsedMs: 0 });
    expect(summary(clock.advance(t0 + 3 * HOUR))).toContain('breach:Update:2');
    expect(summary(clock.complete('Update', t0 + 4 * HOUR, 'late reply'))).toEqual(['meet:Update:2', 'start:Update:3']);
  });

  it('meets Resolution and stops the other clocks when the ticket is closed', () => {
    const { clock } = SlaClock.start(plan());
    const events = clock.statusChanged('closed successful', t0 + 30 * MINUTE);
    expect(events.map((e) => `${e.type}:${e.milestone}:${e.reason}`)).toEqual([
      'meet:FirstResponse:ticket closed successful: no longer due',
      'meet:Resolution:ticket closed successful: resolved',
      'meet:Update:ticket closed successful: no longer due',
    ]);
    expect(clock.done).toBe(true);
    expect(clock.nextWakeAt()).toBeUndefined();
  });

  it('counts business hours only: a 4 h target from Friday 16:00 in a 9-17 Berlin week is due Monday 12:00', () => {
    const friday = '2026-11-27T16:00:00+01:00';
    const { clock } = SlaClock.start(plan({
      calendar: weekdays('Europe/Berlin', ['09:00-17:00']),
      milestones: [{ name: 'Resolution', targetMs: 4 * HOUR, pauseOn: ['pending'] }],
      startedAt: new Date(at(friday)).toISOString(),
    }));
    expect(new Date(clock.milestones()[0]!.dueAt!).toISOString()).toBe(new Date(at('2026-11-30T12:00:00+01:00')).toISOString());
    expect(milestoneView(clock.milestones()[0]!, clock.calendar, at('2026-11-30T09:30:00+01:00'))).toMatchObject({
      elapsedSeconds: 5400, remainingSeconds: 9000,
    });
  });

  it('survives a snapshot and restore unchanged', () => {
    const { clock } = SlaClock.start(plan());
    clock.statusChanged('pending reminder', t0 + HOUR);
    const restored = SlaClock.restore(plan(), clock.snapshot());
    expect(restored.snapshot()).toEqual(clock.snapshot());
    expect(summary(restored.statusChanged('open', t0 + 2 * HOUR))).toEqual(['resume:Resolution:1', 'resume:Update:1']);
  });

  it('is done when every milestone is met and none recurs', () => {
    const { clock } = SlaClock.start(plan({ milestones: [{ name: 'FirstResponse', targetMs: HOUR, pauseOn: [] }] }));
    expect(clock.done).toBe(false);
    clock.complete('FirstResponse', t0 + MINUTE, 'answered');
    expect(clock.done).toBe(true);
  });
});
