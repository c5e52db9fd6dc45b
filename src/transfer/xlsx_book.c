#include "transfer/xlsx_book.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/err.h"
#include "transfer/xlsx_part.h"
#include "transfer/xlsx_value.h"

/* Makes room for entry n of a growing array of at most max entries:
 * returns the array, or NULL with the parse stopped. */
static void *grow(struct xlsx_parse *p, void *array, size_t n, size_t *cap, size_t size, size_t max)
{
    if (n < *cap)
        return array;
    if (n >= max) {
        xlsx_stop(p, xlsx_fail(p->err, 0, "工作簿的一部分条目过多（超过 %zu 个）",
                               "a part of the workbook has too many entries (over %zu)", max));
        return NULL;
    }
    size_t more = *cap ? *cap * 2 : 16;
    void *bigger = realloc(array, more * size);
    if (!bigger) {
        xlsx_stop(p, HW_ENOMEM);
        return NULL;
    }
    *cap = more;
    return bigger;
}

/* The member a relation's target names, seen from the part `from`. */
static char *resolve(struct arena *a, const char *from, const char *target)
{
    const char *slash = strrchr(from, '/');
    int dir = target[0] == '/' ? 0 : slash ? (int)(slash - from + 1) : 0;
    char *path = arena_printf(a, "%.*s%s", dir, from, target[0] == '/' ? target + 1 : target);
    if (!path)
        return NULL;
    char *w = path; /* collapse "." and ".." in place */
    for (const char *r = path; *r;) {
        const char *end = strchr(r, '/');
        size_t n = end ? (size_t)(end - r) : strlen(r);
        if (n == 2 && r[0] == '.' && r[1] == '.') {
            if (w > path)
                for (w--; w > path && w[-1] != '/'; w--)
                    ;
        } else if (!(n == 1 && r[0] == '.') && n) {
            memmove(w, r, n);
            w += n;
            if (end)
                *w++ = '/';
        }
        r += n + (end != NULL);
    }
    *w = '\0';
    return path;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* ---- relations (the _rels folders) --------------------------------------- */

struct rel {
    const char *id, *type, *target;
};

struct rels_ctx {
    struct xlsx_parse p;
    struct arena *arena;
    struct rel *rels;
    size_t n, cap;
};

static void XMLCALL rels_start(void *data, const XML_Char *name, const XML_Char **attrs)
{
    struct rels_ctx *c = data;
    if (c->p.status != HW_OK || strcmp(xlsx_local(name), "Relationship") != 0)
        return;
    const char *id = xlsx_attr(attrs, "Id"), *type = xlsx_attr(attrs, "Type"),
               *target = xlsx_attr(attrs, "Target"), *mode = xlsx_attr(attrs, "TargetMode");
    if (!id || !type || !target || (mode && strcmp(mode, "External") == 0))
        return;
    struct rel *rels = grow(&c->p, c->rels, c->n, &c->cap, sizeof *rels, XLSX_MAX_ENTRIES);
    if (!rels)
        return;
    c->rels = rels;
    struct rel *r = &c->rels[c->n];
    r->id = arena_strdup(c->arena, id);
    r->type = arena_strdup(c->arena, type);
    r->target = arena_strdup(c->arena, target);
    if (!r->id || !r->type || !r->target)
        xlsx_stop(&c->p, HW_ENOMEM);
    else
        c->n++;
}

/* The relations of a part: "_rels/.rels" for the package, "xl/_rels/
 * workbook.xml.rels" for xl/workbook.xml. None is no error. */
static int load_rels(zip_t *z, struct arena *a, const char *part, struct rels_ctx *c,
                     struct xlsx_error *err)
{
    const char *slash = strrchr(part, '/');
    int dir = slash ? (int)(slash - part + 1) : 0;
    char *name = arena_printf(a, "%.*s_rels/%s.rels", dir, part, part + dir);
    if (!name)
        return HW_ENOMEM;
    *c = (struct rels_ctx){.p.err = err, .arena = a};
    int rc = xlsx_part_parse(z, name, XLSX_MAX_PART, c, rels_start, NULL, NULL);
    return rc == HW_ENOTFOUND ? HW_OK : rc;
}

static const struct rel *rel_by_type(const struct rels_ctx *c, const char *type)
{
    for (size_t i = 0; i < c->n; i++)
        if (ends_with(c->rels[i].type, type))
            return &c->rels[i];
    return NULL;
}

static const struct rel *rel_by_id(const struct rels_ctx *c, const char *id)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->rels[i].id, id) == 0)
            return &c->rels[i];
    return NULL;
}

