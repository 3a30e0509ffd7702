-- Sync throughput (server/README.md "Performance").
--
-- 1. entity_state.field_hlcs is stored grouped by stamp, [["<hlc>|<consoleId>", ["field", …]], …], instead of
--    one stamp per field (server/projection/stamps.ts). Every field of a change shares its stamp, so the
--    per-field form repeated a ~70-character string fifteen times per incident and was most of the
--    projection's cost.
ALTER TABLE entity_state ALTER COLUMN field_hlcs SET DEFAULT '[]';
UPDATE entity_state
   SET field_hlcs = COALESCE(
         (SELECT jsonb_agg(jsonb_build_array(stamp, fields) ORDER BY stamp)
            FROM (SELECT value #>> '{}' AS stamp, jsonb_agg(key ORDER BY key) AS fields
                    FROM jsonb_each(field_hlcs)
                   GROUP BY 1) per_stamp),
         '[]'::jsonb)
 WHERE jsonb_typeof(field_hlcs) = 'object';

-- 2. No query looks changes up by entity (pulls and the projector go by server_seq, pushes by (console_id, seq));
--    the index cost about a tenth of every push's insert. Recreate it with the first query that needs it.
DROP INDEX IF EXISTS changes_entity_idx;
