import type { CalendarSpec } from '@gotrs/contracts';
import { DAY_MS } from './civil-days';
import { CalendarSpanError, InvalidCalendarError } from './errors';
import { HolidaySet } from './holidays';
import { LocalDays } from './local-days';
import { parseCalendar } from './parse-calendar';
import { zoneOffsets } from './time-zone';
import { coversWholeWeek, dayPatterns } from './weekly-windows';

/** How many days in a row may be closed before a calendar counts as never opening again (ten years). */
const HORIZON_DAYS = 3660;
/** The most local days one call may look at: thirty years. */
const MAX_SPAN_DAYS = 10_958;
/** Instants taken: years 0001 to 9999, what ISO 8601 text and PostgreSQL can hold. */
const MIN_INSTANT = -62_135_596_800_000;
const MAX_INSTANT = 253_402_300_799_999;
const NONE: readonly number[] = [];

function checkInstant(name: string, value: number): void {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number of epoch milliseconds, got ${value}`);
  if (value < MIN_INSTANT || value > MAX_INSTANT) throw new RangeError(`${name} must lie in the years 0001 to 9999, got ${value}`);
}

const isoOf = (ms: number) => new Date(ms).toISOString();

/**
 * Business-time arithmetic over a validated `CalendarSpec`. All instants are epoch milliseconds; nothing
 * reads the clock, so it is deterministic and safe inside Temporal workflows. Windows are local wall time,
 * so a 09:00-17:00 window lasts 7 or 9 real hours when it spans a DST change; a local time skipped by a
 * change starts at the change, and a local time that occurs twice takes its earlier occurrence.
 *
 * The work of one call is bounded: instants lie in the years 0001 to 9999, no call looks at more than
 * `MAX_SPAN_DAYS` local days (thirty years) and `nextChange` at more than ten years, so even a calendar
 * open one minute a year answers or throws within milliseconds.
 */
export class BusinessCalendar {
  /** The most local days one call may look at (thirty years); a longer span is a `CalendarSpanError`. */
  static readonly MAX_SPAN_DAYS = MAX_SPAN_DAYS;
  /** `MAX_SPAN_DAYS` in milliseconds: the longest duration or span a call takes. */
  static readonly MAX_SPAN_MS = MAX_SPAN_DAYS * DAY_MS;

  /** The calendar's name from its specification. */
  readonly name: string;
  /** The calendar's IANA time zone. */
  readonly timezone: string;
  private readonly continuous: boolean;
  private readonly closesOnlyOnHolidays: boolean;
  private readonly holidays: HolidaySet;
  private readonly days: LocalDays;

  /** Builds the calendar; throws `InvalidCalendarError` listing every problem `validateCalendar` finds. */
  constructor(spec: CalendarSpec) {
    const parsed = parseCalendar(spec);
    if (parsed.problems.length > 0) throw new InvalidCalendarError(String(spec?.name ?? ''), parsed.problems);
    this.name = spec.name;
    this.timezone = spec.timezone;
    const patterns = dayPatterns(parsed.windows);
    this.holidays = new HolidaySet(parsed.holidays);
    this.closesOnlyOnHolidays = spec.alwaysOpen === true || coversWholeWeek(patterns);
    this.continuous = this.closesOnlyOnHolidays && this.holidays.isEmpty;
    this.days = new LocalDays(zoneOffsets(spec.timezone), patterns, this.holidays);
  }

  /** Whether the calendar is open at the instant. */
  isOpen(atMs: number): boolean {
    checkInstant('atMs', atMs);
    if (this.continuous) return true;
    const { open } = this.days.get(this.days.dayOf(atMs));
    for (let i = 0; i < open.length; i += 2) if (atMs >= open[i]! && atMs < open[i + 1]!) return true;
    return false;
  }

  /**
   * The earliest instant at which `durationMs` of open time has elapsed since `startMs`; from closed hours
   * the clock starts at the next opening. A zero duration returns `startMs`. Throws a RangeError for a
   * negative duration, `InvalidCalendarError` when the calendar stays closed for ten years, and
   * `CalendarSpanError` when the open time does not fit in `MAX_SPAN_DAYS` days.
   */
  addBusinessTime(startMs: number, durationMs: number): number {
    checkInstant('startMs', startMs);
    if (!Number.isFinite(durationMs) || durationMs < 0) throw new RangeError(`durationMs must be >= 0, got ${durationMs}`);
    if (durationMs === 0) return startMs;
    if (durationMs > BusinessCalendar.MAX_SPAN_MS) throw this.spanError(`cannot add ${durationMs} ms, more than ${MAX_SPAN_DAYS} days`);
    if (this.continuous) return startMs + durationMs;
    let remaining = durationMs;
    let closedDays = 0;
    const first = this.days.dayOf(startMs);
    for (let day = first; ; day += 1) {
      if (day - first > MAX_SPAN_DAYS) {
        throw this.spanError(`${durationMs} ms of open time do not fit in the ${MAX_SPAN_DAYS} days after ${isoOf(startMs)}`);
      }
      const open = this.days.isClosed(day) ? NONE : this.days.get(day).open;
      for (let i = 0; i < open.length; i += 2) {
        const from = Math.max(open[i]!, startMs);
        const available = open[i + 1]! - from;
        if (available <= 0) continue;
        if (remaining <= available) return from + remaining;
        remaining -= available;
      }
      closedDays = open.length > 0 ? 0 : closedDays + 1;
      if (closedDays > HORIZON_DAYS) throw new InvalidCalendarError(this.name, ['never opens again']);
    }
  }

  /**
   * Open milliseconds in `[startMs, endMs)`; 0 when `endMs <= startMs`. Throws `CalendarSpanError` at
   * once for a span longer than `MAX_SPAN_DAYS` days.
   */
  businessTimeBetween(startMs: number, endMs: number): number {
    checkInstant('startMs', startMs);
    checkInstant('endMs', endMs);
    if (endMs <= startMs) return 0;
    if (endMs - startMs > BusinessCalendar.MAX_SPAN_MS) {
      throw this.spanError(`${isoOf(startMs)} to ${isoOf(endMs)} spans more than ${MAX_SPAN_DAYS} days`);
    }
    if (this.continuous) return endMs - startMs;
    let total = 0;
    for (let day = this.days.dayOf(startMs); ; day += 1) {
      if (this.days.isClosed(day)) {
        // Adds nothing. Local midnight is within a day of UTC midnight, so this day surely starts after the end.
        if ((day - 1) * DAY_MS >= endMs) return total;
        continue;
      }
      const { start, open } = this.days.get(day);
      if (start >= endMs) return total;
      for (let i = 0; i < open.length; i += 2) {
        total += Math.max(0, Math.min(open[i + 1]!, endMs) - Math.max(open[i]!, startMs));
      }
    }
  }

  /**
   * The next instant after `atMs` at which the calendar opens or closes; undefined when it never changes
   * (24x7) or not within ten years.
   */
  nextChange(atMs: number): number | undefined {
    checkInstant('atMs', atMs);
    if (this.continuous) return undefined;
    const today = this.days.dayOf(atMs);
    if (this.closesOnlyOnHolidays) return this.nextHolidayChange(today);
    let current: [number, number] | undefined;
    for (let day = today; day <= today + HORIZON_DAYS; day += 1) {
      if (this.days.isClosed(day)) continue;
      const { open } = this.days.get(day);
      for (let i = 0; i < open.length; i += 2) {
        const [from, to] = [open[i]!, open[i + 1]!];
        if (current && from === current[1]) {
          current[1] = to;
          continue;
        }
        if (current && current[1] > atMs) return current[1];
        if (from > atMs) return from;
        current = [from, to];
      }
    }
    return undefined;
  }

  private spanError(reason: string): CalendarSpanError {
    return new CalendarSpanError(this.name, reason);
  }

  /** `nextChange` for a calendar open all week: it closes at the next holiday and opens after it. */
  private nextHolidayChange(today: number): number | undefined {
    if (this.holidays.has(today)) {
      for (let day = today + 1; day <= today + HORIZON_DAYS; day += 1) {
        if (!this.holidays.has(day)) return this.days.get(day).start;
      }
      return undefined;
    }
    const holiday = this.holidays.nextOnOrAfter(today + 1);
    return holiday === undefined ? undefined : this.days.get(holiday).start;
  }
}
