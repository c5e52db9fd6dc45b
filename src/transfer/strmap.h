/* A string-keyed hash map living in an arena (open addressing, FNV-1a), for
 * the import's look-ups by name: a place by (parent, kind, name), an ID
 * number seen on an earlier line. Never shrinks; freed with its arena. */
#ifndef HONGWU_TRANSFER_STRMAP_H
#define HONGWU_TRANSFER_STRMAP_H

#include <stddef.h>

#include "base/arena.h"

struct strmap;

struct strmap *strmap_new(struct arena *a);
/* The value stored under key, or NULL. */
void *strmap_get(const struct strmap *m, const char *key);
/* Stores value under a copy of key, replacing an earlier value. */
int strmap_put(struct strmap *m, const char *key, void *value);
size_t strmap_count(const struct strmap *m);

#endif
