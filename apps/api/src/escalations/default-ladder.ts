import type { EscalationRule } from '@gotrs/contracts';

const HOUR_MS = 3_600_000;

/**
 * The ladder a ticket without an SLA plan (`ticket_sla.plan.escalation`) is escalated by hand with:
 * level 1 at once, level 2 an hour later and level 3 four hours after that, each only while the
 * ticket is unresolved; the higher levels raise the priority. The managers of the default SLA policy
 * are told (the rules name nobody).
 */
export const DEFAULT_LADDER: readonly EscalationRule[] = [
  { level: 1, waitMs: HOUR_MS, condition: 'unresolved' },
  { level: 2, waitMs: 4 * HOUR_MS, condition: 'unresolved', raisePriorityTo: 4 },
  { level: 3, waitMs: 0, condition: 'unresolved', raisePriorityTo: 5 },
];
