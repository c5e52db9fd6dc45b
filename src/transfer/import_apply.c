/* An import's plan written in steps (import_plan.h).
 *
 * Each step is one short write transaction: a slice of the new places, of
 * the new residents, of their links, or of the changes to registered
 * records, sized so that it holds the write lock for about STEP_TARGET_US;
 * between two steps the writers queued behind it take their turn. Each step
 * keeps, in the same transaction, what undoes it (import_undo.h); the last
 * writes the import's audit entry and drops the journal. A step that fails,
 * or a row refused while writing, undoes every step committed before it.
 *
 * The ids of new rows are taken before they are inserted, so a step inserts
 * many rows without reading any back: on SQLite the next ones after the
 * table's largest (no one else writes during the step), on PostgreSQL from
 * the table's sequence. On SQLite each row is one prepared INSERT; on
 * PostgreSQL a step's rows are copied into staging tables (COPY), then go
 * in one INSERT ... SELECT per table (import_copy.h), in steps sized for
 * PostgreSQL (copy_steps). */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/crash_point.h"
#include "base/err.h"
#include "base/log.h"
#include "registry/resident_search.h"
#include "transfer/import_copy.h"
#include "transfer/import_job.h"
#include "transfer/import_undo.h"

/* A step is one transaction of one or more batches of rows. A batch aims
 * at BATCH_TARGET_US, measured as it runs (on a loaded machine it takes
 * longer for the same rows), never smaller than a size whose share of a
 * commit stays small. After each batch the step commits if another writer
 * waits for the lock (SQLite's queue in this process) or it has run for
 * STEP_ALONE_US; so a writer waits for one batch at most, and an import
 * nobody waits for commits seldom: each commit writes again every page its
 * step touched, above all the leaves of the residents' name, phone and ID
 * number indexes, which new rows reach all over. On PostgreSQL new rows go
 * in steps of their own (copy_steps), and each batch of changes to
 * registered records is a step of its own. STEP_ALONE_US
 * also bounds what a writer in another process (the busy timeout) waits. */
enum {
    BATCH_TARGET_US = 30000,
    STEP_ALONE_US = 1000000,
    BATCH_FIRST_ROWS = 512,
    BATCH_MIN_ROWS = 32,
    BATCH_FIRST_OPS = 32,
    BATCH_MIN_OPS = 8,
    BATCH_MAX = 20000,
};

int ptr_list_push(struct ptr_list *l, void *item)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 256;
        void **more = realloc(l->at, cap * sizeof *more);
        if (!more)
            return HW_ENOMEM;
        l->at = more;
        l->cap = cap;
    }
    l->at[l->n++] = item;
    return HW_OK;
}

void ptr_list_free(struct ptr_list *l)
{
    free(l->at);
    *l = (struct ptr_list){0};
}

void import_plan_free(struct import_plan *p)
{
    ptr_list_free(&p->places);
    ptr_list_free(&p->residents);
    ptr_list_free(&p->links);
    ptr_list_free(&p->ops);
}

struct apply {
    struct import_job *job;
    struct db *db;
    bool own_txns; /* steps of their own, journalled; else all in the caller's */
    bool bulk;     /* PostgreSQL's steps: new rows through COPY (copy_steps) */
    int64_t import_id;
    json_t *doc; /* the step's undo */
    int64_t now;
    int steps;
    size_t written; /* rows of the last batch written: all, or fewer when it gave way */
};

static int run_ok(int64_t n) { return n < 0 ? (int)n : HW_OK; }

/* Whether a batch on SQLite should stop after item i and commit what it
 * wrote: another writer of this process waits for the lock. Asked every few
 * items, so a writer that arrives during a batch waits for a few rows and
 * the step's commit, not for the rest of the batch. */
enum { GIVE_WAY_ROWS = 8 };
static bool give_way(const struct apply *a, size_t i, size_t n, size_t every)
{
    return a->own_txns && !a->bulk && i + 1 < n && (i + 1) % every == 0 &&
           db_writers_waiting(a->db);
}

#define PUT(a, sql, types, ...) run_ok(db_run((a)->db, sql, types, __VA_ARGS__))

static int64_t usec_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

