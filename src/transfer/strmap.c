#include "transfer/strmap.h"

#include <stdint.h>
#include <string.h>

#include "base/err.h"

enum { STRMAP_FIRST_SIZE = 256 }; /* a power of two */

struct slot {
    uint64_t hash;
    const char *key; /* NULL: empty */
    void *value;
};

struct strmap {
    struct arena *arena;
    struct slot *slots;
    size_t size, count;
};

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 14695981039346656037ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static struct slot *slots_new(struct arena *a, size_t size)
{
    if (size > SIZE_MAX / sizeof(struct slot))
        return NULL;
    struct slot *s = arena_alloc(a, size * sizeof *s);
    if (s)
        memset(s, 0, size * sizeof *s);
    return s;
}

struct strmap *strmap_new(struct arena *a)
{
    struct strmap *m = arena_alloc(a, sizeof *m);
    if (!m)
        return NULL;
    *m = (struct strmap){.arena = a, .size = STRMAP_FIRST_SIZE};
    m->slots = slots_new(a, m->size);
    return m->slots ? m : NULL;
}

static struct slot *find(const struct strmap *m, const char *key, uint64_t h)
{
    for (size_t i = h & (m->size - 1);; i = (i + 1) & (m->size - 1)) {
        struct slot *s = &m->slots[i];
        if (!s->key || (s->hash == h && strcmp(s->key, key) == 0))
            return s;
    }
}

void *strmap_get(const struct strmap *m, const char *key)
{
    struct slot *s = find(m, key, fnv1a(key));
    return s->key ? s->value : NULL;
}

/* Doubles the table; the old one stays in the arena until it is freed. */
static int grow(struct strmap *m)
{
    struct slot *old = m->slots;
    size_t old_size = m->size;
    struct slot *slots = slots_new(m->arena, old_size * 2);
    if (!slots)
        return HW_ENOMEM;
    m->slots = slots;
    m->size = old_size * 2;
    for (size_t i = 0; i < old_size; i++)
        if (old[i].key)
            *find(m, old[i].key, old[i].hash) = old[i];
    return HW_OK;
}

int strmap_put(struct strmap *m, const char *key, void *value)
{
    /* At most 3/4 full, so a probe always ends at an empty slot. */
    if ((m->count + 1) * 4 > m->size * 3 && grow(m) != HW_OK)
        return HW_ENOMEM;
    uint64_t h = fnv1a(key);
    struct slot *s = find(m, key, h);
    if (!s->key) {
        if (!(s->key = arena_strdup(m->arena, key)))
            return HW_ENOMEM;
        s->hash = h;
        m->count++;
    }
    s->value = value;
    return HW_OK;
}

size_t strmap_count(const struct strmap *m) { return m->count; }
