/* What anyone may do without signing in: file a complaint (throttled per
 * address, as failed sign-ins are: auth/throttle.h), follow it by its
 * tracking code, and read the published red-black lists with their
 * figures. Nothing here names a complainant, an inspector's note or
 * another complaint. */
#include <stdio.h>
#include <string.h>

#include "auth/throttle.h"
#include "base/err.h"
#include "http/body.h"
#include "http/problem.h"
#include "http/response.h"
#include "kit/record_routes.h"
#include "oversight/complaint.h"
#include "oversight/oversight_http.h"
#include "oversight/quarter.h"
#include "oversight/rating.h"
#include "oversight/tracking.h"
#include "store/db_json.h"

/* Filings per address per throttle window (15 minutes): a household files
 * a few; a flood is stopped. Status lookups are counted the same way and a
 * found code takes its lookup back, so only wrong codes use the allowance. */
enum { FILINGS_PER_ADDRESS = 10, LOOKUPS_PER_ADDRESS = 20 };

/* Counts one attempt on key in a write transaction of its own, committed
 * whatever the verdict. HW_OK to go on; HW_ELIMIT answered 429. */
static int count(struct request *req, const char *kind, int max)
{
    char key[96];
    snprintf(key, sizeof key, "%s:%s", kind, req->client_ip ? req->client_ip : "-");
    int64_t retry_after = 0;
    int rc = db_begin(req->db, DB_TXN_WRITE);
    if (rc != HW_OK)
        return rc;
    int verdict = throttle_attempt(req->db, key, max, &retry_after);
    rc = verdict == HW_OK || verdict == HW_ELIMIT ? db_commit(req->db) : verdict;
    if (rc != HW_OK) {
        db_rollback(req->db);
        return rc;
    }
    if (verdict == HW_ELIMIT) {
        char secs[24];
        snprintf(secs, sizeof secs, "%lld", (long long)retry_after);
        respond_header(req, "Retry-After", secs);
        problem_send(req, PROBLEM_TOO_MANY_ATTEMPTS, NULL);
    }
    return verdict;
}

static int forgive(struct request *req, const char *kind)
{
    char key[96];
    snprintf(key, sizeof key, "%s:%s", kind, req->client_ip ? req->client_ip : "-");
    int rc = db_begin(req->db, DB_TXN_WRITE);
    if (rc == HW_OK && (rc = throttle_forgive(req->db, key)) == HW_OK)
        rc = db_commit(req->db);
    if (rc != HW_OK && db_in_txn(req->db))
        db_rollback(req->db);
    return rc;
}

/* GET /api/v1/public/oversight/places: the sub-districts, their
 * communities and compounds and property companies, for the complaint
 * form and the lists' page: names only. */
int oversight_http_public_places(struct request *req)
{
    struct db_stmt *st;
    int rc = db_query(req->db, &st,
                      "SELECT d.id, d.name, 'place', p.id, p.kind, p.name, p.community_id"
                      " FROM places d JOIN places p ON p.district_id = d.id"
                      " AND p.kind IN ('community', 'compound') WHERE d.kind = 'subdistrict'"
                      " UNION ALL SELECT d.id, d.name, 'company', o.id, o.kind, o.name, 0"
                      " FROM places d JOIN organizations o ON o.district_id = d.id"
                      " AND o.kind = 'property_company' WHERE d.kind = 'subdistrict'"
                      " ORDER BY 1, 3, 4 LIMIT 5000",
                      "");
    if (rc != HW_OK)
        return rc;
    json_t *districts = json_array();
    json_t *current = NULL;
    int64_t current_id = 0;
    while (districts && (rc = db_step(st)) == DB_ROW) {
        if (!current || db_col_int(st, 0) != current_id) {
            current_id = db_col_int(st, 0);
            current = json_pack("{s:I, s:o, s:[], s:[]}", "id", (json_int_t)current_id, "name",
                                db_json_text(st, 1), "places", "companies");
            if (!current || json_array_append_new(districts, current) != 0) {
                rc = HW_ENOMEM;
                break;
            }
        }
        bool company = strcmp(db_col_text(st, 2), "company") == 0;
        json_t *item = company ? json_pack("{s:I, s:o}", "id", (json_int_t)db_col_int(st, 3),
                                           "name", db_json_text(st, 5))
                               : json_pack("{s:I, s:o, s:o, s:I}", "id",
                                           (json_int_t)db_col_int(st, 3), "kind",
                                           db_json_text(st, 4), "name", db_json_text(st, 5),
                                           "community_id", (json_int_t)db_col_int(st, 6));
        if (json_array_append_new(json_object_get(current, company ? "companies" : "places"),
                                  item) != 0) {
            rc = HW_ENOMEM;
            break;
        }
    }
    db_reset(st);
    if (!districts || rc < 0) {
        json_decref(districts);
        return rc < 0 ? rc : HW_ENOMEM;
    }
    return respond_json(req, 200, json_pack("{s:o}", "districts", districts));
}

