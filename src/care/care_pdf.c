#include "care/care_pdf.h"

#include <hpdf.h>
#include <qrencode.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/err.h"

/* libhpdf 2.3 embeds AR PL UMing whole and well; WenQuanYi Micro Hei's
 * CJK glyphs come out blank, so it is not on the list. */
const char *const care_pdf_fonts[] = {
    "/usr/share/fonts/truetype/arphic/uming.ttc", /* fonts-arphic-uming */
    "/usr/share/fonts/truetype/arphic/ukai.ttc",  /* fonts-arphic-ukai */
    NULL,
};

enum { QR_QUIET = 4 };              /* modules of white around the code */
enum { QR_MAX_URL = 512 };          /* bytes of the report address encoded */
enum { MAX_COLUMNS = 64 };          /* entrances drawn side by side */
enum { MAX_CELL_DWELLINGS = 64 };   /* dwellings in one floor of one entrance */

struct rgb {
    float r, g, b;
};

/* The four tiers, red first, as care_map_json names them. */
static const struct {
    const char *tier;
    struct rgb fill;
    struct rgb text;
    const char *zh, *en;
} tiers[] = {
    {"red", {0.86f, 0.15f, 0.15f}, {1, 1, 1}, "红色", "red"},
    {"orange", {0.96f, 0.55f, 0.13f}, {0, 0, 0}, "橙色", "orange"},
    {"yellow", {0.99f, 0.85f, 0.20f}, {0, 0, 0}, "黄色", "yellow"},
    {"green", {0.36f, 0.72f, 0.36f}, {0, 0, 0}, "绿色", "green"},
};
enum { NTIERS = sizeof tiers / sizeof tiers[0] };
static const struct rgb WHITE = {1, 1, 1}, BLACK = {0, 0, 0}, GREY = {0.55f, 0.55f, 0.55f},
                        MASKED = {0.80f, 0.80f, 0.80f};

/* The words printed on the page. */
struct words {
    const char *title, *staff_note, *public_note, *floor, *no_floor, *no_entrance, *blank_staff,
        *blank_public, *suggested, *masked, *scan, *none;
};
static const struct words zh = {
    .title = "户情图",
    .staff_note = "内部资料，请勿张贴",
    .public_note = "经户主同意公示，未同意的住户不显示颜色",
    .floor = "层",
    .no_floor = "其他",
    .no_entrance = "—",
    .blank_staff = "无人居住",
    .blank_public = "未公示",
    .suggested = "虚线框：建议等级，尚未确认",
    .masked = "灰色：敏感等级，已隐去",
    .scan = "扫码报告本楼问题",
    .none = "没有房屋",
};
static const struct words en = {
    .title = "Household care map",
    .staff_note = "For staff only, not for posting",
    .public_note = "Posted with each household head's consent; others show no colour",
    .floor = "F",
    .no_floor = "other",
    .no_entrance = "-",
    .blank_staff = "nobody lives here",
    .blank_public = "not shown",
    .suggested = "dashed: suggested tier, not yet confirmed",
    .masked = "grey: sensitive tier, withheld",
    .scan = "Scan to report a problem in this building",
    .none = "no dwellings",
};

struct pdf {
    HPDF_Doc doc;
    HPDF_Font font;
    HPDF_STATUS error; /* the first error the library reported, 0: none */
    const struct care_pdf_request *rq;
    const struct words *w;
    float width, height, margin, scale;
};

static void on_error(HPDF_STATUS code, HPDF_STATUS detail, void *user)
{
    (void)detail;
    struct pdf *p = user;
    if (!p->error)
        p->error = code ? code : 1;
}

int care_pdf_size_parse(const char *text, enum care_pdf_size *out)
{
    if (!text || strcasecmp(text, "a4") == 0)
        *out = CARE_PDF_A4;
    else if (strcasecmp(text, "a3") == 0)
        *out = CARE_PDF_A3;
    else
        return HW_EINVAL;
    return HW_OK;
}

