/* Inside an import (transfer.h): the job's state and what the row handlers
 * for places (import_places.c) and residents (import_residents.c) share. */
#ifndef HONGWU_TRANSFER_IMPORT_JOB_H
#define HONGWU_TRANSFER_IMPORT_JOB_H

#include "base/arena.h"
#include "transfer/columns.h"
#include "transfer/csv_reader.h"
#include "transfer/import_plan.h"
#include "transfer/strmap.h"
#include "transfer/transfer.h"

/* What one row did, counted in the report. */
enum row_outcome { ROW_UNCHANGED, ROW_CREATED, ROW_UPDATED };

/* A place met during the import, cached by (parent, kind, name). id 0: the
 * database has none (yet). */
struct cached_place {
    int64_t id;
    int64_t area_cm2;               /* a dwelling's; -1 when unknown */
    int64_t grid_id, micro_grid_id; /* a building's, and inherited below it */
    bool fresh; /* created by this import: it has no children, nobody lives there */
    /* A place the plan creates (import_plan.h): its id is given when the
     * plan is applied. Its kind, name, parent (NULL: the community), floor. */
    bool planned;
    const char *kind, *name;
    struct cached_place *parent;
    int64_t floor;
    /* The ancestors' ids a place copies (place.h), once they are known. */
    int64_t zone_id, compound_id, building_id, entrance_id;
};

/* Registered, or to be created by the plan. */
static inline bool place_known(const struct cached_place *p) { return p->id || p->planned; }

/* A tag a row may name. */
struct import_tag {
    int64_t id;
    const char *code;
};

struct import_job {
    struct db *db;
    struct import_options opt;
    struct arena *arena;
    struct csv_reader *reader;
    int64_t district_id;
    bool in_txn, finished;
    /* Residents and dwellings: rows are checked and matched first, against
     * what is registered, and what they change is planned (import_plan.h);
     * the plan is applied after the last row. Buildings write as they go. */
    bool planning;
    struct import_plan plan;
    int64_t started_at;
    bool stopped; /* the file cannot be read on: later rows are not looked at */

    /* An .xlsx workbook (a ZIP, read from its end): held whole until
     * import_finish. numeric: which cells of the row being read held
     * numbers, or NULL for CSV. */
    bool format_known, is_xlsx;
    char *xlsx;
    size_t xlsx_len, xlsx_cap;
    const bool *numeric;

    /* The header: which field holds each column, and how the file named it. */
    bool have_header;
    int header_tries;
    int field_of[COL_COUNT];
    const char *header_text[COL_COUNT];

    struct strmap *places; /* "parent/kind/name" -> struct cached_place */
    struct strmap *ids;    /* ID number -> struct seen_id, for duplicates in one file */
    struct strmap *tags;   /* code, Chinese or English name, lower case -> struct import_tag */
    /* "dwelling/resident/relation" of each link a row without an ID number
     * has matched, or a row has written: matched by name once per import. */
    struct strmap *name_links;
    /* The links the plan makes (a resident, a dwelling, a relation): each once. */
    struct strmap *links_planned;
    /* Every ID number registered in the sub-district (residents files): a
     * number not among them matches no one, without a query for the row. */
    struct strmap *registered_ids;

    struct import_report report;
    struct import_rejection *rejections;
    size_t rejections_cap;
    const char **ignored;
    size_t ignored_cap;

    /* The row being read: its cells cleaned ("" when absent or empty). */
    int64_t line;
    bool row_rejected;
    const char *cell[COL_COUNT];
    /* The readers hold a row in CSV_MAX_ROW + CSV_MAX_FIELDS bytes, NULs
     * included; a column the row lacks is one NUL more. */
    char cellbuf[CSV_MAX_ROW + CSV_MAX_FIELDS + COL_COUNT];
};

/* The import's audit entry: its kind, community and counts. */
json_t *import_summary_json(const struct import_job *job);

/* Reads one row of the file, the header or data (import.c): the CSV
 * reader's row callback, and the .xlsx reader's through import_xlsx.c. */
int import_row(const struct csv_row *row, void *ctx);

/* The .xlsx side of an import (import_xlsx.c). */
bool import_is_xlsx(const void *data, size_t len);
/* Holds the next piece of the workbook; one past XLSX_MAX_FILE rejects it. */
int import_xlsx_feed(struct import_job *job, const void *data, size_t len);
/* Reads the sheet's rows through import_row; a workbook that cannot be read
 * is a rejection of the file. Errors are the database's. */
int import_xlsx_finish(struct import_job *job);
/* Rejects the row when its ID number cell held a number: Excel keeps 15
 * digits of one, so the last digits are gone; never guessed back. */
void import_xlsx_check_numbers(struct import_job *job, const struct csv_row *row);

/* Records a rejection of the current row for column c, or, with c < 0, of
 * the whole file. Messages are static or in the job's arena. */
void import_reject(struct import_job *job, int c, const char *zh, const char *en);
/* True when the current row has a non-empty cell in column c. */
bool import_has(const struct import_job *job, enum column c);

/* Per-kind row handlers: each validates, writes (or plans), and sets *outcome; a
 * rejection is recorded with import_reject() and is not an error. */
int import_building_row(struct import_job *job, enum row_outcome *outcome);
int import_dwelling_row(struct import_job *job, enum row_outcome *outcome);
int import_resident_row(struct import_job *job, enum row_outcome *outcome);

/* The changes to registered records a plan holds, made when it is applied
 * (import_apply.c) through the audited write. A change the rules refuse is
 * a rejection of the op's row. */
int import_update_resident(struct import_job *job, const struct resident *r, int64_t id);
int import_update_area(struct import_job *job, struct cached_place *d, int64_t old_area_cm2,
                       int64_t area_cm2);

/* The dwelling a row names, created with its compound, building and entrance
 * when missing. *changed tells whether its floor or area were updated.
 * *dwelling is NULL when the row was rejected. */
int import_resolve_dwelling(struct import_job *job, struct cached_place **dwelling, bool *created,
                            bool *changed);

#endif
