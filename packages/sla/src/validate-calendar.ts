import { parseCalendar } from './parse-calendar';

/**
 * Checks a calendar specification (for example one read from configuration) and returns its problems,
 * each prefixed with the path of the offending field (`week.mon[1]: ...`); an empty list means valid.
 */
export function validateCalendar(spec: unknown): string[] {
  return parseCalendar(spec).problems;
}