/* ---- drawing helpers ---------------------------------------------------- */

static void fill_colour(HPDF_Page page, struct rgb c) { HPDF_Page_SetRGBFill(page, c.r, c.g, c.b); }

static void text_at(struct pdf *p, HPDF_Page page, float x, float y, float size, struct rgb c,
                    const char *text)
{
    fill_colour(page, c);
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, p->font, size);
    HPDF_Page_TextOut(page, x, y, text);
    HPDF_Page_EndText(page);
}

static float text_width(struct pdf *p, HPDF_Page page, float size, const char *text)
{
    HPDF_Page_SetFontAndSize(page, p->font, size);
    return HPDF_Page_TextWidth(page, text);
}

/* Text centred in a box, shrunk to fit its width. */
static void text_centred(struct pdf *p, HPDF_Page page, float x, float y, float w, float h,
                         float size, struct rgb c, const char *text)
{
    float tw = text_width(p, page, size, text);
    if (tw > w - 2 && tw > 0) {
        size *= (w - 2) / tw;
        tw = text_width(p, page, size, text);
    }
    text_at(p, page, x + (w - tw) / 2, y + (h - size * 0.8f) / 2, size, c, text);
}

static void box(HPDF_Page page, float x, float y, float w, float h, struct rgb fill, bool dashed)
{
    fill_colour(page, fill);
    HPDF_Page_SetRGBStroke(page, GREY.r, GREY.g, GREY.b);
    HPDF_Page_SetLineWidth(page, dashed ? 1.2f : 0.6f);
    if (dashed) {
        const HPDF_UINT16 dash[] = {3, 2};
        HPDF_Page_SetDash(page, dash, 2, 0);
    }
    HPDF_Page_Rectangle(page, x, y, w, h);
    HPDF_Page_FillStroke(page);
    if (dashed)
        HPDF_Page_SetDash(page, NULL, 0, 0);
}

static int tier_index(const char *tier)
{
    for (int i = 0; tier && i < NTIERS; i++)
        if (strcmp(tiers[i].tier, tier) == 0)
            return i;
    return -1;
}

/* ---- the QR code -------------------------------------------------------- */

/* The report address as a QR code: one image pixel per module, drawn
 * size points wide with its lower left corner at x, y. */
static int draw_qr(struct pdf *p, HPDF_Page page, const char *url, float x, float y, float size)
{
    if (strlen(url) > QR_MAX_URL)
        return HW_EINVAL;
    QRcode *qr = QRcode_encodeString(url, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!qr)
        return HW_ENOMEM;
    unsigned side = (unsigned)qr->width + 2 * QR_QUIET;
    unsigned char *pixels = malloc((size_t)side * side);
    if (!pixels) {
        QRcode_free(qr);
        return HW_ENOMEM;
    }
    memset(pixels, 255, (size_t)side * side);
    for (int r = 0; r < qr->width; r++)
        for (int c = 0; c < qr->width; c++)
            if (qr->data[r * qr->width + c] & 1)
                pixels[(size_t)(r + QR_QUIET) * side + (size_t)(c + QR_QUIET)] = 0;
    QRcode_free(qr);
    HPDF_Image image =
        HPDF_LoadRawImageFromMem(p->doc, pixels, side, side, HPDF_CS_DEVICE_GRAY, 8);
    free(pixels);
    if (!image)
        return HW_EIO;
    HPDF_Page_DrawImage(page, image, x, y, size, size);
    return HW_OK;
}

/* ---- one building ------------------------------------------------------- */

/* The column of a cell: its entrance's place among the building's
 * entrances; a dwelling of no entrance gets the column after them. */
static size_t column_of(const json_t *entrances, const json_t *entrance)
{
    size_t i;
    json_t *e;
    json_array_foreach(entrances, i, e) if (json_equal(e, entrance)) return i;
    return json_array_size(entrances);
}

