#include "registry/resident_search.h"

#include <stdio.h>
#include <string.h>

#include "kit/access.h"
#include "kit/scope.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/mask_json.h"
#include "base/validate.h"
#include "registry/resident.h"
#include "store/db_json.h"

/* q without its spaces when it holds only digits, spaces and X (a number
 * typed in groups, "1380 013"); false otherwise. */
static bool compact_number(const char *q, char *out, size_t out_size)
{
    size_t n = 0;
    for (const char *p = q; *p; p++) {
        if (*p == ' ')
            continue;
        bool x = *p == 'x' || *p == 'X';
        if (!(*p >= '0' && *p <= '9') && !x)
            return false;
        if (n + 1 >= out_size)
            return false;
        out[n++] = x ? 'X' : *p;
    }
    out[n] = '\0';
    return n > 0;
}

/* 4-10 digits (a piece of a phone), or 4-6 characters of digits whose last
 * may be X (the end of an ID number). */
static bool number_part(const char *s)
{
    size_t len = strlen(s), digits = strspn(s, "0123456789");
    if (digits == len)
        return len >= 4 && len <= 10;
    return digits + 1 == len && s[digits] == 'X' && len >= 4 && len <= 6;
}

enum resident_query_kind resident_query_parse(const char *q, char *out, size_t out_size)
{
    char id[19], compact[RESIDENT_QUERY_MAX_CHARS + 1];
    struct resident_address address;
    if (!q || !*q || out_size < 19)
        return QUERY_NONE;
    if (validate_mobile(q)) {
        snprintf(out, out_size, "%s", q);
        return QUERY_PHONE;
    }
    if (normalize_id_number(q, id, sizeof id) && validate_id_number(id)) {
        snprintf(out, out_size, "%s", id);
        return QUERY_ID_NUMBER;
    }
    if (compact_number(q, compact, sizeof compact)) {
        if (validate_mobile(compact)) {
            snprintf(out, out_size, "%s", compact);
            return QUERY_PHONE;
        }
        if (number_part(compact)) {
            snprintf(out, out_size, "%s", compact);
            return QUERY_NUMBER_PART;
        }
    }
    if (resident_address_parse(q, &address)) {
        out[0] = '\0';
        return QUERY_ADDRESS;
    }
    size_t n = 0;
    out[n++] = '%';
    for (const char *p = q; *p && n + 3 < out_size; p++) {
        if (*p == '%' || *p == '_' || *p == '\\')
            out[n++] = '\\';
        out[n++] = *p;
    }
    out[n++] = '%';
    out[n] = '\0';
    return QUERY_NAME;
}

bool resident_query_is_identifier(enum resident_query_kind kind)
{
    return kind == QUERY_PHONE || kind == QUERY_ID_NUMBER || kind == QUERY_NUMBER_PART;
}

static const char *skip_spaces(const char *p)
{
    while (*p == ' ')
        p++;
    return p;
}

/* A name part of an address: ASCII letters and digits ("1", "A", "301"),
 * copied to out; the end of it, or NULL when there is none or it is too long. */
static const char *address_part(const char *p, char out[RESIDENT_ADDRESS_PART_MAX + 1])
{
    size_t n = 0;
    while ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')) {
        if (n == RESIDENT_ADDRESS_PART_MAX)
            return NULL;
        out[n++] = *p++;
    }
    out[n] = '\0';
    return n ? p : NULL;
}

/* After one of words (a NULL-ended list), or NULL when none follows. */
static const char *after_word(const char *p, const char *const *words)
{
    for (; p && *words; words++)
        if (strncmp(p, *words, strlen(*words)) == 0)
            return p + strlen(*words);
    return NULL;
}

/* The words that end a building's, an entrance's and a room's name. The
 * SQL strips the same characters from the stored names (ADDRESS_TRIM_*). */
static const char *const BUILDING_WORDS[] = {"号楼", "幢", "栋", "#", NULL};
static const char *const ENTRANCE_WORDS[] = {"单元", NULL};
static const char *const ROOM_WORDS[] = {"室", "号", NULL};
#define ADDRESS_TRIM_BUILDING "'号楼幢栋#'"
#define ADDRESS_TRIM_ENTRANCE "'单元'"
#define ADDRESS_TRIM_ROOM "'室号'"

/* "1-301", "1-2-301": building, (entrance,) room. */
static bool dashed_address(const char *q, struct resident_address *out)
{
    char parts[3][RESIDENT_ADDRESS_PART_MAX + 1];
    int n = 0;
    const char *p = q;
    for (;;) {
        if (n == 3 || !(p = address_part(p, parts[n])))
            return false;
        n++;
        if (*p == '\0')
            break;
        if (*p++ != '-')
            return false;
    }
    /* The room is a number: "Mary-Jane" is a name. */
    if (n < 2 || strspn(parts[n - 1], "0123456789") != strlen(parts[n - 1]))
        return false;
    snprintf(out->building, sizeof out->building, "%s", parts[0]);
    snprintf(out->entrance, sizeof out->entrance, "%s", n == 3 ? parts[1] : "");
    snprintf(out->room, sizeof out->room, "%s", parts[n - 1]);
    return true;
}

