import { ApiError } from '../errors/api-error';
import { DEFAULT_REPORT_DAYS, MAX_REPORT_DAYS } from '../schemas/sla-report';

const DAY_MS = 86_400_000;

/** A report's range, [from, to). */
export interface ReportRange {
  from: Date;
  to: Date;
}

function instant(text: string, field: 'from' | 'to'): Date {
  const date = new Date(text);
  // The schema's date-time format lets through what Date cannot hold (a leap second, year 275760 and beyond).
  if (Number.isNaN(date.getTime())) throw new ApiError('invalid_report_range', `${field} is not an instant this API can use`, [{ field: `querystring.${field}`, message: 'must be a valid date-time' }]);
  return date;
}

/**
 * The range a report covers: `to` now by default, `from` DEFAULT_REPORT_DAYS before `to`; `from`
 * must come before `to`, at most MAX_REPORT_DAYS before it (400 `invalid_report_range`).
 */
export function reportRange(query: { from?: string; to?: string }, now: Date = new Date()): ReportRange {
  const to = query.to === undefined ? now : instant(query.to, 'to');
  const from = query.from === undefined ? new Date(to.getTime() - DEFAULT_REPORT_DAYS * DAY_MS) : instant(query.from, 'from');
  if (from.getTime() >= to.getTime()) {
    throw new ApiError('invalid_report_range', `from (${from.toISOString()}) must be before to (${to.toISOString()})`, [
      { field: 'querystring.from', message: 'must be before to' },
    ]);
  }
  if (to.getTime() - from.getTime() > MAX_REPORT_DAYS * DAY_MS) {
    throw new ApiError('invalid_report_range', `a report covers at most ${MAX_REPORT_DAYS} days; from ${from.toISOString()} to ${to.toISOString()} is longer`, [
      { field: 'querystring.to', message: `must be at most ${MAX_REPORT_DAYS} days after from` },
    ]);
  }
  return { from, to };
}
