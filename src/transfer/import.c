/* The import job: the header, one row at a time, the plan written or the
 * one transaction committed, the report. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "base/log.h"
#include "kit/write.h"
#include "transfer/cell.h"
#include "transfer/import_job.h"

static const char *const kind_names[] = {"buildings", "dwellings", "residents"};

int transfer_kind_parse(const char *name, enum transfer_kind *out)
{
    for (int k = 0; k < 3; k++) {
        if (name && strcmp(name, kind_names[k]) == 0) {
            *out = (enum transfer_kind)k;
            return HW_OK;
        }
    }
    return HW_EINVAL;
}

const char *transfer_kind_name(enum transfer_kind kind) { return kind_names[kind]; }

/* A title above the header ("聚龙湖社区居民花名册") is skipped: at most this
 * many rows without a single known column before the header. */
enum { HEADER_MAX_TRIES = 3 };

void import_reject(struct import_job *job, int c, const char *zh, const char *en)
{
    struct import_report *r = &job->report;
    if (!zh || !en) { /* a message that could not be formatted: out of memory */
        zh = "取值无效";
        en = "is not valid";
    }
    if (c >= 0 && !job->row_rejected) {
        job->row_rejected = true;
        r->rejected_rows++;
    }
    if (c < 0 && !r->rejected_rows)
        r->rejected_rows = 1; /* an unreadable file counts as rejected */
    if (r->nrejections >= IMPORT_MAX_REJECTIONS) {
        r->truncated = true;
        return;
    }
    if (r->nrejections == job->rejections_cap) {
        size_t cap = job->rejections_cap ? job->rejections_cap * 2 : 64;
        struct import_rejection *more = arena_alloc(job->arena, cap * sizeof *more);
        if (!more) {
            r->truncated = true;
            return;
        }
        if (r->nrejections)
            memcpy(more, job->rejections, r->nrejections * sizeof *more);
        job->rejections = more;
        job->rejections_cap = cap;
        r->rejections = more;
    }
    job->rejections[r->nrejections++] = (struct import_rejection){
        .line = job->line,
        .field = c >= 0 ? column_name((enum column)c) : "file",
        .column = c >= 0 ? job->header_text[c] : NULL,
        .zh = zh,
        .en = en,
    };
}

bool import_has(const struct import_job *job, enum column c) { return job->cell[c][0] != '\0'; }

static int add_ignored(struct import_job *job, const char *text)
{
    if (job->report.nignored == job->ignored_cap) {
        size_t cap = job->ignored_cap ? job->ignored_cap * 2 : 8;
        const char **more = arena_alloc(job->arena, cap * sizeof *more);
        if (!more)
            return HW_ENOMEM;
        if (job->report.nignored)
            memcpy(more, job->ignored, job->report.nignored * sizeof *more);
        job->ignored = more;
        job->ignored_cap = cap;
        job->report.ignored_columns = more;
    }
    job->ignored[job->report.nignored++] = text;
    return HW_OK;
}

/* Maps the header row to columns; a missing required column stops the import. */
static int read_header(struct import_job *job, const struct csv_row *row)
{
    int found[CSV_MAX_FIELDS];
    int known = 0;
    for (size_t i = 0; i < row->nfields; i++) {
        found[i] = column_lookup(row->fields[i]);
        known += found[i] >= 0;
    }
    if (!known && ++job->header_tries < HEADER_MAX_TRIES)
        return HW_OK; /* a title row */
    job->have_header = true;
    enum transfer_kind kind = job->opt.kind;
    for (size_t i = 0; i < row->nfields; i++) {
        int c = found[i];
        const char *text = arena_strdup(job->arena, row->fields[i]);
        if (!text)
            return HW_ENOMEM;
        if (c < 0 || !column_used(kind, (enum column)c)) {
            int rc = text[0] ? add_ignored(job, text) : HW_OK;
            if (rc != HW_OK)
                return rc;
            continue;
        }
        if (job->field_of[c] >= 0) {
            job->header_text[c] = text;
            import_reject(job, c,
                          arena_printf(job->arena, "“%s”列出现了两次", column_zh((enum column)c)),
                          arena_printf(job->arena, "column \"%s\" appears twice",
                                       column_name((enum column)c)));
            job->stopped = true;
            continue;
        }
        job->field_of[c] = (int)i;
        job->header_text[c] = text;
    }
    for (int c = 0; c < COL_COUNT; c++) {
        if (!column_required(kind, (enum column)c) || job->field_of[c] >= 0)
            continue;
        import_reject(job, c,
                      arena_printf(job->arena, "缺少必需的列“%s”", column_zh((enum column)c)),
                      arena_printf(job->arena, "required column \"%s\" is missing",
                                   column_name((enum column)c)));
        job->stopped = true;
    }
    return HW_OK;
}

