import type { CalendarSpec } from '../src';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** Epoch milliseconds of an ISO 8601 date-time with an explicit offset, e.g. `2026-01-12T09:00+01:00`. */
export function at(text: string): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`bad test instant ${text}`);
  return ms;
}

/** An instant as UTC ISO text, so failures show readable times. */
export function iso(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

/** The same instant as `at(text)`, as UTC ISO text. */
export function utc(text: string): string {
  return new Date(at(text)).toISOString();
}

/** A Monday-to-Friday calendar with the same windows every day. */
export function weekdays(timezone: string, windows: string[], extra: Partial<CalendarSpec> = {}): CalendarSpec {
  return { name: 'weekdays', timezone, week: { mon: windows, tue: windows, wed: windows, thu: windows, fri: windows }, ...extra };
}

/** A calendar with the same windows on all seven days. */
export function everyDay(timezone: string, windows: string[], extra: Partial<CalendarSpec> = {}): CalendarSpec {
  const week = { mon: windows, tue: windows, wed: windows, thu: windows, fri: windows, sat: windows, sun: windows };
  return { name: 'every day', timezone, week, ...extra };
}
