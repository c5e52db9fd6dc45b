-- The public-revenue ledger (公共收益, docs/domain.md FU-1, docs/api-ledger.md):
-- each compound's income from its common parts and its spending, every
-- spending citing the owners' vote or the meeting decision that authorised
-- it. Append-only (a correction is a reversing entry) and hash-chained per
-- sub-district (kit/chain.h).

-- Amounts in fen (0.01 yuan), whole numbers. direction follows category
-- (src/ledger/rules.c). A reversal carries the negated amount of the entry it
-- reverses, in the same category, so sums by category net out.
CREATE TABLE ledger_entries (
    id {{id}},
    district_id BIGINT NOT NULL REFERENCES places (id),
    compound_id BIGINT NOT NULL REFERENCES places (id),
    entry_date TEXT NOT NULL,               -- YYYY-MM-DD, the day the money moved
    direction TEXT NOT NULL CHECK (direction IN ('income', 'spending')),
    category TEXT NOT NULL CHECK (category IN ('parking', 'advertising', 'rent', 'other_income',
                                               'repair', 'other_spending')),
    amount_fen BIGINT NOT NULL CHECK (amount_fen <> 0),
    description TEXT NOT NULL,
    vote_id BIGINT,                         -- votes (src/votes): passed and final
    decision_id BIGINT REFERENCES meeting_decisions (id),
    flagged BOOLEAN NOT NULL,               -- spending accepted without authorisation
    reverses_id BIGINT UNIQUE REFERENCES ledger_entries (id),
    entered_by BIGINT REFERENCES users (id),
    entered_at BIGINT NOT NULL,
    prev_hash TEXT,
    hash TEXT,
    CHECK ((reverses_id IS NULL) = (amount_fen > 0)),
    CHECK (vote_id IS NULL OR decision_id IS NULL)
);
CREATE INDEX ledger_entries_compound ON ledger_entries (compound_id, entry_date, id);
CREATE INDEX ledger_entries_district ON ledger_entries (district_id, id);

-- A sub-district's choice for spending without an authorisation: refused
-- (the default, without a row) or accepted and flagged for the inspector.
CREATE TABLE ledger_settings (
    district_id BIGINT PRIMARY KEY REFERENCES places (id),
    unauthorised TEXT NOT NULL CHECK (unauthorised IN ('refuse', 'flag')),
    updated_by BIGINT REFERENCES users (id),
    updated_at BIGINT NOT NULL
);

-- Entries are never changed or removed: the only update is the chain's,
-- setting prev_hash and hash of a row that has none yet.
{{sqlite:
CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
    WHEN OLD.hash IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.district_id IS NOT OLD.district_id
        OR NEW.compound_id IS NOT OLD.compound_id OR NEW.entry_date IS NOT OLD.entry_date
        OR NEW.direction IS NOT OLD.direction OR NEW.category IS NOT OLD.category
        OR NEW.amount_fen IS NOT OLD.amount_fen OR NEW.description IS NOT OLD.description
        OR NEW.vote_id IS NOT OLD.vote_id OR NEW.decision_id IS NOT OLD.decision_id
        OR NEW.flagged IS NOT OLD.flagged OR NEW.reverses_id IS NOT OLD.reverses_id
        OR NEW.entered_by IS NOT OLD.entered_by OR NEW.entered_at IS NOT OLD.entered_at
BEGIN
    SELECT RAISE(ABORT, 'ledger entries are append-only');
END;
CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
BEGIN
    SELECT RAISE(ABORT, 'ledger entries are append-only');
END;
}}
{{postgres:
CREATE FUNCTION ledger_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR OLD.hash IS NOT NULL
        OR (NEW.id, NEW.district_id, NEW.compound_id, NEW.entry_date, NEW.direction,
            NEW.category, NEW.amount_fen, NEW.description, NEW.vote_id, NEW.decision_id,
            NEW.flagged, NEW.reverses_id, NEW.entered_by, NEW.entered_at)
           IS DISTINCT FROM
           (OLD.id, OLD.district_id, OLD.compound_id, OLD.entry_date, OLD.direction,
            OLD.category, OLD.amount_fen, OLD.description, OLD.vote_id, OLD.decision_id,
            OLD.flagged, OLD.reverses_id, OLD.entered_by, OLD.entered_at) THEN
        RAISE EXCEPTION 'ledger entries are append-only' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only();
}}
