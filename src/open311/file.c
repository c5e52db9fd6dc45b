#include "open311/file.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "base/clock.h"
#include "base/err.h"
#include "kit/principal.h"

enum { TOKEN_BYTES = 16, COORDS_TEXT_MAX = 48, IP_MAX = 128 };

/* Where a free-text place lies: the compound, else the community, whose
 * name the address names (the longest such name), else the sub-district.
 * The registry keeps no outlines, so coordinates cannot say more. */
static int locate(struct db *db, int64_t district_id, const char *address, int64_t *place_id)
{
    *place_id = district_id;
    if (!address)
        return HW_OK;
    int rc = db_scalar_int(db, place_id,
                           "SELECT id FROM places WHERE district_id = $1"
                           " AND kind IN ('compound', 'community')"
                           " AND $2 LIKE '%' || name || '%'"
                           " ORDER BY length(name) DESC, kind = 'community', id LIMIT 1",
                           "is", district_id, address);
    if (rc == HW_ENOTFOUND) {
        *place_id = district_id;
        return HW_OK;
    }
    return rc;
}

/* The order's field at fault, as the client named it. */
static const char *param_of(const char *field)
{
    static const struct {
        const char *field, *param;
    } names[] = {
        {"description", "description"},    {"place_text", "address_string"},
        {"lat", "lat"},                    {"place_id", "address_id"},
        {"category_id", "service_code"},   {"reporter_name", "first_name"},
        {"reporter_phone", "phone"},
    };
    for (size_t i = 0; field && i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i].field, field) == 0)
            return names[i].param;
    return field;
}

int open311_file(struct db *db, const struct open311_client *c, const char *ip,
                 const struct open311_report *r, char number[WO_NUMBER_MAX],
                 char token[OPEN311_TOKEN_SIZE], const char **bad_param)
{
    *bad_param = NULL;
    /* The client has no account: the order is filed for its key's
     * sub-district by an outside party, which may report and nothing more. */
    struct principal who = {.login = c->name, .name = c->name, .role = ROLE_ALLIANCE_UNIT,
                            .scope_id = c->district_id, .scope_kind = "subdistrict",
                            .district_id = c->district_id};
    char source[IP_MAX];
    snprintf(source, sizeof source, "open311:%s%s%s", c->name, ip ? " " : "", ip ? ip : "");
    struct actor device = {.kind = ACTOR_DEVICE, .ip = source};
    struct workorder_new n = {
        .channel = WO_CHANNEL_OPEN311,
        .reporter = {.kind = r->name ? WO_REPORTER_RESIDENT : WO_REPORTER_ANONYMOUS,
                     .name = r->name,
                     .phone = r->name ? r->phone : NULL},
        .category_id = r->category_id,
        .description = r->description,
    };
    char coords[COORDS_TEXT_MAX];
    int rc = db_begin(db, DB_TXN_WRITE);
    if (rc != HW_OK)
        return rc;
    if (r->address_id) {
        n.place_id = r->address_id;
    } else {
        n.place_text = r->address_string;
        if (r->has_coords) {
            n.has_coords = true;
            n.lat_e6 = r->lat_e6;
            n.lon_e6 = r->lon_e6;
            if (!n.place_text) {
                snprintf(coords, sizeof coords, "%lld.%06lld,%lld.%06lld",
                         (long long)(r->lat_e6 / 1000000), (long long)(r->lat_e6 % 1000000),
                         (long long)(r->lon_e6 / 1000000), (long long)(r->lon_e6 % 1000000));
                n.place_text = coords;
            }
        }
        rc = locate(db, c->district_id, r->address_string, &n.place_id);
    }
    int64_t id = 0;
    const char *bad = NULL;
    if (rc == HW_OK)
        rc = workorder_create(db, &device, &who, &n, &id, &bad);
    if (rc == HW_EINVAL)
        *bad_param = param_of(bad);
    if (rc == HW_OK) {
        unsigned char raw[TOKEN_BYTES];
        randombytes_buf(raw, sizeof raw);
        sodium_bin2hex(token, OPEN311_TOKEN_SIZE, raw, sizeof raw);
        int64_t rows = db_run(db,
                              "INSERT INTO open311_requests (order_id, key_id, district_id,"
                              " token, created_at) VALUES ($1, $2, $3, $4, $5)",
                              "iiisi", id, c->key_id, c->district_id, token, clock_now());
        rc = rows < 0 ? (int)rows : HW_OK;
    }
    struct db_stmt *st;
    if (rc == HW_OK && (rc = db_query_row(db, &st, "SELECT number FROM work_orders WHERE id = $1",
                                          "i", id)) == HW_OK) {
        snprintf(number, WO_NUMBER_MAX, "%s", db_col_text(st, 0));
        db_reset(st);
    }
    if (rc == HW_OK)
        rc = db_commit(db);
    if (rc != HW_OK)
        db_rollback(db);
    return rc;
}
