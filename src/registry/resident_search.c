#include "registry/resident_search.h"

#include <stdio.h>
#include <string.h>

#include "kit/access.h"
#include "kit/scope.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/mask_json.h"
#include "base/validate.h"
#include "registry/resident.h"
#include "store/db_json.h"

enum resident_query_kind resident_query_parse(const char *q, char *out, size_t out_size)
{
    char id[19];
    if (!q || !*q || out_size < 19)
        return QUERY_NONE;
    if (validate_mobile(q)) {
        snprintf(out, out_size, "%s", q);
        return QUERY_PHONE;
    }
    if (normalize_id_number(q, id, sizeof id) && validate_id_number(id)) {
        snprintf(out, out_size, "%s", id);
        return QUERY_ID_NUMBER;
    }
    size_t n = 0;
    out[n++] = '%';
    for (const char *p = q; *p && n + 3 < out_size; p++) {
        if (*p == '%' || *p == '_' || *p == '\\')
            out[n++] = '\\';
        out[n++] = *p;
    }
    out[n++] = '%';
    out[n] = '\0';
    return QUERY_NAME;
}

/* How narrow a place kind is: the narrowest of the caller's scope and the
 * place filters drives the query. */
static int kind_rank(const char *kind)
{
    static const struct {
        const char *kind;
        int rank;
    } ranks[] = {
        {"dwelling", 0}, {"entrance", 1}, {"building", 2},  {"micro_grid", 3},  {"grid", 4},
        {"compound", 4}, {"zone", 5},     {"community", 6}, {"subdistrict", 7},
    };
    for (size_t i = 0; kind && i < sizeof ranks / sizeof ranks[0]; i++)
        if (strcmp(ranks[i].kind, kind) == 0)
            return ranks[i].rank;
    return 8;
}

/* Up to a grid or a compound, a page is found from the places in it (a few
 * thousand dwellings at most); wider, by walking the sub-district's residents
 * in id order and probing each, which stops as soon as the page is full.
 * A selective filter (a name, a tag) fills a page slowly, so the walk would
 * cross the whole sub-district: then a community or zone drives by its
 * places too, bounded by its size (1,453 households in a community, docs/domain.md; 18 ms ->
 * 5 ms median at 32 million dwellings, docs/benchmarks.md). */
enum { DRIVE_BY_PLACES_MAX_RANK = 4, DRIVE_SELECTIVE_BY_PLACES_MAX_RANK = 6 };

struct drive {
    const char *col; /* places column, NULL: none */
    int64_t id;
    int rank;
};

static void consider(struct drive *d, const char *kind, const char *col, int64_t id)
{
    int rank = kind_rank(kind);
    if (id && col && rank < d->rank)
        *d = (struct drive){col, id, rank};
}

static struct drive pick_drive(const struct principal *who, const struct resident_filter *f)
{
    struct drive d = {NULL, 0, 8};
    consider(&d, who->scope_kind, scope_column(who), who->scope_id);
    consider(&d, "dwelling", "id", f->dwelling_id);
    consider(&d, "building", "building_id", f->building_id);
    consider(&d, "grid", "grid_id", f->grid_id);
    consider(&d, "compound", "compound_id", f->compound_id);
    return d;
}

/* The fixed parameters every shape of the query binds, all always used. */
#define P_DISTRICT "$1"
#define P_CURSOR "$2"
#define P_Q "$3"
#define P_TAG "$4"
#define P_PAST "$5"
#define P_SCOPE "$6"
#define P_DRIVE "$7"
#define P_LIMIT "$12"
#define P_SENSITIVE "$13"

#define PAGE_COLUMNS                                                                               \
    "r.id, r.district_id, r.name, r.sex, r.birth_date, r.id_number, r.phone, r.party_org_id,"      \
    " r.note"

#define P_CHILD_CUTOFF "$14"

/* A tag, and, for a caller who may not see children, no child found by a
 * name (the cutoff is NULL otherwise): a name that answers would be a name
 * confirmed. */
#define TAG_FILTER                                                                                 \
    " AND (" P_TAG " = 0 OR EXISTS (SELECT 1 FROM resident_tags rt"                                \
    " WHERE rt.resident_id = r.id AND rt.tag_id = " P_TAG "))"                                     \
    " AND (CAST(" P_CHILD_CUTOFF " AS TEXT) IS NULL OR r.birth_date IS NULL"                       \
    " OR r.birth_date <= " P_CHILD_CUTOFF ")"

