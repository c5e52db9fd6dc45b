/* A residents row: who (name, sex, birth date, ID number, phone, tags) lives
 * where (the dwelling, created when missing) as what (owner, family member,
 * tenant). Residents are matched by ID number among those the importer may
 * change; a row without an ID number by name among the people already
 * living in that dwelling.
 * An empty cell keeps what is registered; tags are added, never removed. */
#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "base/validate.h"
#include "registry/resident.h"
#include "registry/resident_audit.h"
#include "registry/resident_search.h"
#include "transfer/cell.h"
#include "transfer/import_job.h"

/* An ID number met on an earlier line of the same file. */
struct seen_id {
    int64_t line;
    const char *name;
};

/* The cells of one residents row, read and checked before anything is written. */
struct resident_cells {
    struct resident r;
    char id[19], phone[12], birth[11], moved_in[11];
    bool moved_in_ok; /* moved_in holds the cell's date */
    const char *relation;
    const struct import_tag *tags[RESIDENT_TAGS_MAX];
    size_t ntags;
};

static void read_id_number(struct import_job *job, struct resident_cells *c)
{
    enum id_problem why;
    if (!cell_id_number(job->cell[COL_ID_NUMBER], c->id, &why)) {
        if (why == ID_EXCEL_NUMBER)
            import_reject(job, COL_ID_NUMBER,
                          "身份证号被 Excel 当成了数字（如 3.2E+17），请把该列设为“文本”后重新录入",
                          "Excel turned the ID number into a number (like 3.2E+17); format the "
                          "column as Text and enter the numbers again");
        else if (why == ID_MASKED)
            import_reject(job, COL_ID_NUMBER, "身份证号是打码的，请用能看到完整号码的账号导出",
                          "the ID number is masked; export with an account that sees full "
                          "numbers");
        else
            import_reject(job, COL_ID_NUMBER, "不是有效的 18 位身份证号（校验位或出生日期不对）",
                          "not a valid 18-character ID number (check digit or birth date)");
        return;
    }
    c->r.id_number = c->id;
}

/* One person, one ID number: the same number under another name on an
 * earlier line is a typo somewhere. */
static int check_duplicate(struct import_job *job, const struct resident_cells *c)
{
    struct seen_id *seen = strmap_get(job->ids, c->id);
    if (seen) {
        if (strcmp(seen->name, c->r.name) != 0)
            import_reject(job, COL_ID_NUMBER,
                          arena_printf(job->arena, "第 %lld 行的“%s”也用这个身份证号",
                                       (long long)seen->line, seen->name),
                          arena_printf(job->arena, "line %lld gives this ID number to %s",
                                       (long long)seen->line, seen->name));
        return HW_OK;
    }
    if (!(seen = arena_alloc(job->arena, sizeof *seen)) ||
        !(seen->name = arena_strdup(job->arena, c->r.name)))
        return HW_ENOMEM;
    seen->line = job->line;
    return strmap_put(job->ids, c->id, seen);
}

static void read_tags(struct import_job *job, struct resident_cells *c)
{
    const char *cursor = job->cell[COL_TAGS];
    char tag[128];
    while (cell_next_tag(&cursor, tag, sizeof tag)) {
        for (char *p = tag; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p - 'A' + 'a');
        const struct import_tag *t = strmap_get(job->tags, tag);
        if (!t) {
            import_reject(job, COL_TAGS, arena_printf(job->arena, "没有“%s”这个标签", tag),
                          arena_printf(job->arena, "no tag \"%s\"", tag));
        } else if (c->ntags == RESIDENT_TAGS_MAX) {
            import_reject(job, COL_TAGS, "标签过多", "too many tags");
            return;
        } else {
            c->tags[c->ntags++] = t;
        }
    }
}

/* A field resident_check() found broken is set aside (a stand-in for the
 * name) so the rules after it still look at the row's other cells. */
static bool set_aside(struct resident *v, const char *field)
{
    const char **slot = strcmp(field, "name") == 0         ? &v->name
                        : strcmp(field, "sex") == 0        ? &v->sex
                        : strcmp(field, "birth_date") == 0 ? &v->birth_date
                        : strcmp(field, "id_number") == 0  ? &v->id_number
                        : strcmp(field, "phone") == 0      ? &v->phone
                        : strcmp(field, "note") == 0       ? &v->note
                                                           : NULL;
    if (!slot)
        return false;
    *slot = slot == &v->name ? "-" : NULL;
    return true;
}