/* ids for n new rows of table ("places" or "residents"). */
static int reserve_ids(struct db *db, bool places, size_t n, int64_t *ids)
{
    if (db_kind(db) == DB_SQLITE) {
        int64_t top = 0;
        int rc = db_scalar_int(db, &top,
                               places ? "SELECT coalesce(max(id), 0) FROM places"
                                      : "SELECT coalesce(max(id), 0) FROM residents",
                               "");
        for (size_t i = 0; rc == HW_OK && i < n; i++)
            ids[i] = top + 1 + (int64_t)i;
        return rc;
    }
    /* The sequence found once, not once per id (five times as long). */
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      places ? "WITH s AS MATERIALIZED (SELECT"
                               " pg_get_serial_sequence('places', 'id')::regclass AS seq)"
                               " SELECT nextval(s.seq) FROM s, generate_series(1, $1) ORDER BY 1"
                             : "WITH s AS MATERIALIZED (SELECT"
                               " pg_get_serial_sequence('residents', 'id')::regclass AS seq)"
                               " SELECT nextval(s.seq) FROM s, generate_series(1, $1) ORDER BY 1",
                      "i", (int64_t)n);
    if (rc != HW_OK)
        return rc;
    size_t got = 0;
    while (got < n && (rc = db_step(st)) == DB_ROW)
        ids[got++] = db_col_int(st, 0);
    db_reset(st);
    if (rc < 0)
        return rc;
    return got == n ? HW_OK : HW_EDB;
}

/* The step's undo: each run of consecutive ids one range. */
static int note_ranges(struct apply *a, const char *table, const int64_t *ids, size_t n)
{
    if (!a->own_txns)
        return HW_OK;
    int rc = HW_OK;
    for (size_t i = 0; rc == HW_OK && i < n;) {
        size_t j = i;
        while (j + 1 < n && ids[j + 1] == ids[j] + 1)
            j++;
        rc = undo_note_range(a->doc, table, ids[i], ids[j]);
        i = j + 1;
    }
    return rc;
}

/* ---- new places ---- */

/* A new place's columns from its parent's (NULL: the community), its own
 * id in its kind's column. */
static void place_ancestry(struct apply *a, struct cached_place *p, int64_t id)
{
    const struct cached_place *up = p->parent;
    const char *k = p->kind;
    p->id = id;
    p->zone_id = up ? up->zone_id : 0;
    p->compound_id = strcmp(k, "compound") == 0 ? id : up ? up->compound_id : 0;
    p->building_id = strcmp(k, "building") == 0 ? id : up ? up->building_id : 0;
    p->entrance_id = strcmp(k, "entrance") == 0 ? id : up ? up->entrance_id : 0;
    if (strcmp(k, "building") != 0) {
        p->grid_id = up ? up->grid_id : 0;
        p->micro_grid_id = up ? up->micro_grid_id : 0;
    }
    (void)a;
}

static int put_places(struct apply *a, void **items, size_t n)
{
    int64_t *ids = malloc(n * sizeof *ids);
    if (!ids)
        return HW_ENOMEM;
    struct import_job *job = a->job;
    int rc = reserve_ids(a->db, true, n, ids);
    size_t i = 0;
    for (; rc == HW_OK && i < n; i++) {
        struct cached_place *p = items[i];
        place_ancestry(a, p, ids[i]);
        bool dwelling = strcmp(p->kind, "dwelling") == 0;
        rc = PUT(a,
                 "INSERT INTO places (id, district_id, kind, parent_id, name, community_id,"
                 " zone_id, compound_id, building_id, entrance_id, grid_id, micro_grid_id, floor,"
                 " area_cm2, created_at, updated_at)"
                 " VALUES ($1, $2, $3, $4, $5, $6, NULLIF($7, 0), NULLIF($8, 0), NULLIF($9, 0),"
                 " NULLIF($10, 0), NULLIF($11, 0), NULLIF($12, 0), NULLIF($13, -100),"
                 " NULLIF($14, -1), $15, $15)",
                 "iisisiiiiiiiiii", p->id, job->district_id, p->kind,
                 p->parent ? p->parent->id : job->opt.community_id, p->name, job->opt.community_id,
                 p->zone_id, p->compound_id, p->building_id, p->entrance_id, p->grid_id,
                 p->micro_grid_id, dwelling ? p->floor : (int64_t)-100,
                 dwelling ? p->area_cm2 : (int64_t)-1, a->now);
        if (rc == HW_OK && strcmp(p->kind, "building") == 0)
            rc = PUT(a,
                     "INSERT INTO building_grid_history (district_id, building_id, grid_id,"
                     " micro_grid_id, started_at) VALUES ($1, $2, $3, NULLIF($4, 0), $5)",
                     "iiiii", job->district_id, p->id, p->grid_id, p->micro_grid_id, a->now);
        if (rc == HW_OK && give_way(a, i, n, GIVE_WAY_ROWS)) {
            i++;
            break;
        }
    }
    a->written = i;
    if (rc == HW_OK)
        rc = note_ranges(a, "places", ids, i);
    free(ids);
    return rc;
}