bool resident_address_parse(const char *q, struct resident_address *out)
{
    *out = (struct resident_address){.room = ""};
    if (!q)
        return false;
    q = skip_spaces(q);
    if (dashed_address(q, out))
        return true;
    *out = (struct resident_address){.room = ""};
    /* "301室": a room alone. */
    const char *p = address_part(q, out->room);
    const char *end = after_word(p, ROOM_WORDS);
    if (end && *skip_spaces(end) == '\0')
        return true;
    out->room[0] = '\0';
    /* "1幢", then "1单元" perhaps, then the room perhaps. */
    p = after_word(address_part(q, out->building), BUILDING_WORDS);
    if (!p)
        return false;
    p = skip_spaces(p);
    end = after_word(address_part(p, out->entrance), ENTRANCE_WORDS);
    if (end)
        p = skip_spaces(end);
    else
        out->entrance[0] = '\0';
    if (*p) {
        if (!(p = address_part(p, out->room)))
            return false;
        end = after_word(p, ROOM_WORDS);
        p = skip_spaces(end ? end : p);
    }
    return *p == '\0';
}

/* How narrow a place kind is: the narrowest of the caller's scope and the
 * place filters drives the query. */
static int kind_rank(const char *kind)
{
    static const struct {
        const char *kind;
        int rank;
    } ranks[] = {
        {"dwelling", 0}, {"entrance", 1}, {"building", 2},  {"micro_grid", 3},  {"grid", 4},
        {"compound", 4}, {"zone", 5},     {"community", 6}, {"subdistrict", 7},
    };
    for (size_t i = 0; kind && i < sizeof ranks / sizeof ranks[0]; i++)
        if (strcmp(ranks[i].kind, kind) == 0)
            return ranks[i].rank;
    return 8;
}

/* Up to a grid or a compound, a page is found from the places in it (a few
 * thousand dwellings at most); wider, by walking the sub-district's residents
 * in id order and probing each, which stops as soon as the page is full.
 * A selective filter (a name, a tag) fills a page slowly, so the walk would
 * cross the whole sub-district: then a community or zone drives by its
 * places too, bounded by its size (1,453 households in a community, docs/domain.md; 18 ms ->
 * 5 ms median at 32 million dwellings, docs/benchmarks.md). */
enum { DRIVE_BY_PLACES_MAX_RANK = 4, DRIVE_SELECTIVE_BY_PLACES_MAX_RANK = 6 };

struct drive {
    const char *col; /* places column, NULL: none */
    int64_t id;
    int rank;
};

static void consider(struct drive *d, const char *kind, const char *col, int64_t id)
{
    int rank = kind_rank(kind);
    if (id && col && rank < d->rank)
        *d = (struct drive){col, id, rank};
}

static struct drive pick_drive(const struct principal *who, const struct resident_filter *f)
{
    struct drive d = {NULL, 0, 8};
    consider(&d, who->scope_kind, scope_column(who), who->scope_id);
    consider(&d, "dwelling", "id", f->dwelling_id);
    consider(&d, "building", "building_id", f->building_id);
    consider(&d, "grid", "grid_id", f->grid_id);
    consider(&d, "compound", "compound_id", f->compound_id);
    return d;
}

/* The fixed parameters every shape of the query binds, all always used (a
 * shape without a use for one says "CAST($n AS TEXT) IS NULL", bound NULL). */
#define P_DISTRICT "$1"
#define P_CURSOR "$2"
#define P_Q "$3"
#define P_TAG "$4"
#define P_PAST "$5"
#define P_SCOPE "$6"
#define P_DRIVE "$7"
#define P_LIMIT "$12"
#define P_SENSITIVE "$13"
#define P_CHILD_CUTOFF "$14"
#define P_BUILDING_NAME "$15"
#define P_ENTRANCE_NAME "$16"
#define P_ROOM_NAME "$17"
#define P_ENTRANCE "$18"
#define P_GRAM "$19"

#define PAGE_COLUMNS                                                                               \
    "r.id, r.district_id, r.name, r.sex, r.birth_date, r.id_number, r.phone, r.party_org_id,"      \
    " r.note"

/* A tag, and, for a caller who may not see children, no child found by a
 * name (the cutoff is NULL otherwise): a name that answers would be a name
 * confirmed. */
