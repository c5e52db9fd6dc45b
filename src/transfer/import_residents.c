/* A residents row: who (name, sex, birth date, ID number, phone, tags) lives
 * where (the dwelling, created when missing) as what (owner, family member,
 * tenant). Residents are matched by ID number among those the importer may
 * change; a row without an ID number by name among the people already
 * living in that dwelling.
 * An empty cell keeps what is registered; tags are added, never removed.
 * Nothing is written here: what a row changes goes into the job's plan
 * (import_plan.h), written when every row has been read. */
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
    struct plan_resident *planned; /* the person the plan registers with it */
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
    seen->planned = NULL;
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

int import_update_resident(struct import_job *job, const struct resident *r, int64_t id)
{
    static const struct write_op op = {.action = "update",
                                       .entity = "resident",
                                       .apply = resident_apply,
                                       .render = resident_render,
                                       .unchanged = resident_unchanged};
    struct resident_change c = {.job = job, .r = r, .outcome = UPSERT_UNCHANGED};
    int rc = write_run_in(job->db, &job->opt.actor, &op, &c, &id);
    if (rc == HW_EINVAL) {
        import_reject(job, COL_NAME, "不能登记这位居民", "cannot register this resident");
        return HW_OK;
    }
    return rc;
}

/* The one registered resident with this ID number whom the importer may
 * change. Nobody beyond: a number registered by another community is not
 * this import's to update, link or reveal, so the row registers a person of
 * its own and the report reads as for any new number. */
static int match_by_id_number(struct import_job *job, const char *id_number, int64_t *id)
{
    *id = 0;
    if (!strmap_get(job->registered_ids, id_number))
        return HW_OK; /* registered nowhere in the sub-district */
    int64_t count = 0;
    int rc = resident_find_for_write(job->db, job->opt.who, job->district_id, id_number, id, &count);
    if (rc == HW_OK && count > 1) {
        import_reject(job, COL_ID_NUMBER, "您管辖范围内有两位居民登记了这个身份证号，请先合并",
                      "two residents within your scope carry this ID number; merge them first");
        *id = 0;
    }
    return rc;
}

/* A copy of r in the job's arena, for the plan. */
static int copy_resident(struct import_job *job, const struct resident *in, struct resident *out)
{
    *out = *in;
    const char **fields[] = {&out->name, &out->sex, &out->birth_date, &out->id_number,
                             &out->phone, &out->note};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (*fields[i] && !(*fields[i] = arena_strdup(job->arena, *fields[i])))
            return HW_ENOMEM;
    return HW_OK;
}

/* r as it is stored: birth date and sex filled from the ID number, in the
 * job's arena. */
static int derived_copy(struct import_job *job, const struct resident *r, struct resident *out)
{
    char *id = arena_alloc(job->arena, 19), *birth = arena_alloc(job->arena, 11);
    if (!id || !birth)
        return HW_ENOMEM;
    struct resident v = *r;
    resident_derive_from_id(&v, id, birth);
    return copy_resident(job, &v, out);
}

/* Who a row is: a person registered (*id, with their birth date as it will
 * be stored in *birth), one this import registers (*planned), found or
 * planned here. *outcome tells what the row changes about them. */
struct who {
    int64_t id;
    struct plan_resident *planned;
    const char *birth;
    enum upsert_outcome outcome;
};

/* The person the plan registers already, from an earlier line with the
 * same ID number: the row's cells given fill theirs. */
static int merge_planned(struct import_job *job, struct resident_cells *c, struct who *w)
{
    struct plan_resident *p = w->planned;
    struct resident given, merged;
    int rc = derived_copy(job, &c->r, &given);
    if (rc != HW_OK)
        return rc;
    w->outcome = resident_merge(&p->r, &given, &merged) ? UPSERT_UPDATED : UPSERT_UNCHANGED;
    p->r = merged;
    w->birth = p->r.birth_date;
    return HW_OK;
}

/* A registered person matched by ID number: what the row would change is
 * planned as an update (audited when applied). */
