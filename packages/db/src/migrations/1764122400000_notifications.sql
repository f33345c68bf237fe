-- Up Migration
-- One row per notification (`notification-{id}`): what was asked, how it went, and the in-app inbox.
-- Written only by the notification activities; the API reads it and marks inbox items read.
CREATE TABLE notifications (
  id                text PRIMARY KEY,
  event             text NOT NULL,
  ticket_id         text,
  -- As requested (an ID or an address), and canonical (directory ID or lower-case address) for inboxes.
  recipient         text NOT NULL,
  recipient_key     text NOT NULL,
  requested_channel text NOT NULL,
  subject           text NOT NULL,
  body              text NOT NULL,
  html              text,
  -- Email waits until then (the recipient's notify hours); null: at once.
  deliver_after     timestamptz,
  -- sending | sent | fallback | failed (queued is only ever seen over the API, before the first write)
  status            text NOT NULL,
  -- The channel that delivered it, once one did.
  channel           text,
  -- Email: the address used, the stable Message-ID and the server's answer, written the moment the SMTP
  -- server accepted the message. A later attempt that finds email_sent_at set sends nothing.
  address           text,
  message_id        text,
  email_sent_at     timestamptz,
  smtp_response     text,
  -- An attempt claims the send until this time (its start-to-close timeout), so that two attempts of
  -- one notification never talk to the SMTP server at once.
  email_claimed_until timestamptz,
  in_app_at         timestamptz,
  read_at           timestamptz,
  error             text,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  completed_at      timestamptz
);

CREATE INDEX notifications_inbox_idx ON notifications (recipient_key, in_app_at DESC, id DESC) WHERE in_app_at IS NOT NULL;
CREATE INDEX notifications_ticket_idx ON notifications (ticket_id) WHERE ticket_id IS NOT NULL;

-- Every attempt on every channel, with its outcome and error (Temporal's attempt number per activity).
CREATE TABLE notification_attempts (
  seq             bigserial PRIMARY KEY,
  notification_id text NOT NULL REFERENCES notifications (id),
  channel         text NOT NULL,
  attempt         integer NOT NULL,
  -- started | sent | already-sent | delivered | failed
  outcome         text NOT NULL,
  error           text,
  started_at      timestamptz NOT NULL DEFAULT now(),
  finished_at     timestamptz,
  UNIQUE (notification_id, channel, attempt)
);

-- Down Migration
DROP TABLE notification_attempts;
DROP TABLE notifications;
