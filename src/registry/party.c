#include "registry/party.h"

#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "base/validate.h"
#include "place/place.h"

static const struct {
    const char *name;
    const char *places; /* kinds of place it may stand for, comma-separated */
} levels[PARTY_LEVEL_COUNT] = {
    [PARTY_COMMUNITY_COMMITTEE] = {"community_committee", "community"},
    [PARTY_COMMAND_ROOM] = {"command_room", "community,compound"},
    [PARTY_GRID_BRANCH] = {"grid_branch", "grid,micro_grid,compound"},
    [PARTY_BUILDING_GROUP] = {"building_group", "building"},
    [PARTY_CENTRAL_HOUSEHOLD] = {"central_household", "dwelling,building"},
};

enum { PARTY_TREE_MAX = 20000 };

int party_level_parse(const char *name)
{
    for (int i = 0; name && i < PARTY_LEVEL_COUNT; i++)
        if (strcmp(levels[i].name, name) == 0)
            return i;
    return -1;
}

bool party_level_fits(int parent_level, int child_level)
{
    if (child_level < 0 || child_level >= PARTY_LEVEL_COUNT || parent_level >= PARTY_LEVEL_COUNT)
        return false;
    if (parent_level < 0)
        return child_level == PARTY_COMMUNITY_COMMITTEE;
    return child_level > parent_level;
}

bool party_level_place_fits(int level, const char *place_kind)
{
    if (level < 0 || level >= PARTY_LEVEL_COUNT || !place_kind)
        return false;
    size_t n = strlen(place_kind);
    for (const char *p = levels[level].places; *p;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        if (len == n && strncmp(p, place_kind, n) == 0)
            return true;
        p += len + (comma ? 1 : 0);
    }
    return false;
}

/* Level and sub-district of an existing organization. */
static int org_level(struct db *db, int64_t id, int *level, int64_t *district)
{
    struct db_stmt *st;
    int rc =
        db_query_row(db, &st, "SELECT level, district_id FROM party_orgs WHERE id = $1", "i", id);
    if (rc != HW_OK)
        return rc;
    *level = party_level_parse(db_col_text(st, 0));
    *district = db_col_int(st, 1);
    db_reset(st);
    return HW_OK;
}

static int check_place(struct db *db, int64_t place_id, int level, int64_t *district)
{
    char kind[PLACE_KIND_SIZE];
    int64_t place_district;
    int rc = place_kind_district(db, place_id, kind, &place_district);
    if (rc == HW_ENOTFOUND || (rc == HW_OK && (!party_level_place_fits(level, kind) ||
                                               (*district && place_district != *district))))
        rc = HW_EINVAL;
    if (rc == HW_OK)
        *district = place_district;
    return rc;
}

int party_org_create(struct db *db, const struct party_org_new *o, int64_t *id,
                     const char **bad_field)
{
    *bad_field = NULL;
    int level = party_level_parse(o->level);
    if (level < 0) {
        *bad_field = "level";
        return HW_EINVAL;
    }
    if (!o->name || !*o->name || strlen(o->name) > 100) {
        *bad_field = "name";
        return HW_EINVAL;
    }
    int parent_level = -1;
    int64_t district = 0;
    if (o->parent_id) {
        int rc = org_level(db, o->parent_id, &parent_level, &district);
        if (rc == HW_ENOTFOUND)
            *bad_field = "parent_id";
        else if (rc != HW_OK)
            return rc;
    }
    if (!*bad_field && !party_level_fits(parent_level, level))
        *bad_field = "level";
    /* A committee names its community: that is where the tree lives. */
    else if (!*bad_field && !o->parent_id && !o->place_id)
        *bad_field = "place_id";
    if (*bad_field)
        return HW_EINVAL;
    if (o->place_id) {
        int rc = check_place(db, o->place_id, level, &district);
        if (rc == HW_EINVAL)
            *bad_field = "place_id";
        if (rc != HW_OK)
            return rc;
    }
    int64_t now = clock_now();
    int rc = db_scalar_int(db, id,
                           "INSERT INTO party_orgs (district_id, parent_id, level, name, place_id,"
                           " created_at, updated_at) VALUES ($1, NULLIF($2, 0), $3, $4,"
                           " NULLIF($5, 0), $6, $6) RETURNING id",
                           "iissii", district, o->parent_id, o->level, o->name, o->place_id, now);
    if (rc == HW_ECONFLICT)
        *bad_field = "name";
    return rc;
}

