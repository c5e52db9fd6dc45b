#include "votes/roll.h"

#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "base/validate.h"
#include "place/place.h"
#include "votes/names.h"
#include "votes/voter.h"

/* Rows of a statement into a growing array of int64 pairs. */
struct pairs {
    int64_t (*rows)[3];
    size_t n, cap;
};

static int pairs_push(struct pairs *p, int64_t a, int64_t b, int64_t c)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 64;
        int64_t(*grown)[3] = realloc(p->rows, cap * sizeof *grown);
        if (!grown)
            return HW_ENOMEM;
        p->rows = grown;
        p->cap = cap;
    }
    p->rows[p->n][0] = a;
    p->rows[p->n][1] = b;
    p->rows[p->n][2] = c;
    p->n++;
    return HW_OK;
}

static int read_rows(struct db *db, const char *sql, int64_t place, struct pairs *out)
{
    struct db_stmt *st;
    int rc = db_query(db, &st, sql, "i", place);
    if (rc != HW_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        rc = pairs_push(out, db_col_int(st, 0), db_col_is_null(st, 1) ? -1 : db_col_int(st, 1),
                        db_col_int(st, 2));
        if (rc != HW_OK)
            break;
    }
    db_reset(st);
    return rc < 0 ? rc : HW_OK;
}

#define UNITS_SQL(column)                                                                         \
    "SELECT d.id, d.area_cm2, (SELECT count(*) FROM vote_developer_units u"                        \
    " WHERE u.dwelling_id = d.id) FROM places d WHERE d." column " = $1"                          \
    " AND d.kind = 'dwelling' ORDER BY d.id"
#define OWNERS_SQL(column)                                                                        \
    "SELECT DISTINCT o.dwelling_id, o.resident_id, 0 FROM occupancies o"                          \
    " JOIN places d ON d.id = o.dwelling_id WHERE d." column " = $1"                              \
    " AND d.kind = 'dwelling' AND o.relation = 'owner' AND o.moved_out IS NULL"                   \
    " ORDER BY o.dwelling_id, o.resident_id"

/* A compound's vote counts the dwellings of the compound, a building's those
 * of the building: the column each dwelling copies its ancestor into. */
static int place_sql(struct db *db, int64_t place, const char **units, const char **owners)
{
    char kind[PLACE_KIND_SIZE];
    int64_t district;
    int rc = place_kind_district(db, place, kind, &district);
    if (rc != HW_OK)
        return rc;
    if (strcmp(kind, "compound") == 0) {
        *units = UNITS_SQL("compound_id");
        *owners = OWNERS_SQL("compound_id");
    } else if (strcmp(kind, "building") == 0) {
        *units = UNITS_SQL("building_id");
        *owners = OWNERS_SQL("building_id");
    } else {
        return HW_EINVAL;
    }
    return HW_OK;
}

int vote_roll_read(struct db *db, int64_t place_id, struct vote_roll *out)
{
    *out = (struct vote_roll){0};
    const char *units_sql, *owners_sql;
    int rc = place_sql(db, place_id, &units_sql, &owners_sql);
    struct pairs units = {0}, owners = {0};
    if (rc == HW_OK)
        rc = read_rows(db, units_sql, place_id, &units);
    if (rc == HW_OK)
        rc = read_rows(db, owners_sql, place_id, &owners);
    if (rc == HW_OK && units.n) {
        out->units = calloc(units.n, sizeof *out->units);
        out->owners = calloc(owners.n ? owners.n : 1, sizeof *out->owners);
        if (!out->units || !out->owners)
            rc = HW_ENOMEM;
    }
    /* Both lists are ordered by dwelling: walk them together. */
    size_t k = 0;
    for (size_t i = 0; rc == HW_OK && i < units.n; i++) {
        struct vote_unit *u = &out->units[i];
        *u = (struct vote_unit){.dwelling_id = units.rows[i][0], .area_cm2 = units.rows[i][1],
                                .developer = units.rows[i][2] > 0, .owners = out->owners + k};
        while (k < owners.n && owners.rows[k][0] == u->dwelling_id) {
            out->owners[k] = owners.rows[k][1];
            u->nowners++;
            k++;
        }
    }
    out->nunits = units.n;
    free(units.rows);
    free(owners.rows);
    if (rc == HW_OK)
        rc = vote_electorate_count(out->units, out->nunits, &out->e);
    return rc;
}

void vote_roll_free(struct vote_roll *r)
{
    vote_electorate_free(&r->e);
    free(r->units);
    free(r->owners);
    *r = (struct vote_roll){0};
}

static int insert_head(struct db *db, int64_t vote_id, size_t h, const struct vote_head *head,
                       int64_t *id)
{
    return db_scalar_int(db, id,
                         "INSERT INTO vote_heads (vote_id, position, area_cm2, units, developer,"
                         " flags) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                         "iiiibi", vote_id, (int64_t)h + 1, head->area_cm2, (int64_t)head->units,
                         (int)head->developer, (int64_t)head->flags);
}