/* ---- workbook.xml -------------------------------------------------------- */

struct sheet_entry {
    const char *name, *rel_id;
    bool hidden;
};

struct workbook_ctx {
    struct xlsx_parse p;
    struct arena *arena;
    int depth;
    bool is_workbook; /* the root element is <workbook> */
    bool date1904;
    struct sheet_entry *sheets;
    size_t n, cap;
};

static bool is_true(const char *v) { return v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0); }

static void XMLCALL workbook_start(void *data, const XML_Char *name, const XML_Char **attrs)
{
    struct workbook_ctx *c = data;
    const char *local = xlsx_local(name);
    if (c->p.status != HW_OK)
        return;
    if (c->depth++ == 0)
        c->is_workbook = strcmp(local, "workbook") == 0;
    if (strcmp(local, "workbookPr") == 0)
        c->date1904 = is_true(xlsx_attr(attrs, "date1904"));
    if (strcmp(local, "sheet") != 0)
        return;
    const char *sheet = xlsx_attr(attrs, "name"), *id = xlsx_attr(attrs, "id"),
               *state = xlsx_attr(attrs, "state");
    if (!sheet || !id)
        return;
    struct sheet_entry *sheets =
        grow(&c->p, c->sheets, c->n, &c->cap, sizeof *sheets, XLSX_MAX_ENTRIES);
    if (!sheets)
        return;
    c->sheets = sheets;
    struct sheet_entry *s = &c->sheets[c->n];
    s->name = arena_strdup(c->arena, sheet);
    s->rel_id = arena_strdup(c->arena, id);
    s->hidden = state && strcmp(state, "visible") != 0;
    if (!s->name || !s->rel_id)
        xlsx_stop(&c->p, HW_ENOMEM);
    else
        c->n++;
}

static void XMLCALL workbook_end(void *data, const XML_Char *name)
{
    (void)name;
    ((struct workbook_ctx *)data)->depth--;
}

static int not_a_workbook(struct xlsx_error *err)
{
    return xlsx_fail(err, 0, "这个 ZIP 文件不是 Excel 工作簿（.xlsx）",
                     "this ZIP file is no Excel workbook (.xlsx)");
}

/* The sheets' names, "、"-separated, as many as fit. */
static void sheet_names(const struct workbook_ctx *wb, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < wb->n && used < size; i++) {
        int n = snprintf(out + used, size - used, "%s%s", i ? "、" : "", wb->sheets[i].name);
        if (n < 0 || (size_t)n >= size - used) {
            out[used] = '\0';
            return;
        }
        used += (size_t)n;
    }
}

/* The worksheet the caller named, or the first visible one. */
static int pick_sheet(const struct workbook_ctx *wb, const struct rels_ctx *rels,
                      const char *wanted, const struct rel **out, struct xlsx_error *err)
{
    for (size_t i = 0; i < wb->n; i++) {
        const struct sheet_entry *s = &wb->sheets[i];
        if (wanted ? strcasecmp(s->name, wanted) != 0 : s->hidden)
            continue;
        const struct rel *r = rel_by_id(rels, s->rel_id);
        if (r && ends_with(r->type, "/worksheet")) {
            *out = r;
            return HW_OK;
        }
        if (wanted)
            return xlsx_fail(err, 0, "“%s”不是工作表（可能是图表）",
                             "\"%s\" is no worksheet (a chart?)", s->name);
    }
    if (!wanted)
        return xlsx_fail(err, 0, "工作簿中没有工作表", "the workbook has no worksheet");
    char names[200];
    sheet_names(wb, names, sizeof names);
    return xlsx_fail(err, 0, "工作簿中没有名为“%s”的工作表（有：%s）",
                     "the workbook has no sheet named \"%s\" (it has: %s)", wanted, names);
}

