/* Export: pages of rows read in dwelling order, each written as it comes,
 * so memory stays flat however large the community. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit/access.h"
#include "kit/scope.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/mask_json.h"
#include "base/validate.h"
#include "registry/resident.h"
#include "transfer/columns.h"
#include "transfer/strmap.h"
#include "transfer/table.h"
#include "transfer/transfer.h"

enum { EXPORT_PAGE = 500 };

/* A tag as an export names it. */
struct tag_name {
    const char *code, *zh;
    bool sensitive;
};

struct exporter {
    struct db *db;
    const struct export_options *o;
    struct arena *arena;
    struct strmap *tags; /* id -> struct tag_name */
    struct table *table;
    struct export_result *result;
    size_t reads_cap;
    char today[11]; /* who is a child */
};

/* Every tag the rows may carry, by id: built in, and of the caller's
 * sub-district (of every one for an installation admin). */
static int load_tags(struct exporter *x)
{
    struct scope_sql district;
    scope_district(x->o->who, "t", 1, &district);
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT t.id, t.code, t.name_zh, t.sensitive FROM tags t"
             " WHERE t.district_id IS NULL OR %s",
             district.cond);
    struct db_stmt *st;
    int rc = db_query(x->db, &st, sql, "i", district.value);
    if (rc != HW_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct tag_name *t = arena_alloc(x->arena, sizeof *t);
        char key[24];
        snprintf(key, sizeof key, "%lld", (long long)db_col_int(st, 0));
        if (!t || !(t->code = arena_strdup(x->arena, db_col_text(st, 1))) ||
            !(t->zh = arena_strdup(x->arena, db_col_text(st, 2)))) {
            rc = HW_ENOMEM;
            break;
        }
        t->sensitive = db_col_bool(st, 3);
        if ((rc = strmap_put(x->tags, key, t)) != HW_OK)
            break;
    }
    db_reset(st);
    return rc == DB_DONE ? HW_OK : rc;
}

static int note_read(struct exporter *x, int64_t resident, int64_t district, unsigned fields)
{
    struct export_result *r = x->result;
    if (!fields)
        return HW_OK;
    if (r->nreads == x->reads_cap) {
        size_t cap = x->reads_cap ? x->reads_cap * 2 : 256;
        struct privacy_read *more = realloc(r->reads, cap * sizeof *more);
        if (!more)
            return HW_ENOMEM;
        r->reads = more;
        x->reads_cap = cap;
    }
    r->reads[r->nreads++] =
        (struct privacy_read){.subject_id = resident, .district_id = district, .fields = fields};
    return HW_OK;
}

/* "独居、空巢" or "living_alone;empty_nest" from "12,14"; sets the
 * sensitive-tags bit when one of them is. */
static void tag_list(struct exporter *x, const char *ids, char *out, size_t size,
                     unsigned *disclosed)
{
    size_t used = 0;
    out[0] = '\0';
    for (const char *p = ids; p && *p;) {
        char key[24];
        size_t n = strcspn(p, ",");
        snprintf(key, sizeof key, "%.*s", (int)(n < sizeof key ? n : sizeof key - 1), p);
        p += n + (p[n] == ',');
        const struct tag_name *t = strmap_get(x->tags, key);
        if (!t)
            continue;
        if (t->sensitive)
            *disclosed |= PRIVACY_SENSITIVE_TAGS;
        int k = snprintf(out + used, size - used, "%s%s", used ? (x->o->english ? ";" : "、") : "",
                         x->o->english ? t->code : t->zh);
        if (k < 0 || (size_t)k >= size - used)
            break;
        used += (size_t)k;
    }
}

static const char *sex_text(const char *sex, bool english)
{
    if (!sex || english)
        return sex;
    return strcmp(sex, "male") == 0 ? "男" : "女";
}

static const char *relation_text(const char *relation, bool english)
{
    if (english)
        return relation;
    return strcmp(relation, "owner") == 0    ? "业主"
           : strcmp(relation, "family") == 0 ? "家属"
                                             : "租户";
}

static int write_header(struct exporter *x)
{
    const enum column *cols;
    size_t n = column_export_list(x->o->kind, &cols);
    for (size_t i = 0; i < n; i++)
        table_header(x->table, x->o->english ? column_name(cols[i]) : column_zh(cols[i]));
    return table_end_row(x->table);
}

/* The place columns every row starts with: compound, building, entrance,
 * room, floor, area, grid (query columns from `first` on). */
