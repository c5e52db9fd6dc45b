/* The journal of an import applied in steps, its undo, and the undo of the
 * imports a dead process left half-applied (import_undo.h, transfer.h). */
#include "transfer/import_undo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/err.h"
#include "base/log.h"
#include "kit/write.h"
#include "transfer/transfer.h"

/* An import whose process still lives but has written nothing for this
 * long (another machine on one PostgreSQL, a process hung) is taken back. */
enum { IMPORT_LEASE_S = 600 };

/* ---- the step's document ---- */

json_t *undo_doc_new(void) { return json_object(); }

/* doc[key], an array made on first use. */
static json_t *list_of(json_t *doc, const char *key)
{
    json_t *a = json_object_get(doc, key);
    if (!a && (a = json_array()) && json_object_set_new(doc, key, a) != 0)
        return NULL;
    return a;
}

static int push(json_t *doc, const char *key, json_t *item)
{
    json_t *a = item ? list_of(doc, key) : NULL;
    if (!a) {
        json_decref(item);
        return HW_ENOMEM;
    }
    return json_array_append_new(a, item) == 0 ? HW_OK : HW_ENOMEM;
}

int undo_note_range(json_t *doc, const char *table, int64_t first, int64_t last)
{
    return push(doc, table, json_pack("[I, I]", (json_int_t)first, (json_int_t)last));
}

int undo_note_occupancy(json_t *doc, int64_t id)
{
    return push(doc, "occupancies", json_integer((json_int_t)id));
}

int undo_note_tag(json_t *doc, int64_t resident_id, int64_t tag_id)
{
    return push(doc, "tags", json_pack("[I, I]", (json_int_t)resident_id, (json_int_t)tag_id));
}

int undo_resident_before(struct db *db, int64_t id, json_t *doc)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT name, sex, birth_date, id_number, phone, party_org_id, note,"
                          " updated_at FROM residents WHERE id = $1",
                          "i", id);
    if (rc != HW_OK)
        return rc;
    json_t *before = json_pack(
        "{s:I, s:s, s:s?, s:s?, s:s?, s:s?, s:I, s:s?, s:I}", "id", (json_int_t)id, "name",
        db_col_text(st, 0), "sex", db_col_text(st, 1), "birth_date", db_col_text(st, 2),
        "id_number", db_col_text(st, 3), "phone", db_col_text(st, 4), "party_org_id",
        (json_int_t)db_col_int(st, 5), "note", db_col_text(st, 6), "updated_at",
        (json_int_t)db_col_int(st, 7));
    db_reset(st);
    return push(doc, "residents_before", before);
}

int undo_area_before(struct db *db, int64_t id, json_t *doc)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st, "SELECT area_cm2, updated_at FROM places WHERE id = $1", "i",
                          id);
    if (rc != HW_OK)
        return rc;
    json_t *before = json_pack("[I, I, I]", (json_int_t)id,
                               (json_int_t)(db_col_is_null(st, 0) ? -1 : db_col_int(st, 0)),
                               (json_int_t)db_col_int(st, 1));
    db_reset(st);
    return push(doc, "areas_before", before);
}

/* ---- who applies an import ---- */

/* "host/pid/start time": a process that died leaves an owner no living
 * process has, even when its pid is taken again. */
static int process_start(long pid, char *out, size_t size)
{
    char path[64], line[1024];
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return HW_ENOTFOUND;
    size_t n = fread(line, 1, sizeof line - 1, f);
    fclose(f);
    line[n] = '\0';
    /* Field 22, counted after the command name, which may hold blanks. */
    char *p = strrchr(line, ')');
    for (int field = 2; p && field < 22; field++)
        p = strchr(p + 1, ' ');
    if (!p)
        return HW_EIO;
    snprintf(out, size, "%.*s", (int)strcspn(p + 1, " "), p + 1);
    return HW_OK;
}

static void owner_of(long pid, char *out, size_t size)
{
    char host[256] = "", start[32] = "?";
    gethostname(host, sizeof host - 1);
    process_start(pid, start, sizeof start);
    snprintf(out, size, "%s/%ld/%s", host, pid, start);
}

/* A process of this machine that is no longer there. */
static bool owner_dead(const char *owner)
{
    char host[256] = "", start[32];
    long pid;
    gethostname(host, sizeof host - 1);
    size_t hl = strlen(host);
    if (strncmp(owner, host, hl) != 0 || owner[hl] != '/')
        return false;
    pid = strtol(owner + hl + 1, NULL, 10);
    const char *was = strrchr(owner, '/');
    if (pid <= 0 || !was)
        return false;
    if (pid == (long)getpid())
        return false;
    return process_start(pid, start, sizeof start) != HW_OK || strcmp(start, was + 1) != 0;
}

/* ---- the journal ---- */