/* ---- new residents ---- */

/* A number registered since the rows were matched refuses its row when the
 * person is within the importer's reach, as the API would refuse a second
 * registration there; beyond it the row stays a person of its own, as at
 * matching (import_residents.c, match_by_id_number). */
static int reject_taken(struct apply *a, void **items, size_t n, const char *number)
{
    struct import_job *job = a->job;
    int64_t id = 0, count = 0;
    int rc = resident_find_for_write(a->db, job->opt.who, job->district_id, number, &id, &count);
    if (rc != HW_OK || count == 0)
        return rc;
    for (size_t i = 0; i < n; i++) {
        const struct plan_resident *r = items[i];
        if (r->r.id_number && strcmp(r->r.id_number, number) == 0) {
            job->line = r->line;
            job->row_rejected = false;
            import_reject(job, COL_ID_NUMBER, "导入期间有人登记了这个身份证号，请重新导入",
                          "someone registered this ID number during the import; import "
                          "the file again");
        }
    }
    return HW_OK;
}

/* Someone else may have registered one of these ID numbers since the rows
 * were matched: that row is refused, as the API would refuse the second. */
static int check_id_numbers(struct apply *a, void **items, size_t n)
{
    struct import_job *job = a->job;
    json_t *numbers = json_array();
    if (!numbers)
        return HW_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        const struct plan_resident *r = items[i];
        if (r->r.id_number && json_array_append_new(numbers, json_string(r->r.id_number)) != 0) {
            json_decref(numbers);
            return HW_ENOMEM;
        }
    }
    char *list = json_array_size(numbers) ? json_dumps(numbers, JSON_COMPACT) : NULL;
    size_t count = json_array_size(numbers);
    json_decref(numbers);
    if (!count)
        return HW_OK;
    if (!list)
        return HW_ENOMEM;
    /* Holds the sub-district's ID numbers until the step commits. On
     * PostgreSQL each number is looked up in the index on its own (LATERAL
     * ... LIMIT 1): as a join, while an import fills the table faster than
     * its statistics follow, it was planned as a scan of the sub-district's
     * every resident per step, under the lock. */
    int rc = resident_lock_id_numbers(a->db, job->district_id);
    struct db_stmt *st = NULL;
    if (rc == HW_OK)
        rc = db_query(a->db, &st,
                      db_kind(a->db) == DB_SQLITE
                          ? "SELECT id_number FROM residents WHERE district_id = $1"
                            " AND id_number IN (SELECT value FROM json_each($2))"
                            " AND created_at >= $3"
                          : "SELECT x.n FROM json_array_elements_text($2::json) AS x (n)"
                            " CROSS JOIN LATERAL (SELECT 1 FROM residents WHERE district_id = $1"
                            " AND id_number = x.n AND created_at >= $3 LIMIT 1) AS taken",
                      "isi", job->district_id, list, job->started_at);
    /* The numbers registered since the import began (few, usually none),
     * copied: each is then checked against the importer's reach. */
    char **taken = calloc(n, sizeof *taken);
    size_t ntaken = 0;
    if (rc == HW_OK && !taken)
        rc = HW_ENOMEM;
    while (rc == HW_OK && (rc = db_step(st)) == DB_ROW) {
        if (ntaken < n && !(taken[ntaken++] = strdup(db_col_text(st, 0))))
            rc = HW_ENOMEM;
        else
            rc = HW_OK;
    }
    if (st)
        db_reset(st);
    free(list);
    if (rc == DB_DONE)
        rc = HW_OK;
    for (size_t k = 0; rc == HW_OK && k < ntaken; k++)
        rc = reject_taken(a, items, n, taken[k]);
    for (size_t k = 0; taken && k < ntaken; k++)
        free(taken[k]);
    free(taken);
    return rc;
}

