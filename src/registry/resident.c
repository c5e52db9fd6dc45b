#include "registry/resident.h"

#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "base/text.h"
#include "base/validate.h"

bool registry_text_valid(const char *s, long min_chars, long max_chars)
{
    long n = text_chars(s, false);
    return n >= min_chars && n <= max_chars && !text_untrimmed(s);
}

bool registry_name_valid(const char *s)
{
    return registry_text_valid(s, 1, RESIDENT_NAME_MAX_CHARS) && !text_has_invisible(s);
}

bool registry_note_valid(const char *s)
{
    long n = text_chars(s, true);
    return n >= 0 && n <= RESIDENT_NOTE_MAX_CHARS && !text_untrimmed(s);
}

/* s trimmed (and, for a note, its line breaks written as LF), copied into a
 * only when that changes it. An empty note is no note. */
static int tidy_text(struct arena *a, const char **s, bool note)
{
    if (!*s || (!text_untrimmed(*s) && !(note && strchr(*s, '\r'))))
        return HW_OK;
    char *copy = arena_strdup(a, *s);
    if (!copy)
        return HW_ENOMEM;
    if (note)
        text_unify_newlines(copy);
    *s = text_trim(copy);
    if (note && !**s)
        *s = NULL;
    return HW_OK;
}

int resident_tidy(struct arena *a, struct resident *r)
{
    int rc = tidy_text(a, &r->name, false);
    return rc == HW_OK ? tidy_text(a, &r->note, true) : rc;
}

/* Each rule's words, the same in the API's answer and the import's report. */
#define FAULT(f_, field_, zh_, en_) (*(f_) = (struct resident_fault){field_, zh_, en_}, false)

bool resident_check_on(const struct resident *r, const char *today, struct resident_fault *f)
{
    char id[19], born[11];
    bool id_ok =
        r->id_number && normalize_id_number(r->id_number, id, sizeof id) && validate_id_number(id);
    if (id_ok)
        id_number_birth_date(id, born);
    if (r->district_id <= 0)
        return FAULT(f, "district_id", "请选择一个街道", "not a sub-district you manage");
    if (!registry_text_valid(r->name, 1, RESIDENT_NAME_MAX_CHARS))
        return FAULT(f, "name", "姓名须为 1–64 个字符的一行文字（首尾空格会去掉）",
                     "1-64 characters on one line (spaces at the ends are dropped)");
    if (text_has_invisible(r->name))
        return FAULT(f, "name", "姓名不能含零宽字符等不可见字符",
                     "the name holds an invisible (zero-width) character");
    if (r->sex && strcmp(r->sex, "male") != 0 && strcmp(r->sex, "female") != 0)
        return FAULT(f, "sex", "性别须为 male（男）或 female（女）", "male or female");
    if (r->birth_date && (!validate_date(r->birth_date) || strcmp(r->birth_date, today) > 0))
        return FAULT(f, "birth_date", "出生日期须为 YYYY-MM-DD 格式的真实日期，且不晚于今天",
                     "a real date written YYYY-MM-DD, not in the future");
    if (r->id_number && (!id_ok || strcmp(born, today) > 0))
        return FAULT(f, "id_number", "身份证号无效：须为 18 位，含真实的出生日期，末位校验码正确",
                     "not a valid 18-character ID number (birth date or check digit wrong)");
    /* The number carries the birth date and the sex (GB 11643): what is
     * given besides must agree. */
    if (r->id_number && r->birth_date && strcmp(born, r->birth_date) != 0)
        return FAULT(f, "birth_date", "出生日期与身份证号中的出生日期不一致",
                     "does not match the birth date in the ID number");
    if (r->id_number && r->sex && strcmp(r->sex, id_number_sex(id)) != 0)
        return FAULT(f, "sex", "性别与身份证号不符（第 17 位单数为男，双数为女）",
                     "does not match the sex in the ID number (17th digit odd: male, even: "
                     "female)");
    if (r->phone && !validate_mobile(r->phone))
        return FAULT(f, "phone", "请输入 11 位手机号码", "an 11-digit mainland mobile number");
    if (r->party_org_id < 0)
        return FAULT(f, "party_org_id", "本街道没有这个党组织",
                     "no such party organization in this sub-district");
    if (r->note && !registry_note_valid(r->note))
        return FAULT(f, "note", "备注最多 500 个字符；可以换行，不能含其他控制字符",
                     "at most 500 characters; line breaks are kept, other control characters "
                     "are not allowed");
    return true;
}

bool resident_check(const struct resident *r, struct resident_fault *fault)
{
    char today[CLOCK_DATE_SIZE];
    clock_today(today);
    return resident_check_on(r, today, fault);
}

