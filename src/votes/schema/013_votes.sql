-- Owners' votes under Civil Code art. 278 (docs/api-votes.md): the vote, its
-- electorate frozen at publication, objections, proxies' authorizations and
-- the ballots, append-only and hash-chained (kit/chain.h).

-- Dwellings that are the developer's unsold or undelivered units: together
-- they count as one owner (法释〔2009〕7号 art. 9). Kept by staff, audited.
CREATE TABLE vote_developer_units (
    id {{id}},
    district_id BIGINT NOT NULL REFERENCES places (id),
    dwelling_id BIGINT NOT NULL UNIQUE REFERENCES places (id),
    note TEXT,
    marked_by BIGINT REFERENCES users (id),
    marked_at BIGINT NOT NULL
);

-- One vote of a compound's owners, or of one building's. The ledger names
-- the vote that authorised a spending by id and reads status and outcome.
CREATE TABLE votes (
    id {{id}},
    district_id BIGINT NOT NULL REFERENCES places (id),
    place_id BIGINT NOT NULL REFERENCES places (id),  -- the compound or the building
    compound_id BIGINT NOT NULL REFERENCES places (id),
    building_id BIGINT REFERENCES places (id),        -- set for a building's vote
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    matter TEXT NOT NULL,                             -- src/votes/matter.c
    special BOOLEAN NOT NULL,                         -- art. 278 items 6-8: 3/4
    secret BOOLEAN NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'open', 'preliminary',
                                           'final', 'cancelled')),
    outcome TEXT CHECK (outcome IS NULL OR outcome IN ('passed', 'failed')),
    opens_at BIGINT NOT NULL,
    closes_at BIGINT NOT NULL,
    objection_days INTEGER NOT NULL CHECK (objection_days BETWEEN 1 AND 30),
    published_at BIGINT,
    opened_at BIGINT,
    preliminary_at BIGINT,
    objections_until BIGINT,
    final_at BIGINT,
    -- The frozen electorate, and the count once closed.
    electorate_heads BIGINT,
    electorate_area_cm2 BIGINT,
    yes_heads BIGINT,
    yes_area_cm2 BIGINT,
    no_heads BIGINT,
    no_area_cm2 BIGINT,
    abstain_heads BIGINT,
    abstain_area_cm2 BIGINT,
    cancel_reason TEXT,
    created_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK (closes_at > opens_at)
);
CREATE INDEX votes_district ON votes (district_id, id);
CREATE INDEX votes_compound ON votes (compound_id, id);

-- The electorate frozen at publication: each head (an owner as the law
-- counts them) with its summed area, its units and their owners then.
CREATE TABLE vote_heads (
    id {{id}},
    vote_id BIGINT NOT NULL REFERENCES votes (id),
    position INTEGER NOT NULL,
    area_cm2 BIGINT NOT NULL CHECK (area_cm2 >= 0),
    units INTEGER NOT NULL,
    developer BOOLEAN NOT NULL,
    flags INTEGER NOT NULL,
    UNIQUE (vote_id, position)
);

CREATE TABLE vote_head_units (
    id {{id}},
    vote_id BIGINT NOT NULL REFERENCES votes (id),
    head_id BIGINT NOT NULL REFERENCES vote_heads (id),
    dwelling_id BIGINT NOT NULL REFERENCES places (id),
    area_cm2 BIGINT NOT NULL,
    UNIQUE (vote_id, dwelling_id)
);
CREATE INDEX vote_head_units_head ON vote_head_units (head_id);

CREATE TABLE vote_head_owners (
    id {{id}},
    head_id BIGINT NOT NULL REFERENCES vote_heads (id),
    dwelling_id BIGINT NOT NULL REFERENCES places (id),
    resident_id BIGINT NOT NULL REFERENCES residents (id)
);
CREATE INDEX vote_head_owners_head ON vote_head_owners (head_id);

-- An owner's objection: to their entry in the electorate (before the vote
-- opens; staff correct the register and publish the electorate again) or to
-- the preliminary result (询异, before the final one).
CREATE TABLE vote_objections (
    id {{id}},
    district_id BIGINT NOT NULL REFERENCES places (id),
    vote_id BIGINT NOT NULL REFERENCES votes (id),
    stage TEXT NOT NULL CHECK (stage IN ('electorate', 'result')),
    dwelling_id BIGINT NOT NULL REFERENCES places (id),  -- the objector's home
    user_id BIGINT NOT NULL REFERENCES users (id),
    text TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'upheld', 'dismissed')),
    resolution TEXT,
    resolved_by BIGINT REFERENCES users (id),
    resolved_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX vote_objections_vote ON vote_objections (vote_id, id);

-- A signed 授权委托书: the file (cleaned, named by its SHA-256) authorizing
-- a proxy to vote for one head.
CREATE TABLE vote_authorizations (
    id {{id}},
    district_id BIGINT NOT NULL REFERENCES places (id),
    vote_id BIGINT NOT NULL REFERENCES votes (id),
    head_id BIGINT NOT NULL REFERENCES vote_heads (id),
    proxy_name TEXT NOT NULL,
    file_name TEXT NOT NULL,
    mime TEXT NOT NULL,
    bytes BIGINT NOT NULL,
    uploaded_by BIGINT NOT NULL REFERENCES users (id),
    uploaded_at BIGINT NOT NULL
);
CREATE INDEX vote_authorizations_vote ON vote_authorizations (vote_id, id);

-- One ballot per head (a second is a unique violation), never changed or
-- removed: each row carries the hash of the sub-district's ballot before it.
-- The receipt's code is never stored, only its SHA-256.
CREATE TABLE vote_ballots (
    id {{id}},
    district_id BIGINT NOT NULL REFERENCES places (id),
    vote_id BIGINT NOT NULL REFERENCES votes (id),
    head_id BIGINT NOT NULL REFERENCES vote_heads (id),
    choice TEXT NOT NULL CHECK (choice IN ('yes', 'no', 'abstain')),
    area_cm2 BIGINT NOT NULL,
    heads INTEGER NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('online', 'paper', 'proxy')),
    paper_number TEXT,
    authorization_id BIGINT REFERENCES vote_authorizations (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    receipt_hash TEXT NOT NULL UNIQUE,
    cast_at BIGINT NOT NULL,
    prev_hash TEXT,
    hash TEXT,
    UNIQUE (vote_id, head_id),
    UNIQUE (vote_id, paper_number),
    CHECK (channel <> 'proxy' OR authorization_id IS NOT NULL)
);
CREATE INDEX vote_ballots_district ON vote_ballots (district_id, id);

-- Once linked into the chain a ballot is neither changed nor removed.
{{sqlite:
CREATE TRIGGER vote_ballots_no_update BEFORE UPDATE ON vote_ballots
WHEN OLD.hash IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'vote ballots are append-only');
END;
CREATE TRIGGER vote_ballots_no_delete BEFORE DELETE ON vote_ballots
WHEN OLD.hash IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'vote ballots are append-only');
END;
}}
{{postgres:
CREATE FUNCTION vote_ballots_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.hash IS NOT NULL THEN
        RAISE EXCEPTION 'vote ballots are append-only' USING ERRCODE = 'check_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER vote_ballots_append_only BEFORE UPDATE OR DELETE ON vote_ballots
FOR EACH ROW EXECUTE FUNCTION vote_ballots_append_only();
}}
