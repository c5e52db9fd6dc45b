-- Supervision (docs/domain.md FU-3, FU-4; docs/api-oversight.md): complaints
-- to the discipline inspector (纪检监察前哨) with their steps, and the
-- quarterly evaluation of property companies behind the red-black list
-- (红黑榜): each sub-district's formula, third-party scores, and the
-- published quarters' frozen figures.

-- A complaint about a property company, a staff member or a fund matter.
-- Only the tracking code's hash is kept; the complainant's name and phone
-- are optional (anonymous filing).
CREATE TABLE complaints (
    id {{id}},
    district_id BIGINT NOT NULL REFERENCES places (id),
    place_id BIGINT REFERENCES places (id),         -- the community or compound concerned
    source TEXT NOT NULL CHECK (source IN ('public', 'box')),
    box_place TEXT,                                 -- where the suggestion box hangs
    subject_kind TEXT NOT NULL CHECK (subject_kind IN ('property_company', 'staff', 'fund')),
    subject_org_id BIGINT REFERENCES organizations (id),
    subject_user_id BIGINT REFERENCES users (id),   -- the staff member named, once known
    subject_text TEXT,                              -- the person or fund as the complainant says
    matter TEXT NOT NULL,
    complainant_name TEXT,
    complainant_phone TEXT,
    tracking_hash TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('received', 'verifying', 'found', 'closed')),
    finding TEXT CHECK (finding IN ('upheld', 'not_upheld', 'partly_upheld')),
    action_taken TEXT,
    recorded_by BIGINT REFERENCES users (id),       -- the inspector who recorded a box's
    filed_at BIGINT NOT NULL,
    found_at BIGINT,
    closed_at BIGINT,
    updated_at BIGINT NOT NULL
);
CREATE INDEX complaints_district ON complaints (district_id, id);
CREATE INDEX complaints_org_found ON complaints (subject_org_id, found_at);

-- The inspector's steps: verification, the finding, the action taken, each
-- with an internal note.
CREATE TABLE complaint_steps (
    id {{id}},
    complaint_id BIGINT NOT NULL REFERENCES complaints (id),
    step TEXT NOT NULL CHECK (step IN ('verify', 'find', 'act')),
    finding TEXT CHECK (finding IN ('upheld', 'not_upheld', 'partly_upheld')),
    action_taken TEXT,
    note TEXT NOT NULL,
    by_user BIGINT NOT NULL REFERENCES users (id),
    at BIGINT NOT NULL
);
CREATE INDEX complaint_steps_complaint ON complaint_steps (complaint_id, id);

-- A sub-district's scoring formula; without a row, the default
-- (src/oversight/score.c oversight_formula_default).
CREATE TABLE rating_formulas (
    id {{id}},
    district_id BIGINT NOT NULL UNIQUE REFERENCES places (id),
    w_on_time INTEGER NOT NULL,
    w_resolution INTEGER NOT NULL,
    w_satisfaction INTEGER NOT NULL,
    w_third_party INTEGER NOT NULL,
    penalty_upheld INTEGER NOT NULL,
    penalty_partly INTEGER NOT NULL,
    min_orders INTEGER NOT NULL,
    list_size INTEGER NOT NULL,
    updated_by BIGINT REFERENCES users (id),
    updated_at BIGINT NOT NULL
);

-- A third-party evaluator's score (0-100) of a company for a quarter.
CREATE TABLE rating_third_party (
    id {{id}},
    district_id BIGINT NOT NULL REFERENCES places (id),
    org_id BIGINT NOT NULL REFERENCES organizations (id),
    quarter TEXT NOT NULL,                          -- 2026Q3
    evaluator TEXT NOT NULL,
    score INTEGER NOT NULL CHECK (score >= 0 AND score <= 100),
    note TEXT,
    entered_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    UNIQUE (org_id, quarter, evaluator)
);
CREATE INDEX rating_third_party_quarter ON rating_third_party (district_id, quarter);

-- A published quarter: its figures frozen as published (the formula, each
-- company's inputs and score, the lists), never changed again.
CREATE TABLE rating_publications (
    id {{id}},
    district_id BIGINT NOT NULL REFERENCES places (id),
    quarter TEXT NOT NULL,
    figures TEXT NOT NULL,                          -- JSON, as the public page shows it
    published_by BIGINT REFERENCES users (id),
    published_at BIGINT NOT NULL,
    UNIQUE (district_id, quarter)
);
