-- Fengsui local store, schema 7: user accounts, shift handovers, and indexes for the audit-log viewer.
-- Accounts belong to this workstation (who may sign in here), so they are audited but never synced.

-- password_hash is an argon2id PHC string; it is never returned to clients, logged or audited.
CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  username      TEXT NOT NULL COLLATE NOCASE UNIQUE,
  display_name  TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('operator', 'coordinator', 'technician', 'supervisor', 'admin')),
  password_hash TEXT NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
) STRICT;

-- A signed shift handover: both operators confirmed with their passwords. Append-only, like the audit log.
CREATE TABLE shift_handovers (
  id                TEXT PRIMARY KEY,
  at                INTEGER NOT NULL,
  outgoing_user_id  TEXT NOT NULL REFERENCES users (id),
  outgoing          TEXT NOT NULL CHECK (json_valid(outgoing)),
  incoming_user_id  TEXT NOT NULL REFERENCES users (id),
  incoming          TEXT NOT NULL CHECK (json_valid(incoming)),
  note              TEXT NOT NULL DEFAULT '',
  summary           TEXT NOT NULL CHECK (json_valid(summary)),
  digest            TEXT NOT NULL,
  CHECK (outgoing_user_id <> incoming_user_id)
) STRICT;
CREATE INDEX shift_handovers_by_at ON shift_handovers (at);
CREATE TRIGGER shift_handovers_no_update BEFORE UPDATE ON shift_handovers
  BEGIN SELECT RAISE(ABORT, 'shift_handovers is append-only'); END;
CREATE TRIGGER shift_handovers_no_delete BEFORE DELETE ON shift_handovers
  BEGIN SELECT RAISE(ABORT, 'shift_handovers is append-only'); END;

-- The audit viewer pages newest first and filters by time and actor.
CREATE INDEX audit_log_by_at ON audit_log (at);
CREATE INDEX audit_log_by_actor ON audit_log (actor, at);
