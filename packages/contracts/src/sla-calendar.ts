/** Day keys of `CalendarSpec.week`, Monday first. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** A day of the week as written in a calendar specification. */
export type Weekday = (typeof WEEKDAYS)[number];

/** A business-hours calendar as written in configuration. */
export interface CalendarSpec {
  /** Shown in the ticket's SLA view and in error messages. */
  name: string;
  /** IANA time zone (`Europe/Berlin`); windows and holidays are in its local wall time. */
  timezone: string;
  /**
   * Working windows per day as `"HH:MM-HH:MM"`, several per day allowed. An end at or before the start
   * is an overnight shift ending the next day; `"00:00-24:00"` is a whole day. Days left out are closed.
   */
  week?: Partial<Record<Weekday, string[]>>;
  /**
   * Closed local days: `"YYYY-MM-DD"` once, `"--MM-DD"` every year. A holiday closes its day from 00:00
   * to 24:00: an overnight shift from the evening before stops at midnight, and one starting on the
   * holiday's evening is closed until midnight and then open as usual.
   */
  holidays?: string[];
  /** Open at every instant (24x7); cannot be combined with `week` or `holidays`. */
  alwaysOpen?: boolean;
}

/** The default calendar: open around the clock, in UTC. */
export const CALENDAR_24X7: CalendarSpec = Object.freeze({ name: '24x7', timezone: 'UTC', alwaysOpen: true });
