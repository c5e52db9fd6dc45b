#include "care/household.h"

#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "kit/privacy.h"
#include "place/place.h"

/* An id parameter that binds NULL for 0 (no account: the command line). */
#define NULL_IF_ZERO(p) "NULLIF(" p ", CAST(0 AS BIGINT))"

static const char *const method_names[] = {"written", "verbal", "phone"};

int care_consent_method_parse(const char *s, enum care_consent_method *out)
{
    for (int i = 0; s && i < 3; i++) {
        if (strcmp(s, method_names[i]) == 0) {
            *out = (enum care_consent_method)i;
            return HW_OK;
        }
    }
    return HW_EINVAL;
}

/* ---- rules ------------------------------------------------------------ */

int care_rules_load(struct db *db, int64_t district_id, struct care_rule rules[CARE_TIER_COUNT],
                    bool custom[CARE_TIER_COUNT])
{
    for (int t = 0; t < CARE_TIER_COUNT; t++) {
        care_rule_default((enum care_tier)t, &rules[t]);
        if (custom)
            custom[t] = false;
    }
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT tier, period, visits, accompanied, help_tasks FROM care_rules"
                      " WHERE district_id = $1",
                      "i", district_id);
    if (rc != HW_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        enum care_tier t;
        enum care_period p;
        if (care_tier_parse(db_col_text(st, 0), &t) != HW_OK ||
            care_period_parse(db_col_text(st, 1), &p) != HW_OK)
            continue;
        rules[t] = (struct care_rule){.tier = t, .period = p, .visits = (int)db_col_int(st, 2),
                                      .accompanied = (int)db_col_int(st, 3)};
        snprintf(rules[t].help, sizeof rules[t].help, "%s", db_col_text(st, 4) ? db_col_text(st, 4) : "");
        if (custom)
            custom[t] = true;
    }
    db_reset(st);
    return rc < 0 ? rc : HW_OK;
}

int care_rule_save(struct db *db, int64_t district_id, const struct care_rule *r, int64_t user_id,
                   int64_t now, const char **bad_field)
{
    if (!care_rule_valid(r, bad_field))
        return HW_EINVAL;
    int64_t n = db_run(db,
                       "INSERT INTO care_rules (district_id, tier, period, visits, accompanied,"
                       " help_tasks, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, "
                       NULL_IF_ZERO("$7") ", $8) ON CONFLICT (district_id, tier) DO UPDATE"
                       " SET period = $3, visits = $4, accompanied = $5, help_tasks = $6,"
                       " updated_by = " NULL_IF_ZERO("$7") ", updated_at = $8",
                       "issiisii", district_id, care_tier_name(r->tier), care_period_name(r->period),
                       (int64_t)r->visits, (int64_t)r->accompanied, r->help, user_id, now);
    return n < 0 ? (int)n : HW_OK;
}

/* "cleaning,shopping" as a JSON array. */
static json_t *codes_json(const char *list)
{
    json_t *a = json_array();
    const char *p = list;
    while (a && p && *p) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        if (len)
            json_array_append_new(a, json_stringn(p, len));
        p = comma ? comma + 1 : NULL;
    }
    return a;
}

static json_t *rule_json(const struct care_rule *r)
{
    return json_pack("{s:s, s:s, s:i, s:i, s:o}", "tier", care_tier_name(r->tier), "period",
                     care_period_name(r->period), "visits", r->visits, "accompanied",
                     r->accompanied, "help_tasks", codes_json(r->help));
}

int care_rules_json(struct db *db, int64_t district_id, json_t **out)
{
    struct care_rule rules[CARE_TIER_COUNT];
    bool custom[CARE_TIER_COUNT];
    int rc = care_rules_load(db, district_id, rules, custom);
    if (rc != HW_OK)
        return rc;
    json_t *list = json_array();
    for (int t = 0; list && t < CARE_TIER_COUNT; t++) {
        json_t *r = rule_json(&rules[t]);
        if (r)
            json_object_set_new(r, "source", json_string(custom[t] ? "district" : "default"));
        json_array_append_new(list, r);
    }
    *out = json_pack("{s:I, s:o}", "district_id", (json_int_t)district_id, "rules", list);
    return *out ? HW_OK : HW_ENOMEM;
}

