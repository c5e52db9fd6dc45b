#include "people.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

uint64_t rng_next(struct rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

uint64_t rng_below(struct rng *r, uint64_t n) { return n ? rng_next(r) % n : 0; }

int rng_chance(struct rng *r, double p) { return (double)(rng_next(r) >> 11) * 0x1p-53 < p; }

/* Days from 1900-01-01 to y-m-d (Howard Hinnant's days_from_civil). */
static int days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = y / 400, yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 693901; /* 693901: 1900-01-01 from 0000-03-01 */
}

void day_format(int day, char out[11])
{
    int z = day + 693901, era = z / 146097, doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    int d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
    int y = yoe + era * 400 + (m <= 2);
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
             (unsigned)d % 100u);
}

/* One bit per (birth day, 3-digit sequence). */
enum { SEQUENCES = 1000 };
struct id_registry {
    unsigned char bits[(size_t)BIRTH_DAYS * SEQUENCES / 8];
};

struct id_registry *id_registry_new(void) { return calloc(1, sizeof(struct id_registry)); }
void id_registry_clear(struct id_registry *reg) { memset(reg->bits, 0, sizeof reg->bits); }
void id_registry_free(struct id_registry *reg) { free(reg); }

/* Surnames with their share of the population in per mille (the 2020 census
 * ranking: 王 李 张 刘 陈 ...); the rest share "other" below. */
static const struct {
    const char *name;
    int per_mille;
} surnames[] = {
    {"王", 71}, {"李", 70}, {"张", 67}, {"刘", 54}, {"陈", 45}, {"杨", 31}, {"黄", 22}, {"赵", 20},
    {"吴", 19}, {"周", 19}, {"徐", 15}, {"孙", 14}, {"马", 13}, {"朱", 12}, {"胡", 11}, {"郭", 11},
    {"何", 11}, {"高", 10}, {"林", 10}, {"罗", 9},  {"郑", 8},  {"梁", 8},  {"谢", 7},  {"宋", 6},
    {"唐", 6},  {"许", 6},  {"韩", 6},  {"冯", 6},  {"邓", 6},  {"曹", 5},  {"彭", 5},  {"曾", 5},
    {"肖", 5},  {"田", 5},  {"董", 5},  {"袁", 5},  {"潘", 4},  {"于", 4},  {"蒋", 4},  {"蔡", 4},
    {"余", 4},  {"杜", 4},  {"叶", 4},  {"程", 4},  {"苏", 4},  {"魏", 4},  {"吕", 4},  {"丁", 4},
    {"任", 4},  {"沈", 3},  {"姚", 3},  {"卢", 3},  {"姜", 3},  {"崔", 3},  {"钟", 3},  {"谭", 3},
    {"陆", 3},  {"汪", 3},  {"范", 3},  {"金", 3},  {"石", 3},  {"廖", 3},  {"贾", 3},  {"夏", 3},
    {"韦", 3},  {"付", 3},  {"方", 3},  {"白", 3},  {"邹", 3},  {"孟", 3},  {"熊", 3},  {"秦", 3},
    {"邱", 3},  {"江", 3},  {"尹", 3},  {"薛", 3},  {"闫", 2},  {"段", 2},  {"雷", 2},  {"侯", 2},
    {"龙", 2},  {"史", 2},  {"陶", 2},  {"黎", 2},  {"贺", 2},  {"顾", 2},  {"毛", 2},  {"郝", 2},
    {"龚", 2},  {"邵", 2},  {"万", 2},  {"钱", 2},  {"严", 2},  {"覃", 2},  {"武", 2},  {"戴", 2},
    {"莫", 2},  {"孔", 2},
};
enum { N_SURNAMES = sizeof surnames / sizeof surnames[0] };

static const char *const given_chars[] = {
    "伟", "芳", "娜", "秀", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
    "涛", "明", "超", "兰", "霞", "平", "刚", "桂", "英", "华", "红", "建", "文", "玉", "海",
    "燕", "志", "琴", "云", "林", "宇", "浩", "凯", "鹏", "辉", "俊", "欣", "怡", "婷", "雪",
    "梅", "琳", "晨", "阳", "鑫", "波", "斌", "宁", "峰", "亮", "倩", "颖", "佳", "子", "涵",
    "博", "轩", "思", "雨", "萱", "梓", "晓", "春", "德", "成", "国", "荣", "福", "永", "生",
    "淑", "珍", "凤", "秋", "金", "彬", "慧", "丹", "莉", "瑞", "泽", "嘉", "睿", "诗", "悦",
};
enum { N_GIVEN = sizeof given_chars / sizeof given_chars[0] };

