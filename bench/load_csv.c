/* The people of the city as a residents import file (docs/import-format.md):
 * one row per person, naming their dwelling by compound, building, entrance
 * and room as a community's spreadsheet does. The columns are this one
 * table; places rows and the skeleton are not written (the skeleton is
 * loaded into the database beforehand, see gen_city --skeleton-only). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"

struct csv_loader {
    struct loader base;
    FILE *out;
    char *path;
};

/* Chinese names of the tags people.c hands out (schema/002_registry.sql). */
static const char *tag_zh(const char *code)
{
    static const char *const names[][2] = {
        {"aged_80_plus", "80岁以上高龄"},  {"living_alone", "独居"}, {"disabled", "残疾"},
        {"preschool_child", "学龄前儿童"}, {"low_income", "低保"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i][0], code) == 0)
            return names[i][1];
    return code;
}

static const char *relation_zh(const char *relation)
{
    return strcmp(relation, "owner") == 0    ? "业主"
           : strcmp(relation, "tenant") == 0 ? "租户"
                                             : "家属";
}

typedef void (*cell_fn)(FILE *out, const struct household *h, const struct person *p);

static void c_compound(FILE *o, const struct household *h, const struct person *p)
{
    (void)p;
    fputs(h->compound, o);
}
static void c_building(FILE *o, const struct household *h, const struct person *p)
{
    (void)p;
    fputs(h->building, o);
}
static void c_entrance(FILE *o, const struct household *h, const struct person *p)
{
    (void)p;
    fputs(h->entrance, o);
}
static void c_room(FILE *o, const struct household *h, const struct person *p)
{
    (void)p;
    fputs(h->dwelling->name, o);
}
static void c_floor(FILE *o, const struct household *h, const struct person *p)
{
    (void)p;
    fprintf(o, "%d", h->dwelling->floor);
}
static void c_area(FILE *o, const struct household *h, const struct person *p)
{
    (void)p;
    int64_t cm2 = h->dwelling->area_cm2;
    fprintf(o, "%lld.%02lld", (long long)(cm2 / 10000), (long long)(cm2 % 10000 / 100));
}
static void c_grid(FILE *o, const struct household *h, const struct person *p)
{
    (void)p;
    fputs(h->grid, o);
}
static void c_micro_grid(FILE *o, const struct household *h, const struct person *p)
{
    (void)p;
    fputs(h->micro_grid, o);
}
static void c_name(FILE *o, const struct household *h, const struct person *p)
{
    (void)h;
    fputs(p->name, o);
}
static void c_sex(FILE *o, const struct household *h, const struct person *p)
{
    (void)h;
    fputs(strcmp(p->sex, "male") == 0 ? "男" : "女", o);
}
static void c_birth(FILE *o, const struct household *h, const struct person *p)
{
    (void)h;
    fputs(p->birth_date, o);
}
static void c_id_number(FILE *o, const struct household *h, const struct person *p)
{
    (void)h;
    fputs(p->id_number, o);
}
static void c_phone(FILE *o, const struct household *h, const struct person *p)
{
    (void)h;
    fputs(p->phone, o);
}
static void c_relation(FILE *o, const struct household *h, const struct person *p)
{
    (void)h;
    fputs(relation_zh(p->relation), o);
}
/* Not before the birth date, which an import refuses (both are YYYY-MM-DD). */
static void c_moved_in(FILE *o, const struct household *h, const struct person *p)
{
    (void)h;
    fputs(strcmp(p->moved_in, p->birth_date) < 0 ? p->birth_date : p->moved_in, o);
}
static void c_tags(FILE *o, const struct household *h, const struct person *p)
{
    (void)h;
    for (size_t i = 0; i < p->ntags; i++)
        fprintf(o, "%s%s", i ? "、" : "", tag_zh(p->tags[i]));
}

/* The file's columns: header as an export writes it (src/transfer/columns.c),
 * and the cell. No cell holds a comma, quote or line break, so none is quoted. */
static const struct {
    const char *header;
    cell_fn cell;
} columns[] = {
    {"小区", c_compound}, {"楼栋", c_building}, {"单元", c_entrance},     {"房号", c_room},
    {"楼层", c_floor},    {"面积", c_area},     {"网格", c_grid},         {"微网格", c_micro_grid},
    {"姓名", c_name},     {"性别", c_sex},      {"出生日期", c_birth},    {"身份证号", c_id_number},
    {"手机", c_phone},    {"关系", c_relation}, {"入住日期", c_moved_in}, {"标签", c_tags},
};
enum { N_COLUMNS = sizeof columns / sizeof columns[0] };

static int on_household(void *ctx, const struct household *h)
{
    struct csv_loader *l = ctx;
    for (size_t i = 0; i < h->npeople; i++) {
        for (int c = 0; c < N_COLUMNS; c++) {
            if (c)
                fputc(',', l->out);
            columns[c].cell(l->out, h, &h->people[i]);
        }
        fputs("\r\n", l->out);
    }
    return ferror(l->out) ? -1 : 0;
}

static int finish(struct loader *base, bool ok, struct load_times *t)
{
    struct csv_loader *l = (struct csv_loader *)base;
    *t = (struct load_times){0};
    int rc = fclose(l->out) == 0 && ok ? 0 : -1;
    if (rc)
        fprintf(stderr, "gen_city: %s: could not write the whole file\n", l->path);
    free(l->path);
    free(l);
    return rc;
}

int csv_loader_open(const char *path, struct loader **out)
{
    struct csv_loader *l = calloc(1, sizeof *l);
    if (!l || !(l->path = strdup(path)) || !(l->out = fopen(path, "w"))) {
        perror(path);
        if (l)
            free(l->path);
        free(l);
        return -1;
    }
    for (int c = 0; c < N_COLUMNS; c++)
        fprintf(l->out, "%s%s", c ? "," : "", columns[c].header);
    fputs("\r\n", l->out);
    l->base.sink = (struct city_sink){l, NULL, NULL, on_household};
    l->base.finish = finish;
    l->base.first_place_id = l->base.first_resident_id = 1;
    l->base.first_occupancy_id = l->base.first_history_id = 1;
    *out = &l->base;
    return 0;
}
