import { civilDay, dateOf, isLeapYear, isRealDate } from './civil-days';

/** A parsed holiday: one civil day, or a month and day recurring every year. */
export type Holiday = { kind: 'fixed'; day: number } | { kind: 'yearly'; month: number; day: number };

/** Parses `"YYYY-MM-DD"` or `"--MM-DD"`; returns the reason as a string when it is not a holiday. */
export function parseHoliday(text: unknown): Holiday | string {
  if (typeof text !== 'string') return 'must be a string "YYYY-MM-DD" or "--MM-DD"';
  const match = /^(\d{4}|-)-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return `"${text}" is not "YYYY-MM-DD" (one date) or "--MM-DD" (every year)`;
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (match[1] === '-') {
    // 2000 is a leap year, so "--02-29" is accepted; it closes 29 February in leap years only.
    return isRealDate(2000, month, day) ? { kind: 'yearly', month, day } : `"${text}" is not a day of the year`;
  }
  const year = Number(match[1]);
  return isRealDate(year, month, day) ? { kind: 'fixed', day: civilDay(year, month, day) } : `"${text}" is not a date`;
}

/** The holidays of one calendar, answering by civil day number. */
export class HolidaySet {
  private readonly fixedDays = new Set<number>();
  private readonly fixed: number[];
  /** Yearly holidays as month * 100 + day. */
  private readonly yearly = new Set<number>();

  constructor(holidays: readonly Holiday[]) {
    for (const h of holidays) {
      if (h.kind === 'fixed') this.fixedDays.add(h.day);
      else this.yearly.add(h.month * 100 + h.day);
    }
    this.fixed = [...this.fixedDays].sort((a, b) => a - b);
  }

  /** Whether there are no holidays at all. */
  get isEmpty(): boolean {
    return this.fixed.length === 0 && this.yearly.size === 0;
  }

  /** Whether the civil day is a holiday. */
  has(day: number): boolean {
    if (this.yearly.size > 0) {
      const date = dateOf(day);
      if (this.yearly.has(date.month * 100 + date.day)) return true;
    }
    return this.fixedDays.has(day);
  }

  /** The first holiday on or after the civil day, or undefined when none follows. */
  nextOnOrAfter(day: number): number | undefined {
    let best = this.fixed.find((d) => d >= day);
    const startYear = dateOf(day).year;
    // Eight years always contain a 29 February, the rarest yearly date.
    for (let year = startYear; year <= startYear + 8; year += 1) {
      for (const key of this.yearly) {
        const month = Math.floor(key / 100);
        const dom = key % 100;
        if (month === 2 && dom === 29 && !isLeapYear(year)) continue;
        const d = civilDay(year, month, dom);
        if (d >= day && (best === undefined || d < best)) best = d;
      }
      if (best !== undefined && best < civilDay(year + 1, 1, 1)) break;
    }
    return best;
  }
}