/* The occupancy o in dwelling p that makes r visible and matches the filters. */
#define OCCUPANCY_FILTER                                                                           \
    "(" P_PAST " = 1 OR o.moved_out IS NULL) AND %s AND %s AND ($8 = 0 OR p.grid_id = $8)"         \
    " AND ($9 = 0 OR p.building_id = $9) AND ($10 = 0 OR p.compound_id = $10)"                     \
    " AND ($11 = 0 OR p.id = $11)"

/* Each page row comes with its visible occupancies and tags, in one answer
 * of three kinds of rows: 1 the resident, 2 an occupancy, 3 a tag. CROSS
 * JOIN fixes SQLite's join order (PostgreSQL plans it freely): from the page,
 * never from the places of the scope. */
#define TAIL                                                                                       \
    " SELECT 1, pg.id, pg.party_org_id, pg.name, pg.sex, pg.birth_date, pg.id_number,"             \
    " pg.phone, pg.note, pg.district_id, NULL FROM page pg"                                        \
    " UNION ALL SELECT 2, o.resident_id, o.dwelling_id, c.name, b.name, e.name, d.name,"           \
    " o.relation, o.moved_in, o.id, o.moved_out"                                                   \
    " FROM page pg CROSS JOIN occupancies o CROSS JOIN places d"                                   \
    " LEFT JOIN places c ON c.id = d.compound_id LEFT JOIN places b ON b.id = d.building_id"       \
    " LEFT JOIN places e ON e.id = d.entrance_id"                                                  \
    " WHERE o.resident_id = pg.id AND d.id = o.dwelling_id"                                        \
    " AND (" P_PAST " = 1 OR o.moved_out IS NULL) AND %s"                                          \
    " UNION ALL SELECT 3, rt.resident_id, CASE WHEN t.sensitive THEN 1 ELSE 0 END, t.code,"        \
    " NULL, NULL, NULL, NULL, NULL, NULL, NULL"                                                    \
    " FROM page pg CROSS JOIN resident_tags rt CROSS JOIN tags t"                                  \
    " WHERE rt.resident_id = pg.id AND t.id = rt.tag_id"                                           \
    " AND (" P_SENSITIVE " = 1 OR t.sensitive = FALSE)"                                            \
    " ORDER BY 2, 1, 10, 4"

enum { SQL_MAX = 4096, COND_MAX = 64 };

static const char *query_condition(enum resident_query_kind kind)
{
    switch (kind) {
    case QUERY_NAME: return "lower(r.name) LIKE lower(CAST(" P_Q " AS TEXT)) ESCAPE '\\'";
    case QUERY_PHONE: return "r.phone = " P_Q;
    case QUERY_ID_NUMBER: return "r.id_number = " P_Q;
    case QUERY_NONE: break;
    }
    return "CAST(" P_Q " AS TEXT) IS NULL";
}

/* "alias.col = param", or "param = 0" (true with a 0 parameter) without a column. */
static void eq_condition(char out[COND_MAX], const char *alias, const char *col, const char *param)
{
    if (col)
        snprintf(out, COND_MAX, "%s.%s = %s", alias, col, param);
    else
        snprintf(out, COND_MAX, "%s = 0", param);
}

/* The caller's scope over places p and d at $6, and the tenant key at $1: an
 * installation admin's exact search still goes through the (district_id,
 * number) indexes, one sub-district after another (kit/scope.h). */
struct page_scope {
    struct scope_sql p, d, district;
};

static void page_scope(const struct principal *who, bool exact, struct page_scope *out)
{
    scope_places(who, "p", 6, &out->p);
    scope_places(who, "d", 6, &out->d);
    if (exact)
        scope_district_indexed(who, "r", 1, &out->district);
    else
        scope_district(who, "r", 1, &out->district);
}

