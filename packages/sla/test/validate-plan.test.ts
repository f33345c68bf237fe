import { MAX_DURATION_MS } from '@gotrs/contracts';
import { CALENDAR_24X7, InvalidPlanError, buildPlan, planFromTargets, validatePlan, type SlaPlan, type SlaPolicy } from '../src';
import { HOUR, everyDay, weekdays } from './support';

const DAY = 24 * HOUR;

/** Every day of the year as a yearly holiday. */
function everyDate(): string[] {
  const dates: string[] = [];
  for (let day = new Date('2000-01-01T00:00Z'); day.getUTCFullYear() === 2000; day.setUTCDate(day.getUTCDate() + 1)) {
    dates.push(`--${day.toISOString().slice(5, 10)}`);
  }
  return dates;
}

function plan(overrides: Partial<SlaPlan> = {}): SlaPlan {
  return {
    policy: { name: 'standard', version: 1, reason: 'test' },
    calendar: CALENDAR_24X7,
    milestones: [{ name: 'Resolution', targetMs: 4 * HOUR, pauseOn: ['pending'] }],
    warn: { percent: 80, leadMs: null },
    managers: ['manager-1'],
    escalation: [],
    startedAt: '2026-11-23T09:00:00.000Z',
    ...overrides,
  };
}

const policy: SlaPolicy = {
  name: 'standard', version: 3, calendar: CALENDAR_24X7, targets: { Resolution: DAY }, pauseOn: {},
  warn: { percent: 80, leadMs: null }, managers: [], escalation: [],
};

describe('validatePlan', () => {
  it('takes a plan the SLA clock can run, up to the longest duration on a business calendar', () => {
    expect(validatePlan(plan())).toEqual([]);
    expect(validatePlan(plan({ milestones: [{ name: 'Resolution', targetMs: MAX_DURATION_MS, pauseOn: [] }] }))).toEqual([]);
    expect(validatePlan(plan({ calendar: weekdays('Europe/Berlin', ['09:00-17:00']), milestones: [{ name: 'Resolution', targetMs: MAX_DURATION_MS, pauseOn: [] }] }))).toEqual([]);
  });

  it.each([
    ['a target above P366D', plan({ milestones: [{ name: 'Resolution', targetMs: MAX_DURATION_MS + 1, pauseOn: [] }] }), /milestones\[0\]\.targetMs: must be at most/],
    ['a zero target', plan({ milestones: [{ name: 'Resolution', targetMs: 0, pauseOn: [] }] }), /milestones\[0\]\.targetMs: must be an integer of at least 1 ms/],
    ['a fractional target', plan({ milestones: [{ name: 'Resolution', targetMs: 1.5, pauseOn: [] }] }), /targetMs/],
    ['an unknown milestone', plan({ milestones: [{ name: 'Lunch' as never, targetMs: HOUR, pauseOn: [] }] }), /milestones\[0\]\.name/],
    ['a milestone twice', plan({ milestones: [{ name: 'Resolution', targetMs: HOUR, pauseOn: [] }, { name: 'Resolution', targetMs: HOUR, pauseOn: [] }] }), /appears twice/],
    ['a warning lead above P366D', plan({ warn: { percent: null, leadMs: MAX_DURATION_MS + 1 } }), /warn\.leadMs/],
    ['a warning at 100%', plan({ warn: { percent: 100, leadMs: null } }), /warn\.percent/],
    ['an unknown time zone', plan({ calendar: { name: 'x', timezone: 'Mars/Olympus', week: { mon: ['09:00-17:00'] } } }), /calendar\.timezone/],
    ['a start that is no instant', plan({ startedAt: 'soon' }), /startedAt/],
    ['a start beyond the year 9000', plan({ startedAt: '9999-12-31T00:00:00Z' }), /startedAt/],
    ['a calendar that never opens', plan({ calendar: everyDay('UTC', ['09:00-17:00'], { holidays: everyDate() }) }), /cannot hold the targets.*never opens again/],
    ['a calendar too sparse for its target', plan({ calendar: everyDay('UTC', ['09:00-09:01']), milestones: [{ name: 'Resolution', targetMs: 300 * DAY, pauseOn: [] }] }), /cannot hold the targets.*do not fit/],
  ])('refuses %s', (_, candidate, problem) => {
    expect(validatePlan(candidate).join('\n')).toMatch(problem);
  });

  it('refuses what is not a plan at all, with every problem', () => {
    expect(validatePlan(null)).toEqual(['plan: must be an object']);
    expect(validatePlan({}).length).toBeGreaterThanOrEqual(6);
  });
});

describe('plans are validated where they are built', () => {
  it('planFromTargets refuses targets a Go caller may send beyond the bound', () => {
    expect(() => planFromTargets(policy, { Resolution: 99_999_999 * DAY }, '2026-11-23T09:00:00.000Z')).toThrow(InvalidPlanError);
    expect(planFromTargets(policy, { Resolution: HOUR }, '2026-11-23T09:00:00.000Z').milestones).toEqual([{ name: 'Resolution', targetMs: HOUR, pauseOn: [] }]);
  });

  it('buildPlan refuses a policy whose calendar cannot hold its targets', () => {
    const sparse = { ...policy, calendar: everyDay('UTC', ['09:00-09:01']), targets: { Resolution: 300 * DAY } };
    const settings = { policies: { sparse }, rules: [], defaultPolicy: 'sparse' };
    expect(() => buildPlan(settings, { priority: 3, queue: 'Raw', createdAt: '2026-11-23T09:00:00.000Z' })).toThrow(InvalidPlanError);
  });
});
