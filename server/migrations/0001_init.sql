-- Fengsui central sync server, schema version 1.
-- Forward-only: never edit a released migration; add 0002_… instead.

-- A device is a console (pushes and pulls its own changes) or an intake system (hotline, grid-worker app)
-- that only submits incidents. The device id doubles as the console id in the change stream.
CREATE TABLE devices (
  id          uuid PRIMARY KEY,
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  role        text NOT NULL CHECK (role IN ('console', 'intake')),
  -- SHA-256 of the 256-bit random token; the token itself is never stored.
  token_hash  bytea NOT NULL CHECK (length(token_hash) = 32),
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz
);

-- The change stream. server_seq is the global order consoles pull by; (console_id, seq) makes pushes
-- idempotent. `held` = written by a newer schema than this server understands: stored and relayed, but not
-- applied to entity_state until a server that understands it re-projects.
CREATE TABLE changes (
  server_seq      bigserial PRIMARY KEY,
  console_id      uuid NOT NULL REFERENCES devices (id),
  seq             bigint NOT NULL CHECK (seq > 0),
  entity          text NOT NULL,
  entity_id       text NOT NULL,
  op              text NOT NULL,
  fields          jsonb NOT NULL,
  hlc             text NOT NULL,
  schema_version  integer NOT NULL,
  held            boolean NOT NULL DEFAULT false,
  received_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (console_id, seq)
);
CREATE INDEX changes_held_idx ON changes (server_seq) WHERE held;
CREATE INDEX changes_entity_idx ON changes (entity, entity_id);

-- Exactly one row. `fingerprint` identifies the physical storage this epoch was issued on (see server/db/epoch.ts);
-- a restored dump carries its old row, whose fingerprint no longer matches, so the server issues a new epoch.
CREATE TABLE server_epoch (
  singleton    boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  epoch        uuid NOT NULL,
  fingerprint  text NOT NULL,
  reason       text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE epoch_history (
  epoch           uuid PRIMARY KEY,
  reason          text NOT NULL,
  max_server_seq  bigint NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);

-- The server's merged view (field-level last-writer-wins by HLC), for intake lookups, reports and audits.
-- Consoles do not depend on it; they merge the stream themselves with the same rules.
CREATE TABLE entity_state (
  entity           text NOT NULL,
  entity_id        text NOT NULL,
  fields           jsonb NOT NULL DEFAULT '{}',
  field_hlcs       jsonb NOT NULL DEFAULT '{}',
  deleted_hlc      text,
  last_server_seq  bigint NOT NULL,
  PRIMARY KEY (entity, entity_id)
);

-- Conflicts the projection resolved but a person should look at (e.g. an illegal status move).
CREATE TABLE sync_conflicts (
  id          bigserial PRIMARY KEY,
  entity      text NOT NULL,
  entity_id   text NOT NULL,
  server_seq  bigint NOT NULL,
  kind        text NOT NULL,
  detail      jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Idempotency for intake: the other system's own id for a report maps to the incident we created.
CREATE TABLE intake_refs (
  device_id    uuid NOT NULL REFERENCES devices (id),
  external_id  text NOT NULL,
  incident_id  uuid NOT NULL,
  server_seq   bigint NOT NULL,
  PRIMARY KEY (device_id, external_id)
);
