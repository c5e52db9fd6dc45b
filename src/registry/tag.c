#include "registry/tag.h"

#include <string.h>

#include "base/err.h"
#include "registry/resident.h"

bool tag_code_valid(const char *code)
{
    size_t n = code ? strlen(code) : 0;
    if (n < 1 || n > TAG_CODE_MAX || code[0] < 'a' || code[0] > 'z')
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = code[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
    }
    return true;
}

size_t tag_separator_at(const char *s)
{
    static const char *const seps[] = {"、", "；", "，", ";", ",", "|"};
    for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++) {
        size_t n = strlen(seps[i]);
        if (strncmp(s, seps[i], n) == 0)
            return n;
    }
    return 0;
}

bool tag_name_valid(const char *name, long max_chars)
{
    if (!registry_text_valid(name, 1, max_chars))
        return false;
    for (const char *p = name; *p; p++)
        if (tag_separator_at(p))
            return false;
    return true;
}

int tag_name_taken(struct db *db, int64_t district_id, const char *s, bool *taken)
{
    int64_t n = 0;
    int rc =
        db_scalar_int(db, &n,
                      "SELECT count(*) FROM tags WHERE (district_id IS NULL OR district_id = $1)"
                      " AND (lower(code) = lower($2) OR lower(name_zh) = lower($2)"
                      " OR lower(name_en) = lower($2))",
                      "is", district_id, s);
    *taken = rc == HW_OK && n > 0;
    return rc;
}

int tag_find(struct db *db, int64_t district_id, const char *code, int64_t *id, bool *sensitive)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT id, sensitive FROM tags WHERE code = $1"
                          " AND (district_id IS NULL OR district_id = $2) ORDER BY id LIMIT 1",
                          "si", code, district_id);
    if (rc != HW_OK)
        return rc;
    *id = db_col_int(st, 0);
    *sensitive = db_col_bool(st, 1);
    db_reset(st);
    return HW_OK;
}