/* The rules the API applies to the same fields (registry/resident.h), in
 * the API's words, each broken one on its own cell. */
static void check_rules(struct import_job *job, struct resident_cells *c)
{
    struct resident v = c->r;
    char id[19], birth[11], today[CLOCK_DATE_SIZE];
    resident_derive_from_id(&v, id, birth);
    if (!v.name || !*v.name)
        v.name = "-"; /* reported as required already */
    struct resident_fault f;
    for (int i = 0; i < 8 && !resident_check(&v, &f); i++) {
        int col = column_lookup(f.field);
        import_reject(job, col >= 0 ? col : COL_NAME, f.zh, f.en);
        if (!set_aside(&v, f.field))
            break;
    }
    clock_today(today);
    if (c->moved_in_ok && !occupancy_moved_in_check(c->moved_in, v.birth_date, today, &f))
        import_reject(job, COL_MOVED_IN, f.zh, f.en);
}

static int read_cells(struct import_job *job, struct resident_cells *c)
{
    const char *const *cell = job->cell;
    c->r = (struct resident){.district_id = job->district_id, .name = cell[COL_NAME]};
    if (!import_has(job, COL_NAME))
        import_reject(job, COL_NAME, "必填", "is required");
    if (import_has(job, COL_SEX) && !cell_sex(cell[COL_SEX], &c->r.sex))
        import_reject(job, COL_SEX, "性别须为“男”或“女”", "male or female (男 / 女)");
    if (import_has(job, COL_BIRTH_DATE)) {
        if (cell_date(cell[COL_BIRTH_DATE], c->birth))
            c->r.birth_date = c->birth;
        else
            import_reject(job, COL_BIRTH_DATE, "日期须写成 1950-03-05 或 1950/3/5",
                          "a date like 1950-03-05 or 1950/3/5");
    }
    if (import_has(job, COL_ID_NUMBER))
        read_id_number(job, c);
    if (import_has(job, COL_PHONE)) {
        if (cell_phone(cell[COL_PHONE], c->phone))
            c->r.phone = c->phone;
        else
            import_reject(job, COL_PHONE, "请填写 11 位手机号码",
                          "an 11-digit mainland mobile number");
    }
    if (!import_has(job, COL_RELATION))
        import_reject(job, COL_RELATION, "必填：业主、家属或租户",
                      "required: owner, family or tenant (业主 / 家属 / 租户)");
    else if (!cell_relation(cell[COL_RELATION], &c->relation))
        import_reject(job, COL_RELATION, "须为业主、家属或租户",
                      "owner, family or tenant (业主 / 家属 / 租户)");
    if (import_has(job, COL_MOVED_IN)) {
        if (cell_date(cell[COL_MOVED_IN], c->moved_in))
            c->moved_in_ok = true;
        else
            import_reject(job, COL_MOVED_IN, "日期须写成 2020-03-05 或 2020/3/5",
                          "a date like 2020-03-05 or 2020/3/5");
    }
    if (import_has(job, COL_NOTE))
        c->r.note = cell[COL_NOTE];
    /* Trimmed as the API trims; a note's line breaks (Alt+Enter) as LF. */
    if (resident_tidy(job->arena, &c->r) != HW_OK)
        return HW_ENOMEM;
    check_rules(job, c);
    read_tags(job, c);
    if (c->r.id_number && registry_name_valid(c->r.name))
        return check_duplicate(job, c);
    return HW_OK;
}

/* The key of a link (dwelling, person, relation) in job->name_links. */
static void link_key(char *key, size_t size, int64_t dwelling_id, int64_t resident_id,
                     const char *relation)
{
    snprintf(key, size, "%lld/%lld/%s", (long long)dwelling_id, (long long)resident_id, relation);
}

/* Without an ID number: the next person of this name living there now, in
 * the order the export writes them (by link). Each link is matched once per
 * import, and a link an earlier row wrote is not matched again (see
 * import_resident_row), so two people of one name without ID numbers in one
 * home stay two: the second row matches the second, or registers a new one. */
