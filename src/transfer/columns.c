#include "transfer/columns.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "transfer/cell.h"

enum { MAX_ALIASES = 7 };

/* Per column: its name, the Chinese header an export writes, other headers
 * in use for it, and, per kind (buildings, dwellings, residents), whether the
 * kind reads it: 0 no, 1 optional, 2 required. */
static const struct {
    const char *name, *zh;
    const char *aliases[MAX_ALIASES];
    unsigned char use[3];
} columns[COL_COUNT] = {
    [COL_COMPOUND] = {"compound", "小区", {"小区名称", "小区名", "所属小区"}, {2, 2, 2}},
    [COL_BUILDING] = {"building",
                      "楼栋",
                      {"楼栋号", "楼号", "楼幢", "幢", "栋", "楼宇"},
                      {2, 2, 2}},
    [COL_ENTRANCE] = {"entrance", "单元", {"单元号"}, {0, 1, 1}},
    [COL_ROOM] = {"room", "房号", {"房间号", "门牌号", "户号", "室号", "dwelling"}, {0, 2, 2}},
    [COL_FLOOR] = {"floor", "楼层", {"所在楼层", "层"}, {0, 1, 1}},
    [COL_AREA] = {"area_m2", "面积", {"建筑面积", "专有面积", "房屋面积", "area"}, {1, 1, 1}},
    [COL_GRID] = {"grid", "网格", {"所属网格", "网格名称"}, {2, 1, 1}},
    [COL_MICRO_GRID] = {"micro_grid", "微网格", {"所属微网格"}, {1, 1, 1}},
    [COL_ENTRANCES] = {"entrances", "单元数", {0}, {1, 0, 0}},
    [COL_FLOORS] = {"floors", "层数", {"总层数", "楼层数"}, {1, 0, 0}},
    [COL_PER_FLOOR] = {"per_floor", "每层户数", {"每层户"}, {1, 0, 0}},
    [COL_NAME] = {"name", "姓名", {"名字"}, {0, 0, 2}},
    [COL_SEX] = {"sex", "性别", {0}, {0, 0, 1}},
    [COL_BIRTH_DATE] = {"birth_date", "出生日期", {"出生年月日", "生日"}, {0, 0, 1}},
    [COL_ID_NUMBER] = {"id_number",
                       "身份证号",
                       {"身份证号码", "身份证", "公民身份号码", "证件号码"},
                       {0, 0, 1}},
    [COL_PHONE] = {"phone",
                   "手机",
                   {"手机号", "手机号码", "联系电话", "电话", "mobile"},
                   {0, 0, 1}},
    [COL_RELATION] = {"relation", "关系", {"居住关系", "人户关系"}, {0, 0, 2}},
    [COL_MOVED_IN] = {"moved_in", "入住日期", {"入住时间"}, {0, 0, 1}},
    [COL_TAGS] = {"tags", "标签", {"人群标签", "特殊人群"}, {0, 0, 1}},
    [COL_NOTE] = {"note", "备注", {0}, {0, 0, 1}},
};

static const enum column export_residents[] = {
    COL_COMPOUND,  COL_BUILDING, COL_ENTRANCE, COL_ROOM,     COL_FLOOR,
    COL_AREA,      COL_GRID,     COL_NAME,     COL_SEX,      COL_BIRTH_DATE,
    COL_ID_NUMBER, COL_PHONE,    COL_RELATION, COL_MOVED_IN, COL_TAGS,
    COL_NOTE, /* last: a note may run over several lines */
};
static const enum column export_dwellings[] = {
    COL_COMPOUND, COL_BUILDING, COL_ENTRANCE, COL_ROOM, COL_FLOOR, COL_AREA, COL_GRID,
};

const char *column_name(enum column c) { return columns[c].name; }
const char *column_zh(enum column c) { return columns[c].zh; }

bool column_used(enum transfer_kind kind, enum column c) { return columns[c].use[kind] > 0; }
bool column_required(enum transfer_kind kind, enum column c) { return columns[c].use[kind] == 2; }

size_t column_export_list(enum transfer_kind kind, const enum column **out)
{
    if (kind == TRANSFER_RESIDENTS) {
        *out = export_residents;
        return sizeof export_residents / sizeof export_residents[0];
    }
    *out = export_dwellings;
    return sizeof export_dwellings / sizeof export_dwellings[0];
}

/* Cuts a bracketed note at the end: "面积(㎡)", "面积（平方米）". */
static void drop_note(char *s)
{
    static const char *const opens[] = {"(", "（", "["};
    for (size_t i = 0; i < sizeof opens / sizeof opens[0]; i++) {
        char *p = strstr(s, opens[i]);
        if (p && p > s)
            *p = '\0';
    }
}

static void normalize(const char *header, char *out, size_t out_size)
{
    snprintf(out, out_size, "%s", header);
    cell_clean(out);
    size_t n = strlen(out);
    /* A required-mark: "姓名*", "*姓名", "姓名＊". */
    if (n >= 3 && strcmp(out + n - 3, "＊") == 0)
        out[n -= 3] = '\0';
    if (n && out[n - 1] == '*')
        out[--n] = '\0';
    if (out[0] == '*')
        memmove(out, out + 1, n--);
    drop_note(out);
    cell_clean(out);
    for (char *p = out; *p; p++) {
        if (*p == ' ' || *p == '-')
            *p = '_';
        else
            *p = (char)tolower((unsigned char)*p);
    }
}

int column_lookup(const char *header)
{
    char h[128];
    normalize(header, h, sizeof h);
    if (!h[0])
        return -1;
    for (int c = 0; c < COL_COUNT; c++) {
        if (strcmp(h, columns[c].name) == 0 || strcmp(h, columns[c].zh) == 0)
            return c;
        for (int i = 0; i < MAX_ALIASES && columns[c].aliases[i]; i++)
            if (strcasecmp(h, columns[c].aliases[i]) == 0)
                return c;
    }
    return -1;
}