static int plan_update(struct import_job *job, struct resident_cells *c, struct who *w)
{
    struct resident stored, given, merged;
    int rc = resident_load(job->db, job->arena, w->id, &stored);
    if (rc == HW_OK)
        rc = derived_copy(job, &c->r, &given);
    if (rc != HW_OK)
        return rc;
    bool changed = resident_merge(&stored, &given, &merged);
    w->birth = merged.birth_date;
    if (!changed)
        return HW_OK;
    w->outcome = UPSERT_UPDATED;
    struct plan_op *op = arena_alloc(job->arena, sizeof *op);
    if (!op)
        return HW_ENOMEM;
    *op = (struct plan_op){.kind = OP_RESIDENT_UPDATE, .line = job->line, .resident_id = w->id};
    rc = copy_resident(job, &c->r, &op->r);
    return rc == HW_OK ? ptr_list_push(&job->plan.ops, op) : rc;
}

static int plan_new(struct import_job *job, struct resident_cells *c, struct who *w)
{
    struct plan_resident *p = arena_alloc(job->arena, sizeof *p);
    if (!p)
        return HW_ENOMEM;
    *p = (struct plan_resident){.line = job->line};
    int rc = derived_copy(job, &c->r, &p->r);
    if (rc == HW_OK)
        rc = ptr_list_push(&job->plan.residents, p);
    if (rc != HW_OK)
        return rc;
    if (c->r.id_number) {
        struct seen_id *seen = strmap_get(job->ids, c->id);
        if (seen)
            seen->planned = p;
    }
    w->planned = p;
    w->birth = p->r.birth_date;
    w->outcome = UPSERT_CREATED;
    return HW_OK;
}

static int find_resident(struct import_job *job, struct resident_cells *c,
                         const struct cached_place *dwelling, struct who *w)
{
    *w = (struct who){.outcome = UPSERT_UNCHANGED};
    int rc = HW_OK;
    if (c->r.id_number) {
        struct seen_id *seen = strmap_get(job->ids, c->id);
        if (seen && seen->planned) {
            w->planned = seen->planned;
            return merge_planned(job, c, w);
        }
        rc = match_by_id_number(job, c->r.id_number, &w->id);
    } else if (!dwelling->fresh) {
        rc = match_by_name(job, dwelling->id, c->r.name, &w->id);
    }
    if (rc != HW_OK || job->row_rejected)
        return rc;
    if (!c->r.id_number && w->id) {
        struct resident stored;
        rc = resident_load(job->db, job->arena, w->id, &stored);
        w->birth = stored.birth_date;
        return rc;
    }
    const char *bad = NULL;
    if (resident_validate(&c->r, &bad) == HW_EINVAL) {
        int col = column_lookup(bad ? bad : "name");
        import_reject(job, col >= 0 ? col : COL_NAME, "取值无效", "is not valid");
        return HW_OK;
    }
    return w->id ? plan_update(job, c, w) : plan_new(job, c, w);
}

/* The tags of an earlier link and the row's, each once, in the job's arena. */
static int add_tags(struct import_job *job, const int64_t **ids, size_t *n,
                    const struct resident_cells *c)
{
    if (!c->ntags)
        return HW_OK;
    int64_t *all = arena_alloc(job->arena, (*n + c->ntags) * sizeof *all);
    if (!all)
        return HW_ENOMEM;
    size_t k = *n;
    if (k)
        memcpy(all, *ids, k * sizeof *all);
    for (size_t i = 0; i < c->ntags; i++) {
        bool have = false;
        for (size_t j = 0; j < k && !have; j++)
            have = all[j] == c->tags[i]->id;
        if (!have)
            all[k++] = c->tags[i]->id;
    }
    *ids = all;
    *n = k;
    return HW_OK;
}

/* A person the plan registers, linked to the dwelling (once per relation)
 * with the row's tags. */