static void write_place(struct exporter *x, struct db_stmt *st, int first)
{
    for (int i = 0; i < 4; i++)
        table_text(x->table, db_col_text(st, first + i));
    if (db_col_is_null(st, first + 4))
        table_text(x->table, NULL);
    else
        table_int(x->table, db_col_int(st, first + 4));
    char area[32] = "";
    /* An area of 0 (from before it was refused) is written as unknown: the
     * import refuses 0, and an empty cell keeps what is registered. */
    if (!db_col_is_null(st, first + 5) && area_cm2_valid(db_col_int(st, first + 5)))
        area_format(db_col_int(st, first + 5), area, sizeof area);
    table_text(x->table, area);
    table_text(x->table, db_col_text(st, first + 6));
}

/* Identifiers as the caller may see them. */
static void write_identifiers(struct exporter *x, const char *id_number, const char *phone,
                              unsigned *disclosed)
{
    char masked[32];
    if (!id_number || x->o->identifiers) {
        *disclosed |= id_number ? PRIVACY_ID_NUMBER : 0;
        table_text(x->table, id_number);
    } else {
        mask_id_number(id_number, masked, sizeof masked);
        table_text(x->table, masked);
    }
    if (!phone || x->o->identifiers) {
        *disclosed |= phone ? PRIVACY_PHONE : 0;
        table_text(x->table, phone);
    } else {
        mask_phone(phone, masked, sizeof masked);
        table_text(x->table, masked);
    }
}

/* The joins from a dwelling d up to its compound, and its grid. */
#define PLACE_JOINS                                                                                \
    " JOIN places e ON e.id = d.parent_id JOIN places b ON b.id = e.parent_id"                     \
    " JOIN places c ON c.id = b.parent_id LEFT JOIN places g ON g.id = d.grid_id"
#define PLACE_COLUMNS "c.name, b.name, e.name, d.name, d.floor, d.area_cm2, g.name"
/* %s the caller's scope at $1 (kit/scope.h), $2-$5 the place filters, $6 a tag. */
#define PLACE_FILTERS                                                                              \
    " %s AND ($2 = 0 OR d.community_id = $2) AND ($3 = 0 OR d.compound_id = $3)"                 \
    " AND ($4 = 0 OR d.grid_id = $4) AND ($5 = 0 OR d.building_id = $5)"

static int residents_page(struct exporter *x, int64_t *after_d, int64_t *after_o, bool *more)
{
    const struct export_options *o = x->o;
    struct scope_sql scope;
    scope_places(o->who, "d", 1, &scope);
    char sql[2048];
    snprintf(sql, sizeof sql,
             "SELECT o.id, d.id, r.id, r.district_id, " PLACE_COLUMNS ","
             " r.name, r.sex, r.birth_date, r.id_number, r.phone, o.relation, o.moved_in,"
             " (SELECT %s(CAST(t.id AS TEXT), ',') FROM resident_tags rt"
             " JOIN tags t ON t.id = rt.tag_id WHERE rt.resident_id = r.id"
             " AND (t.sensitive = FALSE OR $7 = 1)), r.note"
             " FROM occupancies o JOIN residents r ON r.id = o.resident_id"
             " JOIN places d ON d.id = o.dwelling_id" PLACE_JOINS
             " WHERE o.moved_out IS NULL AND" PLACE_FILTERS
             " AND ($6 = 0 OR EXISTS (SELECT 1 FROM resident_tags x"
             " WHERE x.resident_id = r.id AND x.tag_id = $6))"
             " AND (d.id > $8 OR (d.id = $8 AND o.id > $9))"
             " ORDER BY d.id, o.id LIMIT $10",
             db_kind(x->db) == DB_POSTGRES ? "string_agg" : "group_concat", scope.cond);
    struct db_stmt *st;
    int rc = db_query(x->db, &st, sql, "iiiiiiiiii", scope.value, o->community_id,
                      o->compound_id, o->grid_id, o->building_id, o->tag_id,
                      (int64_t)o->sensitive_tags, *after_d, *after_o, (int64_t)EXPORT_PAGE);
    if (rc != HW_OK)
        return rc;
    int n = 0;
    while ((rc = db_step(st)) == DB_ROW) {
        n++;
        *after_o = db_col_int(st, 0);
        *after_d = db_col_int(st, 1);
        unsigned disclosed = 0;
        write_place(x, st, 4);
        /* A child under 14 whole, logged, or by a masked name only (privacy.h). */
        bool child = privacy_is_child(db_col_text(st, 13), x->today);
        bool hidden = child && !o->children;
        disclosed |= child && !hidden ? PRIVACY_CHILD : 0;
        char name[16];
        if (hidden)
            mask_name(db_col_text(st, 11), name, sizeof name);
        table_text(x->table, hidden ? name : db_col_text(st, 11));
        table_text(x->table, hidden ? NULL : sex_text(db_col_text(st, 12), o->english));
        /* Shown where identifiers are: it is half of the ID number (GET /residents). */
        table_text(x->table, o->identifiers ? db_col_text(st, 13) : NULL);
        write_identifiers(x, db_col_text(st, 14), db_col_text(st, 15), &disclosed);
        table_text(x->table, relation_text(db_col_text(st, 16), o->english));
        table_text(x->table, db_col_text(st, 17));
        char tags[RESIDENT_TAGS_MAX * 64];
        tag_list(x, hidden ? NULL : db_col_text(st, 18), tags, sizeof tags, &disclosed);
        table_text(x->table, tags);
        /* Line breaks as stored (LF): CSV quotes the cell, Excel wraps it. */
        table_text(x->table, hidden ? NULL : db_col_text(st, 19));
        if ((rc = table_end_row(x->table)) != HW_OK ||
            (rc = note_read(x, db_col_int(st, 2), db_col_int(st, 3), disclosed)) != HW_OK)
            break;
        x->result->rows++;
    }
    db_reset(st);
    *more = rc == DB_DONE && n == EXPORT_PAGE;
    return rc == DB_DONE ? HW_OK : rc;
}

