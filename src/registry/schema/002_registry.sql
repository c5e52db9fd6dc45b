-- The registry (以房管人): residents linked to dwellings, tags, consents,
-- organizations, the party organization tree, party members' public cards,
-- posts, and each building's grid history. Every row carries district_id.

-- A building's grid over time: moving a building keeps the old assignment.
CREATE TABLE building_grid_history (
    id {{id}},
    district_id BIGINT NOT NULL REFERENCES places (id),
    building_id BIGINT NOT NULL REFERENCES places (id),
    grid_id BIGINT NOT NULL REFERENCES places (id),
    micro_grid_id BIGINT REFERENCES places (id),
    started_at BIGINT NOT NULL,
    ended_at BIGINT,
    changed_by BIGINT
);
CREATE INDEX building_grid_history_building ON building_grid_history (building_id, started_at);

-- The party organization tree, four or five levels (domain.md; seeds 000, 002, 004).
CREATE TABLE party_orgs (
    id {{id}},
    district_id BIGINT NOT NULL REFERENCES places (id),
    parent_id BIGINT REFERENCES party_orgs (id),
    level TEXT NOT NULL CHECK (level IN ('community_committee', 'command_room', 'grid_branch',
                                         'building_group', 'central_household')),
    name TEXT NOT NULL,
    place_id BIGINT REFERENCES places (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (district_id, parent_id, name)
);
CREATE INDEX party_orgs_parent ON party_orgs (parent_id);

CREATE TABLE residents (
    id {{id}},
    district_id BIGINT NOT NULL REFERENCES places (id),
    name TEXT NOT NULL,
    sex TEXT CHECK (sex IS NULL OR sex IN ('male', 'female')),
    birth_date TEXT,               -- YYYY-MM-DD
    id_number TEXT,                -- GB 11643, 18 characters, upper-case X
    phone TEXT,                    -- mainland mobile, 11 digits
    party_org_id BIGINT REFERENCES party_orgs (id), -- set: a party member of that organization
    note TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (district_id, id_number)
);
CREATE INDEX residents_name ON residents (district_id, name);
CREATE INDEX residents_phone ON residents (district_id, phone);
-- A wide scope's list walks its sub-district's residents in id order (the
-- cursor), stopping when the page is full (src/registry/resident_search.c).
CREATE INDEX residents_district ON residents (district_id, id);

-- Who lives where, as owner, family member or tenant. Moving out sets
-- moved_out; rows are never deleted, so the history stays.
CREATE TABLE occupancies (
    id {{id}},
    district_id BIGINT NOT NULL REFERENCES places (id),
    resident_id BIGINT NOT NULL REFERENCES residents (id),
    dwelling_id BIGINT NOT NULL REFERENCES places (id),
    relation TEXT NOT NULL CHECK (relation IN ('owner', 'family', 'tenant')),
    moved_in TEXT,                 -- YYYY-MM-DD
    moved_out TEXT,                -- YYYY-MM-DD; NULL while living there
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX occupancies_dwelling ON occupancies (dwelling_id);
CREATE INDEX occupancies_resident ON occupancies (resident_id);

-- Special-group tags. district_id NULL: built in for every sub-district;
-- a sub-district adds its own. Health-related tags are sensitive: shown only
-- to those who need them, and every read of them is logged (domain.md, Privacy).
CREATE TABLE tags (
    id {{id}},
    district_id BIGINT REFERENCES places (id),
    code TEXT NOT NULL,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    sensitive BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL,
    UNIQUE (district_id, code)
);
INSERT INTO tags (district_id, code, name_zh, name_en, sensitive, created_at) VALUES
    (NULL, 'aged_80_plus', '80岁以上高龄', 'aged 80+', FALSE, 0),
    (NULL, 'living_alone', '独居', 'living alone', FALSE, 0),
    (NULL, 'empty_nest', '空巢', 'empty-nest', FALSE, 0),
    (NULL, 'disabled', '残疾', 'disabled', TRUE, 0),
    (NULL, 'seriously_ill', '重病', 'seriously ill', TRUE, 0),
    (NULL, 'preschool_child', '学龄前儿童', 'pre-school child', FALSE, 0),
    (NULL, 'low_income', '低保', 'low income', TRUE, 0);

CREATE TABLE resident_tags (
    resident_id BIGINT NOT NULL REFERENCES residents (id),
    tag_id BIGINT NOT NULL REFERENCES tags (id),
    district_id BIGINT NOT NULL REFERENCES places (id),
    added_at BIGINT NOT NULL,
    PRIMARY KEY (resident_id, tag_id)
);
CREATE INDEX resident_tags_tag ON resident_tags (tag_id, resident_id);

-- Consent under PIPL: what was agreed, by whom, when, and when withdrawn.
CREATE TABLE consents (
    id {{id}},
    district_id BIGINT NOT NULL REFERENCES places (id),
    resident_id BIGINT NOT NULL REFERENCES residents (id),
    purpose TEXT NOT NULL CHECK (purpose IN ('registry', 'care_tier', 'household_map',
                                             'public_card', 'health_data')),
    given_by TEXT NOT NULL,        -- the person who agreed (often the household head)
    given_at BIGINT NOT NULL,
    withdrawn_at BIGINT,
    recorded_by BIGINT,
    withdrawn_by BIGINT,           -- the user who recorded the withdrawal
    created_at BIGINT NOT NULL
);
CREATE INDEX consents_resident ON consents (resident_id);

-- The log of sensitive reads (001) is read per sub-district, newest first,
-- and per person: whose record was read by whom.
CREATE INDEX sensitive_reads_district ON sensitive_reads (district_id, id);
CREATE INDEX sensitive_reads_subject ON sensitive_reads (subject_id, subject);

CREATE TABLE organizations (
    id {{id}},
    district_id BIGINT NOT NULL REFERENCES places (id),
    kind TEXT NOT NULL CHECK (kind IN ('property_company', 'owners_committee', 'alliance_unit',
                                       'social_org', 'resident_unit')),
    name TEXT NOT NULL,
    place_id BIGINT REFERENCES places (id), -- where it is registered (community or compound)
    contact_name TEXT,
    contact_phone TEXT,
    offers TEXT,                    -- what an alliance unit can offer (资源清单)
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (district_id, kind, name)
);

-- Which compounds an organization serves (a property company, an owners'
-- committee), with dates: a compound without a current property company is a
-- 无物管小区 (docs/domain.md PL-5).
CREATE TABLE org_compounds (
    id {{id}},
    district_id BIGINT NOT NULL REFERENCES places (id),
    org_id BIGINT NOT NULL REFERENCES organizations (id),
    compound_id BIGINT NOT NULL REFERENCES places (id),
    started TEXT,                   -- YYYY-MM-DD
    ended TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX org_compounds_compound ON org_compounds (compound_id);
CREATE INDEX org_compounds_org ON org_compounds (org_id);

-- Party members' public cards per building (亮身份: name, photo, phone, duty).
CREATE TABLE party_cards (
    id {{id}},
    district_id BIGINT NOT NULL REFERENCES places (id),
    building_id BIGINT NOT NULL REFERENCES places (id),
    resident_id BIGINT REFERENCES residents (id),
    name TEXT NOT NULL,
    photo TEXT,                     -- a path under the upload folder, or NULL
    phone TEXT,
    responsibility TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX party_cards_building ON party_cards (building_id);

-- Posts held by people: one person may hold several (docs/domain.md GR-2).
CREATE TABLE posts (
    id {{id}},
    district_id BIGINT NOT NULL REFERENCES places (id),
    kind TEXT NOT NULL CHECK (kind IN ('grid_leader', 'grid_worker', 'micro_grid_worker',
                                       'building_leader', 'stairwell_steward')),
    place_id BIGINT NOT NULL REFERENCES places (id), -- grid, micro-grid, building or entrance
    person_name TEXT NOT NULL,
    phone TEXT,
    user_id BIGINT REFERENCES users (id),
    resident_id BIGINT REFERENCES residents (id),
    started TEXT,                   -- YYYY-MM-DD
    ended TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX posts_place ON posts (place_id);
CREATE INDEX posts_district ON posts (district_id, kind);
