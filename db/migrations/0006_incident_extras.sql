-- Fengsui local store, schema 6: SLA deadlines, SLA escalations, evidence attachments (host/incidentExtras/).
-- SLA rules are this duty room's configuration and stay on the console (audited, not synced). Escalations and
-- attachments reach other consoles as their timeline entries; these tables are this console's record of them.

-- How long each stage may take, measured from the incident's creation (or its reopening). category '*' is the
-- default for every category without a row of its own.
CREATE TABLE sla_rules (
  category TEXT NOT NULL,
  priority TEXT NOT NULL CHECK (priority IN ('P1', 'P2', 'P3', 'P4')),
  stage    TEXT NOT NULL CHECK (stage IN ('accept', 'dispatch', 'on_scene', 'resolve')),
  limit_ms INTEGER NOT NULL CHECK (limit_ms > 0),
  PRIMARY KEY (category, priority, stage)
) STRICT;

INSERT INTO sla_rules (category, priority, stage, limit_ms) VALUES
  ('*', 'P1', 'accept',        120000), ('*', 'P1', 'dispatch',    300000),
  ('*', 'P1', 'on_scene',      900000), ('*', 'P1', 'resolve',    7200000),
  ('*', 'P2', 'accept',        300000), ('*', 'P2', 'dispatch',    900000),
  ('*', 'P2', 'on_scene',     2700000), ('*', 'P2', 'resolve',   28800000),
  ('*', 'P3', 'accept',        900000), ('*', 'P3', 'dispatch',   3600000),
  ('*', 'P3', 'on_scene',    14400000), ('*', 'P3', 'resolve',   86400000),
  ('*', 'P4', 'accept',       3600000), ('*', 'P4', 'dispatch',  14400000),
  ('*', 'P4', 'on_scene',    86400000), ('*', 'P4', 'resolve',  259200000);

-- One escalation per incident, stage and working cycle (a reopened incident starts a new cycle): the sweep
-- inserts here before it escalates, so a restart or a second sweep never escalates the same stage twice.
CREATE TABLE sla_escalations (
  incident_id TEXT NOT NULL REFERENCES incidents (id),
  stage       TEXT NOT NULL,
  cycle_start INTEGER NOT NULL,
  at          INTEGER NOT NULL,
  PRIMARY KEY (incident_id, stage, cycle_start)
) STRICT;

-- Image evidence, stored content-addressed in <data>/attachments/<sha256>; one row per incident and file.
CREATE TABLE attachments (
  id          TEXT PRIMARY KEY,
  incident_id TEXT NOT NULL REFERENCES incidents (id),
  sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
  mime_type   TEXT NOT NULL CHECK (mime_type IN ('image/png', 'image/jpeg', 'image/webp')),
  bytes       INTEGER NOT NULL CHECK (bytes > 0),
  file_name   TEXT NOT NULL,
  at          INTEGER NOT NULL,
  actor       TEXT NOT NULL
) STRICT;
CREATE INDEX attachments_by_incident ON attachments (incident_id, at);
CREATE INDEX attachments_by_sha ON attachments (sha256);
