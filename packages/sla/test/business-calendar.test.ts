import { BusinessCalendar, CALENDAR_24X7, InvalidCalendarError } from '../src';
import { HOUR, MINUTE, at, iso, utc, weekdays } from './support';

// 2026-01-12 is a Monday; Berlin is on CET (+01:00) all January.
const office = new BusinessCalendar(weekdays('Europe/Berlin', ['09:00-17:00']));

describe('a Monday-to-Friday 09:00-17:00 calendar', () => {
  it('is open inside a window and closed outside it, the end being exclusive', () => {
    expect(office.isOpen(at('2026-01-12T09:00+01:00'))).toBe(true);
    expect(office.isOpen(at('2026-01-12T08:59:59.999+01:00'))).toBe(false);
    expect(office.isOpen(at('2026-01-12T16:59:59.999+01:00'))).toBe(true);
    expect(office.isOpen(at('2026-01-12T17:00+01:00'))).toBe(false);
    expect(office.isOpen(at('2026-01-17T12:00+01:00'))).toBe(false);
  });

  it('adds time within one working day', () => {
    expect(iso(office.addBusinessTime(at('2026-01-12T10:00+01:00'), 4 * HOUR))).toBe(utc('2026-01-12T14:00+01:00'));
  });

  it('carries what is left at closing over to the next morning', () => {
    expect(iso(office.addBusinessTime(at('2026-01-12T15:00+01:00'), 4 * HOUR))).toBe(utc('2026-01-13T11:00+01:00'));
  });

  it('starts the clock at the next opening when started in closed hours', () => {
    expect(iso(office.addBusinessTime(at('2026-01-12T07:00+01:00'), HOUR))).toBe(utc('2026-01-12T10:00+01:00'));
    expect(iso(office.addBusinessTime(at('2026-01-17T12:00+01:00'), HOUR))).toBe(utc('2026-01-19T10:00+01:00'));
  });

  it('skips the weekend', () => {
    expect(iso(office.addBusinessTime(at('2026-01-16T16:00+01:00'), 2 * HOUR))).toBe(utc('2026-01-19T10:00+01:00'));
  });

  it('ends at closing time rather than the next opening when the time runs out exactly', () => {
    // P1D is 24 business hours: three 8-hour days.
    expect(iso(office.addBusinessTime(at('2026-01-12T09:00+01:00'), 24 * HOUR))).toBe(utc('2026-01-14T17:00+01:00'));
  });

  it('adds 30 working days as six whole weeks', () => {
    expect(iso(office.addBusinessTime(at('2026-01-12T09:00+01:00'), 240 * HOUR))).toBe(utc('2026-02-20T17:00+01:00'));
  });

  it('returns the start itself for a zero duration and refuses a negative one', () => {
    expect(office.addBusinessTime(at('2026-01-17T12:00+01:00'), 0)).toBe(at('2026-01-17T12:00+01:00'));
    expect(() => office.addBusinessTime(at('2026-01-12T10:00+01:00'), -1)).toThrow(RangeError);
    expect(() => office.isOpen(Number.NaN)).toThrow(RangeError);
  });

  it('counts only open time across a night and a weekend (a paused clock)', () => {
    expect(office.businessTimeBetween(at('2026-01-12T16:30+01:00'), at('2026-01-13T09:30+01:00'))).toBe(HOUR);
    expect(office.businessTimeBetween(at('2026-01-16T12:00+01:00'), at('2026-01-19T12:00+01:00'))).toBe(8 * HOUR);
    expect(office.businessTimeBetween(at('2026-01-16T16:00+01:00'), at('2026-01-19T10:00+01:00'))).toBe(2 * HOUR);
    expect(office.businessTimeBetween(at('2026-01-17T00:00+01:00'), at('2026-01-19T00:00+01:00'))).toBe(0);
    expect(office.businessTimeBetween(at('2026-01-12T09:00+01:00'), at('2026-01-26T09:00+01:00'))).toBe(80 * HOUR);
  });

  it('counts nothing when the end is not after the start', () => {
    expect(office.businessTimeBetween(at('2026-01-12T12:00+01:00'), at('2026-01-12T12:00+01:00'))).toBe(0);
    expect(office.businessTimeBetween(at('2026-01-12T12:00+01:00'), at('2026-01-12T10:00+01:00'))).toBe(0);
  });

  it('names the next opening or closing, strictly after the given instant', () => {
    expect(iso(office.nextChange(at('2026-01-12T10:00+01:00')))).toBe(utc('2026-01-12T17:00+01:00'));
    expect(iso(office.nextChange(at('2026-01-12T09:00+01:00')))).toBe(utc('2026-01-12T17:00+01:00'));
    expect(iso(office.nextChange(at('2026-01-12T17:00+01:00')))).toBe(utc('2026-01-13T09:00+01:00'));
    expect(iso(office.nextChange(at('2026-01-16T17:30+01:00')))).toBe(utc('2026-01-19T09:00+01:00'));
  });

  it('stays exact over twenty years, far beyond its day cache', () => {
    const withChristmas = new BusinessCalendar(weekdays('Europe/Berlin', ['09:00-17:00'], { holidays: ['--12-25'] }));
    let workingDays = 0;
    for (let day = new Date('2026-01-01T00:00Z'); day.getUTCFullYear() < 2046; day.setUTCDate(day.getUTCDate() + 1)) {
      const weekday = day.getUTCDay();
      const christmas = day.getUTCMonth() === 11 && day.getUTCDate() === 25;
      if (weekday !== 0 && weekday !== 6 && !christmas) workingDays += 1;
    }
    expect(withChristmas.businessTimeBetween(at('2026-01-01T00:00+01:00'), at('2046-01-01T00:00+01:00'))).toBe(workingDays * 8 * HOUR);
  });

  it('adds 30 business days in microseconds, amortized', () => {
    const started = performance.now();
    for (let i = 0; i < 10_000; i += 1) office.addBusinessTime(at('2026-01-01T00:00Z') + i * 3_637_000, 240 * HOUR);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('a calendar with a lunch break', () => {
  const lunch = new BusinessCalendar(weekdays('Europe/Berlin', ['08:00-12:00', '13:00-17:00']));

  it('stops the clock over lunch', () => {
    expect(iso(lunch.addBusinessTime(at('2026-01-12T11:00+01:00'), 2 * HOUR))).toBe(utc('2026-01-12T14:00+01:00'));
    expect(iso(lunch.addBusinessTime(at('2026-01-12T11:00+01:00'), HOUR))).toBe(utc('2026-01-12T12:00+01:00'));
    expect(lunch.businessTimeBetween(at('2026-01-12T11:30+01:00'), at('2026-01-12T13:30+01:00'))).toBe(HOUR);
  });

  it('is closed over lunch and says when it reopens', () => {
    expect(lunch.isOpen(at('2026-01-12T12:30+01:00'))).toBe(false);
    expect(iso(lunch.nextChange(at('2026-01-12T11:00+01:00')))).toBe(utc('2026-01-12T12:00+01:00'));
    expect(iso(lunch.nextChange(at('2026-01-12T12:30+01:00')))).toBe(utc('2026-01-12T13:00+01:00'));
  });

  it('treats windows that touch as one stretch', () => {
    const touching = new BusinessCalendar(weekdays('Europe/Berlin', ['09:00-12:00', '12:00-17:00']));
    expect(iso(touching.nextChange(at('2026-01-12T10:00+01:00')))).toBe(utc('2026-01-12T17:00+01:00'));
    expect(touching.businessTimeBetween(at('2026-01-12T00:00+01:00'), at('2026-01-13T00:00+01:00'))).toBe(8 * HOUR);
  });
});

describe('the 24x7 calendar', () => {
  const always = new BusinessCalendar(CALENDAR_24X7);

  it('is always open and counts real time', () => {
    const start = at('2026-03-29T00:30+01:00');
    expect(always.isOpen(start)).toBe(true);
    expect(always.addBusinessTime(start, 90 * MINUTE)).toBe(start + 90 * MINUTE);
    expect(always.businessTimeBetween(start, start + 7 * 24 * HOUR)).toBe(7 * 24 * HOUR);
    expect(always.nextChange(start)).toBeUndefined();
    expect(always.name).toBe('24x7');
    expect(always.timezone).toBe('UTC');
  });
});

describe('new BusinessCalendar', () => {
  it('throws InvalidCalendarError listing every problem', () => {
    const build = () => new BusinessCalendar({ name: 'broken', timezone: 'Mars/Olympus', week: { mon: ['9-5'] } });
    expect(build).toThrow(InvalidCalendarError);
    expect(build).toThrow('invalid calendar "broken": timezone: unknown time zone "Mars/Olympus"; week.mon[0]: "9-5" is not "HH:MM-HH:MM"');
    try {
      build();
    } catch (error) {
      expect(error).toMatchObject({ code: 'invalid_calendar', calendarName: 'broken' });
      expect((error as InvalidCalendarError).problems).toHaveLength(2);
    }
  });
});