static bool has_no_entrance(const json_t *floors)
{
    size_t f, c;
    json_t *fv, *cv;
    json_array_foreach(floors, f, fv) json_array_foreach(json_object_get(fv, "cells"), c, cv)
        if (json_is_null(json_object_get(cv, "entrance"))) return true;
    return false;
}

static size_t most_in_a_cell(const json_t *floors)
{
    size_t most = 1, f, c;
    json_t *fv, *cv;
    json_array_foreach(floors, f, fv) json_array_foreach(json_object_get(fv, "cells"), c, cv) {
        size_t n = json_array_size(json_object_get(cv, "dwellings"));
        if (n > most)
            most = n;
    }
    return most < MAX_CELL_DWELLINGS ? most : MAX_CELL_DWELLINGS;
}

/* The legend: each colour with how many of this building's dwellings show
 * it, then what an uncoloured, dashed or grey box means. Returns its height. */
static float legend(struct pdf *p, HPDF_Page page, const json_t *floors, float top)
{
    int counts[NTIERS] = {0};
    bool suggested = false, masked = false;
    size_t f, c, d;
    json_t *fv, *cv, *dv;
    json_array_foreach(floors, f, fv) json_array_foreach(json_object_get(fv, "cells"), c, cv)
        json_array_foreach(json_object_get(cv, "dwellings"), d, dv) {
        int t = tier_index(json_string_value(json_object_get(dv, "tier")));
        if (t >= 0)
            counts[t]++;
        if (t >= 0 && json_is_string(json_object_get(dv, "tier_source")) &&
            strcmp(json_string_value(json_object_get(dv, "tier_source")), "suggested") == 0)
            suggested = true;
        if (json_is_true(json_object_get(dv, "masked")))
            masked = true;
    }
    float s = p->scale, size = 10 * s, sq = 10 * s, x = p->margin, y = top - sq;
    char label[64];
    for (int i = 0; i < NTIERS; i++) {
        box(page, x, y, sq, sq, tiers[i].fill, false);
        snprintf(label, sizeof label, "%s %d", p->rq->english ? tiers[i].en : tiers[i].zh,
                 counts[i]);
        text_at(p, page, x + sq + 4 * s, y + 1.5f * s, size, BLACK, label);
        x += sq + 4 * s + text_width(p, page, size, label) + 14 * s;
    }
    box(page, x, y, sq, sq, WHITE, false);
    const char *blank = p->rq->public_map ? p->w->blank_public : p->w->blank_staff;
    text_at(p, page, x + sq + 4 * s, y + 1.5f * s, size, BLACK, blank);
    float height = sq + 6 * s;
    float line = y - 14 * s;
    if (!p->rq->public_map && suggested) {
        text_at(p, page, p->margin, line, 9 * s, GREY, p->w->suggested);
        line -= 13 * s;
        height += 13 * s;
    }
    if (!p->rq->public_map && masked) {
        text_at(p, page, p->margin, line, 9 * s, GREY, p->w->masked);
        height += 13 * s;
    }
    return height;
}

/* One dwelling's box: its colour, and its room number where the map may
 * name it (the public map names only the dwellings it colours). */
static void dwelling(struct pdf *p, HPDF_Page page, const json_t *d, float x, float y, float w,
                     float h)
{
    const char *name = json_string_value(json_object_get(d, "name"));
    int t = tier_index(json_string_value(json_object_get(d, "tier")));
    bool masked = json_is_true(json_object_get(d, "masked"));
    const char *source = json_string_value(json_object_get(d, "tier_source"));
    bool dashed = t >= 0 && source && strcmp(source, "suggested") == 0;
    struct rgb fill = t >= 0 ? tiers[t].fill : masked ? MASKED : WHITE;
    box(page, x, y, w, h, fill, dashed);
    if (!name || (p->rq->public_map && t < 0))
        return;
    float size = h * 0.5f < 11 * p->scale ? h * 0.5f : 11 * p->scale;
    text_centred(p, page, x, y, w, h, size, t >= 0 ? tiers[t].text : BLACK, name);
}

