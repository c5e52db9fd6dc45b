/* Notifications (docs/architecture.md, "Jobs and notifications"): an inbox
 * per user, announcements to the users of a scope, and the events webhooks
 * subscribe to. Every function here works inside the caller's transaction. */
#ifndef HONGWU_KIT_NOTIFY_CORE_H
#define HONGWU_KIT_NOTIFY_CORE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "kit/jobs_core.h"
#include "store/db.h"

enum {
    NOTIFY_TITLE_MAX = 200, /* characters */
    NOTIFY_BODY_MAX = 4000, /* characters */
    NOTIFY_LINK_MAX = 500,  /* bytes */
};

/* The event kinds a webhook may subscribe to. */
extern const char *const notify_event_kinds[];
bool notify_event_known(const char *kind);

/* One inbox item for user_id (link may be NULL), and the event `kind` for
 * the webhooks of the user's sub-district. */
int notify_user(struct db *db, int64_t user_id, const char *kind, const char *title,
                const char *body, const char *link);
/* notify_user, the item telling of the record source_id, which
 * notify_withdraw can take back. */
int notify_user_about(struct db *db, int64_t user_id, const char *kind, const char *title,
                      const char *body, const char *link, int64_t source_id);
/* Deletes user_id's inbox items of kind telling of source_id, read or not:
 * the record is no longer theirs to know of. */
int notify_withdraw(struct db *db, int64_t user_id, const char *kind, int64_t source_id);

/* Who an announcement reaches: the enabled users whose scope lies inside
 * scope_id (0: every user), of the roles in roles (a JSON array of role
 * names; NULL: every role). */
struct notify_audience {
    int64_t district_id; /* kept on each item; 0: none */
    int64_t scope_id;
    const json_t *roles;
};

/* An inbox item for every user of the audience; *count (may be NULL) gets
 * how many. No event: the caller sends one for all (notify_event). */
int notify_district(struct db *db, const struct notify_audience *to, const char *kind,
                    const char *title, const char *body, const char *link, int64_t source_id,
                    int64_t *count);

/* The event `kind` with data (borrowed) for every enabled webhook of the
 * sub-district (and the installation-wide ones) subscribed to it: each is
 * a delivery row and a webhook.deliver job. */
int notify_event(struct db *db, int64_t district_id, const char *kind, json_t *data);

int notify_unread_count(struct db *db, int64_t user_id, int64_t *out);

/* Announcements: delivered to their audience at deliver_at by the job
 * announcement.deliver, scheduled in the same transaction. */
struct announcement_new {
    int64_t district_id, scope_id; /* the author's; 0, 0: installation-wide */
    int64_t author_id;
    const char *title, *body;
    const json_t *roles; /* a JSON array of role names, or NULL */
    int64_t deliver_at;
    /* Delivered now, in this transaction, without a job (`hongwu demo`). */
    bool deliver_now;
};
int announcement_create(struct db *db, const struct announcement_new *a, int64_t *id);
/* The announcement as answered and audited (a new reference). */
int announcement_json(struct db *db, int64_t id, json_t **out);

/* The job announcement.deliver ({"announcement_id": n}): the inbox items
 * of the audience, then the event "announcement". */
#define NOTIFY_ANNOUNCEMENT_JOB "announcement.deliver"
int notify_announcement_run(struct db *db, const struct job *job);

#endif
