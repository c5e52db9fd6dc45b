-- An ID number is no longer unique in a whole sub-district. Staff match a
-- person by ID number only within what they may change: a community that
-- registers someone already registered by another community gets a record
-- of its own, and is never told that the number exists elsewhere (the
-- sub-district sees both). Within one caller's reach the code keeps the
-- number unique (resident_find_for_write in src/registry/resident_search.c).
{{postgres:
ALTER TABLE residents DROP CONSTRAINT residents_district_id_id_number_key;
}}
{{sqlite:
CREATE TABLE residents_rebuilt (
    id {{id}},
    district_id BIGINT NOT NULL REFERENCES places (id),
    name TEXT NOT NULL,
    sex TEXT CHECK (sex IS NULL OR sex IN ('male', 'female')),
    birth_date TEXT,
    id_number TEXT,
    phone TEXT,
    party_org_id BIGINT REFERENCES party_orgs (id),
    note TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
INSERT INTO residents_rebuilt (id, district_id, name, sex, birth_date, id_number, phone,
    party_org_id, note, created_at, updated_at)
    SELECT id, district_id, name, sex, birth_date, id_number, phone, party_org_id, note,
        created_at, updated_at FROM residents;
DROP TABLE residents;
ALTER TABLE residents_rebuilt RENAME TO residents;
CREATE INDEX residents_name ON residents (district_id, name);
CREATE INDEX residents_phone ON residents (district_id, phone);
CREATE INDEX residents_district ON residents (district_id, id);
}}
CREATE INDEX residents_id_number ON residents (district_id, id_number);

-- PIPL art. 28 counts the personal information of minors under 14 as
-- sensitive: a tag that says a home has a small child is shown and logged
-- like the health tags.
UPDATE tags SET sensitive = TRUE WHERE district_id IS NULL AND code = 'preschool_child';
