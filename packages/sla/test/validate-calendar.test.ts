import { CALENDAR_24X7, validateCalendar } from '../src';
import { weekdays } from './support';

describe('validateCalendar', () => {
  it('accepts the 24x7 calendar and a plain office calendar', () => {
    expect(validateCalendar(CALENDAR_24X7)).toEqual([]);
    expect(validateCalendar(weekdays('Europe/Berlin', ['08:00-12:00', '13:00-17:00'], { holidays: ['2026-05-01', '--12-25', '--02-29'] }))).toEqual([]);
  });

  it('names malformed and impossible times by their path', () => {
    const week = { mon: ['09:00-17:00', '9:00-17:00'], tue: ['09:60-17:00'], wed: ['24:00-02:00'], thu: ['09:00-24:30'], fri: [17] };
    expect(validateCalendar({ name: 'times', timezone: 'UTC', week })).toEqual([
      'week.mon[1]: "9:00-17:00" is not "HH:MM-HH:MM"',
      'week.tue[0]: "09:60-17:00" starts at an invalid time (00:00 to 23:59)',
      'week.wed[0]: "24:00-02:00" starts at an invalid time (00:00 to 23:59)',
      'week.thu[0]: "09:00-24:30" ends at an invalid time (00:00 to 24:00)',
      'week.fri[0]: must be a string "HH:MM-HH:MM"',
    ]);
  });

  it('finds windows that overlap on one day, after midnight, and from Sunday into Monday', () => {
    expect(validateCalendar({ name: 'o', timezone: 'UTC', week: { mon: ['09:00-12:00', '11:00-13:00'] } })).toEqual([
      'week.mon[1]: "11:00-13:00" overlaps week.mon[0] ("09:00-12:00")',
    ]);
    expect(validateCalendar({ name: 'o', timezone: 'UTC', week: { mon: ['20:00-04:00'], tue: ['03:00-09:00'] } })).toEqual([
      'week.tue[0]: "03:00-09:00" overlaps week.mon[0] ("20:00-04:00")',
    ]);
    expect(validateCalendar({ name: 'o', timezone: 'UTC', week: { sun: ['22:00-06:00'], mon: ['05:00-09:00'] } })).toEqual([
      'week.sun[0]: "22:00-06:00" overlaps week.mon[0] ("05:00-09:00")',
    ]);
  });

  it('lets windows touch without overlapping', () => {
    expect(validateCalendar({ name: 't', timezone: 'UTC', week: { mon: ['09:00-12:00', '12:00-17:00', '22:00-06:00'], tue: ['06:00-09:00'] } })).toEqual([]);
  });

  it('rejects unknown time zones, days and fields', () => {
    expect(validateCalendar({ name: 'z', timezone: 'Mars/Olympus', week: { mon: ['09:00-17:00'] } })).toEqual(['timezone: unknown time zone "Mars/Olympus"']);
    expect(validateCalendar({ name: 'z', timezone: 'UTC', week: { monday: ['09:00-17:00'], mon: ['09:00-17:00'] }, holiday: [] })).toEqual([
      'week.monday: unknown day (use mon, tue, wed, thu, fri, sat, sun)',
      'holiday: unknown field',
    ]);
    expect(validateCalendar({ name: '', timezone: 3, week: [] })).toEqual([
      'name: must be a non-empty string',
      'timezone: must be an IANA time zone name such as "Europe/Berlin"',
      'week: must be an object keyed by mon, tue, wed, thu, fri, sat, sun',
    ]);
    expect(validateCalendar('24x7')).toEqual(['calendar: must be an object']);
  });

  it('rejects malformed holidays', () => {
    const holidays = ['2026-02-29', '--02-30', '12/25', '2026-13-01', 20260101];
    expect(validateCalendar(weekdays('UTC', ['09:00-17:00'], { holidays: holidays as string[] }))).toEqual([
      'holidays[0]: "2026-02-29" is not a date',
      'holidays[1]: "--02-30" is not a day of the year',
      'holidays[2]: "12/25" is not "YYYY-MM-DD" (one date) or "--MM-DD" (every year)',
      'holidays[3]: "2026-13-01" is not a date',
      'holidays[4]: must be a string "YYYY-MM-DD" or "--MM-DD"',
    ]);
  });

  it('wants working windows unless the calendar is always open, and nothing else then', () => {
    expect(validateCalendar({ name: 'closed', timezone: 'UTC', week: { sat: [] } })).toEqual([
      'week: has no working windows (set alwaysOpen: true for a 24x7 calendar)',
    ]);
    expect(validateCalendar({ name: 'both', timezone: 'UTC', alwaysOpen: true, holidays: ['--12-25'] })).toEqual([
      'alwaysOpen: cannot be combined with week or holidays',
    ]);
    expect(validateCalendar({ name: 'odd', timezone: 'UTC', alwaysOpen: 'yes' })).toEqual(['alwaysOpen: must be true or false']);
  });
});
