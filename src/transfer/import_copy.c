/* An import step's new rows through COPY and staging tables (import_copy.h). */
#include "transfer/import_copy.h"

#include <string.h>

#include "base/err.h"
#include "base/log.h"
#include "transfer/import_job.h"

static int run_ok(int64_t n) { return n < 0 ? (int)n : HW_OK; }

/* Starts copying into a staging table made by create (dropped at the end of
 * the transaction). */
static int stage_begin(struct db *db, const char *create, const char *copy)
{
    int rc = db_exec(db, create);
    return rc == HW_OK ? db_copy_begin(db, copy) : rc;
}

/* Ends the copy, rc being how its rows went: HW_OK once all n are in the
 * staging table, else the first error. */
static int stage_end(struct db *db, int rc, size_t n)
{
    int64_t rows = -1;
    int end = db_copy_end(db, &rows);
    if (rc == HW_OK)
        rc = end;
    if (rc == HW_OK && rows != (int64_t)n) {
        log_error("import: %lld of %zu rows copied", (long long)rows, n);
        rc = HW_EDB;
    }
    return rc;
}

/* ---- places ---- */

static int stage_place(struct db *db, const struct import_job *job, const struct cached_place *p)
{
    bool dwelling = strcmp(p->kind, "dwelling") == 0;
    return db_copy_row(db, "isisiiiiiiii", p->id, p->kind,
                       p->parent ? p->parent->id : job->opt.community_id, p->name, p->zone_id,
                       p->compound_id, p->building_id, p->entrance_id, p->grid_id, p->micro_grid_id,
                       dwelling ? p->floor : (int64_t)-100, dwelling ? p->area_cm2 : (int64_t)-1);
}

int import_copy_places(struct db *db, const struct import_job *job, void *const *items, size_t n,
                       int64_t now)
{
    int rc = stage_begin(db,
                         "CREATE TEMP TABLE import_places (id BIGINT, kind TEXT, parent_id BIGINT,"
                         " name TEXT, zone_id BIGINT, compound_id BIGINT, building_id BIGINT,"
                         " entrance_id BIGINT, grid_id BIGINT, micro_grid_id BIGINT, floor BIGINT,"
                         " area_cm2 BIGINT) ON COMMIT DROP",
                         "COPY import_places (id, kind, parent_id, name, zone_id, compound_id,"
                         " building_id, entrance_id, grid_id, micro_grid_id, floor, area_cm2)"
                         " FROM STDIN");
    if (rc != HW_OK)
        return rc;
    for (size_t i = 0; rc == HW_OK && i < n; i++)
        rc = stage_place(db, job, items[i]);
    if ((rc = stage_end(db, rc, n)) != HW_OK)
        return rc;
    rc = run_ok(db_run(
        db,
        "INSERT INTO places (id, district_id, kind, parent_id, name, community_id, zone_id,"
        " compound_id, building_id, entrance_id, grid_id, micro_grid_id, floor, area_cm2,"
        " created_at, updated_at)"
        " SELECT id, $1, kind, parent_id, name, $2, NULLIF(zone_id, 0), NULLIF(compound_id, 0),"
        " NULLIF(building_id, 0), NULLIF(entrance_id, 0), NULLIF(grid_id, 0),"
        " NULLIF(micro_grid_id, 0), NULLIF(floor, -100), NULLIF(area_cm2, -1), $3, $3"
        " FROM import_places",
        "iii", job->district_id, job->opt.community_id, now));
    if (rc == HW_OK)
        rc = run_ok(db_run(db,
                           "INSERT INTO building_grid_history (district_id, building_id,"
                           " grid_id, micro_grid_id, started_at)"
                           " SELECT $1, id, grid_id, NULLIF(micro_grid_id, 0), $2"
                           " FROM import_places WHERE kind = 'building'",
                           "ii", job->district_id, now));
    return rc;
}

/* ---- residents ---- */

int import_copy_residents_stage(struct db *db, void *const *items, size_t n)
{
    int rc = stage_begin(db,
                         "CREATE TEMP TABLE import_residents (id BIGINT, district_id BIGINT,"
                         " name TEXT, sex TEXT, birth_date TEXT, id_number TEXT, phone TEXT,"
                         " note TEXT) ON COMMIT DROP",
                         "COPY import_residents (id, district_id, name, sex, birth_date,"
                         " id_number, phone, note) FROM STDIN");
    if (rc != HW_OK)
        return rc;
    for (size_t i = 0; rc == HW_OK && i < n; i++) {
        const struct plan_resident *p = items[i];
        const struct resident *r = &p->r;
        rc = db_copy_row(db, "iissssss", p->id, r->district_id, r->name, r->sex, r->birth_date,
                         r->id_number, r->phone, r->note);
    }
    return stage_end(db, rc, n);
}

int import_copy_residents_insert(struct db *db, int64_t now)
{
    return run_ok(db_run(db,
                         "INSERT INTO residents (id, district_id, name, sex, birth_date,"
                         " id_number, phone, note, created_at, updated_at)"
                         " SELECT id, district_id, name, sex, birth_date, id_number, phone,"
                         " note, $1, $1 FROM import_residents",
                         "i", now));
}

/* ---- links ---- */

static int stage_occupancies(struct db *db, void *const *items, size_t n)
{
    int rc = stage_begin(db,
                         "CREATE TEMP TABLE import_occupancies (resident_id BIGINT,"
                         " dwelling_id BIGINT, relation TEXT, moved_in TEXT) ON COMMIT DROP",
                         "COPY import_occupancies (resident_id, dwelling_id, relation, moved_in)"
                         " FROM STDIN");
    if (rc != HW_OK)
        return rc;
    for (size_t i = 0; rc == HW_OK && i < n; i++) {
        const struct plan_link *l = items[i];
        rc = db_copy_row(db, "iiss", l->resident->id, l->dwelling->id, l->relation, l->moved_in);
    }
    return stage_end(db, rc, n);
}

static int stage_tags(struct db *db, void *const *items, size_t n)
{
    int rc = stage_begin(db,
                         "CREATE TEMP TABLE import_tags (resident_id BIGINT, tag_id BIGINT)"
                         " ON COMMIT DROP",
                         "COPY import_tags (resident_id, tag_id) FROM STDIN");
    if (rc != HW_OK)
        return rc;
    size_t rows = 0;
    for (size_t i = 0; rc == HW_OK && i < n; i++) {
        const struct plan_link *l = items[i];
        for (size_t t = 0; rc == HW_OK && t < l->ntags; t++, rows++)
            rc = db_copy_row(db, "ii", l->resident->id, l->tag_ids[t]);
    }
    return stage_end(db, rc, rows);
}

int import_copy_links(struct db *db, int64_t district_id, void *const *items, size_t n, int64_t now)
{
    int rc = stage_occupancies(db, items, n);
    if (rc == HW_OK)
        rc = run_ok(db_run(db,
                           "INSERT INTO occupancies (district_id, resident_id, dwelling_id,"
                           " relation, moved_in, created_at, updated_at)"
                           " SELECT $1, resident_id, dwelling_id, relation, moved_in, $2, $2"
                           " FROM import_occupancies",
                           "ii", district_id, now));
    if (rc == HW_OK)
        rc = stage_tags(db, items, n);
    if (rc == HW_OK)
        rc = run_ok(db_run(db,
                           "INSERT INTO resident_tags (resident_id, tag_id, district_id,"
                           " added_at) SELECT resident_id, tag_id, $1, $2 FROM import_tags"
                           " ON CONFLICT (resident_id, tag_id) DO NOTHING",
                           "ii", district_id, now));
    return rc;
}
