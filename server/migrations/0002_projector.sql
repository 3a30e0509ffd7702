-- The projection (entity_state, sync_conflicts) is applied after commit by a projector rather than inside each
-- push (see server/projection/projector.ts). It folds changes in server_seq order and records how far it got
-- here, in the same transaction as the rows it writes. Exactly one row; projectors of every server instance
-- take it FOR UPDATE, so only one applies a given range.
CREATE TABLE projection_watermark (
  singleton        boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  last_server_seq  bigint NOT NULL CHECK (last_server_seq >= 0),
  updated_at       timestamptz NOT NULL DEFAULT now()
);

-- Until now every push projected inside its own transaction, so everything already stored is projected.
INSERT INTO projection_watermark (last_server_seq) SELECT COALESCE(max(server_seq), 0) FROM changes;