int import_journal_open(struct db *db, int64_t district_id, int64_t community_id, const char *kind,
                        int64_t user_id, int64_t *import_id)
{
    char owner[320];
    owner_of((long)getpid(), owner, sizeof owner);
    int64_t now = clock_now();
    int rc = db_begin(db, DB_TXN_WRITE);
    if (rc == HW_OK)
        rc = db_scalar_int(db, import_id,
                           "INSERT INTO imports (district_id, community_id, kind, user_id, state,"
                           " owner, started_at, heartbeat_at)"
                           " VALUES ($1, $2, $3, NULLIF($4, 0), 'applying', $5, $6, $6) RETURNING id",
                           "iisisi", district_id, community_id, kind, user_id, owner, now);
    if (rc == HW_OK)
        rc = db_commit(db);
    if (rc != HW_OK)
        db_rollback(db);
    return rc == HW_ECONFLICT ? HW_EBUSY : rc;
}

int import_journal_step(struct db *db, int64_t import_id, const json_t *doc)
{
    char *text = json_dumps(doc, JSON_COMPACT);
    if (!text)
        return HW_ENOMEM;
    int64_t n = db_run(db, "INSERT INTO import_undo (import_id, doc) VALUES ($1, $2)", "is",
                       import_id, text);
    free(text);
    if (n >= 0)
        n = db_run(db, "UPDATE imports SET heartbeat_at = $2 WHERE id = $1", "ii", import_id,
                   clock_now());
    return n < 0 ? (int)n : HW_OK;
}

int import_journal_done(struct db *db, int64_t import_id)
{
    int64_t n = db_run(db, "DELETE FROM import_undo WHERE import_id = $1", "i", import_id);
    if (n >= 0)
        n = db_run(db, "UPDATE imports SET state = 'done', heartbeat_at = $2 WHERE id = $1", "ii",
                   import_id, clock_now());
    return n < 0 ? (int)n : HW_OK;
}

/* ---- undo ---- */

static int64_t item_int(const json_t *a, size_t i)
{
    return (int64_t)json_integer_value(json_array_get(a, i));
}

static int restore_residents(struct db *db, const json_t *list)
{
    size_t i;
    const json_t *r;
    json_array_foreach(list, i, r)
    {
        int64_t n = db_run(
            db,
            "UPDATE residents SET name = $2, sex = $3, birth_date = $4, id_number = $5,"
            " phone = $6, party_org_id = NULLIF($7, 0), note = $8, updated_at = $9 WHERE id = $1",
            "isssssisi", (int64_t)json_integer_value(json_object_get(r, "id")),
            json_string_value(json_object_get(r, "name")),
            json_string_value(json_object_get(r, "sex")),
            json_string_value(json_object_get(r, "birth_date")),
            json_string_value(json_object_get(r, "id_number")),
            json_string_value(json_object_get(r, "phone")),
            (int64_t)json_integer_value(json_object_get(r, "party_org_id")),
            json_string_value(json_object_get(r, "note")),
            (int64_t)json_integer_value(json_object_get(r, "updated_at")));
        if (n < 0)
            return (int)n;
    }
    return HW_OK;
}

/* Runs sql once per [first, last] range of list, bound as $1 and $2, the
 * newest range first: a new place's children were given later ids than it,
 * often in a later range of the same step, and the foreign key from a
 * child to its parent is checked at the end of each statement. */
static int each_range(struct db *db, const json_t *list, const char *sql)
{
    for (size_t i = json_array_size(list); i > 0; i--) {
        const json_t *r = json_array_get(list, i - 1);
        int64_t n = db_run(db, sql, "ii", item_int(r, 0), item_int(r, 1));
        if (n < 0)
            return (int)n;
    }
    return HW_OK;
}

/* One step taken back: what it replaced restored, what it inserted deleted,
 * children before parents. */
static int undo_step(struct db *db, const json_t *doc)
{
    const json_t *residents = json_object_get(doc, "residents");
    const json_t *places = json_object_get(doc, "places");
    size_t i;
    const json_t *v;
    int64_t n = HW_OK;
    json_array_foreach(json_object_get(doc, "areas_before"), i, v)
    {
        int64_t area = item_int(v, 1);
        n = db_run(db, "UPDATE places SET area_cm2 = NULLIF($2, -1), updated_at = $3 WHERE id = $1",
                   "iii", item_int(v, 0), area, item_int(v, 2));
        if (n < 0)
            return (int)n;
    }
    int rc = restore_residents(db, json_object_get(doc, "residents_before"));
    json_array_foreach(json_object_get(doc, "tags"), i, v)
    {
        if (rc == HW_OK &&
            (n = db_run(db, "DELETE FROM resident_tags WHERE resident_id = $1 AND tag_id = $2",
                        "ii", item_int(v, 0), item_int(v, 1))) < 0)
            rc = (int)n;
    }
    json_array_foreach(json_object_get(doc, "occupancies"), i, v)
    {
        if (rc == HW_OK && (n = db_run(db, "DELETE FROM occupancies WHERE id = $1", "i",
                                       (int64_t)json_integer_value(v))) < 0)
            rc = (int)n;
    }
    if (rc == HW_OK)
        rc = each_range(db, residents,
                        "DELETE FROM resident_tags WHERE resident_id BETWEEN $1 AND $2");
    if (rc == HW_OK)
        rc = each_range(db, residents,
                        "DELETE FROM occupancies WHERE resident_id BETWEEN $1 AND $2");
    if (rc == HW_OK)
        rc = each_range(db, residents, "DELETE FROM residents WHERE id BETWEEN $1 AND $2");
    if (rc == HW_OK)
        rc = each_range(db, places,
                        "DELETE FROM building_grid_history WHERE building_id BETWEEN $1 AND $2");
    if (rc == HW_OK)
        rc = each_range(db, places, "DELETE FROM places WHERE id BETWEEN $1 AND $2");
    return rc;
}

