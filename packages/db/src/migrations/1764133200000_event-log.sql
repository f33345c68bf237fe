-- Up Migration
-- The event log: one row per change that other systems hear about (GET /api/v1/events, and later
-- webhooks and policy previews), written in the same transaction as the change it describes.
--
-- `id` orders the log: writers take one transaction-level advisory lock just before they insert (the
-- last thing they do before COMMIT), so ids are handed out in commit order and a reader that has seen
-- id N has seen every committed event below it (gaps are rolled-back transactions). `event_key` is the
-- change's own idempotency key (a history row's change ID, an SLA event's key...): a retried activity
-- writes no second event. `customer_user_id` (and `tenant_id`, once tickets carry one) are copied
-- from the ticket so that access can be decided without a join.
CREATE TABLE events (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_key        text        NOT NULL UNIQUE,
  type             text        NOT NULL,
  ticket_id        text,
  customer_user_id text,
  tenant_id        text,
  data             jsonb       NOT NULL,
  occurred_at      timestamptz NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now()
);

-- "Events of this ticket after id X" (a filtered stream's replay, per-ticket consumers).
CREATE INDEX events_ticket_id_idx ON events (ticket_id, id);

-- One row: the highest id a prune removed, so that a cursor below it is known to have lost events.
CREATE TABLE event_log_state (
  singleton      boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  pruned_through bigint  NOT NULL DEFAULT 0
);
INSERT INTO event_log_state DEFAULT VALUES;

-- Down Migration
DROP TABLE event_log_state;
DROP TABLE events;
