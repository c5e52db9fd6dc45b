-- Foundation: places (minimal; the registry fills them out), users, sessions,
-- login throttling, the audit log and the log of sensitive reads.
-- Portable SQL; {{id}} is the one per-backend spelling (src/store/migrate.c).

CREATE TABLE places (
    id {{id}},
    -- The tenant key: the sub-district every row belongs to (architecture.md).
    -- A sub-district is its own district.
    district_id BIGINT REFERENCES places (id),
    kind TEXT NOT NULL CHECK (kind IN ('subdistrict', 'community', 'zone', 'compound', 'grid',
                                       'micro_grid', 'building', 'entrance', 'dwelling')),
    parent_id BIGINT REFERENCES places (id),
    name TEXT NOT NULL,
    code TEXT,
    -- Ancestors copied down from the parent (src/place/place.c), so a scope
    -- check or a filter is one indexed lookup even at 32 million dwellings.
    -- grid_id: a building's grid (every building belongs to exactly one grid,
    -- domain.md), inherited by its entrances and dwellings; a grid's own id.
    community_id BIGINT,
    zone_id BIGINT,
    compound_id BIGINT,
    building_id BIGINT,
    entrance_id BIGINT,
    grid_id BIGINT,
    micro_grid_id BIGINT,
    -- Dwellings: floor, and exclusive floor area in square centimetres
    -- (1 m2 = 10000 cm2), exact, because owner votes compare areas (domain.md).
    floor INTEGER,
    area_cm2 BIGINT CHECK (area_cm2 IS NULL OR area_cm2 >= 0),
    -- Grids: comprehensive or dedicated (docs/domain.md GR-4).
    grid_type TEXT CHECK (grid_type IS NULL OR grid_type IN ('comprehensive', 'dedicated')),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (parent_id, kind, name)
);
CREATE INDEX places_parent ON places (parent_id);
CREATE INDEX places_district ON places (district_id, kind);
CREATE INDEX places_community ON places (community_id, kind);
CREATE INDEX places_zone ON places (zone_id);
CREATE INDEX places_compound ON places (compound_id, kind);
CREATE INDEX places_building ON places (building_id, kind);
CREATE INDEX places_grid ON places (grid_id, kind);
CREATE INDEX places_micro_grid ON places (micro_grid_id);

CREATE TABLE users (
    id {{id}},
    login TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    phone TEXT,
    role TEXT NOT NULL,
    -- NULL scope only for an admin of the whole installation.
    scope_id BIGINT REFERENCES places (id),
    district_id BIGINT REFERENCES places (id),
    password_hash TEXT NOT NULL,
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX users_district ON users (district_id);

-- Only a hash of each session token is kept.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Failed logins per account ('login:NAME') and per address ('ip:ADDR').
CREATE TABLE login_throttle (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    window_start BIGINT NOT NULL,
    locked_until BIGINT NOT NULL
);

CREATE TABLE audit_log (
    id {{id}},
    at BIGINT NOT NULL,
    user_id BIGINT,
    district_id BIGINT,
    action TEXT NOT NULL,
    entity TEXT,
    entity_id BIGINT,
    before_json TEXT,
    after_json TEXT,
    ip TEXT
);
CREATE INDEX audit_log_district ON audit_log (district_id, id);

-- Every read of unmasked personal data: who read whose record, which fields.
CREATE TABLE sensitive_reads (
    id {{id}},
    at BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    district_id BIGINT,
    subject TEXT NOT NULL,
    subject_id BIGINT NOT NULL,
    fields TEXT NOT NULL
);

-- A retried POST with the same Idempotency-Key returns the first answer.
CREATE TABLE idempotency_keys (
    user_id BIGINT NOT NULL,
    key TEXT NOT NULL,
    method_path TEXT NOT NULL,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, key)
);
