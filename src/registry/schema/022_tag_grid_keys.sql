-- What a tag searched in one grid reads (src/registry/resident_search.c):
-- every tag of a resident, once per grid the resident has a home in, keyed
-- by the grid, so that a grid worker's list of, say, the elderly living
-- alone is one index range in resident order. Without it the list probes
-- every dwelling of the grid (about 930 in a city of 32 million) and sorts
-- what it finds (docs/benchmarks.md).
--
-- Like the keys of 018_search.sql: a home moved out of keeps its keys (the
-- search checks each row against the caller's scope and the moved-out
-- switch), only the triggers below write the table, and the view says what
-- it holds. Unlike a community, a building can move to another grid
-- (place_move_building): the keys follow the dwellings' grid.

{{sqlite:
CREATE TABLE resident_tag_grids (
    grid_id BIGINT NOT NULL,
    tag_id BIGINT NOT NULL,
    resident_id BIGINT NOT NULL,
    PRIMARY KEY (grid_id, tag_id, resident_id)
) WITHOUT ROWID;
}}
{{postgres:
CREATE TABLE resident_tag_grids (
    grid_id BIGINT NOT NULL,
    tag_id BIGINT NOT NULL,
    resident_id BIGINT NOT NULL
);
CREATE UNIQUE INDEX resident_tag_grids_key ON resident_tag_grids (grid_id, tag_id, resident_id);
}}

CREATE VIEW resident_tag_grid_source (grid_id, tag_id, resident_id) AS
    SELECT p.grid_id, rt.tag_id, rt.resident_id
    FROM resident_tags rt
    JOIN occupancies o ON o.resident_id = rt.resident_id
    JOIN places p ON p.id = o.dwelling_id
    WHERE p.grid_id IS NOT NULL;

INSERT INTO resident_tag_grids SELECT DISTINCT * FROM resident_tag_grid_source;