/* ---- the household ---------------------------------------------------- */

/* Whole years from birth (YYYY-MM-DD) to today (YYYY-MM-DD); -1 unknown. */
static int age_on(const char *birth, const char *today)
{
    int by, bm, bd, ty, tm, td;
    if (!birth || sscanf(birth, "%4d-%2d-%2d", &by, &bm, &bd) != 3 ||
        sscanf(today, "%4d-%2d-%2d", &ty, &tm, &td) != 3)
        return -1;
    int age = ty - by - ((tm < bm || (tm == bm && td < bd)) ? 1 : 0);
    return age < 0 ? -1 : age;
}

enum { RESIDENTS_MAX = 64 }; /* people counted in one dwelling's suggestion */

static int load_suggestion(struct db *db, struct care_household *h, int64_t today)
{
    char day[CARE_DATE_SIZE];
    care_day_format(today, day);
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT r.id, r.birth_date, t.code FROM occupancies o"
                      " JOIN residents r ON r.id = o.resident_id"
                      " LEFT JOIN resident_tags rt ON rt.resident_id = r.id"
                      " LEFT JOIN tags t ON t.id = rt.tag_id"
                      " WHERE o.dwelling_id = $1 AND o.moved_out IS NULL ORDER BY r.id",
                      "i", h->id);
    if (rc != HW_OK)
        return rc;
    unsigned signs[RESIDENTS_MAX] = {0};
    int64_t last = 0;
    size_t n = 0;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t person = db_col_int(st, 0);
        if (person != last) {
            if (n == RESIDENTS_MAX)
                break;
            signs[n++] = care_signs_of_age(age_on(db_col_text(st, 1), day));
            last = person;
        }
        signs[n - 1] |= care_sign_of_tag(db_col_text(st, 2));
    }
    db_reset(st);
    if (rc < 0)
        return rc;
    h->residents = (int)n;
    h->suggested = care_suggest(signs, n, &h->reasons);
    return HW_OK;
}

int care_household_load(struct db *db, int64_t id, int64_t today, struct care_household *out)
{
    memset(out, 0, sizeof *out);
    out->id = id;
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT district_id, COALESCE(grid_id, 0), COALESCE(building_id, 0)"
                          " FROM places WHERE id = $1 AND kind = 'dwelling'",
                          "i", id);
    if (rc != HW_OK)
        return rc;
    out->district_id = db_col_int(st, 0);
    out->grid_id = db_col_int(st, 1);
    out->building_id = db_col_int(st, 2);
    db_reset(st);
    if ((rc = load_suggestion(db, out, today)) != HW_OK)
        return rc;
    out->tier = out->suggested;
    rc = db_query_row(db, &st,
                      "SELECT tier, since FROM care_tiers WHERE dwelling_id = $1 AND until IS NULL",
                      "i", id);
    if (rc == HW_OK) {
        out->has_tier = care_tier_parse(db_col_text(st, 0), &out->tier) == HW_OK &&
                        care_day_parse(db_col_text(st, 1), &out->since) == HW_OK;
        db_reset(st);
        if (!out->has_tier)
            return HW_EDB;
    } else if (rc != HW_ENOTFOUND) {
        return rc;
    }
    int64_t standing = 0;
    rc = db_scalar_int(db, &standing,
                       "SELECT count(*) FROM care_consents WHERE dwelling_id = $1"
                       " AND withdrawn_at IS NULL",
                       "i", id);
    if (rc != HW_OK)
        return rc;
    out->consent = standing > 0;
    struct care_rule rules[CARE_TIER_COUNT];
    if ((rc = care_rules_load(db, out->district_id, rules, NULL)) != HW_OK)
        return rc;
    out->rule = rules[out->tier];
    return HW_OK;
}

