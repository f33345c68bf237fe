const DAY_MS = 86_400_000;
const PROBE_CACHE_LIMIT = 8192;

/**
 * One `ZoneOffsets` per time zone for the whole process: building an `Intl.DateTimeFormat` costs far more
 * than using one, and the probe cache can then serve every calendar in the zone. It holds only pure
 * values, so sharing it between workflows cannot change a result.
 */
const zones = new Map<string, ZoneOffsets>();

/** The shared offsets of a time zone; throws a RangeError when `Intl` does not know it. */
export function zoneOffsets(timezone: string): ZoneOffsets {
  let zone = zones.get(timezone);
  if (!zone) {
    zone = new ZoneOffsets(timezone);
    zones.set(timezone, zone);
  }
  return zone;
}

/** Whether `Intl` knows the IANA time zone name. */
export function isKnownTimeZone(timezone: string): boolean {
  try {
    zoneOffsets(timezone);
    return true;
  } catch {
    return false;
  }
}

/**
 * UTC offsets of one time zone through `Intl.DateTimeFormat`, at second precision (the precision of the
 * time-zone database). "Local milliseconds" are a wall-clock time written as if it were UTC.
 */
export class ZoneOffsets {
  private readonly format: Intl.DateTimeFormat;
  private readonly probes = new Map<number, number>();

  constructor(readonly timezone: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** The offset at 00:00 UTC of a civil day number, memoised: the probes `LocalDays` brackets changes with. */
  offsetAtUtcMidnight(day: number): number {
    let offset = this.probes.get(day);
    if (offset === undefined) {
      offset = this.offsetAt(day * DAY_MS);
      if (this.probes.size >= PROBE_CACHE_LIMIT) this.probes.clear();
      this.probes.set(day, offset);
    }
    return offset;
  }

  /** Local time minus UTC at the instant, in milliseconds. */
  offsetAt(instantMs: number): number {
    const second = Math.floor(instantMs / 1000) * 1000;
    const fields: Record<string, number> = {};
    for (const part of this.format.formatToParts(second)) {
      if (part.type !== 'literal') fields[part.type] = Number(part.value);
    }
    const local = new Date(0);
    local.setUTCFullYear(fields.year!, fields.month! - 1, fields.day);
    // Some ICU versions write midnight as 24 even with h23.
    local.setUTCHours(fields.hour! % 24, fields.minute, fields.second, 0);
    return local.getTime() - second;
  }

  /**
   * The instant of a local wall-clock time, given the offsets in force before and after it (at most one
   * change in between). A time that occurs twice takes the earlier instant; a time skipped by a change
   * maps to the change itself, the first valid instant after it.
   */
  localToInstant(localMs: number, offsetBefore: number, offsetAfter: number): number {
    const early = localMs - offsetBefore;
    if (offsetBefore === offsetAfter) return early;
    const late = localMs - offsetAfter;
    const earlyValid = this.offsetAt(early) === offsetBefore;
    const lateValid = this.offsetAt(late) === offsetAfter;
    if (earlyValid && lateValid) return Math.min(early, late);
    if (earlyValid) return early;
    if (lateValid) return late;
    return this.changeBetween(Math.min(early, late), Math.max(early, late), offsetBefore);
  }

  /** The first instant in `(from, to]` whose offset is no longer `offsetBefore`, found to the second. */
  private changeBetween(from: number, to: number, offsetBefore: number): number {
    let low = Math.floor(from / 1000);
    let high = Math.ceil(to / 1000);
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (this.offsetAt(middle * 1000) === offsetBefore) low = middle;
      else high = middle;
    }
    return high * 1000;
  }
}
