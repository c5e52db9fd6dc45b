/* The routes of notifications, listed in kit_capability.c: the inbox
 * (notify_http.c), announcements (notify_http.c) and webhooks
 * (webhook_http.c). */
#ifndef HONGWU_KIT_NOTIFY_HTTP_H
#define HONGWU_KIT_NOTIFY_HTTP_H

#include <jansson.h>
#include <stdbool.h>

#include "http/request.h"
#include "kit/principal.h"
#include "store/db.h"

/* GET /api/v1/inbox[?unread=1]: the caller's items, newest first, with
 * the unread count. */
int notify_http_inbox(struct request *req);
/* POST /api/v1/inbox/{id}/read */
int notify_http_read(struct request *req);
/* POST /api/v1/inbox/read-all */
int notify_http_read_all(struct request *req);

/* POST /api/v1/announcements {"title","body","roles"?,"at"?} */
int notify_http_announce(struct request *req);
/* GET /api/v1/announcements: the caller's sub-district's, newest first. */
int notify_http_announcements(struct request *req);
/* GET /api/v1/announcements/{id} */
int notify_http_announcement(struct request *req);

/* POST /api/v1/webhooks {"url","events","secret"?,"enabled"?} */
int webhook_http_create(struct request *req);
/* GET /api/v1/webhooks */
int webhook_http_list(struct request *req);
/* GET /api/v1/webhooks/{id} */
int webhook_http_get(struct request *req);
/* PATCH /api/v1/webhooks/{id} */
int webhook_http_update(struct request *req);
/* GET /api/v1/webhooks/{id}/deliveries: newest first, each with its attempts. */
int webhook_http_deliveries(struct request *req);

/* The scope rule of the records the routes name by {id} (kit/scope.h,
 * notify_reach.c): HW_OK, HW_ENOTFOUND or an error. An inbox item is its
 * owner's; announcements and webhooks are their sub-district's. */
int notification_record_reach(struct db *db, const struct principal *who, int64_t id, bool write);
int announcement_record_reach(struct db *db, const struct principal *who, int64_t id, bool write);
int webhook_record_reach(struct db *db, const struct principal *who, int64_t id, bool write);

/* Parses the body as one JSON object whose members are among names[0..n):
 * another member is a field error (the body tables know no arrays).
 * HW_OK with *root kept by the request; HW_EINVAL after answering 400 or
 * recording field errors. */
int notify_body_object(struct request *req, const char *const *names, size_t n, json_t **root);

#endif
