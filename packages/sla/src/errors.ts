/** Stable machine-readable codes of the errors this package throws. */
export const SlaErrorCodes = {
  invalidDuration: 'invalid_duration',
  invalidCalendar: 'invalid_calendar',
  calendarSpan: 'calendar_span_exceeded',
  invalidPlan: 'invalid_plan',
} as const;

export type SlaErrorCode = (typeof SlaErrorCodes)[keyof typeof SlaErrorCodes];

/** Base of every error thrown here: plain data with a stable `code`, safe to throw inside workflows. */
export class SlaError extends Error {
  constructor(
    readonly code: SlaErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SlaError';
  }
}

/** An ISO 8601 duration that is malformed, zero, or uses years or months (which have no fixed length). */
export class InvalidDurationError extends SlaError {
  constructor(
    readonly input: string,
    reason: string,
  ) {
    super(SlaErrorCodes.invalidDuration, `invalid duration "${input}": ${reason}`);
    this.name = 'InvalidDurationError';
  }
}

/** A calendar specification with problems; `problems` lists each one with its path (`week.mon[1]: ...`). */
export class InvalidCalendarError extends SlaError {
  constructor(
    readonly calendarName: string,
    readonly problems: readonly string[],
  ) {
    super(SlaErrorCodes.invalidCalendar, `invalid calendar "${calendarName}": ${problems.join('; ')}`);
    this.name = 'InvalidCalendarError';
  }
}

/**
 * A calendar computation that would have to look further than the calendar's span bound
 * (`BusinessCalendar.MAX_SPAN_DAYS`): the answer lies that far away, or the input spans that long.
 * Thrown at once or after bounded work, never after minutes of looping.
 */
export class CalendarSpanError extends SlaError {
  constructor(
    readonly calendarName: string,
    reason: string,
  ) {
    super(SlaErrorCodes.calendarSpan, `calendar "${calendarName}": ${reason}`);
    this.name = 'CalendarSpanError';
  }
}

/** An SLA plan that the SLA clock cannot run: `problems` lists each one with its path (`milestones[0].targetMs: ...`). */
export class InvalidPlanError extends SlaError {
  constructor(readonly problems: readonly string[]) {
    super(SlaErrorCodes.invalidPlan, `invalid SLA plan: ${problems.join('; ')}`);
    this.name = 'InvalidPlanError';
  }
}