static int build_sql(char *sql, const struct page_scope *ps, const struct resident_filter *f,
                     const struct drive *d, enum resident_query_kind qkind)
{
    char drive[COND_MAX];
    eq_condition(drive, "p", d->col, P_DRIVE);
    bool exact = qkind == QUERY_PHONE || qkind == QUERY_ID_NUMBER;
    const char *district = ps->district.cond;
    const char *scope_p = ps->p.cond, *scope_d = ps->d.cond;
    const char *cursor = f->resident_id ? "r.id = " P_CURSOR : "r.id > " P_CURSOR;
    int n;
    bool selective = qkind == QUERY_NAME || f->tag_id;
    int max_rank = selective ? DRIVE_SELECTIVE_BY_PLACES_MAX_RANK : DRIVE_BY_PLACES_MAX_RANK;
    if (!f->resident_id && !exact && d->rank <= max_rank) {
        n = snprintf(sql, SQL_MAX,
                     "WITH page AS MATERIALIZED (SELECT DISTINCT " PAGE_COLUMNS
                     " FROM places p CROSS JOIN occupancies o CROSS JOIN residents r"
                     " WHERE o.dwelling_id = p.id AND r.id = o.resident_id"
                     " AND p.kind = 'dwelling' AND " OCCUPANCY_FILTER
                     " AND %s AND %s AND %s" TAG_FILTER " ORDER BY r.id LIMIT " P_LIMIT ")" TAIL,
                     scope_p, drive, district, cursor, query_condition(qkind), scope_d);
    } else {
        n = snprintf(sql, SQL_MAX,
                     "WITH page AS MATERIALIZED (SELECT " PAGE_COLUMNS " FROM residents r"
                     " WHERE %s AND %s AND %s" TAG_FILTER
                     " AND EXISTS (SELECT 1 FROM occupancies o JOIN places p"
                     " ON p.id = o.dwelling_id WHERE o.resident_id = r.id AND " OCCUPANCY_FILTER
                     ") ORDER BY r.id LIMIT " P_LIMIT ")" TAIL,
                     district, cursor, query_condition(qkind), scope_p, drive, scope_d);
    }
    return n > 0 && n < SQL_MAX ? HW_OK : HW_ELIMIT;
}

static int age_on(const char *birth, const char *today)
{
    int by, bm, bd, ty, tm, td;
    if (!birth || sscanf(birth, "%4d-%2d-%2d", &by, &bm, &bd) != 3 ||
        sscanf(today, "%4d-%2d-%2d", &ty, &tm, &td) != 3)
        return -1;
    return ty - by - (tm < bm || (tm == bm && td < bd));
}

/* "紫薇花园 1幢 1单元 101" from the names in columns 3-6. */
static json_t *label_json(struct db_stmt *st)
{
    char label[512];
    size_t used = 0;
    label[0] = '\0';
    for (int col = 3; col <= 6; col++) {
        const char *name = db_col_text(st, col);
        if (!name || used >= sizeof label)
            continue;
        int n = snprintf(label + used, sizeof label - used, "%s%s", used ? " " : "", name);
        used += n > 0 ? (size_t)n : 0;
    }
    return json_string(label);
}

struct render {
    const struct principal *who;
    bool detail;
    char today[11];
    json_t *current;   /* the resident being filled */
    bool current_hidden; /* a child shown masked: no tags either */
    struct resident_page *page;
};

/* A child under 14 shown to a role that may not see children's records:
 * the first character of the name, nothing that tells age or sex. */
static int hide_child(json_t *o)
{
    char name[16];
    mask_name(json_string_value(json_object_get(o, "name")), name, sizeof name);
    return json_object_set_new(o, "name", json_string(name)) ||
                   json_object_set_new(o, "sex", json_null()) ||
                   json_object_set_new(o, "age", json_null())
               ? HW_ENOMEM
               : HW_OK;
}

static int render_resident(struct render *r, struct db_stmt *st)
{
    struct resident_page *pg = r->page;
    if (pg->nreads >= RESIDENT_PAGE_MAX)
        return HW_ELIMIT;
    struct privacy_read *read = &pg->reads[pg->nreads++];
    *read = (struct privacy_read){db_col_int(st, 1), db_col_int(st, 9), 0};
    const char *birth = db_col_text(st, 5);
    int age = age_on(birth, r->today);
    bool child = privacy_is_child(birth, r->today);
    r->current_hidden = child && !privacy_sees_children(r->who);
    if (child && !r->current_hidden)
        read->fields |= PRIVACY_CHILD;
    json_t *o = json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:[], s:[], s:b, s:b}", "id",
                          (json_int_t)read->subject_id, "name", db_json_text(st, 3), "sex",
                          db_json_text(st, 4), "birth_date", privacy_birth_date_json(r->who, birth),
                          "age", age >= 0 ? json_integer(age) : json_null(), "id_number",
                          privacy_id_number_json(r->who, db_col_text(st, 6), &read->fields),
                          "phone", privacy_phone_json(r->who, db_col_text(st, 7), &read->fields),
                          "tags", "dwellings", "party_member", !db_col_is_null(st, 2), "minor",
                          child);
    if (o && r->current_hidden && hide_child(o) != HW_OK) {
        json_decref(o);
        o = NULL;
    }
    if (o && r->detail &&
        (json_object_set_new(o, "district_id", json_integer(read->district_id)) ||
         json_object_set_new(o, "party_org_id",
                             db_col_is_null(st, 2) ? json_null()
                                                   : json_integer(db_col_int(st, 2))) ||
         json_object_set_new(o, "note", db_json_text(st, 8)) ||
         json_object_set_new(o, "occupancies", json_array()))) {
        json_decref(o);
        o = NULL;
    }
    if (!o || json_array_append_new(pg->items, o) != 0)
        return HW_ENOMEM;
    r->current = o;
    return HW_OK;
}