int care_visit_days(struct db *db, int64_t dwelling_id, int64_t from,
                    struct care_visit_day days[CARE_VISIT_DAYS_MAX], size_t *n)
{
    char first[CARE_DATE_SIZE];
    care_day_format(from, first);
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT visit_date, max(CASE WHEN accompanied THEN 1 ELSE 0 END)"
                      " FROM care_visits WHERE dwelling_id = $1 AND visit_date >= $2"
                      " GROUP BY visit_date ORDER BY visit_date DESC LIMIT $3",
                      "isi", dwelling_id, first, (int64_t)CARE_VISIT_DAYS_MAX);
    if (rc != HW_OK)
        return rc;
    size_t k = 0;
    struct care_visit_day rev[CARE_VISIT_DAYS_MAX];
    while ((rc = db_step(st)) == DB_ROW && k < CARE_VISIT_DAYS_MAX) {
        if (care_day_parse(db_col_text(st, 0), &rev[k].day) != HW_OK)
            continue;
        rev[k++].accompanied = db_col_int(st, 1) != 0;
    }
    db_reset(st);
    if (rc < 0)
        return rc;
    for (size_t i = 0; i < k; i++)
        days[i] = rev[k - 1 - i];
    *n = k;
    return HW_OK;
}

bool care_sees_sensitive(const struct principal *who) { return privacy_sees_sensitive_tags(who); }

void care_reasons_text(unsigned signs, char *out, size_t size)
{
    static const char *const words[CARE_SIGN_COUNT] = {"独居", "空巢", "重病", "残疾",
                                                       "80岁以上高龄", "学龄前儿童"};
    size_t used = 0;
    out[0] = '\0';
    for (unsigned i = 0; i < CARE_SIGN_COUNT; i++) {
        if (!(signs & (1u << i)))
            continue;
        int w = snprintf(out + used, size - used, "%s%s", used ? "、" : "", words[i]);
        if (w < 0 || (size_t)w >= size - used)
            break;
        used += (size_t)w;
    }
    if (!used)
        snprintf(out, size, "%s", "无特殊情况");
}

static json_t *user_json(struct db *db, int64_t user_id)
{
    if (!user_id)
        return json_null();
    struct db_stmt *st;
    if (db_query_row(db, &st, "SELECT name FROM users WHERE id = $1", "i", user_id) != HW_OK)
        return json_pack("{s:I, s:n}", "user_id", (json_int_t)user_id, "name");
    json_t *u = json_pack("{s:I, s:s?}", "user_id", (json_int_t)user_id, "name", db_col_text(st, 0));
    db_reset(st);
    return u;
}

static json_t *time_json(struct db_stmt *st, int col)
{
    if (db_col_is_null(st, col))
        return json_null();
    char t[32];
    clock_format_rfc3339(db_col_int(st, col), t);
    return json_string(t);
}

/* A tier row as who sees it: a sensitive tier masked for those who do not
 * see sensitive tags, every reason hidden from them. */
static json_t *tier_row_json(struct db *db, const struct principal *who, struct db_stmt *st,
                             bool *disclosed)
{
    /* id, tier, reason, source, suggested, since, until, set_by, set_at */
    enum care_tier t = CARE_GREEN;
    care_tier_parse(db_col_text(st, 1), &t);
    bool sensitive = care_tier_sensitive(t);
    bool sees = care_sees_sensitive(who);
    bool masked = sensitive && !sees;
    if (sensitive && sees && disclosed)
        *disclosed = true;
    int64_t set_by = db_col_int(st, 7);
    json_t *row = json_pack("{s:I, s:s?, s:s?, s:s, s:s?, s:s, s:s?, s:b, s:b}", "id",
                            (json_int_t)db_col_int(st, 0), "tier", masked ? NULL : db_col_text(st, 1),
                            "reason", sees ? db_col_text(st, 2) : NULL, "source", db_col_text(st, 3),
                            "suggested", masked ? NULL : db_col_text(st, 4), "since",
                            db_col_text(st, 5), "until", db_col_text(st, 6), "sensitive", sensitive,
                            "masked", masked);
    if (row) {
        json_object_set_new(row, "set_by", user_json(db, set_by));
        json_object_set_new(row, "set_at", time_json(st, 8));
    }
    return row;
}