static int put_residents(struct apply *a, void **items, size_t n)
{
    int rc = check_id_numbers(a, items, n);
    if (rc != HW_OK || a->job->report.rejected_rows)
        return rc;
    int64_t *ids = malloc(n * sizeof *ids);
    if (!ids)
        return HW_ENOMEM;
    rc = reserve_ids(a->db, false, n, ids);
    size_t i = 0;
    for (; rc == HW_OK && i < n; i++) {
        struct plan_resident *p = items[i];
        const struct resident *r = &p->r;
        p->id = ids[i];
        rc = PUT(a,
                 "INSERT INTO residents (id, district_id, name, sex, birth_date, id_number,"
                 " phone, note, created_at, updated_at)"
                 " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)",
                 "iissssssi", p->id, r->district_id, r->name, r->sex, r->birth_date, r->id_number,
                 r->phone, r->note, a->now);
        if (rc == HW_OK && give_way(a, i, n, GIVE_WAY_ROWS)) {
            i++;
            break;
        }
    }
    a->written = i;
    if (rc == HW_OK)
        rc = note_ranges(a, "residents", ids, i);
    free(ids);
    return rc;
}

static int put_links(struct apply *a, void **items, size_t n)
{
    int64_t district = a->job->district_id;
    int rc = HW_OK;
    size_t i = 0;
    for (; rc == HW_OK && i < n; i++) {
        const struct plan_link *l = items[i];
        rc = PUT(a,
                 "INSERT INTO occupancies (district_id, resident_id, dwelling_id, relation,"
                 " moved_in, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)",
                 "iiissi", district, l->resident->id, l->dwelling->id, l->relation, l->moved_in,
                 a->now);
        for (size_t t = 0; rc == HW_OK && t < l->ntags; t++)
            rc = PUT(a,
                     "INSERT INTO resident_tags (resident_id, tag_id, district_id, added_at)"
                     " VALUES ($1, $2, $3, $4) ON CONFLICT (resident_id, tag_id) DO NOTHING",
                     "iiii", l->resident->id, l->tag_ids[t], district, a->now);
        if (rc == HW_OK && give_way(a, i, n, GIVE_WAY_ROWS)) {
            i++;
            break;
        }
    }
    a->written = i;
    return rc;
}

/* ---- changes to registered records, through the audited write ---- */

static void reject_at(struct import_job *job, int64_t line, int col, const char *zh,
                      const char *en)
{
    job->line = line;
    job->row_rejected = false;
    import_reject(job, col, zh, en);
}

static int link_registered(struct apply *a, const struct plan_op *op)
{
    int64_t occupancy;
    bool created;
    int rc = occupancy_add(a->db, op->resident_id, op->dwelling->id, op->relation, op->moved_in,
                           &occupancy, &created);
    if (rc == HW_EINVAL) {
        reject_at(a->job, op->line, COL_MOVED_IN, "入住日期不能早于已登记的出生日期",
                  "before the birth date registered");
        return HW_OK;
    }
    if (rc == HW_OK && created && a->own_txns)
        rc = undo_note_occupancy(a->doc, occupancy);
    for (size_t t = 0; rc == HW_OK && t < op->ntags; t++) {
        int64_t added = db_run(a->db,
                               "INSERT INTO resident_tags (resident_id, tag_id, district_id,"
                               " added_at) VALUES ($1, $2, $3, $4)"
                               " ON CONFLICT (resident_id, tag_id) DO NOTHING",
                               "iiii", op->resident_id, op->tag_ids[t], a->job->district_id, a->now);
        rc = added < 0 ? (int)added : HW_OK;
        if (rc == HW_OK && added == 1 && a->own_txns)
            rc = undo_note_tag(a->doc, op->resident_id, op->tag_ids[t]);
    }
    return rc;
}