int vote_roll_freeze(struct db *db, int64_t vote_id, const struct vote_roll *r)
{
    static const char *const clear[] = {
        "DELETE FROM vote_head_owners WHERE head_id IN"
        " (SELECT id FROM vote_heads WHERE vote_id = $1)",
        "DELETE FROM vote_head_units WHERE vote_id = $1",
        "DELETE FROM vote_heads WHERE vote_id = $1",
    };
    for (size_t i = 0; i < sizeof clear / sizeof clear[0]; i++) {
        int64_t n = db_run(db, clear[i], "i", vote_id);
        if (n < 0)
            return (int)n;
    }
    int64_t *ids = calloc(r->e.nheads ? r->e.nheads : 1, sizeof *ids);
    if (!ids)
        return HW_ENOMEM;
    int rc = HW_OK;
    for (size_t h = 0; rc == HW_OK && h < r->e.nheads; h++)
        rc = insert_head(db, vote_id, h, &r->e.heads[h], &ids[h]);
    for (size_t i = 0; rc == HW_OK && i < r->nunits; i++) {
        const struct vote_unit *u = &r->units[i];
        int64_t head = ids[r->e.head_of[i]];
        int64_t n = db_run(db,
                           "INSERT INTO vote_head_units (vote_id, head_id, dwelling_id, area_cm2)"
                           " VALUES ($1, $2, $3, $4)",
                           "iiii", vote_id, head, u->dwelling_id, u->area_cm2 > 0 ? u->area_cm2 : 0);
        for (size_t j = 0; n >= 0 && j < u->nowners; j++)
            n = db_run(db,
                       "INSERT INTO vote_head_owners (head_id, dwelling_id, resident_id)"
                       " VALUES ($1, $2, $3)",
                       "iii", head, u->dwelling_id, u->owners[j]);
        if (n < 0)
            rc = (int)n;
    }
    free(ids);
    if (rc != HW_OK)
        return rc;
    int64_t n = db_run(db,
                       "UPDATE votes SET electorate_heads = $2, electorate_area_cm2 = $3"
                       " WHERE id = $1",
                       "iii", vote_id, (int64_t)r->e.nheads, r->e.area_cm2);
    return n < 0 ? (int)n : HW_OK;
}

json_t *vote_flags_json(unsigned flags)
{
    static const char *const names[] = {"no_owner", "no_area", "developer_owned"};
    json_t *a = json_array();
    for (unsigned b = 0; a && b < 3; b++)
        if (flags & (1u << b))
            json_array_append_new(a, json_string(names[b]));
    return a;
}

json_t *vote_roll_summary_json(const struct vote_roll *r)
{
    char m2[32];
    area_format(r->e.area_cm2, m2, sizeof m2);
    return json_pack("{s:I, s:I, s:s, s:I, s:{s:I, s:I, s:I}, s:b}", "heads",
                     (json_int_t)r->e.nheads, "area_cm2", (json_int_t)r->e.area_cm2, "area_m2", m2,
                     "units", (json_int_t)r->nunits, "flagged", "no_owner",
                     (json_int_t)r->e.flagged[0], "no_area", (json_int_t)r->e.flagged[1],
                     "developer_owned", (json_int_t)r->e.flagged[2], "ready",
                     r->nunits > 0 && !(r->e.flags & VOTE_FLAGS_BLOCKING));
}

/* ---- pages of heads ------------------------------------------------------ */

/* A head's unit; the head is the caller's own ("mine") when they own a unit of it. */
static json_t *unit_json(struct db *db, const struct principal *who, int64_t dwelling,
                         int64_t area, int64_t head_id, json_t *head, int *rc)
{
    char label[PLACE_LABEL_MAX], m2[32];
    json_t *owners = NULL;
    bool own = false;
    *rc = place_label(db, dwelling, label, sizeof label);
    if (*rc == HW_OK)
        *rc = votes_owner_names(db, who, dwelling, head_id, &owners);
    if (*rc == HW_OK)
        *rc = vote_voter_owns(db, who, dwelling, &own);
    if (*rc == HW_OK && own)
        json_object_set_new(head, "mine", json_true());
    if (*rc != HW_OK) {
        json_decref(owners);
        return NULL;
    }
    area_format(area > 0 ? area : 0, m2, sizeof m2);
    json_t *u = json_pack("{s:I, s:s, s:o, s:o}", "dwelling_id", (json_int_t)dwelling, "label",
                          label, "area_m2", area >= 0 ? json_string(m2) : json_null(), "owners",
                          owners);
    if (!u)
        *rc = HW_ENOMEM;
    return u;
}

static json_t *head_json(int64_t id, int64_t position, int64_t area, bool developer,
                         unsigned flags)
{
    char m2[32];
    area_format(area, m2, sizeof m2);
    return json_pack("{s:o, s:I, s:I, s:s, s:b, s:o, s:b, s:[]}", "id",
                     id ? json_integer(id) : json_null(), "position", (json_int_t)position,
                     "area_cm2", (json_int_t)area, "area_m2", m2, "developer", developer, "flags",
                     vote_flags_json(flags), "mine", false, "units");
}

