#include "city.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "people.h"

/* The shape of the city. Sources for the sizes are in docs/benchmarks.md. */
enum {
    COMMUNITIES_PER_SUBDISTRICT = 8,
    /* 19 micro-grid workers x 400-450 households (docs/domain.md GR-3) ≈ 8,000. */
    COMMUNITY_DWELLINGS = 8000,
    /* One micro-grid worker per 400-450 households (docs/domain.md GR-3). */
    MICRO_GRID_DWELLINGS = 425,
    MICRO_GRIDS_PER_GRID = 2,
    COMPOUND_MIN = 300,
    COMPOUND_MAX = 2500,
};
#define OCCUPIED_SHARE 0.8
#define TENANT_SHARE 0.15

/* Residential building types of Chinese cities: six-storey walk-ups, mid-rise
 * slabs, high-rises and towers (entrances x floors x dwellings per floor). */
static const struct building_type {
    int weight, floors, entrances_min, entrances_max, per_floor, area_min_m2, area_max_m2;
} types[] = {
    {40, 6, 2, 4, 2, 55, 100},
    {25, 11, 2, 2, 2, 85, 130},
    {20, 18, 2, 2, 3, 80, 140},
    {15, 33, 1, 2, 4, 70, 140},
};
enum { N_TYPES = sizeof types / sizeof types[0] };

static const char *const name_stems[] = {
    "紫薇", "金桂", "翠竹", "锦绣", "阳光", "幸福", "和平", "东风", "新华", "人民",
    "春晖", "湖滨", "枫林", "梧桐", "碧水", "蓝天", "嘉园", "龙湖", "凤凰", "玉兰",
    "文昌", "新城", "滨江", "花溪", "银杏", "青松", "丽景", "书香", "朝阳", "明珠",
    "天福", "盛世", "绿洲", "海棠", "华府", "怡景", "长安", "南苑", "北苑", "西苑",
};
enum { N_STEMS = sizeof name_stems / sizeof name_stems[0] };
static const char *const compound_suffixes[] = {"花园", "小区", "新村", "家园",
                                                "公寓", "苑",   "名邸", "雅居"};
enum { N_SUFFIXES = sizeof compound_suffixes / sizeof compound_suffixes[0] };

struct planned_building {
    int type, entrances, area_min_cm2, area_span_cm2;
    int64_t grid_index, micro_index; /* within the community */
};

struct planned_compound {
    int64_t first_building, nbuildings;
};

struct walk {
    const struct city_options *o;
    const struct city_sink *sink;
    struct city_totals *t;
    struct rng r;
    struct id_registry *ids;
    int64_t next_place, next_resident, next_occupancy, next_history, remaining;
    char region[7];
    struct planned_building *buildings;
    struct planned_compound *compounds;
    int64_t nbuildings, ncompounds, ngrids, nmicro;
    int64_t *grid_ids, *micro_ids;
    int64_t buildings_cap, compounds_cap, grids_cap, micro_cap;
};

/* "紫薇花园", "紫薇花园二期"... unique within the community for index i. */
static void compound_name(int64_t i, char *out, size_t size)
{
    int64_t round = i / (N_STEMS * N_SUFFIXES);
    const char *stem = name_stems[i % N_STEMS],
               *suffix = compound_suffixes[(i / N_STEMS) % N_SUFFIXES];
    if (round)
        snprintf(out, size, "%s%s%lld期", stem, suffix, (long long)round + 1);
    else
        snprintf(out, size, "%s%s", stem, suffix);
}

static void place_name(const char *stem_suffix, int64_t i, char *out, size_t size)
{
    int64_t round = i / N_STEMS;
    if (round)
        snprintf(out, size, "%s%lld%s", name_stems[i % N_STEMS], (long long)round + 1, stem_suffix);
    else
        snprintf(out, size, "%s%s", name_stems[i % N_STEMS], stem_suffix);
}

