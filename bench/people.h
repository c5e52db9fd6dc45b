/* Plausible people for the synthetic city: Chinese names with surnames in
 * their real proportions, GB 11643 ID numbers with valid check digits, mobile
 * numbers, ages with a simple population pyramid, and the special-group tags
 * that follow from them. Deterministic from the random state. */
#ifndef HONGWU_BENCH_PEOPLE_H
#define HONGWU_BENCH_PEOPLE_H

#include <stddef.h>
#include <stdint.h>

#include "city.h"

/* splitmix64: small, fast and good enough to draw a city. */
struct rng {
    uint64_t s;
};
uint64_t rng_next(struct rng *r);
/* Uniform in [0, n). */
uint64_t rng_below(struct rng *r, uint64_t n);
/* True with probability p. */
int rng_chance(struct rng *r, double p);

/* Dates are counted in days since 1900-01-01; births lie in [0, BIRTH_DAYS). */
enum { BIRTH_DAYS = 125 * 366 };
void day_format(int day, char out[11]);

/* Which (birth date, sequence) pairs a sub-district has used, so its ID
 * numbers stay unique (UNIQUE (district_id, id_number) in the schema). */
struct id_registry;
struct id_registry *id_registry_new(void);
void id_registry_clear(struct id_registry *reg);
void id_registry_free(struct id_registry *reg);

/* The reference date for ages (and so for the age tags): 2025-01-01. */
#define PEOPLE_TODAY_YEAR 2025

/* Fills p's name, sex, birth date, ID number (region is a 6-digit area code),
 * phone and age tags; head is the first person of the household, alone is a
 * household of one. Returns -1 when the sub-district has no unused ID
 * number left for that birth date range (not with realistic sizes). */
int person_draw(struct rng *r, struct id_registry *reg, const char *region, int head, int alone,
                struct person *p);

#endif
