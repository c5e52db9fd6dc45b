-- Notifications (docs/architecture.md, "Jobs and notifications"): an inbox
-- per user, announcements delivered to the users of a scope by a job, and
-- outbound webhooks per sub-district with a log of their deliveries.

-- One inbox item. source_id: the record it tells of (an announcement).
CREATE TABLE notifications (
    id {{id}},
    user_id BIGINT NOT NULL REFERENCES users (id),
    district_id BIGINT,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    link TEXT,
    source_id BIGINT,
    read_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX notifications_user ON notifications (user_id, id);
CREATE INDEX notifications_unread ON notifications (user_id, id) WHERE read_at IS NULL;

-- Delivered at deliver_at by the job job_id to the users inside scope_id
-- (the author's scope; NULL: every user), of the roles listed (a JSON array;
-- NULL: every role). district_id NULL: installation-wide (an admin's).
CREATE TABLE announcements (
    id {{id}},
    district_id BIGINT REFERENCES places (id),
    scope_id BIGINT REFERENCES places (id),
    author_id BIGINT NOT NULL REFERENCES users (id),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    roles TEXT,
    deliver_at BIGINT NOT NULL,
    delivered_at BIGINT,
    recipients INTEGER,
    job_id BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX announcements_district ON announcements (district_id, id);

-- An outbound webhook: every event of the kinds in events (a JSON array) in
-- its sub-district (NULL: every sub-district, an installation admin's) is
-- POSTed to url, signed with secret (HMAC-SHA256).
CREATE TABLE webhooks (
    id {{id}},
    district_id BIGINT REFERENCES places (id),
    url TEXT NOT NULL,
    events TEXT NOT NULL,
    secret TEXT NOT NULL,
    enabled BOOLEAN NOT NULL DEFAULT TRUE,
    created_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX webhooks_district ON webhooks (district_id, id);

-- One event for one webhook: body is sent as is on every attempt.
CREATE TABLE webhook_deliveries (
    id {{id}},
    webhook_id BIGINT NOT NULL REFERENCES webhooks (id),
    district_id BIGINT,
    event TEXT NOT NULL,
    body TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'delivered', 'failed', 'skipped')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_status INTEGER,
    last_error TEXT,
    job_id BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id, id);

-- Every attempt of a delivery: the answer's status or why there was none.
CREATE TABLE webhook_attempts (
    id {{id}},
    delivery_id BIGINT NOT NULL REFERENCES webhook_deliveries (id),
    at BIGINT NOT NULL,
    http_status INTEGER,
    error TEXT,
    duration_ms INTEGER NOT NULL
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, id);