/* Copies the row's cells of known columns into the job, cleaned. */
static void load_cells(struct import_job *job, const struct csv_row *row)
{
    size_t used = 0;
    for (int c = 0; c < COL_COUNT; c++) {
        int f = job->field_of[c];
        const char *v = f >= 0 && (size_t)f < row->nfields ? row->fields[f] : "";
        size_t n = strlen(v);
        char *dst = job->cellbuf + used;
        memcpy(dst, v, n + 1);
        used += n + 1;
        job->cell[c] = cell_clean(dst);
    }
}

int import_row(const struct csv_row *row, void *ctx)
{
    struct import_job *job = ctx;
    if (job->stopped)
        return HW_OK;
    job->line = row->line;
    job->row_rejected = false;
    if (!job->have_header)
        return read_header(job, row);
    job->report.rows++;
    load_cells(job, row);
    if (row->long_field) {
        for (int c = 0; c < COL_COUNT; c++)
            if (job->field_of[c] == (int)row->long_field - 1)
                import_reject(job, c, "单元格过长", "the cell is too long");
        if (job->row_rejected)
            return HW_OK;
    }
    if (job->numeric) {
        import_xlsx_check_numbers(job, row);
        if (job->row_rejected)
            return HW_OK;
    }
    enum row_outcome outcome = ROW_UNCHANGED;
    int rc;
    switch (job->opt.kind) {
    case TRANSFER_BUILDINGS: rc = import_building_row(job, &outcome); break;
    case TRANSFER_DWELLINGS: rc = import_dwelling_row(job, &outcome); break;
    default: rc = import_resident_row(job, &outcome); break;
    }
    if (rc != HW_OK || job->row_rejected)
        return rc;
    int64_t *count = outcome == ROW_CREATED   ? &job->report.created
                     : outcome == ROW_UPDATED ? &job->report.updated
                                              : &job->report.unchanged;
    (*count)++;
    return HW_OK;
}

/* Built-in tags and the sub-district's own, by code and by either name. */
static int load_tags(struct import_job *job)
{
    struct db_stmt *st;
    int rc = db_query(job->db, &st,
                      "SELECT id, code, name_zh, name_en FROM tags"
                      " WHERE district_id IS NULL OR district_id = $1",
                      "i", job->district_id);
    if (rc != HW_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct import_tag *t = arena_alloc(job->arena, sizeof *t);
        if (!t || !(t->code = arena_strdup(job->arena, db_col_text(st, 1)))) {
            rc = HW_ENOMEM;
            break;
        }
        t->id = db_col_int(st, 0);
        for (int i = 1; i <= 3 && rc == DB_ROW; i++) {
            char *key = arena_strdup(job->arena, db_col_text(st, i));
            if (!key) {
                rc = HW_ENOMEM;
                break;
            }
            for (char *p = key; *p; p++)
                if (*p >= 'A' && *p <= 'Z')
                    *p = (char)(*p - 'A' + 'a');
            if (strmap_put(job->tags, key, t) != HW_OK)
                rc = HW_ENOMEM;
        }
        if (rc != DB_ROW)
            break;
    }
    db_reset(st);
    return rc == DB_DONE ? HW_OK : rc;
}

/* Read in one query: one round trip, where a query per row would be one
 * each (PostgreSQL over a network). */
static int load_registered_ids(struct import_job *job)
{
    if (!(job->registered_ids = strmap_new(job->arena)))
        return HW_ENOMEM;
    struct db_stmt *st;
    int rc = db_query(job->db, &st,
                      "SELECT id_number FROM residents WHERE district_id = $1"
                      " AND id_number IS NOT NULL",
                      "i", job->district_id);
    if (rc != HW_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW)
        if (strmap_put(job->registered_ids, db_col_text(st, 0), job) != HW_OK) {
            rc = HW_ENOMEM;
            break;
        }
    db_reset(st);
    return rc == DB_DONE ? HW_OK : rc;
}