static int put_ops(struct apply *a, void **items, size_t n)
{
    int rc = HW_OK;
    size_t i = 0;
    for (; rc == HW_OK && i < n && !a->job->report.rejected_rows; i++) {
        const struct plan_op *op = items[i];
        a->job->line = op->line;
        switch (op->kind) {
        case OP_RESIDENT_UPDATE:
            if (a->own_txns)
                rc = undo_resident_before(a->db, op->resident_id, a->doc);
            if (rc == HW_OK)
                rc = import_update_resident(a->job, &op->r, op->resident_id);
            break;
        case OP_AREA:
            if (a->own_txns)
                rc = undo_area_before(a->db, op->dwelling->id, a->doc);
            if (rc == HW_OK)
                rc = import_update_area(a->job, op->dwelling, op->old_area_cm2, op->area_cm2);
            break;
        case OP_LINK: rc = link_registered(a, op); break;
        }
        /* An op is an audited write of its own: give way after any. */
        if (rc == HW_OK && give_way(a, i, n, 1)) {
            i++;
            break;
        }
    }
    a->written = i;
    return rc;
}

/* ---- steps ---- */

static int step_begin(struct apply *a)
{
    if (!a->own_txns)
        return HW_OK;
    if (!(a->doc = undo_doc_new()))
        return HW_ENOMEM;
    /* Unsynced: the journal undoes a step a power cut left; finish's
     * ordinary commit makes every step durable before the answer. */
    int rc = db_begin(a->db, DB_TXN_BULK);
    if (rc != HW_OK) {
        json_decref(a->doc);
        a->doc = NULL;
    }
    return rc;
}

/* A step's end: its undo journalled and committed, or all of it rolled
 * back. It does not read the report, which the residents' steps may write
 * meanwhile on another thread (copy_steps). */
static int step_commit(struct apply *a, int rc)
{
    if (rc == HW_OK)
        rc = import_journal_step(a->db, a->import_id, a->doc);
    if (rc == HW_OK)
        rc = db_commit(a->db);
    if (rc != HW_OK)
        db_rollback(a->db);
    json_decref(a->doc);
    a->doc = NULL;
    if (rc == HW_OK)
        crash_point("import-step");
    return rc;
}

static int step_end(struct apply *a, int rc)
{
    if (!a->own_txns)
        return rc;
    if (rc == HW_OK && a->job->report.rejected_rows)
        rc = HW_EINVAL; /* refused while writing: nothing of this step stays */
    return step_commit(a, rc);
}

/* Whether the step should commit now. */
static bool step_over(const struct apply *a, int64_t began)
{
    return !a->own_txns ? false
           : db_kind(a->db) != DB_SQLITE ? true
                                         : usec_now() - began >= STEP_ALONE_US ||
                                               db_writers_waiting(a->db);
}

static int run_steps(struct apply *a, const struct ptr_list *list, size_t first, size_t least,
                     int (*put)(struct apply *, void **, size_t))
{
    size_t size = first, done = 0;
    while (done < list->n) {
        int64_t began = usec_now();
        a->now = clock_now();
        int rc = step_begin(a);
        do {
            size_t n = list->n - done < size ? list->n - done : size;
            int64_t t0 = usec_now();
            a->written = n;
            if (rc == HW_OK)
                rc = put(a, list->at + done, n);
            if (rc == HW_OK && a->job->report.rejected_rows)
                break;
            done += a->written;
            int64_t took = usec_now() - t0;
            if (a->written < n)
                continue; /* gave way: step_over commits */
            if (took < BATCH_TARGET_US / 2 && size < BATCH_MAX)
                size *= 2;
            else if (took > BATCH_TARGET_US * 2)
                size = size / 2 > least ? size / 2 : least;
        } while (rc == HW_OK && done < list->n && !step_over(a, began));
        if ((rc = step_end(a, rc)) != HW_OK)
            return rc;
        if (a->job->report.rejected_rows)
            return HW_EINVAL;
        a->steps++;
    }
    return HW_OK;
}

/* ---- PostgreSQL: new rows through COPY (import_copy.h) ---- */

/* A step of new places or links holds nothing another writer waits for (its
 * rows are new; the rows it references are only share-locked by the foreign
 * key checks), so it is large: fewer commits, journal entries and
 * statements. A residents step holds the sub-district's ID-number lock from
 * its check to its commit, and a resident registered meanwhile waits that
 * long: it is resized as it goes to take about COPY_RESIDENTS_US. */
