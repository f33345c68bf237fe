/**
 * Bounds on what callers may ask for, so that no input can keep a computation busy or a timer
 * pending for centuries. Documented in docs/CONTRACT.md and enforced by every decoder and schema.
 */

const DAY_MS = 86_400_000;

/** The longest duration the product takes anywhere: SLA targets, warning leads, escalation waits. */
export const MAX_DURATION_MS = 366 * DAY_MS;

/** The same bound as an ISO 8601 duration, for messages and the OpenAPI document. */
export const MAX_DURATION_ISO = 'P366D';