-- A resident gains a grid's keys with a home there and loses them with the
-- last one there: an occupancy added, moved or deleted, or a dwelling's
-- building moved to another grid. A tag added or removed adds or removes
-- its key in each grid the resident has a home in.
{{sqlite:
CREATE TRIGGER occupancies_tag_grids_add AFTER INSERT ON occupancies BEGIN
    INSERT OR IGNORE INTO resident_tag_grids
        SELECT p.grid_id, rt.tag_id, rt.resident_id FROM resident_tags rt, places p
        WHERE rt.resident_id = NEW.resident_id AND p.id = NEW.dwelling_id
        AND p.grid_id IS NOT NULL;
END;
CREATE TRIGGER occupancies_tag_grids_move AFTER UPDATE OF resident_id, dwelling_id
ON occupancies BEGIN
    DELETE FROM resident_tag_grids
        WHERE grid_id = (SELECT grid_id FROM places WHERE id = OLD.dwelling_id)
        AND tag_id IN (SELECT tag_id FROM resident_tags WHERE resident_id = OLD.resident_id)
        AND resident_id = OLD.resident_id
        AND NOT EXISTS (SELECT 1 FROM occupancies o JOIN places p ON p.id = o.dwelling_id
            WHERE o.resident_id = OLD.resident_id AND p.grid_id = resident_tag_grids.grid_id);
    INSERT OR IGNORE INTO resident_tag_grids
        SELECT p.grid_id, rt.tag_id, rt.resident_id FROM resident_tags rt, places p
        WHERE rt.resident_id = NEW.resident_id AND p.id = NEW.dwelling_id
        AND p.grid_id IS NOT NULL;
END;
CREATE TRIGGER occupancies_tag_grids_delete AFTER DELETE ON occupancies BEGIN
    DELETE FROM resident_tag_grids
        WHERE grid_id = (SELECT grid_id FROM places WHERE id = OLD.dwelling_id)
        AND tag_id IN (SELECT tag_id FROM resident_tags WHERE resident_id = OLD.resident_id)
        AND resident_id = OLD.resident_id
        AND NOT EXISTS (SELECT 1 FROM occupancies o JOIN places p ON p.id = o.dwelling_id
            WHERE o.resident_id = OLD.resident_id AND p.grid_id = resident_tag_grids.grid_id);
END;
CREATE TRIGGER resident_tags_tag_grids_add AFTER INSERT ON resident_tags BEGIN
    INSERT OR IGNORE INTO resident_tag_grids
        SELECT p.grid_id, NEW.tag_id, NEW.resident_id
        FROM occupancies o JOIN places p ON p.id = o.dwelling_id
        WHERE o.resident_id = NEW.resident_id AND p.grid_id IS NOT NULL;
END;
CREATE TRIGGER resident_tags_tag_grids_delete AFTER DELETE ON resident_tags BEGIN
    DELETE FROM resident_tag_grids
        WHERE grid_id IN (SELECT p.grid_id FROM occupancies o JOIN places p ON p.id = o.dwelling_id
            WHERE o.resident_id = OLD.resident_id)
        AND tag_id = OLD.tag_id AND resident_id = OLD.resident_id;
END;
CREATE TRIGGER resident_tags_tag_grids_change AFTER UPDATE OF resident_id, tag_id
ON resident_tags BEGIN
    DELETE FROM resident_tag_grids
        WHERE grid_id IN (SELECT p.grid_id FROM occupancies o JOIN places p ON p.id = o.dwelling_id
            WHERE o.resident_id = OLD.resident_id)
        AND tag_id = OLD.tag_id AND resident_id = OLD.resident_id;
    INSERT OR IGNORE INTO resident_tag_grids
        SELECT p.grid_id, NEW.tag_id, NEW.resident_id
        FROM occupancies o JOIN places p ON p.id = o.dwelling_id
        WHERE o.resident_id = NEW.resident_id AND p.grid_id IS NOT NULL;
END;
CREATE TRIGGER places_tag_grids_move AFTER UPDATE OF grid_id ON places
WHEN NEW.kind = 'dwelling' AND OLD.grid_id IS NOT NEW.grid_id BEGIN
    DELETE FROM resident_tag_grids WHERE grid_id = OLD.grid_id AND (tag_id, resident_id) IN
        (SELECT rt.tag_id, rt.resident_id
         FROM occupancies o JOIN resident_tags rt ON rt.resident_id = o.resident_id
         WHERE o.dwelling_id = OLD.id
         AND NOT EXISTS (SELECT 1 FROM occupancies o2 JOIN places p2 ON p2.id = o2.dwelling_id
             WHERE o2.resident_id = o.resident_id AND p2.grid_id = OLD.grid_id));
    INSERT OR IGNORE INTO resident_tag_grids
        SELECT NEW.grid_id, rt.tag_id, rt.resident_id
        FROM occupancies o JOIN resident_tags rt ON rt.resident_id = o.resident_id
        WHERE o.dwelling_id = NEW.id AND NEW.grid_id IS NOT NULL;
END;
}}
-- PostgreSQL: inserts make their keys once per statement, from the
-- statement's new rows, as 021_search_keys_per_statement.sql does for the
-- other keys; updates and deletes row by row.
{{postgres:
-- The keys of the grid of dwelling that resident no longer has a home in.
CREATE FUNCTION resident_tag_grids_left(resident BIGINT, dwelling BIGINT) RETURNS void
LANGUAGE sql AS $$
    DELETE FROM resident_tag_grids k USING places p, resident_tags rt
        WHERE p.id = dwelling AND rt.resident_id = resident
        AND k.grid_id = p.grid_id AND k.tag_id = rt.tag_id AND k.resident_id = resident
        AND NOT EXISTS (SELECT 1 FROM occupancies o JOIN places op ON op.id = o.dwelling_id
            WHERE o.resident_id = resident AND op.grid_id = p.grid_id);
$$;
CREATE FUNCTION resident_tag_grids_add(resident BIGINT, dwelling BIGINT) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO resident_tag_grids
        SELECT p.grid_id, rt.tag_id, rt.resident_id FROM resident_tags rt, places p
        WHERE rt.resident_id = resident AND p.id = dwelling AND p.grid_id IS NOT NULL
        ON CONFLICT DO NOTHING;
$$;
CREATE FUNCTION occupancies_tag_grids() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM resident_tag_grids_left(OLD.resident_id, OLD.dwelling_id);
    IF TG_OP = 'UPDATE' THEN
        PERFORM resident_tag_grids_add(NEW.resident_id, NEW.dwelling_id);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER occupancies_tag_grids
    AFTER DELETE OR UPDATE OF resident_id, dwelling_id ON occupancies
    FOR EACH ROW EXECUTE FUNCTION occupancies_tag_grids();
CREATE FUNCTION occupancies_tag_grids_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO resident_tag_grids
        SELECT p.grid_id, rt.tag_id, rt.resident_id
        FROM added a
        JOIN resident_tags rt ON rt.resident_id = a.resident_id
        JOIN places p ON p.id = a.dwelling_id
        WHERE p.grid_id IS NOT NULL
        ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
CREATE TRIGGER occupancies_tag_grids_added AFTER INSERT ON occupancies
    REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION occupancies_tag_grids_added();

CREATE FUNCTION resident_tags_tag_grids() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM resident_tag_grids
        WHERE grid_id IN (SELECT p.grid_id FROM occupancies o
            JOIN places p ON p.id = o.dwelling_id WHERE o.resident_id = OLD.resident_id)
        AND tag_id = OLD.tag_id AND resident_id = OLD.resident_id;
    IF TG_OP = 'UPDATE' THEN
        INSERT INTO resident_tag_grids
            SELECT p.grid_id, NEW.tag_id, NEW.resident_id
            FROM occupancies o JOIN places p ON p.id = o.dwelling_id
            WHERE o.resident_id = NEW.resident_id AND p.grid_id IS NOT NULL
            ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER resident_tags_tag_grids
    AFTER DELETE OR UPDATE OF resident_id, tag_id ON resident_tags
    FOR EACH ROW EXECUTE FUNCTION resident_tags_tag_grids();
CREATE FUNCTION resident_tags_tag_grids_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO resident_tag_grids
        SELECT p.grid_id, a.tag_id, a.resident_id
        FROM added a
        JOIN occupancies o ON o.resident_id = a.resident_id
        JOIN places p ON p.id = o.dwelling_id
        WHERE p.grid_id IS NOT NULL
        ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
CREATE TRIGGER resident_tags_tag_grids_added AFTER INSERT ON resident_tags
    REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION resident_tags_tag_grids_added();

-- Row triggers of one UPDATE run after all its rows: each sees the
-- building's dwellings all moved.
CREATE FUNCTION places_tag_grids() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM resident_tag_grids k USING occupancies o, resident_tags rt
        WHERE o.dwelling_id = OLD.id AND rt.resident_id = o.resident_id
        AND k.grid_id = OLD.grid_id AND k.tag_id = rt.tag_id AND k.resident_id = o.resident_id
        AND NOT EXISTS (SELECT 1 FROM occupancies o2 JOIN places p2 ON p2.id = o2.dwelling_id
            WHERE o2.resident_id = o.resident_id AND p2.grid_id = OLD.grid_id);
    INSERT INTO resident_tag_grids
        SELECT NEW.grid_id, rt.tag_id, rt.resident_id
        FROM occupancies o JOIN resident_tags rt ON rt.resident_id = o.resident_id
        WHERE o.dwelling_id = NEW.id AND NEW.grid_id IS NOT NULL
        ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
CREATE TRIGGER places_tag_grids AFTER UPDATE OF grid_id ON places
    FOR EACH ROW WHEN (NEW.kind = 'dwelling' AND OLD.grid_id IS DISTINCT FROM NEW.grid_id)
    EXECUTE FUNCTION places_tag_grids();
}}
