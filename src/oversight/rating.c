#include "oversight/rating.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "kit/principal.h"
#include "oversight/complaint_rules.h"
#include "oversight/quarter.h"
#include "store/db_json.h"
#include "wostats/days.h"
#include "wostats/report.h"

int oversight_formula_load(struct db *db, int64_t district, struct oversight_formula *f,
                           bool *is_default)
{
    *f = oversight_formula_default();
    *is_default = true;
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT w_on_time, w_resolution, w_satisfaction, w_third_party,"
                          " penalty_upheld, penalty_partly, min_orders, list_size"
                          " FROM rating_formulas WHERE district_id = $1",
                          "i", district);
    if (rc == HW_ENOTFOUND)
        return HW_OK;
    if (rc != HW_OK)
        return rc;
    *f = (struct oversight_formula){
        .w_on_time = (int)db_col_int(st, 0),      .w_resolution = (int)db_col_int(st, 1),
        .w_satisfaction = (int)db_col_int(st, 2), .w_third_party = (int)db_col_int(st, 3),
        .penalty_upheld = (int)db_col_int(st, 4), .penalty_partly = (int)db_col_int(st, 5),
        .min_orders = (int)db_col_int(st, 6),     .list_size = (int)db_col_int(st, 7)};
    *is_default = false;
    db_reset(st);
    return HW_OK;
}

int oversight_formula_save(struct db *db, int64_t district, const struct oversight_formula *f,
                           int64_t by, int64_t now, const char **bad)
{
    if ((*bad = oversight_formula_check(f)))
        return HW_EINVAL;
    int64_t n = db_run(
        db,
        "INSERT INTO rating_formulas (district_id, w_on_time, w_resolution, w_satisfaction,"
        " w_third_party, penalty_upheld, penalty_partly, min_orders, list_size, updated_by,"
        " updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
        " ON CONFLICT (district_id) DO UPDATE SET w_on_time = $2, w_resolution = $3,"
        " w_satisfaction = $4, w_third_party = $5, penalty_upheld = $6, penalty_partly = $7,"
        " min_orders = $8, list_size = $9, updated_by = $10, updated_at = $11",
        "iiiiiiiiiii", district, (int64_t)f->w_on_time, (int64_t)f->w_resolution,
        (int64_t)f->w_satisfaction, (int64_t)f->w_third_party, (int64_t)f->penalty_upheld,
        (int64_t)f->penalty_partly, (int64_t)f->min_orders, (int64_t)f->list_size, by, now);
    return n < 0 ? (int)n : HW_OK;
}

json_t *oversight_formula_json(const struct oversight_formula *f, bool is_default)
{
    return json_pack("{s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:b}", "w_on_time", f->w_on_time,
                     "w_resolution", f->w_resolution, "w_satisfaction", f->w_satisfaction,
                     "w_third_party", f->w_third_party, "penalty_upheld", f->penalty_upheld,
                     "penalty_partly", f->penalty_partly, "min_orders", f->min_orders,
                     "list_size", f->list_size, "default", is_default);
}

static int quarter_published(struct db *db, int64_t district, const char *quarter, bool *yes)
{
    int64_t n = 0;
    int rc = db_scalar_int(db, &n,
                           "SELECT count(*) FROM rating_publications WHERE district_id = $1"
                           " AND quarter = $2",
                           "is", district, quarter);
    *yes = n > 0;
    return rc;
}

int oversight_third_party_add(struct db *db, int64_t district, const struct oversight_third_party *t,
                              int64_t by, int64_t now, int64_t *id, const char **bad)
{
    int32_t first, last;
    *bad = NULL;
    if (oversight_quarter_parse(t->quarter, &first, &last) != HW_OK)
        *bad = "quarter";
    else if (!oversight_text_ok(t->evaluator, OVERSIGHT_EVALUATOR_MAX))
        *bad = "evaluator";
    else if (t->score < 0 || t->score > 100)
        *bad = "score";
    else if (t->note && !oversight_text_ok(t->note, OVERSIGHT_NOTE_MAX))
        *bad = "note";
    if (*bad)
        return HW_EINVAL;
    int64_t n = 0;
    int rc = db_scalar_int(db, &n,
                           "SELECT count(*) FROM organizations WHERE id = $1 AND district_id = $2"
                           " AND kind = 'property_company'",
                           "ii", t->org_id, district);
    if (rc == HW_OK && !n) {
        *bad = "org_id";
        return HW_EINVAL;
    }
    bool published = false;
    if (rc == HW_OK)
        rc = quarter_published(db, district, t->quarter, &published);
    if (rc == HW_OK && published)
        return HW_ECONFLICT; /* its figures are frozen */
    if (rc == HW_OK)
        rc = db_scalar_int(db, id,
                           "INSERT INTO rating_third_party (district_id, org_id, quarter, evaluator,"
                           " score, note, entered_by, created_at) VALUES ($1, $2, $3, $4, $5, $6,"
                           " NULLIF(CAST($7 AS BIGINT), 0), $8) RETURNING id",
                           "iissisii", district, t->org_id, t->quarter, t->evaluator, t->score,
                           t->note, by, now);
    return rc;
}

