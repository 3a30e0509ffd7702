-- Fengsui local store, schema 5: basemaps and geofences (host/basemap/).
-- Both are this workstation's configuration (its files, its keys), so they are audited but never synced.

-- A basemap: an imported tile file (copied into <data>/basemaps/) or an online XYZ template.
-- `secret` holds an online key (e.g. Tianditu `tk`); it is never returned to clients, logged or audited.
CREATE TABLE basemaps (
  id            TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('file', 'xyz')),
  crs           TEXT NOT NULL CHECK (crs IN ('wgs84', 'gcj02')),
  attribution   TEXT NOT NULL DEFAULT '',
  format        TEXT NOT NULL CHECK (format IN ('pbf', 'png', 'jpg', 'webp', 'avif')),
  bounds        TEXT NOT NULL CHECK (json_valid(bounds)),
  minzoom       INTEGER NOT NULL,
  maxzoom       INTEGER NOT NULL,
  vector_layers TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(vector_layers)),
  file          TEXT,
  bytes         INTEGER,
  url_template  TEXT,
  subdomains    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(subdomains)),
  secret        TEXT NOT NULL DEFAULT '',
  built_in      INTEGER NOT NULL DEFAULT 0 CHECK (built_in IN (0, 1)),
  created_at    INTEGER NOT NULL,
  CHECK ((kind = 'file' AND file IS NOT NULL) OR (kind = 'xyz' AND url_template IS NOT NULL))
) STRICT;

-- Which basemap the map shows (at most one row).
CREATE TABLE basemap_active (
  only_one   INTEGER PRIMARY KEY CHECK (only_one = 1),
  basemap_id TEXT REFERENCES basemaps (id) ON DELETE SET NULL
) STRICT;

-- A geofence: a WGS-84 polygon ring; units and drones entering or leaving it raise an alert.
CREATE TABLE geofences (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  ring       TEXT NOT NULL CHECK (json_valid(ring)),
  created_at INTEGER NOT NULL
) STRICT;
