-- Work orders (工单, docs/domain.md section 5; docs/api-workorders.md): the
-- category tree and the deadline standard of each sub-district, its working
-- calendar, the orders with their timeline, photos, supporters and whistles,
-- and the dispatch rules and teams.

-- A tree of categories per sub-district (parent NULL: a root). difficulty is
-- the class an order of the category gets until a dispatcher sets one.
CREATE TABLE wo_categories (
    id {{id}},
    district_id BIGINT NOT NULL REFERENCES places (id),
    parent_id BIGINT REFERENCES wo_categories (id),
    code TEXT NOT NULL,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    difficulty TEXT NOT NULL CHECK (difficulty IN ('simple', 'general', 'complex', 'difficult')),
    enabled BOOLEAN NOT NULL DEFAULT TRUE,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (district_id, code)
);

-- The deadline standard of a sub-district (struct wo_standard) and its
-- settings; a sub-district without a row keeps 54321 (seeds 001).
CREATE TABLE wo_standards (
    district_id BIGINT PRIMARY KEY REFERENCES places (id),
    on_site_s BIGINT NOT NULL,
    resolve_simple_s BIGINT NOT NULL,
    resolve_general_s BIGINT NOT NULL,
    resolve_complex_s BIGINT NOT NULL,
    resolve_difficult_s BIGINT NOT NULL,
    working_time BOOLEAN NOT NULL DEFAULT FALSE,
    work_start_min INTEGER NOT NULL,
    work_end_min INTEGER NOT NULL,
    warn_s BIGINT NOT NULL,
    reopen_days INTEGER NOT NULL,
    whistle_s BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- Exceptions to Monday-to-Friday: statutory holidays (working FALSE) and
-- make-up working days, 调休 (working TRUE). day: local days since 1970-01-01.
CREATE TABLE wo_calendar_days (
    district_id BIGINT NOT NULL REFERENCES places (id),
    day INTEGER NOT NULL,
    working BOOLEAN NOT NULL,
    note TEXT,
    PRIMARY KEY (district_id, day)
);

-- The last number given each local day: WO-YYYYMMDD-NNNN per sub-district.
CREATE TABLE wo_counters (
    district_id BIGINT NOT NULL REFERENCES places (id),
    day INTEGER NOT NULL,
    last_seq INTEGER NOT NULL,
    PRIMARY KEY (district_id, day)
);

-- Dispatch teams, and the units (organizations) whose users answer whistles.
CREATE TABLE wo_teams (
    id {{id}},
    district_id BIGINT NOT NULL REFERENCES places (id),
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (district_id, name)
);
CREATE TABLE wo_team_members (
    team_id BIGINT NOT NULL REFERENCES wo_teams (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    PRIMARY KEY (team_id, user_id)
);
CREATE TABLE wo_unit_users (
    org_id BIGINT NOT NULL REFERENCES organizations (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    PRIMARY KEY (org_id, user_id)
);
CREATE INDEX wo_unit_users_user ON wo_unit_users (user_id);

-- Dispatch rules: the most specific rule (grid and category, then grid, then
-- category, then neither) decides who gets a new order.
CREATE TABLE wo_routes (
    id {{id}},
    district_id BIGINT NOT NULL REFERENCES places (id),
    grid_id BIGINT REFERENCES places (id),
    category_id BIGINT REFERENCES wo_categories (id),
    mode TEXT NOT NULL CHECK (mode IN ('direct', 'grab', 'least_loaded')),
    assignee_user_id BIGINT REFERENCES users (id),
    team_id BIGINT REFERENCES wo_teams (id),
    enabled BOOLEAN NOT NULL DEFAULT TRUE,
    created_at BIGINT NOT NULL
);
CREATE INDEX wo_routes_district ON wo_routes (district_id, grid_id, category_id);

-- An order. place_id is where it hangs for scope: a dwelling, building or
-- compound, or the grid, community or sub-district of a free-text place;
-- community_id, grid_id and building_id are copied from that place.
-- Deadlines are kept as computed (on_site_due_at, resolve_due_at) from
-- clock_start_at (the report, or the last reopening) plus paused_s, the
-- counted time spent suspended. queue_due: the earliest deadline of a
-- running clock (NULL: none runs), the dispatcher queue's order.
CREATE TABLE work_orders (
    id {{id}},
    district_id BIGINT NOT NULL REFERENCES places (id),
    number TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('phone', 'resident_page', 'suggestion_box',
                                             'door_visit', 'grid_patrol', 'sensor', 'rider',
                                             'open311')),
    reporter_kind TEXT NOT NULL CHECK (reporter_kind IN ('resident', 'staff', 'anonymous')),
    reporter_user_id BIGINT REFERENCES users (id),
    reporter_resident_id BIGINT REFERENCES residents (id),
    reporter_name TEXT,
    reporter_phone TEXT,
    place_id BIGINT NOT NULL REFERENCES places (id),
    place_text TEXT,
    lat_e6 BIGINT,
    lon_e6 BIGINT,
    community_id BIGINT REFERENCES places (id),
    grid_id BIGINT REFERENCES places (id),
    building_id BIGINT REFERENCES places (id),
    category_id BIGINT NOT NULL REFERENCES wo_categories (id),
    description TEXT NOT NULL,
    difficulty TEXT NOT NULL CHECK (difficulty IN ('simple', 'general', 'complex', 'difficult')),
    classified_by BIGINT REFERENCES users (id),
    classified_at BIGINT,
    status TEXT NOT NULL CHECK (status IN ('reported', 'dispatched', 'taken', 'on_site',
                                           'resolved', 'rated', 'closed', 'suspended')),
    suspended_from TEXT,
    level TEXT NOT NULL CHECK (level IN ('grid', 'community', 'district')),
    closed_level TEXT,
    outcome TEXT CHECK (outcome IS NULL OR outcome IN ('fixed', 'not_fixed', 'not_ours',
                                                       'duplicate')),
    outcome_note TEXT,
    responsible TEXT,
    duplicate_of BIGINT REFERENCES work_orders (id),
    assignee_user_id BIGINT REFERENCES users (id),
    team_id BIGINT REFERENCES wo_teams (id),
    grab BOOLEAN NOT NULL DEFAULT FALSE,
    last_handler_id BIGINT REFERENCES users (id),
    reported_at BIGINT NOT NULL,
    clock_start_at BIGINT NOT NULL,
    dispatched_at BIGINT,
    taken_at BIGINT,
    on_site_at BIGINT,
    plan_at BIGINT,
    resolved_at BIGINT,
    rated_at BIGINT,
    closed_at BIGINT,
    suspended_at BIGINT,
    on_site_due_at BIGINT NOT NULL,
    resolve_due_at BIGINT NOT NULL,
    paused_s BIGINT NOT NULL DEFAULT 0,
    queue_due BIGINT,
    due_soon BOOLEAN NOT NULL DEFAULT FALSE,
    overdue BOOLEAN NOT NULL DEFAULT FALSE,
    reopen_count INTEGER NOT NULL DEFAULT 0,
    sendback_count INTEGER NOT NULL DEFAULT 0,
    rating INTEGER CHECK (rating IS NULL OR rating BETWEEN 1 AND 5),
    rating_comment TEXT,
    visit_note TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (district_id, number)
);
CREATE INDEX work_orders_district ON work_orders (district_id, id);
CREATE INDEX work_orders_queue ON work_orders (district_id, queue_due, id);
CREATE INDEX work_orders_place ON work_orders (place_id);
CREATE INDEX work_orders_grid ON work_orders (grid_id, status);
CREATE INDEX work_orders_building ON work_orders (building_id, category_id);
CREATE INDEX work_orders_assignee ON work_orders (assignee_user_id, status);
CREATE INDEX work_orders_reporter ON work_orders (reporter_user_id);
CREATE INDEX work_orders_duplicate ON work_orders (duplicate_of);

-- The timeline: every transition, who, when, from and to, a note, a photo,
-- and what else the action recorded (JSON).
CREATE TABLE wo_events (
    id {{id}},
    order_id BIGINT NOT NULL REFERENCES work_orders (id),
    district_id BIGINT NOT NULL REFERENCES places (id),
    at BIGINT NOT NULL,
    user_id BIGINT REFERENCES users (id),
    action TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT,
    note TEXT,
    photo_id BIGINT,
    data TEXT
);
CREATE INDEX wo_events_order ON wo_events (order_id, id);

-- A stored photo: name is the file under the files directory.
CREATE TABLE wo_photos (
    id {{id}},
    order_id BIGINT NOT NULL REFERENCES work_orders (id),
    district_id BIGINT NOT NULL REFERENCES places (id),
    name TEXT NOT NULL,
    mime TEXT NOT NULL,
    bytes BIGINT NOT NULL,
    user_id BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX wo_photos_order ON wo_photos (order_id, id);

-- "Me too": who joined an order; merged_from: the order whose merge added
-- them (NULL: they joined themselves), removed again when it is undone.
CREATE TABLE wo_supporters (
    order_id BIGINT NOT NULL REFERENCES work_orders (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    merged_from BIGINT REFERENCES work_orders (id),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (order_id, user_id)
);
CREATE INDEX wo_supporters_user ON wo_supporters (user_id);

-- 吹哨报到 (docs/domain.md WO-5): a unit called to an order, to respond by due_at.
CREATE TABLE wo_whistles (
    id {{id}},
    order_id BIGINT NOT NULL REFERENCES work_orders (id),
    district_id BIGINT NOT NULL REFERENCES places (id),
    org_id BIGINT NOT NULL REFERENCES organizations (id),
    note TEXT,
    due_at BIGINT NOT NULL,
    responded_at BIGINT,
    responded_by BIGINT REFERENCES users (id),
    response TEXT,
    overdue BOOLEAN NOT NULL DEFAULT FALSE,
    created_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX wo_whistles_order ON wo_whistles (order_id);
CREATE INDEX wo_whistles_org ON wo_whistles (org_id, responded_at);