static int plan_link(struct import_job *job, const struct resident_cells *c, struct who *w,
                     struct cached_place *dwelling, const char *moved_in, bool *linked)
{
    char key[96];
    snprintf(key, sizeof key, "n%p/%p/%s", (void *)w->planned, (void *)dwelling, c->relation);
    struct plan_link *l = strmap_get(job->links_planned, key);
    *linked = !l;
    if (!l) {
        if (!(l = arena_alloc(job->arena, sizeof *l)))
            return HW_ENOMEM;
        *l = (struct plan_link){.resident = w->planned, .dwelling = dwelling,
                                .relation = c->relation, .line = job->line};
        if (moved_in && !(l->moved_in = arena_strdup(job->arena, moved_in)))
            return HW_ENOMEM;
        int rc = strmap_put(job->links_planned, key, l);
        if (rc == HW_OK)
            rc = ptr_list_push(&job->plan.links, l);
        if (rc != HW_OK)
            return rc;
    }
    return add_tags(job, &l->tag_ids, &l->ntags, c);
}

/* A registered person: linked to the dwelling unless they live there
 * already as this (occupancy_add() keeps such a link), tags added. */
static int plan_link_registered(struct import_job *job, const struct resident_cells *c,
                                struct who *w, struct cached_place *dwelling,
                                const char *moved_in, bool *linked)
{
    char today[CLOCK_DATE_SIZE];
    struct resident_fault f;
    clock_today(today);
    if (moved_in && !occupancy_moved_in_check(moved_in, w->birth, today, &f)) {
        /* occupancy_add(): occupancy_moved_in_check() with the registered birth date */
        import_reject(job, COL_MOVED_IN, "入住日期不能早于已登记的出生日期",
                      "before the birth date registered");
        return HW_OK;
    }
    char key[96];
    snprintf(key, sizeof key, "r%lld/%p/%s", (long long)w->id, (void *)dwelling, c->relation);
    *linked = !strmap_get(job->links_planned, key);
    if (*linked && !dwelling->planned) {
        int64_t there = 0;
        int rc = db_scalar_int(job->db, &there,
                               "SELECT count(*) FROM occupancies WHERE resident_id = $1"
                               " AND dwelling_id = $2 AND relation = $3 AND moved_out IS NULL",
                               "iis", w->id, dwelling->id, c->relation);
        if (rc != HW_OK)
            return rc;
        *linked = there == 0;
    }
    if (!*linked && !c->ntags)
        return HW_OK;
    struct plan_op *op = arena_alloc(job->arena, sizeof *op);
    if (!op)
        return HW_ENOMEM;
    *op = (struct plan_op){.kind = OP_LINK, .line = job->line, .resident_id = w->id,
                           .dwelling = dwelling, .relation = c->relation};
    int rc = add_tags(job, &op->tag_ids, &op->ntags, c);
    if (rc != HW_OK)
        return rc;
    if (moved_in && !(op->moved_in = arena_strdup(job->arena, moved_in)))
        return HW_ENOMEM;
    rc = strmap_put(job->links_planned, key, op);
    return rc == HW_OK ? ptr_list_push(&job->plan.ops, op) : rc;
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
    struct who w;
    if ((rc = find_resident(job, &c, dwelling, &w)) != HW_OK || job->row_rejected)
        return rc;
    const char *moved_in = import_has(job, COL_MOVED_IN) ? c.moved_in : NULL;
    bool linked = false;
    rc = w.planned ? plan_link(job, &c, &w, dwelling, moved_in, &linked)
                   : plan_link_registered(job, &c, &w, dwelling, moved_in, &linked);
    if (rc != HW_OK || job->row_rejected)
        return rc;
    /* This row's link is taken: a later row of the same name without an ID
     * number is someone else (match_by_name). A new dwelling has no one to
     * match by name. */
    if (w.id && !dwelling->fresh) {
        char key[96];
        link_key(key, sizeof key, dwelling->id, w.id, c.relation);
        if ((rc = strmap_put(job->name_links, key, job)) != HW_OK)
            return rc;
    }
    *outcome = w.outcome == UPSERT_CREATED                              ? ROW_CREATED
               : w.outcome == UPSERT_UPDATED || linked || place_changed ? ROW_UPDATED
                                                                        : ROW_UNCHANGED;
    return HW_OK;
}
