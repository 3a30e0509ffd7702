-- The queue at scale: full-text search and the indexes behind the queue's filters (see db/incidentQuery.ts).

-- Full-text search over description, address and notes. The trigram tokenizer indexes every run of three
-- characters, so it finds Chinese text, which has no spaces to split words on (unicode61 would index a whole
-- sentence as one token). Contentless (the text already lives in incidents / incident_timeline) with
-- contentless_delete so the triggers can replace a row. rowid = incidents.rowid: stable because the store is
-- never VACUUMed (backups use the backup API); a rebuild is in db/incidentQuery.ts.
CREATE VIRTUAL TABLE incidents_fts USING fts5(
  description, address, notes,
  tokenize = 'trigram', content = '', contentless_delete = 1
);

CREATE TRIGGER incidents_fts_insert AFTER INSERT ON incidents BEGIN
  INSERT INTO incidents_fts (rowid, description, address, notes)
  VALUES (NEW.rowid, NEW.description, NEW.address, '');
END;

CREATE TRIGGER incidents_fts_update AFTER UPDATE OF description, address ON incidents
  WHEN OLD.description IS NOT NEW.description OR OLD.address IS NOT NEW.address BEGIN
  DELETE FROM incidents_fts WHERE rowid = OLD.rowid;
  INSERT INTO incidents_fts (rowid, description, address, notes)
  SELECT NEW.rowid, NEW.description, NEW.address,
    coalesce((SELECT group_concat(json_extract(t.data, '$.text'), char(10)) FROM incident_timeline t
              WHERE t.incident_id = NEW.id AND t.kind = 'note'), '');
END;

CREATE TRIGGER incidents_fts_delete AFTER DELETE ON incidents BEGIN
  DELETE FROM incidents_fts WHERE rowid = OLD.rowid;
END;

-- A note re-indexes its incident's row with every note (contentless rows cannot be appended to).
CREATE TRIGGER incidents_fts_note AFTER INSERT ON incident_timeline WHEN NEW.kind = 'note' BEGIN
  DELETE FROM incidents_fts WHERE rowid = (SELECT rowid FROM incidents WHERE id = NEW.incident_id);
  INSERT INTO incidents_fts (rowid, description, address, notes)
  SELECT i.rowid, i.description, i.address,
    coalesce((SELECT group_concat(json_extract(t.data, '$.text'), char(10)) FROM incident_timeline t
              WHERE t.incident_id = i.id AND t.kind = 'note'), '')
  FROM incidents i WHERE i.id = NEW.incident_id;
END;

INSERT INTO incidents_fts (rowid, description, address, notes)
SELECT i.rowid, i.description, i.address,
  coalesce((SELECT group_concat(json_extract(t.data, '$.text'), char(10)) FROM incident_timeline t
            WHERE t.incident_id = i.id AND t.kind = 'note'), '')
FROM incidents i;

-- The open queue in queue order: a partial index over open work only (a few % of a big table), so the
-- default view reads its first page straight off the index and counts only open rows. It also carries the
-- filter columns, so category / grid / source / drill filters on open work are checked inside the index with
-- no table lookups. The query builder writes this exact status list as literals (a partial index is only used
-- when the planner can prove its WHERE).
CREATE INDEX incidents_open_queue ON incidents (priority, created_at, category, grid_code, source, is_drill)
  WHERE status IN ('reported', 'accepted', 'dispatched', 'en_route', 'on_scene', 'reopened');
-- Filters that narrow a lot: category and grid cell, each already in queue order.
CREATE INDEX incidents_category_queue ON incidents (category, priority, created_at);
CREATE INDEX incidents_grid_queue ON incidents (grid_code, priority, created_at);

-- "A street means every cell under it": the host keeps each cell's descendants in memory and rebuilds them
-- when this counter moves (a grid import bumps it per row; reading it costs one row lookup per query).
CREATE INDEX grid_cells_by_parent ON grid_cells (parent_code);
CREATE TABLE grid_version (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
) STRICT;
INSERT INTO grid_version (id, version) VALUES (1, 0);
CREATE TRIGGER grid_version_insert AFTER INSERT ON grid_cells BEGIN
  UPDATE grid_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER grid_version_update AFTER UPDATE OF code, parent_code ON grid_cells BEGIN
  UPDATE grid_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER grid_version_delete AFTER DELETE ON grid_cells BEGIN
  UPDATE grid_version SET version = version + 1 WHERE id = 1;
END;

-- KPIs and time ranges select incidents by creation time.
CREATE INDEX incidents_created ON incidents (created_at);