/* ---- styles.xml ---------------------------------------------------------- */

struct custom_format {
    int id;
    bool is_date;
};

struct styles_ctx {
    struct xlsx_parse p;
    bool in_cell_xfs;
    struct custom_format *formats;
    size_t nformats, formats_cap;
    int *xf_format; /* each cell style's number format */
    size_t nxf, xf_cap;
};

static void XMLCALL styles_start(void *data, const XML_Char *name, const XML_Char **attrs)
{
    struct styles_ctx *c = data;
    const char *local = xlsx_local(name);
    if (c->p.status != HW_OK)
        return;
    const char *id = xlsx_attr(attrs, "numFmtId");
    if (strcmp(local, "cellXfs") == 0) {
        c->in_cell_xfs = true;
    } else if (strcmp(local, "numFmt") == 0 && id) {
        const char *code = xlsx_attr(attrs, "formatCode");
        struct custom_format *formats = grow(&c->p, c->formats, c->nformats, &c->formats_cap,
                                             sizeof *formats, XLSX_MAX_ENTRIES);
        if (!formats)
            return;
        c->formats = formats;
        c->formats[c->nformats++] =
            (struct custom_format){.id = atoi(id), .is_date = code && xlsx_format_is_date(code)};
    } else if (strcmp(local, "xf") == 0 && c->in_cell_xfs) {
        int *xf = grow(&c->p, c->xf_format, c->nxf, &c->xf_cap, sizeof *xf, XLSX_MAX_ENTRIES);
        if (!xf)
            return;
        c->xf_format = xf;
        c->xf_format[c->nxf++] = id ? atoi(id) : 0;
    }
}

static void XMLCALL styles_end(void *data, const XML_Char *name)
{
    struct styles_ctx *c = data;
    if (strcmp(xlsx_local(name), "cellXfs") == 0)
        c->in_cell_xfs = false;
}

static bool format_is_date(const struct styles_ctx *c, int id)
{
    for (size_t i = 0; i < c->nformats; i++) /* a custom format may replace a built-in one */
        if (c->formats[i].id == id)
            return c->formats[i].is_date;
    return xlsx_builtin_is_date(id);
}

static int load_styles(zip_t *z, const char *path, struct xlsx_book *b, struct xlsx_error *err)
{
    struct styles_ctx c = {.p.err = err};
    int rc = xlsx_part_parse(z, path, XLSX_MAX_PART, &c, styles_start, styles_end, NULL);
    if (rc == HW_ENOTFOUND)
        rc = HW_OK; /* no styles: no dates */
    if (rc == HW_OK && c.nxf) {
        b->date_style = arena_alloc(b->arena, c.nxf * sizeof *b->date_style);
        if (!b->date_style)
            rc = HW_ENOMEM;
        for (size_t i = 0; rc == HW_OK && i < c.nxf; i++)
            b->date_style[i] = format_is_date(&c, c.xf_format[i]);
        b->nstyles = rc == HW_OK ? c.nxf : 0;
    }
    free(c.formats);
    free(c.xf_format);
    return rc;
}

/* ---- sharedStrings.xml --------------------------------------------------- */

struct strings_ctx {
    struct xlsx_parse p;
    struct xlsx_book *book;
    bool in_si, in_t;
    int phonetic; /* depth inside <rPh>, a phonetic guide: not part of the text */
    size_t len;
    char text[CSV_MAX_FIELD + 2];
};

static void XMLCALL strings_start(void *data, const XML_Char *name, const XML_Char **attrs)
{
    (void)attrs;
    struct strings_ctx *c = data;
    const char *local = xlsx_local(name);
    if (strcmp(local, "si") == 0) {
        c->in_si = true;
        c->len = 0;
    } else if (strcmp(local, "rPh") == 0) {
        c->phonetic++;
    } else if (strcmp(local, "t") == 0) {
        c->in_t = c->in_si && !c->phonetic;
    }
}

static void XMLCALL strings_text(void *data, const XML_Char *s, int len)
{
    struct strings_ctx *c = data;
    if (!c->in_t)
        return;
    size_t room = CSV_MAX_FIELD + 1 - c->len;
    size_t n = (size_t)len < room ? (size_t)len : room;
    memcpy(c->text + c->len, s, n);
    c->len += n;
}