#define TIER_COLUMNS "id, tier, reason, source, suggested, since, until, set_by, set_at"

static int tiers_json(struct db *db, const struct principal *who, int64_t id, bool history,
                      json_t **out, bool *disclosed)
{
    struct db_stmt *st;
    int rc = history ? db_query(db, &st,
                                "SELECT " TIER_COLUMNS " FROM care_tiers WHERE dwelling_id = $1"
                                " ORDER BY id DESC LIMIT 200",
                                "i", id)
                     : db_query(db, &st,
                                "SELECT " TIER_COLUMNS " FROM care_tiers WHERE dwelling_id = $1"
                                " AND until IS NULL",
                                "i", id);
    if (rc != HW_OK)
        return rc;
    json_t *list = json_array();
    while (list && (rc = db_step(st)) == DB_ROW)
        json_array_append_new(list, tier_row_json(db, who, st, disclosed));
    db_reset(st);
    if (!list || rc < 0) {
        json_decref(list);
        return list ? rc : HW_ENOMEM;
    }
    if (history) {
        *out = list;
    } else {
        *out = json_incref(json_array_size(list) ? json_array_get(list, 0) : json_null());
        json_decref(list);
    }
    return HW_OK;
}

static json_t *consent_row_json(struct db_stmt *st)
{
    /* id, given_by, given_by_resident_id, method, given_at, recorded_by, withdrawn_at, withdrawn_by */
    json_t *c = json_pack("{s:I, s:s, s:o, s:s, s:o, s:o, s:o, s:o}", "id",
                          (json_int_t)db_col_int(st, 0), "given_by", db_col_text(st, 1),
                          "given_by_resident_id",
                          db_col_is_null(st, 2) ? json_null() : json_integer(db_col_int(st, 2)),
                          "method", db_col_text(st, 3), "given_at", time_json(st, 4), "recorded_by",
                          db_col_is_null(st, 5) ? json_null() : json_integer(db_col_int(st, 5)),
                          "withdrawn_at", time_json(st, 6), "withdrawn_by",
                          db_col_is_null(st, 7) ? json_null() : json_integer(db_col_int(st, 7)));
    return c;
}

static int consents_json(struct db *db, int64_t id, json_t **current, json_t **all)
{
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT id, given_by, given_by_resident_id, method, given_at, recorded_by,"
                      " withdrawn_at, withdrawn_by FROM care_consents WHERE dwelling_id = $1"
                      " ORDER BY id DESC LIMIT 200",
                      "i", id);
    if (rc != HW_OK)
        return rc;
    *current = json_null();
    *all = json_array();
    while ((rc = db_step(st)) == DB_ROW) {
        json_t *c = consent_row_json(st);
        if (db_col_is_null(st, 6) && json_is_null(*current))
            *current = json_incref(c);
        json_array_append_new(*all, c);
    }
    db_reset(st);
    return rc < 0 ? rc : HW_OK;
}

static json_t *suggestion_json(const struct care_household *h, bool sees, bool *disclosed)
{
    bool masked = care_tier_sensitive(h->suggested) && !sees;
    if (care_tier_sensitive(h->suggested) && sees && disclosed)
        *disclosed = true;
    json_t *reasons = json_array();
    for (unsigned i = 0; reasons && i < CARE_SIGN_COUNT; i++) {
        unsigned bit = 1u << i;
        if ((h->reasons & bit) && (sees || !(bit & CARE_SIGNS_SENSITIVE)))
            json_array_append_new(reasons, json_string(care_sign_code(i)));
    }
    return json_pack("{s:s?, s:o, s:b, s:b}", "tier", masked ? NULL : care_tier_name(h->suggested),
                     "reasons", reasons, "sensitive", care_tier_sensitive(h->suggested), "masked",
                     masked);
}

static json_t *period_json(const struct care_standing *s)
{
    char first[CARE_DATE_SIZE], last[CARE_DATE_SIZE];
    care_day_format(s->first, first);
    care_day_format(s->last, last);
    return json_pack("{s:s, s:s, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:b, s:b}", "start", first,
                     "end", last, "required", s->need.visits, "made", s->made,
                     "accompanied_required", s->need.accompanied, "accompanied_made",
                     s->accompanied_made, "owed", s->owed, "accompanied_owed", s->accompanied_owed,
                     "days_left", s->days_left, "behind", s->behind, "met", s->met);
}