#define TAG_FILTER                                                                                 \
    " AND (" P_TAG " = 0 OR EXISTS (SELECT 1 FROM resident_tags rt"                                \
    " WHERE rt.resident_id = r.id AND rt.tag_id = " P_TAG "))"                                     \
    " AND (CAST(" P_CHILD_CUTOFF " AS TEXT) IS NULL OR r.birth_date IS NULL"                       \
    " OR r.birth_date <= " P_CHILD_CUTOFF ")"

/* The occupancy o in dwelling p that makes r visible and matches the filters:
 * the scope, the drive, the address searched for, then the place filters. */
#define OCCUPANCY_FILTER                                                                           \
    "(" P_PAST " = 1 OR o.moved_out IS NULL) AND %s AND %s AND %s AND ($8 = 0 OR p.grid_id = $8)"  \
    " AND ($9 = 0 OR p.building_id = $9) AND ($10 = 0 OR p.compound_id = $10)"                     \
    " AND ($11 = 0 OR p.id = $11) AND (" P_ENTRANCE " = 0 OR p.entrance_id = " P_ENTRANCE ")"

/* Each page row comes with its visible occupancies and tags, in one answer
 * of three kinds of rows: 1 the resident, 2 an occupancy, 3 a tag. CROSS
 * JOIN fixes SQLite's join order (PostgreSQL plans it freely): from the page,
 * never from the places of the scope. */
#define PAGE_TAIL                                                                                  \
    " SELECT 1, pg.id, pg.party_org_id, pg.name, pg.sex, pg.birth_date, pg.id_number,"             \
    " pg.phone, pg.note, pg.district_id, NULL, NULL FROM page pg"                                  \
    " UNION ALL SELECT 2, o.resident_id, o.dwelling_id, c.name, b.name, e.name, d.name,"           \
    " o.relation, o.moved_in, o.id, o.moved_out, d.building_id"                                    \
    " FROM page pg CROSS JOIN occupancies o CROSS JOIN places d"                                   \
    " LEFT JOIN places c ON c.id = d.compound_id LEFT JOIN places b ON b.id = d.building_id"       \
    " LEFT JOIN places e ON e.id = d.entrance_id"                                                  \
    " WHERE o.resident_id = pg.id AND d.id = o.dwelling_id"                                        \
    " AND (" P_PAST " = 1 OR o.moved_out IS NULL) AND %s"                                          \
    " UNION ALL SELECT 3, rt.resident_id, CASE WHEN t.sensitive THEN 1 ELSE 0 END, t.code,"        \
    " NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL"                                              \
    " FROM page pg CROSS JOIN resident_tags rt CROSS JOIN tags t"                                  \
    " WHERE rt.resident_id = pg.id AND t.id = rt.tag_id"                                           \
    " AND (" P_SENSITIVE " = 1 OR t.sensitive = FALSE)"                                            \
    " ORDER BY 2, 1, 10, 4"

/* A name or a tag searched over a zone, a community or a sub-district is
 * read from the search keys (schema/018_search.sql): one index range of the
 * sub-district's keys in resident order, the community tested inside the
 * index, so a page costs its own rows plus the keys skipped, not a probe of
 * every dwelling in the scope. In a grid, a name is read from its
 * community's keys and a tag from the grid's own (schema/022_tag_grid_keys.sql).
 * A narrower scope drives by its places. */
enum { KEYS_MIN_RANK = 5, KEYS_MAX_RANK = 7 };

enum keys { KEYS_NONE, KEYS_NAME, KEYS_TAG, KEYS_TAG_GRID };

/* The page's columns, its id from the key the page is ordered by. */
#define KEY_PAGE_COLUMNS                                                                           \
    "k.resident_id AS id, r.district_id, r.name, r.sex, r.birth_date, r.id_number, r.phone,"       \
    " r.party_org_id, r.note"

/* A count reads the page's rows only (limited to one past the cap); the
 * sensitive-tags switch, which only the page's tags use, is bound all the same. */
#define COUNT_TAIL " SELECT count(*) FROM page WHERE CAST(" P_SENSITIVE " AS BIGINT) IS NOT NULL"

enum { SQL_MAX = 6144, COND_MAX = 64, ADDRESS_COND_MAX = 640 };

/* What q asks of the resident r. */
static const char *query_condition(enum resident_query_kind kind)
{
    switch (kind) {
    case QUERY_NAME: return "lower(r.name) LIKE lower(CAST(" P_Q " AS TEXT)) ESCAPE '\\'";
    case QUERY_PHONE: return "r.phone = " P_Q;
    case QUERY_ID_NUMBER: return "r.id_number = " P_Q;
    case QUERY_NUMBER_PART:
        return "(r.phone LIKE ('%' || CAST(" P_Q " AS TEXT) || '%')"
               " OR (length(CAST(" P_Q " AS TEXT)) <= 6"
               " AND r.id_number LIKE ('%' || CAST(" P_Q " AS TEXT))))";
    case QUERY_ADDRESS:
    case QUERY_NONE: break;
    }
    return "CAST(" P_Q " AS TEXT) IS NULL";
}

