/* GET /api/v1/places/{id}/elevation: a building as its front view (立面图),
 * entrances side by side, floors top down, each dwelling with its name and
 * area and, for those who may read residents, how many people live there and
 * their special-group tags (sensitive ones per src/privacy). */
#include <stdio.h>
#include <string.h>

#include "kit/access.h"
#include "kit/scope.h"
#include "base/err.h"
#include "base/validate.h"
#include "http/response.h"
#include "place/place.h"
#include "kit/privacy.h"

enum { ELEVATION_MAX_DWELLINGS = 5000 };

/* Objects are found again by id through a JSON object used as an index. */
static json_t *index_get(json_t *index, int64_t id)
{
    char key[24];
    snprintf(key, sizeof key, "%lld", (long long)id);
    return json_object_get(index, key);
}

static int index_set(json_t *index, int64_t id, json_t *v)
{
    char key[24];
    snprintf(key, sizeof key, "%lld", (long long)id);
    return json_object_set(index, key, v) == 0 ? HW_OK : HW_ENOMEM;
}

static int load_entrances(struct db *db, int64_t building, json_t *list, json_t *index)
{
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT id, name FROM places WHERE building_id = $1 AND kind = 'entrance'"
                      " ORDER BY id",
                      "i", building);
    if (rc != HW_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        json_t *e = json_pack("{s:I, s:s, s:[]}", "id", (json_int_t)db_col_int(st, 0), "name",
                              db_col_text(st, 1), "floors");
        rc = e && json_array_append_new(list, e) == 0 ? index_set(index, db_col_int(st, 0), e)
                                                      : HW_ENOMEM;
        if (rc != HW_OK)
            break;
    }
    db_reset(st);
    return rc < 0 ? rc : HW_OK;
}

static json_t *dwelling_json(struct db_stmt *st, bool with_residents)
{
    json_t *area = json_null();
    if (!db_col_is_null(st, 4)) {
        char text[32];
        area_format(db_col_int(st, 4), text, sizeof text);
        area = json_string(text);
    }
    json_t *d = json_pack("{s:I, s:s, s:o}", "id", (json_int_t)db_col_int(st, 0), "name",
                          db_col_text(st, 2), "area_m2", area);
    if (d && with_residents &&
        (json_object_set_new(d, "residents", json_integer(db_col_int(st, 5))) != 0 ||
         json_object_set_new(d, "tags", json_array()) != 0)) {
        json_decref(d);
        d = NULL;
    }
    return d;
}

/* Appends a dwelling to its entrance's floor, opening the floor when the
 * rows (sorted by entrance, then floor from the top) reach a new one. */
static int place_dwelling(json_t *entrance, json_t *floor_value, json_t *dwelling)
{
    json_t *floors = json_object_get(entrance, "floors");
    json_t *last = json_array_get(floors, json_array_size(floors) - 1);
    if (!last || !json_equal(json_object_get(last, "floor"), floor_value)) {
        last = json_pack("{s:O, s:[]}", "floor", floor_value, "dwellings");
        if (!last || json_array_append_new(floors, last) != 0)
            return HW_ENOMEM;
    }
    return json_array_append(json_object_get(last, "dwellings"), dwelling) == 0 ? HW_OK : HW_ENOMEM;
}

/* with_residents: each dwelling gets "residents" (how many live there now)
 * and an empty "tags" for load_tags; without, neither key, and the count is
 * not even computed. */
static int load_dwellings(struct db *db, int64_t building, json_t *entrances, json_t *dwellings,
                          bool with_residents)
{
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT d.id, d.entrance_id, d.name, d.floor, d.area_cm2,"
                      " CASE WHEN $3 = 1 THEN (SELECT count(DISTINCT o.resident_id)"
                      "  FROM occupancies o WHERE o.dwelling_id = d.id AND o.moved_out IS NULL)"
                      " ELSE 0 END"
                      " FROM places d WHERE d.building_id = $1 AND d.kind = 'dwelling'"
                      " ORDER BY d.entrance_id, CASE WHEN d.floor IS NULL THEN 1 ELSE 0 END,"
                      " d.floor DESC, length(d.name), d.name, d.id LIMIT $2",
                      "iii", building, (int64_t)ELEVATION_MAX_DWELLINGS, (int64_t)with_residents);
    if (rc != HW_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        json_t *d = dwelling_json(st, with_residents);
        json_t *floor = db_col_is_null(st, 3) ? json_null() : json_integer(db_col_int(st, 3));
        json_t *entrance = index_get(entrances, db_col_int(st, 1));
        rc = !d || !floor ? HW_ENOMEM : entrance ? place_dwelling(entrance, floor, d) : HW_OK;
        if (rc == HW_OK)
            rc = index_set(dwellings, db_col_int(st, 0), d);
        json_decref(floor);
        json_decref(d);
        if (rc != HW_OK)
            break;
    }
    db_reset(st);
    return rc < 0 ? rc : HW_OK;
}

