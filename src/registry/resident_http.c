/* Residents and their occupancies over HTTP. Every record is checked against
 * the caller's scope (resident_search.h) and answers 404 outside it; every
 * write is audited in its transaction, with identifiers masked in the audit
 * log, which inspectors read. */
#include "registry/registry_http.h"

#include <stdio.h>
#include <string.h>

#include "kit/audit.h"
#include "kit/access.h"
#include "kit/scope.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/validate.h"
#include "http/body.h"
#include "http/problem.h"
#include "http/response.h"
#include "place/place.h"
#include "kit/privacy.h"
#include "kit/record_routes.h"
#include "registry/consent.h"
#include "registry/resident.h"
#include "registry/resident_audit.h"
#include "registry/resident_search.h"
#include "registry/tag.h"


/* The rule resident_check() found broken, in its words (the import
 * reports the same words). */
static int fault_invalid(struct request *req, const struct resident_fault *f)
{
    problem_field_msg(req, f->field, FIELD_INVALID, f->zh, f->en);
    return HW_EINVAL;
}

/* A model function named a bad field: resident_check's words when it is
 * that rule, else the field's. */
static int resident_invalid(struct request *req, const struct resident *r, const char *field)
{
    struct resident_fault f;
    if (!resident_check(r, &f) && (!field || strcmp(field, f.field) == 0))
        return fault_invalid(req, &f);
    return write_field_invalid(req, field ? field : "name");
}

static const char *or_null(const char *s) { return s && *s ? s : NULL; }

/* ?include_moved_out=1 (or true): dwellings moved out of count too. */
static bool include_moved_out(struct request *req)
{
    const char *v = req_query(req, "include_moved_out");
    return v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
}

/* Resident id as the caller sees them, with what it discloses logged. */
static int resident_answer(struct request *req, int64_t id, bool past, json_t **out)
{
    struct resident_filter f = {.resident_id = id, .include_moved_out = past};
    struct resident_page page;
    int rc = resident_search(req->db, req->who, &f, &page);
    if (rc != HW_OK)
        return rc;
    if (!req_keep(req, page.items))
        return HW_ENOMEM;
    json_t *r = json_array_get(page.items, 0);
    if (!r)
        return HW_ENOTFOUND;
    json_t *consents;
    if ((rc = consent_list_json(req->db, req->who, id, &consents)) != HW_OK)
        return rc;
    if (json_object_set_new(r, "consents", consents) != 0)
        return HW_ENOMEM;
    /* A health_data consent shown tells the category as a tag would: logged alike. */
    size_t i;
    json_t *consent;
    json_array_foreach(consents, i, consent)
    {
        if (consent_purpose_sensitive(json_string_value(json_object_get(consent, "purpose"))))
            page.reads[0].fields |= PRIVACY_SENSITIVE_TAGS;
    }
    if ((rc = privacy_log_reads(req, "resident", page.reads, page.nreads)) != HW_OK)
        return rc;
    *out = json_incref(r);
    return HW_OK;
}

int resident_http_respond(struct request *req, unsigned status, int64_t id, bool past)
{
    json_t *r;
    int rc = resident_answer(req, id, past, &r);
    return rc == HW_OK ? respond_json(req, status, r) : rc;
}

/* The answer to a write: the resident with former homes too. */
int resident_http_render(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return resident_answer(req, id, true, out);
}

int resident_http_check_link(struct request *req, int64_t id)
{
    int64_t district;
    if (id && resident_visible(req->db, req->who, id, REACH_FOR_WRITE, &district) != HW_OK)
        return write_field_invalid(req, "resident_id");
    return HW_OK;
}

/* The resident as the audit log keeps them (resident_audit.h). */
static int render_resident_audit(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    struct resident r;
    int rc = resident_load(req->db, req->arena, id, &r);
    if (rc == HW_OK)
        rc = (*out = resident_audit_json(&r)) ? HW_OK : HW_ENOMEM;
    return rc;
}

/* ?count=1 on a first page: the answer adds how many residents the list
 * holds, up to RESIDENT_COUNT_CAP ("total") and whether there are more
 * ("total_capped"). */
