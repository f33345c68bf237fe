import { BusinessCalendar, CalendarSpanError, InvalidCalendarError } from '../src';
import { HOUR, MINUTE, at, everyDay, weekdays } from './support';

// Hostile calendars and spans: every call answers or throws after bounded work (at most
// MAX_SPAN_DAYS local days), instead of looping for minutes as P99999999D once did.
const DAY = 24 * HOUR;
const START = at('2026-11-23T09:00+01:00');

/** Every day of the year as a yearly holiday: a calendar that never opens. */
function everyDate(): string[] {
  const dates: string[] = [];
  for (let day = new Date('2000-01-01T00:00Z'); day.getUTCFullYear() === 2000; day.setUTCDate(day.getUTCDate() + 1)) {
    dates.push(`--${day.toISOString().slice(5, 10)}`);
  }
  return dates;
}

describe('BusinessCalendar bounds', () => {
  const minuteADay = new BusinessCalendar(everyDay('Europe/Berlin', ['09:00-09:01']));
  const mondayMinute = new BusinessCalendar({ name: 'rare', timezone: 'America/New_York', week: { mon: ['09:00-09:01'] } });
  const neverOpen = new BusinessCalendar(everyDay('Europe/Berlin', ['09:00-17:00'], { holidays: everyDate() }));

  it('refuses to add more open time than fits in thirty years, at once', () => {
    expect(() => minuteADay.addBusinessTime(START, 99_999_999 * DAY)).toThrow(CalendarSpanError);
    expect(() => minuteADay.addBusinessTime(START, BusinessCalendar.MAX_SPAN_MS + 1)).toThrow(/more than 10958 days/);
  });

  it('gives up after thirty years of a calendar open one minute a day, with a clear error', () => {
    expect(() => minuteADay.addBusinessTime(START, 366 * DAY)).toThrow(CalendarSpanError);
    expect(() => mondayMinute.addBusinessTime(START, 366 * DAY)).toThrow(/do not fit in the 10958 days after 2026-11-23T08:00:00.000Z/);
    // What does fit is still exact: sixty minutes are sixty mornings.
    expect(minuteADay.addBusinessTime(at('2026-01-01T10:00+01:00'), 60 * MINUTE)).toBe(at('2026-03-02T09:01+01:00'));
  });

  it('says a calendar whose every day is a holiday never opens, and has no next change', () => {
    expect(() => neverOpen.addBusinessTime(START, HOUR)).toThrow(InvalidCalendarError);
    expect(() => neverOpen.addBusinessTime(START, HOUR)).toThrow(/never opens again/);
    expect(neverOpen.nextChange(START)).toBeUndefined();
    expect(neverOpen.businessTimeBetween(START, START + 29 * 365 * DAY)).toBe(0);
    expect(neverOpen.isOpen(START)).toBe(false);
  });

  it('refuses a span longer than thirty years at once, even on 24x7', () => {
    const always = new BusinessCalendar({ name: '24x7', timezone: 'UTC', alwaysOpen: true });
    const end = START + BusinessCalendar.MAX_SPAN_MS + 1;
    expect(() => minuteADay.businessTimeBetween(START, end)).toThrow(CalendarSpanError);
    expect(() => always.businessTimeBetween(START, end)).toThrow(CalendarSpanError);
    expect(always.businessTimeBetween(START, START + BusinessCalendar.MAX_SPAN_MS)).toBe(BusinessCalendar.MAX_SPAN_MS);
  });

  it('counts a span just under the bound on a sparse calendar exactly', () => {
    // 09:00-09:01 New York time on Mondays: the first is the start's own Monday (at 14:00Z, after
    // the start at 08:00Z); the span ends at 08:00Z too, before the window of its last day.
    const end = START + BusinessCalendar.MAX_SPAN_MS - DAY;
    let mondays = 0;
    for (let day = new Date('2026-11-23T00:00Z'); day.getTime() + DAY <= end; day.setUTCDate(day.getUTCDate() + 1)) {
      if (day.getUTCDay() === 1) mondays += 1;
    }
    expect(mondayMinute.businessTimeBetween(START, end)).toBe(mondays * MINUTE);
  });

  it('refuses instants outside the years 0001 to 9999 with a RangeError instead of "Invalid time value"', () => {
    const office = new BusinessCalendar(weekdays('Europe/Berlin', ['09:00-17:00']));
    for (const instant of [8.64e15, -8.64e15, at('9999-12-31T23:59:59.999Z') + 1, at('0001-01-01T00:00Z') - 1]) {
      expect(() => office.isOpen(instant)).toThrow(RangeError);
      expect(() => office.addBusinessTime(instant, HOUR)).toThrow(/years 0001 to 9999/);
      expect(() => office.businessTimeBetween(START, instant)).toThrow(RangeError);
      expect(() => office.nextChange(instant)).toThrow(RangeError);
    }
  });
});