/* What an address query asks of the dwelling p: its building's, entrance's
 * and own name, each without the words that end it ("1幢" is "1"). A part
 * not given is bound NULL. */
static void address_condition(char out[ADDRESS_COND_MAX], const struct resident_address *a)
{
    snprintf(out, ADDRESS_COND_MAX, "%s AND %s AND %s",
             a->building[0] ? "(SELECT rtrim(b.name, " ADDRESS_TRIM_BUILDING ") FROM places b"
                              " WHERE b.id = p.building_id) = CAST(" P_BUILDING_NAME " AS TEXT)"
                            : "CAST(" P_BUILDING_NAME " AS TEXT) IS NULL",
             a->entrance[0] ? "(SELECT rtrim(e.name, " ADDRESS_TRIM_ENTRANCE ") FROM places e"
                              " WHERE e.id = p.entrance_id) = CAST(" P_ENTRANCE_NAME " AS TEXT)"
                            : "CAST(" P_ENTRANCE_NAME " AS TEXT) IS NULL",
             a->room[0] ? "rtrim(p.name, " ADDRESS_TRIM_ROOM ") = CAST(" P_ROOM_NAME " AS TEXT)"
                        : "CAST(" P_ROOM_NAME " AS TEXT) IS NULL");
}

/* "alias.col = param", or "param = 0" (true with a 0 parameter) without a column. */
static void eq_condition(char out[COND_MAX], const char *alias, const char *col, const char *param)
{
    if (col)
        snprintf(out, COND_MAX, "%s.%s = %s", alias, col, param);
    else
        snprintf(out, COND_MAX, "%s = 0", param);
}

/* The caller's scope over places p and d at $6, and the tenant key at $1: an
 * installation admin's exact search still goes through the (district_id,
 * number) indexes, one sub-district after another (kit/scope.h). */
struct page_scope {
    struct scope_sql p, d, district;
};

static void page_scope(const struct principal *who, bool exact, struct page_scope *out)
{
    scope_places(who, "p", 6, &out->p);
    scope_places(who, "d", 6, &out->d);
    if (exact)
        scope_district_indexed(who, "r", 1, &out->district);
    else
        scope_district(who, "r", 1, &out->district);
}

/* What the query answers: a page of residents with their homes and tags, or
 * how many residents there are. */
enum answer { ANSWER_PAGE, ANSWER_COUNT };

/* The search as the caller asked it: q read, and the places or the keys
 * that drive it. */
struct search {
    enum resident_query_kind qkind;
    char qtext[4 * RESIDENT_QUERY_MAX_CHARS * 2 + 3];
    char gram[9]; /* q's first one or two characters: the name key read */
    struct resident_address address;
    struct drive drive;
    enum keys keys;
    struct page_scope scope;
};

static enum keys pick_keys(const struct principal *who, const struct resident_filter *f,
                           const struct search *s)
{
    bool grid = s->drive.col && strcmp(s->drive.col, "grid_id") == 0;
    if (f->resident_id || scope_sees_everything(who) || !s->drive.col ||
        (!grid && (s->drive.rank < KEYS_MIN_RANK || s->drive.rank > KEYS_MAX_RANK)))
        return KEYS_NONE;
    if (s->qkind == QUERY_NAME && s->gram[0])
        return KEYS_NAME;
    if (f->tag_id && s->qkind != QUERY_PHONE && s->qkind != QUERY_ID_NUMBER)
        return grid ? KEYS_TAG_GRID : KEYS_TAG;
    return KEYS_NONE;
}

/* The first one or two UTF-8 characters of q into out; "" when there is no
 * whole character in 8 bytes. */
static void first_gram(const char *q, char out[9])
{
    size_t end = 0;
    for (int chars = 0; chars < 2 && q[end];) {
        size_t len = 1;
        while (q[end + len] && ((unsigned char)q[end + len] & 0xC0) == 0x80)
            len++;
        if (end + len > 8)
            break;
        end += len;
        chars++;
    }
    memcpy(out, q, end);
    out[end] = '\0';
}

/* The page read from the keys: the sub-district's keys for q's first
 * characters or for the tag, in resident order, the community tested in the
 * index; or the grid's keys for the tag. Over a whole sub-district a
 * resident with homes in two communities has a key in each: only the first
 * counts, tested in the index too, which unlike a DISTINCT lets the page
 * stop at its last row. */
