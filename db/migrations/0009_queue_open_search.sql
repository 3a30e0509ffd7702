-- Full-text search over open work only (see db/incidentQuery.ts). The default queue view searches open
-- incidents, a few % of a big store; a common phrase ("积水严重") matches ~10 % of all rows, so looking it up
-- in the whole-store index (incidents_fts) decodes 30× more postings than the open rows it can return —
-- 30+ ms at 1M incidents (bench/queue.ts). This second index holds the same text for open incidents only:
-- a row enters when an incident is created open or becomes open again, and leaves when it stops being open.
-- Same tokenizer and columns as incidents_fts, rowid = incidents.rowid, but it keeps its own copy of the text
-- (open work only, a few MB at 1M incidents): search terms shorter than a trigram (积水) are then checked with
-- LIKE on this small table, notes included, instead of on scattered rows of the big one plus the timeline.
-- The status list is the open set in contract/domain/incident.ts (OPEN_STATUSES), as in incidents_open_queue.
CREATE VIRTUAL TABLE incidents_open_fts USING fts5(
  description, address, notes,
  tokenize = 'trigram'
);

-- Notes are read back from the timeline (not '' as in incidents_fts' insert trigger): an incident that
-- arrives already carrying notes must be searchable by them at once.
CREATE TRIGGER incidents_open_fts_insert AFTER INSERT ON incidents
  WHEN NEW.status IN ('reported', 'accepted', 'dispatched', 'en_route', 'on_scene', 'reopened') BEGIN
  INSERT INTO incidents_open_fts (rowid, description, address, notes)
  SELECT NEW.rowid, NEW.description, NEW.address,
    coalesce((SELECT group_concat(json_extract(t.data, '$.text'), char(10)) FROM incident_timeline t
              WHERE t.incident_id = NEW.id AND t.kind = 'note'), '');
END;

-- Fires when the row enters or leaves the open set, or its text changes while open; an open → open status
-- step (accepted → dispatched) leaves the index alone.
CREATE TRIGGER incidents_open_fts_update AFTER UPDATE OF description, address, status ON incidents
  WHEN (OLD.status IN ('reported', 'accepted', 'dispatched', 'en_route', 'on_scene', 'reopened'))
         IS NOT (NEW.status IN ('reported', 'accepted', 'dispatched', 'en_route', 'on_scene', 'reopened'))
    OR (NEW.status IN ('reported', 'accepted', 'dispatched', 'en_route', 'on_scene', 'reopened')
        AND (OLD.description IS NOT NEW.description OR OLD.address IS NOT NEW.address)) BEGIN
  DELETE FROM incidents_open_fts WHERE rowid = OLD.rowid
    AND OLD.status IN ('reported', 'accepted', 'dispatched', 'en_route', 'on_scene', 'reopened');
  INSERT INTO incidents_open_fts (rowid, description, address, notes)
  SELECT NEW.rowid, NEW.description, NEW.address,
    coalesce((SELECT group_concat(json_extract(t.data, '$.text'), char(10)) FROM incident_timeline t
              WHERE t.incident_id = NEW.id AND t.kind = 'note'), '')
  WHERE NEW.status IN ('reported', 'accepted', 'dispatched', 'en_route', 'on_scene', 'reopened');
END;

CREATE TRIGGER incidents_open_fts_delete AFTER DELETE ON incidents
  WHEN OLD.status IN ('reported', 'accepted', 'dispatched', 'en_route', 'on_scene', 'reopened') BEGIN
  DELETE FROM incidents_open_fts WHERE rowid = OLD.rowid;
END;

CREATE TRIGGER incidents_open_fts_note AFTER INSERT ON incident_timeline
  WHEN NEW.kind = 'note' AND (SELECT status FROM incidents WHERE id = NEW.incident_id)
    IN ('reported', 'accepted', 'dispatched', 'en_route', 'on_scene', 'reopened') BEGIN
  DELETE FROM incidents_open_fts WHERE rowid = (SELECT rowid FROM incidents WHERE id = NEW.incident_id);
  INSERT INTO incidents_open_fts (rowid, description, address, notes)
  SELECT i.rowid, i.description, i.address,
    coalesce((SELECT group_concat(json_extract(t.data, '$.text'), char(10)) FROM incident_timeline t
              WHERE t.incident_id = i.id AND t.kind = 'note'), '')
  FROM incidents i WHERE i.id = NEW.incident_id;
END;

-- Backfill: every incident open now, with its notes.
INSERT INTO incidents_open_fts (rowid, description, address, notes)
SELECT i.rowid, i.description, i.address,
  coalesce((SELECT group_concat(json_extract(t.data, '$.text'), char(10)) FROM incident_timeline t
            WHERE t.incident_id = i.id AND t.kind = 'note'), '')
FROM incidents i
WHERE i.status IN ('reported', 'accepted', 'dispatched', 'en_route', 'on_scene', 'reopened');
