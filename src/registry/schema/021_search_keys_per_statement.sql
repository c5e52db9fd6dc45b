-- PostgreSQL: the search keys (018_search.sql) of new occupancies and tags
-- are made once per statement, from the statement's new rows, instead of
-- once per row. The row triggers cost about 0.7 ms a row, nearly all of
-- it in calling their SQL functions rather than in the functions'
-- statements: most of the time of an import of new residents
-- (docs/benchmarks.md, "On PostgreSQL"). The keys are the
-- same: a new home gives its resident the grams of their name and their
-- tags in its community; a new tag gives its row in each community the
-- resident has a home in; a key met twice is skipped (ON CONFLICT), as
-- before. Updates and deletes keep their row triggers
-- (PostgreSQL allows transition tables only on a trigger of one event).
-- SQLite's triggers are compiled into each statement already: unchanged.
{{postgres:
CREATE FUNCTION occupancies_search_keys_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO resident_name_grams
        SELECT r.district_id, substr(lower(r.name), g.pos, g.len), r.id, p.community_id
        FROM added a
        JOIN residents r ON r.id = a.resident_id
        JOIN places p ON p.id = a.dwelling_id
        JOIN name_gram_positions g ON g.pos <= length(lower(r.name))
            AND g.pos + g.len - 1 <= length(lower(r.name))
        WHERE p.community_id IS NOT NULL
        ON CONFLICT DO NOTHING;
    INSERT INTO resident_tag_communities
        SELECT r.district_id, rt.tag_id, r.id, p.community_id
        FROM added a
        JOIN residents r ON r.id = a.resident_id
        JOIN resident_tags rt ON rt.resident_id = r.id
        JOIN places p ON p.id = a.dwelling_id
        WHERE p.community_id IS NOT NULL
        ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
DROP TRIGGER occupancies_search_keys ON occupancies;
CREATE TRIGGER occupancies_search_keys
    AFTER DELETE OR UPDATE OF resident_id, dwelling_id ON occupancies
    FOR EACH ROW EXECUTE FUNCTION occupancies_search_keys();
CREATE TRIGGER occupancies_search_keys_added AFTER INSERT ON occupancies
    REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION occupancies_search_keys_added();

CREATE FUNCTION resident_tags_search_keys_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO resident_tag_communities
        SELECT r.district_id, a.tag_id, r.id, p.community_id
        FROM added a
        JOIN residents r ON r.id = a.resident_id
        JOIN occupancies o ON o.resident_id = r.id
        JOIN places p ON p.id = o.dwelling_id
        WHERE p.community_id IS NOT NULL
        ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
DROP TRIGGER resident_tags_search_keys ON resident_tags;
CREATE TRIGGER resident_tags_search_keys
    AFTER DELETE OR UPDATE OF resident_id, tag_id ON resident_tags
    FOR EACH ROW EXECUTE FUNCTION resident_tags_search_keys();
CREATE TRIGGER resident_tags_search_keys_added AFTER INSERT ON resident_tags
    REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION resident_tags_search_keys_added();
}}