int resident_validate(const struct resident *r, const char **bad_field)
{
    struct resident_fault f = {0};
    bool ok = resident_check(r, &f);
    *bad_field = ok ? NULL : f.field;
    return ok ? HW_OK : HW_EINVAL;
}

bool occupancy_moved_in_check(const char *moved_in, const char *birth_date, const char *today,
                              struct resident_fault *f)
{
    char latest[11];
    if (!validate_date(moved_in))
        return FAULT(f, "moved_in", "入住日期须为 YYYY-MM-DD 格式的真实日期",
                     "a real date written YYYY-MM-DD");
    /* A signed lease may start later, but not years ahead: that is a typo. */
    date_add_years(today, MOVED_IN_MAX_YEARS_AHEAD, latest);
    if (strcmp(moved_in, latest) > 0)
        return FAULT(f, "moved_in", "入住日期最晚为一年后的今天（已签的租约）",
                     "at most one year from today (a signed lease)");
    /* Dates compare as text: YYYY-MM-DD sorts by time. */
    if (birth_date && validate_date(birth_date) && strcmp(moved_in, birth_date) < 0)
        return FAULT(f, "moved_in", "入住日期不能早于出生日期", "before the birth date");
    return true;
}

#undef FAULT

void resident_derive_from_id(struct resident *r, char id[19], char birth[11])
{
    if (!r->id_number || !normalize_id_number(r->id_number, id, 19) || !validate_id_number(id))
        return;
    r->id_number = id;
    if (!r->birth_date) {
        id_number_birth_date(id, birth);
        r->birth_date = birth;
    }
    if (!r->sex)
        r->sex = id_number_sex(id);
}

static int check_party_org(struct db *db, const struct resident *r, const char **bad_field)
{
    if (!r->party_org_id)
        return HW_OK;
    int64_t n = 0;
    int rc =
        db_scalar_int(db, &n, "SELECT count(*) FROM party_orgs WHERE id = $1 AND district_id = $2",
                      "ii", r->party_org_id, r->district_id);
    if (rc == HW_OK && !n) {
        *bad_field = "party_org_id";
        rc = HW_EINVAL;
    }
    return rc;
}

/* Normalises, completes from the ID number, validates: what every write
 * stores. id and birth hold the normalised number and derived date. */
static int prepare(struct db *db, const struct resident *in, struct resident *out, char id[19],
                   char birth[11], const char **bad_field)
{
    *out = *in;
    resident_derive_from_id(out, id, birth);
    int rc = resident_validate(out, bad_field);
    return rc == HW_OK ? check_party_org(db, out, bad_field) : rc;
}

int resident_insert(struct db *db, const struct resident *r, int64_t *id, const char **bad_field)
{
    *bad_field = NULL;
    struct resident v;
    char idbuf[19], birth[11];
    int rc = prepare(db, r, &v, idbuf, birth, bad_field);
    if (rc != HW_OK)
        return rc;
    rc = db_scalar_int(db, id,
                       "INSERT INTO residents (district_id, name, sex, birth_date, id_number,"
                       " phone, party_org_id, note, created_at, updated_at)"
                       " VALUES ($1, $2, $3, $4, $5, $6, NULLIF($7, 0), $8, $9, $9) RETURNING id",
                       "isssssisi", v.district_id, v.name, v.sex, v.birth_date, v.id_number,
                       v.phone, v.party_org_id, v.note, clock_now());
    if (rc == HW_ECONFLICT)
        *bad_field = "id_number";
    return rc;
}

int resident_update(struct db *db, int64_t id, const struct resident *r, const char **bad_field)
{
    *bad_field = NULL;
    struct resident v;
    char idbuf[19], birth[11];
    int rc = prepare(db, r, &v, idbuf, birth, bad_field);
    if (rc != HW_OK)
        return rc;
    int64_t n = db_run(db,
                       "UPDATE residents SET name = $1, sex = $2, birth_date = $3, id_number = $4,"
                       " phone = $5, party_org_id = NULLIF($6, 0), note = $7, updated_at = $8"
                       " WHERE id = $9 AND district_id = $10",
                       "sssssisiii", v.name, v.sex, v.birth_date, v.id_number, v.phone,
                       v.party_org_id, v.note, clock_now(), id, v.district_id);
    if (n == HW_ECONFLICT)
        *bad_field = "id_number";
    if (n < 0)
        return (int)n;
    return n ? HW_OK : HW_ENOTFOUND;
}

static const char *dup(struct arena *a, struct db_stmt *st, int col, int *rc)
{
    if (db_col_is_null(st, col))
        return NULL;
    const char *s = arena_strdup(a, db_col_text(st, col));
    if (!s)
        *rc = HW_ENOMEM;
    return s;
}