static int dwellings_page(struct exporter *x, int64_t *after, bool *more)
{
    const struct export_options *o = x->o;
    struct scope_sql scope;
    scope_places(o->who, "d", 1, &scope);
    char sql[1536];
    snprintf(sql, sizeof sql,
             "SELECT d.id, " PLACE_COLUMNS " FROM places d" PLACE_JOINS
             " WHERE d.kind = 'dwelling' AND" PLACE_FILTERS
             " AND ($6 = 0 OR EXISTS (SELECT 1 FROM occupancies x"
             " JOIN resident_tags rt ON rt.resident_id = x.resident_id"
             " WHERE x.dwelling_id = d.id AND x.moved_out IS NULL AND rt.tag_id = $6))"
             " AND d.id > $7 ORDER BY d.id LIMIT $8",
             scope.cond);
    struct db_stmt *st;
    int rc = db_query(x->db, &st, sql, "iiiiiiii", scope.value, o->community_id,
                      o->compound_id, o->grid_id, o->building_id, o->tag_id, *after,
                      (int64_t)EXPORT_PAGE);
    if (rc != HW_OK)
        return rc;
    int n = 0;
    while ((rc = db_step(st)) == DB_ROW) {
        n++;
        *after = db_col_int(st, 0);
        write_place(x, st, 1);
        if ((rc = table_end_row(x->table)) != HW_OK)
            break;
        x->result->rows++;
    }
    db_reset(st);
    *more = rc == DB_DONE && n == EXPORT_PAGE;
    return rc == DB_DONE ? HW_OK : rc;
}

static int write_rows(struct exporter *x)
{
    int64_t after_d = 0, after_o = 0;
    bool more = true;
    int rc = write_header(x);
    /* Pages in one read transaction: one consistent picture of the registry. */
    if (rc == HW_OK)
        rc = db_begin(x->db, DB_TXN_READ);
    if (rc != HW_OK)
        return rc;
    while (rc == HW_OK && more)
        rc = x->o->kind == TRANSFER_RESIDENTS ? residents_page(x, &after_d, &after_o, &more)
                                              : dwellings_page(x, &after_d, &more);
    if (rc == HW_OK)
        rc = db_commit(x->db);
    else
        db_rollback(x->db);
    return rc;
}

int export_write(struct db *db, const struct export_options *o, const char *path,
                 struct export_result *result)
{
    *result = (struct export_result){.rows = 0};
    struct exporter x = {.db = db, .o = o, .result = result};
    clock_today(x.today);
    if (!(x.arena = arena_create()))
        return HW_ENOMEM;
    int rc = (x.tags = strmap_new(x.arena)) ? load_tags(&x) : HW_ENOMEM;
    const char *sheet = o->kind == TRANSFER_RESIDENTS ? (o->english ? "residents" : "居民")
                                                      : (o->english ? "dwellings" : "房屋");
    if (rc == HW_OK)
        rc = table_open(o->format == EXPORT_XLSX ? TABLE_XLSX : TABLE_CSV, path, sheet, &x.table);
    if (rc == HW_OK) {
        rc = write_rows(&x);
        int closed = table_close(x.table);
        if (rc == HW_OK)
            rc = closed;
    }
    arena_destroy(x.arena);
    if (rc != HW_OK)
        export_result_free(result);
    return rc;
}

void export_result_free(struct export_result *result)
{
    free(result->reads);
    result->reads = NULL;
    result->nreads = 0;
}