static int find_community(struct import_job *job)
{
    struct db_stmt *st;
    int rc = db_query(job->db, &st, "SELECT kind, district_id FROM places WHERE id = $1", "i",
                      job->opt.community_id);
    if (rc != HW_OK)
        return rc;
    rc = db_step(st);
    if (rc == DB_ROW) {
        rc = strcmp(db_col_text(st, 0), "community") == 0 ? HW_OK : HW_ENOTFOUND;
        job->district_id = db_col_int(st, 1);
    } else if (rc == DB_DONE) {
        rc = HW_ENOTFOUND;
    }
    db_reset(st);
    return rc;
}

int import_begin(struct db *db, const struct import_options *o, struct import_job **out)
{
    struct arena *a = arena_create();
    if (!a)
        return HW_ENOMEM;
    struct import_job *job = arena_alloc(a, sizeof *job);
    if (!job) {
        arena_destroy(a);
        return HW_ENOMEM;
    }
    memset(job, 0, offsetof(struct import_job, cellbuf));
    job->db = db;
    job->opt = *o;
    job->arena = a;
    job->report.dry_run = o->dry_run;
    for (int c = 0; c < COL_COUNT; c++)
        job->field_of[c] = -1;
    int rc = HW_ENOMEM;
    job->places = strmap_new(a);
    job->ids = strmap_new(a);
    job->tags = strmap_new(a);
    job->name_links = strmap_new(a);
    job->links_planned = strmap_new(a);
    job->planning = o->kind != TRANSFER_BUILDINGS;
    /* A little before: a check for ID numbers registered meanwhile (import_apply.c). */
    job->started_at = clock_now() - 60;
    if (job->places && job->ids && job->tags && job->name_links && job->links_planned)
        rc = csv_reader_new(import_row, job, &job->reader);
    if (rc == HW_OK && o->in_caller_txn && o->dry_run)
        rc = HW_EINVAL; /* the caller's transaction is the caller's to roll back */
    bool own_txn = !o->in_caller_txn;
    /* SQLite keeps the pages the import reads and writes in memory (up to
     * 64 MiB) instead of reading them again or spilling them half-way. */
    if (rc == HW_OK && own_txn && db_kind(db) == DB_SQLITE)
        rc = db_exec(db, "PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY");
    /* A plan is made on one snapshot, without the write lock; buildings
     * are written as they are read, in one write transaction. */
    if (rc == HW_OK && own_txn &&
        (rc = db_begin(db, job->planning ? DB_TXN_READ : DB_TXN_WRITE)) == HW_OK)
        job->in_txn = true;
    if (rc == HW_OK && (rc = find_community(job)) == HW_OK)
        rc = load_tags(job);
    if (rc == HW_OK && o->kind == TRANSFER_RESIDENTS)
        rc = load_registered_ids(job);
    if (rc != HW_OK) {
        import_free(job);
        return rc;
    }
    *out = job;
    return HW_OK;
}

/* The file cannot be read on: the reader's reason becomes a rejection. */
static void reader_stopped(struct import_job *job)
{
    const char *zh, *en;
    csv_reader_error(job->reader, &job->line, &zh, &en);
    import_reject(job, -1, zh, en);
    job->stopped = true;
}

/* The first piece decides: the command line reads 64 KiB pieces, the API
 * hands over the whole body, so it holds a workbook's first bytes. */
static void tell_format(struct import_job *job, const void *data, size_t len)
{
    job->format_known = true;
    job->is_xlsx = import_is_xlsx(data, len);
    if (job->is_xlsx || !job->opt.sheet)
        return;
    job->line = 1;
    import_reject(job, -1, "只有 .xlsx 工作簿才有工作表，这个文件是 CSV",
                  "only an .xlsx workbook has sheets; this file is CSV");
    job->stopped = true;
}

