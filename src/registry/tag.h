/* Special-group tags (aged 80+, living alone, disabled...): built in for
 * every sub-district, plus each sub-district's own. Sensitive ones are
 * health-related and shown only per src/privacy. */
#ifndef HONGWU_REGISTRY_TAG_H
#define HONGWU_REGISTRY_TAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

enum { TAG_CODE_MAX = 32 };

/* 1-32 of [a-z0-9_], starting with a letter. */
bool tag_code_valid(const char *code);

/* Width in bytes of a separator of a tag list at s, or 0: 、 ; ； , ， or |,
 * as an import cell lists tags (cell_next_tag) and an export writes them. */
size_t tag_separator_at(const char *s);

/* A tag's name: registry_text_valid() (1..max_chars, trimmed, one line) and
 * no list separator, so an exported list of names reads back as the same
 * tags. */
bool tag_name_valid(const char *name, long max_chars);

/* Whether a tag the sub-district sees (built in or its own) is already
 * called s, by code or by either name, ignoring ASCII case as the import
 * does: a sheet names tags by these, so they must tell tags apart. */
int tag_name_taken(struct db *db, int64_t district_id, const char *s, bool *taken);

/* The tag with this code built in or of the sub-district; HW_ENOTFOUND when none. */
int tag_find(struct db *db, int64_t district_id, const char *code, int64_t *id, bool *sensitive);

#endif
