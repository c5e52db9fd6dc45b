#include "votes/electorate.h"

#include <stdlib.h>

#include "base/err.h"

/* Union-find over units: units joined share a head. */
static size_t root(size_t *parent, size_t i)
{
    while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    return i;
}

static void join(size_t *parent, size_t a, size_t b)
{
    a = root(parent, a);
    b = root(parent, b);
    /* The lower index stays the root, so a head is named by its first unit. */
    if (a < b)
        parent[b] = a;
    else if (b < a)
        parent[a] = b;
}

struct owned {
    int64_t owner;
    size_t unit;
};

static int by_owner(const void *a, const void *b)
{
    const struct owned *x = a, *y = b;
    if (x->owner != y->owner)
        return x->owner < y->owner ? -1 : 1;
    return x->unit < y->unit ? -1 : x->unit > y->unit;
}

/* Every owned unit, sorted by owner: a buyer's units lie side by side. */
static int owner_pairs(const struct vote_unit *units, size_t n, struct owned **out, size_t *count)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        if (!units[i].developer)
            total += units[i].nowners;
    *out = NULL;
    *count = 0;
    if (!total)
        return HW_OK;
    struct owned *pairs = calloc(total, sizeof *pairs);
    if (!pairs)
        return HW_ENOMEM;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; !units[i].developer && j < units[i].nowners; j++)
            pairs[k++] = (struct owned){units[i].owners[j], i};
    qsort(pairs, total, sizeof *pairs, by_owner);
    *out = pairs;
    *count = total;
    return HW_OK;
}

static unsigned unit_flags(const struct vote_unit *u)
{
    unsigned f = 0;
    if (u->area_cm2 < 0)
        f |= VOTE_FLAG_NO_AREA;
    if (u->developer && u->nowners)
        f |= VOTE_FLAG_DEVELOPER_OWNED;
    if (!u->developer && !u->nowners)
        f |= VOTE_FLAG_NO_OWNER;
    return f;
}

static int group(const struct vote_unit *units, size_t n, size_t *parent)
{
    for (size_t i = 0; i < n; i++)
        parent[i] = i;
    /* 法释〔2009〕7号 art. 9: the developer's unsold units are one owner. */
    size_t first_developer = n;
    for (size_t i = 0; i < n; i++)
        if (units[i].developer) {
            if (first_developer == n)
                first_developer = i;
            else
                join(parent, first_developer, i);
        }
    /* Art. 9: all the units of one buyer are one owner. */
    struct owned *pairs;
    size_t npairs;
    int rc = owner_pairs(units, n, &pairs, &npairs);
    if (rc != HW_OK)
        return rc;
    for (size_t k = 1; k < npairs; k++)
        if (pairs[k].owner == pairs[k - 1].owner)
            join(parent, pairs[k - 1].unit, pairs[k].unit);
    free(pairs);
    return HW_OK;
}

int vote_electorate_count(const struct vote_unit *units, size_t n, struct vote_electorate *out)
{
    *out = (struct vote_electorate){.nunits = n};
    if (!n)
        return HW_OK;
    size_t *parent = calloc(n, sizeof *parent);
    out->head_of = calloc(n, sizeof *out->head_of);
    out->heads = calloc(n, sizeof *out->heads);
    if (!parent || !out->head_of || !out->heads) {
        free(parent);
        return HW_ENOMEM;
    }
    int rc = group(units, n, parent);
    /* Number the heads by their first unit; a root precedes its members. */
    for (size_t i = 0; rc == HW_OK && i < n; i++) {
        if (units[i].area_cm2 < -1) {
            rc = HW_EINVAL;
            break;
        }
        size_t r = root(parent, i);
        size_t h = r == i ? out->nheads++ : out->head_of[r];
        out->head_of[i] = h;
        struct vote_head *head = &out->heads[h];
        unsigned f = unit_flags(&units[i]);
        int64_t area = units[i].area_cm2 > 0 ? units[i].area_cm2 : 0;
        if (area > INT64_MAX - out->area_cm2) {
            rc = HW_EINVAL;
            break;
        }
        head->area_cm2 += area;
        out->area_cm2 += area;
        head->units++;
        head->developer = head->developer || units[i].developer;
        head->flags |= f;
        out->flags |= f;
        for (int b = 0; b < 3; b++)
            if (f & (1u << b))
                out->flagged[b]++;
    }
    free(parent);
    return rc;
}

void vote_electorate_free(struct vote_electorate *e)
{
    free(e->head_of);
    free(e->heads);
    *e = (struct vote_electorate){0};
}