static int add_total(struct request *req, const struct resident_filter *f, json_t *answer)
{
    const char *v = req_query(req, "count");
    if (!v || strcmp(v, "1") != 0 || f->after)
        return HW_OK;
    int64_t n = 0;
    int rc = resident_count(req->db, req->who, f, &n);
    if (rc != HW_OK)
        return rc;
    bool capped = n > RESIDENT_COUNT_CAP;
    return json_object_set_new(answer, "total", json_integer(capped ? RESIDENT_COUNT_CAP : n)) ||
                   json_object_set_new(answer, "total_capped", json_boolean(capped))
               ? HW_ENOMEM
               : HW_OK;
}

/* GET /api/v1/residents */
int resident_http_list(struct request *req)
{
    struct resident_filter f = {.q = or_null(req_query(req, "q"))};
    int rc = req_page(req, &f.limit, &f.after);
    int rc2 = HW_OK;
    const char *ids[] = {"grid_id", "building_id", "compound_id", "dwelling_id", "entrance_id"};
    int64_t *slots[] = {&f.grid_id, &f.building_id, &f.compound_id, &f.dwelling_id, &f.entrance_id};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        if (req_query_id(req, ids[i], slots[i]) != HW_OK)
            rc2 = HW_EINVAL;
    if (rc != HW_OK || rc2 != HW_OK)
        return rc != HW_OK ? rc : rc2;
    f.include_moved_out = include_moved_out(req);
    if (f.q && !registry_text_valid(f.q, 1, RESIDENT_QUERY_MAX_CHARS))
        return write_field_invalid(req, "q");
    /* Refused whatever the number, so the answer tells nothing of it. */
    char parsed[4 * RESIDENT_QUERY_MAX_CHARS * 2 + 3];
    enum resident_query_kind qkind = resident_query_parse(f.q, parsed, sizeof parsed);
    if (f.q && !privacy_sees_identifiers(req->who) &&
        (resident_query_is_identifier(qkind) || privacy_query_is_identifier(f.q))) {
        problem_field_msg(req, "q", FIELD_INVALID, "您的角色不能按身份证号或手机号查找居民，请按姓名查找",
                          "your role cannot search by ID or phone number; search by name");
        return HW_EINVAL;
    }
    const char *tag = or_null(req_query(req, "tag"));
    if (tag) {
        bool sensitive = false;
        rc = tag_find(req->db, req->who->district_id, tag, &f.tag_id, &sensitive);
        /* Filtering by a tag one may not see would reveal who carries it. */
        if (rc == HW_ENOTFOUND ||
            (rc == HW_OK && sensitive && !privacy_sees_sensitive_tags(req->who)))
            return write_field_invalid(req, "tag");
        if (rc != HW_OK)
            return rc;
    }
    struct resident_page page;
    if ((rc = resident_search(req->db, req->who, &f, &page)) != HW_OK)
        return rc == HW_EINVAL ? write_field_invalid(req, "q") : rc;
    if (!req_keep(req, page.items))
        return HW_ENOMEM;
    json_t *answer = json_pack("{s:O, s:o}", "items", page.items, "next_after",
                               page.next_after ? json_integer(page.next_after) : json_null());
    if (!answer || !req_keep(req, answer))
        return HW_ENOMEM;
    if ((rc = add_total(req, &f, answer)) != HW_OK)
        return rc;
    if ((rc = privacy_log_reads(req, "resident", page.reads, page.nreads)) != HW_OK)
        return rc;
    return respond_json(req, 200, json_incref(answer));
}

/* GET /api/v1/residents/{id}[?include_moved_out=1] */
int resident_http_get(struct request *req)
{
    return resident_http_respond(req, 200, req->params[0], include_moved_out(req));
}

/* A dwelling the caller may place people in; its sub-district in *district. */
static int dwelling_usable(struct request *req, int64_t dwelling_id, int64_t *district)
{
    const char *kind, *name;
    int rc = dwelling_id > 0 ? scope_place_visible(req->db, req->who, dwelling_id) : HW_ENOTFOUND;
    if (rc == HW_OK)
        rc = place_get(req->db, req->arena, dwelling_id, &kind, &name, district);
    if (rc == HW_OK && strcmp(kind, "dwelling") != 0)
        rc = HW_ENOTFOUND;
    return rc == HW_ENOTFOUND ? write_field_invalid(req, "dwelling_id") : rc;
}

