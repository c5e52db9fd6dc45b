/* The matters owners decide together, as Civil Code art. 278 lists them, and
 * which majority each needs. */
#ifndef HONGWU_VOTES_MATTER_H
#define HONGWU_VOTES_MATTER_H

#include <stdbool.h>
#include <stddef.h>

struct vote_matter {
    const char *code; /* as the API names it: "rebuild" */
    int item;         /* its item of Civil Code art. 278, para. 1 */
    bool special;     /* items 6-8: three quarters, not more than half */
    const char *zh, *en;
};

/* The matter with that code, or NULL. */
const struct vote_matter *vote_matter_find(const char *code);

/* Every matter, in the article's order; *n set to how many. */
const struct vote_matter *vote_matters(size_t *n);

#endif
