-- Fengsui local store, schema 1. STRICT tables; times are epoch milliseconds (UTC); ids are UUIDv7 text.

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE categories (
  code    TEXT PRIMARY KEY,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  active  INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  sort    INTEGER NOT NULL DEFAULT 0
) STRICT;

INSERT INTO categories (code, name_zh, name_en, sort) VALUES
  ('fire_safety',      '消防安全',   'Fire safety',       1),
  ('illegal_parking',  '违章停车',   'Illegal parking',   2),
  ('shop_operation',   '店外经营',   'Shop operation',    3),
  ('mobile_vendor',    '流动摊贩',   'Mobile vendor',     4),
  ('lake_water',       '湖泊水域',   'Lake / water',      5),
  ('garbage_sorting',  '垃圾分类',   'Garbage sorting',   6),
  ('epidemic_control', '疫情防控',   'Epidemic control',  7),
  ('public_security',  '治安',       'Public security',   8),
  ('emergency',        '突发事件',   'Emergency',         9),
  ('other',            '其他',       'Other',            10);

CREATE TABLE grid_cells (
  code              TEXT PRIMARY KEY,
  level             TEXT NOT NULL CHECK (level IN ('street', 'community', 'grid', 'compound')),
  name              TEXT NOT NULL,
  parent_code       TEXT REFERENCES grid_cells (code),
  geometry          TEXT NOT NULL,            -- GeoJSON Polygon, WGS-84
  responsible_units TEXT NOT NULL DEFAULT '[]', -- JSON array of unit ids
  is_demo           INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1))
) STRICT;

CREATE TABLE units (
  id              TEXT PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('grid_worker', 'patrol_team', 'vehicle', 'drone', 'radio')),
  name            TEXT NOT NULL,
  callsign        TEXT NOT NULL DEFAULT '',
  sip_uri         TEXT NOT NULL DEFAULT '',
  status          TEXT NOT NULL CHECK (status IN ('available', 'dispatched', 'busy', 'off_duty')),
  home_grid       TEXT REFERENCES grid_cells (code),
  lon             REAL,
  lat             REAL,
  position_at     INTEGER,
  position_source TEXT,
  is_demo         INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1))
) STRICT;

CREATE TABLE incidents (
  id          TEXT PRIMARY KEY,
  category    TEXT NOT NULL REFERENCES categories (code),
  priority    TEXT NOT NULL CHECK (priority IN ('P1', 'P2', 'P3', 'P4')),
  status      TEXT NOT NULL CHECK (status IN ('reported', 'accepted', 'dispatched', 'en_route', 'on_scene',
                                              'resolved', 'closed', 'cancelled', 'reopened')),
  source      TEXT NOT NULL,
  lon         REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
  lat         REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
  address     TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL,
  reporter    TEXT NOT NULL DEFAULT '',
  grid_code   TEXT,
  is_drill    INTEGER NOT NULL DEFAULT 0 CHECK (is_drill IN (0, 1)),
  is_demo     INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  created_by  TEXT NOT NULL,
  version     INTEGER NOT NULL DEFAULT 1
) STRICT;

-- The queue: open work first by priority, then oldest first.
CREATE INDEX incidents_queue ON incidents (status, priority, created_at);
CREATE INDEX incidents_priority_age ON incidents (priority, created_at);

CREATE TABLE incident_timeline (
  id          TEXT PRIMARY KEY,
  incident_id TEXT NOT NULL REFERENCES incidents (id),
  at          INTEGER NOT NULL,
  kind        TEXT NOT NULL,
  actor       TEXT NOT NULL,
  console_id  TEXT NOT NULL,
  data        TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX incident_timeline_by_incident ON incident_timeline (incident_id, at);

-- Append-only: who did what, when, from which console.
CREATE TABLE audit_log (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  at         INTEGER NOT NULL,
  actor      TEXT NOT NULL,
  console_id TEXT NOT NULL,
  action     TEXT NOT NULL,
  entity     TEXT NOT NULL,
  entity_id  TEXT NOT NULL,
  data       TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id, at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Changes waiting to reach the central server; seq is this console's per-console sequence.
CREATE TABLE outbox (
  seq            INTEGER PRIMARY KEY AUTOINCREMENT,
  entity         TEXT NOT NULL,
  entity_id      TEXT NOT NULL,
  op             TEXT NOT NULL,
  fields         TEXT NOT NULL,
  hlc            TEXT NOT NULL,
  schema_version INTEGER NOT NULL,
  created_at     INTEGER NOT NULL,
  pushed_at      INTEGER
) STRICT;
CREATE INDEX outbox_pending ON outbox (seq) WHERE pushed_at IS NULL;