struct public_body {
    const char *subject_kind, *subject_text, *matter, *name, *phone;
    struct opt_int place_id, subject_org_id;
};
static const struct body_field public_fields[] = {
    BODY_FIELD(struct public_body, place_id, BODY_INT, true, 0),
    BODY_FIELD(struct public_body, subject_kind, BODY_STRING, true, 32),
    BODY_FIELD(struct public_body, subject_org_id, BODY_INT, false, 0),
    BODY_FIELD(struct public_body, subject_text, BODY_STRING, false, OVERSIGHT_SUBJECT_TEXT_MAX),
    BODY_FIELD(struct public_body, matter, BODY_STRING, true, OVERSIGHT_MATTER_MAX),
    BODY_FIELD(struct public_body, name, BODY_STRING, false, OVERSIGHT_NAME_MAX),
    BODY_FIELD(struct public_body, phone, BODY_STRING, false, 32),
};

/* POST /api/v1/public/complaints: anonymous, or with a name and phone. */
int oversight_http_public_file(struct request *req)
{
    struct public_body b = {0};
    int rc = BODY_PARSE(req, public_fields, &b);
    if (rc != HW_OK)
        return rc;
    struct oversight_filing f = {.subject_org_id = b.subject_org_id.v,
                                 .subject_text = oversight_trimmed(req, b.subject_text),
                                 .matter = oversight_trimmed(req, b.matter),
                                 .name = oversight_trimmed(req, b.name),
                                 .phone = oversight_trimmed(req, b.phone)};
    if (oversight_subject_parse(b.subject_kind, &f.subject) != HW_OK)
        return write_field_invalid(req, "subject_kind");
    const char *bad = oversight_filing_check(&f);
    if (bad)
        return write_field_invalid(req, bad);
    if ((rc = count(req, "complaint", FILINGS_PER_ADDRESS)) != HW_OK)
        return rc;
    return oversight_http_file(req, b.place_id.v, &f, 0);
}

struct status_body {
    const char *code;
};
static const struct body_field status_fields[] = {
    BODY_FIELD(struct status_body, code, BODY_STRING, true, 64),
};

/* POST /api/v1/public/complaints/status: the code in the body, so it is
 * never in an access log or a browser's history. A wrong code is 404, as
 * a code nobody was given. */
int oversight_http_public_status(struct request *req)
{
    struct status_body b = {0};
    int rc = BODY_PARSE(req, status_fields, &b);
    if (rc != HW_OK)
        return rc;
    char hash[OVERSIGHT_CODE_HASH_SIZE];
    if (oversight_code_hash(b.code, hash) != HW_OK)
        return write_field_invalid(req, "code");
    if ((rc = count(req, "complaint-status", LOOKUPS_PER_ADDRESS)) != HW_OK)
        return rc;
    int64_t id;
    json_t *o = NULL;
    rc = oversight_complaint_by_code(req->db, hash, &id);
    if (rc == HW_OK)
        rc = oversight_complaint_public_json(req->db, id, &o);
    if (rc == HW_OK)
        rc = forgive(req, "complaint-status");
    if (rc != HW_OK) {
        json_decref(o);
        return rc;
    }
    json_object_del(o, "id");
    return respond_json(req, 200, o);
}

static int public_district(struct request *req, int64_t *district)
{
    *district = 0;
    int rc = req_query_id(req, "district_id", district);
    if (rc != HW_OK)
        return rc;
    int64_t n = 0;
    if (*district)
        rc = db_scalar_int(req->db, &n,
                           "SELECT count(*) FROM places WHERE id = $1 AND kind = 'subdistrict'",
                           "i", *district);
    if (rc != HW_OK)
        return rc;
    return n ? HW_OK : write_field_invalid(req, "district_id");
}

/* GET /api/v1/public/red-black-lists?district_id=: the published quarters,
 * newest first. */
int oversight_http_public_lists(struct request *req)
{
    int64_t district;
    int rc = public_district(req, &district);
    if (rc != HW_OK)
        return rc;
    struct db_stmt *st;
    rc = db_query(req->db, &st,
                  "SELECT quarter, published_at FROM rating_publications WHERE district_id = $1"
                  " ORDER BY quarter DESC LIMIT 200",
                  "i", district);
    if (rc != HW_OK)
        return rc;
    json_t *items = json_array();
    while (items && (rc = db_step(st)) == DB_ROW) {
        json_t *one = json_pack("{s:o, s:o}", "quarter", db_json_text(st, 0), "published_at",
                                db_json_time(st, 1));
        if (json_array_append_new(items, one) != 0)
            rc = HW_ENOMEM;
        if (rc == HW_ENOMEM)
            break;
    }
    db_reset(st);
    if (!items || rc < 0) {
        json_decref(items);
        return rc < 0 ? rc : HW_ENOMEM;
    }
    return respond_json(req, 200, json_pack("{s:o}", "items", items));
}

/* GET /api/v1/public/red-black-list?district_id=&quarter=: one published
 * quarter's frozen figures. */
int oversight_http_public_list(struct request *req)
{
    int64_t district;
    int rc = public_district(req, &district);
    if (rc != HW_OK)
        return rc;
    const char *quarter = req_query(req, "quarter");
    int32_t first, last;
    if (oversight_quarter_parse(quarter, &first, &last) != HW_OK)
        return write_field_invalid(req, "quarter");
    json_t *o;
    rc = oversight_published_json(req->db, district, quarter, &o);
    return rc == HW_OK ? respond_json(req, 200, o) : rc;
}
