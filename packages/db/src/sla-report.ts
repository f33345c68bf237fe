import type { Pool } from 'pg';
import { inTransaction } from './transaction';

/** What an SLA report can be grouped by. */
export const SLA_REPORT_GROUPS = ['queue', 'priority', 'policy', 'assignee', 'calendar'] as const;
export type SlaReportGroup = (typeof SLA_REPORT_GROUPS)[number];

/**
 * A report over the milestone cycles whose clock started in [from, to): a ticket's first cycles
 * start at its creation, an Update cycle at the response that ended the one before, a reopen's at
 * the reopen.
 */
export interface SlaReportQuery {
  from: Date;
  to: Date;
  groupBy: SlaReportGroup;
  /** Also by the UTC week (from Monday 00:00) the cycles started in. */
  byWeek?: boolean;
}

/** One group's figures for one milestone (and, by week, one week). Times in seconds. */
export interface SlaReportRow {
  /** The group's value (priority as text); null for tickets without one (unassigned, or no row). */
  group: string | null;
  milestone: string;
  /** `YYYY-MM-DD`, the Monday of the week; only by week. */
  week?: string;
  /** Distinct tickets with a cycle of this milestone. */
  tickets: number;
  /** Cycles met without a breach; a close that ends a cycle meets it, as the SLA view says. */
  met: number;
  /** Cycles breached, whether met afterwards or not. */
  breached: number;
  /** Cycles neither met nor breached yet (running, warned or paused). */
  running: number;
  /** met / (met + breached); null when both are 0. */
  compliance: number | null;
  /** Business time from the cycle's start to its meet, paused time left out, over the met cycles. */
  medianSecondsToMeet: number | null;
  p90SecondsToMeet: number | null;
  /** Business time past the target at the meet, over the breached cycles met since. */
  medianSecondsLate: number | null;
}

const GROUP_VALUE: Record<SlaReportGroup, string> = {
  queue: 't.queue',
  priority: 't.priority::text',
  assignee: 't.assignee',
  policy: 'p.policy',
  calendar: "p.plan #>> '{calendar,name}'",
};

const GROUP_JOIN: Record<SlaReportGroup, string> = {
  queue: 'LEFT JOIN tickets t ON t.id = c.ticket_id',
  priority: 'LEFT JOIN tickets t ON t.id = c.ticket_id',
  assignee: 'LEFT JOIN tickets t ON t.id = c.ticket_id',
  policy: 'LEFT JOIN ticket_sla p ON p.ticket_id = c.ticket_id',
  calendar: 'LEFT JOIN ticket_sla p ON p.ticket_id = c.ticket_id',
};

const WEEK = "to_char(date_trunc('week', c.started_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD')";

/**
 * The report's SQL; `$1` and `$2` are from and to. Each cycle is its `start` event with the `breach`
 * and `meet` of the same key (at most one each), found by one probe of the outcome index per cycle
 * (a lateral join: a hash join would read every outcome ever recorded). The target, for lateness, is
 * looked up only for cycles met after their breach (it is the same in every cycle of a ticket's milestone).
 */
export function slaReportSql(groupBy: SlaReportGroup, byWeek = false): string {
  const keys = ['grp', 'c.milestone', ...(byWeek ? ['week'] : [])];
  return `
WITH cycles AS (
  SELECT s.ticket_id, s.milestone, s.occurred_at AS started_at,
         coalesce(o.breached, false) AS breached, coalesce(o.met, false) AS met, o.met_ms,
         CASE WHEN o.breached AND o.met THEN o.met_ms -
           (SELECT ms.target_ms FROM sla_milestones ms WHERE ms.ticket_id = s.ticket_id AND ms.milestone = s.milestone) END AS late_ms
    FROM sla_events s
    LEFT JOIN LATERAL (
      SELECT bool_or(e.type = 'breach') AS breached, bool_or(e.type = 'meet') AS met, max(e.business_elapsed_ms) AS met_ms
        FROM sla_events e
       WHERE e.type IN ('meet', 'breach') AND e.ticket_id = s.ticket_id AND e.milestone = s.milestone AND e.cycle = s.cycle
    ) o ON true
   WHERE s.type = 'start' AND s.occurred_at >= $1 AND s.occurred_at < $2
)
SELECT ${GROUP_VALUE[groupBy]} AS grp, c.milestone,${byWeek ? ` ${WEEK} AS week,` : ''}
       count(DISTINCT c.ticket_id)::int AS tickets,
       count(*) FILTER (WHERE c.met AND NOT c.breached)::int AS met,
       count(*) FILTER (WHERE c.breached)::int AS breached,
       count(*) FILTER (WHERE NOT c.met AND NOT c.breached)::int AS running,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY c.met_ms) FILTER (WHERE c.met AND NOT c.breached) AS median_ms,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY c.met_ms) FILTER (WHERE c.met AND NOT c.breached) AS p90_ms,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY c.late_ms) AS late_ms
  FROM cycles c
  ${GROUP_JOIN[groupBy]}
 GROUP BY ${keys.join(', ')}
 ORDER BY (${GROUP_VALUE[groupBy]}) COLLATE "C" NULLS LAST, array_position(ARRAY['FirstResponse', 'Resolution', 'Update'], c.milestone::text), c.milestone${byWeek ? ', week' : ''}`;
}

interface ReportRecord {
  grp: string | null;
  milestone: string;
  week?: string;
  tickets: number;
  met: number;
  breached: number;
  running: number;
  median_ms: number | null;
  p90_ms: number | null;
  late_ms: number | null;
}

/**
 * Settings the report's query runs under (SET LOCAL): no JIT (compiling the plan cost more than it
 * saved at a million cycles), and memory enough for the percentiles' sorts not to spill to disk.
 */
export const SLA_REPORT_SETTINGS = ["SET LOCAL jit = off", "SET LOCAL work_mem = '64MB'"];

const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);

/** SLA compliance per group and milestone (and week) over the cycles started in [from, to), in one query. */
export async function slaReport(pool: Pool, query: SlaReportQuery): Promise<SlaReportRow[]> {
  const result = await inTransaction(pool, async (client) => {
    for (const setting of SLA_REPORT_SETTINGS) await client.query(setting);
    return client.query<ReportRecord>(slaReportSql(query.groupBy, query.byWeek), [query.from, query.to]);
  });
  return result.rows.map((r) => ({
    group: r.grp,
    milestone: r.milestone,
    ...(query.byWeek ? { week: r.week! } : {}),
    tickets: r.tickets,
    met: r.met,
    breached: r.breached,
    running: r.running,
    compliance: r.met + r.breached === 0 ? null : r.met / (r.met + r.breached),
    medianSecondsToMeet: seconds(r.median_ms),
    p90SecondsToMeet: seconds(r.p90_ms),
    medianSecondsLate: seconds(r.late_ms),
  }));
}
