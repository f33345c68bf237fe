-- Up Migration
-- Who did it, as the gateway knows them (the structured actor of @gotrs/contracts): how they
-- authenticated (gotrs-token, jwks-token, api-key; temporal for a name a Go caller gave unverified;
-- system for the workflows themselves), the person's GOTRS user ID and email, or the API key's ID and
-- name, and whom an actor:impersonate key acted for. The `actor` text column (where a table has one)
-- keeps the label. Rows written before this migration have NULL here: not recorded.

ALTER TABLE ticket_history
  ADD COLUMN actor_method       text CHECK (actor_method IN ('gotrs-token', 'jwks-token', 'api-key', 'temporal', 'system')),
  ADD COLUMN actor_user_id      text,
  ADD COLUMN actor_email        text,
  ADD COLUMN actor_key_id       text,
  ADD COLUMN actor_key_name     text,
  ADD COLUMN actor_on_behalf_of text;

-- SLA events had no actor: the clock's own events are `sla` (system); a pause, resume, meet or new
-- cycle records who changed the ticket.
ALTER TABLE sla_events
  ADD COLUMN actor              text,
  ADD COLUMN actor_method       text CHECK (actor_method IN ('gotrs-token', 'jwks-token', 'api-key', 'temporal', 'system')),
  ADD COLUMN actor_user_id      text,
  ADD COLUMN actor_email        text,
  ADD COLUMN actor_key_id       text,
  ADD COLUMN actor_key_name     text,
  ADD COLUMN actor_on_behalf_of text;

ALTER TABLE escalations
  ADD COLUMN actor_method       text CHECK (actor_method IN ('gotrs-token', 'jwks-token', 'api-key', 'temporal', 'system')),
  ADD COLUMN actor_user_id      text,
  ADD COLUMN actor_email        text,
  ADD COLUMN actor_key_id       text,
  ADD COLUMN actor_key_name     text,
  ADD COLUMN actor_on_behalf_of text;

-- Who started the ladder (an agent by hand; `escalation` for an SLA breach's).
ALTER TABLE escalation_runs
  ADD COLUMN actor              text,
  ADD COLUMN actor_method       text CHECK (actor_method IN ('gotrs-token', 'jwks-token', 'api-key', 'temporal', 'system')),
  ADD COLUMN actor_user_id      text,
  ADD COLUMN actor_email        text,
  ADD COLUMN actor_key_id       text,
  ADD COLUMN actor_key_name     text,
  ADD COLUMN actor_on_behalf_of text;

-- Who asked for the notification (the caller of POST /notifications; system, sla or escalation for
-- the worker's own notices).
ALTER TABLE notifications
  ADD COLUMN requested_by              text,
  ADD COLUMN requested_by_method       text CHECK (requested_by_method IN ('gotrs-token', 'jwks-token', 'api-key', 'temporal', 'system')),
  ADD COLUMN requested_by_user_id      text,
  ADD COLUMN requested_by_email        text,
  ADD COLUMN requested_by_key_id       text,
  ADD COLUMN requested_by_key_name     text,
  ADD COLUMN requested_by_on_behalf_of text;

-- "What did this key (or this person) do": the audit trail by actor.
CREATE INDEX ticket_history_actor_key_idx ON ticket_history (actor_key_id) WHERE actor_key_id IS NOT NULL;
CREATE INDEX ticket_history_actor_user_idx ON ticket_history (actor_user_id) WHERE actor_user_id IS NOT NULL;

-- Down Migration
DROP INDEX ticket_history_actor_user_idx;
DROP INDEX ticket_history_actor_key_idx;
ALTER TABLE notifications
  DROP COLUMN requested_by_on_behalf_of, DROP COLUMN requested_by_key_name, DROP COLUMN requested_by_key_id,
  DROP COLUMN requested_by_email, DROP COLUMN requested_by_user_id, DROP COLUMN requested_by_method, DROP COLUMN requested_by;
ALTER TABLE escalation_runs
  DROP COLUMN actor_on_behalf_of, DROP COLUMN actor_key_name, DROP COLUMN actor_key_id,
  DROP COLUMN actor_email, DROP COLUMN actor_user_id, DROP COLUMN actor_method, DROP COLUMN actor;
ALTER TABLE escalations
  DROP COLUMN actor_on_behalf_of, DROP COLUMN actor_key_name, DROP COLUMN actor_key_id,
  DROP COLUMN actor_email, DROP COLUMN actor_user_id, DROP COLUMN actor_method;
ALTER TABLE sla_events
  DROP COLUMN actor_on_behalf_of, DROP COLUMN actor_key_name, DROP COLUMN actor_key_id,
  DROP COLUMN actor_email, DROP COLUMN actor_user_id, DROP COLUMN actor_method, DROP COLUMN actor;
ALTER TABLE ticket_history
  DROP COLUMN actor_on_behalf_of, DROP COLUMN actor_key_name, DROP COLUMN actor_key_id,
  DROP COLUMN actor_email, DROP COLUMN actor_user_id, DROP COLUMN actor_method;