struct resident_body {
    const char *name, *sex, *birth_date, *id_number, *phone, *note, *relation, *moved_in;
    struct opt_int party_org_id, dwelling_id;
};

#define RESIDENT_FIELDS(required)                                                                  \
    BODY_FIELD(struct resident_body, name, BODY_STRING, required, 1024),                           \
        BODY_FIELD(struct resident_body, sex, BODY_STRING, false, 16),                             \
        BODY_FIELD(struct resident_body, birth_date, BODY_STRING, false, 32),                      \
        BODY_FIELD(struct resident_body, id_number, BODY_STRING, false, 32),                       \
        BODY_FIELD(struct resident_body, phone, BODY_STRING, false, 32),                           \
        BODY_FIELD(struct resident_body, note, BODY_STRING, false, 4096),                          \
        BODY_FIELD(struct resident_body, party_org_id, BODY_INT, false, 0)

static const struct body_field create_fields[] = {
    RESIDENT_FIELDS(true),
    BODY_FIELD(struct resident_body, dwelling_id, BODY_INT, true, 0),
    BODY_FIELD(struct resident_body, relation, BODY_STRING, true, 16),
    BODY_FIELD(struct resident_body, moved_in, BODY_STRING, false, 32),
};

static const struct body_field patch_fields[] = {RESIDENT_FIELDS(false)};

/* 409 when someone the caller may change already carries this ID number
 * (other than resident self). A number registered beyond the caller's reach
 * is not looked at, so the answer never tells that it exists elsewhere. */
static int id_number_taken(struct request *req, const struct resident *r, int64_t self)
{
    if (!r->id_number)
        return HW_OK;
    int64_t first = 0, count = 0;
    int rc = resident_lock_id_numbers(req->db, r->district_id);
    if (rc == HW_OK)
        rc = resident_find_for_write(req->db, req->who, r->district_id, r->id_number, &first,
                                     &count);
    if (rc != HW_OK || count == 0 || (count == 1 && first == self))
        return rc;
    problem_field_msg(req, "id_number", FIELD_INVALID, "您管辖范围内已有居民登记了这个身份证号",
                      "a resident within your scope already has this ID number");
    return problem_send(req, PROBLEM_CONFLICT, NULL) == HW_OK ? HW_ECONFLICT : HW_ENOMEM;
}

struct resident_create {
    struct resident r;
    struct resident_body b;
};

static int apply_create(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    const struct resident_create *c = ctx;
    const char *bad = NULL;
    *district = c->r.district_id;
    int rc = id_number_taken(req, &c->r, 0);
    if (rc != HW_OK)
        return rc;
    rc = resident_insert(req->db, &c->r, id, &bad);
    if (rc == HW_EINVAL)
        return resident_invalid(req, &c->r, bad);
    int64_t occupancy;
    bool created;
    if (rc == HW_OK)
        rc = occupancy_add(req->db, *id, c->b.dwelling_id.v, c->b.relation, c->b.moved_in,
                           &occupancy, &created);
    return rc;
}

/* POST /api/v1/residents */
int resident_http_create(struct request *req)
{
    struct resident_body b = {0};
    int rc = BODY_PARSE(req, create_fields, &b);
    if (rc != HW_OK)
        return rc;
    int64_t district = 0;
    if ((rc = dwelling_usable(req, b.dwelling_id.v, &district)) != HW_OK)
        return rc;
    struct resident r = {.district_id = district,
                         .name = b.name,
                         .sex = or_null(b.sex),
                         .birth_date = or_null(b.birth_date),
                         .id_number = or_null(b.id_number),
                         .phone = or_null(b.phone),
                         .party_org_id = b.party_org_id.v,
                         .note = or_null(b.note)};
    char id_buf[19], birth[11], today[CLOCK_DATE_SIZE];
    struct resident_fault fault;
    if ((rc = resident_tidy(req->arena, &r)) != HW_OK)
        return rc;
    if (!resident_check(&r, &fault))
        return fault_invalid(req, &fault);
    resident_derive_from_id(&r, id_buf, birth);
    if (!occupancy_relation_valid(b.relation))
        return write_field_invalid(req, "relation");
    b.moved_in = or_null(b.moved_in);
    clock_today(today);
    if (b.moved_in && !occupancy_moved_in_check(b.moved_in, r.birth_date, today, &fault))
        return fault_invalid(req, &fault);

    struct resident_create c = {.r = r, .b = b};
    static const struct audited_write w = {
        .action = "create",
        .entity = "resident",
        .location = "/api/v1/residents/",
        .apply = apply_create,
        .render = resident_http_render,
        .audit_render = render_resident_audit,
    };
    return audited_write_run(req, &w, &c, 0);
}