enum {
    COPY_STEP_ROWS = 50000,
    COPY_RESIDENTS_FIRST = 2000,
    COPY_RESIDENTS_MIN = 100,
    COPY_RESIDENTS_US = 50000,
};

static int copy_places(struct apply *a, void **items, size_t n)
{
    int64_t *ids = malloc(n * sizeof *ids);
    if (!ids)
        return HW_ENOMEM;
    int rc = reserve_ids(a->db, true, n, ids);
    for (size_t i = 0; rc == HW_OK && i < n; i++)
        place_ancestry(a, items[i], ids[i]);
    if (rc == HW_OK)
        rc = import_copy_places(a->db, a->job, items, n, a->now);
    if (rc == HW_OK)
        rc = note_ranges(a, "places", ids, n);
    free(ids);
    return rc;
}

/* The rows are copied before the ID numbers are checked: the check takes
 * the lock, and only the insert and the commit follow it. A row refused
 * there fails the step (HW_EINVAL). */
static int copy_residents(struct apply *a, void **items, size_t n)
{
    int64_t *ids = malloc(n * sizeof *ids);
    if (!ids)
        return HW_ENOMEM;
    int rc = reserve_ids(a->db, false, n, ids);
    for (size_t i = 0; rc == HW_OK && i < n; i++)
        ((struct plan_resident *)items[i])->id = ids[i];
    if (rc == HW_OK)
        rc = import_copy_residents_stage(a->db, items, n);
    if (rc == HW_OK)
        rc = check_id_numbers(a, items, n);
    if (rc == HW_OK && a->job->report.rejected_rows)
        rc = HW_EINVAL;
    if (rc == HW_OK)
        rc = import_copy_residents_insert(a->db, a->now);
    if (rc == HW_OK)
        rc = note_ranges(a, "residents", ids, n);
    free(ids);
    return rc;
}

static int copy_links(struct apply *a, void **items, size_t n)
{
    return import_copy_links(a->db, a->job->district_id, items, n, a->now);
}

/* list in steps of size rows, each its own journalled transaction, until
 * done or *stop; with target_us, each next step sized to take about that
 * long. */
static int copy_steps(struct apply *a, const struct ptr_list *list, size_t size, size_t least,
                      int64_t target_us, int (*put)(struct apply *, void **, size_t),
                      atomic_bool *stop)
{
    for (size_t done = 0; done < list->n && !atomic_load(stop);) {
        size_t n = list->n - done < size ? list->n - done : size;
        int64_t t0 = usec_now();
        a->now = clock_now();
        int rc = step_begin(a);
        /* A large step's statements, the search-key triggers' above all,
         * are estimated dear enough for JIT compilation, which took longer
         * than running them. */
        if (rc == HW_OK)
            rc = db_exec(a->db, "SET LOCAL jit = off");
        if (rc == HW_OK)
            rc = put(a, list->at + done, n);
        if ((rc = step_commit(a, rc)) != HW_OK) {
            atomic_store(stop, true);
            return rc;
        }
        done += n;
        a->steps++;
        int64_t took = usec_now() - t0;
        if (target_us && took < target_us / 2 && size < COPY_STEP_ROWS)
            size *= 2;
        else if (target_us && took > target_us * 2)
            size = size / 2 > least ? size / 2 : least;
    }
    return HW_OK;
}

/* The new places, written on a connection of their own beside the new
 * residents: neither refers to the other, and PostgreSQL gives each
 * connection a process, so the two take two cores where there are. */
struct beside {
    struct apply a;
    const struct ptr_list *places;
    atomic_bool *stop;
    int rc;
};

static void *places_beside(void *arg)
{
    struct beside *b = arg;
    b->rc = copy_steps(&b->a, b->places, COPY_STEP_ROWS, COPY_STEP_ROWS, 0, copy_places, b->stop);
    return NULL;
}

/* Starts the places on a thread and connection of their own; false when
 * there is none to be had (they are then written after the residents). */
static bool start_beside(struct beside *b, pthread_t *thread)
{
    if (db_open_again(b->a.db, &b->a.db) != HW_OK) {
        log_warn("import: no second connection; places and residents one after the other");
        return false;
    }
    if (pthread_create(thread, NULL, places_beside, b) != 0) {
        db_close(b->a.db);
        return false;
    }
    return true;
}

