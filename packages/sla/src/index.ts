export { parseIsoDuration, formatIsoDuration } from './iso-duration';
export { validateCalendar } from './validate-calendar';
export { BusinessCalendar } from './business-calendar';
export { SlaErrorCodes, SlaError, InvalidDurationError, InvalidCalendarError, CalendarSpanError, InvalidPlanError } from './errors';
export type { SlaErrorCode } from './errors';
export { DEFAULT_PAUSE_ON, DEFAULT_WARN, selectPolicy, buildPlan, planFromTargets, followsPolicy, replannedPlan } from './plan';
export { validatePlan, assertValidPlan } from './validate-plan';
export { stateOf } from './milestone-clock';
export { SlaClock, REOPEN_REASON } from './sla-clock';
export { milestoneView, reopenSummary } from './view';
export { slaStartSearchAttributes, slaSummary } from './summary';
export type { MilestoneView, ReopenSummary } from './view';
/**
 * The SLA wire types live in @gotrs/contracts (they cross the Temporal boundary); re-exported here
 * for the callers that compute with them, so one import serves both.
 */
export { WEEKDAYS, CALENDAR_24X7 } from '@gotrs/contracts';
export type {
  CalendarSpec,
  Weekday,
  WarnRule,
  SlaPolicy,
  PolicyRule,
  SlaSettings,
  MilestonePlan,
  SlaPlan,
  MilestoneClock,
  SlaEvent,
  SlaEventType,
  SlaClockSnapshot,
} from '@gotrs/contracts';
