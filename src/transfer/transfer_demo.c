#include "transfer/transfer_demo.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/log.h"
#include "registry/consent.h"
#include "registry/resident.h"
#include "transfer/csv_writer.h"
#include "transfer/transfer.h"

#define JULONGHU "新都街道/聚龙湖社区"
#define JIANKANG "盐渎街道/健康社区"

/* Households in 紫薇花园, 聚龙湖花园 and 老粮站小区 with the special groups of
 * the care tiers (docs/domain.md CT-1: elderly, pre-school children, the
 * disabled and seriously ill, living alone), a tenant who moved out, a party
 * member, and one household in 盐渎街道 that 新都街道 must never see.
 * ID numbers are made up (regions 320902, 320903) with valid GB 11643 check
 * digits. */
static const struct {
    const char *community, *compound, *building; /* community: a place path */
    const char *room, *name, *id_number, *phone, *relation, *moved_in, *moved_out;
    const char *tags[3];
    const char *consent, *consent_by; /* purpose and who agreed, or NULL */
    const char *party_org;            /* name of the member's party organization */
} people[] = {
    {JULONGHU, "紫薇花园", "1幢", "101", "吕文娟", "320902198604120103", "13805110012",
     .relation = "owner", .moved_in = "2015-05-01"},
    {JULONGHU, "紫薇花园", "1幢", "101", "周建国", "320902198409030073", "13912340001",
     .relation = "family", .moved_in = "2015-05-01"},
    {JULONGHU, "紫薇花园", "1幢", "101", "周子涵", "320902202106180049", NULL, .relation = "family",
     .tags = {"preschool_child"}},
    {JULONGHU, "紫薇花园", "1幢", "102", "陈桂英", "320902194002290166", "13605150023",
     .relation = "owner", .tags = {"aged_80_plus", "living_alone"}, .consent = "care_tier",
     .consent_by = "陈桂英"},
    {JULONGHU, "紫薇花园", "1幢", "201", "刘洪涛", "320902197511300039", "13851000031",
     .relation = "owner"},
    {JULONGHU, "紫薇花园", "1幢", "201", "王丽", "320902197803150108", "13851000032",
     .relation = "family"},
    {JULONGHU, "紫薇花园", "1幢", "202", "赵磊", "320902199507070073", "13770000041",
     .relation = "tenant", .moved_in = "2022-03-01", .moved_out = "2024-06-30"},
    {JULONGHU, "紫薇花园", "1幢", "202", "孙晓明", "320902199812010093", "15850000042",
     .relation = "tenant", .moved_in = "2024-07-15"},
    {JULONGHU, "紫薇花园", "1幢", "301", "杨秀兰", "32090219480520046X", "13305150051",
     .relation = "owner", .tags = {"disabled"}, .consent = "health_data", .consent_by = "杨军"},
    {JULONGHU, "紫薇花园", "1幢", "301", "杨军", "320902197208080037", "13905150052",
     .relation = "family"},
    {JULONGHU, "紫薇花园", "1幢", "401", "缪蓉", "320902197910020683", "13805110008",
     .relation = "owner", .consent = "public_card", .consent_by = "缪蓉", .party_org = "1幢党小组"},
    {JULONGHU, "紫薇花园", "2幢", "101", "郭美玲", "320902199001250106", "18651000061",
     .relation = "owner"},
    {JULONGHU, "紫薇花园", "3幢", "101", "黄建华", "320902196810100075", "13951000071",
     .relation = "owner"},
    {JULONGHU, "紫薇花园", "3幢", "101", "黄思雨", "320902201904040046", NULL, .relation = "family",
     .tags = {"preschool_child"}},
    {JULONGHU, "聚龙湖花园", "1幢", "101", "徐志强", "320902195506160116", "13585000081",
     .relation = "owner", .tags = {"empty_nest"}},
    {JULONGHU, "聚龙湖花园", "1幢", "101", "马玉珍", "320902195709090082", "13585000082",
     .relation = "family", .tags = {"empty_nest"}},
    {JULONGHU, "聚龙湖花园", "1幢", "102", "吴国平", "320902196212120156", "13805150091",
     .relation = "owner", .tags = {"low_income"}},
    {JULONGHU, "老粮站小区", "1幢", "101", "钱德福", "320902193701080075", "13705150101",
     .relation = "owner", .tags = {"aged_80_plus", "living_alone", "seriously_ill"},
     .consent = "care_tier", .consent_by = "钱德福"},
    {JULONGHU, "老粮站小区", "1幢", "201", "朱小红", "320902198307210049", "15905150111",
     .relation = "owner", .tags = {"low_income"}},
    {JULONGHU, "老粮站小区", "1幢", "201", "朱浩", "320902201005050013", NULL,
     .relation = "family"},
    {JULONGHU, "老粮站小区", "1幢", "102", "陶志明", "320902199102140037", "18905150121",
     .relation = "tenant", .moved_in = "2023-09-01"},
    {JIANKANG, "惠民小区", "1幢", "101", "韩梅", "320903198808180104", "13805120021",
     .relation = "owner", .consent = "registry", .consent_by = "韩梅"},
};