int oversight_third_party_json(struct db *db, int64_t id, json_t **out)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT t.id, t.district_id, t.org_id, o.name, t.quarter, t.evaluator,"
                          " t.score, t.note, t.created_at FROM rating_third_party t"
                          " JOIN organizations o ON o.id = t.org_id WHERE t.id = $1",
                          "i", id);
    if (rc != HW_OK)
        return rc;
    *out = json_pack("{s:I, s:I, s:I, s:o, s:o, s:o, s:I, s:o, s:o}", "id",
                     (json_int_t)db_col_int(st, 0), "district_id", (json_int_t)db_col_int(st, 1),
                     "org_id", (json_int_t)db_col_int(st, 2), "org_name", db_json_text(st, 3),
                     "quarter", db_json_text(st, 4), "evaluator", db_json_text(st, 5), "score",
                     (json_int_t)db_col_int(st, 6), "note", db_json_text(st, 7), "created_at",
                     db_json_time(st, 8));
    db_reset(st);
    return *out ? HW_OK : HW_ENOMEM;
}

/* ---- a quarter's figures ----------------------------------------------- */

struct company {
    struct oversight_inputs in;
    struct oversight_score score;
    json_t *json; /* name and the third-party scores, then the rest */
};

struct quarter_load {
    struct db *db;
    int64_t district;
    const char *quarter;
    int32_t first, last;
    int64_t now;
    struct company *c;
    size_t n;
};

static struct company *company_of(struct quarter_load *q, int64_t org_id)
{
    for (size_t i = 0; i < q->n; i++)
        if (q->c[i].in.org_id == org_id)
            return &q->c[i];
    return NULL;
}

static int load_companies(struct quarter_load *q)
{
    struct db_stmt *st;
    int rc = db_query(q->db, &st,
                      "SELECT id, name FROM organizations WHERE district_id = $1"
                      " AND kind = 'property_company' ORDER BY id LIMIT $2",
                      "ii", q->district, (int64_t)OVERSIGHT_COMPANIES_MAX);
    if (rc != HW_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct company *c = &q->c[q->n++];
        c->in.org_id = db_col_int(st, 0);
        c->json = json_pack("{s:I, s:o, s:[]}", "org_id", (json_int_t)c->in.org_id, "name",
                            db_json_text(st, 1), "third_party_scores");
        if (!c->json) {
            db_reset(st);
            return HW_ENOMEM;
        }
    }
    db_reset(st);
    return rc < 0 ? rc : HW_OK;
}

/* The work orders' rates, counted by wostats as its statistics count them
 * (WS-1, WS-2, WS-6): the company serving the order's compound on the day
 * it was reported. */
static int load_orders(struct quarter_load *q)
{
    struct principal district = {.role = ROLE_SUBDISTRICT_OFFICER,
                                 .scope_id = q->district,
                                 .scope_kind = "subdistrict",
                                 .district_id = q->district};
    struct wostats_query wq = {.who = &district, .from = q->first, .to = q->last,
                               .by = WOSTATS_BY_PROPERTY_COMPANY,
                               .bucket = WOSTATS_BUCKET_MONTH, .now = q->now};
    struct wostats_report r;
    int rc = wostats_report_load_in(q->db, &wq, &r);
    if (rc != HW_OK)
        return rc;
    for (size_t i = 0; i < r.nunits; i++) {
        struct company *c = company_of(q, r.units[i].id);
        if (!c)
            continue;
        const struct wostats_figures *f = &r.units[i].f;
        c->in.orders = f->orders;
        c->in.on_time = f->rates[WOSTATS_CLOSED_ON_TIME];
        c->in.resolution = f->rates[WOSTATS_RESOLUTION];
        c->in.satisfaction = f->rates[WOSTATS_SATISFACTION];
    }
    wostats_report_free(&r);
    return HW_OK;
}

