-- Grid care (docs/domain.md section 6, docs/api-care.md): each household's
-- colour tier with its history, the household head's consent to public
-- display, the visit rules of each sub-district, the visits, the building
-- leader's work log and dispute mediation records.

-- A sub-district's own visit rule for a tier; without a row, the default
-- (seeds 000, src/care/tier.c care_rule_default).
CREATE TABLE care_rules (
    id {{id}},
    district_id BIGINT NOT NULL REFERENCES places (id),
    tier TEXT NOT NULL CHECK (tier IN ('red', 'orange', 'yellow', 'green')),
    period TEXT NOT NULL CHECK (period IN ('day', 'week', 'half_month', 'month')),
    visits INTEGER NOT NULL CHECK (visits >= 1),
    accompanied INTEGER NOT NULL CHECK (accompanied >= 0),
    help_tasks TEXT NOT NULL DEFAULT '',   -- comma separated codes
    updated_by BIGINT REFERENCES users (id),
    updated_at BIGINT NOT NULL,
    UNIQUE (district_id, tier)
);

-- A household's (dwelling's) tiers over time: the current one has no
-- `until`. Dates are local (YYYY-MM-DD): the tier applies from `since` to
-- `until`, both inclusive (docs/domain.md CT-10).
CREATE TABLE care_tiers (
    id {{id}},
    district_id BIGINT NOT NULL REFERENCES places (id),
    dwelling_id BIGINT NOT NULL REFERENCES places (id),
    tier TEXT NOT NULL CHECK (tier IN ('red', 'orange', 'yellow', 'green')),
    reason TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('confirmed', 'override')),
    suggested TEXT NOT NULL CHECK (suggested IN ('red', 'orange', 'yellow', 'green')),
    since TEXT NOT NULL,
    until TEXT,
    set_by BIGINT REFERENCES users (id),
    set_at BIGINT NOT NULL
);
CREATE INDEX care_tiers_dwelling ON care_tiers (dwelling_id, id);
CREATE UNIQUE INDEX care_tiers_current ON care_tiers (dwelling_id) WHERE until IS NULL;
CREATE INDEX care_tiers_district ON care_tiers (district_id, dwelling_id);

-- The household head's consent to showing the tier in public (CT-2): who,
-- when, how, and when withdrawn. At most one stands at a time.
CREATE TABLE care_consents (
    id {{id}},
    district_id BIGINT NOT NULL REFERENCES places (id),
    dwelling_id BIGINT NOT NULL REFERENCES places (id),
    given_by TEXT NOT NULL,
    given_by_resident_id BIGINT REFERENCES residents (id),
    method TEXT NOT NULL CHECK (method IN ('written', 'verbal', 'phone')),
    given_at BIGINT NOT NULL,
    recorded_by BIGINT REFERENCES users (id),
    withdrawn_at BIGINT,
    withdrawn_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX care_consents_dwelling ON care_consents (dwelling_id, id);
CREATE UNIQUE INDEX care_consents_standing ON care_consents (dwelling_id)
    WHERE withdrawn_at IS NULL;

-- Visits. One per account and client_key: a phone's retries, however late,
-- find the first (docs/api-care.md).
CREATE TABLE care_visits (
    id {{id}},
    district_id BIGINT NOT NULL REFERENCES places (id),
    dwelling_id BIGINT NOT NULL REFERENCES places (id),
    grid_id BIGINT REFERENCES places (id),
    visitor_id BIGINT NOT NULL REFERENCES users (id),
    client_key TEXT NOT NULL,
    visited_at BIGINT NOT NULL,
    visit_date TEXT NOT NULL,
    tier TEXT,
    medical_staff TEXT,
    police TEXT,
    accompanied BOOLEAN NOT NULL,
    seen TEXT NOT NULL,
    help TEXT NOT NULL DEFAULT '',         -- comma separated codes
    help_note TEXT,
    follow_up_note TEXT,
    work_order_id BIGINT REFERENCES work_orders (id),
    created_at BIGINT NOT NULL,
    UNIQUE (visitor_id, client_key)
);
CREATE INDEX care_visits_dwelling ON care_visits (dwelling_id, visit_date);
CREATE INDEX care_visits_grid ON care_visits (grid_id, visit_date);
CREATE INDEX care_visits_district ON care_visits (district_id, id);

-- The building leader's work log (楼栋长工作记录簿).
CREATE TABLE care_building_logs (
    id {{id}},
    district_id BIGINT NOT NULL REFERENCES places (id),
    building_id BIGINT NOT NULL REFERENCES places (id),
    log_date TEXT NOT NULL,
    seen TEXT NOT NULL,
    done TEXT NOT NULL DEFAULT '',
    author_id BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX care_building_logs_building ON care_building_logs (building_id, id);
CREATE INDEX care_building_logs_district ON care_building_logs (district_id, id);

-- Dispute mediation (矛盾调解): parties, matter, mediator, meetings,
-- outcome, follow-ups.
CREATE TABLE care_mediations (
    id {{id}},
    district_id BIGINT NOT NULL REFERENCES places (id),
    place_id BIGINT NOT NULL REFERENCES places (id),
    matter TEXT NOT NULL,
    mediator TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('in_progress', 'settled', 'failed')),
    outcome TEXT,
    opened_by BIGINT REFERENCES users (id),
    opened_at BIGINT NOT NULL,
    closed_at BIGINT,
    updated_at BIGINT NOT NULL
);
CREATE INDEX care_mediations_district ON care_mediations (district_id, id);

CREATE TABLE care_mediation_parties (
    id {{id}},
    mediation_id BIGINT NOT NULL REFERENCES care_mediations (id),
    name TEXT NOT NULL,
    side TEXT,
    resident_id BIGINT REFERENCES residents (id)
);
CREATE INDEX care_mediation_parties_mediation ON care_mediation_parties (mediation_id, id);

-- Meetings and follow-ups, in order.
CREATE TABLE care_mediation_entries (
    id {{id}},
    mediation_id BIGINT NOT NULL REFERENCES care_mediations (id),
    kind TEXT NOT NULL CHECK (kind IN ('meeting', 'follow_up')),
    happened_at BIGINT NOT NULL,
    attendees TEXT,
    note TEXT NOT NULL,
    by_user BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX care_mediation_entries_mediation ON care_mediation_entries (mediation_id, id);