/* A draft's heads, counted from the register now. */
static int draft_page(struct db *db, const struct principal *who, int64_t place, int64_t after,
                      int64_t limit, json_t *items, int64_t *next)
{
    struct vote_roll r;
    int rc = vote_roll_read(db, place, &r);
    for (size_t h = (size_t)after; rc == HW_OK && h < r.e.nheads; h++) {
        if ((int64_t)(h - (size_t)after) == limit) {
            *next = (int64_t)h;
            break;
        }
        const struct vote_head *head = &r.e.heads[h];
        json_t *o = head_json(0, (int64_t)h + 1, head->area_cm2, head->developer, head->flags);
        if (!o || json_array_append_new(items, o) != 0) {
            rc = HW_ENOMEM;
            break;
        }
        for (size_t i = 0; rc == HW_OK && i < r.nunits; i++)
            if (r.e.head_of[i] == h)
                json_array_append_new(json_object_get(o, "units"),
                                      unit_json(db, who, r.units[i].dwelling_id,
                                                r.units[i].area_cm2, 0, o, &rc));
    }
    vote_roll_free(&r);
    return rc;
}

static int frozen_units(struct db *db, const struct principal *who, int64_t head, json_t *o)
{
    json_t *units = json_object_get(o, "units");
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT dwelling_id, area_cm2 FROM vote_head_units WHERE head_id = $1"
                      " ORDER BY dwelling_id",
                      "i", head);
    if (rc != HW_OK)
        return rc;
    /* Read the units first: naming each runs queries of its own. */
    struct pairs rows = {0};
    while ((rc = db_step(st)) == DB_ROW && (rc = pairs_push(&rows, db_col_int(st, 0),
                                                             db_col_int(st, 1), 0)) == HW_OK) {
    }
    db_reset(st);
    rc = rc < 0 ? rc : HW_OK;
    for (size_t i = 0; rc == HW_OK && i < rows.n; i++)
        json_array_append_new(units,
                              unit_json(db, who, rows.rows[i][0], rows.rows[i][1], head, o, &rc));
    free(rows.rows);
    return rc;
}

static int frozen_page(struct db *db, const struct principal *who, int64_t vote_id, int64_t after,
                       int64_t limit, json_t *items, int64_t *next)
{
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT id, position, area_cm2, developer, flags FROM vote_heads"
                      " WHERE vote_id = $1 AND position > $2 ORDER BY position LIMIT $3",
                      "iii", vote_id, after, limit + 1);
    if (rc != HW_OK)
        return rc;
    int64_t n = 0, last = 0;
    while ((rc = db_step(st)) == DB_ROW) {
        if (n++ == limit) {
            *next = last;
            break;
        }
        last = db_col_int(st, 1);
        json_t *o = head_json(db_col_int(st, 0), last, db_col_int(st, 2), db_col_bool(st, 3),
                              (unsigned)db_col_int(st, 4));
        if (!o || json_array_append_new(items, o) != 0) {
            rc = HW_ENOMEM;
            break;
        }
    }
    db_reset(st);
    rc = rc < 0 ? rc : HW_OK;
    size_t i;
    json_t *o;
    json_array_foreach(items, i, o) {
        if (rc != HW_OK)
            break;
        rc = frozen_units(db, who, json_integer_value(json_object_get(o, "id")), o);
    }
    return rc;
}

int vote_head_json(struct db *db, const struct principal *who, int64_t head_id, json_t **out)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT position, area_cm2, developer, flags FROM vote_heads"
                          " WHERE id = $1",
                          "i", head_id);
    if (rc != HW_OK)
        return rc;
    json_t *o = head_json(head_id, db_col_int(st, 0), db_col_int(st, 1), db_col_bool(st, 2),
                          (unsigned)db_col_int(st, 3));
    db_reset(st);
    rc = o ? frozen_units(db, who, head_id, o) : HW_ENOMEM;
    if (rc != HW_OK) {
        json_decref(o);
        return rc;
    }
    *out = o;
    return HW_OK;
}

int vote_roll_page(struct db *db, const struct principal *who, int64_t vote_id, int64_t after,
                   int64_t limit, json_t **items, int64_t *next)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT place_id, status FROM votes WHERE id = $1", "i", vote_id);
    if (rc != HW_OK)
        return rc;
    int64_t place = db_col_int(st, 0);
    bool draft = strcmp(db_col_text(st, 1), "draft") == 0;
    db_reset(st);
    *next = 0;
    *items = json_array();
    if (!*items)
        return HW_ENOMEM;
    rc = draft ? draft_page(db, who, place, after, limit, *items, next)
               : frozen_page(db, who, vote_id, after, limit, *items, next);
    if (rc != HW_OK) {
        json_decref(*items);
        *items = NULL;
    }
    return rc;
}
