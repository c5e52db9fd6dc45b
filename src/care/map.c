#include "care/map.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "care/household.h"
#include "care/schedule.h"
#include "place/place.h"

struct map {
    struct db *db;
    const struct principal *who;
    bool public_map;
    int64_t today;
    bool *disclosed;
    int counts[CARE_TIER_COUNT + 1]; /* the last: no colour shown */
};

/* The floor's entry of a building's floors, made when missing. */
static json_t *floor_entry(json_t *floors, json_t *floor)
{
    size_t i;
    json_t *f;
    json_array_foreach(floors, i, f) if (json_equal(json_object_get(f, "floor"), floor)) return f;
    f = json_pack("{s:O, s:[]}", "floor", floor, "cells");
    json_array_append_new(floors, f);
    return f;
}

static json_t *cell_entry(json_t *floor, const char *entrance)
{
    size_t i;
    json_t *c, *cells = json_object_get(floor, "cells");
    json_t *name = entrance ? json_string(entrance) : json_null();
    json_array_foreach(cells, i, c) if (json_equal(json_object_get(c, "entrance"), name)) {
        json_decref(name);
        return c;
    }
    c = json_pack("{s:o, s:[]}", "entrance", name, "dwellings");
    json_array_append_new(cells, c);
    return c;
}

static int dwelling_json(struct map *m, int64_t id, const char *name, json_t **out)
{
    struct care_household h;
    int rc = care_household_load(m->db, id, m->today, &h);
    if (rc != HW_OK)
        return rc;
    bool lived_in = h.residents > 0;
    if (m->public_map) {
        bool shown = lived_in && h.consent;
        m->counts[shown ? h.tier : CARE_TIER_COUNT]++;
        *out = json_pack("{s:I, s:s, s:s?}", "id", (json_int_t)id, "name", name, "tier",
                         shown ? care_tier_name(h.tier) : NULL);
        return *out ? HW_OK : HW_ENOMEM;
    }
    bool sees = care_sees_sensitive(m->who);
    bool masked = lived_in && care_tier_sensitive(h.tier) && !sees;
    if (lived_in && care_tier_sensitive(h.tier) && sees && m->disclosed)
        *m->disclosed = true;
    m->counts[lived_in && !masked ? h.tier : CARE_TIER_COUNT]++;
    *out = json_pack("{s:I, s:s, s:s?, s:s, s:b, s:b, s:i}", "id", (json_int_t)id, "name", name,
                     "tier", lived_in && !masked ? care_tier_name(h.tier) : NULL, "tier_source",
                     h.has_tier ? "set" : "suggested", "masked", masked, "public",
                     h.consent, "residents", h.residents);
    return *out ? HW_OK : HW_ENOMEM;
}

