import { BusinessCalendar } from '../src';
import { HOUR, MINUTE, at, everyDay, iso, utc, weekdays } from './support';

function sundays(timezone: string, windows: string[]): BusinessCalendar {
  return new BusinessCalendar({ name: 'sundays', timezone, week: { sun: windows } });
}

// Europe/Berlin: on Sunday 2026-03-29 02:00 CET becomes 03:00 CEST (01:00Z);
// on Sunday 2026-10-25 03:00 CEST becomes 02:00 CET (01:00Z), so 02:00-03:00 happens twice.
describe('daylight saving time in Europe/Berlin', () => {
  it('makes a window containing the skipped hour one hour shorter in real time', () => {
    const calendar = sundays('Europe/Berlin', ['01:00-05:00']);
    expect(calendar.businessTimeBetween(at('2026-03-22T00:00+01:00'), at('2026-03-23T00:00+01:00'))).toBe(4 * HOUR);
    expect(calendar.businessTimeBetween(at('2026-03-29T00:00+01:00'), at('2026-03-30T00:00+02:00'))).toBe(3 * HOUR);
    expect(calendar.isOpen(at('2026-03-29T01:59:59+01:00'))).toBe(true);
    expect(calendar.isOpen(at('2026-03-29T03:00+02:00'))).toBe(true);
    expect(calendar.isOpen(at('2026-03-29T05:00+02:00'))).toBe(false);
    expect(iso(calendar.nextChange(at('2026-03-29T01:30+01:00')))).toBe(utc('2026-03-29T05:00+02:00'));
  });

  it('carries time past a spring-forward window into the next week', () => {
    const calendar = sundays('Europe/Berlin', ['01:00-05:00']);
    expect(iso(calendar.addBusinessTime(at('2026-03-28T12:00+01:00'), 3 * HOUR))).toBe(utc('2026-03-29T05:00+02:00'));
    expect(iso(calendar.addBusinessTime(at('2026-03-28T12:00+01:00'), 3.5 * HOUR))).toBe(utc('2026-04-05T01:30+02:00'));
  });

  it('makes a window containing the repeated hour one hour longer in real time', () => {
    const calendar = sundays('Europe/Berlin', ['01:00-05:00']);
    expect(calendar.businessTimeBetween(at('2026-10-25T00:00+02:00'), at('2026-10-26T00:00+01:00'))).toBe(5 * HOUR);
    expect(iso(calendar.addBusinessTime(at('2026-10-24T12:00+02:00'), 5 * HOUR))).toBe(utc('2026-10-25T05:00+01:00'));
    expect(calendar.isOpen(at('2026-10-25T02:30+01:00'))).toBe(true);
  });

  it('starts a window whose start is skipped at the first valid instant after', () => {
    const calendar = sundays('Europe/Berlin', ['02:30-04:00']);
    expect(calendar.businessTimeBetween(at('2026-03-29T00:00+01:00'), at('2026-03-30T00:00+02:00'))).toBe(HOUR);
    expect(calendar.isOpen(at('2026-03-29T01:59:59+01:00'))).toBe(false);
    expect(calendar.isOpen(at('2026-03-29T03:00+02:00'))).toBe(true);
    expect(iso(calendar.nextChange(at('2026-03-29T00:00+01:00')))).toBe(utc('2026-03-29T03:00+02:00'));
  });

  it('ends a window whose end is skipped at the change', () => {
    const calendar = sundays('Europe/Berlin', ['01:00-02:30']);
    expect(calendar.businessTimeBetween(at('2026-03-29T00:00+01:00'), at('2026-03-30T00:00+02:00'))).toBe(HOUR);
  });

  it('takes the earlier of two occurrences of a repeated local time', () => {
    const starts = sundays('Europe/Berlin', ['02:30-04:00']);
    expect(starts.businessTimeBetween(at('2026-10-25T00:00+02:00'), at('2026-10-26T00:00+01:00'))).toBe(2.5 * HOUR);
    expect(iso(starts.nextChange(at('2026-10-25T00:00+02:00')))).toBe(utc('2026-10-25T02:30+02:00'));
    const ends = sundays('Europe/Berlin', ['01:00-02:30']);
    expect(ends.businessTimeBetween(at('2026-10-25T00:00+02:00'), at('2026-10-26T00:00+01:00'))).toBe(1.5 * HOUR);
    expect(ends.isOpen(at('2026-10-25T02:30+01:00'))).toBe(false);
  });

  it('stretches and shrinks a Saturday night shift across the change', () => {
    const calendar = new BusinessCalendar({ name: 'night', timezone: 'Europe/Berlin', week: { sat: ['22:00-06:00'] } });
    expect(calendar.businessTimeBetween(at('2026-03-28T12:00+01:00'), at('2026-03-29T12:00+02:00'))).toBe(7 * HOUR);
    expect(calendar.businessTimeBetween(at('2026-10-24T12:00+02:00'), at('2026-10-25T12:00+01:00'))).toBe(9 * HOUR);
  });

  it('keeps 09:00-17:00 days at eight hours across the change weekend', () => {
    const office = new BusinessCalendar(weekdays('Europe/Berlin', ['09:00-17:00']));
    expect(iso(office.addBusinessTime(at('2026-03-27T16:00+01:00'), 2 * HOUR))).toBe(utc('2026-03-30T10:00+02:00'));
    expect(office.businessTimeBetween(at('2026-03-27T09:00+01:00'), at('2026-03-30T17:00+02:00'))).toBe(16 * HOUR);
    expect(office.businessTimeBetween(at('2026-10-23T09:00+02:00'), at('2026-10-26T17:00+01:00'))).toBe(16 * HOUR);
  });

  it('counts real time in a calendar open all day every day in local time', () => {
    const local24x7 = new BusinessCalendar(everyDay('Europe/Berlin', ['00:00-24:00']));
    expect(local24x7.businessTimeBetween(at('2026-03-29T00:00+01:00'), at('2026-03-30T00:00+02:00'))).toBe(23 * HOUR);
    expect(local24x7.businessTimeBetween(at('2026-10-25T00:00+02:00'), at('2026-10-26T00:00+01:00'))).toBe(25 * HOUR);
    expect(iso(local24x7.addBusinessTime(at('2026-03-28T12:00+01:00'), 24 * HOUR))).toBe(utc('2026-03-29T13:00+02:00'));
    expect(local24x7.isOpen(at('2026-03-29T01:00Z'))).toBe(true);
    expect(local24x7.nextChange(at('2026-03-29T01:00Z'))).toBeUndefined();
  });
});

