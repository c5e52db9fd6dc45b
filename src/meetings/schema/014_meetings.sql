-- Deliberation (议事协商, docs/domain.md OV-1, docs/api-meetings.md): the
-- halls meetings are held in, meetings with their agenda, invited parties and
-- attendance, minutes, decisions (each its own record, for the public-revenue
-- ledger to cite) and follow-up tasks; topics residents open and comment on
-- before a meeting takes them up.

-- A red deliberation hall (红色议事厅): a named room of a community or compound.
CREATE TABLE meeting_halls (
    id {{id}},
    district_id BIGINT NOT NULL REFERENCES places (id),
    place_id BIGINT NOT NULL REFERENCES places (id),
    name TEXT NOT NULL,
    address TEXT,
    created_at BIGINT NOT NULL,
    UNIQUE (place_id, name)
);
CREATE INDEX meeting_halls_district ON meeting_halls (district_id, id);

-- A topic for deliberation, opened by a resident or staff for a community or
-- compound, gathering comments until a meeting takes it up.
CREATE TABLE meeting_topics (
    id {{id}},
    district_id BIGINT NOT NULL REFERENCES places (id),
    place_id BIGINT NOT NULL REFERENCES places (id),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'on_agenda')),
    opened_by BIGINT NOT NULL REFERENCES users (id),
    opened_at BIGINT NOT NULL,
    comments INTEGER NOT NULL DEFAULT 0,
    updated_at BIGINT NOT NULL
);
CREATE INDEX meeting_topics_district ON meeting_topics (district_id, id);
CREATE INDEX meeting_topics_place ON meeting_topics (place_id, id);

CREATE TABLE meeting_comments (
    id {{id}},
    topic_id BIGINT NOT NULL REFERENCES meeting_topics (id),
    author_id BIGINT NOT NULL REFERENCES users (id),
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX meeting_comments_topic ON meeting_comments (topic_id, id);

-- A meeting about a matter of a community, compound or building (place_id),
-- held in a hall; planned, then held (with minutes) or cancelled.
CREATE TABLE meetings (
    id {{id}},
    district_id BIGINT NOT NULL REFERENCES places (id),
    place_id BIGINT NOT NULL REFERENCES places (id),
    hall_id BIGINT NOT NULL REFERENCES meeting_halls (id),
    topic TEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('planned', 'held', 'cancelled')),
    minutes TEXT,
    held_at BIGINT,
    created_by BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX meetings_district ON meetings (district_id, id);
CREATE INDEX meetings_place ON meetings (place_id, id);

CREATE TABLE meeting_agenda_items (
    id {{id}},
    meeting_id BIGINT NOT NULL REFERENCES meetings (id),
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    topic_id BIGINT REFERENCES meeting_topics (id),
    UNIQUE (meeting_id, position)
);
CREATE UNIQUE INDEX meeting_agenda_items_topic ON meeting_agenda_items (topic_id)
    WHERE topic_id IS NOT NULL;

-- Who is invited: an organization of the registry (the owners' committee,
-- the property company, a unit) or a named person or body (the community,
-- a resident); attended is NULL until the attendance is taken.
CREATE TABLE meeting_parties (
    id {{id}},
    meeting_id BIGINT NOT NULL REFERENCES meetings (id),
    kind TEXT NOT NULL CHECK (kind IN ('community', 'owners_committee', 'property_company',
                                       'resident', 'unit')),
    org_id BIGINT REFERENCES organizations (id),
    name TEXT NOT NULL,
    attended BOOLEAN
);
CREATE INDEX meeting_parties_meeting ON meeting_parties (meeting_id, id);

-- A decision of a held meeting; place_id is the meeting's, copied so the
-- ledger finds a compound's decisions by one index.
CREATE TABLE meeting_decisions (
    id {{id}},
    district_id BIGINT NOT NULL REFERENCES places (id),
    meeting_id BIGINT NOT NULL REFERENCES meetings (id),
    place_id BIGINT NOT NULL REFERENCES places (id),
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (meeting_id, position)
);
CREATE INDEX meeting_decisions_place ON meeting_decisions (place_id, id);

-- A follow-up task of a meeting, maybe of one decision; a task that is a
-- work order names it, and shows its number and status from there.
CREATE TABLE meeting_tasks (
    id {{id}},
    meeting_id BIGINT NOT NULL REFERENCES meetings (id),
    decision_id BIGINT REFERENCES meeting_decisions (id),
    title TEXT NOT NULL,
    assignee TEXT,
    due_date TEXT,
    status TEXT NOT NULL CHECK (status IN ('open', 'done')),
    work_order_id BIGINT REFERENCES work_orders (id),
    created_at BIGINT NOT NULL,
    done_at BIGINT
);
CREATE INDEX meeting_tasks_meeting ON meeting_tasks (meeting_id, id);
