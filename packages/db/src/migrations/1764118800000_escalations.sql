-- Up Migration
-- Escalation ladders (EscalationWorkflow). Like the SLA tables they name tickets without a foreign
-- key: a Go caller may start a ladder for a ticket whose row is not written yet.

-- One row per ladder run, written when it starts and completed when it stops. The API reads it to
-- find a running ladder to advance and to number manual escalations (`manual:{n}`).
CREATE TABLE escalation_runs (
  workflow_id text PRIMARY KEY,
  run_id      text NOT NULL,
  ticket_id   text NOT NULL,
  trigger     text NOT NULL,
  reason      text NOT NULL,
  rules       jsonb NOT NULL,
  started_at  timestamptz NOT NULL,
  ended_at    timestamptz,
  -- ladder-complete | condition-cleared | ticket-not-found
  outcome     text,
  detail      text
);

CREATE INDEX escalation_runs_ticket_idx ON escalation_runs (ticket_id, started_at DESC);

-- Every level that fired, once per (workflow ID, level) whatever retries happen.
CREATE TABLE escalations (
  workflow_id    text NOT NULL,
  level          integer NOT NULL CHECK (level >= 1),
  ticket_id      text NOT NULL,
  trigger        text NOT NULL,
  condition      text NOT NULL,
  actor          text NOT NULL,
  reason         text,
  -- The ticket's escalation level before and after (never lowered: after >= before).
  from_level     integer NOT NULL,
  to_level       integer NOT NULL,
  queue          text,
  priority       smallint,
  assigned_agent text,
  fired_at       timestamptz NOT NULL,
  PRIMARY KEY (workflow_id, level)
);

CREATE INDEX escalations_ticket_idx ON escalations (ticket_id, fired_at);

-- Down Migration
DROP TABLE escalations;
DROP TABLE escalation_runs;
