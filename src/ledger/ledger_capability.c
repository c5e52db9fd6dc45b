/* The public-revenue ledger: its routes, record kinds, chain, field words
 * and demo. */
#include "ledger/ledger_capability.h"

#include "ledger/ledger_chain.h"
#include "ledger/ledger_http.h"
#include "meetings/reach.h"

extern const struct migration ledger_migrations[];

static const struct field_message messages[] = {
    {"compound_id", "须为您管辖的小区", "a compound within your scope"},
    {"date", "须为不晚于今天的日期 YYYY-MM-DD", "a date YYYY-MM-DD, not after today"},
    {"category", "须为 parking、advertising、rent、other_income、repair 或 other_spending",
     "parking, advertising, rent, other_income, repair or other_spending"},
    {"amount_fen", "须为 1 至 10000000000 的整数（单位：分）",
     "a whole number of fen from 1 to 10000000000"},
    {"description", "须填写摘要（1–500 字）", "a description of 1-500 characters"},
    {"authorisation",
     "支出须注明授权依据：已通过的业主表决（vote_id）或议事会决定（decision_id）",
     "spending must cite what authorised it: a passed owners' vote (vote_id) or a meeting "
     "decision (decision_id)"},
    {"vote_id", "须为本小区（或其楼栋）已终结并通过的业主表决，收入无须授权",
     "a final, passed owners' vote of this compound or a building of it; income cites none"},
    {"decision_id", "须为本小区（或其楼栋）已召开议事会的决定，且不与表决同时填写；收入无须授权",
     "a decision of a held meeting about this compound or a building of it, not with a vote; "
     "income cites none"},
    {"reason", "须填写冲正原因（1–500 字）", "the reason for the reversal, 1-500 characters"},
    {"id", "该条目已冲正，或本身就是冲正条目", "already reversed, or itself a reversal"},
    {"period", "须为月份 YYYY-MM 或年份 YYYY", "a month YYYY-MM or a year YYYY"},
    {"flagged", "须为 1 或 0", "1 or 0"},
    {"unauthorised", "须为 refuse 或 flag", "refuse or flag"},
    {"district_id", "须为您所属的街道（仅街道和管理员可设置）",
     "your own sub-district (set by the sub-district and admins only)"},
};

#define ENTRY_PLACE "SELECT compound_id FROM ledger_entries WHERE id = $1"
#define COMPOUND_PLACE "SELECT id FROM places WHERE id = $1 AND kind = 'compound'"

/* Owners and everyone bound inside the compound read its ledger (upward);
 * entries are made and reversed by those whose scope holds it. */
static int entry_reach(struct db *db, const struct principal *who, int64_t id, bool write)
{
    return reach_record(db, who, ENTRY_PLACE, id, write);
}

static int compound_reach(struct db *db, const struct principal *who, int64_t id, bool write)
{
    return reach_record(db, who, COMPOUND_PLACE, id, write);
}

static const struct scope_record records[] = {
    {.kind = "ledger_entry", .table = "ledger_entries", .places_sql = ENTRY_PLACE,
     .visible = entry_reach},
    {.kind = "ledger_compound", .table = "places", .places_sql = COMPOUND_PLACE,
     .visible = compound_reach},
};

#define R(...) CAPABILITY_ROUTE(messages, __VA_ARGS__)
#define ON(...) CAPABILITY_ROUTE_ON(messages, __VA_ARGS__)
static const struct route routes[] = {
    R("GET", "/api/v1/ledger/compounds", ledger_http_compounds, PERM_LEDGER_READ),
    ON("ledger_compound", "GET", "/api/v1/ledger/compounds/{id}/statement", ledger_http_statement,
       PERM_LEDGER_READ),
    ON("ledger_compound", "GET", "/api/v1/ledger/compounds/{id}/statement.xlsx",
       ledger_http_statement_xlsx, PERM_LEDGER_READ),
    R("GET", "/api/v1/ledger/entries", ledger_http_entries, PERM_LEDGER_READ),
    R("POST", "/api/v1/ledger/entries", ledger_http_create_entry, PERM_LEDGER_WRITE),
    ON("ledger_entry", "GET", "/api/v1/ledger/entries/{id}", ledger_http_entry, PERM_LEDGER_READ),
    ON("ledger_entry", "POST", "/api/v1/ledger/entries/{id}/reverse", ledger_http_reverse,
       PERM_LEDGER_WRITE),
    R("GET", "/api/v1/ledger/settings", ledger_http_settings, PERM_LEDGER_READ),
    R("PUT", "/api/v1/ledger/settings", ledger_http_put_settings, PERM_LEDGER_WRITE),
};

static const struct chain_def *const chains[] = {&ledger_chain};

const struct capability ledger_capability = {
    .name = "ledger",
    .routes = routes,
    .nroutes = CAPABILITY_COUNT_OF(routes),
    .migrations = ledger_migrations,
    .records = records,
    .nrecords = CAPABILITY_COUNT_OF(records),
    .messages = messages,
    .nmessages = CAPABILITY_COUNT_OF(messages),
    .chains = chains,
    .nchains = CAPABILITY_COUNT_OF(chains),
    .demo = ledger_demo,
};
