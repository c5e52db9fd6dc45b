-- Which person a resident's account is: an account of role resident speaks
-- for one resident of the registry, linked by staff who may change residents
-- where the account's home lies (docs/api-registry.md, "Resident accounts").
-- Owners' votes take an online ballot only from an account linked to an owner
-- (docs/api-votes.md). Unlinking deletes the row; the audit log keeps both.
CREATE TABLE resident_accounts (
    user_id BIGINT PRIMARY KEY REFERENCES users (id),
    resident_id BIGINT NOT NULL REFERENCES residents (id),
    district_id BIGINT NOT NULL REFERENCES places (id),
    linked_by BIGINT REFERENCES users (id),
    linked_at BIGINT NOT NULL
);
CREATE INDEX resident_accounts_resident ON resident_accounts (resident_id);
