-- Durable jobs and timers (docs/architecture.md, "Jobs and notifications").
-- A row is due at due_at; the scheduler of any `hongwu serve` claims it
-- (state running, locked_by its claim token, locked_until the lease's end),
-- runs it and marks it done in the same transaction as its effects. A
-- failed attempt puts it back to pending at a later due_at (backoff), or
-- failed after max_attempts.
CREATE TABLE jobs (
    id {{id}},
    kind TEXT NOT NULL,
    payload TEXT NOT NULL DEFAULT '{}',
    district_id BIGINT,
    due_at BIGINT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'running', 'done', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts INTEGER NOT NULL DEFAULT 5 CHECK (max_attempts >= 1),
    last_error TEXT,
    locked_by TEXT,
    locked_until BIGINT,
    -- A timer scheduled at most once ("announcement:12"); NULL: no key.
    dedup_key TEXT UNIQUE,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
-- What the claim reads: pending jobs by due time, running ones by lease end.
CREATE INDEX jobs_pending_due ON jobs (due_at, id) WHERE state = 'pending';
CREATE INDEX jobs_running_lease ON jobs (locked_until) WHERE state = 'running';
-- The admins' list: newest first, by state or kind.
CREATE INDEX jobs_state ON jobs (state, id);
CREATE INDEX jobs_kind ON jobs (kind, id);