/* The new places, residents and links of the plan, in steps. */
static int copy_new_rows(struct apply *a, const struct import_plan *p)
{
    atomic_bool stop = false;
    struct beside b = {.a = *a, .places = &p->places, .stop = &stop};
    b.a.steps = 0;
    pthread_t thread;
    bool beside = p->places.n && p->residents.n && start_beside(&b, &thread);
    int rc = beside ? HW_OK
                    : copy_steps(a, &p->places, COPY_STEP_ROWS, COPY_STEP_ROWS, 0, copy_places,
                                 &stop);
    if (rc == HW_OK)
        rc = copy_steps(a, &p->residents, COPY_RESIDENTS_FIRST, COPY_RESIDENTS_MIN,
                        COPY_RESIDENTS_US, copy_residents, &stop);
    if (beside) {
        pthread_join(thread, NULL);
        db_close(b.a.db);
        a->steps += b.a.steps;
        if (rc == HW_OK)
            rc = b.rc;
    }
    if (rc == HW_OK)
        rc = copy_steps(a, &p->links, COPY_STEP_ROWS, COPY_STEP_ROWS, 0, copy_links, &stop);
    return rc;
}

/* The import's audit entry and, in steps of its own, its end. */
static int finish(struct apply *a)
{
    struct import_job *job = a->job;
    struct write_event e = {.action = "import", .entity = "community",
                            .entity_id = job->opt.community_id, .district_id = job->district_id,
                            .after = import_summary_json(job)};
    if (!e.after)
        return HW_ENOMEM;
    int rc = a->own_txns ? db_begin(a->db, DB_TXN_WRITE) : HW_OK;
    if (rc == HW_OK)
        rc = write_event(a->db, &job->opt.actor, &e);
    json_decref(e.after);
    if (rc == HW_OK && a->own_txns)
        rc = import_journal_done(a->db, a->import_id);
    if (rc == HW_OK && a->own_txns)
        rc = db_commit(a->db);
    if (rc != HW_OK && a->own_txns)
        db_rollback(a->db);
    return rc;
}

int import_apply(struct import_job *job)
{
    struct apply a = {.job = job,
                      .db = job->db,
                      .own_txns = !job->opt.in_caller_txn,
                      .bulk = !job->opt.in_caller_txn && db_kind(job->db) == DB_POSTGRES};
    int rc = HW_OK;
    if (a.own_txns)
        rc = import_journal_open(job->db, job->district_id, job->opt.community_id,
                                 transfer_kind_name(job->opt.kind), job->opt.actor.user_id,
                                 &a.import_id);
    if (rc != HW_OK)
        return rc;
    const struct import_plan *p = &job->plan;
    int64_t t0 = usec_now();
    if (a.bulk) {
        rc = copy_new_rows(&a, p);
    } else {
        rc = run_steps(&a, &p->places, BATCH_FIRST_ROWS, BATCH_MIN_ROWS, put_places);
        if (rc == HW_OK)
            rc = run_steps(&a, &p->residents, BATCH_FIRST_ROWS, BATCH_MIN_ROWS, put_residents);
        if (rc == HW_OK)
            rc = run_steps(&a, &p->links, BATCH_FIRST_ROWS, BATCH_MIN_ROWS, put_links);
    }
    if (rc == HW_OK)
        rc = run_steps(&a, &p->ops, BATCH_FIRST_OPS, BATCH_MIN_OPS, put_ops);
    if (rc == HW_OK)
        rc = finish(&a);
    if (a.own_txns)
        log_info("import %lld: %zu places, %zu residents, %zu links, %zu changes in %d steps,"
                 " %.2f s",
                 (long long)a.import_id, p->places.n, p->residents.n, p->links.n, p->ops.n,
                 a.steps, (double)(usec_now() - t0) / 1e6);
    if (rc == HW_OK || !a.own_txns)
        return job->report.rejected_rows ? HW_OK : rc;
    int undone = import_undo(job->db, a.import_id);
    if (job->report.rejected_rows && undone == HW_OK)
        return HW_OK; /* the report says why */
    return rc == HW_EINVAL && undone != HW_OK ? undone : rc;
}