// America/New_York: on Sunday 2026-03-08 02:00 EST becomes 03:00 EDT (07:00Z);
// on Sunday 2026-11-01 02:00 EDT becomes 01:00 EST (06:00Z), so 01:00-02:00 happens twice.
describe('daylight saving time in America/New_York', () => {
  it('shortens a window containing the skipped hour and lengthens one containing the repeated hour', () => {
    const early = sundays('America/New_York', ['00:00-06:00']);
    expect(early.businessTimeBetween(at('2026-03-08T00:00-05:00'), at('2026-03-09T00:00-04:00'))).toBe(5 * HOUR);
    expect(early.businessTimeBetween(at('2026-11-01T00:00-04:00'), at('2026-11-02T00:00-05:00'))).toBe(7 * HOUR);
    expect(iso(early.addBusinessTime(at('2026-11-01T00:00-04:00'), 7 * HOUR))).toBe(utc('2026-11-01T06:00-05:00'));
  });

  it('gives the whole changed hour to windows that contain it', () => {
    expect(sundays('America/New_York', ['01:00-03:00']).businessTimeBetween(at('2026-03-08T00:00-05:00'), at('2026-03-09T00:00-04:00'))).toBe(HOUR);
    const repeated = sundays('America/New_York', ['01:00-02:00']);
    expect(repeated.businessTimeBetween(at('2026-11-01T00:00-04:00'), at('2026-11-02T00:00-05:00'))).toBe(2 * HOUR);
    expect(repeated.isOpen(at('2026-11-01T01:30-05:00'))).toBe(true);
    expect(iso(repeated.nextChange(at('2026-11-01T01:30-04:00')))).toBe(utc('2026-11-01T02:00-05:00'));
  });

  it('gives no time to a window entirely inside the skipped hour', () => {
    const skipped = sundays('America/New_York', ['02:00-03:00']);
    expect(skipped.businessTimeBetween(at('2026-03-08T00:00-05:00'), at('2026-03-09T00:00-04:00'))).toBe(0);
    expect(iso(skipped.addBusinessTime(at('2026-03-07T12:00-05:00'), 30 * MINUTE))).toBe(utc('2026-03-15T02:30-04:00'));
    expect(iso(skipped.nextChange(at('2026-03-07T12:00-05:00')))).toBe(utc('2026-03-15T02:00-04:00'));
  });

  it('starts a window at the first occurrence of a repeated time', () => {
    const calendar = sundays('America/New_York', ['01:30-03:00']);
    expect(calendar.businessTimeBetween(at('2026-11-01T00:00-04:00'), at('2026-11-02T00:00-05:00'))).toBe(2.5 * HOUR);
    expect(calendar.isOpen(at('2026-11-01T01:29-04:00'))).toBe(false);
    expect(calendar.isOpen(at('2026-11-01T01:10-05:00'))).toBe(true);
  });

  it('keeps 09:00-17:00 days at eight hours across the change weekend', () => {
    const office = new BusinessCalendar(weekdays('America/New_York', ['09:00-17:00']));
    expect(office.businessTimeBetween(at('2026-03-06T09:00-05:00'), at('2026-03-09T17:00-04:00'))).toBe(16 * HOUR);
    expect(iso(office.addBusinessTime(at('2026-10-30T16:00-04:00'), 2 * HOUR))).toBe(utc('2026-11-02T10:00-05:00'));
  });

  it('counts real time in a calendar open all day every day in local time', () => {
    const local24x7 = new BusinessCalendar(everyDay('America/New_York', ['00:00-24:00']));
    expect(local24x7.businessTimeBetween(at('2026-03-08T00:00-05:00'), at('2026-03-09T00:00-04:00'))).toBe(23 * HOUR);
    expect(local24x7.businessTimeBetween(at('2026-11-01T00:00-04:00'), at('2026-11-02T00:00-05:00'))).toBe(25 * HOUR);
    expect(local24x7.nextChange(at('2026-11-01T01:30-05:00'))).toBeUndefined();
  });
});

