-- Up Migration
-- Versions of SLA policies applied over the API (POST /api/v1/sla/policies/{name}/apply): the
-- policy as the SLA clock reads it (calendar spec, targets in ms), once per (policy, version), with
-- who applied it. For tickets created afterwards the highest version wins over config/sla.yaml's
-- when it is higher; open tickets move only when an apply says so (scope `open`).
CREATE TABLE sla_policy_versions (
  policy             text NOT NULL,
  version            integer NOT NULL CHECK (version >= 1),
  definition         jsonb NOT NULL,
  scope              text NOT NULL CHECK (scope IN ('new', 'open')),
  applied_at         timestamptz NOT NULL DEFAULT now(),
  actor              text NOT NULL,
  actor_method       text CHECK (actor_method IN ('gotrs-token', 'jwks-token', 'api-key', 'temporal', 'system')),
  actor_user_id      text,
  actor_email        text,
  actor_key_id       text,
  actor_key_name     text,
  actor_on_behalf_of text,
  PRIMARY KEY (policy, version)
);

-- The open tickets of a policy, paged by ticket ID (preview and apply).
CREATE INDEX ticket_sla_policy_idx ON ticket_sla (policy, ticket_id);

-- Down Migration
DROP INDEX ticket_sla_policy_idx;
DROP TABLE sla_policy_versions;
