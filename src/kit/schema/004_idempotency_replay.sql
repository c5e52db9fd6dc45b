-- Idempotent replays (docs/architecture.md, "Security"):
--   request_hash  BLAKE2b of method, path and body, so a key reused for another
--                 request is refused (422) instead of answered with this one's result;
--                 rows kept from before this migration have '' and are refused too;
--   reads_json    the sensitive reads the first answer logged, as a JSON array of
--                 {subject, subject_id, district_id, fields}: a replay logs them again;
--   created_at    indexed, so expired answers of every user are deleted in one sweep.
ALTER TABLE idempotency_keys ADD COLUMN request_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE idempotency_keys ADD COLUMN reads_json TEXT NOT NULL DEFAULT '[]';
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
