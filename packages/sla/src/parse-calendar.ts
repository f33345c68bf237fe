import { WEEKDAYS } from '@gotrs/contracts';
import { type Holiday, parseHoliday } from './holidays';
import { isKnownTimeZone } from './time-zone';
import { findOverlaps, parseWindow, type WeekWindow } from './weekly-windows';

/** A calendar specification read field by field, with every problem found on the way. */
export interface ParsedCalendar {
  problems: string[];
  windows: WeekWindow[];
  holidays: Holiday[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function readWeek(week: unknown, problems: string[]): WeekWindow[] {
  if (week === undefined) return [];
  if (!isRecord(week)) {
    problems.push('week: must be an object keyed by mon, tue, wed, thu, fri, sat, sun');
    return [];
  }
  const windows: WeekWindow[] = [];
  for (const [key, list] of Object.entries(week)) {
    const weekday = (WEEKDAYS as readonly string[]).indexOf(key);
    if (weekday < 0) {
      problems.push(`week.${key}: unknown day (use mon, tue, wed, thu, fri, sat, sun)`);
      continue;
    }
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      problems.push(`week.${key}: must be a list of "HH:MM-HH:MM" windows`);
      continue;
    }
    list.forEach((text: unknown, index) => {
      const path = `week.${key}[${index}]`;
      const window = parseWindow(text);
      if (typeof window === 'string') problems.push(`${path}: ${window}`);
      else windows.push({ weekday, ...window, path, text: text as string });
    });
  }
  problems.push(...findOverlaps(windows));
  return windows;
}

function readHolidays(holidays: unknown, problems: string[]): Holiday[] {
  if (holidays === undefined) return [];
  if (!Array.isArray(holidays)) {
    problems.push('holidays: must be a list of "YYYY-MM-DD" or "--MM-DD" dates');
    return [];
  }
  const parsed: Holiday[] = [];
  holidays.forEach((text: unknown, index) => {
    const holiday = parseHoliday(text);
    if (typeof holiday === 'string') problems.push(`holidays[${index}]: ${holiday}`);
    else parsed.push(holiday);
  });
  return parsed;
}

/** Reads a calendar specification from configuration (any JSON value), collecting problems with paths. */
export function parseCalendar(spec: unknown): ParsedCalendar {
  const problems: string[] = [];
  if (!isRecord(spec)) return { problems: ['calendar: must be an object'], windows: [], holidays: [] };
  if (typeof spec.name !== 'string' || spec.name.trim() === '') problems.push('name: must be a non-empty string');
  if (typeof spec.timezone !== 'string' || spec.timezone === '') {
    problems.push('timezone: must be an IANA time zone name such as "Europe/Berlin"');
  } else if (!isKnownTimeZone(spec.timezone)) {
    problems.push(`timezone: unknown time zone "${spec.timezone}"`);
  }
  const windows = readWeek(spec.week, problems);
  const holidays = readHolidays(spec.holidays, problems);
  for (const key of Object.keys(spec)) {
    if (!['name', 'timezone', 'week', 'holidays', 'alwaysOpen'].includes(key)) problems.push(`${key}: unknown field`);
  }
  if (spec.alwaysOpen !== undefined && typeof spec.alwaysOpen !== 'boolean') {
    problems.push('alwaysOpen: must be true or false');
  } else if (spec.alwaysOpen === true) {
    if (windows.length > 0 || holidays.length > 0) problems.push('alwaysOpen: cannot be combined with week or holidays');
  } else if (windows.length === 0 && !problems.some((p) => p.startsWith('week'))) {
    problems.push('week: has no working windows (set alwaysOpen: true for a 24x7 calendar)');
  }
  return { problems, windows, holidays };
}