int resident_load(struct db *db, struct arena *a, int64_t id, struct resident *out)
{
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT district_id, name, sex, birth_date, id_number, phone, party_org_id,"
                      " note FROM residents WHERE id = $1",
                      "i", id);
    if (rc != HW_OK)
        return rc;
    rc = db_step(st);
    if (rc == DB_ROW) {
        rc = HW_OK;
        *out = (struct resident){
            .district_id = db_col_int(st, 0),
            .name = dup(a, st, 1, &rc),
            .sex = dup(a, st, 2, &rc),
            .birth_date = dup(a, st, 3, &rc),
            .id_number = dup(a, st, 4, &rc),
            .phone = dup(a, st, 5, &rc),
            .party_org_id = db_col_int(st, 6),
            .note = dup(a, st, 7, &rc),
        };
    } else if (rc == DB_DONE) {
        rc = HW_ENOTFOUND;
    }
    db_reset(st);
    return rc;
}

static bool same_text(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* The stored row with r's given fields laid over it:
 * an import row without a phone keeps the phone already known. */
bool resident_merge(const struct resident *stored, const struct resident *r, struct resident *out)
{
    *out = *stored;
    out->name = r->name;
    out->sex = r->sex ? r->sex : stored->sex;
    out->birth_date = r->birth_date ? r->birth_date : stored->birth_date;
    out->phone = r->phone ? r->phone : stored->phone;
    out->party_org_id = r->party_org_id ? r->party_org_id : stored->party_org_id;
    out->note = r->note ? r->note : stored->note;
    return !same_text(out->name, stored->name) || !same_text(out->sex, stored->sex) ||
           !same_text(out->birth_date, stored->birth_date) ||
           !same_text(out->phone, stored->phone) || out->party_org_id != stored->party_org_id ||
           !same_text(out->note, stored->note);
}

int resident_upsert_matched(struct db *db, const struct resident *r, int64_t match_id,
                            int64_t *id, enum upsert_outcome *outcome)
{
    struct resident v;
    char idbuf[19], birth[11];
    const char *bad = NULL;
    int rc = prepare(db, r, &v, idbuf, birth, &bad);
    if (rc != HW_OK)
        return rc;
    if (!match_id) {
        *outcome = UPSERT_CREATED;
        return resident_insert(db, &v, id, &bad);
    }
    *id = match_id;
    struct arena *a = arena_create();
    if (!a)
        return HW_ENOMEM;
    struct resident stored, merged;
    rc = resident_load(db, a, match_id, &stored);
    if (rc == HW_OK && stored.district_id != v.district_id)
        rc = HW_ENOTFOUND;
    if (rc == HW_OK) {
        *outcome = resident_merge(&stored, &v, &merged) ? UPSERT_UPDATED : UPSERT_UNCHANGED;
        if (*outcome == UPSERT_UPDATED)
            rc = resident_update(db, match_id, &merged, &bad);
    }
    arena_destroy(a);
    return rc;
}

bool occupancy_relation_valid(const char *relation)
{
    return relation && (strcmp(relation, "owner") == 0 || strcmp(relation, "family") == 0 ||
                        strcmp(relation, "tenant") == 0);
}

int occupancy_add(struct db *db, int64_t resident_id, int64_t dwelling_id, const char *relation,
                  const char *moved_in, int64_t *id, bool *created)
{
    *created = false;
    if (!occupancy_relation_valid(relation) || (moved_in && !validate_date(moved_in)))
        return HW_EINVAL;
    int64_t district = 0, n = 0;
    struct db_stmt *st;
    int rc = db_query_row(db, &st, "SELECT district_id, birth_date FROM residents WHERE id = $1",
                          "i", resident_id);
    if (rc != HW_OK)
        return rc;
    district = db_col_int(st, 0);
    /* occupancy_moved_in_check() with the birth date registered. */
    char today[CLOCK_DATE_SIZE];
    struct resident_fault fault;
    clock_today(today);
    bool moved_in_ok =
        !moved_in || occupancy_moved_in_check(moved_in, db_col_text(st, 1), today, &fault);
    db_reset(st);
    if (!moved_in_ok)
        return HW_EINVAL;
    rc = db_scalar_int(db, &n,
                       "SELECT count(*) FROM places WHERE id = $1 AND kind = 'dwelling'"
                       " AND district_id = $2",
                       "ii", dwelling_id, district);
    if (rc != HW_OK)
        return rc;
    if (!n)
        return HW_EINVAL;
    rc = db_scalar_int(db, id,
                       "SELECT id FROM occupancies WHERE resident_id = $1 AND dwelling_id = $2"
                       " AND relation = $3 AND moved_out IS NULL ORDER BY id LIMIT 1",
                       "iis", resident_id, dwelling_id, relation);
    if (rc != HW_ENOTFOUND)
        return rc;
    int64_t now = clock_now();
    rc = db_scalar_int(db, id,
                       "INSERT INTO occupancies (district_id, resident_id, dwelling_id, relation,"
                       " moved_in, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)"
                       " RETURNING id",
                       "iiissi", district, resident_id, dwelling_id, relation, moved_in, now);
    *created = rc == HW_OK;
    return rc;
}

int occupancy_end(struct db *db, int64_t occupancy_id, const char *moved_out)
{
    if (!validate_date(moved_out))
        return HW_EINVAL;
    struct db_stmt *st;
    int rc = db_query(db, &st, "SELECT moved_in, moved_out FROM occupancies WHERE id = $1", "i",
                      occupancy_id);
    if (rc != HW_OK)
        return rc;
    rc = db_step(st);
    if (rc == DB_ROW) {
        const char *in = db_col_text(st, 0);
        /* Dates compare as text: YYYY-MM-DD sorts by time. */
        rc = !db_col_is_null(st, 1)            ? HW_ECONFLICT
             : in && strcmp(moved_out, in) < 0 ? HW_EINVAL
                                               : HW_OK;
    } else if (rc == DB_DONE) {
        rc = HW_ENOTFOUND;
    }
    db_reset(st);
    if (rc != HW_OK)
        return rc;
    int64_t n = db_run(db,
                       "UPDATE occupancies SET moved_out = $1, updated_at = $2"
                       " WHERE id = $3 AND moved_out IS NULL",
                       "sii", moved_out, clock_now(), occupancy_id);
    if (n < 0)
        return (int)n;
    return n ? HW_OK : HW_ECONFLICT;
}

int resident_tag_add(struct db *db, int64_t resident_id, const char *tag_code)
{
    int64_t district = 0, tag_id = 0;
    int rc = db_scalar_int(db, &district, "SELECT district_id FROM residents WHERE id = $1", "i",
                           resident_id);
    if (rc != HW_OK)
        return rc;
    rc = db_scalar_int(db, &tag_id,
                       "SELECT id FROM tags WHERE code = $1"
                       " AND (district_id IS NULL OR district_id = $2) ORDER BY id LIMIT 1",
                       "si", tag_code, district);
    if (rc == HW_ENOTFOUND)
        return HW_EINVAL;
    if (rc != HW_OK)
        return rc;
    int64_t n = db_run(db,
                       "INSERT INTO resident_tags (resident_id, tag_id, district_id, added_at)"
                       " VALUES ($1, $2, $3, $4) ON CONFLICT (resident_id, tag_id) DO NOTHING",
                       "iiii", resident_id, tag_id, district, clock_now());
    return n < 0 ? (int)n : HW_OK;
}

static bool contains(const int64_t *ids, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (ids[i] == id)
            return true;
    return false;
}

int resident_tags_set(struct db *db, int64_t resident_id, int64_t district_id,
                      const int64_t *tag_ids, size_t n, bool keep_sensitive)
{
    int64_t current[RESIDENT_TAGS_MAX];
    size_t ncurrent = 0;
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT rt.tag_id FROM resident_tags rt JOIN tags t ON t.id = rt.tag_id"
                      " WHERE rt.resident_id = $1 AND ($2 = 0 OR t.sensitive = FALSE)",
                      "ii", resident_id, (int64_t)keep_sensitive);
    if (rc != HW_OK)
        return rc;
    while (ncurrent < RESIDENT_TAGS_MAX && (rc = db_step(st)) == DB_ROW)
        current[ncurrent++] = db_col_int(st, 0);
    db_reset(st);
    if (rc < 0)
        return rc;
    /* Only the difference is written, so a kept tag keeps its added_at. */
    for (size_t i = 0; i < ncurrent; i++) {
        if (contains(tag_ids, n, current[i]))
            continue;
        int64_t removed = db_run(db,
                                 "DELETE FROM resident_tags WHERE resident_id = $1"
                                 " AND tag_id = $2",
                                 "ii", resident_id, current[i]);
        if (removed < 0)
            return (int)removed;
    }
    int64_t now = clock_now();
    for (size_t i = 0; i < n; i++) {
        int64_t added = db_run(db,
                               "INSERT INTO resident_tags (resident_id, tag_id, district_id,"
                               " added_at) VALUES ($1, $2, $3, $4)"
                               " ON CONFLICT (resident_id, tag_id) DO NOTHING",
                               "iiii", resident_id, tag_ids[i], district_id, now);
        if (added < 0)
            return (int)added;
    }
    return HW_OK;
}