/* A PATCH field: absent keeps the value, "" clears it. */
static const char *patched(const char *given, const char *stored)
{
    return given ? or_null(given) : stored;
}

static int apply_patch(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    const struct resident *after = ctx;
    const char *bad = NULL;
    *district = after->district_id;
    int rc = id_number_taken(req, after, *id);
    if (rc != HW_OK)
        return rc;
    rc = resident_update(req->db, *id, after, &bad);
    return rc == HW_EINVAL ? resident_invalid(req, after, bad) : rc;
}

/* PATCH /api/v1/residents/{id} */
int resident_http_patch(struct request *req)
{
    int64_t id = req->params[0], district;
    int rc = resident_visible(req->db, req->who, id, REACH_FOR_WRITE, &district);
    if (rc != HW_OK)
        return rc;
    struct resident_body b = {0};
    if ((rc = BODY_PARSE(req, patch_fields, &b)) != HW_OK)
        return rc;
    struct resident before, after;
    if ((rc = resident_load(req->db, req->arena, id, &before)) != HW_OK)
        return rc;
    after = before;
    after.name = b.name ? b.name : before.name;
    after.sex = patched(b.sex, before.sex);
    after.birth_date = patched(b.birth_date, before.birth_date);
    after.id_number = patched(b.id_number, before.id_number);
    after.phone = patched(b.phone, before.phone);
    after.note = patched(b.note, before.note);
    if (b.party_org_id.set)
        after.party_org_id = b.party_org_id.v;
    /* A birth date or sex left as it was must not block changing the ID
     * number: without a new one, each follows the number. */
    if (b.id_number && !b.birth_date && after.id_number)
        after.birth_date = NULL;
    if (b.id_number && !b.sex && after.id_number)
        after.sex = NULL;
    struct resident_fault fault;
    if ((rc = resident_tidy(req->arena, &after)) != HW_OK)
        return rc;
    if (!resident_check(&after, &fault))
        return fault_invalid(req, &fault);
    char id_buf[19], birth[11];
    resident_derive_from_id(&after, id_buf, birth);

    static const struct audited_write w = {
        .action = "update",
        .entity = "resident",
        .apply = apply_patch,
        .render = resident_http_render,
        .audit_render = render_resident_audit,
    };
    return audited_write_run(req, &w, &after, id);
}

/* {"id","resident_id","dwelling_id","label","relation","moved_in","moved_out"} */
static int occupancy_json(struct db *db, int64_t id, json_t **out)
{
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT o.id, o.resident_id, o.dwelling_id, o.relation, o.moved_in,"
                      " o.moved_out, c.name, b.name, e.name, d.name FROM occupancies o"
                      " JOIN places d ON d.id = o.dwelling_id"
                      " LEFT JOIN places c ON c.id = d.compound_id"
                      " LEFT JOIN places b ON b.id = d.building_id"
                      " LEFT JOIN places e ON e.id = d.entrance_id WHERE o.id = $1",
                      "i", id);
    if (rc != HW_OK)
        return rc;
    rc = db_step(st);
    if (rc == DB_ROW) {
        char label[512] = "";
        size_t used = 0;
        for (int col = 6; col <= 9; col++) {
            const char *name = db_col_text(st, col);
            if (name && used < sizeof label) {
                int n = snprintf(label + used, sizeof label - used, "%s%s", used ? " " : "", name);
                used += n > 0 ? (size_t)n : 0;
            }
        }
        *out =
            json_pack("{s:I, s:I, s:I, s:s, s:s, s:s?, s:s?}", "id", (json_int_t)db_col_int(st, 0),
                      "resident_id", (json_int_t)db_col_int(st, 1), "dwelling_id",
                      (json_int_t)db_col_int(st, 2), "label", label, "relation", db_col_text(st, 3),
                      "moved_in", db_col_text(st, 4), "moved_out", db_col_text(st, 5));
        rc = *out ? HW_OK : HW_ENOMEM;
    } else if (rc == DB_DONE) {
        rc = HW_ENOTFOUND;
    }
    db_reset(st);
    return rc;
}

