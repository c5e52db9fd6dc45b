/* The audit log: logins, failed logins and every change, with who, when,
 * what, and the record before and after. Written in the same transaction as
 * the change it describes. */
#ifndef HONGWU_KIT_AUDIT_H
#define HONGWU_KIT_AUDIT_H

#include <jansson.h>
#include <stdint.h>

#include "http/request.h"
#include "store/db.h"

struct audit_entry {
    int64_t user_id;     /* 0 when nobody is signed in (a failed login) */
    int64_t district_id; /* 0 for installation-wide records */
    const char *action;  /* login, login_failed, logout, create, update */
    const char *entity;  /* "user", "session"... or NULL */
    int64_t entity_id;
    json_t *before, *after; /* borrowed; NULL when not applicable */
    const char *ip;
};

int audit_record(struct db *db, const struct audit_entry *e);

/* The caller and address taken from req. */
int audit_change(struct request *req, const char *action, const char *entity, int64_t entity_id,
                 int64_t district_id, json_t *before, json_t *after);

/* Logs a read of unmasked personal data: who read which fields of whose record. */
int audit_sensitive_read(struct request *req, const char *subject, int64_t subject_id,
                         int64_t district_id, const char *fields);


#endif
