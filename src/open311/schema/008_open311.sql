-- Open311 GeoReport v2 (docs/open311.md): the client applications that may
-- file requests, each bound to one sub-district, and the requests they filed.

-- A client application's key. Only the key's BLAKE2b hash is kept (hex),
-- never the key itself: `hongwu apikey add` prints it once. A revoked key
-- stays, so the audit log and the requests it filed still name it.
CREATE TABLE open311_keys (
    id {{id}},
    name TEXT NOT NULL UNIQUE,
    district_id BIGINT NOT NULL REFERENCES places (id),
    key_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);

-- A work order filed through Open311: the key that filed it, and the token
-- that GET tokens/{token} answers with the order's number.
CREATE TABLE open311_requests (
    id {{id}},
    order_id BIGINT NOT NULL UNIQUE REFERENCES work_orders (id),
    key_id BIGINT NOT NULL REFERENCES open311_keys (id),
    district_id BIGINT NOT NULL REFERENCES places (id),
    token TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);
CREATE INDEX open311_requests_key ON open311_requests (key_id, id);