static int render_occupancy(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return occupancy_json(req->db, id, out);
}

struct occupancy_body {
    struct opt_int dwelling_id;
    const char *relation, *moved_in, *moved_out;
};

static const struct body_field occupancy_fields[] = {
    BODY_FIELD(struct occupancy_body, dwelling_id, BODY_INT, true, 0),
    BODY_FIELD(struct occupancy_body, relation, BODY_STRING, true, 16),
    BODY_FIELD(struct occupancy_body, moved_in, BODY_STRING, false, 32),
};

struct occupancy_add {
    int64_t resident, district;
    struct occupancy_body b;
    bool created;
};

static int apply_occupancy(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    struct occupancy_add *o = ctx;
    *district = o->district;
    return occupancy_add(req->db, o->resident, o->b.dwelling_id.v, o->b.relation, o->b.moved_in,
                         id, &o->created);
}

/* An identical open link is kept: the answer is that one, unchanged. */
static bool occupancy_kept(const void *ctx)
{
    return !((const struct occupancy_add *)ctx)->created;
}

/* POST /api/v1/residents/{id}/occupancies: moving in (again, or elsewhere). */
int resident_http_add_occupancy(struct request *req)
{
    int64_t id = req->params[0], district, dwelling_district;
    int rc = resident_visible(req->db, req->who, id, REACH_FOR_WRITE, &district);
    if (rc != HW_OK)
        return rc;
    struct occupancy_body b = {0};
    if ((rc = BODY_PARSE(req, occupancy_fields, &b)) != HW_OK)
        return rc;
    if ((rc = dwelling_usable(req, b.dwelling_id.v, &dwelling_district)) != HW_OK)
        return rc;
    if (dwelling_district != district)
        return write_field_invalid(req, "dwelling_id");
    if (!occupancy_relation_valid(b.relation))
        return write_field_invalid(req, "relation");
    b.moved_in = or_null(b.moved_in);
    if (b.moved_in) {
        struct resident who;
        struct resident_fault fault;
        char today[CLOCK_DATE_SIZE];
        clock_today(today);
        if ((rc = resident_load(req->db, req->arena, id, &who)) != HW_OK)
            return rc;
        if (!occupancy_moved_in_check(b.moved_in, who.birth_date, today, &fault))
            return fault_invalid(req, &fault);
    }

    struct occupancy_add o = {.resident = id, .district = district, .b = b};
    static const struct audited_write w = {
        .action = "create",
        .entity = "occupancy",
        .apply = apply_occupancy,
        .render = render_occupancy,
        .unchanged = occupancy_kept,
    };
    return audited_write_run(req, &w, &o, 0);
}

static const struct body_field move_out_fields[] = {
    BODY_FIELD(struct occupancy_body, moved_out, BODY_STRING, true, 32),
};

struct move_out {
    int64_t district;
    struct occupancy_body b;
};

static int apply_move_out(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    const struct move_out *m = ctx;
    *district = m->district;
    int rc = occupancy_end(req->db, *id, m->b.moved_out);
    if (rc == HW_EINVAL)
        rc = write_field_invalid(req, "moved_out");
    else if (rc == HW_ECONFLICT)
        rc = problem_send(req, PROBLEM_CONFLICT, "already moved out") == HW_OK ? HW_ECONFLICT
                                                                               : HW_ENOMEM;
    return rc;
}

/* POST /api/v1/occupancies/{id}/move-out: the row stays as history. */
int resident_http_move_out(struct request *req)
{
    int64_t id = req->params[0];
    struct move_out m = {0};
    /* The router has checked the occupancy's dwelling lies in the caller's scope. */
    int rc = db_scalar_int(req->db, &m.district, "SELECT district_id FROM occupancies WHERE id = $1",
                           "i", id);
    if (rc == HW_OK)
        rc = BODY_PARSE(req, move_out_fields, &m.b);
    if (rc != HW_OK)
        return rc;
    static const struct audited_write w = {
        .action = "update",
        .entity = "occupancy",
        .apply = apply_move_out,
        .render = render_occupancy,
    };
    return audited_write_run(req, &w, &m, id);
}