static const char *surname_draw(struct rng *r)
{
    static int total;
    if (!total)
        for (int i = 0; i < N_SURNAMES; i++)
            total += surnames[i].per_mille;
    /* The remaining ~30% of people carry rarer surnames: spread them evenly. */
    int x = (int)rng_below(r, 1000);
    if (x >= total)
        return surnames[rng_below(r, N_SURNAMES)].name;
    for (int i = 0; i < N_SURNAMES; i++)
        if ((x -= surnames[i].per_mille) < 0)
            return surnames[i].name;
    return surnames[0].name;
}

/* Ages: a household's first person is an adult; the others follow a simple
 * pyramid with a long old-age tail, so a grid of ~850 dwellings has a few
 * dozen people aged 80+ (the aged_80_plus tag). */
static int age_draw(struct rng *r, int head)
{
    int x = (int)rng_below(r, 100);
    if (head)
        return x < 65   ? 25 + (int)rng_below(r, 35)
               : x < 92 ? 60 + (int)rng_below(r, 20)
                        : 80 + (int)rng_below(r, 16);
    return x < 30   ? (int)rng_below(r, 18)
           : x < 75 ? 18 + (int)rng_below(r, 42)
           : x < 93 ? 60 + (int)rng_below(r, 20)
                    : 80 + (int)rng_below(r, 16);
}

static void id_number_make(const char *region, const char birth[11], int seq, char out[19])
{
    static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static const char check[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    snprintf(out, 19, "%.6s%.4s%.2s%.2s%03d", region, birth, birth + 5, birth + 8, seq % 1000);
    int sum = 0;
    for (int i = 0; i < 17; i++)
        sum += (out[i] - '0') * weights[i];
    out[17] = check[sum % 11];
    out[18] = '\0';
}

/* A sequence number not yet used for this birth day, odd for men (GB 11643). */
static int sequence_draw(struct rng *r, struct id_registry *reg, int day, int male)
{
    int start = (int)rng_below(r, SEQUENCES / 2);
    for (int k = 0; k < SEQUENCES / 2; k++) {
        int seq = 2 * ((start + k) % (SEQUENCES / 2)) + male;
        size_t bit = (size_t)day * SEQUENCES + (size_t)seq;
        if (!(reg->bits[bit / 8] & (1u << (bit % 8)))) {
            reg->bits[bit / 8] |= (unsigned char)(1u << (bit % 8));
            return seq;
        }
    }
    return -1;
}

int person_draw(struct rng *r, struct id_registry *reg, const char *region, int head, int alone,
                struct person *p)
{
    int today = days_from_civil(PEOPLE_TODAY_YEAR, 1, 1);
    int age = age_draw(r, head);
    /* Born between age+1 and age years before today. */
    int day = today - (int)(age * 365.2425) - 1 - (int)rng_below(r, 365);
    if (day < 0 || day >= BIRTH_DAYS)
        day = today - 40 * 365;
    int male = (int)rng_below(r, 2);
    int seq = sequence_draw(r, reg, day, male);
    if (seq < 0)
        return -1;
    day_format(day, p->birth_date);
    id_number_make(region, p->birth_date, seq, p->id_number);
    p->sex = male ? "male" : "female";
    const char *surname = surname_draw(r);
    if (rng_chance(r, 0.3))
        snprintf(p->name, sizeof p->name, "%s%s", surname, given_chars[rng_below(r, N_GIVEN)]);
    else
        snprintf(p->name, sizeof p->name, "%s%s%s", surname, given_chars[rng_below(r, N_GIVEN)],
                 given_chars[rng_below(r, N_GIVEN)]);
    static const char second[] = "3456789";
    snprintf(p->phone, sizeof p->phone, "1%c%09llu", second[rng_below(r, 7)],
             (unsigned long long)rng_below(r, 1000000000ull));
    p->ntags = 0;
    if (age >= 80)
        p->tags[p->ntags++] = "aged_80_plus";
    if (age < 6)
        p->tags[p->ntags++] = "preschool_child";
    if (alone && age >= 65)
        p->tags[p->ntags++] = "living_alone";
    if (rng_chance(r, 0.015))
        p->tags[p->ntags++] = "disabled";
    if (p->ntags < PERSON_TAGS_MAX && rng_chance(r, 0.01))
        p->tags[p->ntags++] = "low_income";
    return 0;
}