static int load_third_party(struct quarter_load *q)
{
    struct db_stmt *st;
    int rc = db_query(q->db, &st,
                      "SELECT org_id, evaluator, score FROM rating_third_party"
                      " WHERE district_id = $1 AND quarter = $2 ORDER BY org_id, id",
                      "is", q->district, q->quarter);
    if (rc != HW_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct company *c = company_of(q, db_col_int(st, 0));
        if (!c)
            continue;
        c->in.third_party_sum += db_col_int(st, 2);
        c->in.third_party_count++;
        json_t *one = json_pack("{s:o, s:I}", "evaluator", db_json_text(st, 1), "score",
                                (json_int_t)db_col_int(st, 2));
        if (json_array_append_new(json_object_get(c->json, "third_party_scores"), one) != 0) {
            db_reset(st);
            return HW_ENOMEM;
        }
    }
    db_reset(st);
    return rc < 0 ? rc : HW_OK;
}

/* Complaints about the company found in the quarter, by when the finding
 * was recorded. */
static int load_complaints(struct quarter_load *q)
{
    struct db_stmt *st;
    int rc = db_query(q->db, &st,
                      "SELECT subject_org_id, finding FROM complaints WHERE district_id = $1"
                      " AND subject_org_id IS NOT NULL AND found_at >= $2 AND found_at < $3",
                      "iii", q->district, wostats_day_start(q->first),
                      wostats_day_start(q->last + 1));
    if (rc != HW_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct company *c = company_of(q, db_col_int(st, 0));
        enum oversight_finding f;
        if (!c || oversight_finding_parse(db_col_text(st, 1), &f) != HW_OK)
            continue;
        c->in.upheld += f == OVERSIGHT_UPHELD;
        c->in.partly_upheld += f == OVERSIGHT_PARTLY_UPHELD;
    }
    db_reset(st);
    return rc < 0 ? rc : HW_OK;
}

static json_t *ratio_json(struct wostats_ratio r)
{
    return json_pack("{s:I, s:I}", "num", (json_int_t)r.num, "den", (json_int_t)r.den);
}

static json_t *points_json(int64_t v)
{
    char text[24];
    oversight_score_text(v, text, sizeof text);
    return json_string(text);
}

static json_t *unjudged_json(unsigned bits)
{
    json_t *a = json_array();
    for (unsigned bit = 1; a && bit && bit <= OVERSIGHT_NO_THIRD_PARTY; bit <<= 1)
        if ((bits & bit) && json_array_append_new(a, json_string(oversight_unjudged_name(bit))))
            return json_decref(a), NULL;
    return a;
}

/* The company's inputs and, when judged, its terms and score. */
static int company_finish(struct company *c, int64_t rank, const char *list)
{
    const struct oversight_score *s = &c->score;
    json_t *terms = s->unjudged ? json_null()
                                : json_pack("{s:o, s:o, s:o, s:o, s:o}", "on_time",
                                            points_json(s->on_time), "resolution",
                                            points_json(s->resolution), "satisfaction",
                                            points_json(s->satisfaction), "third_party",
                                            points_json(s->third_party), "penalty",
                                            points_json(s->penalty));
    json_t *more = json_pack(
        "{s:I, s:o, s:o, s:o, s:{s:I, s:I}, s:I, s:I, s:o, s:o, s:o, s:o, s:o}", "orders",
        (json_int_t)c->in.orders, "on_time", ratio_json(c->in.on_time), "resolution",
        ratio_json(c->in.resolution), "satisfaction", ratio_json(c->in.satisfaction),
        "third_party", "sum", (json_int_t)c->in.third_party_sum, "count",
        (json_int_t)c->in.third_party_count, "upheld", (json_int_t)c->in.upheld, "partly_upheld",
        (json_int_t)c->in.partly_upheld, "unjudged", unjudged_json(s->unjudged), "terms", terms,
        "score", s->unjudged ? json_null() : points_json(s->total), "rank",
        rank ? json_integer(rank) : json_null(), "list", list ? json_string(list) : json_null());
    if (!more || json_object_update(c->json, more) != 0) {
        json_decref(more);
        return HW_ENOMEM;
    }
    json_decref(more);
    return HW_OK;
}

