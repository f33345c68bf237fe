/** Milliseconds in a civil day of 24 hours (local days themselves may be 23 or 25 hours long). */
export const DAY_MS = 86_400_000;
/** Minutes in a civil day. */
export const DAY_MINUTES = 1440;

/** Days since 1970-01-01 of a proleptic Gregorian date; no range or validity check. */
export function civilDay(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return Math.round(date.getTime() / DAY_MS);
}

/** Whether year-month-day names a real date (`2026-02-30` does not). */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(2000, month, 0)).getUTCDate() && (month !== 2 || day < 29 || isLeapYear(year));
}

/** Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Day of the week of a civil day number, 0 = Monday .. 6 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** Year, month (1-12) and day of month of a civil day number. */
export function dateOf(day: number): { year: number; month: number; day: number } {
  const date = new Date(day * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}