static int render_occupancy(struct render *r, struct db_stmt *st)
{
    json_t *dwelling = json_pack("{s:I, s:o, s:s, s:o}", "id", (json_int_t)db_col_int(st, 2),
                                 "label", label_json(st), "relation", db_col_text(st, 7),
                                 "moved_out", db_json_text(st, 10));
    if (!dwelling || json_array_append_new(json_object_get(r->current, "dwellings"), dwelling))
        return HW_ENOMEM;
    if (!r->detail)
        return HW_OK;
    json_t *occ = json_pack("{s:I, s:I, s:o, s:s, s:o, s:o}", "id", (json_int_t)db_col_int(st, 9),
                            "dwelling_id", (json_int_t)db_col_int(st, 2), "label", label_json(st),
                            "relation", db_col_text(st, 7), "moved_in", db_json_text(st, 8),
                            "moved_out", db_json_text(st, 10));
    if (!occ || json_array_append_new(json_object_get(r->current, "occupancies"), occ))
        return HW_ENOMEM;
    return HW_OK;
}

static int render_tag(struct render *r, struct db_stmt *st)
{
    if (r->current_hidden)
        return HW_OK;
    if (db_col_int(st, 2))
        r->page->reads[r->page->nreads - 1].fields |= PRIVACY_SENSITIVE_TAGS;
    json_t *tags = json_object_get(r->current, "tags");
    return json_array_append_new(tags, json_string(db_col_text(st, 3))) ? HW_ENOMEM : HW_OK;
}

static int render_rows(struct render *r, struct db_stmt *st)
{
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t kind = db_col_int(st, 0);
        /* Rows of a resident follow its own row (ORDER BY 2, 1). */
        if (kind != 1 && (!r->current || json_integer_value(json_object_get(r->current, "id")) !=
                                             db_col_int(st, 1)))
            return HW_EDB;
        rc = kind == 1   ? render_resident(r, st)
             : kind == 2 ? render_occupancy(r, st)
                         : render_tag(r, st);
        if (rc != HW_OK)
            return rc;
    }
    return rc < 0 ? rc : HW_OK;
}

int resident_search(struct db *db, const struct principal *who, const struct resident_filter *f,
                    struct resident_page *out)
{
    *out = (struct resident_page){.items = NULL};
    int64_t limit = f->resident_id ? 1 : f->limit;
    if (limit < 1 || limit > RESIDENT_PAGE_MAX)
        return HW_EINVAL;
    char qtext[4 * RESIDENT_QUERY_MAX_CHARS * 2 + 3];
    if (f->q && strlen(f->q) > 4 * RESIDENT_QUERY_MAX_CHARS)
        return HW_EINVAL;
    enum resident_query_kind qkind = resident_query_parse(f->q, qtext, sizeof qtext);
    if (!privacy_sees_identifiers(who) &&
        (qkind == QUERY_PHONE || qkind == QUERY_ID_NUMBER || privacy_query_is_identifier(f->q)))
        return HW_EINVAL;
    struct drive d = pick_drive(who, f);
    char sql[SQL_MAX];
    struct page_scope ps;
    page_scope(who, qkind == QUERY_PHONE || qkind == QUERY_ID_NUMBER, &ps);
    int rc = build_sql(sql, &ps, f, &d, qkind);
    if (rc != HW_OK)
        return rc;
    /* A resident-role caller sees the household living there now, not
     * the tenants before them. */
    bool past = f->include_moved_out && who->role != ROLE_RESIDENT;
    struct db_stmt *st;
    struct render r = {.who = who, .detail = f->resident_id != 0, .page = out};
    clock_today(r.today);
    char cutoff[16];
    privacy_child_cutoff(r.today, cutoff, sizeof cutoff);
    bool hide_children = qkind == QUERY_NAME && !privacy_sees_children(who);
    rc = db_query(db, &st, sql, "iisiiiiiiiiiis", ps.district.value,
                  f->resident_id ? f->resident_id : f->after, qkind == QUERY_NONE ? NULL : qtext,
                  f->tag_id, (int64_t)past, ps.p.value, d.id, f->grid_id, f->building_id,
                  f->compound_id, f->dwelling_id, limit, (int64_t)privacy_sees_sensitive_tags(who),
                  hide_children ? cutoff : NULL);
    if (rc != HW_OK)
        return rc;
    out->items = json_array();
    rc = out->items ? render_rows(&r, st) : HW_ENOMEM;
    db_reset(st);
    if (rc != HW_OK) {
        json_decref(out->items);
        out->items = NULL;
        return rc;
    }
    if (!f->resident_id && (int64_t)out->nreads == limit)
        out->next_after = out->reads[out->nreads - 1].subject_id;
    return HW_OK;
}

