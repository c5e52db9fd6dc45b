/* What a residents or dwellings import will write, worked out before any of
 * it is: every row is checked and matched against what is registered
 * first, without the write lock, and what the rows ask for is kept here.
 * import_apply() then writes it in short transactions (docs/import-format.md,
 * "All or nothing").
 *
 * New places, residents and the links and tags of new residents are
 * written many rows to a statement; a change to a registered record (a
 * resident's details, a dwelling's area, a registered person's new home) is
 * an operation run through the audited write, one row at a time. */
#ifndef HONGWU_TRANSFER_IMPORT_PLAN_H
#define HONGWU_TRANSFER_IMPORT_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "registry/resident.h"

struct cached_place;
struct import_job;

/* A growing array of pointers (the items live in the job's arena). */
struct ptr_list {
    void **at;
    size_t n, cap;
};
int ptr_list_push(struct ptr_list *l, void *item);
void ptr_list_free(struct ptr_list *l);

/* A person the import registers. */
struct plan_resident {
    struct resident r; /* its strings in the job's arena; birth date and sex
                          filled from the ID number */
    int64_t line;
    int64_t id; /* given when applied */
};

/* A new resident's home: one occupancy, and the tags of the row. */
struct plan_link {
    struct plan_resident *resident;
    struct cached_place *dwelling;
    const char *relation, *moved_in;
    int64_t line;
    size_t ntags;
    const int64_t *tag_ids; /* in the job's arena */
};

enum plan_op_kind {
    OP_RESIDENT_UPDATE, /* a registered resident's details (audited) */
    OP_LINK,            /* a registered resident's home and tags */
    OP_AREA,            /* a registered dwelling's area (audited) */
};

struct plan_op {
    enum plan_op_kind kind;
    int64_t line;
    int64_t resident_id;          /* OP_RESIDENT_UPDATE, OP_LINK */
    struct resident r;            /* OP_RESIDENT_UPDATE: as the row gives it */
    struct cached_place *dwelling; /* OP_LINK, OP_AREA */
    const char *relation, *moved_in;
    size_t ntags;
    const int64_t *tag_ids;         /* in the job's arena */
    int64_t area_cm2, old_area_cm2; /* OP_AREA */
};

struct import_plan {
    struct ptr_list places;    /* struct cached_place, parents before children */
    struct ptr_list residents; /* struct plan_resident */
    struct ptr_list links;     /* struct plan_link */
    struct ptr_list ops;       /* struct plan_op, in the order of the rows */
};

void import_plan_free(struct import_plan *p);

/* Writes the plan of a job whose rows were all taken, then the import's
 * audit entry: in the caller's transaction (in_caller_txn), or in short
 * transactions of its own, each undone again if a later one fails. A row
 * that turns out refused while writing (registered meanwhile by someone
 * else) is a rejection in the report, and nothing stays written.
 * HW_EBUSY when another import of the sub-district is being written. */
int import_apply(struct import_job *job);

#endif