int import_feed(struct import_job *job, const void *data, size_t len)
{
    if (!job->format_known)
        tell_format(job, data, len);
    if (job->stopped && job->report.rejected_rows)
        return HW_OK;
    if (job->is_xlsx)
        return import_xlsx_feed(job, data, len);
    int rc = csv_reader_feed(job->reader, data, len);
    if (rc == HW_EINVAL && !job->stopped) {
        reader_stopped(job);
        return HW_OK;
    }
    return rc == HW_EINVAL ? HW_OK : rc;
}

json_t *import_summary_json(const struct import_job *job)
{
    const struct import_report *r = &job->report;
    return json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, s:I}", "kind",
                     transfer_kind_name(job->opt.kind), "community_id",
                     (json_int_t)job->opt.community_id, "rows", (json_int_t)r->rows, "created",
                     (json_int_t)r->created, "updated", (json_int_t)r->updated, "unchanged",
                     (json_int_t)r->unchanged, "places_created", (json_int_t)r->places_created);
}

int import_finish(struct import_job *job, const struct import_report **report)
{
    int rc = HW_OK;
    if (!job->format_known)
        tell_format(job, "", 0);
    if (!job->stopped && job->is_xlsx) {
        rc = import_xlsx_finish(job);
    } else if (!job->stopped) {
        rc = csv_reader_finish(job->reader);
        if (rc == HW_EINVAL && !job->stopped) {
            reader_stopped(job);
            rc = HW_OK;
        }
    }
    if (rc == HW_OK && !job->have_header && !job->report.rejected_rows) {
        job->line = 1;
        import_reject(job, -1, "文件是空的，或没有认得出的表头行",
                      "the file is empty or has no header row with known columns");
    }
    job->report.encoding = text_encoding_name(csv_reader_encoding(job->reader));
    job->finished = true;
    if (rc != HW_OK)
        return rc;
    if (job->report.rejected_rows || job->opt.dry_run || job->planning) {
        if (job->in_txn)
            db_rollback(job->db); /* the plan's snapshot, or the buildings' writes */
        job->in_txn = false;
    }
    *report = &job->report;
    if (job->report.rejected_rows || job->opt.dry_run)
        return HW_OK;
    if (job->planning) {
        rc = import_apply(job);
        job->report.committed = rc == HW_OK && !job->report.rejected_rows;
        return rc;
    }
    struct write_event e = {.action = "import", .entity = "community",
                            .entity_id = job->opt.community_id, .district_id = job->district_id,
                            .after = import_summary_json(job)};
    rc = e.after ? write_event(job->db, &job->opt.actor, &e) : HW_ENOMEM;
    json_decref(e.after);
    if (rc == HW_OK && job->in_txn)
        rc = db_commit(job->db);
    if (rc != HW_OK)
        return rc;
    job->in_txn = false;
    job->report.committed = true;
    *report = &job->report;
    return HW_OK;
}

void import_free(struct import_job *job)
{
    if (!job)
        return;
    if (job->in_txn)
        db_rollback(job->db);
    import_plan_free(&job->plan);
    csv_reader_free(job->reader);
    free(job->xlsx);
    arena_destroy(job->arena);
}

json_t *import_report_json(const struct import_report *r, bool english)
{
    json_t *rejected = json_array(), *ignored = json_array();
    for (size_t i = 0; rejected && i < r->nrejections; i++) {
        const struct import_rejection *x = &r->rejections[i];
        json_array_append_new(rejected, json_pack("{s:I, s:s, s:s?, s:s}", "line",
                                                  (json_int_t)x->line, "field", x->field, "column",
                                                  x->column, "message", english ? x->en : x->zh));
    }
    for (size_t i = 0; ignored && i < r->nignored; i++)
        json_array_append_new(ignored, json_string(r->ignored_columns[i]));
    return json_pack("{s:b, s:b, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:o, s:b, s:o}", "dry_run",
                     r->dry_run, "committed", r->committed, "encoding",
                     r->encoding ? r->encoding : "UTF-8", "rows", (json_int_t)r->rows, "created",
                     (json_int_t)r->created, "updated", (json_int_t)r->updated, "unchanged",
                     (json_int_t)r->unchanged, "places_created", (json_int_t)r->places_created,
                     "rejected_rows", (json_int_t)r->rejected_rows, "rejected", rejected,
                     "truncated", r->truncated, "ignored_columns", ignored);
}