static int match_by_name(struct import_job *job, int64_t dwelling_id, const char *name, int64_t *id)
{
    *id = 0;
    struct db_stmt *st;
    int rc = db_query(job->db, &st,
                      "SELECT r.id, o.relation FROM occupancies o"
                      " JOIN residents r ON r.id = o.resident_id"
                      " WHERE o.dwelling_id = $1 AND o.moved_out IS NULL AND r.name = $2"
                      " AND r.district_id = $3 ORDER BY o.id",
                      "isi", dwelling_id, name, job->district_id);
    if (rc != HW_OK)
        return rc;
    char key[96];
    while ((rc = db_step(st)) == DB_ROW) {
        link_key(key, sizeof key, dwelling_id, db_col_int(st, 0), db_col_text(st, 1));
        if (!strmap_get(job->name_links, key)) {
            *id = db_col_int(st, 0);
            break;
        }
    }
    db_reset(st);
    if (rc < 0)
        return rc;
    return *id ? strmap_put(job->name_links, key, job) : HW_OK;
}

/* A registered resident updated from a row, through the audited write:
 * the audit keeps them before and after, masked as the registry's own
 * routes mask them (registry/resident_audit.h), the after marked as the
 * import's. */
struct resident_change {
    struct import_job *job;
    const struct resident *r;
    enum upsert_outcome outcome;
    bool done;
};

static int resident_apply(struct db *db, void *ctx, int64_t *id, int64_t *district)
{
    struct resident_change *c = ctx;
    *district = c->job->district_id;
    int rc = resident_upsert_matched(db, c->r, *id, id, &c->outcome);
    c->done = rc == HW_OK;
    return rc;
}

static int resident_render(struct db *db, void *ctx, int64_t id, json_t **out)
{
    const struct resident_change *c = ctx;
    struct resident r;
    int rc = resident_load(db, c->job->arena, id, &r);
    if (rc != HW_OK)
        return rc;
    *out = resident_audit_json(&r);
    if (*out && c->done && json_object_set_new(*out, "source", json_string("import")) != 0) {
        json_decref(*out);
        *out = NULL;
    }
    return *out ? HW_OK : HW_ENOMEM;
}

static bool resident_unchanged(const void *ctx)
{
    const struct resident_change *c = ctx;
    return c->outcome != UPSERT_UPDATED;
}

static int update_resident(struct import_job *job, const struct resident *r, int64_t *id,
                           enum upsert_outcome *outcome)
{
    static const struct write_op op = {.action = "update",
                                       .entity = "resident",
                                       .apply = resident_apply,
                                       .render = resident_render,
                                       .unchanged = resident_unchanged};
    struct resident_change c = {.job = job, .r = r, .outcome = UPSERT_UNCHANGED};
    int rc = write_run_in(job->db, &job->opt.actor, &op, &c, id);
    *outcome = c.outcome;
    return rc;
}

/* The one registered resident with this ID number whom the importer may
 * change. Nobody beyond: a number registered by another community is not
 * this import's to update, link or reveal, so the row registers a person of
 * its own and the report reads as for any new number. */
static int match_by_id_number(struct import_job *job, const char *id_number, int64_t *id)
{
    int64_t count = 0;
    int rc = resident_find_for_write(job->db, job->opt.who, job->district_id, id_number, id, &count);
    if (rc == HW_OK && count > 1) {
        import_reject(job, COL_ID_NUMBER, "您管辖范围内有两位居民登记了这个身份证号，请先合并",
                      "two residents within your scope carry this ID number; merge them first");
        *id = 0;
    }
    return rc;
}

static int write_resident(struct import_job *job, struct resident_cells *c,
                          const struct cached_place *dwelling, int64_t *id,
                          enum upsert_outcome *outcome)
{
    *outcome = UPSERT_UNCHANGED;
    int64_t match = 0;
    int rc = HW_OK;
    if (c->r.id_number)
        rc = match_by_id_number(job, c->r.id_number, &match);
    else if (!dwelling->fresh)
        rc = match_by_name(job, dwelling->id, c->r.name, &match);
    if (rc != HW_OK || job->row_rejected)
        return rc;
    if (!c->r.id_number && match) {
        *id = match;
        return HW_OK;
    }
    const char *bad = NULL;
    if (resident_validate(&c->r, &bad) == HW_EINVAL) {
        int col = column_lookup(bad ? bad : "name");
        import_reject(job, col >= 0 ? col : COL_NAME, "取值无效", "is not valid");
        return HW_OK;
    }
    /* A new person is counted in the import's own audit entry. */
    *id = match;
    rc = match ? update_resident(job, &c->r, id, outcome)
               : resident_upsert_matched(job->db, &c->r, 0, id, outcome);
    if (rc == HW_EINVAL) {
        import_reject(job, COL_NAME, "不能登记这位居民", "cannot register this resident");
        return HW_OK;
    }
    return rc;
}

