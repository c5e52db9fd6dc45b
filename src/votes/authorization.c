#include "votes/authorization.h"

#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "base/text.h"
#include "votes/vote.h"

enum { PDF_EOF_WINDOW = 1024 }; /* ISO 32000-1 7.5.5: %%EOF ends the file, give or take a line */

static bool is_pdf(const unsigned char *in, size_t len)
{
    if (len < 16 || memcmp(in, "%PDF-", 5) != 0)
        return false;
    size_t from = len > PDF_EOF_WINDOW ? len - PDF_EOF_WINDOW : 0;
    for (size_t i = len - 5; i + 1 > from; i--)
        if (memcmp(in + i, "%%EOF", 5) == 0)
            return true;
    return false;
}

int vote_authorization_clean(const unsigned char *in, size_t len, struct photo *out)
{
    *out = (struct photo){0};
    if (len > PHOTO_MAX_BYTES)
        return HW_ELIMIT;
    if (!is_pdf(in, len))
        return photo_clean(in, len, out);
    out->data = malloc(len);
    if (!out->data)
        return HW_ENOMEM;
    memcpy(out->data, in, len);
    out->len = len;
    out->mime = "application/pdf";
    out->ext = "pdf";
    return HW_OK;
}

int vote_authorization_add(struct db *db, const struct vote_authorization_new *a, int64_t now,
                           int64_t *id, const char **bad_field)
{
    struct vote v;
    int rc = vote_load(db, a->vote_id, &v);
    if (rc != HW_OK)
        return rc;
    if (v.status != VOTE_PUBLISHED && v.status != VOTE_OPEN) {
        *bad_field = "status";
        return HW_EINVAL;
    }
    size_t n = a->proxy_name ? strlen(a->proxy_name) : 0;
    if (!n || n > VOTE_PROXY_NAME_MAX || text_chars(a->proxy_name, false) < 1 ||
        text_untrimmed(a->proxy_name) || text_has_invisible(a->proxy_name)) {
        *bad_field = "proxy_name";
        return HW_EINVAL;
    }
    int64_t head = 0;
    rc = db_scalar_int(db, &head,
                       "SELECT head_id FROM vote_head_units WHERE vote_id = $1 AND dwelling_id = $2",
                       "ii", a->vote_id, a->dwelling_id);
    if (rc == HW_ENOTFOUND) {
        *bad_field = "dwelling_id";
        return HW_EINVAL;
    }
    if (rc != HW_OK)
        return rc;
    return db_scalar_int(db, id,
                         "INSERT INTO vote_authorizations (district_id, vote_id, head_id,"
                         " proxy_name, file_name, mime, bytes, uploaded_by, uploaded_at)"
                         " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                         "iiisssiii", v.district_id, a->vote_id, head, a->proxy_name, a->file_name,
                         a->file->mime, (int64_t)a->file->len, a->by, now);
}

int vote_authorization_json(struct db *db, int64_t id, json_t **out)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT a.id, a.vote_id, h.position, a.proxy_name, a.mime, a.bytes,"
                          " a.uploaded_at FROM vote_authorizations a"
                          " JOIN vote_heads h ON h.id = a.head_id WHERE a.id = $1",
                          "i", id);
    if (rc != HW_OK)
        return rc;
    char at[32];
    clock_format_rfc3339(db_col_int(st, 6), at);
    *out = json_pack("{s:I, s:I, s:I, s:s, s:s, s:I, s:s}", "id", (json_int_t)db_col_int(st, 0),
                     "vote_id", (json_int_t)db_col_int(st, 1), "head", (json_int_t)db_col_int(st, 2),
                     "proxy_name", db_col_text(st, 3), "mime", db_col_text(st, 4), "bytes",
                     (json_int_t)db_col_int(st, 5), "at", at);
    db_reset(st);
    return *out ? HW_OK : HW_ENOMEM;
}
