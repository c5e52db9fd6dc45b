#include "http/client_limit.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "http/client_addr.h"

/* An open-addressing hash table: a slot with count 0 is empty. Entries are
 * removed when their count drops to 0 (backward-shift deletion), so the
 * table holds only addresses with requests in flight. */
struct slot {
    char addr[CLIENT_ADDR_LEN];
    unsigned count;
};

static struct {
    pthread_mutex_t lock;
    struct slot *slots;
    size_t mask; /* slots - 1; the number of slots is a power of two */
    size_t used;
    unsigned per_client;
} table = {.lock = PTHREAD_MUTEX_INITIALIZER};

int client_limit_init(unsigned max_in_flight, unsigned per_client)
{
    size_t n = 64;
    while (n < (size_t)max_in_flight * 2) /* at most half full */
        n *= 2;
    struct slot *slots = calloc(n, sizeof *slots);
    if (!slots)
        return HW_ENOMEM;
    pthread_mutex_lock(&table.lock);
    free(table.slots);
    table.slots = slots;
    table.mask = n - 1;
    table.used = 0;
    table.per_client = per_client;
    pthread_mutex_unlock(&table.lock);
    return HW_OK;
}

void client_limit_shutdown(void)
{
    pthread_mutex_lock(&table.lock);
    free(table.slots);
    table.slots = NULL;
    pthread_mutex_unlock(&table.lock);
}

static size_t home_of(const char *addr)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)addr; *p; p++)
        h = (h ^ *p) * 1099511628211ull;
    return (size_t)h & table.mask;
}

/* The slot holding addr, or the empty slot where it would go. */
static size_t find(const char *addr)
{
    size_t i = home_of(addr);
    while (table.slots[i].count && strcmp(table.slots[i].addr, addr) != 0)
        i = (i + 1) & table.mask;
    return i;
}

bool client_limit_acquire(const char *addr)
{
    bool ok = false;
    pthread_mutex_lock(&table.lock);
    if (table.slots && strlen(addr) < CLIENT_ADDR_LEN) {
        size_t i = find(addr);
        struct slot *s = &table.slots[i];
        if (s->count == 0 && table.used < table.mask / 2) {
            memcpy(s->addr, addr, strlen(addr) + 1);
            table.used++;
            s->count = 1;
            ok = true;
        } else if (s->count > 0 && s->count < table.per_client) {
            s->count++;
            ok = true;
        }
    }
    pthread_mutex_unlock(&table.lock);
    return ok;
}

/* Empties slot i, moving later entries of the same run back so every
 * entry stays reachable from its home slot. */
static void remove_at(size_t i)
{
    size_t j = i;
    for (;;) {
        table.slots[i].count = 0;
        for (;;) {
            j = (j + 1) & table.mask;
            if (table.slots[j].count == 0)
                return;
            size_t home = home_of(table.slots[j].addr);
            /* Leave j where it is when its home lies cyclically in (i, j]. */
            bool stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
            if (!stays)
                break;
        }
        table.slots[i] = table.slots[j];
        i = j;
    }
}

void client_limit_release(const char *addr)
{
    pthread_mutex_lock(&table.lock);
    if (table.slots) {
        size_t i = find(addr);
        if (table.slots[i].count > 1) {
            table.slots[i].count--;
        } else if (table.slots[i].count == 1) {
            remove_at(i);
            table.used--;
        }
    }
    pthread_mutex_unlock(&table.lock);
}
