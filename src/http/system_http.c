#include "http/system_http.h"

#include "base/clock.h"
#include "base/err.h"
#include "base/log.h"
#include "http/body.h"
#include "http/problem.h"
#include "http/response.h"

/* GET /healthz: the process answers. */
int system_http_healthz(struct request *req)
{
    return respond_json(req, 200, json_pack("{s:s}", "status", "ok"));
}

/* GET /readyz: the database answers too. */
int system_http_readyz(struct request *req)
{
    int64_t one = 0;
    if (db_scalar_int(req->db, &one, "SELECT 1", "") != HW_OK || one != 1)
        return problem_send(req, PROBLEM_UNAVAILABLE, "database unreachable");
    if (db_kind(req->db) != DB_SQLITE)
        return respond_json(req, 200, json_pack("{s:s}", "status", "ready"));
    /* Read back from the connection, not the setting: what SQLite does. */
    int64_t level = 0;
    if (db_scalar_int(req->db, &level, "PRAGMA synchronous", "") != HW_OK)
        return problem_send(req, PROBLEM_UNAVAILABLE, "database unreachable");
    const char *sync = level >= 2 ? "full" : level == 1 ? "normal" : "off";
    return respond_json(req, 200, json_pack("{s:s, s:s}", "status", "ready", "sqlite_synchronous",
                                            sync));
}

struct clock_body {
    struct opt_int advance_seconds;
};

static const struct body_field clock_fields[] = {
    BODY_FIELD(struct clock_body, advance_seconds, BODY_INT, true, 0),
};

/* POST /api/v1/test/clock: exists only under `serve --test-clock`. */
int system_http_test_clock(struct request *req)
{
    if (!clock_is_test_mode())
        return HW_ENOTFOUND;
    struct clock_body b = {0};
    int rc = BODY_PARSE(req, clock_fields, &b);
    if (rc != HW_OK)
        return rc;
    if (b.advance_seconds.v < 0 || b.advance_seconds.v > 366LL * 24 * 3600) {
        problem_field(req, "advance_seconds", FIELD_INVALID);
        return HW_EINVAL;
    }
    clock_advance(b.advance_seconds.v);
    log_warn("test clock moved forward %lld s by user %lld", (long long)b.advance_seconds.v,
             (long long)req->user_id);
    return respond_json(req, 200, json_pack("{s:I}", "now", (json_int_t)clock_now()));
}