static int figures_json(struct quarter_load *q, const struct oversight_formula *f, bool is_default,
                        json_t **out)
{
    size_t nranked, nlist, n = q->n ? q->n : 1;
    struct oversight_inputs *in = calloc(n, sizeof *in);
    struct oversight_score *scores = calloc(n, sizeof *scores);
    size_t *order = calloc(n, sizeof *order);
    if (!in || !scores || !order) {
        free(in);
        free(scores);
        free(order);
        return HW_ENOMEM;
    }
    for (size_t i = 0; i < q->n; i++) {
        oversight_score(f, &q->c[i].in, &q->c[i].score);
        in[i] = q->c[i].in;
        scores[i] = q->c[i].score;
    }
    oversight_rank(in, scores, q->n, f->list_size, order, &nranked, &nlist);
    free(in);
    free(scores);
    char from[WOSTATS_DATE_SIZE], to[WOSTATS_DATE_SIZE], measured[32];
    clock_format_rfc3339(q->now, measured);
    wostats_day_format(q->first, from);
    wostats_day_format(q->last, to);
    json_t *companies = json_array(), *red = json_array(), *black = json_array();
    json_t *o = json_pack("{s:s, s:I, s:s, s:s, s:o, s:o, s:o, s:o, s:o}", "quarter", q->quarter,
                          "district_id", (json_int_t)q->district, "from", from, "to", to,
                          "measured_at", json_string(measured), "formula",
                          oversight_formula_json(f, is_default), "companies", companies, "red",
                          red, "black", black);
    int rc = o ? HW_OK : HW_ENOMEM;
    for (size_t k = 0; rc == HW_OK && k < nranked; k++) {
        struct company *c = &q->c[order[k]];
        const char *list = k < nlist ? "red" : k >= nranked - nlist ? "black" : NULL;
        rc = company_finish(c, (int64_t)k + 1, list);
        if (rc == HW_OK && json_array_append(companies, c->json) != 0)
            rc = HW_ENOMEM;
        if (rc == HW_OK && k < nlist && json_array_append_new(red, json_integer(c->in.org_id)))
            rc = HW_ENOMEM;
    }
    /* Black list: the worst first. */
    for (size_t k = 0; rc == HW_OK && k < nlist; k++)
        if (json_array_append_new(black, json_integer(q->c[order[nranked - 1 - k]].in.org_id)))
            rc = HW_ENOMEM;
    for (size_t i = 0; rc == HW_OK && i < q->n; i++) {
        if (!q->c[i].score.unjudged)
            continue;
        rc = company_finish(&q->c[i], 0, NULL);
        if (rc == HW_OK && json_array_append(companies, q->c[i].json) != 0)
            rc = HW_ENOMEM;
    }
    free(order);
    if (rc != HW_OK) {
        json_decref(o);
        return rc;
    }
    *out = o;
    return HW_OK;
}

int oversight_quarter_figures(struct db *db, int64_t district, const char *quarter, int64_t now,
                              json_t **out)
{
    struct quarter_load q = {.db = db, .district = district, .quarter = quarter, .now = now};
    if (oversight_quarter_parse(quarter, &q.first, &q.last) != HW_OK)
        return HW_EINVAL;
    struct oversight_formula f;
    bool is_default;
    int rc = oversight_formula_load(db, district, &f, &is_default);
    if (rc != HW_OK)
        return rc;
    if (!(q.c = calloc(OVERSIGHT_COMPANIES_MAX, sizeof *q.c)))
        return HW_ENOMEM;
    if ((rc = load_companies(&q)) == HW_OK && (rc = load_orders(&q)) == HW_OK &&
        (rc = load_third_party(&q)) == HW_OK && (rc = load_complaints(&q)) == HW_OK)
        rc = figures_json(&q, &f, is_default, out);
    for (size_t i = 0; i < q.n; i++)
        json_decref(q.c[i].json);
    free(q.c);
    return rc;
}

int oversight_publish(struct db *db, int64_t district, const char *quarter, int64_t by,
                      int64_t now, int64_t *id)
{
    bool published = false;
    int rc = quarter_published(db, district, quarter, &published);
    if (rc != HW_OK)
        return rc;
    if (published)
        return HW_ECONFLICT;
    json_t *figures = NULL;
    if ((rc = oversight_quarter_figures(db, district, quarter, now, &figures)) != HW_OK)
        return rc;
    char *text = json_dumps(figures, JSON_COMPACT);
    json_decref(figures);
    if (!text)
        return HW_ENOMEM;
    rc = db_scalar_int(db, id,
                       "INSERT INTO rating_publications (district_id, quarter, figures,"
                       " published_by, published_at) VALUES ($1, $2, $3, NULLIF(CAST($4 AS BIGINT), 0), $5)"
                       " RETURNING id",
                       "issii", district, quarter, text, by, now);
    free(text);
    return rc;
}

int oversight_published_json(struct db *db, int64_t district, const char *quarter, json_t **out)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT p.id, p.figures, p.published_at, pl.name"
                          " FROM rating_publications p JOIN places pl ON pl.id = p.district_id"
                          " WHERE p.district_id = $1 AND p.quarter = $2",
                          "is", district, quarter);
    if (rc != HW_OK)
        return rc;
    json_t *figures = json_loads(db_col_text(st, 1), 0, NULL);
    *out = figures ? json_pack("{s:I, s:o, s:o, s:o}", "id", (json_int_t)db_col_int(st, 0),
                               "published_at", db_json_time(st, 2), "district_name",
                               db_json_text(st, 3), "figures", figures)
                   : NULL;
    db_reset(st);
    return *out ? HW_OK : HW_EDB;
}
