/* POST /api/v1/residents/match: which people of an uploaded list live in the
 * caller's scope, where, and which grid workers to send (docs/domain.md). Each
 * match ties a number to a person and a home, so each is logged as a
 * sensitive read. */
#include <stdio.h>
#include <string.h>

#include "kit/access.h"
#include "kit/scope.h"
#include "base/clock.h"
#include "base/err.h"
#include "http/problem.h"
#include "http/response.h"
#include "kit/privacy.h"
#include "registry/match.h"
#include "registry/resident.h"
#include "registry/registry_http.h"

enum { GRID_CACHE = 32, SQL_MAX = 1024, MATCHES_PER_INPUT = 50 };

struct matcher {
    struct request *req;
    char sql_phone[SQL_MAX], sql_id[SQL_MAX];
    char today[11];
    json_t *matched, *unmatched, *invalid; /* kept by the request */
    struct {
        int64_t grid_id;
        json_t *names;
    } grids[GRID_CACHE];
    size_t ngrids;
    struct privacy_read *reads;
    size_t nreads, reads_cap;
};

/* One row per current home of the person with this number in the scope. */
static void build_sql(char *out, const struct principal *who, const char *column)
{
    struct scope_sql scope, district;
    scope_places(who, "d", 3, &scope);
    scope_district_indexed(who, "r", 1, &district);
    snprintf(out, SQL_MAX,
             "SELECT r.id, r.name, r.district_id, d.id, g.id, g.name, c.name, b.name, e.name,"
             " d.name FROM residents r JOIN occupancies o ON o.resident_id = r.id"
             " JOIN places d ON d.id = o.dwelling_id LEFT JOIN places g ON g.id = d.grid_id"
             " LEFT JOIN places c ON c.id = d.compound_id"
             " LEFT JOIN places b ON b.id = d.building_id"
             " LEFT JOIN places e ON e.id = d.entrance_id"
             " WHERE %s AND r.%s = $2 AND o.moved_out IS NULL AND %s ORDER BY r.id, o.id LIMIT $4",
             district.cond, column, scope.cond);
}

/* The grid's current grid workers, by name, from the posts table. */
static int grid_workers(struct matcher *m, int64_t grid_id, json_t **out)
{
    for (size_t i = 0; i < m->ngrids; i++) {
        if (m->grids[i].grid_id == grid_id) {
            *out = json_incref(m->grids[i].names);
            return HW_OK;
        }
    }
    struct db_stmt *st;
    int rc = db_query(m->req->db, &st,
                      "SELECT person_name FROM posts WHERE place_id = $1 AND kind = 'grid_worker'"
                      " AND (started IS NULL OR started <= $2)"
                      " AND (ended IS NULL OR ended >= $2) ORDER BY id",
                      "is", grid_id, m->today);
    if (rc != HW_OK)
        return rc;
    json_t *names = json_array();
    while (names && (rc = db_step(st)) == DB_ROW)
        if (json_array_append_new(names, json_string(db_col_text(st, 0))) != 0)
            rc = HW_ENOMEM;
    db_reset(st);
    if (!names || rc < 0) {
        json_decref(names);
        return names ? rc : HW_ENOMEM;
    }
    if (m->ngrids < GRID_CACHE && req_keep(m->req, json_incref(names))) {
        m->grids[m->ngrids].grid_id = grid_id;
        m->grids[m->ngrids++].names = names;
    }
    *out = names;
    return HW_OK;
}

static int note_read(struct matcher *m, int64_t resident, int64_t district, unsigned field)
{
    if (m->nreads == m->reads_cap) {
        size_t cap = m->reads_cap ? 2 * m->reads_cap : 64;
        struct privacy_read *grown = arena_alloc(m->req->arena, cap * sizeof *grown);
        if (!grown)
            return HW_ENOMEM;
        if (m->nreads)
            memcpy(grown, m->reads, m->nreads * sizeof *grown);
        m->reads = grown;
        m->reads_cap = cap;
    }
    m->reads[m->nreads++] = (struct privacy_read){resident, district, field};
    return HW_OK;
}

/* "紫薇花园 1幢 1单元 101": the names given, space-separated. */
static json_t *label_json(const char *const names[], size_t n)
{
    char label[512];
    size_t used = 0;
    label[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (!names[i] || used >= sizeof label)
            continue;
        int k = snprintf(label + used, sizeof label - used, "%s%s", used ? " " : "", names[i]);
        used += k > 0 ? (size_t)k : 0;
    }
    return json_string(label);
}

