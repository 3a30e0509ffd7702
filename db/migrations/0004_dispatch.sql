-- Fengsui local store, schema 4: dispatches (host/dispatch/).
-- A projection of the synced `dispatch` / `ack` timeline entries: every console rebuilds the same rows from the
-- entries it holds, so this table itself never syncs. unit_id has no foreign key because a remote dispatch may
-- name a unit this console does not store (a demo unit elsewhere, a unit not synced yet).

CREATE TABLE dispatches (
  id            TEXT PRIMARY KEY,
  incident_id   TEXT NOT NULL REFERENCES incidents (id),
  unit_id       TEXT NOT NULL,
  unit_name     TEXT NOT NULL,
  state         TEXT NOT NULL CHECK (state IN ('awaiting_ack', 'acknowledged', 'recalled', 'released')),
  distance_m    REAL,
  dispatched_at INTEGER NOT NULL,
  ack_deadline  INTEGER NOT NULL,
  acked_at      INTEGER,
  ack_source    TEXT,
  escalated_at  INTEGER,
  ended_at      INTEGER,
  actor         TEXT NOT NULL,
  console_id    TEXT NOT NULL
) STRICT;
CREATE INDEX dispatches_by_incident ON dispatches (incident_id, dispatched_at);
CREATE INDEX dispatches_by_unit ON dispatches (unit_id) WHERE state IN ('awaiting_ack', 'acknowledged');
-- The escalation sweep: dispatches still waiting for their acknowledgement, by deadline.
CREATE INDEX dispatches_awaiting_ack ON dispatches (ack_deadline) WHERE state = 'awaiting_ack' AND escalated_at IS NULL;
