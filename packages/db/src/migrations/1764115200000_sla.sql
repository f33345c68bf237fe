-- Up Migration
-- Agent responses (first response and update milestones; the `unanswered` escalation condition).
ALTER TABLE tickets
  ADD COLUMN first_response_at timestamptz,
  ADD COLUMN last_response_at  timestamptz;

-- The SLA tables name tickets without a foreign key: an SLA workflow may record its start before the
-- ticket's own workflow has written the row (both start together), and must never wait for it.

-- The SLA plan a ticket started with (a snapshot: a later policy change does not touch it).
CREATE TABLE ticket_sla (
  ticket_id      text PRIMARY KEY,
  policy         text NOT NULL,
  policy_version integer NOT NULL,
  reason         text NOT NULL,
  plan           jsonb NOT NULL,
  started_at     timestamptz NOT NULL
);

-- Each milestone's clock as its workflow last recorded it; the API computes live figures from it.
CREATE TABLE sla_milestones (
  ticket_id       text NOT NULL,
  milestone       text NOT NULL,
  cycle           integer NOT NULL,
  state           text NOT NULL,
  target_ms       bigint NOT NULL,
  elapsed_ms      bigint NOT NULL,
  running_since   timestamptz,
  paused_ms       bigint NOT NULL,
  paused_since    timestamptz,
  due_at          timestamptz,
  warn_at         timestamptz,
  warned_at       timestamptz,
  met_at          timestamptz,
  breached_at     timestamptz,
  updated_at      timestamptz NOT NULL,
  PRIMARY KEY (ticket_id, milestone)
);

-- Every SLA event (start, pause, resume, warn, meet, breach, escalate) with its reason, once each.
CREATE TABLE sla_events (
  seq        bigserial PRIMARY KEY,
  event_key  text NOT NULL UNIQUE,
  ticket_id  text NOT NULL,
  milestone  text,
  cycle      integer,
  type       text NOT NULL,
  reason     text,
  due_at     timestamptz,
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX sla_events_ticket_idx ON sla_events (ticket_id, occurred_at, seq);

-- Down Migration
DROP TABLE sla_events;
DROP TABLE sla_milestones;
DROP TABLE ticket_sla;
ALTER TABLE tickets DROP COLUMN last_response_at, DROP COLUMN first_response_at;