static int key_page_sql(char *page, const struct search *s, const char *district,
                        const char *scope_p, const char *drive, const char *address)
{
    static const struct {
        const char *table, *key, *match;
    } kinds[] = {
        [KEYS_NAME] = {"resident_name_grams", "gram",
                       "k.district_id = " P_DISTRICT " AND k.gram = lower(CAST(" P_GRAM " AS TEXT))"},
        [KEYS_TAG] = {"resident_tag_communities", "tag_id",
                      "k.district_id = " P_DISTRICT " AND k.tag_id = " P_TAG
                      " AND CAST(" P_GRAM " AS TEXT) IS NULL"},
        [KEYS_TAG_GRID] = {"resident_tag_grids", "tag_id",
                           "k.grid_id = " P_DRIVE " AND k.tag_id = " P_TAG
                           " AND CAST(" P_GRAM " AS TEXT) IS NULL"},
    };
    const char *table = kinds[s->keys].table, *key = kinds[s->keys].key;
    char first[320];
    if (s->keys == KEYS_TAG_GRID) /* a grid holds each resident's key once */
        snprintf(first, sizeof first, "TRUE");
    else if (s->drive.rank == KEYS_MAX_RANK)
        snprintf(first, sizeof first,
                 "k.district_id = " P_DRIVE " AND NOT EXISTS (SELECT 1 FROM %s k2"
                 " WHERE k2.district_id = k.district_id AND k2.%s = k.%s"
                 " AND k2.resident_id = k.resident_id AND k2.community_id < k.community_id)",
                 table, key, key);
    else
        snprintf(first, sizeof first,
                 "k.community_id = (SELECT community_id FROM places WHERE id = " P_DRIVE ")");
    int n = snprintf(
        page, SQL_MAX,
        "WITH page AS MATERIALIZED (SELECT " KEY_PAGE_COLUMNS " FROM %s k CROSS JOIN residents r"
        " WHERE %s AND %s AND k.resident_id > " P_CURSOR " AND r.id = k.resident_id AND %s AND %s"
        TAG_FILTER " AND EXISTS (SELECT 1 FROM occupancies o JOIN places p ON p.id = o.dwelling_id"
        " WHERE o.resident_id = r.id AND " OCCUPANCY_FILTER ") ORDER BY k.resident_id LIMIT " P_LIMIT
        ")",
        table, kinds[s->keys].match, first, district, query_condition(s->qkind), scope_p, drive,
        address);
    return n > 0 && n < SQL_MAX ? HW_OK : HW_ELIMIT;
}

static int build_sql(char *sql, const struct search *s, const struct resident_filter *f,
                     enum answer answer)
{
    char drive[COND_MAX], address[ADDRESS_COND_MAX], page[SQL_MAX];
    eq_condition(drive, "p", s->drive.col, P_DRIVE);
    address_condition(address, &s->address);
    bool exact = s->qkind == QUERY_PHONE || s->qkind == QUERY_ID_NUMBER;
    const char *district = s->scope.district.cond;
    const char *scope_p = s->scope.p.cond, *scope_d = s->scope.d.cond;
    const char *cursor = f->resident_id ? "r.id = " P_CURSOR : "r.id > " P_CURSOR;
    int n;
    bool selective = s->qkind == QUERY_NAME || s->qkind == QUERY_NUMBER_PART ||
                     s->qkind == QUERY_ADDRESS || f->tag_id;
    int max_rank = selective ? DRIVE_SELECTIVE_BY_PLACES_MAX_RANK : DRIVE_BY_PLACES_MAX_RANK;
    if (s->keys != KEYS_NONE) {
        int rc = key_page_sql(page, s, district, scope_p, drive, address);
        if (rc != HW_OK)
            return rc;
        n = (int)strlen(page);
    } else if (!f->resident_id && !exact && s->drive.rank <= max_rank) {
        n = snprintf(page, sizeof page,
                     "WITH page AS MATERIALIZED (SELECT DISTINCT " PAGE_COLUMNS
                     " FROM places p CROSS JOIN occupancies o CROSS JOIN residents r"
                     " WHERE o.dwelling_id = p.id AND r.id = o.resident_id"
                     " AND p.kind = 'dwelling' AND " OCCUPANCY_FILTER
                     " AND %s AND %s AND %s" TAG_FILTER " AND CAST(" P_GRAM " AS TEXT) IS NULL"
                     " ORDER BY r.id LIMIT " P_LIMIT ")",
                     scope_p, drive, address, district, cursor, query_condition(s->qkind));
    } else {
        n = snprintf(page, sizeof page,
                     "WITH page AS MATERIALIZED (SELECT " PAGE_COLUMNS " FROM residents r"
                     " WHERE %s AND %s AND %s" TAG_FILTER " AND CAST(" P_GRAM " AS TEXT) IS NULL"
                     " AND EXISTS (SELECT 1 FROM occupancies o JOIN places p"
                     " ON p.id = o.dwelling_id WHERE o.resident_id = r.id AND " OCCUPANCY_FILTER
                     ") ORDER BY r.id LIMIT " P_LIMIT ")",
                     district, cursor, query_condition(s->qkind), scope_p, drive, address);
    }
    if (n <= 0 || n >= (int)sizeof page)
        return HW_ELIMIT;
    if (answer == ANSWER_PAGE)
        n = snprintf(sql, SQL_MAX, "%s" PAGE_TAIL, page, scope_d);
    else
        n = snprintf(sql, SQL_MAX, "%s" COUNT_TAIL, page);
    return n > 0 && n < SQL_MAX ? HW_OK : HW_ELIMIT;
}

