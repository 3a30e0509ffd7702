-- Fengsui local store, schema 2: the console side of central sync (host/sync/).

-- Last-writer-wins needs to know, per mutable field, which write it holds: the HLC and the console that wrote
-- it (the tie-break). Local mutations and applied remote changes both write here.
CREATE TABLE field_clocks (
  entity     TEXT NOT NULL,
  entity_id  TEXT NOT NULL,
  field      TEXT NOT NULL,
  hlc        TEXT NOT NULL,
  console_id TEXT NOT NULL,
  PRIMARY KEY (entity, entity_id, field)
) STRICT, WITHOUT ROWID;

-- A change the server refused with 400 is parked (kept, visible in the sync status) so it cannot wedge the
-- queue; pushed rows are kept too (pushed_at set) because an epoch change means pushing them again.
ALTER TABLE outbox ADD COLUMN parked_at INTEGER;
ALTER TABLE outbox ADD COLUMN parked_reason TEXT;

-- Remote changes already applied, by their identity: a redelivered change is recognised and skipped, so its
-- audit record and events happen exactly once.
CREATE TABLE sync_applied (
  console_id TEXT NOT NULL,
  seq        INTEGER NOT NULL,
  PRIMARY KEY (console_id, seq)
) STRICT, WITHOUT ROWID;

-- Remote changes this console cannot apply yet, kept rather than dropped:
--   held        written by a newer schema: applied after this console is upgraded;
--   waiting     refers to an incident not here yet (a timeline entry or update that overtook its insert);
--   unsupported an entity this version does not store locally.
CREATE TABLE sync_inbox (
  console_id     TEXT NOT NULL,
  seq            INTEGER NOT NULL,
  entity         TEXT NOT NULL,
  entity_id      TEXT NOT NULL,
  op             TEXT NOT NULL,
  fields         TEXT NOT NULL,
  hlc            TEXT NOT NULL,
  schema_version INTEGER NOT NULL,
  reason         TEXT NOT NULL CHECK (reason IN ('held', 'waiting', 'unsupported')),
  wait_for       TEXT,
  received_at    INTEGER NOT NULL,
  PRIMARY KEY (console_id, seq)
) STRICT;
CREATE INDEX sync_inbox_waiting ON sync_inbox (wait_for) WHERE reason = 'waiting';

-- Merges a supervisor should look at (e.g. closed on one console, dispatched on another).
CREATE TABLE sync_conflicts (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  entity      TEXT NOT NULL,
  entity_id   TEXT NOT NULL,
  kind        TEXT NOT NULL,
  detail      TEXT NOT NULL,
  detected_at INTEGER NOT NULL,
  resolved_at INTEGER
) STRICT;
CREATE INDEX sync_conflicts_open ON sync_conflicts (detected_at) WHERE resolved_at IS NULL;
