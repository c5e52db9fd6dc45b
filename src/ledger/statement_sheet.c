/* A statement as a spreadsheet: the figures, then every entry of the period
 * with its authorisation, written from the statement's JSON so the file and
 * the page show the same. Amounts in yuan with two decimals. */
#include <stdio.h>
#include <string.h>

#include "base/err.h"
#include "ledger/statement.h"

struct words {
    const char *zh, *en;
};

static const struct words category_words[LEDGER_CATEGORY_COUNT] = {
    [LEDGER_PARKING] = {"停车收入", "parking"},
    [LEDGER_ADVERTISING] = {"广告收入", "advertising"},
    [LEDGER_RENT] = {"租金收入", "rent"},
    [LEDGER_OTHER_INCOME] = {"其他收入", "other income"},
    [LEDGER_REPAIR] = {"维修支出", "repair"},
    [LEDGER_OTHER_SPENDING] = {"其他支出", "other spending"},
};

static const char *say(const struct words *w, bool english) { return english ? w->en : w->zh; }

static const char *category_word(const char *name, bool english)
{
    enum ledger_category c;
    return ledger_category_parse(name, &c) == HW_OK ? say(&category_words[c], english) : name;
}

static int64_t member_int(json_t *o, const char *name)
{
    return json_integer_value(json_object_get(o, name));
}

static const char *member_text(json_t *o, const char *name)
{
    return json_string_value(json_object_get(o, name));
}

/* A label and an amount: one row of the figures. */
static int figure(struct table *t, const char *label, int64_t fen)
{
    char yuan[LEDGER_YUAN_SIZE];
    ledger_yuan_format(fen, yuan);
    table_header(t, label);
    table_text(t, yuan);
    return table_end_row(t);
}

/* "业主表决 #12 1幢加装电梯（通过）" or "议事决定 #3 ...": what authorised an entry. */
static void authorisation_text(json_t *auth, bool english, char *out, size_t size)
{
    const char *kind = member_text(auth, "kind");
    out[0] = '\0';
    if (kind && strcmp(kind, "vote") == 0) {
        json_t *v = json_object_get(auth, "vote");
        snprintf(out, size, english ? "owners' vote #%lld %s (%s)" : "业主表决 #%lld %s（%s）",
                 (long long)member_int(v, "id"), member_text(v, "title") ? member_text(v, "title") : "",
                 member_text(v, "outcome") ? member_text(v, "outcome") : "");
    } else if (kind && strcmp(kind, "decision") == 0) {
        json_t *d = json_object_get(auth, "decision");
        json_t *m = json_object_get(d, "meeting");
        snprintf(out, size, english ? "decision #%lld of \"%s\": %s" : "议事决定 #%lld（%s）：%s",
                 (long long)member_int(d, "id"), member_text(m, "topic") ? member_text(m, "topic") : "",
                 member_text(d, "text") ? member_text(d, "text") : "");
    }
}

static int entry_row(struct table *t, json_t *e, bool english)
{
    char yuan[LEDGER_YUAN_SIZE], auth[2400], note[64] = "";
    ledger_yuan_format(member_int(e, "amount_fen"), yuan);
    authorisation_text(json_object_get(e, "authorisation"), english, auth, sizeof auth);
    if (json_is_true(json_object_get(e, "flagged")))
        snprintf(note, sizeof note, "%s", english ? "no authorisation (flagged)" : "无授权（已标记）");
    else if (member_int(e, "reverses_id"))
        snprintf(note, sizeof note, english ? "reverses #%lld" : "冲正 #%lld",
                 (long long)member_int(e, "reverses_id"));
    table_int(t, member_int(e, "id"));
    table_text(t, member_text(e, "date"));
    table_text(t, category_word(member_text(e, "category"), english));
    table_text(t, yuan);
    table_text(t, member_text(e, "description"));
    table_text(t, auth[0] ? auth : NULL);
    table_text(t, note[0] ? note : NULL);
    return table_end_row(t);
}

static int write_sheet(struct table *t, json_t *s, bool english, int64_t *rows)
{
    json_t *compound = json_object_get(s, "compound"), *period = json_object_get(s, "period");
    char title[512];
    snprintf(title, sizeof title, english ? "Public revenue of %s, %s to %s" : "%s 公共收益收支表（%s 至 %s）",
             member_text(compound, "name"), member_text(period, "from"), member_text(period, "to"));
    table_header(t, title);
    int rc = table_end_row(t);
    (*rows)++;
    if (rc == HW_OK && (rc = figure(t, english ? "opening balance" : "期初余额",
                                    member_int(s, "opening_fen"))) == HW_OK)
        (*rows)++;
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(s, "categories"), i, c) {
        if (rc == HW_OK && (rc = figure(t, category_word(member_text(c, "category"), english),
                                        member_int(c, "amount_fen"))) == HW_OK)
            (*rows)++;
    }
    if (rc == HW_OK && (rc = figure(t, english ? "income" : "收入合计", member_int(s, "income_fen"))) == HW_OK)
        (*rows)++;
    if (rc == HW_OK &&
        (rc = figure(t, english ? "spending" : "支出合计", member_int(s, "spending_fen"))) == HW_OK)
        (*rows)++;
    if (rc == HW_OK &&
        (rc = figure(t, english ? "closing balance" : "期末余额", member_int(s, "closing_fen"))) == HW_OK)
        (*rows)++;
    if (rc == HW_OK && (rc = table_end_row(t)) == HW_OK)
        (*rows)++;
    static const struct words head[] = {
        {"编号", "id"},         {"日期", "date"},        {"类别", "category"},
        {"金额（元）", "amount (yuan)"}, {"摘要", "description"}, {"授权依据", "authorisation"},
        {"备注", "note"},
    };
    for (size_t k = 0; rc == HW_OK && k < sizeof head / sizeof head[0]; k++)
        table_header(t, say(&head[k], english));
    if (rc == HW_OK && (rc = table_end_row(t)) == HW_OK)
        (*rows)++;
    json_t *e;
    json_array_foreach(json_object_get(s, "entries"), i, e) {
        if (rc == HW_OK && (rc = entry_row(t, e, english)) == HW_OK)
            (*rows)++;
    }
    return rc;
}

int ledger_statement_sheet(struct db *db, int64_t compound_id, const struct ledger_period *p,
                           enum table_format format, bool english, const char *path, int64_t *rows)
{
    *rows = 0;
    json_t *s;
    int rc = ledger_statement_json(db, compound_id, p, &s);
    if (rc != HW_OK)
        return rc;
    struct table *t;
    rc = table_open(format, path, english ? "statement" : "收支表", &t);
    if (rc == HW_OK) {
        rc = write_sheet(t, s, english, rows);
        int closed = table_close(t);
        rc = rc == HW_OK ? closed : rc;
    }
    json_decref(s);
    return rc;
}