enum {
    N_PEOPLE = sizeof people / sizeof people[0],
    DEMO_SHEET_MAX = 16 * 1024,
    PATH_MAX_LEN = 256
};

struct demo_sheet {
    char text[DEMO_SHEET_MAX];
    size_t used;
};

static int sheet_append(const char *data, size_t len, void *ctx)
{
    struct demo_sheet *sh = ctx;
    if (len >= sizeof sh->text - sh->used)
        return HW_ELIMIT;
    memcpy(sh->text + sh->used, data, len);
    sh->used += len;
    return HW_OK;
}

/* The building person i lives in. */
static int building_of(struct db *db, size_t i, int64_t *id)
{
    char path[PATH_MAX_LEN];
    int n = snprintf(path, sizeof path, "%s/%s/%s", people[i].community, people[i].compound,
                     people[i].building);
    if (n < 0 || (size_t)n >= sizeof path)
        return HW_ELIMIT;
    return demo_place_at(db, path, id);
}

/* The name of the grid of the building person i lives in. */
static int grid_name(struct db *db, size_t i, char *out, size_t size)
{
    int64_t building;
    int rc = building_of(db, i, &building);
    struct db_stmt *st;
    if (rc == HW_OK)
        rc = db_query_row(db, &st,
                          "SELECT g.name FROM places b JOIN places g ON g.id = b.grid_id"
                          " WHERE b.id = $1",
                          "i", building);
    if (rc != HW_OK)
        return rc;
    int n = snprintf(out, size, "%s", db_col_text(st, 0));
    db_reset(st);
    return n >= 0 && (size_t)n < size ? HW_OK : HW_ELIMIT;
}

static int write_person(struct db *db, struct csv_writer *w, size_t i)
{
    char tags[128] = "", grid[PATH_MAX_LEN];
    for (int t = 0; t < 3 && people[i].tags[t]; t++)
        snprintf(tags + strlen(tags), sizeof tags - strlen(tags), "%s%s", t ? ";" : "",
                 people[i].tags[t]);
    int rc = grid_name(db, i, grid, sizeof grid);
    if (rc != HW_OK)
        return rc;
    const char *row[] = {people[i].compound, people[i].building,
                         people[i].room,     grid,
                         people[i].name,     people[i].id_number,
                         people[i].phone,    people[i].relation,
                         people[i].moved_in, tags};
    for (size_t c = 0; c < sizeof row / sizeof row[0]; c++)
        csv_writer_cell(w, row[c]);
    csv_writer_end_row(w);
    return HW_OK;
}

