-- Up Migration
-- SLA compliance reports (GET /api/v1/reports/sla). The unit of a report is a milestone cycle: its
-- `start` event, and the `breach` and `meet` events of the same ticket, milestone and cycle (each at
-- most once: their event keys are per cycle).

-- The business time from the cycle's start to its meet, paused time left out, as the SLA clock
-- computed it when the milestone was met (the calendar is the plan's; SQL cannot compute it).
-- sla_milestones keeps only each milestone's latest cycle, so the Update cycles a response ended and
-- the cycles a reopen replaced would lose it.
ALTER TABLE sla_events ADD COLUMN business_elapsed_ms bigint CHECK (business_elapsed_ms >= 0);

-- Meets recorded before this column: their clock is still the latest cycle's wherever it was met at
-- that instant (an ended Update cycle or a replaced one stays NULL: counted as met, not in the times).
UPDATE sla_events e SET business_elapsed_ms = m.elapsed_ms
  FROM sla_milestones m
 WHERE e.type = 'meet' AND m.ticket_id = e.ticket_id AND m.milestone = e.milestone AND m.cycle = e.cycle
   AND m.met_at = e.occurred_at;

-- The cycles a report's range selects: started in [from, to).
CREATE INDEX sla_events_report_start_idx ON sla_events (occurred_at) INCLUDE (ticket_id, milestone, cycle)
  WHERE type = 'start';
-- Each cycle's outcome, found by its key (an index-only lookup with the time to meet).
CREATE INDEX sla_events_report_outcome_idx ON sla_events (ticket_id, milestone, cycle, type)
  INCLUDE (business_elapsed_ms, occurred_at) WHERE type IN ('meet', 'breach');

-- Down Migration
DROP INDEX sla_events_report_outcome_idx;
DROP INDEX sla_events_report_start_idx;
ALTER TABLE sla_events DROP COLUMN business_elapsed_ms;
