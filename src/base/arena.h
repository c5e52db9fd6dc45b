/* A per-request memory pool (after h2o's req->pool and nginx's ngx_pool_t).
 * Handlers allocate from it and never free; arena_destroy() releases every
 * block and runs the cleanup hooks that free foreign objects (jansson values). */
#ifndef HONGWU_BASE_ARENA_H
#define HONGWU_BASE_ARENA_H

#include <stddef.h>

struct arena;

struct arena *arena_create(void);
void arena_destroy(struct arena *a);

/* Returns NULL only when memory is exhausted; callers report HW_ENOMEM. */
void *arena_alloc(struct arena *a, size_t size);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Registers fn(data) to run at arena_destroy(), last registered first. */
int arena_on_destroy(struct arena *a, void (*fn)(void *), void *data);

#endif
