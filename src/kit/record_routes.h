/* The shapes every record route shares, described once:
 * - a write (places, organizations, party tree, cards, posts): parse and
 *   check in the handler, then, in one write transaction, read the record
 *   before, apply the change, read it after, audit both, commit, and answer
 *   with the record; handlers describe it with a struct audited_write;
 * - a page of a list: {"items": [...], "next_after": id or null}. */
#ifndef HONGWU_KIT_RECORD_ROUTES_H
#define HONGWU_KIT_RECORD_ROUTES_H

#include <jansson.h>
#include <stdint.h>

#include "http/request.h"
#include "store/db.h"

/* Renders one record as answered and audited (a new reference). */
typedef int (*record_render)(struct request *req, void *ctx, int64_t id, json_t **out);

struct audited_write {
    const char *action;   /* "create" or "update" (then the record is read before) */
    const char *entity;   /* audited entity name: "place", "organization", ... */
    const char *location; /* 201 answers: the Location path before the id ("/api/v1/places/") */
    /* Makes the change inside the transaction: sets *id for a create and
     * *district (the row's sub-district) always. Field errors are recorded
     * with write_field_invalid() and HW_EINVAL returned. */
    int (*apply)(struct request *req, void *ctx, int64_t *id, int64_t *district);
    record_render render; /* the record as answered */
    /* The record as audited, when the answer shows more (personal data the
     * audit log keeps masked); NULL: render. */
    record_render audit_render;
    /* After apply: true when the record was already as asked (an open link
     * kept as it is), so nothing is audited and the answer is 200. NULL: never. */
    bool (*unchanged)(const void *ctx);
};

/* Runs w for the record id (0 for a create) and answers 201 for a create,
 * 200 for an update. One transaction holds the change, its audit entry, the
 * answer's sensitive reads and the Idempotency-Key record: a crash leaves all
 * of them or none, and once it commits the write is answered, never an
 * error. Every failure rolls back. */
int audited_write_run(struct request *req, const struct audited_write *w, void *ctx, int64_t id);

/* Answers one page of a list: st's first column is each record's id (the
 * query already scoped, ordered by id and limited), render builds each
 * record. {"items": [...], "next_after": last id, or null on the last page}.
 * Resets st. */
int respond_id_page(struct request *req, struct db_stmt *st, int64_t limit, record_render render,
                    void *ctx);

/* The same answer when each row renders itself (row(st) has an "id"). */
int respond_row_page(struct request *req, struct db_stmt *st, int64_t limit,
                     json_t *(*row)(struct db_stmt *st));

/* Records an "invalid" error on field with a message in Chinese and
 * English for the registry's fields; returns HW_EINVAL. */
int write_field_invalid(struct request *req, const char *field);

/* The sub-district a route is about: the caller's own, or for an
 * installation admin (bound to none) ?district_id=, which it must give.
 * HW_EINVAL with a field error when it is missing or bad. */
int record_district(struct request *req, int64_t *district);

/* Maps what a model function reported (rc and its bad field) to the
 * answer: a field error, or rc unchanged. */
int write_model_error(struct request *req, int rc, const char *bad_field);

/* The end of an apply whose model function created a row of table (rc and
 * its bad field as it reported them): on success *district is the new row
 * *id's district_id; then the answer as write_model_error gives it. */
int write_model_created(struct request *req, int rc, const char *bad_field, const char *table,
                        const int64_t *id, int64_t *district);

#endif