/* "r may be changed by a caller whose scope is $3": r lives in the scope now,
 * or r lives nowhere now and the home r left last is in the scope. Not an
 * older home: someone who moved on from a community is no longer its to
 * change (docs/privacy.md). */
static void write_reach_condition(char out[768], const struct scope_sql *scope)
{
    snprintf(out, 768,
             "(EXISTS (SELECT 1 FROM occupancies o JOIN places p ON p.id = o.dwelling_id"
             " WHERE o.resident_id = r.id AND o.moved_out IS NULL AND %s)"
             " OR (NOT EXISTS (SELECT 1 FROM occupancies o WHERE o.resident_id = r.id"
             " AND o.moved_out IS NULL) AND EXISTS (SELECT 1 FROM occupancies o"
             " JOIN places p ON p.id = o.dwelling_id WHERE o.id = (SELECT o2.id"
             " FROM occupancies o2 WHERE o2.resident_id = r.id"
             " ORDER BY o2.moved_out DESC, o2.id DESC LIMIT 1) AND %s)))",
             scope->cond, scope->cond);
}

/* Any fixed tag: it names the registration of ID numbers among advisory locks. */
enum { ID_NUMBER_LOCK_TAG = 0x49440000 };

int resident_lock_id_numbers(struct db *db, int64_t district_id)
{
    return db_lock_key(db, ((int64_t)ID_NUMBER_LOCK_TAG << 32) | (district_id & 0xffffffff));
}

int resident_find_for_write(struct db *db, const struct principal *who, int64_t district_id,
                            const char *id_number, int64_t *first, int64_t *count)
{
    char reach[768], sql[1200];
    *first = 0;
    *count = 0;
    struct scope_sql scope;
    scope_places(who, "p", 3, &scope);
    write_reach_condition(reach, &scope);
    snprintf(sql, sizeof sql,
             "SELECT r.id FROM residents r WHERE r.district_id = $1 AND r.id_number = $2"
             " AND %s ORDER BY r.id LIMIT 2",
             reach);
    struct db_stmt *st;
    int rc = db_query(db, &st, sql, "isi", district_id, id_number, scope.value);
    if (rc != HW_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (!*first)
            *first = db_col_int(st, 0);
        (*count)++;
    }
    db_reset(st);
    return rc < 0 ? rc : HW_OK;
}

int resident_visible(struct db *db, const struct principal *who, int64_t id,
                     enum resident_reach reach, int64_t *district_id)
{
    char in_scope[320], now_in_scope[320], write_reach[768], sql[1400];
    struct scope_sql scope, district;
    scope_places(who, "p", 3, &scope);
    scope_district(who, "r", 2, &district);
    snprintf(in_scope, sizeof in_scope,
             "EXISTS (SELECT 1 FROM occupancies o JOIN places p ON p.id = o.dwelling_id"
             " WHERE o.resident_id = r.id AND %s)",
             scope.cond);
    snprintf(now_in_scope, sizeof now_in_scope,
             "EXISTS (SELECT 1 FROM occupancies o JOIN places p ON p.id = o.dwelling_id"
             " WHERE o.resident_id = r.id AND o.moved_out IS NULL AND %s)",
             scope.cond);
    write_reach_condition(write_reach, &scope);
    /* A resident-role caller's reach is their household as it is now. */
    if (who->role == ROLE_RESIDENT)
        reach = REACH_CURRENT;
    const char *cond = reach == REACH_FOR_WRITE ? write_reach
                       : reach == REACH_PAST    ? in_scope
                                                : now_in_scope;
    snprintf(sql, sizeof sql, "SELECT r.district_id FROM residents r WHERE r.id = $1 AND %s AND %s",
             district.cond, cond);
    return db_scalar_int(db, district_id, sql, "iii", id, district.value, scope.value);
}
