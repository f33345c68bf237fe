import { BusinessCalendar } from '../src';
import { HOUR, at, iso, utc, weekdays } from './support';

// Week of Monday 2026-01-12 in Berlin (+01:00).
describe('a Monday-to-Friday night shift 22:00-06:00', () => {
  const nights = new BusinessCalendar(weekdays('Europe/Berlin', ['22:00-06:00']));

  it('is open after midnight on the shift of the day before', () => {
    expect(nights.isOpen(at('2026-01-13T03:00+01:00'))).toBe(true);
    expect(nights.isOpen(at('2026-01-12T23:00+01:00'))).toBe(true);
    expect(nights.isOpen(at('2026-01-12T12:00+01:00'))).toBe(false);
  });

  it('runs Friday night into Saturday morning', () => {
    expect(nights.isOpen(at('2026-01-17T03:00+01:00'))).toBe(true);
    expect(nights.isOpen(at('2026-01-17T06:00+01:00'))).toBe(false);
    expect(iso(nights.addBusinessTime(at('2026-01-16T23:00+01:00'), 5 * HOUR))).toBe(utc('2026-01-17T04:00+01:00'));
  });

  it('has no shift from Sunday night into Monday', () => {
    expect(nights.isOpen(at('2026-01-12T03:00+01:00'))).toBe(false);
    expect(nights.isOpen(at('2026-01-18T23:00+01:00'))).toBe(false);
  });

  it('continues with Monday night after the weekend', () => {
    // Seven hours are left on Friday's shift, the eighth is Monday 22:00-23:00.
    expect(iso(nights.addBusinessTime(at('2026-01-16T23:00+01:00'), 8 * HOUR))).toBe(utc('2026-01-19T23:00+01:00'));
    expect(nights.businessTimeBetween(at('2026-01-16T20:00+01:00'), at('2026-01-19T23:00+01:00'))).toBe(9 * HOUR);
  });

  it('counts no change at midnight inside a shift', () => {
    expect(iso(nights.nextChange(at('2026-01-12T23:00+01:00')))).toBe(utc('2026-01-13T06:00+01:00'));
    expect(iso(nights.nextChange(at('2026-01-17T05:00+01:00')))).toBe(utc('2026-01-17T06:00+01:00'));
    expect(iso(nights.nextChange(at('2026-01-17T06:00+01:00')))).toBe(utc('2026-01-19T22:00+01:00'));
  });
});

describe('a Sunday night shift into a Monday day shift', () => {
  const spec = { name: 'sunday night', timezone: 'Europe/Berlin', week: { sun: ['22:00-06:00'], mon: ['09:00-17:00'] } };
  const calendar = new BusinessCalendar(spec);

  it('wraps from the end of the week into its start', () => {
    expect(calendar.isOpen(at('2026-01-19T05:00+01:00'))).toBe(true);
    expect(calendar.isOpen(at('2026-01-19T07:00+01:00'))).toBe(false);
    expect(iso(calendar.nextChange(at('2026-01-18T21:00+01:00')))).toBe(utc('2026-01-18T22:00+01:00'));
    expect(iso(calendar.nextChange(at('2026-01-18T22:00+01:00')))).toBe(utc('2026-01-19T06:00+01:00'));
    expect(iso(calendar.nextChange(at('2026-01-19T06:00+01:00')))).toBe(utc('2026-01-19T09:00+01:00'));
  });

  it('adds the night, then the Monday morning', () => {
    expect(iso(calendar.addBusinessTime(at('2026-01-18T23:00+01:00'), 10 * HOUR))).toBe(utc('2026-01-19T12:00+01:00'));
  });

  it('behaves the same when the shift is written as two windows meeting at midnight', () => {
    const split = new BusinessCalendar({ ...spec, week: { sun: ['22:00-24:00'], mon: ['00:00-06:00', '09:00-17:00'] } });
    expect(iso(split.nextChange(at('2026-01-18T23:00+01:00')))).toBe(utc('2026-01-19T06:00+01:00'));
    expect(iso(split.addBusinessTime(at('2026-01-18T23:00+01:00'), 10 * HOUR))).toBe(utc('2026-01-19T12:00+01:00'));
  });
});

describe('a day-long shift written as an end equal to its start', () => {
  it('lasts 24 hours into the next day', () => {
    const calendar = new BusinessCalendar({ name: 'relay', timezone: 'UTC', week: { wed: ['12:00-12:00'] } });
    // 2026-01-14 is a Wednesday.
    expect(calendar.businessTimeBetween(at('2026-01-12T00:00Z'), at('2026-01-19T00:00Z'))).toBe(24 * HOUR);
    expect(calendar.isOpen(at('2026-01-15T11:59Z'))).toBe(true);
    expect(calendar.isOpen(at('2026-01-15T12:00Z'))).toBe(false);
  });
});
