import type { Pool } from 'pg';

/** The name of the policy a ticket's SLA started with, or null when it has none (yet). */
export async function findSlaPolicyName(pool: Pool, ticketId: string): Promise<string | null> {
  const result = await pool.query<{ policy: string }>('SELECT policy FROM ticket_sla WHERE ticket_id = $1', [ticketId]);
  return result.rows[0]?.policy ?? null;
}

/** How many milestone clocks are in one state under one policy. */
export interface OpenSlaClocks {
  milestone: string;
  /** `running`, `warned`, `paused` or `breached` (breached and not yet met). */
  state: string;
  /** Null for a clock whose plan was not recorded. */
  policy: string | null;
  count: number;
}

/** The milestone clocks not met yet, counted by milestone, state and policy (one aggregate query). */
export async function countOpenSlaClocks(pool: Pool): Promise<OpenSlaClocks[]> {
  const result = await pool.query<{ milestone: string; state: string; policy: string | null; count: string }>(
    `SELECT m.milestone, m.state, s.policy, count(*) AS count
       FROM sla_milestones m LEFT JOIN ticket_sla s ON s.ticket_id = m.ticket_id
      WHERE m.met_at IS NULL
      GROUP BY m.milestone, m.state, s.policy`,
  );
  return result.rows.map((row) => ({ milestone: row.milestone, state: row.state, policy: row.policy, count: Number(row.count) }));
}
