import { DAY_MINUTES, DAY_MS, weekdayOf } from './civil-days';
import type { HolidaySet } from './holidays';
import type { ZoneOffsets } from './time-zone';
import type { MinuteSpan } from './weekly-windows';

/** One local calendar day resolved to instants (epoch milliseconds). */
export interface LocalDay {
  /** The instant of local 00:00. */
  start: number;
  /** The instant of the next day's 00:00 (the day is 23, 24 or 25 hours long, or shorter in odd zones). */
  end: number;
  /** Open spans as `[start0, end0, start1, end1, ...]`, sorted, non-empty, within `[start, end]`. */
  open: readonly number[];
}

const MINUTE_MS = 60_000;
const CACHE_LIMIT = 4096;

/** A bounded memo: results never depend on it, only speed does. */
function remember<V>(cache: Map<number, V>, key: number, compute: () => V): V {
  const known = cache.get(key);
  if (known !== undefined) return known;
  const value = compute();
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/**
 * Resolves a calendar's local days (civil day numbers in its time zone) to open spans in real time, with
 * DST handled by `ZoneOffsets`. Assumes, as holds for every real zone, that a zone's offset changes at
 * most once in any 72 hours. Caches per day; deterministic.
 */
export class LocalDays {
  private readonly days = new Map<number, LocalDay>();
  private readonly midnights = new Map<number, number>();

  constructor(
    private readonly zone: ZoneOffsets,
    private readonly patterns: readonly (readonly MinuteSpan[])[],
    private readonly holidays: HolidaySet,
  ) {}

  /** The local day with civil day number `day`. */
  get(day: number): LocalDay {
    return remember(this.days, day, () => this.resolve(day));
  }

  /**
   * Whether the local day is certainly closed (a holiday, or a weekday without windows), known
   * without resolving it to instants; a false answer may still be a day whose spans vanish.
   */
  isClosed(day: number): boolean {
    return this.patterns[weekdayOf(day)]!.length === 0 || this.holidays.has(day);
  }

  /** The civil day number of the local day containing the instant. */
  dayOf(instantMs: number): number {
    let day = Math.floor(instantMs / DAY_MS);
    while (instantMs < this.midnight(day)) day -= 1;
    while (instantMs >= this.midnight(day + 1)) day += 1;
    return day;
  }

  private resolve(day: number): LocalDay {
    const start = this.midnight(day);
    const end = this.midnight(day + 1);
    const spans = this.holidays.has(day) ? [] : this.patterns[weekdayOf(day)]!;
    const open: number[] = [];
    for (const [from, to] of spans) {
      const s = from === 0 ? start : Math.max(start, this.instant(day, from, day - 1, day + 2));
      const e = to === DAY_MINUTES ? end : Math.min(end, this.instant(day, to, day - 1, day + 2));
      if (e > s) open.push(s, e);
    }
    return { start, end, open };
  }

  /** The instant of local 00:00 of the day, shared by the day and the one before it. */
  private midnight(day: number): number {
    return remember(this.midnights, day, () => this.instant(day, 0, day - 1, day + 1));
  }

  /** Local time `minute` of `day`, with offsets probed at the UTC midnights of two other days. */
  private instant(day: number, minute: number, probeBefore: number, probeAfter: number): number {
    const before = this.zone.offsetAtUtcMidnight(probeBefore);
    const after = this.zone.offsetAtUtcMidnight(probeAfter);
    return this.zone.localToInstant(day * DAY_MS + minute * MINUTE_MS, before, after);
  }
}
