import { CALENDAR_24X7, SlaClock, followsPolicy, replannedPlan, type SlaPlan, type SlaPolicy } from '../src';
import { HOUR, MINUTE, at, weekdays } from './support';

const START = '2026-11-23T09:00:00.000Z'; // a Monday
const t0 = at(START);

function plan(overrides: Partial<SlaPlan> = {}): SlaPlan {
  return {
    policy: { name: 'standard', version: 1, reason: 'rule 1 matched' },
    calendar: CALENDAR_24X7,
    milestones: [
      { name: 'FirstResponse', targetMs: 4 * HOUR, pauseOn: [] },
      { name: 'Resolution', targetMs: 8 * HOUR, pauseOn: ['pending'] },
    ],
    warn: { percent: 80, leadMs: null },
    managers: ['manager-1'],
    escalation: [],
    startedAt: START,
    ...overrides,
  };
}

function policy(overrides: Partial<SlaPolicy> = {}): SlaPolicy {
  return {
    name: 'standard', version: 2, calendar: CALENDAR_24X7,
    targets: { FirstResponse: 4 * HOUR, Resolution: 8 * HOUR },
    pauseOn: { Resolution: ['pending'] },
    warn: { percent: 80, leadMs: null },
    managers: ['manager-2'],
    escalation: [],
    ...overrides,
  };
}

const summary = (events: { type: string; milestone: string; cycle: number }[]) => events.map((e) => `${e.type}:${e.milestone}:${e.cycle}`);
const clockOf = (clock: SlaClock, name: string) => clock.milestones().find((c) => c.name === name)!;

describe('SlaClock.replan', () => {
  it('keeps the elapsed business time: a longer target moves the due instant by the difference', () => {
    const { clock } = SlaClock.start(plan());
    const next = replannedPlan(clock.plan, policy({ targets: { FirstResponse: 6 * HOUR, Resolution: 8 * HOUR } }));
    const events = clock.replan(next, t0 + HOUR, 'v2');
    expect(summary(events)).toEqual(['replan:FirstResponse:1', 'replan:Resolution:1']);
    expect(events[0]).toMatchObject({ dueAt: t0 + 6 * HOUR, reason: 'v2' });
    expect(clockOf(clock, 'FirstResponse')).toMatchObject({ targetMs: 6 * HOUR, elapsedMs: HOUR, dueAt: t0 + 6 * HOUR, warnAt: t0 + 4.8 * HOUR });
    expect(clock.plan.policy).toEqual({ name: 'standard', version: 2, reason: 'rule 1 matched' });
    expect(clock.plan.managers).toEqual(['manager-2']);
    expect(clock.advance(t0 + HOUR)).toEqual([]);
  });

  it('breaches at once (no warning first), due when the new target was passed, when the elapsed time is past it', () => {
    const { clock } = SlaClock.start(plan());
    clock.replan(replannedPlan(clock.plan, policy({ targets: { FirstResponse: HOUR, Resolution: 8 * HOUR } })), t0 + 2 * HOUR, 'v2');
    expect(clock.advance(t0 + 2 * HOUR)).toEqual([
      expect.objectContaining({ type: 'breach', milestone: 'FirstResponse', dueAt: t0 + HOUR, at: t0 + 2 * HOUR }),
    ]);
  });

  it('warns at once when the new warning point has passed but the target has not', () => {
    const { clock } = SlaClock.start(plan());
    clock.replan(replannedPlan(clock.plan, policy({ targets: { FirstResponse: 2 * HOUR, Resolution: 8 * HOUR } })), t0 + 100 * MINUTE, 'v2');
    expect(summary(clock.advance(t0 + 100 * MINUTE))).toEqual(['warn:FirstResponse:1']);
    expect(clockOf(clock, 'FirstResponse').dueAt).toBe(t0 + 2 * HOUR);
  });

  it('keeps a paused clock paused with its paused time, and projects nothing until it resumes', () => {
    const { clock } = SlaClock.start(plan());
    clock.statusChanged('pending reminder', t0 + HOUR);
    clock.replan(replannedPlan(clock.plan, policy({ targets: { FirstResponse: 4 * HOUR, Resolution: 2 * HOUR } })), t0 + 3 * HOUR, 'v2');
    expect(clockOf(clock, 'Resolution')).toMatchObject({ targetMs: 2 * HOUR, elapsedMs: HOUR, pausedSince: t0 + HOUR, dueAt: null });
    clock.statusChanged('open', t0 + 5 * HOUR);
    expect(clockOf(clock, 'Resolution')).toMatchObject({ pausedMs: 4 * HOUR, dueAt: t0 + 6 * HOUR });
  });

  it('pauses or resumes a clock by the new version\'s pause statuses', () => {
    const { clock } = SlaClock.start(plan());
    clock.statusChanged('pending reminder', t0 + HOUR);
    const events = clock.replan(replannedPlan(clock.plan, policy({ pauseOn: {} })), t0 + 2 * HOUR, 'v2');
    expect(summary(events)).toEqual(['replan:FirstResponse:1', 'replan:Resolution:1', 'resume:Resolution:1']);
    expect(clockOf(clock, 'Resolution')).toMatchObject({ pausedMs: HOUR, elapsedMs: HOUR, dueAt: t0 + 9 * HOUR });
  });

  it('counts the time before the change in the old calendar and after it in the new one', () => {
    const office = weekdays('UTC', ['09:00-17:00']);
    const { clock } = SlaClock.start(plan());
    clock.replan(replannedPlan(clock.plan, policy({ calendar: office, targets: { FirstResponse: 4 * HOUR, Resolution: 10 * HOUR } })), t0 + 2 * HOUR, 'v2');
    // 2 h counted 24x7; the remaining 8 h in office hours from 11:00 Monday: 6 h on Monday, 2 h on Tuesday.
    expect(clockOf(clock, 'Resolution')).toMatchObject({ elapsedMs: 2 * HOUR, dueAt: at('2026-11-24T11:00:00.000Z') });
  });

  it('leaves met clocks alone, starts a milestone new to the version and drops an open one it no longer has', () => {
    const { clock } = SlaClock.start(plan());
    clock.complete('FirstResponse', t0 + HOUR, 'answered');
    const next = replannedPlan(clock.plan, policy({ targets: { FirstResponse: HOUR, Update: 2 * HOUR } }));
    const events = clock.replan(next, t0 + 2 * HOUR, 'v2');
    expect(summary(events)).toEqual(['start:Update:1', 'replan:Resolution:1']);
    expect(clock.milestones().map((c) => `${c.name}:${c.metAt === null ? 'open' : 'met'}`)).toEqual(['FirstResponse:met', 'Update:open']);
    expect(clockOf(clock, 'Update').dueAt).toBe(t0 + 4 * HOUR);
  });

  it('does nothing when the clocks already run under that version', () => {
    const { clock } = SlaClock.start(plan());
    const next = replannedPlan(clock.plan, policy());
    expect(clock.replan(next, t0 + HOUR, 'v2')).toHaveLength(2);
    expect(clock.replan(next, t0 + 2 * HOUR, 'v2 again')).toEqual([]);
  });
});

describe('followsPolicy', () => {
  it('is false for plans whose targets a create request or a Go caller gave', () => {
    expect(followsPolicy(plan())).toBe(true);
    expect(followsPolicy(plan({ policy: { name: 'standard', version: 1, reason: 'targets overridden by the request (24x7); rule 1' } }))).toBe(false);
    expect(followsPolicy(plan({ policy: { name: 'standard', version: 1, reason: 'targets given by the caller (24x7)' } }))).toBe(false);
  });
});
