-- What a community-wide or sub-district-wide search of residents reads
-- (src/registry/resident_search.c): keys that lead with the sub-district and
-- carry the community, so that a page of matches is one index range, filtered
-- inside the index, in resident order, whatever the city's size.
--
-- resident_name_grams: every 1- and 2-character piece of lower(name), once
-- per community the resident has lived in. A name typed from its middle
-- ("建国" in "王建国") is found by its first piece; the full LIKE then
-- checks the rest. resident_tag_communities: every tag, once per community.
-- A community a resident moved out of keeps its keys: the search still
-- checks every row against the caller's scope (moved out or not), and an
-- include_moved_out search needs them.
--
-- Only the database writes these tables, through the triggers below, so any
-- writer (the API, the import, SQL by hand) keeps them right. The views say
-- what the tables hold; a bulk load fills them from the views.
-- No foreign keys: the rows are derived, and go with what they derive from.

-- Where a 1- or 2-character piece of a name starts (names are at most 64
-- characters; resident.h).
CREATE TABLE name_gram_positions (
    pos INTEGER NOT NULL,
    len INTEGER NOT NULL,
    PRIMARY KEY (pos, len)
);
INSERT INTO name_gram_positions (pos, len)
    WITH RECURSIVE n (pos) AS (SELECT 1 UNION ALL SELECT pos + 1 FROM n WHERE pos < 64)
    SELECT pos, 1 FROM n UNION ALL SELECT pos, 2 FROM n WHERE pos < 64;

{{sqlite:
CREATE TABLE resident_name_grams (
    district_id BIGINT NOT NULL,
    gram TEXT NOT NULL,
    resident_id BIGINT NOT NULL,
    community_id BIGINT NOT NULL,
    PRIMARY KEY (district_id, gram, resident_id, community_id)
) WITHOUT ROWID;
CREATE TABLE resident_tag_communities (
    district_id BIGINT NOT NULL,
    tag_id BIGINT NOT NULL,
    resident_id BIGINT NOT NULL,
    community_id BIGINT NOT NULL,
    PRIMARY KEY (district_id, tag_id, resident_id, community_id)
) WITHOUT ROWID;
}}
-- On PostgreSQL a unique index, not a primary key: a bulk load drops it
-- like the other secondary indexes. Byte order: only equality is asked of gram.
{{postgres:
CREATE TABLE resident_name_grams (
    district_id BIGINT NOT NULL,
    gram TEXT COLLATE "C" NOT NULL,
    resident_id BIGINT NOT NULL,
    community_id BIGINT NOT NULL
);
CREATE UNIQUE INDEX resident_name_grams_key
    ON resident_name_grams (district_id, gram, resident_id, community_id);
CREATE TABLE resident_tag_communities (
    district_id BIGINT NOT NULL,
    tag_id BIGINT NOT NULL,
    resident_id BIGINT NOT NULL,
    community_id BIGINT NOT NULL
);
CREATE UNIQUE INDEX resident_tag_communities_key
    ON resident_tag_communities (district_id, tag_id, resident_id, community_id);
}}

CREATE VIEW resident_name_gram_source (district_id, gram, resident_id, community_id) AS
    SELECT r.district_id, substr(lower(r.name), g.pos, g.len), r.id, p.community_id
    FROM residents r
    JOIN occupancies o ON o.resident_id = r.id
    JOIN places p ON p.id = o.dwelling_id
    JOIN name_gram_positions g ON g.pos <= length(lower(r.name))
        AND g.pos + g.len - 1 <= length(lower(r.name))
    WHERE p.community_id IS NOT NULL;

CREATE VIEW resident_tag_community_source (district_id, tag_id, resident_id, community_id) AS
    SELECT r.district_id, rt.tag_id, r.id, p.community_id
    FROM resident_tags rt
    JOIN residents r ON r.id = rt.resident_id
    JOIN occupancies o ON o.resident_id = r.id
    JOIN places p ON p.id = o.dwelling_id
    WHERE p.community_id IS NOT NULL;

INSERT INTO resident_name_grams SELECT DISTINCT * FROM resident_name_gram_source;
INSERT INTO resident_tag_communities SELECT DISTINCT * FROM resident_tag_community_source;