describe('unusual time-zone changes', () => {
  it('starts a day whose midnight is skipped at the change (America/Santiago, 2026-09-06)', () => {
    const local24x7 = new BusinessCalendar(everyDay('America/Santiago', ['00:00-24:00'], { holidays: ['2026-09-06'] }));
    // 00:00 -04:00 on 6 September does not exist; the day runs from 01:00 -03:00 to midnight: 23 hours.
    expect(iso(local24x7.nextChange(at('2026-09-05T12:00-04:00')))).toBe(utc('2026-09-06T01:00-03:00'));
    expect(local24x7.businessTimeBetween(at('2026-09-05T00:00-04:00'), at('2026-09-08T00:00-03:00'))).toBe(48 * HOUR);
  });

  it('gives no time to a local day that never happened (Pacific/Apia, 2011-12-30)', () => {
    const calendar = new BusinessCalendar(weekdays('Pacific/Apia', ['09:00-17:00']));
    // Thursday the 29th (UTC-10) is followed directly by Saturday the 31st (UTC+14).
    expect(calendar.businessTimeBetween(at('2011-12-29T00:00-10:00'), at('2012-01-03T00:00+14:00'))).toBe(16 * HOUR);
    expect(iso(calendar.addBusinessTime(at('2011-12-29T16:00-10:00'), 2 * HOUR))).toBe(utc('2012-01-02T10:00+14:00'));
  });
});