static int building_dwellings(const struct planned_building *b)
{
    return b->entrances * types[b->type].floors * types[b->type].per_floor;
}

static int grow(void **p, int64_t *cap, int64_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    int64_t n = *cap ? *cap * 2 : 256;
    while (n < need)
        n *= 2;
    void *q = realloc(*p, (size_t)n * elem);
    if (!q)
        return -1;
    *p = q;
    *cap = n;
    return 0;
}

/* Draws the community's compounds and buildings, and gives each building its
 * grid and micro-grid: consecutive buildings fill a micro-grid up to about
 * 425 dwellings, two micro-grids make a grid. */
static int plan_community(struct walk *w, int64_t target)
{
    w->nbuildings = w->ncompounds = 0;
    int64_t placed = 0, micro_fill = 0, micro = 0;
    while (placed < target) {
        int64_t compound_target =
            COMPOUND_MIN + (int64_t)rng_below(&w->r, COMPOUND_MAX - COMPOUND_MIN);
        if (grow((void **)&w->compounds, &w->compounds_cap, w->ncompounds + 1,
                 sizeof *w->compounds))
            return -1;
        struct planned_compound *c = &w->compounds[w->ncompounds++];
        *c = (struct planned_compound){w->nbuildings, 0};
        for (int64_t in_compound = 0; in_compound < compound_target && placed < target;) {
            if (grow((void **)&w->buildings, &w->buildings_cap, w->nbuildings + 1,
                     sizeof *w->buildings))
                return -1;
            struct planned_building *b = &w->buildings[w->nbuildings++];
            int x = (int)rng_below(&w->r, 100), type = 0;
            while (type < N_TYPES - 1 && (x -= types[type].weight) >= 0)
                type++;
            const struct building_type *bt = &types[type];
            b->type = type;
            b->entrances =
                bt->entrances_min +
                (int)rng_below(&w->r, (uint64_t)(bt->entrances_max - bt->entrances_min + 1));
            b->area_min_cm2 = bt->area_min_m2 * 10000;
            b->area_span_cm2 = (bt->area_max_m2 - bt->area_min_m2) * 10000;
            if (micro_fill >= MICRO_GRID_DWELLINGS) {
                micro++;
                micro_fill = 0;
            }
            b->micro_index = micro;
            b->grid_index = micro / MICRO_GRIDS_PER_GRID;
            int n = building_dwellings(b);
            micro_fill += n;
            in_compound += n;
            placed += n;
            c->nbuildings++;
        }
    }
    w->nmicro = micro + 1;
    w->ngrids = micro / MICRO_GRIDS_PER_GRID + 1;
    return 0;
}

static int emit_place(struct walk *w, struct place_row *p)
{
    w->t->places++;
    return w->sink->place ? w->sink->place(w->sink->ctx, p) : 0;
}

static int emit_household(struct walk *w, const struct place_row *d, const char *names[5])
{
    struct household h = {.dwelling = d,
                          .compound = names[0],
                          .building = names[1],
                          .entrance = names[2],
                          .grid = names[3],
                          .micro_grid = names[4]};
    double mean = w->o->residents_per_dwelling;
    double occupied = mean < OCCUPIED_SHARE ? mean : OCCUPIED_SHARE;
    if (rng_chance(&w->r, occupied)) {
        double size = mean / occupied;
        int n = (int)size + rng_chance(&w->r, size - (int)size);
        h.npeople = (size_t)(n < 1 ? 1 : n > HOUSEHOLD_MAX ? HOUSEHOLD_MAX : n);
    }
    int tenants = rng_chance(&w->r, TENANT_SHARE);
    /* Moved in between 1995-01-01 and 2024-12-31 (days since 1900-01-01). */
    char moved_in[11];
    day_format(34698 + (int)rng_below(&w->r, 10957), moved_in);
    for (size_t i = 0; i < h.npeople; i++) {
        struct person *p = &h.people[i];
        if (person_draw(&w->r, w->ids, w->region, i == 0, h.npeople == 1, p))
            return -1;
        p->resident_id = w->next_resident++;
        p->occupancy_id = w->next_occupancy++;
        p->relation = tenants ? "tenant" : i == 0 ? "owner" : "family";
        memcpy(p->moved_in, moved_in, sizeof moved_in);
        w->t->resident_tags += (int64_t)p->ntags;
    }
    w->t->residents += (int64_t)h.npeople;
    w->t->occupancies += (int64_t)h.npeople;
    w->t->dwellings++;
    return w->sink->household ? w->sink->household(w->sink->ctx, &h) : 0;
}