static const char *or_null(const char *s) { return s && *s ? s : NULL; }

/* Reads q, refuses what the caller may not search by (HW_EINVAL), builds the
 * query and binds it: *st is ready to step. */
static int search_query(struct db *db, const struct principal *who, const struct resident_filter *f,
                        enum answer answer, int64_t limit, struct search *s, struct db_stmt **st)
{
    if (f->q && strlen(f->q) > 4 * RESIDENT_QUERY_MAX_CHARS)
        return HW_EINVAL;
    s->qkind = resident_query_parse(f->q, s->qtext, sizeof s->qtext);
    if (!privacy_sees_identifiers(who) &&
        (resident_query_is_identifier(s->qkind) || privacy_query_is_identifier(f->q)))
        return HW_EINVAL;
    s->address = (struct resident_address){.room = ""};
    if (s->qkind == QUERY_ADDRESS)
        resident_address_parse(f->q, &s->address);
    s->drive = pick_drive(who, f);
    s->gram[0] = '\0';
    if (s->qkind == QUERY_NAME)
        first_gram(f->q, s->gram);
    s->keys = pick_keys(who, f, s);
    page_scope(who, s->qkind == QUERY_PHONE || s->qkind == QUERY_ID_NUMBER, &s->scope);
    char sql[SQL_MAX];
    int rc = build_sql(sql, s, f, answer);
    if (rc != HW_OK)
        return rc;
    /* A resident-role caller sees the household living there now, not
     * the tenants before them. */
    bool past = f->include_moved_out && who->role != ROLE_RESIDENT;
    char today[CLOCK_DATE_SIZE], cutoff[16];
    clock_today(today);
    privacy_child_cutoff(today, cutoff, sizeof cutoff);
    bool hide_children = s->qkind == QUERY_NAME && !privacy_sees_children(who);
    bool has_text = s->qkind != QUERY_NONE && s->qkind != QUERY_ADDRESS;
    return db_query(db, st, sql, "iisiiiiiiiiiissssis", s->scope.district.value,
                    f->resident_id ? f->resident_id : f->after, has_text ? s->qtext : NULL,
                    f->tag_id, (int64_t)past, s->scope.p.value, s->drive.id, f->grid_id,
                    f->building_id, f->compound_id, f->dwelling_id, limit,
                    (int64_t)privacy_sees_sensitive_tags(who), hide_children ? cutoff : NULL,
                    or_null(s->address.building), or_null(s->address.entrance),
                    or_null(s->address.room), f->entrance_id, s->keys == KEYS_NAME ? s->gram : NULL);
}

static int age_on(const char *birth, const char *today)
{
    int by, bm, bd, ty, tm, td;
    if (!birth || sscanf(birth, "%4d-%2d-%2d", &by, &bm, &bd) != 3 ||
        sscanf(today, "%4d-%2d-%2d", &ty, &tm, &td) != 3)
        return -1;
    return ty - by - (tm < bm || (tm == bm && td < bd));
}

/* "紫薇花园 1幢 1单元 101" from the names in columns 3-6. */
static json_t *label_json(struct db_stmt *st)
{
    char label[512];
    size_t used = 0;
    label[0] = '\0';
    for (int col = 3; col <= 6; col++) {
        const char *name = db_col_text(st, col);
        if (!name || used >= sizeof label)
            continue;
        int n = snprintf(label + used, sizeof label - used, "%s%s", used ? " " : "", name);
        used += n > 0 ? (size_t)n : 0;
    }
    return json_string(label);
}

struct render {
    const struct principal *who;
    bool detail;
    char today[11];
    json_t *current;   /* the resident being filled */
    bool current_hidden; /* a child shown masked: no tags either */
    struct resident_page *page;
};

/* A child under 14 shown to a role that may not see children's records:
 * the first character of the name, nothing that tells age or sex. */
static int hide_child(json_t *o)
{
    char name[16];
    mask_name(json_string_value(json_object_get(o, "name")), name, sizeof name);
    return json_object_set_new(o, "name", json_string(name)) ||
                   json_object_set_new(o, "sex", json_null()) ||
                   json_object_set_new(o, "age", json_null())
               ? HW_ENOMEM
               : HW_OK;
}