/* A building's floors (top first) by entrances. */
static int building_json(struct map *m, int64_t building, json_t **out)
{
    char label[PLACE_LABEL_MAX];
    int rc = place_label(m->db, building, label, sizeof label);
    if (rc != HW_OK)
        return rc;
    struct db_stmt *st;
    rc = db_query(m->db, &st,
                  "SELECT d.id, d.name, d.floor, e.name FROM places d"
                  " LEFT JOIN places e ON e.id = d.entrance_id"
                  " WHERE d.building_id = $1 AND d.kind = 'dwelling'"
                  " ORDER BY CASE WHEN d.floor IS NULL THEN 1 ELSE 0 END, d.floor DESC, e.name, d.name"
                  " LIMIT $2",
                  "ii", building, (int64_t)CARE_MAP_DWELLINGS_MAX);
    if (rc != HW_OK)
        return rc;
    /* Read the rows first: each dwelling then reads its household. */
    struct row {
        int64_t id;
        bool has_floor;
        int64_t floor;
        char name[PLACE_NAME_MAX_BYTES + 1], entrance[PLACE_NAME_MAX_BYTES + 1];
        bool has_entrance;
    };
    struct row *rows = malloc(CARE_MAP_DWELLINGS_MAX * sizeof *rows);
    size_t n = 0;
    if (!rows) {
        db_reset(st);
        return HW_ENOMEM;
    }
    while ((rc = db_step(st)) == DB_ROW && n < CARE_MAP_DWELLINGS_MAX) {
        struct row *r = &rows[n++];
        r->id = db_col_int(st, 0);
        snprintf(r->name, sizeof r->name, "%s", db_col_text(st, 1));
        r->has_floor = !db_col_is_null(st, 2);
        r->floor = db_col_int(st, 2);
        r->has_entrance = db_col_text(st, 3) != NULL;
        snprintf(r->entrance, sizeof r->entrance, "%s", r->has_entrance ? db_col_text(st, 3) : "");
    }
    db_reset(st);
    if (rc < 0) {
        free(rows);
        return rc;
    }
    json_t *floors = json_array(), *entrances = json_array();
    rc = floors && entrances ? HW_OK : HW_ENOMEM;
    for (size_t i = 0; rc == HW_OK && i < n; i++) {
        json_t *d = NULL;
        if ((rc = dwelling_json(m, rows[i].id, rows[i].name, &d)) != HW_OK)
            break;
        json_t *fl = rows[i].has_floor ? json_integer(rows[i].floor) : json_null();
        json_t *cell = cell_entry(floor_entry(floors, fl), rows[i].has_entrance ? rows[i].entrance : NULL);
        json_decref(fl);
        json_array_append_new(json_object_get(cell, "dwellings"), d);
        json_t *en = rows[i].has_entrance ? json_string(rows[i].entrance) : NULL;
        size_t k;
        json_t *seen;
        bool known = !en;
        json_array_foreach(entrances, k, seen) known = known || json_equal(seen, en);
        if (!known)
            json_array_append(entrances, en);
        json_decref(en);
    }
    free(rows);
    if (rc != HW_OK) {
        json_decref(floors);
        json_decref(entrances);
        return rc;
    }
    *out = json_pack("{s:I, s:s, s:o, s:o}", "id", (json_int_t)building, "label", label,
                     "entrances", entrances, "floors", floors);
    return *out ? HW_OK : HW_ENOMEM;
}

int care_map_json(struct db *db, const struct principal *who, int64_t place_id, bool public_map,
                  int64_t today, json_t **out, bool *disclosed)
{
    struct map m = {.db = db, .who = who, .public_map = public_map, .today = today,
                    .disclosed = disclosed};
    char kind[PLACE_KIND_SIZE], label[PLACE_LABEL_MAX];
    int64_t district;
    int rc = place_kind_district(db, place_id, kind, &district);
    if (rc == HW_OK)
        rc = place_label(db, place_id, label, sizeof label);
    if (rc != HW_OK)
        return rc;
    bool building = strcmp(kind, "building") == 0;
    if (!building && strcmp(kind, "compound") != 0)
        return HW_ENOTFOUND;
    struct db_stmt *st;
    rc = db_query(db, &st,
                  "SELECT id FROM places WHERE (id = $1 AND $2) OR (compound_id = $1 AND NOT $2"
                  " AND kind = 'building') ORDER BY name, id LIMIT 100",
                  "ib", place_id, (int)building);
    if (rc != HW_OK)
        return rc;
    int64_t ids[100];
    size_t n = 0;
    while ((rc = db_step(st)) == DB_ROW && n < 100)
        ids[n++] = db_col_int(st, 0);
    db_reset(st);
    if (rc < 0)
        return rc;
    json_t *buildings = json_array();
    for (size_t i = 0; buildings && rc == HW_OK && i < n; i++) {
        json_t *b = NULL;
        if ((rc = building_json(&m, ids[i], &b)) == HW_OK)
            json_array_append_new(buildings, b);
    }
    if (!buildings || rc != HW_OK) {
        json_decref(buildings);
        return rc != HW_OK ? rc : HW_ENOMEM;
    }
    json_t *o = json_pack("{s:{s:I, s:s, s:s}, s:o, s:{s:i, s:i, s:i, s:i, s:i}}", "place", "id",
                          (json_int_t)place_id, "kind", kind, "label", label, "buildings",
                          buildings, "counts", "red", m.counts[CARE_RED], "orange",
                          m.counts[CARE_ORANGE], "yellow", m.counts[CARE_YELLOW], "green",
                          m.counts[CARE_GREEN], "none", m.counts[CARE_TIER_COUNT]);
    if (o && public_map) {
        char url[64];
        snprintf(url, sizeof url, "/report?place_id=%lld", (long long)place_id);
        json_object_set_new(o, "report_url", json_string(url));
    }
    *out = o;
    return o ? HW_OK : HW_ENOMEM;
}
