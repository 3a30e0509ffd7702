-- Sync throughput, round 2 (server/README.md "Performance"): a push in one round trip.
--
-- A push used to be eight statements, each a round trip on a busy machine (epoch check, BEGIN, write lock,
-- insert, notify, who-pushed, highest seq, COMMIT). fengsui_push does all of it in one statement, so in
-- the one implicit transaction of that statement: all or nothing, the write lock held until commit, the
-- notification delivered at commit. The caller (server/sync/store.ts, pushChanges) passes the epoch valid
-- for the storage as an argument, computed by the same statement before this runs.
--
-- Returns {"outcome": "stored" | "epoch_changed" | "stale", "epoch", "added", "held", "highestSeq"}:
--   stale          the storage no longer matches the stored epoch (p_valid_epoch is NULL); nothing done, the
--                  caller issues a new epoch (db/epoch.ts) and calls again;
--   epoch_changed  the console pushes against another epoch; nothing done;
--   stored         the batch is stored; (console_id, seq) already held were skipped (a resend).
CREATE FUNCTION fengsui_push(
  p_body jsonb,              -- the request body as received; its "changes" are stored, in order
  p_helds boolean[],         -- per change: held (from a newer schema), as the server's code decides
  p_console text,            -- the pushing device (every change was checked to be its own)
  p_expected_epoch text,     -- the epoch the console pushes against; NULL when it has none yet
  p_valid_epoch text,        -- the epoch valid for this storage; NULL when a new one must be issued first
  p_write_lock bigint,       -- the advisory lock every writer of `changes` takes (sync/store.ts)
  p_channel text,            -- the change notification channel
  p_record_operator boolean, -- record who pushed in push_operators (the console sent an operator session)
  p_operator_id uuid,
  p_operator_username text,
  p_operator_problem text
) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  n_added integer;
  n_held integer;
  last_server_seq bigint;
  first_seq bigint;
  last_seq bigint;
BEGIN
  IF p_valid_epoch IS NULL THEN
    RETURN jsonb_build_object('outcome', 'stale');
  END IF;
  IF p_expected_epoch IS NOT NULL AND p_expected_epoch <> p_valid_epoch THEN
    RETURN jsonb_build_object('outcome', 'epoch_changed', 'epoch', p_valid_epoch, 'highestSeq',
      (SELECT max(c.seq) FROM changes c WHERE c.console_id = p_console::uuid));
  END IF;

  -- Before any server_seq is drawn: writers commit in server_seq order (sync/store.ts).
  PERFORM pg_advisory_xact_lock(p_write_lock);

  -- WITH ORDINALITY keeps the console's order for server_seq; of two copies of one (console_id, seq) in the
  -- same batch the first is stored. Numbers go through numeric so `1.0` (the integer 1 to JSON.parse) is 1.
  WITH ins AS (
    INSERT INTO changes (console_id, seq, entity, entity_id, op, fields, hlc, schema_version, held)
    SELECT x.console_id, x.seq::bigint, x.entity, x.entity_id, x.op, x.fields, x.hlc, x.schema_version::int,
           p_helds[x.n]
      FROM ROWS FROM (jsonb_to_recordset(p_body->'changes') AS ("consoleId" uuid, seq numeric, entity text,
           "entityId" text, op text, fields jsonb, hlc text, "schemaVersion" numeric)) WITH ORDINALITY
           AS x(console_id, seq, entity, entity_id, op, fields, hlc, schema_version, n)
     ORDER BY x.n
    ON CONFLICT (console_id, seq) DO NOTHING
    RETURNING changes.server_seq, changes.seq, changes.held
  )
  SELECT count(*), count(*) FILTER (WHERE ins.held), max(ins.server_seq), min(ins.seq), max(ins.seq)
    INTO n_added, n_held, last_server_seq, first_seq, last_seq
    FROM ins;

  IF n_added > 0 THEN
    PERFORM pg_notify(p_channel,
      jsonb_build_object('serverSeq', last_server_seq, 'consoleId', p_console)::text);
    -- Who pushed (issue 6), only for a batch that stored something, so a replay adds no row.
    IF p_record_operator THEN
      INSERT INTO push_operators (console_id, operator_id, username, first_seq, last_seq, change_count, problem)
      VALUES (p_console::uuid, p_operator_id, p_operator_username, first_seq, last_seq, n_added,
              p_operator_problem);
    END IF;
  END IF;

  RETURN jsonb_build_object('outcome', 'stored', 'epoch', p_valid_epoch, 'added', n_added, 'held', n_held,
    'highestSeq', (SELECT max(c.seq) FROM changes c WHERE c.console_id = p_console::uuid));
END
$$;