/* Floors down the side, entrances across the top, each cell its dwellings
 * side by side, inside the rectangle left..right, bottom..top. */
static void grid(struct pdf *p, HPDF_Page page, const json_t *b, float left, float right,
                 float bottom, float top)
{
    const json_t *floors = json_object_get(b, "floors");
    const json_t *entrances = json_object_get(b, "entrances");
    float s = p->scale;
    if (json_array_size(floors) == 0) {
        text_at(p, page, left, top - 14 * s, 12 * s, GREY, p->w->none);
        return;
    }
    size_t ncols = json_array_size(entrances) + (has_no_entrance(floors) ? 1 : 0);
    if (ncols == 0)
        ncols = 1;
    if (ncols > MAX_COLUMNS)
        ncols = MAX_COLUMNS;
    size_t nrows = json_array_size(floors), most = most_in_a_cell(floors);
    float side = 34 * s, head = 18 * s;
    float col_w = (right - left - side) / (float)ncols;
    float row_h = (top - bottom - head) / (float)nrows;
    if (row_h > 40 * s)
        row_h = 40 * s;
    float gap = 3 * s;
    float box_w = (col_w - gap) / (float)most - gap;
    if (box_w > 64 * s)
        box_w = 64 * s;
    float box_h = row_h - gap;
    if (box_h > 30 * s)
        box_h = 30 * s;

    /* entrance names */
    for (size_t i = 0; i < ncols; i++) {
        const char *name = i < json_array_size(entrances)
                               ? json_string_value(json_array_get(entrances, i))
                               : p->w->no_entrance;
        text_centred(p, page, left + side + (float)i * col_w, top - head, col_w, head, 11 * s,
                     BLACK, name ? name : "");
    }
    size_t f, c, d;
    json_t *fv, *cv, *dv;
    json_array_foreach(floors, f, fv) {
        float y = top - head - (float)(f + 1) * row_h;
        json_t *floor = json_object_get(fv, "floor");
        char label[32];
        if (json_is_integer(floor))
            snprintf(label, sizeof label, "%lld%s", (long long)json_integer_value(floor),
                     p->w->floor);
        else
            snprintf(label, sizeof label, "%s", p->w->no_floor);
        text_centred(p, page, left, y, side, row_h, 10 * s, BLACK, label);
        HPDF_Page_SetRGBStroke(page, 0.85f, 0.85f, 0.85f);
        HPDF_Page_SetLineWidth(page, 0.4f);
        HPDF_Page_MoveTo(page, left, y);
        HPDF_Page_LineTo(page, right, y);
        HPDF_Page_Stroke(page);
        json_array_foreach(json_object_get(fv, "cells"), c, cv) {
            size_t col = column_of(entrances, json_object_get(cv, "entrance"));
            if (col >= ncols)
                continue;
            float x = left + side + (float)col * col_w + gap;
            json_array_foreach(json_object_get(cv, "dwellings"), d, dv) {
                if (d >= MAX_CELL_DWELLINGS)
                    break;
                dwelling(p, page, dv, x + (float)d * (box_w + gap), y + (row_h - box_h) / 2,
                         box_w, box_h);
            }
        }
    }
}

