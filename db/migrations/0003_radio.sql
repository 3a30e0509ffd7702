-- Fengsui local store, schema 3: serial radio and walkie-talkie bridges (host/radio/).
-- Configuration (profiles, links) is per workstation: it names this machine's serial ports, so it never syncs.

-- A radio profile: the validated JSON of contract RadioProfile (model, control, PTT, callsign, TOT, presets).
CREATE TABLE radio_profiles (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  data       TEXT NOT NULL CHECK (json_valid(data)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

-- A link: KISS serial, KISS TCP, NMEA serial or rigctld; endpoint is the validated JSON of contract LinkEndpoint.
CREATE TABLE radio_links (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('kiss_serial', 'kiss_tcp', 'nmea_serial', 'rigctld')),
  enabled    INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  callsign   TEXT NOT NULL DEFAULT '',
  endpoint   TEXT NOT NULL CHECK (json_valid(endpoint)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

-- The radio inbox and outbox (APRS messages). Outgoing ones carry their ack state and attempt count.
CREATE TABLE radio_messages (
  id           TEXT PRIMARY KEY,
  direction    TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  link_id      TEXT,
  from_call    TEXT NOT NULL,
  to_call      TEXT NOT NULL,
  text         TEXT NOT NULL,
  msg_no       TEXT,
  state        TEXT NOT NULL CHECK (state IN ('received', 'queued', 'sent', 'acked', 'rejected', 'failed')),
  attempts     INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL DEFAULT 0,
  at           INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  read_at      INTEGER,
  operator     TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX radio_messages_by_at ON radio_messages (at);
-- An incoming message repeated by the sender (it did not hear our ack) is stored once.
CREATE UNIQUE INDEX radio_messages_in_once ON radio_messages (from_call, to_call, msg_no)
  WHERE direction = 'in' AND msg_no IS NOT NULL;

-- Stations heard on air, bound to a unit or not.
CREATE TABLE radio_heard (
  callsign       TEXT PRIMARY KEY,
  link_id        TEXT,
  first_heard_at INTEGER NOT NULL,
  last_heard_at  INTEGER NOT NULL,
  packets        INTEGER NOT NULL DEFAULT 1,
  lon            REAL,
  lat            REAL,
  path           TEXT NOT NULL DEFAULT '',
  symbol         TEXT NOT NULL DEFAULT '',
  comment        TEXT NOT NULL DEFAULT '',
  last_packet    TEXT NOT NULL DEFAULT ''
) STRICT;

-- Every transmission: who keyed, how, for how long and why it ended. Append-only like the audit log.
CREATE TABLE ptt_log (
  id          TEXT PRIMARY KEY,
  profile_id  TEXT NOT NULL,
  operator    TEXT NOT NULL,
  method      TEXT NOT NULL CHECK (method IN ('rigctld', 'rts', 'dtr', 'vox')),
  source      TEXT NOT NULL,
  keyed_at    INTEGER NOT NULL,
  unkeyed_at  INTEGER NOT NULL,
  duration_ms INTEGER NOT NULL,
  reason      TEXT NOT NULL
) STRICT;
CREATE INDEX ptt_log_by_time ON ptt_log (keyed_at);
CREATE TRIGGER ptt_log_no_update BEFORE UPDATE ON ptt_log
  BEGIN SELECT RAISE(ABORT, 'ptt_log is append-only'); END;
CREATE TRIGGER ptt_log_no_delete BEFORE DELETE ON ptt_log
  BEGIN SELECT RAISE(ABORT, 'ptt_log is append-only'); END;

-- Walkie-talkie recordings: the audio file lives in <data>/recordings/<id>.<ext>; this is its metadata.
CREATE TABLE radio_recordings (
  id          TEXT PRIMARY KEY,
  started_at  INTEGER NOT NULL,
  ended_at    INTEGER,
  channel     TEXT NOT NULL DEFAULT '',
  profile_id  TEXT,
  direction   TEXT NOT NULL CHECK (direction IN ('rx', 'tx')),
  ptt_source  TEXT NOT NULL,
  mime_type   TEXT NOT NULL,
  bytes       INTEGER NOT NULL DEFAULT 0,
  sha256      TEXT,
  state       TEXT NOT NULL CHECK (state IN ('uploading', 'complete')),
  operator    TEXT NOT NULL,
  file        TEXT NOT NULL
) STRICT;
CREATE INDEX radio_recordings_by_start ON radio_recordings (started_at);

CREATE TABLE radio_recording_incidents (
  recording_id TEXT NOT NULL REFERENCES radio_recordings (id),
  incident_id  TEXT NOT NULL REFERENCES incidents (id),
  at           INTEGER NOT NULL,
  PRIMARY KEY (recording_id, incident_id)
) STRICT, WITHOUT ROWID;
