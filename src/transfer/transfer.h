/* Import and export of the registry in the form a community keeps it in
 * Excel: buildings, dwellings and residents from CSV, residents and
 * dwellings out to CSV or .xlsx with the same columns, so an export can be
 * imported again. docs/import-format.md describes the columns and the rules. */
#ifndef HONGWU_TRANSFER_TRANSFER_H
#define HONGWU_TRANSFER_TRANSFER_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "kit/principal.h"
#include "kit/privacy.h"
#include "kit/write.h"
#include "store/db.h"

enum transfer_kind { TRANSFER_BUILDINGS, TRANSFER_DWELLINGS, TRANSFER_RESIDENTS };

/* "buildings", "dwellings", "residents". */
int transfer_kind_parse(const char *name, enum transfer_kind *out);
const char *transfer_kind_name(enum transfer_kind kind);

/* ---- import ---------------------------------------------------------------
 * All or nothing: nothing is written unless no row was rejected and it is
 * not a dry run. Every row is still checked after the first rejected one,
 * so one report lists them all. Residents and dwellings are checked and
 * matched first and written in short steps (import_plan.h), undone if one
 * fails; buildings in one write transaction.
 * Importing a file again creates no duplicates: places are matched by
 * (parent, kind, name), residents by (sub-district, ID number). */

struct import_options {
    enum transfer_kind kind;
    int64_t community_id; /* the caller has checked that the importer may see it */
    bool dry_run;
    /* Who imports, for the audit log: the API's user, or actor_command_line
     * from the command line and the demo. */
    struct actor actor;
    /* Whose reach a match by ID number stays within (resident_find_for_write):
     * the caller, or principal_operator from the command line and the demo. */
    const struct principal *who;
    /* Run inside the caller's open write transaction (the demo loads its
     * residents with its places): nothing is committed or rolled back here,
     * and with a rejected row the caller must roll back. No dry run then. */
    bool in_caller_txn;
    /* The sheet of an .xlsx to read, by the name on its tab (NULL: the
     * first visible one). A CSV file has none: naming one rejects it. */
    const char *sheet;
};

struct import_rejection {
    int64_t line;       /* where the row starts in the file */
    const char *field;  /* the column's English name, or "file" */
    const char *column; /* the header as written in the file, or NULL */
    const char *zh, *en;
};

/* A broken file can reject every row; the report keeps this many entries. */
enum { IMPORT_MAX_REJECTIONS = 10000 };

struct import_report {
    bool dry_run, committed;
    const char *encoding;                /* of the file: "UTF-8" (an .xlsx too) or "GB18030" */
    int64_t rows;                        /* data rows read (blank rows not counted) */
    int64_t created, updated, unchanged; /* rows by what they did */
    int64_t places_created;              /* compounds, buildings, entrances, dwellings */
    int64_t rejected_rows;
    size_t nrejections;
    const struct import_rejection *rejections;
    bool truncated; /* more rejections than IMPORT_MAX_REJECTIONS */
    size_t nignored;
    const char *const *ignored_columns; /* headers no column of this kind matched */
};

struct import_job;

/* Starts the transaction (unless in_caller_txn). HW_ENOTFOUND when
 * community_id is no community. */
int import_begin(struct db *db, const struct import_options *o, struct import_job **out);
/* Reads the next piece of the file, CSV or an .xlsx workbook (told by its
 * first bytes, a ZIP's "PK\3\4"; a workbook is held until import_finish).
 * A bad row or an unreadable file is a rejection in the report, not an
 * error. Errors are the database's. */
int import_feed(struct import_job *job, const void *data, size_t len);
/* Reads the end, commits or rolls back; *report lives until import_free(). */
int import_finish(struct import_job *job, const struct import_report **report);
/* Rolls back what was not finished and frees the job. */
void import_free(struct import_job *job);

/* Undoes the imports a process left half-applied when it died (its steps
 * committed, its end not): run at start-up, before serving. */
int import_recover(struct db *db);

/* The report as the API answers it, messages in one language. */
json_t *import_report_json(const struct import_report *r, bool english);

/* Imports may be large: a whole community's registry in one request. */
#define TRANSFER_IMPORT_MAX_BODY ((size_t)64 * 1024 * 1024)

/* ---- export ---------------------------------------------------------------
 * The current residents (one row per person and dwelling they live in) or
 * the dwellings inside the caller's scope, with the columns an import reads,
 * ordered by dwelling. */

enum export_format { EXPORT_CSV, EXPORT_XLSX };

struct export_options {
    enum transfer_kind kind; /* residents or dwellings */
    enum export_format format;
    const struct principal *who; /* rows come from this scope */
    bool identifiers;            /* ID numbers and phones unmasked */
    bool sensitive_tags;         /* health-related tags included */
    bool children;               /* children under 14 whole; else by a masked name */
    bool english;                /* English headers and values; else Chinese */
    int64_t community_id, compound_id, grid_id, building_id, tag_id; /* filters; 0: any */
};

struct export_result {
    int64_t rows;
    /* What was disclosed unmasked, one entry per row that showed any: to be
     * logged (privacy.h) before the file is handed over. malloc'd. */
    struct privacy_read *reads;
    size_t nreads;
};

/* Writes the file at path. HW_ELIMIT when a workbook would pass Excel's
 * 1,048,576 rows. */
int export_write(struct db *db, const struct export_options *o, const char *path,
                 struct export_result *result);
void export_result_free(struct export_result *result);

#endif