static int building_page(struct pdf *p, const json_t *b)
{
    HPDF_Page page = HPDF_AddPage(p->doc);
    if (!page)
        return HW_EIO;
    HPDF_Page_SetSize(page, p->rq->size == CARE_PDF_A3 ? HPDF_PAGE_SIZE_A3 : HPDF_PAGE_SIZE_A4,
                      HPDF_PAGE_PORTRAIT);
    p->width = HPDF_Page_GetWidth(page);
    p->height = HPDF_Page_GetHeight(page);
    p->scale = p->width / 595.0f;
    p->margin = 36 * p->scale;
    float s = p->scale, m = p->margin, top = p->height - m;

    char title[512];
    const char *label = json_string_value(json_object_get(b, "label"));
    snprintf(title, sizeof title, "%s  %s", p->w->title, label ? label : "");
    text_at(p, page, m, top - 20 * s, 20 * s, BLACK, title);
    char note[256];
    snprintf(note, sizeof note, "%s · %s", p->rq->public_map ? p->w->public_note : p->w->staff_note,
             p->rq->date);
    text_at(p, page, m, top - 40 * s, 10 * s, GREY, note);
    top -= 56 * s;
    top -= legend(p, page, json_object_get(b, "floors"), top) + 10 * s;

    float bottom = m;
    if (p->rq->public_map && p->rq->report_url) {
        float q = 96 * s;
        int rc = draw_qr(p, page, p->rq->report_url, p->width - m - q, m, q);
        if (rc != HW_OK)
            return rc;
        text_at(p, page, m, m + q / 2 + 4 * s, 16 * s, BLACK, p->w->scan);
        text_at(p, page, m, m + q / 2 - 16 * s, 8 * s, GREY, p->rq->report_url);
        bottom = m + q + 12 * s;
    }
    grid(p, page, b, m, p->width - m, bottom, top);
    return HW_OK;
}

/* ---- the document ------------------------------------------------------- */

static HPDF_Font load_font(struct pdf *p)
{
    for (size_t i = 0; care_pdf_fonts[i]; i++) {
        FILE *f = fopen(care_pdf_fonts[i], "rb");
        if (!f)
            continue;
        fclose(f);
        const char *name = HPDF_LoadTTFontFromFile2(p->doc, care_pdf_fonts[i], 0, HPDF_TRUE);
        if (name && !p->error)
            return HPDF_GetFont(p->doc, name, "UTF-8");
        HPDF_ResetError(p->doc);
        p->error = 0;
    }
    return NULL;
}

/* The finished document into a malloc'd buffer. */
static int save(struct pdf *p, unsigned char **data, size_t *len)
{
    if (HPDF_SaveToStream(p->doc) != HPDF_OK || p->error)
        return HW_EIO;
    HPDF_UINT32 size = HPDF_GetStreamSize(p->doc);
    unsigned char *buf = malloc(size ? size : 1);
    if (!buf)
        return HW_ENOMEM;
    HPDF_UINT32 got = size;
    HPDF_ResetStream(p->doc);
    if (HPDF_ReadFromStream(p->doc, buf, &got) > HPDF_STREAM_EOF || got != size) {
        free(buf);
        return HW_EIO;
    }
    *data = buf;
    *len = size;
    return HW_OK;
}

int care_pdf_render(const struct care_pdf_request *rq, unsigned char **data, size_t *len)
{
    struct pdf p = {.rq = rq, .w = rq->english ? &en : &zh};
    p.doc = HPDF_New(on_error, &p);
    if (!p.doc)
        return HW_ENOMEM;
    int rc = HW_OK;
    HPDF_SetCompressionMode(p.doc, HPDF_COMP_ALL);
    if (HPDF_UseUTFEncodings(p.doc) != HPDF_OK || !(p.font = load_font(&p)))
        rc = HW_EIO;
    const json_t *buildings = json_object_get(rq->map, "buildings");
    size_t i;
    json_t *b;
    json_array_foreach(buildings, i, b) {
        if (rc == HW_OK)
            rc = building_page(&p, b);
    }
    if (rc == HW_OK && json_array_size(buildings) == 0) /* a compound without buildings */
        rc = building_page(&p, json_object_get(rq->map, "place"));
    if (rc == HW_OK && p.error)
        rc = HW_EIO;
    if (rc == HW_OK)
        rc = save(&p, data, len);
    HPDF_Free(p.doc);
    return rc;
}