-- A resident gains a community's keys with a home there (a new occupancy, or
-- one moved to another dwelling), and loses them with the last one there (an
-- occupancy deleted or moved away); a new name replaces the grams, a tag
-- added or removed its rows. A resident is deleted only after their
-- occupancies and tags (foreign keys), which take the keys with them. A
-- dwelling never changes community (places are renamed, not moved, and a
-- building's grid stays within its community).
{{sqlite:
CREATE TRIGGER occupancies_search_keys_add AFTER INSERT ON occupancies BEGIN
    INSERT OR IGNORE INTO resident_name_grams SELECT * FROM resident_name_gram_source
        WHERE resident_id = NEW.resident_id
        AND community_id = (SELECT community_id FROM places WHERE id = NEW.dwelling_id);
    INSERT OR IGNORE INTO resident_tag_communities SELECT * FROM resident_tag_community_source
        WHERE resident_id = NEW.resident_id
        AND community_id = (SELECT community_id FROM places WHERE id = NEW.dwelling_id);
END;
CREATE TRIGGER occupancies_search_keys_move AFTER UPDATE OF resident_id, dwelling_id
ON occupancies BEGIN
    INSERT OR IGNORE INTO resident_name_grams SELECT * FROM resident_name_gram_source
        WHERE resident_id = NEW.resident_id
        AND community_id = (SELECT community_id FROM places WHERE id = NEW.dwelling_id);
    INSERT OR IGNORE INTO resident_tag_communities SELECT * FROM resident_tag_community_source
        WHERE resident_id = NEW.resident_id
        AND community_id = (SELECT community_id FROM places WHERE id = NEW.dwelling_id);
END;
CREATE TRIGGER occupancies_search_keys_left AFTER UPDATE OF resident_id, dwelling_id
ON occupancies WHEN NOT EXISTS (SELECT 1 FROM occupancies o JOIN places p ON p.id = o.dwelling_id
    WHERE o.resident_id = OLD.resident_id
    AND p.community_id = (SELECT community_id FROM places WHERE id = OLD.dwelling_id))
BEGIN
    DELETE FROM resident_name_grams WHERE (district_id, gram, resident_id, community_id) IN
        (SELECT r.district_id, substr(lower(r.name), g.pos, g.len), r.id, p.community_id
         FROM residents r, places p, name_gram_positions g
         WHERE r.id = OLD.resident_id AND p.id = OLD.dwelling_id
         AND g.pos <= length(lower(r.name)) AND g.pos + g.len - 1 <= length(lower(r.name)));
    DELETE FROM resident_tag_communities WHERE (district_id, tag_id, resident_id, community_id) IN
        (SELECT r.district_id, rt.tag_id, r.id, p.community_id
         FROM residents r, resident_tags rt, places p
         WHERE r.id = OLD.resident_id AND rt.resident_id = r.id AND p.id = OLD.dwelling_id);
END;
CREATE TRIGGER occupancies_search_keys_delete AFTER DELETE ON occupancies
WHEN NOT EXISTS (SELECT 1 FROM occupancies o JOIN places p ON p.id = o.dwelling_id
    WHERE o.resident_id = OLD.resident_id
    AND p.community_id = (SELECT community_id FROM places WHERE id = OLD.dwelling_id))
BEGIN
    DELETE FROM resident_name_grams WHERE (district_id, gram, resident_id, community_id) IN
        (SELECT r.district_id, substr(lower(r.name), g.pos, g.len), r.id, p.community_id
         FROM residents r, places p, name_gram_positions g
         WHERE r.id = OLD.resident_id AND p.id = OLD.dwelling_id
         AND g.pos <= length(lower(r.name)) AND g.pos + g.len - 1 <= length(lower(r.name)));
    DELETE FROM resident_tag_communities WHERE (district_id, tag_id, resident_id, community_id) IN
        (SELECT r.district_id, rt.tag_id, r.id, p.community_id
         FROM residents r, resident_tags rt, places p
         WHERE r.id = OLD.resident_id AND rt.resident_id = r.id AND p.id = OLD.dwelling_id);
END;
CREATE TRIGGER residents_search_keys_name AFTER UPDATE OF name, district_id ON residents
WHEN OLD.name IS NOT NEW.name OR OLD.district_id IS NOT NEW.district_id
BEGIN
    DELETE FROM resident_name_grams WHERE district_id = OLD.district_id
        AND resident_id = OLD.id AND gram IN
        (SELECT substr(lower(OLD.name), pos, len) FROM name_gram_positions
         WHERE pos <= length(lower(OLD.name)) AND pos + len - 1 <= length(lower(OLD.name)));
    DELETE FROM resident_tag_communities WHERE district_id = OLD.district_id
        AND resident_id = OLD.id
        AND tag_id IN (SELECT tag_id FROM resident_tags WHERE resident_id = OLD.id);
    INSERT OR IGNORE INTO resident_name_grams SELECT * FROM resident_name_gram_source
        WHERE resident_id = NEW.id;
    INSERT OR IGNORE INTO resident_tag_communities SELECT * FROM resident_tag_community_source
        WHERE resident_id = NEW.id;
END;
CREATE TRIGGER resident_tags_search_keys_add AFTER INSERT ON resident_tags BEGIN
    INSERT OR IGNORE INTO resident_tag_communities SELECT * FROM resident_tag_community_source
        WHERE resident_id = NEW.resident_id AND tag_id = NEW.tag_id;
END;
CREATE TRIGGER resident_tags_search_keys_delete AFTER DELETE ON resident_tags BEGIN
    DELETE FROM resident_tag_communities
        WHERE district_id = (SELECT district_id FROM residents WHERE id = OLD.resident_id)
        AND tag_id = OLD.tag_id AND resident_id = OLD.resident_id;
END;
CREATE TRIGGER resident_tags_search_keys_change AFTER UPDATE OF resident_id, tag_id
ON resident_tags BEGIN
    DELETE FROM resident_tag_communities
        WHERE district_id = (SELECT district_id FROM residents WHERE id = OLD.resident_id)
        AND tag_id = OLD.tag_id AND resident_id = OLD.resident_id;
    INSERT OR IGNORE INTO resident_tag_communities SELECT * FROM resident_tag_community_source
        WHERE resident_id = NEW.resident_id AND tag_id = NEW.tag_id;
END;
}}
{{postgres:
CREATE FUNCTION resident_search_keys_add(resident BIGINT, dwelling BIGINT) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO resident_name_grams SELECT * FROM resident_name_gram_source s
        WHERE s.resident_id = resident
        AND s.community_id = (SELECT community_id FROM places WHERE id = dwelling)
        ON CONFLICT DO NOTHING;
    INSERT INTO resident_tag_communities SELECT * FROM resident_tag_community_source s
        WHERE s.resident_id = resident
        AND s.community_id = (SELECT community_id FROM places WHERE id = dwelling)
        ON CONFLICT DO NOTHING;
$$;
-- The keys of a community the resident no longer has a home in.
CREATE FUNCTION resident_search_keys_left(resident BIGINT, dwelling BIGINT) RETURNS void
LANGUAGE sql AS $$
    DELETE FROM resident_name_grams k USING residents r, places p, name_gram_positions g
        WHERE r.id = resident AND p.id = dwelling
        AND NOT EXISTS (SELECT 1 FROM occupancies o JOIN places op ON op.id = o.dwelling_id
            WHERE o.resident_id = resident AND op.community_id = p.community_id)
        AND g.pos <= length(lower(r.name)) AND g.pos + g.len - 1 <= length(lower(r.name))
        AND k.district_id = r.district_id AND k.gram = substr(lower(r.name), g.pos, g.len)
        AND k.resident_id = r.id AND k.community_id = p.community_id;
    DELETE FROM resident_tag_communities k USING residents r, resident_tags rt, places p
        WHERE r.id = resident AND rt.resident_id = r.id AND p.id = dwelling
        AND NOT EXISTS (SELECT 1 FROM occupancies o JOIN places op ON op.id = o.dwelling_id
            WHERE o.resident_id = resident AND op.community_id = p.community_id)
        AND k.district_id = r.district_id AND k.tag_id = rt.tag_id
        AND k.resident_id = r.id AND k.community_id = p.community_id;
$$;
CREATE FUNCTION occupancies_search_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM resident_search_keys_left(OLD.resident_id, OLD.dwelling_id);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM resident_search_keys_add(NEW.resident_id, NEW.dwelling_id);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER occupancies_search_keys
    AFTER INSERT OR DELETE OR UPDATE OF resident_id, dwelling_id ON occupancies
    FOR EACH ROW EXECUTE FUNCTION occupancies_search_keys();
CREATE FUNCTION residents_search_keys_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM resident_name_grams WHERE district_id = OLD.district_id
        AND resident_id = OLD.id AND gram IN
        (SELECT substr(lower(OLD.name), pos, len) FROM name_gram_positions
         WHERE pos <= length(lower(OLD.name)) AND pos + len - 1 <= length(lower(OLD.name)));
    DELETE FROM resident_tag_communities WHERE district_id = OLD.district_id
        AND resident_id = OLD.id
        AND tag_id IN (SELECT tag_id FROM resident_tags WHERE resident_id = OLD.id);
    INSERT INTO resident_name_grams SELECT * FROM resident_name_gram_source
        WHERE resident_id = NEW.id ON CONFLICT DO NOTHING;
    INSERT INTO resident_tag_communities SELECT * FROM resident_tag_community_source
        WHERE resident_id = NEW.id ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
CREATE TRIGGER residents_search_keys_name AFTER UPDATE OF name, district_id ON residents
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name
        OR OLD.district_id IS DISTINCT FROM NEW.district_id)
    EXECUTE FUNCTION residents_search_keys_name();
CREATE FUNCTION resident_tags_search_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM resident_tag_communities
            WHERE district_id = (SELECT district_id FROM residents WHERE id = OLD.resident_id)
            AND tag_id = OLD.tag_id AND resident_id = OLD.resident_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO resident_tag_communities SELECT * FROM resident_tag_community_source
            WHERE resident_id = NEW.resident_id AND tag_id = NEW.tag_id
            ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER resident_tags_search_keys
    AFTER INSERT OR DELETE OR UPDATE OF resident_id, tag_id ON resident_tags
    FOR EACH ROW EXECUTE FUNCTION resident_tags_search_keys();
}}
