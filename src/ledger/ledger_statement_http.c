/* A compound's statement for a month or a year: as JSON, or as a workbook
 * written to a temporary file, its export audited, and only then sent. */
#include <stdio.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/err.h"
#include "http/problem.h"
#include "http/response.h"
#include "kit/principal.h"
#include "kit/record_routes.h"
#include "kit/stored_file.h"
#include "kit/write.h"
#include "ledger/entry.h"
#include "ledger/ledger_http.h"
#include "ledger/statement.h"

/* ?period=YYYY-MM or YYYY; this month when absent. */
static int read_period(struct request *req, struct ledger_period *p)
{
    const char *text = req_query(req, "period");
    char month[8];
    if (!text) {
        char today[LEDGER_DATE_SIZE];
        ledger_date_of(clock_now(), today);
        snprintf(month, sizeof month, "%.7s", today);
        text = month;
    }
    return ledger_period_parse(text, p) == HW_OK ? HW_OK : write_field_invalid(req, "period");
}

static int too_many(struct request *req)
{
    problem_field_msg(req, "period", FIELD_INVALID, "该期间的收支条目过多，请按月查看",
                      "too many entries in the period: read it month by month");
    return HW_EINVAL;
}

int ledger_http_statement(struct request *req)
{
    struct ledger_period p;
    int rc = read_period(req, &p);
    if (rc != HW_OK)
        return rc;
    json_t *o;
    rc = ledger_statement_json(req->db, req->params[0], &p, &o);
    if (rc == HW_ELIMIT)
        return too_many(req);
    return rc == HW_OK ? respond_json(req, 200, o) : rc;
}

static int audit_export(struct request *req, int64_t compound, const struct ledger_period *p,
                        int64_t rows)
{
    int64_t district = 0;
    int rc = db_scalar_int(req->db, &district, "SELECT district_id FROM places WHERE id = $1", "i",
                           compound);
    if (rc != HW_OK)
        return rc;
    json_t *what = json_pack("{s:s, s:s, s:I}", "format", "xlsx", "period", p->name, "rows",
                             (json_int_t)rows);
    if (!what)
        return HW_ENOMEM;
    struct actor a = {.kind = ACTOR_USER, .user_id = req->who->user_id, .ip = req->client_ip};
    struct write_event e = {.action = "export", .entity = "ledger_statement",
                            .entity_id = compound, .district_id = district, .after = what};
    rc = db_begin(req->db, DB_TXN_WRITE);
    if (rc == HW_OK && (rc = write_event(req->db, &a, &e)) == HW_OK)
        rc = db_commit(req->db);
    if (rc != HW_OK && db_in_txn(req->db))
        db_rollback(req->db);
    json_decref(what);
    return rc;
}

static int send_file(struct request *req, const char *path, int64_t compound,
                     const struct ledger_period *p)
{
    char filename[96];
    snprintf(filename, sizeof filename, "public-revenue-%lld-%s.xlsx", (long long)compound,
             p->name);
    return stored_file_send_temp(
        req, path, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", filename);
}

int ledger_http_statement_xlsx(struct request *req)
{
    struct ledger_period p;
    int rc = read_period(req, &p);
    if (rc != HW_OK)
        return rc;
    char path[4096];
    if ((rc = stored_file_temp("ledger", path, sizeof path)) != HW_OK)
        return rc;
    int64_t compound = req->params[0], rows = 0;
    rc = ledger_statement_sheet(req->db, compound, &p, TABLE_XLSX, req->lang == LANG_EN, path, &rows);
    if (rc == HW_OK)
        rc = audit_export(req, compound, &p, rows);
    if (rc != HW_OK) {
        unlink(path);
        return rc == HW_ELIMIT ? too_many(req) : rc;
    }
    return send_file(req, path, compound, &p);
}
