#include "place/place_demo.h"

#include "base/err.h"
#include "base/log.h"
#include "place/place.h"

/* 新都街道 and 聚龙湖社区 (docs/domain.md), 紫薇花园 with its property
 * company (001), 康欣花园 (004), a compound without a property company in a
 * zone (002), and a neighbouring sub-district that must stay invisible. */
enum demo_place {
    P_XINDU,
    P_JULONGHU,
    P_GRID1,
    P_GRID2,
    P_GRID3,
    P_GRID1_MG1,
    P_ZIWEI,
    P_ZIWEI_B1,
    P_ZIWEI_B1_E1,
    P_ZIWEI_B1_E1_101,
    P_ZIWEI_B2,
    P_ZIWEI_B3,
    P_JULONGHU_GARDEN,
    P_JLH_B1,
    P_JLH_B2,
    P_KANGXIN,
    P_KANGXIN_B1,
    P_ZONE1,
    P_LAOLIANGZHAN,
    P_LLZ_B1,
    P_YANDU,
    P_JIANKANG,
    P_JIANKANG_GRID1,
    P_HUIMIN,
    P_HUIMIN_B1,
    P_NONE
};

/* In creation order: a place's parent, grid, zone and micro-grid come
 * before it. */
static const struct {
    enum demo_place self, parent, grid, zone, micro_grid;
    const char *kind, *name, *code;
} places[] = {
    {P_XINDU, P_NONE, P_NONE, P_NONE, P_NONE, "subdistrict", "新都街道", "320971001"},
    {P_JULONGHU, P_XINDU, P_NONE, P_NONE, P_NONE, "community", "聚龙湖社区", "320971001001"},
    {P_GRID1, P_JULONGHU, P_NONE, P_NONE, P_NONE, "grid", "第一网格", "32097100100101"},
    {P_GRID2, P_JULONGHU, P_NONE, P_NONE, P_NONE, "grid", "第二网格", "32097100100102"},
    {P_GRID3, P_JULONGHU, P_NONE, P_NONE, P_NONE, "grid", "第三网格", "32097100100103"},
    {P_GRID1_MG1, P_GRID1, P_NONE, P_NONE, P_NONE, "micro_grid", "第一微网格", "3209710010010101"},
    {P_ZIWEI, P_JULONGHU, P_NONE, P_NONE, P_NONE, "compound", "紫薇花园", NULL},
    {P_ZIWEI_B1, P_ZIWEI, P_GRID1, P_NONE, P_GRID1_MG1, "building", "1幢", NULL},
    {P_ZIWEI_B1_E1, P_ZIWEI_B1, P_NONE, P_NONE, P_NONE, "entrance", "1单元", NULL},
    {P_ZIWEI_B1_E1_101, P_ZIWEI_B1_E1, P_NONE, P_NONE, P_NONE, "dwelling", "101", NULL},
    {P_ZIWEI_B2, P_ZIWEI, P_GRID1, P_NONE, P_GRID1_MG1, "building", "2幢", NULL},
    {P_ZIWEI_B3, P_ZIWEI, P_GRID2, P_NONE, P_NONE, "building", "3幢", NULL},
    {P_JULONGHU_GARDEN, P_JULONGHU, P_NONE, P_NONE, P_NONE, "compound", "聚龙湖花园", NULL},
    {P_JLH_B1, P_JULONGHU_GARDEN, P_GRID2, P_NONE, P_NONE, "building", "1幢", NULL},
    {P_JLH_B2, P_JULONGHU_GARDEN, P_GRID2, P_NONE, P_NONE, "building", "2幢", NULL},
    {P_KANGXIN, P_JULONGHU, P_NONE, P_NONE, P_NONE, "compound", "康欣花园", NULL},
    {P_KANGXIN_B1, P_KANGXIN, P_GRID3, P_NONE, P_NONE, "building", "1幢", NULL},
    {P_ZONE1, P_JULONGHU, P_NONE, P_NONE, P_NONE, "zone", "片区一", NULL},
    /* No property company: a shared team serves its zone (docs/domain.md PL-5). */
    {P_LAOLIANGZHAN, P_JULONGHU, P_NONE, P_ZONE1, P_NONE, "compound", "老粮站小区", NULL},
    {P_LLZ_B1, P_LAOLIANGZHAN, P_GRID3, P_NONE, P_NONE, "building", "1幢", NULL},
    {P_YANDU, P_NONE, P_NONE, P_NONE, P_NONE, "subdistrict", "盐渎街道", "320971002"},
    {P_JIANKANG, P_YANDU, P_NONE, P_NONE, P_NONE, "community", "健康社区", "320971002001"},
    {P_JIANKANG_GRID1, P_JIANKANG, P_NONE, P_NONE, P_NONE, "grid", "第一网格", "32097100200101"},
    {P_HUIMIN, P_JIANKANG, P_NONE, P_NONE, P_NONE, "compound", "惠民小区", NULL},
    {P_HUIMIN_B1, P_HUIMIN, P_JIANKANG_GRID1, P_NONE, P_NONE, "building", "1幢", NULL},
};

_Static_assert(sizeof places / sizeof places[0] == P_NONE, "one row per demo place");

static int64_t id_of(const int64_t ids[P_NONE], enum demo_place p)
{
    return p == P_NONE ? 0 : ids[p];
}

int place_demo(struct db *db, const struct demo_env *env)
{
    (void)env;
    int64_t ids[P_NONE] = {0};
    for (size_t i = 0; i < sizeof places / sizeof places[0]; i++) {
        struct place_new p = {
            .kind = places[i].kind,
            .name = places[i].name,
            .code = places[i].code,
            .parent_id = id_of(ids, places[i].parent),
            .grid_id = id_of(ids, places[i].grid),
            .zone_id = id_of(ids, places[i].zone),
            .micro_grid_id = id_of(ids, places[i].micro_grid),
            .area_cm2 = -1,
        };
        const char *bad = NULL;
        int rc = place_create(db, &p, &ids[places[i].self], &bad);
        if (rc != HW_OK) {
            log_error("demo: cannot create %s (%s)", places[i].name, bad ? bad : hw_strerror(rc));
            return rc;
        }
    }
    return HW_OK;
}