/* A person this import has just registered has no home and no tags yet,
 * and the dwelling lies in their sub-district (it was found under the
 * import's community): none of the checks of occupancy_add() and
 * resident_tag_add() can fail, so each link is one INSERT. Over a network to
 * PostgreSQL every statement is a round trip, and this is most rows. */
static int link_new_resident(struct import_job *job, int64_t id, int64_t dwelling_id,
                             const struct resident_cells *c, const char *moved_in)
{
    int64_t now = clock_now();
    int64_t n = db_run(job->db,
                       "INSERT INTO occupancies (district_id, resident_id, dwelling_id,"
                       " relation, moved_in, created_at, updated_at)"
                       " VALUES ($1, $2, $3, $4, $5, $6, $6)",
                       "iiissi", job->district_id, id, dwelling_id, c->relation, moved_in, now);
    for (size_t i = 0; n >= 0 && i < c->ntags; i++)
        n = db_run(job->db,
                   "INSERT INTO resident_tags (resident_id, tag_id, district_id, added_at)"
                   " VALUES ($1, $2, $3, $4) ON CONFLICT (resident_id, tag_id) DO NOTHING",
                   "iiii", id, c->tags[i]->id, job->district_id, now);
    return n < 0 ? (int)n : HW_OK;
}

/* A person already registered: occupancy_add() keeps a link that is there. */
static int link_resident(struct import_job *job, int64_t id, int64_t dwelling_id,
                         const struct resident_cells *c, const char *moved_in, bool *linked)
{
    int64_t occupancy;
    int rc = occupancy_add(job->db, id, dwelling_id, c->relation, moved_in, &occupancy, linked);
    for (size_t i = 0; rc == HW_OK && i < c->ntags; i++)
        rc = resident_tag_add(job->db, id, c->tags[i]->code);
    return rc;
}

int import_resident_row(struct import_job *job, enum row_outcome *outcome)
{
    *outcome = ROW_UNCHANGED;
    struct resident_cells c = {.ntags = 0};
    int rc = read_cells(job, &c);
    struct cached_place *dwelling;
    bool place_created, place_changed;
    if (rc == HW_OK)
        rc = import_resolve_dwelling(job, &dwelling, &place_created, &place_changed);
    if (rc != HW_OK || job->row_rejected)
        return rc;
    int64_t id = 0;
    enum upsert_outcome res;
    if ((rc = write_resident(job, &c, dwelling, &id, &res)) != HW_OK || job->row_rejected)
        return rc;
    const char *moved_in = import_has(job, COL_MOVED_IN) ? c.moved_in : NULL;
    bool linked = false;
    rc = res == UPSERT_CREATED ? link_new_resident(job, id, dwelling->id, &c, moved_in)
                               : link_resident(job, id, dwelling->id, &c, moved_in, &linked);
    if (rc == HW_EINVAL && res != UPSERT_CREATED && moved_in) {
        /* occupancy_add(): occupancy_moved_in_check() with the registered birth date */
        import_reject(job, COL_MOVED_IN, "入住日期不能早于已登记的出生日期",
                      "before the birth date registered");
        return HW_OK;
    }
    /* This row's link is taken: a later row of the same name without an ID
     * number is someone else (match_by_name). A new dwelling has no one to
     * match by name. */
    if (rc == HW_OK && !dwelling->fresh) {
        char key[96];
        link_key(key, sizeof key, dwelling->id, id, c.relation);
        rc = strmap_put(job->name_links, key, job);
    }
    if (rc != HW_OK)
        return rc;
    *outcome = res == UPSERT_CREATED                              ? ROW_CREATED
               : res == UPSERT_UPDATED || linked || place_changed ? ROW_UPDATED
                                                                  : ROW_UNCHANGED;
    return HW_OK;
}
