-- Up Migration
-- Webhook subscriptions and their delivery log (README "Webhooks").
--
-- `secret` is the signing secret as the API sealed it (`aes256gcm:...` with WEBHOOKS_SECRET_KEY, or
-- `plain:...`); after a rotation `previous_secret` signs too until `previous_secret_expires_at`.
-- `cursor` is the id of the event log up to which the dispatcher has dealt with every event (delivered
-- or given up). `failing_since` is the first failed attempt since the last delivered one; a
-- subscription failing for webhooks.disable_after is `disabled`. A deleted subscription keeps its row
-- (and its delivery log) with `deleted_at`; nothing reads it over the API any more.
CREATE TABLE webhook_subscriptions (
  id                         uuid        PRIMARY KEY,
  url                        text        NOT NULL,
  events                     text[]      NOT NULL,
  description                text,
  secret                     text        NOT NULL,
  previous_secret            text,
  previous_secret_expires_at timestamptz,
  status                     text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  cursor                     bigint      NOT NULL,
  failing_since              timestamptz,
  last_delivered_at          timestamptz,
  disabled_at                timestamptz,
  disabled_reason            text,
  created_by                 text        NOT NULL,
  created_at                 timestamptz NOT NULL DEFAULT now(),
  updated_at                 timestamptz NOT NULL DEFAULT now(),
  deleted_at                 timestamptz
);

CREATE INDEX webhook_subscriptions_live_idx ON webhook_subscriptions (created_at, id) WHERE deleted_at IS NULL;

-- One row per attempt; (subscription, event, attempt) is the attempt's idempotency key.
CREATE TABLE webhook_deliveries (
  id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  subscription_id uuid        NOT NULL REFERENCES webhook_subscriptions (id),
  event_id        bigint      NOT NULL,
  event_type      text        NOT NULL,
  webhook_id      text        NOT NULL,
  attempt         integer     NOT NULL CHECK (attempt >= 1),
  outcome         text        NOT NULL CHECK (outcome IN ('delivered', 'failed', 'given-up')),
  status_code     integer,
  latency_ms      integer     NOT NULL,
  error           text,
  response        text,
  attempted_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (subscription_id, event_id, attempt)
);

-- The delivery log of a subscription, newest first.
CREATE INDEX webhook_deliveries_subscription_idx ON webhook_deliveries (subscription_id, id DESC);

-- Down Migration
DROP TABLE webhook_deliveries;
DROP TABLE webhook_subscriptions;