/* Adds each current resident's tag codes to their dwelling, once each;
 * sensitive ones only when shown to this caller, and then every resident
 * whose sensitive tag was shown goes into *reads for the log. */
static int load_tags(struct request *req, int64_t building, int64_t district, json_t *dwellings,
                     struct privacy_read **reads, size_t *nreads)
{
    bool sensitive_ok = privacy_sees_sensitive_tags(req->who);
    struct db_stmt *st;
    int rc = db_query(req->db, &st,
                      "SELECT o.dwelling_id, o.resident_id, t.code, t.sensitive"
                      " FROM occupancies o JOIN places d ON d.id = o.dwelling_id"
                      " JOIN resident_tags rt ON rt.resident_id = o.resident_id"
                      " JOIN tags t ON t.id = rt.tag_id"
                      " WHERE d.building_id = $1 AND d.kind = 'dwelling' AND o.moved_out IS NULL"
                      " ORDER BY o.dwelling_id, t.code, o.resident_id",
                      "i", building);
    if (rc != HW_OK)
        return rc;
    json_t *logged = req_keep(req, json_object());
    size_t cap = 0;
    *nreads = 0;
    while (logged && (rc = db_step(st)) == DB_ROW) {
        bool sensitive = db_col_bool(st, 3);
        json_t *tags = json_object_get(index_get(dwellings, db_col_int(st, 0)), "tags");
        if (!tags || (sensitive && !sensitive_ok))
            continue;
        const char *code = db_col_text(st, 2);
        json_t *last = json_array_get(tags, json_array_size(tags) - 1);
        if ((!last || strcmp(json_string_value(last), code) != 0) &&
            json_array_append_new(tags, json_string(code)) != 0) {
            rc = HW_ENOMEM;
            break;
        }
        int64_t resident = db_col_int(st, 1);
        if (!sensitive || index_get(logged, resident))
            continue;
        if (*nreads == cap) {
            cap = cap ? cap * 2 : 16;
            struct privacy_read *grown = arena_alloc(req->arena, cap * sizeof *grown);
            if (!grown) {
                rc = HW_ENOMEM;
                break;
            }
            if (*nreads)
                memcpy(grown, *reads, *nreads * sizeof *grown);
            *reads = grown;
        }
        (*reads)[(*nreads)++] = (struct privacy_read){resident, district, PRIVACY_SENSITIVE_TAGS};
        if ((rc = index_set(logged, resident, json_true())) != HW_OK)
            break;
    }
    db_reset(st);
    if (!logged)
        return HW_ENOMEM;
    return rc < 0 ? rc : HW_OK;
}

int place_http_elevation(struct request *req)
{
    int64_t id = req->params[0];
    int rc = scope_place_visible_kind(req->db, req->who, id, "building");
    json_t *building = NULL;
    if (rc != HW_OK || (rc = place_json(req->db, id, &building)) != HW_OK)
        return rc;
    req_keep(req, building);
    json_t *entrances = req_keep(req, json_array());
    json_t *entrance_index = req_keep(req, json_object());
    json_t *dwelling_index = req_keep(req, json_object());
    if (!entrances || !entrance_index || !dwelling_index)
        return HW_ENOMEM;
    /* Every role may see a building's structure (entrances, floors, dwellings
     * with names and areas: the owners' committee weighs votes by area). How
     * many people live in each home, and their tags, are personal data about
     * the household: a count of 1 marks a person living alone, for a bank, a
     * hospital, a volunteer or a party member to read off the whole building.
     * PIPL art. 6 (minimum necessary: processing limited to the smallest
     * scope needed for its purpose) gives them only to those who may read the
     * residents themselves (PERM_RESIDENT_READ); everyone else gets the
     * structure with "residents" and "tags" left out. Sensitive tags are
     * further limited by privacy_sees_sensitive_tags (load_tags). */
    bool with_residents = access_allows(req->who, PERM_RESIDENT_READ);
    if ((rc = load_entrances(req->db, id, entrances, entrance_index)) != HW_OK ||
        (rc = load_dwellings(req->db, id, entrance_index, dwelling_index, with_residents)) != HW_OK)
        return rc;
    struct privacy_read *reads = NULL;
    size_t nreads = 0;
    if (with_residents) {
        int64_t district = json_integer_value(json_object_get(building, "district_id"));
        if ((rc = load_tags(req, id, district, dwelling_index, &reads, &nreads)) != HW_OK)
            return rc;
        if (nreads && (rc = privacy_log_reads(req, "resident", reads, nreads)) != HW_OK)
            return rc;
    }
    return respond_json(req, 200,
                        json_pack("{s:O, s:O}", "building", building, "entrances", entrances));
}