static int emit_building(struct walk *w, const struct place_row *compound, int64_t index,
                         const struct planned_building *b)
{
    const struct building_type *bt = &types[b->type];
    char bname[32], ename[32], room[16], gname[32], mname[32];
    snprintf(bname, sizeof bname, "%lld幢", (long long)index + 1);
    snprintf(gname, sizeof gname, "第%lld网格", (long long)b->grid_index + 1);
    snprintf(mname, sizeof mname, "%lld-%lld微网格", (long long)b->grid_index + 1,
             (long long)(b->micro_index % MICRO_GRIDS_PER_GRID) + 1);
    struct place_row bp = *compound;
    bp.id = w->next_place++;
    bp.parent_id = compound->id;
    bp.kind = "building";
    bp.name = bname;
    bp.building_id = bp.id;
    bp.grid_id = w->grid_ids[b->grid_index];
    bp.micro_grid_id = w->micro_ids[b->micro_index];
    int rc = emit_place(w, &bp);
    w->t->buildings++;
    struct grid_history_row h = {w->next_history++, bp.district_id, bp.id, bp.grid_id,
                                 bp.micro_grid_id};
    if (!rc && w->sink->grid_history)
        rc = w->sink->grid_history(w->sink->ctx, &h);
    for (int e = 0; !rc && e < b->entrances; e++) {
        snprintf(ename, sizeof ename, "%d单元", e + 1);
        struct place_row ep = bp;
        ep.id = w->next_place++;
        ep.parent_id = bp.id;
        ep.kind = "entrance";
        ep.name = ename;
        ep.entrance_id = ep.id;
        rc = emit_place(w, &ep);
        w->t->entrances++;
        for (int f = 1; !rc && f <= bt->floors; f++) {
            for (int n = 1; !rc && n <= bt->per_floor; n++) {
                snprintf(room, sizeof room, "%d", f * 100 + n);
                struct place_row dp = ep;
                dp.id = w->next_place++;
                dp.parent_id = ep.id;
                dp.kind = "dwelling";
                dp.name = room;
                dp.floor = f;
                /* Exact to the hundredth of a square metre, as registered. */
                dp.area_cm2 = b->area_min_cm2 +
                              100 * (int64_t)rng_below(&w->r, (uint64_t)b->area_span_cm2 / 100);
                const char *names[5] = {compound->name, bname, ename, gname, mname};
                if (!(rc = emit_place(w, &dp)))
                    rc = emit_household(w, &dp, names);
            }
        }
    }
    return rc;
}

