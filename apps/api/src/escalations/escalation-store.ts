import { countManualEscalations, findEscalationRuns, findPlannedEscalation, type EscalationRun } from '@gotrs/db';
import type { EscalationRule } from '@gotrs/contracts';
import type { Pool } from 'pg';
import { guardedRead } from '../errors/database-guard';

/** Escalation reads from PostgreSQL (the escalation workflow writes them); unreachable is a 503. */
export function createEscalationStore(pool: Pool) {
  return {
    /** Ladder runs of the ticket not recorded as ended, newest first. */
    unfinishedRuns: (ticketId: string): Promise<EscalationRun[]> => guardedRead(() => findEscalationRuns(pool, ticketId, { running: true })),
    manualCount: (ticketId: string): Promise<number> => guardedRead(() => countManualEscalations(pool, ticketId)),
    /** The ladder of the SLA plan the ticket started with; null when it has none. */
    async plannedLadder(ticketId: string): Promise<EscalationRule[] | null> {
      const planned = await guardedRead(() => findPlannedEscalation(pool, ticketId));
      return planned && planned.rules.length > 0 ? planned.rules : null;
    },
  };
}

export type EscalationStore = ReturnType<typeof createEscalationStore>;
