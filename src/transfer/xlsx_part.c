#include "transfer/xlsx_part.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/err.h"

enum { READ_PIECE = 64 * 1024 };

int xlsx_fail(struct xlsx_error *err, int64_t line, const char *zh, const char *en, ...)
{
    if (err->set)
        return HW_EINVAL; /* the first reason stands */
    va_list ap, ap2;
    va_start(ap, en);
    va_copy(ap2, ap);
    vsnprintf(err->zh, sizeof err->zh, zh, ap);
    vsnprintf(err->en, sizeof err->en, en, ap2);
    va_end(ap2);
    va_end(ap);
    err->line = line;
    err->set = true;
    return HW_EINVAL;
}

int xlsx_fail_text(struct xlsx_error *err, int64_t line, const char *zh, const char *en)
{
    if (err->set)
        return HW_EINVAL;
    snprintf(err->zh, sizeof err->zh, "%s", zh);
    snprintf(err->en, sizeof err->en, "%s", en);
    err->line = line;
    err->set = true;
    return HW_EINVAL;
}

int xlsx_zip_open(const void *data, size_t len, zip_t **out, struct xlsx_error *err)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze) : NULL;
    int code = zip_error_code_zip(&ze);
    zip_error_fini(&ze);
    if (z) {
        *out = z;
        return HW_OK;
    }
    zip_source_free(src);
    if (code == ZIP_ER_MEMORY)
        return HW_ENOMEM;
    return xlsx_fail(err, 0, "文件以 ZIP 开头，但不是能读取的 .xlsx 工作簿（文件可能已损坏）",
                     "the file starts like a ZIP but is no readable .xlsx workbook "
                     "(it may be damaged)");
}

const char *xlsx_local(const char *name)
{
    const char *bar = strrchr(name, '|');
    return bar ? bar + 1 : name;
}

const char *xlsx_attr(const char **attrs, const char *local)
{
    for (size_t i = 0; attrs[i]; i += 2)
        if (strcmp(xlsx_local(attrs[i]), local) == 0)
            return attrs[i + 1];
    return NULL;
}

void xlsx_stop(struct xlsx_parse *p, int status)
{
    if (p->status == HW_OK)
        p->status = status;
    XML_StopParser(p->parser, XML_FALSE);
}

static void XMLCALL on_doctype(void *ctx, const XML_Char *name, const XML_Char *sysid,
                               const XML_Char *pubid, int has_internal_subset)
{
    (void)name, (void)sysid, (void)pubid, (void)has_internal_subset;
    struct xlsx_parse *p = ctx;
    xlsx_stop(p, xlsx_fail(p->err, 0, "工作簿中含有 DTD（<!DOCTYPE>），拒绝读取",
                           "the workbook holds a DTD (<!DOCTYPE>): refused"));
}

static int too_large(struct xlsx_error *err, const char *name, size_t cap)
{
    xlsx_fail(err, 0, "工作簿中的 %s 解压后超过 %zu MiB，拒绝读取（可能是 ZIP 炸弹）",
              "%s unpacks to more than %zu MiB: refused (a ZIP bomb?)", name, cap / (1024 * 1024));
    return HW_ELIMIT;
}

static int unreadable(struct xlsx_error *err, const char *name)
{
    return xlsx_fail(err, 0, "无法解压工作簿中的 %s（文件已损坏或已加密）",
                     "cannot unpack %s from the workbook (damaged or encrypted)", name);
}

/* Feeds the member through the parser, counting what it unpacks. */
static int stream(zip_t *z, zip_int64_t index, const char *name, size_t cap, struct xlsx_parse *p)
{
    zip_stat_t st;
    if (zip_stat_index(z, (zip_uint64_t)index, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
        st.size > cap)
        return too_large(p->err, name, cap); /* as declared; the count below is what counts */
    zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)index, 0);
    if (!f)
        return unreadable(p->err, name);
    size_t total = 0;
    int rc = HW_OK;
    for (;;) {
        void *piece = XML_GetBuffer(p->parser, READ_PIECE);
        if (!piece) {
            rc = HW_ENOMEM;
            break;
        }
        zip_int64_t n = zip_fread(f, piece, READ_PIECE);
        if (n < 0) {
            rc = unreadable(p->err, name);
            break;
        }
        total += (size_t)n;
        if (total > cap) {
            rc = too_large(p->err, name, cap);
            break;
        }
        if (XML_ParseBuffer(p->parser, (int)n, n == 0) != XML_STATUS_OK) {
            rc = p->status != HW_OK
                     ? p->status
                     : xlsx_fail(p->err, 0, "工作簿中的 %s 不是格式正确的 XML（第 %lu 行）",
                                 "%s in the workbook is no well-formed XML "
                                 "(line %lu)",
                                 name, (unsigned long)XML_GetCurrentLineNumber(p->parser));
            break;
        }
        if (p->status != HW_OK || n == 0)
            break;
    }
    zip_fclose(f);
    return p->status != HW_OK ? p->status : rc;
}

int xlsx_part_parse(zip_t *z, const char *name, size_t cap, void *ctx,
                    XML_StartElementHandler start, XML_EndElementHandler end,
                    XML_CharacterDataHandler text)
{
    zip_int64_t index = zip_name_locate(z, name, 0);
    if (index < 0)
        return HW_ENOTFOUND;
    struct xlsx_parse *p = ctx;
    if (!(p->parser = XML_ParserCreateNS("UTF-8", '|')))
        return HW_ENOMEM;
    p->status = HW_OK;
    XML_SetUserData(p->parser, ctx);
    XML_SetElementHandler(p->parser, start, end);
    XML_SetCharacterDataHandler(p->parser, text);
    XML_SetStartDoctypeDeclHandler(p->parser, on_doctype);
    int rc = stream(z, index, name, cap, p);
    XML_ParserFree(p->parser);
    p->parser = NULL;
    return rc;
}
