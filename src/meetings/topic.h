/* Topics for deliberation (docs/api-meetings.md, "Topics"): opened by a
 * resident or staff for their community or compound, commented on, and
 * taken onto a meeting's agenda. Plain functions inside the caller's
 * transaction; HW_EINVAL with *bad_field on a refused change. */
#ifndef HONGWU_MEETINGS_TOPIC_H
#define HONGWU_MEETINGS_TOPIC_H

#include <jansson.h>
#include <stdint.h>

#include "kit/principal.h"
#include "store/db.h"

struct topic_new {
    int64_t place_id; /* a community or compound */
    const char *title, *body;
};
int topic_create(struct db *db, const struct topic_new *t, int64_t user_id, int64_t now,
                 int64_t *id, const char **bad_field);

/* A comment on a topic not yet taken up by a held meeting. */
int topic_comment(struct db *db, int64_t topic_id, int64_t user_id, const char *body, int64_t now,
                  int64_t *comment_id, const char **bad_field);

/* The topic as who sees it (who NULL: as the audit log keeps it), its
 * opener's name masked unless meeting_sees_author. */
int topic_json(struct db *db, const struct principal *who, int64_t id, json_t **out);
int topic_comment_json(struct db *db, const struct principal *who, int64_t comment_id,
                       json_t **out);

#endif
