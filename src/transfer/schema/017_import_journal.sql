-- An import applied in short transactions (docs/import-format.md, "All or
-- nothing"): the import while it is applied, and what undoes each of its
-- committed steps, so that a failure, or a process that died half-way, is
-- undone (at the next start-up, or by the process that failed).
CREATE TABLE imports (
    id {{id}},
    district_id BIGINT NOT NULL REFERENCES places (id),
    community_id BIGINT NOT NULL REFERENCES places (id),
    kind TEXT NOT NULL,
    user_id BIGINT,
    -- applying: steps are being committed; undoing: being taken back;
    -- done: every step and the import's audit entry committed; undone.
    state TEXT NOT NULL CHECK (state IN ('applying', 'undoing', 'done', 'undone')),
    -- The process applying or undoing it: "host/pid/start time" (is it alive?).
    owner TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    heartbeat_at BIGINT NOT NULL
);
-- One import at a time is applied in a sub-district: a second waits (503).
CREATE UNIQUE INDEX imports_one_applying ON imports (district_id)
    WHERE state IN ('applying', 'undoing');

-- One row per committed step: a JSON document naming the rows the step
-- inserted (id ranges) and the values it replaced, written in the step's
-- own transaction and deleted with the step's undo or the import's end.
CREATE TABLE import_undo (
    id {{id}},
    import_id BIGINT NOT NULL REFERENCES imports (id),
    doc TEXT NOT NULL
);
CREATE INDEX import_undo_import ON import_undo (import_id, id);