int party_org_scope_place(struct db *db, int64_t id, int64_t *place_id, int64_t *district_id)
{
    /* At most five levels: the walk ends at the committee. */
    for (int depth = 0; depth <= PARTY_LEVEL_COUNT; depth++) {
        struct db_stmt *st;
        int rc = db_query(db, &st,
                          "SELECT place_id, parent_id, district_id FROM party_orgs WHERE id = $1",
                          "i", id);
        if (rc != HW_OK)
            return rc;
        rc = db_step(st);
        int64_t place = 0, parent = 0;
        if (rc == DB_ROW) {
            place = db_col_int(st, 0);
            parent = db_col_int(st, 1);
            *district_id = db_col_int(st, 2);
            rc = HW_OK;
        } else if (rc == DB_DONE) {
            rc = HW_ENOTFOUND;
        }
        db_reset(st);
        if (rc != HW_OK)
            return rc;
        if (place || !parent) {
            *place_id = place;
            return place ? HW_OK : HW_ENOTFOUND;
        }
        id = parent;
    }
    return HW_ENOTFOUND;
}

#define PARTY_ORG_COLUMNS                                                                          \
    "po.id, po.parent_id, po.level, po.name, po.place_id, p.name, po.district_id"                  \
    " FROM party_orgs po LEFT JOIN places p ON p.id = po.place_id"

static json_t *org_row_json(struct db_stmt *st)
{
    return json_pack(
        "{s:I, s:o, s:s, s:s, s:o, s:s?, s:I, s:[]}", "id", (json_int_t)db_col_int(st, 0),
        "parent_id", db_col_is_null(st, 1) ? json_null() : json_integer(db_col_int(st, 1)), "level",
        db_col_text(st, 2), "name", db_col_text(st, 3), "place_id",
        db_col_is_null(st, 4) ? json_null() : json_integer(db_col_int(st, 4)), "place_name",
        db_col_text(st, 5), "district_id", (json_int_t)db_col_int(st, 6), "children");
}

int party_org_json(struct db *db, int64_t id, json_t **out)
{
    struct db_stmt *st;
    int rc = db_query(db, &st, "SELECT " PARTY_ORG_COLUMNS " WHERE po.id = $1", "i", id);
    if (rc != HW_OK)
        return rc;
    rc = db_step(st);
    if (rc == DB_ROW) {
        *out = org_row_json(st);
        rc = *out ? HW_OK : HW_ENOMEM;
    } else if (rc == DB_DONE) {
        rc = HW_ENOTFOUND;
    }
    db_reset(st);
    return rc;
}

/* Hangs every node under its parent (found through index); nodes whose
 * parent is not in the list are roots. */
static int link_tree(json_t *nodes, json_t *index, json_t *roots)
{
    size_t i;
    json_t *node;
    json_array_foreach(nodes, i, node)
    {
        json_t *parent_id = json_object_get(node, "parent_id");
        json_t *parent = NULL;
        if (json_is_integer(parent_id)) {
            char key[24];
            snprintf(key, sizeof key, "%lld", (long long)json_integer_value(parent_id));
            parent = json_object_get(index, key);
        }
        json_t *list = parent ? json_object_get(parent, "children") : roots;
        if (json_array_append(list, node) != 0)
            return HW_ENOMEM;
    }
    return HW_OK;
}

int party_tree_json(struct db *db, int64_t district, json_t **out)
{
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT " PARTY_ORG_COLUMNS " WHERE ($1 = 0 OR po.district_id = $1)"
                      " ORDER BY po.id LIMIT $2",
                      "ii", district, (int64_t)PARTY_TREE_MAX);
    if (rc != HW_OK)
        return rc;
    json_t *nodes = json_array(), *index = json_object(), *roots = json_array();
    rc = nodes && index && roots ? HW_OK : HW_ENOMEM;
    while (rc == HW_OK && (rc = db_step(st)) == DB_ROW) {
        char key[24];
        snprintf(key, sizeof key, "%lld", (long long)db_col_int(st, 0));
        json_t *node = org_row_json(st);
        rc = node && json_object_set(index, key, node) == 0 &&
                     json_array_append_new(nodes, node) == 0
                 ? HW_OK
                 : HW_ENOMEM;
    }
    db_reset(st);
    if (rc >= 0)
        rc = link_tree(nodes, index, roots);
    /* The children arrays refer to the nodes themselves, so the tree stays
     * alive through roots; index and nodes are only scaffolding. */
    json_decref(index);
    json_decref(nodes);
    if (rc != HW_OK) {
        json_decref(roots);
        return rc;
    }
    *out = roots;
    return HW_OK;
}