/* The rule and period in force, masked as the tier is. */
static int standing_json(struct db *db, const struct care_household *h, int64_t today, bool masked,
                         json_t *out)
{
    struct care_visit_day days[CARE_VISIT_DAYS_MAX];
    size_t n = 0;
    int rc = care_visit_days(db, h->id, today - 62, days, &n);
    if (rc != HW_OK)
        return rc;
    struct care_standing s;
    care_standing_at(&h->rule, h->has_tier ? h->since : 0, days, n, today, &s);
    json_object_set_new(out, "rule", masked ? json_null() : rule_json(&h->rule));
    json_object_set_new(out, "period", masked ? json_null() : period_json(&s));
    struct db_stmt *st;
    rc = db_query_row(db, &st, "SELECT max(visited_at) FROM care_visits WHERE dwelling_id = $1",
                      "i", h->id);
    if (rc != HW_OK)
        return rc;
    json_object_set_new(out, "last_visit_at", time_json(st, 0));
    db_reset(st);
    return HW_OK;
}

int care_household_json(struct db *db, const struct principal *who, int64_t id, int64_t today,
                        bool detail, json_t **out, bool *disclosed)
{
    struct care_household h;
    int rc = care_household_load(db, id, today, &h);
    if (rc != HW_OK)
        return rc;
    char label[PLACE_LABEL_MAX];
    if ((rc = place_label(db, id, label, sizeof label)) != HW_OK)
        return rc;
    struct db_stmt *st;
    rc = db_query_row(db, &st,
                      "SELECT d.floor, e.name FROM places d LEFT JOIN places e ON e.id = d.entrance_id"
                      " WHERE d.id = $1",
                      "i", id);
    if (rc != HW_OK)
        return rc;
    json_t *floor = db_col_is_null(st, 0) ? json_null() : json_integer(db_col_int(st, 0));
    json_t *entrance = db_col_text(st, 1) ? json_string(db_col_text(st, 1)) : json_null();
    db_reset(st);
    bool sees = care_sees_sensitive(who);
    json_t *o = json_pack("{s:I, s:s, s:o, s:o, s:o, s:o, s:i, s:b}", "id", (json_int_t)id, "label",
                          label, "grid_id", h.grid_id ? json_integer(h.grid_id) : json_null(),
                          "building_id", h.building_id ? json_integer(h.building_id) : json_null(),
                          "floor", floor, "entrance", entrance, "residents", h.residents, "public",
                          h.consent);
    if (!o)
        return HW_ENOMEM;
    json_t *tier = NULL, *history = NULL, *consent = NULL, *consents = NULL;
    rc = tiers_json(db, who, id, false, &tier, disclosed);
    if (rc == HW_OK)
        rc = consents_json(db, id, &consent, &consents);
    if (rc == HW_OK && detail)
        rc = tiers_json(db, who, id, true, &history, disclosed);
    if (rc == HW_OK) {
        json_object_set_new(o, "tier", tier);
        json_object_set_new(o, "suggestion", suggestion_json(&h, sees, disclosed));
        json_object_set_new(o, "consent", consent);
        tier = consent = NULL;
        if (detail) {
            json_object_set_new(o, "history", history);
            json_object_set_new(o, "consents", consents);
            history = consents = NULL;
            rc = standing_json(db, &h, today, care_tier_sensitive(h.tier) && !sees, o);
        }
    }
    json_decref(tier);
    json_decref(history);
    json_decref(consent);
    json_decref(consents);
    if (rc != HW_OK) {
        json_decref(o);
        return rc;
    }
    *out = o;
    return HW_OK;
}

/* ---- changes ---------------------------------------------------------- */

