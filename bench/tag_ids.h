/* The ids of hongwu's built-in tags (schema/002_registry.sql), by code. */
#ifndef HONGWU_BENCH_TAG_IDS_H
#define HONGWU_BENCH_TAG_IDS_H

#include <stdbool.h>
#include <stdint.h>

enum { TAG_IDS_MAX = 16 };

struct tag_ids {
    char code[TAG_IDS_MAX][32];
    int64_t id[TAG_IDS_MAX];
    int n;
};

void tag_ids_put(struct tag_ids *t, const char *code, int64_t id);
/* 0 for a code the database does not have. */
int64_t tag_ids_get(const struct tag_ids *t, const char *code);
/* Whether every code the generator uses is there (prints what is missing). */
bool tag_ids_complete(const struct tag_ids *t);

#endif