static int match_row(struct matcher *m, struct db_stmt *st, const char *input, unsigned field)
{
    json_t *workers = NULL;
    int rc = db_col_is_null(st, 4) ? HW_OK : grid_workers(m, db_col_int(st, 4), &workers);
    if (rc != HW_OK)
        return rc;
    const char *const names[] = {db_col_text(st, 6), db_col_text(st, 7), db_col_text(st, 8),
                                 db_col_text(st, 9)};
    json_t *row =
        json_pack("{s:s, s:I, s:s, s:o, s:o, s:o, s:I, s:o, s:o}", "input", input, "resident_id",
                  (json_int_t)db_col_int(st, 0), "name", db_col_text(st, 1), "grid_id",
                  db_col_is_null(st, 4) ? json_null() : json_integer(db_col_int(st, 4)), "grid",
                  db_col_is_null(st, 5) ? json_null() : json_string(db_col_text(st, 5)), "building",
                  label_json(names, 2), "dwelling_id", (json_int_t)db_col_int(st, 3), "dwelling",
                  label_json(names, 4), "grid_workers", workers ? workers : json_array());
    if (!row || json_array_append_new(m->matched, row) != 0)
        return HW_ENOMEM;
    return note_read(m, db_col_int(st, 0), db_col_int(st, 2), field);
}

static int match_one(struct matcher *m, enum match_kind kind, const char *input)
{
    const struct principal *who = m->req->who;
    unsigned field = kind == MATCH_PHONE ? PRIVACY_PHONE : PRIVACY_ID_NUMBER;
    struct db_stmt *st;
    struct scope_sql scope, district;
    scope_places(who, "d", 3, &scope);
    scope_district_indexed(who, "r", 1, &district);
    int rc = db_query(m->req->db, &st, kind == MATCH_PHONE ? m->sql_phone : m->sql_id, "isii",
                      district.value, input, scope.value, (int64_t)MATCHES_PER_INPUT);
    if (rc != HW_OK)
        return rc;
    int found = 0;
    while ((rc = db_step(st)) == DB_ROW) {
        found++;
        if ((rc = match_row(m, st, input, field)) != HW_OK)
            break;
    }
    db_reset(st);
    if (rc < 0)
        return rc;
    if (!found && json_array_append_new(m->unmatched, json_string(input)) != 0)
        return HW_ENOMEM;
    return HW_OK;
}

static size_t count_lines(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += s[i] == '\n';
    return n + (len && s[len - 1] != '\n');
}

static int match_lines(struct matcher *m)
{
    const char *s = m->req->body ? m->req->body : "", *end = s + m->req->body_len;
    int64_t line = 0;
    int rc = HW_OK;
    while (rc == HW_OK && s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t len = nl ? (size_t)(nl - s) : (size_t)(end - s);
        line++;
        char value[MATCH_INPUT_MAX + 1];
        enum match_kind kind = line == 1 && match_is_header(s, len)
                                   ? MATCH_BLANK
                                   : match_line(s, len, value, sizeof value);
        if (kind == MATCH_INVALID) {
            json_t *bad = json_pack("{s:I, s:s}", "line", (json_int_t)line, "input", value);
            rc = bad && json_array_append_new(m->invalid, bad) == 0 ? HW_OK : HW_ENOMEM;
        } else if (kind != MATCH_BLANK) {
            rc = match_one(m, kind, value);
        }
        s += len + (nl != NULL);
    }
    return rc;
}

/* POST /api/v1/residents/match */
int match_http_residents(struct request *req)
{
    if (count_lines(req->body, req->body_len) > MATCH_LINES_MAX) {
        problem_field_msg(req, "body", FIELD_TOO_LONG, "名单最多 20000 行，请分批匹配",
                          "at most 20000 lines; split the list");
        return HW_EINVAL;
    }
    struct matcher *m = arena_alloc(req->arena, sizeof *m);
    if (!m)
        return HW_ENOMEM;
    *m = (struct matcher){.req = req};
    build_sql(m->sql_phone, req->who, "phone");
    build_sql(m->sql_id, req->who, "id_number");
    clock_today(m->today);
    m->matched = req_keep(req, json_array());
    m->unmatched = req_keep(req, json_array());
    m->invalid = req_keep(req, json_array());
    if (!m->matched || !m->unmatched || !m->invalid)
        return HW_ENOMEM;
    int rc = match_lines(m);
    if (rc == HW_OK)
        rc = privacy_log_reads(req, "resident", m->reads, m->nreads);
    if (rc != HW_OK)
        return rc;
    return respond_json(req, 200,
                        json_pack("{s:O, s:O, s:O}", "matched", m->matched, "unmatched",
                                  m->unmatched, "invalid", m->invalid));
}