static int emit_community(struct walk *w, const struct place_row *sub, int64_t index)
{
    int64_t target = w->remaining;
    if (!w->o->one_community) {
        /* 8,000 ± 20% dwellings. */
        int64_t size =
            COMMUNITY_DWELLINGS * 8 / 10 + (int64_t)rng_below(&w->r, COMMUNITY_DWELLINGS * 4 / 10);
        target = size < target ? size : target;
    }
    if (plan_community(w, target))
        return -1;
    char cname[48];
    place_name("社区", index, cname, sizeof cname);
    struct place_row c = *sub;
    c.id = w->next_place++;
    c.parent_id = sub->id;
    c.kind = "community";
    c.name = cname;
    c.community_id = c.id;
    int rc = emit_place(w, &c);
    w->t->communities++;
    if (!rc && (grow((void **)&w->grid_ids, &w->grids_cap, w->ngrids, sizeof(int64_t)) ||
                grow((void **)&w->micro_ids, &w->micro_cap, w->nmicro, sizeof(int64_t))))
        rc = -1;
    for (int64_t g = 0; !rc && g < w->ngrids; g++) {
        char gname[32];
        snprintf(gname, sizeof gname, "第%lld网格", (long long)g + 1);
        struct place_row gp = c;
        gp.id = w->next_place++;
        gp.parent_id = c.id;
        gp.kind = "grid";
        gp.name = gname;
        gp.grid_id = gp.id;
        gp.grid_type = "comprehensive";
        w->grid_ids[g] = gp.id;
        rc = emit_place(w, &gp);
        w->t->grids++;
        for (int64_t m = g * MICRO_GRIDS_PER_GRID;
             !rc && m < w->nmicro && m < (g + 1) * MICRO_GRIDS_PER_GRID; m++) {
            char mname[32];
            snprintf(mname, sizeof mname, "%lld-%lld微网格", (long long)g + 1,
                     (long long)(m % MICRO_GRIDS_PER_GRID) + 1);
            struct place_row mp = gp;
            mp.id = w->next_place++;
            mp.parent_id = gp.id;
            mp.kind = "micro_grid";
            mp.name = mname;
            mp.grid_type = NULL;
            mp.micro_grid_id = mp.id;
            w->micro_ids[m] = mp.id;
            rc = emit_place(w, &mp);
            w->t->micro_grids++;
        }
    }
    for (int64_t k = 0; !rc && k < w->ncompounds; k++) {
        char name[64];
        compound_name(k, name, sizeof name);
        struct place_row cp = c;
        cp.id = w->next_place++;
        cp.parent_id = c.id;
        cp.kind = "compound";
        cp.name = name;
        cp.compound_id = cp.id;
        rc = emit_place(w, &cp);
        w->t->compounds++;
        const struct planned_compound *pc = &w->compounds[k];
        for (int64_t b = 0; !rc && b < pc->nbuildings; b++) {
            rc = emit_building(w, &cp, b, &w->buildings[pc->first_building + b]);
            w->remaining -= building_dwellings(&w->buildings[pc->first_building + b]);
        }
    }
    return rc;
}

int city_generate(const struct city_options *o, const struct city_sink *sink,
                  struct city_totals *totals)
{
    *totals = (struct city_totals){0};
    struct walk w = {.o = o,
                     .sink = sink,
                     .t = totals,
                     .r = {o->seed},
                     .next_place = o->first_place_id,
                     .next_resident = o->first_resident_id,
                     .next_occupancy = o->first_occupancy_id,
                     .next_history = o->first_history_id,
                     .remaining = o->dwellings};
    w.ids = id_registry_new();
    if (!w.ids)
        return -1;
    int rc = 0;
    for (int64_t s = 0; !rc && w.remaining > 0; s++) {
        id_registry_clear(w.ids);
        /* Area codes of a made-up prefecture: 32 09 xx. */
        snprintf(w.region, sizeof w.region, "3209%02lld", (long long)(s % 100));
        char sname[48];
        place_name("街道", s, sname, sizeof sname);
        struct place_row sub = {
            .id = w.next_place++, .kind = "subdistrict", .name = sname, .area_cm2 = -1};
        sub.district_id = sub.id;
        rc = emit_place(&w, &sub);
        totals->subdistricts++;
        for (int64_t c = 0;
             !rc && w.remaining > 0 && (o->one_community ? c < 1 : c < COMMUNITIES_PER_SUBDISTRICT);
             c++)
            rc = emit_community(&w, &sub, c);
    }
    id_registry_free(w.ids);
    free(w.buildings);
    free(w.compounds);
    free(w.grid_ids);
    free(w.micro_ids);
    return rc;
}
