export { parseIsoDuration, formatIsoDuration } from './iso-duration';
export { WEEKDAYS, CALENDAR_24X7 } from './calendar-spec';
export type { CalendarSpec, Weekday } from './calendar-spec';
export { validateCalendar } from './validate-calendar';
export { BusinessCalendar } from './business-calendar';
export { SlaErrorCodes, SlaError, InvalidDurationError, InvalidCalendarError } from './errors';
export type { SlaErrorCode } from './errors';
