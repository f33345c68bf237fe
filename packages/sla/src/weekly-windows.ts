import { DAY_MINUTES } from './civil-days';

const WEEK_MINUTES = 7 * DAY_MINUTES;

/** A span in minutes: `[start, end)`. */
export type MinuteSpan = readonly [start: number, end: number];

/** One parsed `"HH:MM-HH:MM"` window of a weekday (0 = Monday); `end` exceeds 1440 for overnight shifts. */
export interface WeekWindow {
  weekday: number;
  start: number;
  end: number;
  /** Where it was written, for messages: `week.mon[1]`. */
  path: string;
  text: string;
}

/** Parses `"HH:MM-HH:MM"` into local minutes; returns the reason as a string when it is not a window. */
export function parseWindow(text: unknown): { start: number; end: number } | string {
  if (typeof text !== 'string') return 'must be a string "HH:MM-HH:MM"';
  const match = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(text);
  if (!match) return `"${text}" is not "HH:MM-HH:MM"`;
  const [startHour, startMinute, endHour, endMinute] = match.slice(1).map(Number) as [number, number, number, number];
  if (startHour > 23 || startMinute > 59) return `"${text}" starts at an invalid time (00:00 to 23:59)`;
  const endIsMidnight = endHour === 24 && endMinute === 0;
  if (!endIsMidnight && (endHour > 23 || endMinute > 59)) return `"${text}" ends at an invalid time (00:00 to 24:00)`;
  const start = startHour * 60 + startMinute;
  const end = endHour * 60 + endMinute;
  return { start, end: end <= start ? end + DAY_MINUTES : end };
}

/** Messages for windows that overlap on the weekly timeline, overnight shifts and Sunday-to-Monday included. */
export function findOverlaps(windows: readonly WeekWindow[]): string[] {
  const pieces: { start: number; end: number; owner: WeekWindow }[] = [];
  for (const owner of windows) {
    const start = owner.weekday * DAY_MINUTES + owner.start;
    const end = owner.weekday * DAY_MINUTES + owner.end;
    pieces.push({ start, end: Math.min(end, WEEK_MINUTES), owner });
    if (end > WEEK_MINUTES) pieces.push({ start: 0, end: end - WEEK_MINUTES, owner });
  }
  pieces.sort((a, b) => a.start - b.start || a.end - b.end);
  const problems = new Set<string>();
  let reach: (typeof pieces)[number] | undefined;
  for (const piece of pieces) {
    if (reach && piece.start < reach.end) {
      const [first, second] = [reach.owner, piece.owner].sort((a, b) => a.weekday - b.weekday || a.start - b.start);
      problems.add(`${second!.path}: "${second!.text}" overlaps ${first!.path} ("${first!.text}")`);
    }
    if (!reach || piece.end > reach.end) reach = piece;
  }
  return [...problems];
}

/**
 * The open local minutes of each weekday (0 = Monday) within `[0, 1440]`: its own windows cut at
 * midnight plus the morning part of the previous day's overnight shifts, sorted, touching spans merged.
 */
export function dayPatterns(windows: readonly WeekWindow[]): MinuteSpan[][] {
  return Array.from({ length: 7 }, (_, weekday) => {
    const spans: [number, number][] = [];
    for (const w of windows) {
      if (w.weekday === weekday) spans.push([w.start, Math.min(w.end, DAY_MINUTES)]);
      if (w.weekday === (weekday + 6) % 7 && w.end > DAY_MINUTES) spans.push([0, w.end - DAY_MINUTES]);
    }
    spans.sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const span of spans) {
      const last = merged[merged.length - 1];
      if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
      else merged.push([span[0], span[1]]);
    }
    return merged;
  });
}

/** Whether the patterns leave no minute of the week closed. */
export function coversWholeWeek(patterns: readonly (readonly MinuteSpan[])[]): boolean {
  return patterns.every((spans) => spans.length === 1 && spans[0]![0] === 0 && spans[0]![1] === DAY_MINUTES);
}