static int render_resident(struct render *r, struct db_stmt *st)
{
    struct resident_page *pg = r->page;
    if (pg->nreads >= RESIDENT_PAGE_MAX)
        return HW_ELIMIT;
    struct privacy_read *read = &pg->reads[pg->nreads++];
    *read = (struct privacy_read){db_col_int(st, 1), db_col_int(st, 9), 0};
    const char *birth = db_col_text(st, 5);
    int age = age_on(birth, r->today);
    bool child = privacy_is_child(birth, r->today);
    r->current_hidden = child && !privacy_sees_children(r->who);
    if (child && !r->current_hidden)
        read->fields |= PRIVACY_CHILD;
    json_t *o = json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:[], s:[], s:b, s:b}", "id",
                          (json_int_t)read->subject_id, "name", db_json_text(st, 3), "sex",
                          db_json_text(st, 4), "birth_date", privacy_birth_date_json(r->who, birth),
                          "age", age >= 0 ? json_integer(age) : json_null(), "id_number",
                          privacy_id_number_json(r->who, db_col_text(st, 6), &read->fields),
                          "phone", privacy_phone_json(r->who, db_col_text(st, 7), &read->fields),
                          "tags", "dwellings", "party_member", !db_col_is_null(st, 2), "minor",
                          child);
    if (o && r->current_hidden && hide_child(o) != HW_OK) {
        json_decref(o);
        o = NULL;
    }
    if (o && r->detail &&
        (json_object_set_new(o, "district_id", json_integer(read->district_id)) ||
         json_object_set_new(o, "party_org_id",
                             db_col_is_null(st, 2) ? json_null()
                                                   : json_integer(db_col_int(st, 2))) ||
         json_object_set_new(o, "note", db_json_text(st, 8)) ||
         json_object_set_new(o, "occupancies", json_array()))) {
        json_decref(o);
        o = NULL;
    }
    if (!o || json_array_append_new(pg->items, o) != 0)
        return HW_ENOMEM;
    r->current = o;
    return HW_OK;
}

static int render_occupancy(struct render *r, struct db_stmt *st)
{
    json_t *dwelling = json_pack("{s:I, s:o, s:s, s:o}", "id", (json_int_t)db_col_int(st, 2),
                                 "label", label_json(st), "relation", db_col_text(st, 7),
                                 "moved_out", db_json_text(st, 10));
    if (!dwelling || json_array_append_new(json_object_get(r->current, "dwellings"), dwelling))
        return HW_ENOMEM;
    if (!r->detail)
        return HW_OK;
    json_t *occ =
        json_pack("{s:I, s:I, s:o, s:o, s:s, s:o, s:o}", "id", (json_int_t)db_col_int(st, 9),
                  "dwelling_id", (json_int_t)db_col_int(st, 2), "building_id", db_json_int(st, 11),
                  "label", label_json(st), "relation", db_col_text(st, 7), "moved_in",
                  db_json_text(st, 8), "moved_out", db_json_text(st, 10));
    if (!occ || json_array_append_new(json_object_get(r->current, "occupancies"), occ))
        return HW_ENOMEM;
    return HW_OK;
}

static int render_tag(struct render *r, struct db_stmt *st)
{
    if (r->current_hidden)
        return HW_OK;
    if (db_col_int(st, 2))
        r->page->reads[r->page->nreads - 1].fields |= PRIVACY_SENSITIVE_TAGS;
    json_t *tags = json_object_get(r->current, "tags");
    return json_array_append_new(tags, json_string(db_col_text(st, 3))) ? HW_ENOMEM : HW_OK;
}

static int render_rows(struct render *r, struct db_stmt *st)
{
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t kind = db_col_int(st, 0);
        /* Rows of a resident follow its own row (ORDER BY 2, 1). */
        if (kind != 1 && (!r->current || json_integer_value(json_object_get(r->current, "id")) !=
                                             db_col_int(st, 1)))
            return HW_EDB;
        rc = kind == 1   ? render_resident(r, st)
             : kind == 2 ? render_occupancy(r, st)
                         : render_tag(r, st);
        if (rc != HW_OK)
            return rc;
    }
    return rc < 0 ? rc : HW_OK;
}

int resident_search(struct db *db, const struct principal *who, const struct resident_filter *f,
                    struct resident_page *out)
{
    *out = (struct resident_page){.items = NULL};
    int64_t limit = f->resident_id ? 1 : f->limit;
    if (limit < 1 || limit > RESIDENT_PAGE_MAX)
        return HW_EINVAL;
    struct search s;
    struct db_stmt *st;
    int rc = search_query(db, who, f, ANSWER_PAGE, limit, &s, &st);
    if (rc != HW_OK)
        return rc;
    struct render r = {.who = who, .detail = f->resident_id != 0, .page = out};
    clock_today(r.today);
    out->items = json_array();
    rc = out->items ? render_rows(&r, st) : HW_ENOMEM;
    db_reset(st);
    if (rc != HW_OK) {
        json_decref(out->items);
        out->items = NULL;
        return rc;
    }
    if (!f->resident_id && (int64_t)out->nreads == limit)
        out->next_after = out->reads[out->nreads - 1].subject_id;
    return HW_OK;
}

