-- The reference an import is measured against (docs/benchmarks.md, "Import
-- throughput"): the sqlite3 command line loading the rows of residents.csv
-- into hongwu's own tables and indexes with plain SQL, as a set-based
-- loader would: a staging table, then INSERT ... SELECT into places
-- (compounds, buildings, entrances, dwellings, each with its ancestors' ids),
-- building_grid_history, residents, occupancies and resident_tags, in one
-- transaction. No row is checked: the file is gen_city's, known good.
--
--   cd DIR && sqlite3 run.db < bench/import_reference.sql   (DIR holds residents.csv;
--   run.db a copy of the migrated template with the city's skeleton)
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
PRAGMA foreign_keys = ON;
PRAGMA cache_size = -65536;
PRAGMA temp_store = MEMORY;

.import --csv residents.csv stage

BEGIN;
CREATE TEMP TABLE ctx AS
    SELECT id AS community, district_id AS district, CAST(strftime('%s', 'now') AS INTEGER) AS now
    FROM places WHERE kind = 'community';

INSERT INTO places (district_id, kind, parent_id, name, community_id, created_at, updated_at)
    SELECT ctx.district, 'compound', ctx.community, s."小区", ctx.community, ctx.now, ctx.now
    FROM (SELECT DISTINCT "小区" FROM stage) AS s, ctx;
UPDATE places SET compound_id = id WHERE kind = 'compound' AND compound_id IS NULL;

INSERT INTO places (district_id, kind, parent_id, name, community_id, compound_id, grid_id,
                    micro_grid_id, created_at, updated_at)
    SELECT ctx.district, 'building', c.id, s."楼栋", ctx.community, c.id, g.id, m.id, ctx.now,
           ctx.now
    FROM (SELECT "小区", "楼栋", min("网格") AS grid, min("微网格") AS micro FROM stage
          GROUP BY "小区", "楼栋") AS s
    CROSS JOIN ctx
    JOIN places c ON c.parent_id = ctx.community AND c.kind = 'compound' AND c.name = s."小区"
    JOIN places g ON g.parent_id = ctx.community AND g.kind = 'grid' AND g.name = s.grid
    LEFT JOIN places m ON m.parent_id = g.id AND m.kind = 'micro_grid' AND m.name = s.micro;
UPDATE places SET building_id = id WHERE kind = 'building' AND building_id IS NULL;
INSERT INTO building_grid_history (district_id, building_id, grid_id, micro_grid_id, started_at)
    SELECT p.district_id, p.id, p.grid_id, p.micro_grid_id, p.created_at FROM places p
    WHERE p.kind = 'building'
      AND NOT EXISTS (SELECT 1 FROM building_grid_history h WHERE h.building_id = p.id);

INSERT INTO places (district_id, kind, parent_id, name, community_id, compound_id, building_id,
                    grid_id, micro_grid_id, created_at, updated_at)
    SELECT b.district_id, 'entrance', b.id, s."单元", b.community_id, b.compound_id, b.id,
           b.grid_id, b.micro_grid_id, ctx.now, ctx.now
    FROM (SELECT DISTINCT "小区", "楼栋", "单元" FROM stage) AS s
    CROSS JOIN ctx
    JOIN places c ON c.parent_id = ctx.community AND c.kind = 'compound' AND c.name = s."小区"
    JOIN places b ON b.parent_id = c.id AND b.kind = 'building' AND b.name = s."楼栋";
UPDATE places SET entrance_id = id WHERE kind = 'entrance' AND entrance_id IS NULL;

-- A dwelling per distinct room; the file's rows keep their order (rowid).
CREATE TEMP TABLE homes AS
    SELECT s.rowid AS line, e.id AS entrance, s.* FROM stage s
    CROSS JOIN ctx
    JOIN places c ON c.parent_id = ctx.community AND c.kind = 'compound' AND c.name = s."小区"
    JOIN places b ON b.parent_id = c.id AND b.kind = 'building' AND b.name = s."楼栋"
    JOIN places e ON e.parent_id = b.id AND e.kind = 'entrance' AND e.name = s."单元";
INSERT INTO places (district_id, kind, parent_id, name, community_id, compound_id, building_id,
                    entrance_id, grid_id, micro_grid_id, floor, area_cm2, created_at, updated_at)
    SELECT e.district_id, 'dwelling', e.id, h."房号", e.community_id, e.compound_id,
           e.building_id, e.id, e.grid_id, e.micro_grid_id, CAST(h."楼层" AS INTEGER),
           CAST(round(CAST(h."面积" AS REAL) * 10000) AS INTEGER), ctx.now, ctx.now
    FROM (SELECT entrance, "房号", min("楼层") AS "楼层", min("面积") AS "面积" FROM homes
          GROUP BY entrance, "房号") AS h
    CROSS JOIN ctx
    JOIN places e ON e.id = h.entrance;

-- Residents in the file's order, so that each row's resident is known by its line.
CREATE TEMP TABLE first_resident AS SELECT coalesce(max(id), 0) AS base FROM residents;
INSERT INTO residents (id, district_id, name, sex, birth_date, id_number, phone, created_at,
                       updated_at)
    SELECT f.base + h.line, ctx.district, h."姓名",
           CASE h."性别" WHEN '男' THEN 'male' WHEN '女' THEN 'female' END,
           nullif(h."出生日期", ''), nullif(h."身份证号", ''), nullif(h."手机", ''), ctx.now,
           ctx.now
    FROM homes h, ctx, first_resident f ORDER BY h.line;
INSERT INTO occupancies (district_id, resident_id, dwelling_id, relation, moved_in, created_at,
                         updated_at)
    SELECT ctx.district, f.base + h.line, d.id,
           CASE h."关系" WHEN '业主' THEN 'owner' WHEN '家属' THEN 'family' ELSE 'tenant' END,
           nullif(h."入住日期", ''), ctx.now, ctx.now
    FROM homes h CROSS JOIN ctx CROSS JOIN first_resident f
    JOIN places d ON d.parent_id = h.entrance AND d.kind = 'dwelling' AND d.name = h."房号"
    ORDER BY h.line;
INSERT INTO resident_tags (resident_id, tag_id, district_id, added_at)
    SELECT f.base + h.line, t.id, ctx.district, ctx.now
    FROM homes h CROSS JOIN ctx CROSS JOIN first_resident f
    JOIN json_each('["' || replace(h."标签", '、', '","') || '"]') AS name
    JOIN tags t ON t.name_zh = name.value AND t.district_id IS NULL
    WHERE h."标签" <> ''
    ON CONFLICT (resident_id, tag_id) DO NOTHING;
DROP TABLE stage;
COMMIT;
