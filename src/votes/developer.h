/* The developer's unsold or undelivered units, marked by staff on the
 * dwellings of the register: together they count as one owner
 * (法释〔2009〕7号 art. 9). */
#ifndef HONGWU_VOTES_DEVELOPER_H
#define HONGWU_VOTES_DEVELOPER_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

/* Marks (unsold true) or unmarks a dwelling. HW_EINVAL with *bad_field
 * "dwelling_id" for a place that is no dwelling, "note" past 500 bytes.
 * *changed is false when it was already so. */
int vote_developer_mark(struct db *db, int64_t dwelling_id, bool unsold, const char *note,
                        int64_t by, int64_t now, bool *changed, const char **bad_field);

/* {"dwelling_id", "label", "developer_unsold", "note", "marked_at"} */
int vote_developer_json(struct db *db, int64_t dwelling_id, json_t **out);

#endif
