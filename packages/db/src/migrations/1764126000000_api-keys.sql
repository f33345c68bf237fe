-- Up Migration
-- API keys for scripts, CI and integrations (`npm run api-key`). Only the SHA-256 of a key is kept:
-- the key itself is shown once, when it is created. A revoked key stays, for the audit trail.
CREATE TABLE api_keys (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name         text NOT NULL CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
  secret_hash  bytea NOT NULL UNIQUE CHECK (octet_length(secret_hash) = 32),
  -- The last characters of the key, so that an operator can tell keys apart in `list`.
  hint         text NOT NULL,
  scopes       text[] NOT NULL CHECK (cardinality(scopes) > 0),
  created_at   timestamptz NOT NULL DEFAULT now(),
  -- Written at most once per auth.api_key_last_used_interval, not on every request.
  last_used_at timestamptz,
  revoked_at   timestamptz
);

-- A name names one active key; a revoked key's name can be given to a new one.
CREATE UNIQUE INDEX api_keys_active_name_idx ON api_keys (name) WHERE revoked_at IS NULL;

-- Down Migration
DROP TABLE api_keys;
