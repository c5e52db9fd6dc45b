/* A proxy's signed authorization (授权委托书): a photo or scan of the signed
 * paper, or a PDF, stored on disk as work-order photos are, named by its
 * content's SHA-256. A proxy ballot is accepted only on one of these, for
 * the head it votes for: a court voided a renewal decided by ballots a
 * developer's representative had signed for owners (domain.md, "Owner votes
 * in practice"). */
#ifndef HONGWU_VOTES_AUTHORIZATION_H
#define HONGWU_VOTES_AUTHORIZATION_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "store/db.h"
#include "workorder/photo.h"

enum { VOTE_PROXY_NAME_MAX = 64 };

/* Checks the file by content: JPEG, PNG or WebP (cleaned of metadata, as
 * photo_clean does) or PDF ("%PDF-" at the start, "%%EOF" in its last 1024
 * bytes), at most PHOTO_MAX_BYTES (HW_ELIMIT). HW_EINVAL for anything else.
 * out is freed with photo_free. */
int vote_authorization_clean(const unsigned char *in, size_t len, struct photo *out);

struct vote_authorization_new {
    int64_t vote_id, dwelling_id; /* one of the authorizing head's homes */
    const char *proxy_name;
    const struct photo *file;
    const char *file_name; /* as stored (photo_save) */
    int64_t by;
};

/* Records an authorization for a vote that is published or open. HW_EINVAL
 * with *bad_field "status", "dwelling_id" (not on the roll) or "proxy_name". */
int vote_authorization_add(struct db *db, const struct vote_authorization_new *a, int64_t now,
                           int64_t *id, const char **bad_field);

int vote_authorization_json(struct db *db, int64_t id, json_t **out);

#endif