/* The sheet of the people of one community, in the order of people[]. */
static int demo_sheet(struct db *db, const char *community, struct demo_sheet *sh)
{
    static const char *const header[] = {"小区",     "楼栋", "房号", "网格",     "姓名",
                                         "身份证号", "手机", "关系", "入住日期", "标签"};
    struct csv_writer w;
    csv_writer_init(&w, sheet_append, sh);
    sh->used = 0;
    for (size_t c = 0; c < sizeof header / sizeof header[0]; c++)
        csv_writer_cell(&w, header[c]);
    csv_writer_end_row(&w);
    int rc = HW_OK;
    for (size_t i = 0; rc == HW_OK && i < N_PEOPLE; i++)
        if (strcmp(people[i].community, community) == 0)
            rc = write_person(db, &w, i);
    return rc == HW_OK ? csv_writer_flush(&w) : rc;
}

static int demo_import(struct db *db, const char *community, const struct demo_sheet *sh)
{
    struct import_options o = {.kind = TRANSFER_RESIDENTS,
                               .actor = actor_command_line,
                               .who = &principal_operator,
                               .in_caller_txn = true};
    int rc = demo_place_at(db, community, &o.community_id);
    struct import_job *job;
    const struct import_report *r;
    if (rc != HW_OK || (rc = import_begin(db, &o, &job)) != HW_OK)
        return rc;
    if ((rc = import_feed(job, sh->text, sh->used)) == HW_OK &&
        (rc = import_finish(job, &r)) == HW_OK && r->rejected_rows) {
        const struct import_rejection *x = &r->rejections[0];
        log_error("demo: residents line %lld: %s: %s", (long long)x->line, x->field, x->en);
        rc = HW_EINVAL;
    }
    import_free(job);
    return rc;
}

static int join_party_org(struct db *db, int64_t district, int64_t resident, const char *org)
{
    struct arena *a = arena_create();
    struct resident r;
    const char *bad = NULL;
    int rc = a ? resident_load(db, a, resident, &r) : HW_ENOMEM;
    if (rc == HW_OK)
        rc = db_scalar_int(db, &r.party_org_id,
                           "SELECT id FROM party_orgs WHERE district_id = $1 AND name = $2", "is",
                           district, org);
    if (rc == HW_OK)
        rc = resident_update(db, resident, &r, &bad);
    arena_destroy(a);
    return rc;
}

/* Moving out, consent and party membership of person i, imported before. */
static int person_extras(struct db *db, size_t i)
{
    if (!people[i].moved_out && !people[i].consent && !people[i].party_org)
        return HW_OK;
    int64_t building = 0, district = 0, resident = 0, occupancy = 0, consent;
    int rc = building_of(db, i, &building);
    if (rc == HW_OK)
        rc = db_scalar_int(db, &district, "SELECT district_id FROM places WHERE id = $1", "i",
                           building);
    if (rc == HW_OK)
        rc = db_scalar_int(db, &resident,
                           "SELECT id FROM residents WHERE district_id = $1 AND id_number = $2",
                           "is", district, people[i].id_number);
    if (rc == HW_OK && people[i].party_org)
        rc = join_party_org(db, district, resident, people[i].party_org);
    if (rc == HW_OK && people[i].moved_out &&
        (rc = db_scalar_int(db, &occupancy,
                            "SELECT id FROM occupancies WHERE resident_id = $1"
                            " AND moved_out IS NULL ORDER BY id LIMIT 1",
                            "i", resident)) == HW_OK)
        rc = occupancy_end(db, occupancy, people[i].moved_out);
    if (rc == HW_OK && people[i].consent)
        rc = consent_add(db, resident, people[i].consent, people[i].consent_by, 0, &consent);
    return rc;
}

int transfer_demo(struct db *db, const struct demo_env *env)
{
    (void)env;
    static const char *const communities[] = {JULONGHU, JIANKANG};
    static struct demo_sheet sheet;
    int rc = HW_OK;
    for (size_t c = 0; rc == HW_OK && c < sizeof communities / sizeof communities[0]; c++)
        if ((rc = demo_sheet(db, communities[c], &sheet)) == HW_OK)
            rc = demo_import(db, communities[c], &sheet);
    for (size_t i = 0; rc == HW_OK && i < N_PEOPLE; i++)
        if ((rc = person_extras(db, i)) != HW_OK)
            log_error("demo: cannot complete resident %s (%s)", people[i].name, hw_strerror(rc));
    return rc;
}
