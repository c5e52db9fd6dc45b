/* Special-group tags (aged 80+, living alone, disabled...): built in for
 * every sub-district, plus each sub-district's own. Sensitive ones are
 * health-related and shown only per src/privacy. */
#ifndef HONGWU_REGISTRY_TAG_H
#define HONGWU_REGISTRY_TAG_H

#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

enum { TAG_CODE_MAX = 32 };

/* 1-32 of [a-z0-9_], starting with a letter. */
bool tag_code_valid(const char *code);

/* The tag with this code built in or of the sub-district; HW_ENOTFOUND when none. */
int tag_find(struct db *db, int64_t district_id, const char *code, int64_t *id, bool *sensitive);

#endif
