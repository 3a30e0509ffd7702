-- Operator accounts and their sign-ins from consoles. A console authenticates as a device; the person at it
-- signs in here too, so the server knows (rather than takes the console's word for) who pushed what.

CREATE TABLE operators (
  id               uuid PRIMARY KEY,
  -- Letters of any script (console accounts may be named 张伟); the exact rule is the contract's schema.
  username         text NOT NULL UNIQUE CHECK (length(username) BETWEEN 1 AND 64),
  role             text NOT NULL CHECK (role IN ('operator', 'coordinator', 'technician', 'supervisor', 'admin')),
  -- argon2id PHC string; the password itself is never stored.
  password_hash    text NOT NULL,
  disabled         boolean NOT NULL DEFAULT false,
  -- Consecutive failed sign-ins and the lockout they caused; kept here (not in memory) so every server
  -- instance behind a load balancer counts the same failures.
  failed_attempts  integer NOT NULL DEFAULT 0,
  locked_until     timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);

-- A short-lived operator session, bound to the console (device) it was opened on. Only the SHA-256 of the
-- 256-bit token is stored, like device tokens.
CREATE TABLE operator_sessions (
  token_hash   bytea PRIMARY KEY CHECK (length(token_hash) = 32),
  operator_id  uuid NOT NULL REFERENCES operators (id),
  device_id    uuid NOT NULL REFERENCES devices (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  ended_at     timestamptz
);
CREATE INDEX operator_sessions_operator_idx ON operator_sessions (operator_id);

-- Who pushed which changes: one row per push batch that stored something (a replay adds no row). Per batch
-- rather than per change row so the hot `changes` insert stays as it is. operator_id is NULL when the console
-- sent an operator token that was not valid (expired, ended, another console's): the push is still accepted,
-- because refusing it would only stop the console syncing, and `problem` says why nobody is named.
CREATE TABLE push_operators (
  id           bigserial PRIMARY KEY,
  console_id   uuid NOT NULL REFERENCES devices (id),
  operator_id  uuid REFERENCES operators (id),
  username     text,
  first_seq    bigint NOT NULL,
  last_seq     bigint NOT NULL CHECK (last_seq >= first_seq),
  change_count integer NOT NULL,
  problem      text CHECK (problem IN ('expired', 'invalid')),
  pushed_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX push_operators_console_seq_idx ON push_operators (console_id, first_seq);