int care_tier_set(struct db *db, int64_t dwelling_id, enum care_tier tier, const char *reason,
                  int64_t user_id, int64_t now, const char **bad_field)
{
    int64_t today = care_day_of_epoch(now);
    struct care_household h;
    int rc = care_household_load(db, dwelling_id, today, &h);
    if (rc != HW_OK)
        return rc;
    if ((unsigned)tier >= CARE_TIER_COUNT) {
        *bad_field = "tier";
        return HW_EINVAL;
    }
    bool confirm = tier == h.suggested;
    char words[CARE_REASON_MAX + 1];
    if (reason && (!*reason || strlen(reason) > CARE_REASON_MAX)) {
        *bad_field = "reason";
        return HW_EINVAL;
    }
    if (!reason) {
        if (!confirm) { /* an override says why (CT-6) */
            *bad_field = "reason";
            return HW_EINVAL;
        }
        care_reasons_text(h.reasons, words, sizeof words);
        reason = words;
    }
    char day[CARE_DATE_SIZE], yesterday[CARE_DATE_SIZE];
    care_day_format(today, day);
    care_day_format(today - 1, yesterday);
    int64_t n = db_run(db, "UPDATE care_tiers SET until = $2 WHERE dwelling_id = $1 AND until IS NULL",
                       "is", dwelling_id, yesterday);
    if (n < 0)
        return (int)n;
    n = db_run(db,
               "INSERT INTO care_tiers (district_id, dwelling_id, tier, reason, source, suggested,"
               " since, set_by, set_at) VALUES ($1, $2, $3, $4, $5, $6, $7, " NULL_IF_ZERO("$8") ", $9)",
               "iisssssii", h.district_id, dwelling_id, care_tier_name(tier), reason,
               confirm ? "confirmed" : "override", care_tier_name(h.suggested), day, user_id, now);
    return n < 0 ? (int)n : HW_OK;
}

int care_consent_give(struct db *db, int64_t dwelling_id, const struct care_consent_new *c,
                      int64_t user_id, int64_t now, const char **bad_field)
{
    if (!c->given_by || !*c->given_by || strlen(c->given_by) > CARE_NAME_MAX) {
        *bad_field = "given_by";
        return HW_EINVAL;
    }
    if (c->given_at > now + 300 || c->given_at < 0) {
        *bad_field = "given_at";
        return HW_EINVAL;
    }
    if (c->given_by_resident_id) {
        int64_t lives = 0;
        int rc = db_scalar_int(db, &lives,
                               "SELECT count(*) FROM occupancies WHERE dwelling_id = $1"
                               " AND resident_id = $2 AND moved_out IS NULL",
                               "ii", dwelling_id, c->given_by_resident_id);
        if (rc != HW_OK)
            return rc;
        if (!lives) {
            *bad_field = "given_by_resident_id";
            return HW_EINVAL;
        }
    }
    int64_t standing = 0;
    int rc = db_scalar_int(db, &standing,
                           "SELECT count(*) FROM care_consents WHERE dwelling_id = $1"
                           " AND withdrawn_at IS NULL",
                           "i", dwelling_id);
    if (rc != HW_OK)
        return rc;
    if (standing)
        return HW_ECONFLICT;
    int64_t n = db_run(db,
                       "INSERT INTO care_consents (district_id, dwelling_id, given_by,"
                       " given_by_resident_id, method, given_at, recorded_by, created_at)"
                       " SELECT district_id, id, $2, " NULL_IF_ZERO("$3") ", $4, $5, " NULL_IF_ZERO("$6") ", $7"
                       " FROM places WHERE id = $1",
                       "isisiii", dwelling_id, c->given_by, c->given_by_resident_id,
                       method_names[c->method], c->given_at, user_id, now);
    return n < 0 ? (int)n : n == 1 ? HW_OK : HW_ENOTFOUND;
}

int care_consent_withdraw(struct db *db, int64_t dwelling_id, int64_t user_id, int64_t now)
{
    int64_t n = db_run(db,
                       "UPDATE care_consents SET withdrawn_at = $2, withdrawn_by = $3"
                       " WHERE dwelling_id = $1 AND withdrawn_at IS NULL",
                       "iii", dwelling_id, now, user_id);
    return n < 0 ? (int)n : n ? HW_OK : HW_ECONFLICT;
}