static void XMLCALL strings_end(void *data, const XML_Char *name)
{
    struct strings_ctx *c = data;
    const char *local = xlsx_local(name);
    struct xlsx_book *b = c->book;
    if (c->p.status != HW_OK)
        return;
    if (strcmp(local, "t") == 0) {
        c->in_t = false;
    } else if (strcmp(local, "rPh") == 0) {
        c->phonetic--;
    } else if (strcmp(local, "si") == 0) {
        c->in_si = false;
        c->text[c->len] = '\0';
        size_t n = xlsx_unescape(c->text, c->len);
        const char **strings =
            grow(&c->p, b->strings, b->nstrings, &b->strings_cap, sizeof *strings, XLSX_MAX_SHARED);
        if (!strings)
            return;
        b->strings = strings;
        if (!(strings[b->nstrings] = arena_strndup(b->arena, c->text, n)))
            xlsx_stop(&c->p, HW_ENOMEM);
        else
            b->nstrings++;
    }
}

static int load_strings(zip_t *z, const char *path, struct xlsx_book *b, struct xlsx_error *err)
{
    struct strings_ctx *c = calloc(1, sizeof *c);
    if (!c)
        return HW_ENOMEM;
    c->p.err = err;
    c->book = b;
    int rc =
        xlsx_part_parse(z, path, XLSX_MAX_STRINGS, c, strings_start, strings_end, strings_text);
    free(c);
    return rc == HW_ENOTFOUND ? HW_OK : rc; /* inline strings only */
}

/* ---- the book ------------------------------------------------------------ */

/* The workbook part: the package's office document, else the usual name. */
static const char *workbook_path(zip_t *z, struct arena *a, struct xlsx_error *err, int *rc)
{
    struct rels_ctx pkg;
    *rc = load_rels(z, a, "", &pkg, err);
    const struct rel *doc = *rc == HW_OK ? rel_by_type(&pkg, "/officeDocument") : NULL;
    const char *path = doc ? resolve(a, "", doc->target) : "xl/workbook.xml";
    free(pkg.rels);
    if (*rc == HW_OK && !path)
        *rc = HW_ENOMEM;
    return path;
}

int xlsx_book_load(zip_t *z, const char *sheet, struct xlsx_book *b, struct xlsx_error *err)
{
    memset(b, 0, sizeof *b);
    if (!(b->arena = arena_create()))
        return HW_ENOMEM;
    int rc;
    const char *book = workbook_path(z, b->arena, err, &rc);
    struct workbook_ctx wb = {.p.err = err, .arena = b->arena};
    struct rels_ctx rels = {.rels = NULL};
    if (rc == HW_OK) {
        rc = xlsx_part_parse(z, book, XLSX_MAX_PART, &wb, workbook_start, workbook_end, NULL);
        if (rc == HW_ENOTFOUND || (rc == HW_OK && !wb.is_workbook))
            rc = not_a_workbook(err);
    }
    if (rc == HW_OK)
        rc = load_rels(z, b->arena, book, &rels, err);
    const struct rel *found = NULL;
    if (rc == HW_OK)
        rc = pick_sheet(&wb, &rels, sheet, &found, err);
    if (rc == HW_OK && !(b->sheet_path = resolve(b->arena, book, found->target)))
        rc = HW_ENOMEM;
    b->date1904 = wb.date1904;
    const struct rel *styles = rel_by_type(&rels, "/styles");
    const struct rel *strings = rel_by_type(&rels, "/sharedStrings");
    const char *path;
    if (rc == HW_OK && styles)
        rc = (path = resolve(b->arena, book, styles->target)) ? load_styles(z, path, b, err)
                                                              : HW_ENOMEM;
    if (rc == HW_OK && strings)
        rc = (path = resolve(b->arena, book, strings->target)) ? load_strings(z, path, b, err)
                                                               : HW_ENOMEM;
    free(wb.sheets);
    free(rels.rels);
    return rc;
}

void xlsx_book_free(struct xlsx_book *b)
{
    free(b->strings);
    arena_destroy(b->arena);
    memset(b, 0, sizeof *b);
}
