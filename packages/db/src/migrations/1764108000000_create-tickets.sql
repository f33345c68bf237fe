-- Up Migration
-- Tickets as the workflows last wrote them, and every change that was asked for.
CREATE SEQUENCE ticket_number_seq;

CREATE TABLE tickets (
  id               text PRIMARY KEY,
  number           text NOT NULL UNIQUE,
  title            text NOT NULL,
  description      text,
  status           text NOT NULL,
  status_type      text NOT NULL,
  priority         smallint NOT NULL CHECK (priority BETWEEN 1 AND 5),
  queue            text NOT NULL,
  customer_user_id text,
  assignee         text,
  pending_until    timestamptz,
  escalation_level integer NOT NULL DEFAULT 0,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL
);

CREATE INDEX tickets_created_idx ON tickets (created_at DESC, id DESC);
CREATE INDEX tickets_status_idx ON tickets (status, created_at DESC);
CREATE INDEX tickets_assignee_idx ON tickets (assignee, created_at DESC);
CREATE INDEX tickets_queue_idx ON tickets (queue, created_at DESC);

-- change_id is the idempotency key of a change: a retried activity finds its row and writes nothing.
CREATE TABLE ticket_history (
  seq         bigserial PRIMARY KEY,
  change_id   text NOT NULL UNIQUE,
  ticket_id   text NOT NULL REFERENCES tickets (id),
  action      text NOT NULL,
  field       text,
  from_value  text,
  to_value    text,
  actor       text NOT NULL,
  reason      text,
  source      text NOT NULL,
  accepted    boolean NOT NULL,
  occurred_at timestamptz NOT NULL
);

CREATE INDEX ticket_history_ticket_idx ON ticket_history (ticket_id, seq);

-- Down Migration
DROP TABLE ticket_history;
DROP TABLE tickets;
DROP SEQUENCE ticket_number_seq;
