import { CALENDAR_24X7, SlaClock, type SlaEvent, type SlaPlan } from '../src';
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
    managers: [],
    escalation: [],
    startedAt: START,
    ...overrides,
  };
}

const meets = (events: SlaEvent[]) => events.filter((e) => e.type === 'meet').map((e) => [e.milestone, e.cycle, e.elapsedMs]);

describe('SlaClock meet events', () => {
  it('carry the business time from the cycle\'s start to the meet', () => {
    const { clock } = SlaClock.start(plan());
    expect(meets(clock.complete('FirstResponse', t0 + 20 * MINUTE, 'agent-7 responded'))).toEqual([['FirstResponse', 1, 20 * MINUTE]]);
  });

  it('leave paused time out', () => {
    const { clock } = SlaClock.start(plan());
    clock.statusChanged('pending reminder', t0 + 30 * MINUTE);
    clock.statusChanged('open', t0 + 2 * HOUR);
    expect(meets(clock.statusChanged('closed successful', t0 + 3 * HOUR))).toEqual([
      ['FirstResponse', 1, 3 * HOUR],
      ['Resolution', 1, 30 * MINUTE + HOUR],
      ['Update', 1, 30 * MINUTE + HOUR],
    ]);
  });

  it('count each Update cycle on its own', () => {
    const { clock } = SlaClock.start(plan());
    expect(meets(clock.complete('Update', t0 + HOUR, 'reply'))).toEqual([['Update', 1, HOUR]]);
    expect(meets(clock.complete('Update', t0 + HOUR + 45 * MINUTE, 'reply'))).toEqual([['Update', 2, 45 * MINUTE]]);
  });

  it('go past the target for a milestone met after its breach', () => {
    const { clock } = SlaClock.start(plan());
    clock.advance(t0 + HOUR);
    expect(meets(clock.complete('FirstResponse', t0 + 90 * MINUTE, 'late'))).toEqual([['FirstResponse', 1, 90 * MINUTE]]);
  });

  it('count business hours only', () => {
    // Opened Friday 16:00 in a 09:00-17:00 weekday calendar, answered Monday 10:00: two business hours.
    const friday = at('2026-11-27T16:00:00.000Z');
    const { clock } = SlaClock.start(plan({ calendar: weekdays('UTC', ['09:00-17:00']), startedAt: new Date(friday).toISOString() }));
    expect(meets(clock.complete('FirstResponse', at('2026-11-30T10:00:00.000Z'), 'monday'))).toEqual([['FirstResponse', 1, 2 * HOUR]]);
  });

  it('are the only events that carry it', () => {
    const { clock, events } = SlaClock.start(plan());
    const later = [...clock.advance(t0 + HOUR), ...clock.statusChanged('pending reminder', t0 + 61 * MINUTE)];
    expect([...events, ...later].filter((e) => 'elapsedMs' in e)).toEqual([]);
  });
});