/* The newest step left, undone with its document deleted, in one
 * transaction. *left is false when none is left. */
static int undo_newest(struct db *db, int64_t import_id, bool *left)
{
    *left = false;
    int rc = db_begin(db, DB_TXN_WRITE);
    if (rc != HW_OK)
        return rc;
    struct db_stmt *st;
    rc = db_query_row(db, &st,
                      "SELECT id, doc FROM import_undo WHERE import_id = $1 ORDER BY id DESC LIMIT 1",
                      "i", import_id);
    json_t *doc = NULL;
    int64_t step = 0;
    if (rc == HW_OK) {
        step = db_col_int(st, 0);
        doc = json_loads(db_col_text(st, 1), 0, NULL);
        db_reset(st);
        rc = doc ? HW_OK : HW_EDB;
        *left = true;
    } else if (rc == HW_ENOTFOUND) {
        rc = HW_OK;
    }
    if (rc == HW_OK && doc)
        rc = undo_step(db, doc);
    json_decref(doc);
    if (rc == HW_OK && step) {
        int64_t n = db_run(db, "DELETE FROM import_undo WHERE id = $1", "i", step);
        rc = n < 0 ? (int)n : HW_OK;
    }
    if (rc == HW_OK && !step) {
        int64_t n = db_run(db, "UPDATE imports SET state = 'undone', heartbeat_at = $2 WHERE id = $1",
                           "ii", import_id, clock_now());
        rc = n < 0 ? (int)n : HW_OK;
    }
    if (rc == HW_OK)
        rc = db_commit(db);
    if (rc != HW_OK)
        db_rollback(db);
    return rc;
}

int import_undo(struct db *db, int64_t import_id)
{
    bool left = true;
    int rc = HW_OK;
    while (rc == HW_OK && left)
        rc = undo_newest(db, import_id, &left);
    if (rc != HW_OK) {
        log_error("import %lld: cannot be undone: %s; it is tried again at the next start-up",
                  (long long)import_id, db_errmsg(db));
        return rc;
    }
    log_warn("import %lld: undone", (long long)import_id);
    return HW_OK;
}

/* The import is this process's to undo now: claimed from a dead owner. */
static int claim(struct db *db, int64_t id, const char *was, bool *mine)
{
    char owner[320];
    owner_of((long)getpid(), owner, sizeof owner);
    int64_t n = db_run(db,
                       "UPDATE imports SET state = 'undoing', owner = $3, heartbeat_at = $4"
                       " WHERE id = $1 AND owner = $2 AND state IN ('applying', 'undoing')",
                       "issi", id, was, owner, clock_now());
    *mine = n == 1;
    return n < 0 ? (int)n : HW_OK;
}

int import_recover(struct db *db)
{
    enum { AT_ONCE = 16 };
    int64_t ids[AT_ONCE];
    char owners[AT_ONCE][320];
    int found = 0;
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT id, owner, heartbeat_at FROM imports"
                      " WHERE state IN ('applying', 'undoing') ORDER BY id",
                      "");
    if (rc != HW_OK)
        return rc;
    int64_t stale = clock_now() - IMPORT_LEASE_S;
    while (found < AT_ONCE && (rc = db_step(st)) == DB_ROW) {
        const char *owner = db_col_text(st, 1);
        if (!owner_dead(owner) && db_col_int(st, 2) >= stale)
            continue;
        ids[found] = db_col_int(st, 0);
        snprintf(owners[found], sizeof owners[found], "%s", owner);
        found++;
    }
    db_reset(st);
    if (rc < 0)
        return rc;
    for (int i = 0; i < found && rc >= 0; i++) {
        bool mine = false;
        rc = claim(db, ids[i], owners[i], &mine);
        if (rc == HW_OK && mine) {
            log_warn("import %lld: left half-applied by %s; undoing it", (long long)ids[i],
                     owners[i]);
            rc = import_undo(db, ids[i]);
        }
    }
    return rc < 0 ? rc : HW_OK;
}