bool party_photo_path_valid(const char *path)
{
    size_t n = path ? strlen(path) : 0;
    if (n == 0 || n > PARTY_PHOTO_MAX || path[0] == '/' || strstr(path, ".."))
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = path[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '/' || c == '.' || c == '_' || c == '-';
        if (!ok)
            return false;
    }
    return true;
}

static int resident_district(struct db *db, int64_t resident_id, int64_t *district)
{
    return db_scalar_int(db, district, "SELECT district_id FROM residents WHERE id = $1", "i",
                         resident_id);
}

int party_card_create(struct db *db, const struct party_card_new *c, int64_t *id,
                      const char **bad_field)
{
    *bad_field = NULL;
    if (!c->name || !*c->name || strlen(c->name) > 64)
        *bad_field = "name";
    else if (c->phone && *c->phone && !validate_mobile(c->phone))
        *bad_field = "phone";
    else if (c->photo && *c->photo && !party_photo_path_valid(c->photo))
        *bad_field = "photo";
    else if (c->responsibility && strlen(c->responsibility) > PARTY_RESPONSIBILITY_MAX)
        *bad_field = "responsibility";
    if (*bad_field)
        return HW_EINVAL;
    char kind[PLACE_KIND_SIZE];
    int64_t district, resident_district_id = 0;
    int rc = place_kind_district(db, c->building_id, kind, &district);
    if (rc == HW_ENOTFOUND || (rc == HW_OK && strcmp(kind, "building") != 0)) {
        *bad_field = "building_id";
        rc = HW_EINVAL;
    }
    if (rc == HW_OK && c->resident_id) {
        rc = resident_district(db, c->resident_id, &resident_district_id);
        if (rc == HW_ENOTFOUND || (rc == HW_OK && resident_district_id != district)) {
            *bad_field = "resident_id";
            rc = HW_EINVAL;
        }
    }
    if (rc != HW_OK)
        return rc;
    int64_t now = clock_now();
    return db_scalar_int(db, id,
                         "INSERT INTO party_cards (district_id, building_id, resident_id, name,"
                         " photo, phone, responsibility, created_at, updated_at)"
                         " VALUES ($1, $2, NULLIF($3, 0), $4, NULLIF($5, ''), NULLIF($6, ''),"
                         " NULLIF($7, ''), $8, $8) RETURNING id",
                         "iiissssi", district, c->building_id, c->resident_id, c->name, c->photo,
                         c->phone, c->responsibility, now);
}

int party_card_json(struct db *db, int64_t id, json_t **out)
{
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT id, building_id, resident_id, name, photo, phone, responsibility,"
                      " district_id FROM party_cards WHERE id = $1",
                      "i", id);
    if (rc != HW_OK)
        return rc;
    json_t *card = NULL;
    int64_t building = 0;
    rc = db_step(st);
    if (rc == DB_ROW) {
        building = db_col_int(st, 1);
        /* 亮身份: the member publishes name, photo and phone on the building
         * wall, so the card shows the phone as given, unmasked. */
        card = json_pack(
            "{s:I, s:I, s:o, s:s, s:s?, s:s?, s:s?, s:I}", "id", (json_int_t)db_col_int(st, 0),
            "building_id", (json_int_t)building, "resident_id",
            db_col_is_null(st, 2) ? json_null() : json_integer(db_col_int(st, 2)), "name",
            db_col_text(st, 3), "photo", db_col_text(st, 4), "phone", db_col_text(st, 5),
            "responsibility", db_col_text(st, 6), "district_id", (json_int_t)db_col_int(st, 7));
        rc = card ? HW_OK : HW_ENOMEM;
    } else if (rc == DB_DONE) {
        rc = HW_ENOTFOUND;
    }
    db_reset(st);
    char label[PLACE_LABEL_MAX];
    if (rc == HW_OK && (rc = place_label(db, building, label, sizeof label)) == HW_OK)
        json_object_set_new(card, "building_label", json_string(label));
    if (rc != HW_OK) {
        json_decref(card);
        return rc;
    }
    *out = card;
    return HW_OK;
}
