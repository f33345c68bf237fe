import { BusinessCalendar } from '../src';
import { HOUR, at, everyDay, iso, utc, weekdays } from './support';

// 2026-01-14 is a Wednesday; 2026-12-25 a Friday, 2027-12-25 a Saturday, 2028-12-25 a Monday.
describe('holidays on a Monday-to-Friday 09:00-17:00 calendar', () => {
  const office = new BusinessCalendar(weekdays('Europe/Berlin', ['09:00-17:00'], { holidays: ['2026-01-14', '--12-25'] }));

  it('closes a fixed date for the whole day', () => {
    expect(office.isOpen(at('2026-01-14T10:00+01:00'))).toBe(false);
    expect(iso(office.addBusinessTime(at('2026-01-13T16:00+01:00'), 2 * HOUR))).toBe(utc('2026-01-15T10:00+01:00'));
    expect(office.businessTimeBetween(at('2026-01-13T09:00+01:00'), at('2026-01-16T09:00+01:00'))).toBe(16 * HOUR);
    expect(iso(office.nextChange(at('2026-01-13T17:00+01:00')))).toBe(utc('2026-01-15T09:00+01:00'));
  });

  it('only closes a fixed date in its own year', () => {
    // 2027-01-14 is a Thursday.
    expect(office.isOpen(at('2027-01-14T10:00+01:00'))).toBe(true);
  });

  it('closes a yearly date every year it falls on a working day', () => {
    expect(iso(office.addBusinessTime(at('2026-12-24T16:00+01:00'), 2 * HOUR))).toBe(utc('2026-12-28T10:00+01:00'));
    expect(iso(office.addBusinessTime(at('2028-12-22T16:00+01:00'), 2 * HOUR))).toBe(utc('2028-12-26T10:00+01:00'));
    expect(office.isOpen(at('2028-12-25T10:00+01:00'))).toBe(false);
  });
});

describe('a yearly holiday on 29 February', () => {
  it('closes the day in leap years only', () => {
    const calendar = new BusinessCalendar(weekdays('UTC', ['09:00-17:00'], { holidays: ['--02-29'] }));
    // 2028-02-29 is a Tuesday; 2028-02-28 a Monday.
    expect(calendar.isOpen(at('2028-02-29T10:00Z'))).toBe(false);
    expect(calendar.isOpen(at('2028-02-28T10:00Z'))).toBe(true);
    expect(calendar.isOpen(at('2027-03-01T10:00Z'))).toBe(true);
  });
});

describe('an overnight shift 22:00-06:00 around a holiday', () => {
  // Wednesday 2026-01-14 is the holiday.
  const nights = new BusinessCalendar(weekdays('Europe/Berlin', ['22:00-06:00'], { holidays: ['2026-01-14'] }));

  it('runs on the eve of the holiday until midnight only', () => {
    expect(nights.isOpen(at('2026-01-13T23:30+01:00'))).toBe(true);
    expect(nights.isOpen(at('2026-01-14T00:30+01:00'))).toBe(false);
    expect(iso(nights.nextChange(at('2026-01-13T23:00+01:00')))).toBe(utc('2026-01-14T00:00+01:00'));
  });

  it('opens after midnight for the shift that starts on the holiday evening', () => {
    expect(nights.isOpen(at('2026-01-14T23:00+01:00'))).toBe(false);
    expect(nights.isOpen(at('2026-01-15T01:00+01:00'))).toBe(true);
    expect(iso(nights.nextChange(at('2026-01-14T00:00+01:00')))).toBe(utc('2026-01-15T00:00+01:00'));
  });

  it('adds and counts around the closed day', () => {
    expect(nights.businessTimeBetween(at('2026-01-13T22:00+01:00'), at('2026-01-15T22:00+01:00'))).toBe(8 * HOUR);
    expect(iso(nights.addBusinessTime(at('2026-01-13T22:00+01:00'), 3 * HOUR))).toBe(utc('2026-01-15T01:00+01:00'));
  });
});

describe('holidays on a calendar open around the clock in local time', () => {
  const calendar = new BusinessCalendar(everyDay('Europe/Berlin', ['00:00-24:00'], { holidays: ['--12-25', '--12-26'] }));

  it('changes only at the holidays', () => {
    expect(iso(calendar.nextChange(at('2026-12-20T12:00+01:00')))).toBe(utc('2026-12-25T00:00+01:00'));
    expect(iso(calendar.nextChange(at('2026-12-25T12:00+01:00')))).toBe(utc('2026-12-27T00:00+01:00'));
    expect(calendar.businessTimeBetween(at('2026-12-24T00:00+01:00'), at('2026-12-28T00:00+01:00'))).toBe(48 * HOUR);
    expect(iso(calendar.addBusinessTime(at('2026-12-24T12:00+01:00'), 13 * HOUR))).toBe(utc('2026-12-27T01:00+01:00'));
  });
});
