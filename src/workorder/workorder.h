/* Work orders (工单): filing, reading and rendering an order, for the API,
 * Open311, statistics and the demo. docs/api-workorders.md is the contract;
 * docs/domain.md section 5 the rules. Plain functions of plain data: the
 * HTTP handlers are in workorder_http.h. */
#ifndef HONGWU_WORKORDER_WORKORDER_H
#define HONGWU_WORKORDER_WORKORDER_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kit/principal.h"
#include "kit/write.h"
#include "store/db.h"
#include "workorder/deadline.h"

enum {
    WO_DESCRIPTION_MAX = 2000, /* bytes */
    WO_PLACE_TEXT_MAX = 200,   /* bytes */
    WO_NAME_MAX = 64,          /* bytes of a reporter's name */
    WO_NOTE_MAX = 2000,        /* bytes of a transition's note */
    WO_NUMBER_MAX = 32,        /* "WO-20261121-0042" and its NUL, with room */
};

/* How a matter came in (docs/domain.md WO-2). */
enum wo_channel {
    WO_CHANNEL_PHONE,
    WO_CHANNEL_RESIDENT_PAGE,
    WO_CHANNEL_SUGGESTION_BOX,
    WO_CHANNEL_DOOR_VISIT,
    WO_CHANNEL_GRID_PATROL,
    WO_CHANNEL_SENSOR,
    WO_CHANNEL_RIDER,
    WO_CHANNEL_OPEN311,
    WO_CHANNEL_COUNT
};
const char *wo_channel_name(enum wo_channel c);
int wo_channel_parse(const char *s, enum wo_channel *out); /* HW_EINVAL when unknown */

enum wo_reporter_kind { WO_REPORTER_RESIDENT, WO_REPORTER_STAFF, WO_REPORTER_ANONYMOUS };
const char *wo_reporter_kind_name(enum wo_reporter_kind k);
int wo_reporter_kind_parse(const char *s, enum wo_reporter_kind *out);

/* A new order as its filer gives it. Strings are borrowed; NULL: absent. */
struct workorder_new {
    enum wo_channel channel;
    struct {
        enum wo_reporter_kind kind;
        int64_t resident_id; /* 0: none */
        const char *name;    /* NULL: the filing account's, for a resident */
        const char *phone;   /* NULL: the filing account's, for a resident */
    } reporter;
    /* A dwelling, building or compound; or, with place_text, the grid,
     * community or sub-district the matter lies in. */
    int64_t place_id;
    const char *place_text;
    bool has_coords;
    int64_t lat_e6, lon_e6; /* micro-degrees (WGS 84) */
    int64_t category_id;
    const char *description;
    bool has_difficulty; /* false: the category's default */
    enum wo_difficulty difficulty;
    int64_t reported_at; /* 0: now; the demo gives earlier times */
};

/* Files an order in one audited write (with its first timeline event, its
 * deadlines and their jobs, and an automatic dispatch when a rule covers
 * it): a = who acts (the API's user, the command line, Open311's device),
 * who = the account it is filed for and whose reach applies (its
 * sub-district). Sets *id. HW_EINVAL with *bad_field naming the field
 * ("category_id", "place_id", "description", ...); HW_ENOTFOUND never (a
 * place outside reach is HW_EINVAL on place_id). */
int workorder_create(struct db *db, const struct actor *a, const struct principal *who,
                     const struct workorder_new *n, int64_t *id, const char **bad_field);

/* The order id as `who` sees it (docs/api-workorders.md, "The order"),
 * clocks computed at now, reporter masked unless who may see it; a new
 * reference. *disclosed (may be NULL) gets whether the reporter's name or
 * phone of someone else was shown whole (a read to log). HW_ENOTFOUND when
 * there is no such order (visibility is the caller's to check:
 * workorder_visible). */
int workorder_render(struct db *db, const struct principal *who, int64_t id, int64_t now,
                     json_t **out, bool *disclosed);

/* The order as the audit log keeps it: the reporter's phone masked. */
int workorder_render_audit(struct db *db, int64_t id, json_t **out);

/* HW_OK when who may see (write false) or act on (write true) order id,
 * HW_ENOTFOUND when not or when there is none (docs/api-workorders.md,
 * "Which orders a caller sees"). */
int workorder_visible(struct db *db, const struct principal *who, int64_t id, bool write);

/* The order's current version (its ETag) and sub-district. */
int workorder_version(struct db *db, int64_t id, int64_t *version, int64_t *district);

/* Finds an order by its number within a sub-district. HW_ENOTFOUND. */
int workorder_find_number(struct db *db, int64_t district_id, const char *number, int64_t *id);

/* Where photos are stored (`hongwu serve --files DIR`): set once at
 * start-up, before any request. HW_ELIMIT when the path is too long. */
enum { WO_FILES_DIR_MAX = 1024 };
int workorder_set_files_dir(const char *dir);
const char *workorder_files_dir(void);
/* The default: "files" beside a SQLite database file (var/hongwu.db gives
 * var/files), "var/files" for PostgreSQL. */
void workorder_default_files_dir(const char *db_url, char *out, size_t size);

#endif