int resident_count(struct db *db, const struct principal *who, const struct resident_filter *f,
                   int64_t *count)
{
    struct resident_filter whole = *f;
    whole.resident_id = 0;
    whole.after = 0;
    struct search s;
    struct db_stmt *st;
    int rc = search_query(db, who, &whole, ANSWER_COUNT, RESIDENT_COUNT_CAP + 1, &s, &st);
    if (rc != HW_OK)
        return rc;
    rc = db_step(st);
    if (rc == DB_ROW) {
        *count = db_col_int(st, 0);
        rc = HW_OK;
    } else {
        rc = rc < 0 ? rc : HW_EDB;
    }
    db_reset(st);
    return rc;
}

/* "r may be changed by a caller whose scope is $3": r lives in the scope now,
 * or r lives nowhere now and the home r left last is in the scope. Not an
 * older home: someone who moved on from a community is no longer its to
 * change (docs/privacy.md). */
static void write_reach_condition(char out[768], const struct scope_sql *scope)
{
    snprintf(out, 768,
             "(EXISTS (SELECT 1 FROM occupancies o JOIN places p ON p.id = o.dwelling_id"
             " WHERE o.resident_id = r.id AND o.moved_out IS NULL AND %s)"
             " OR (NOT EXISTS (SELECT 1 FROM occupancies o WHERE o.resident_id = r.id"
             " AND o.moved_out IS NULL) AND EXISTS (SELECT 1 FROM occupancies o"
             " JOIN places p ON p.id = o.dwelling_id WHERE o.id = (SELECT o2.id"
             " FROM occupancies o2 WHERE o2.resident_id = r.id"
             " ORDER BY o2.moved_out DESC, o2.id DESC LIMIT 1) AND %s)))",
             scope->cond, scope->cond);
}

/* Any fixed tag: it names the registration of ID numbers among advisory locks. */
enum { ID_NUMBER_LOCK_TAG = 0x49440000 };

int resident_lock_id_numbers(struct db *db, int64_t district_id)
{
    return db_lock_key(db, ((int64_t)ID_NUMBER_LOCK_TAG << 32) | (district_id & 0xffffffff));
}

int resident_find_for_write(struct db *db, const struct principal *who, int64_t district_id,
                            const char *id_number, int64_t *first, int64_t *count)
{
    char reach[768], sql[1200];
    *first = 0;
    *count = 0;
    struct scope_sql scope;
    scope_places(who, "p", 3, &scope);
    write_reach_condition(reach, &scope);
    snprintf(sql, sizeof sql,
             "SELECT r.id FROM residents r WHERE r.district_id = $1 AND r.id_number = $2"
             " AND %s ORDER BY r.id LIMIT 2",
             reach);
    struct db_stmt *st;
    int rc = db_query(db, &st, sql, "isi", district_id, id_number, scope.value);
    if (rc != HW_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (!*first)
            *first = db_col_int(st, 0);
        (*count)++;
    }
    db_reset(st);
    return rc < 0 ? rc : HW_OK;
}

int resident_visible(struct db *db, const struct principal *who, int64_t id,
                     enum resident_reach reach, int64_t *district_id)
{
    char in_scope[320], now_in_scope[320], write_reach[768], sql[1400];
    struct scope_sql scope, district;
    scope_places(who, "p", 3, &scope);
    scope_district(who, "r", 2, &district);
    snprintf(in_scope, sizeof in_scope,
             "EXISTS (SELECT 1 FROM occupancies o JOIN places p ON p.id = o.dwelling_id"
             " WHERE o.resident_id = r.id AND %s)",
             scope.cond);
    snprintf(now_in_scope, sizeof now_in_scope,
             "EXISTS (SELECT 1 FROM occupancies o JOIN places p ON p.id = o.dwelling_id"
             " WHERE o.resident_id = r.id AND o.moved_out IS NULL AND %s)",
             scope.cond);
    write_reach_condition(write_reach, &scope);
    /* A resident-role caller's reach is their household as it is now. */
    if (who->role == ROLE_RESIDENT)
        reach = REACH_CURRENT;
    const char *cond = reach == REACH_FOR_WRITE ? write_reach
                       : reach == REACH_PAST    ? in_scope
                                                : now_in_scope;
    snprintf(sql, sizeof sql, "SELECT r.district_id FROM residents r WHERE r.id = $1 AND %s AND %s",
             district.cond, cond);
    return db_scalar_int(db, district_id, sql, "iii", id, district.value, scope.value);
}
