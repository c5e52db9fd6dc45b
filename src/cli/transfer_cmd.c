/* hongwu import | export: the registry's spreadsheets from the command line.
 * The import reads a CSV file in pieces (never all of it in memory); an
 * .xlsx workbook is held whole, up to XLSX_MAX_FILE (a ZIP is read from
 * its end). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "cli/cli.h"
#include "kit/write.h"
#include "registry/tag.h"
#include "transfer/transfer.h"

enum { READ_PIECE = 64 * 1024 };

static const char import_usage[] =
    "usage: hongwu import buildings|dwellings|residents FILE --community ID\n"
    "                    [--sheet NAME] [--dry-run] [--db PATH|URL]\n\n"
    "Imports the rows of FILE (an Excel workbook, .xlsx, or CSV saved from Excel,\n"
    "UTF-8 or GBK; - for standard input) into community ID, all or nothing: with\n"
    "any rejected row nothing is written. A workbook is read from its first\n"
    "visible sheet, or the sheet --sheet names (as on its tab); it is told from\n"
    "CSV by its content, not its name. --dry-run checks every row and writes\n"
    "nothing. The report lists each rejected row as \"line N: field: reason\".\n"
    "Importing a file again creates no duplicates. Columns and rules:\n"
    "docs/import-format.md.\n\n"
    "Exit status: 0 every row taken, 1 a row rejected or a failure, 2 bad usage.\n";

static const char export_usage[] =
    "usage: hongwu export residents|dwellings FILE.csv|FILE.xlsx --community ID\n"
    "                    [--grid ID] [--building ID] [--tag CODE]\n"
    "                    [--unmasked] [--english] [--db PATH|URL]\n\n"
    "Writes the community's current residents (one row per person and dwelling)\n"
    "or its dwellings to FILE, as CSV or as an Excel workbook by its extension,\n"
    "with the columns an import reads, so the file can be imported again.\n"
    "ID numbers and phone numbers are masked and health-related tags left out\n"
    "unless --unmasked is given; an unmasked export is logged as a read of\n"
    "personal data. Headers and values are Chinese unless --english.\n";

/* Messages in Chinese when the terminal's locale is Chinese. */
static bool chinese_locale(void)
{
    const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < 3; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return strncmp(v, "zh", 2) == 0;
    }
    return false;
}

static int parse_id(const char *cmd, const char *opt, const char *s, int64_t *out)
{
    unsigned long v;
    if (cli_parse_uint(s, 1, (unsigned long)INT64_MAX, &v) != HW_OK) {
        fprintf(stderr, "hongwu %s: %s takes a positive number\n", cmd, opt);
        return HW_EINVAL;
    }
    *out = (int64_t)v;
    return HW_OK;
}

static void print_report(const struct import_report *r)
{
    bool zh = chinese_locale();
    printf("%s: %s; %lld rows: %lld created, %lld updated, %lld unchanged;"
           " %lld places created\n",
           r->dry_run ? "dry run" : "import", r->encoding, (long long)r->rows,
           (long long)r->created, (long long)r->updated, (long long)r->unchanged,
           (long long)r->places_created);
    for (size_t i = 0; i < r->nignored; i++)
        printf("ignored column: %s\n", r->ignored_columns[i]);
    for (size_t i = 0; i < r->nrejections; i++) {
        const struct import_rejection *x = &r->rejections[i];
        printf("line %lld: %s: %s\n", (long long)x->line, x->field, zh ? x->zh : x->en);
    }
    if (r->truncated)
        printf("... more rejections than the %d shown\n", IMPORT_MAX_REJECTIONS);
    if (r->rejected_rows)
        printf("%lld rows rejected: nothing was written\n", (long long)r->rejected_rows);
    else if (r->dry_run)
        printf("every row is fine; nothing was written (dry run)\n");
}

static int feed_file(struct import_job *job, FILE *in)
{
    static char piece[READ_PIECE];
    size_t n;
    int rc = HW_OK;
    while (rc == HW_OK && (n = fread(piece, 1, sizeof piece, in)) > 0)
        rc = import_feed(job, piece, n);
    if (rc == HW_OK && ferror(in))
        rc = HW_EIO;
    return rc;
}

static int run_import(const char *db_url, const struct import_options *o, const char *file)
{
    FILE *in = strcmp(file, "-") == 0 ? stdin : fopen(file, "rb");
    if (!in) {
        fprintf(stderr, "hongwu import: cannot open %s\n", file);
        return 1;
    }
    struct db *db = NULL;
    struct import_job *job = NULL;
    const struct import_report *report = NULL;
    enum db_sync sync;
    if (db_sync_parse(cli_env("HONGWU_SYNC", "full"), &sync) != HW_OK) {
        fprintf(stderr, "hongwu import: HONGWU_SYNC is full or normal\n");
        if (in != stdin)
            fclose(in);
        return 2;
    }
    db_set_sync(sync);
    int rc = cli_open_db(db_url, &db);
    if (rc == HW_OK)
        rc = import_recover(db);
    if (rc == HW_OK)
        rc = import_begin(db, o, &job);
    if (rc == HW_OK)
        rc = feed_file(job, in);
    if (rc == HW_OK)
        rc = import_finish(job, &report);
    int status = 1;
    if (rc == HW_OK) {
        print_report(report);
        status = report->rejected_rows ? 1 : 0;
    } else if (rc == HW_ENOTFOUND) {
        fprintf(stderr, "hongwu import: there is no community with id %lld\n",
                (long long)o->community_id);
    } else {
        fprintf(stderr, "hongwu import: failed: %s\n", hw_strerror(rc));
    }
    import_free(job);
    if (db)
        db_close(db);
    if (in != stdin)
        fclose(in);
    return status;
}

int cmd_import(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"community", required_argument, NULL, 'c'},
        {"dry-run", no_argument, NULL, 'n'},
        {"sheet", required_argument, NULL, 's'},
        {"db", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *db_url = cli_env("HONGWU_DB", DEFAULT_DB);
    struct import_options o = {.actor = actor_command_line, .who = &principal_operator};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'c':
            if (parse_id("import", "--community", optarg, &o.community_id) != HW_OK)
                return 2;
            break;
        case 'n': o.dry_run = true; break;
        case 's': o.sheet = optarg; break;
        case 'd': db_url = optarg; break;
        case 'h': fputs(import_usage, stdout); return 0;
        default: fputs(import_usage, stderr); return 2;
        }
    }
    if (argc - optind != 2 || transfer_kind_parse(argv[optind], &o.kind) != HW_OK ||
        !o.community_id) {
        fputs(import_usage, stderr);
        return 2;
    }
    return run_import(db_url, &o, argv[optind + 1]);
}

/* The log of an unmasked export: one sensitive read per row that showed
 * identifiers, and the export itself, in one transaction. */
static int log_export(struct db *db, const struct export_options *o, const struct export_result *r)
{
    int rc = db_begin(db, DB_TXN_WRITE);
    int64_t now = clock_now();
    for (size_t i = 0; rc == HW_OK && i < r->nreads; i++) {
        char fields[64];
        privacy_fields_text(r->reads[i].fields, fields, sizeof fields);
        int64_t n = db_run(db,
                           "INSERT INTO sensitive_reads (at, user_id, district_id, subject,"
                           " subject_id, fields) VALUES ($1, 0, NULLIF($2, 0), 'resident', $3, $4)",
                           "iiis", now, r->reads[i].district_id, r->reads[i].subject_id, fields);
        rc = n < 0 ? (int)n : HW_OK;
    }
    json_t *what = json_pack("{s:s, s:I, s:I, s:b}", "kind", transfer_kind_name(o->kind),
                             "community_id", (json_int_t)o->community_id, "rows",
                             (json_int_t)r->rows, "unmasked", o->identifiers);
    struct write_event e = {
        .action = "export", .entity = transfer_kind_name(o->kind), .after = what};
    if (rc == HW_OK)
        rc = what ? write_event(db, &actor_command_line, &e) : HW_ENOMEM;
    json_decref(what);
    if (rc == HW_OK)
        rc = db_commit(db);
    if (rc != HW_OK)
        db_rollback(db);
    return rc;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n > k && strcmp(s + n - k, suffix) == 0;
}

/* The place filters must lie in the community; the tag is looked up in its sub-district. */
static int check_filters(struct db *db, struct export_options *o, const char *tag)
{
    int64_t district = 0;
    int rc = db_scalar_int(db, &district,
                           "SELECT district_id FROM places WHERE id = $1 AND kind = 'community'",
                           "i", o->community_id);
    if (rc == HW_ENOTFOUND) {
        fprintf(stderr, "hongwu export: there is no community with id %lld\n",
                (long long)o->community_id);
        return rc;
    }
    const int64_t ids[] = {o->grid_id, o->building_id};
    for (size_t i = 0; rc == HW_OK && i < 2; i++) {
        int64_t n = 0;
        if (ids[i] &&
            (rc = db_scalar_int(db, &n,
                                "SELECT count(*) FROM places WHERE id = $1"
                                " AND community_id = $2",
                                "ii", ids[i], o->community_id)) == HW_OK &&
            !n) {
            fprintf(stderr, "hongwu export: place %lld is not in community %lld\n",
                    (long long)ids[i], (long long)o->community_id);
            rc = HW_ENOTFOUND;
        }
    }
    bool sensitive;
    if (rc == HW_OK && tag &&
        (rc = tag_find(db, district, tag, &o->tag_id, &sensitive)) == HW_ENOTFOUND)
        fprintf(stderr, "hongwu export: there is no tag %s\n", tag);
    return rc;
}

static int run_export(const char *db_url, struct export_options *o, const char *file,
                      const char *tag)
{
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp", file) >= (int)sizeof tmp) {
        fprintf(stderr, "hongwu export: the file name is too long\n");
        return 2;
    }
    struct db *db = NULL;
    struct export_result r = {.rows = 0};
    int rc = cli_open_db(db_url, &db);
    if (rc == HW_OK)
        rc = check_filters(db, o, tag);
    if (rc == HW_OK)
        rc = export_write(db, o, tmp, &r);
    /* The file is handed over only once what it discloses is logged. */
    if (rc == HW_OK)
        rc = log_export(db, o, &r);
    if (rc == HW_OK && rename(tmp, file) != 0)
        rc = HW_EIO;
    export_result_free(&r);
    if (db)
        db_close(db);
    if (rc != HW_OK) {
        remove(tmp);
        if (rc != HW_ENOTFOUND)
            fprintf(stderr, "hongwu export: failed: %s%s\n", hw_strerror(rc),
                    rc == HW_ELIMIT ? " (more rows than Excel holds: export CSV)" : "");
        return 1;
    }
    printf("%lld rows written to %s\n", (long long)r.rows, file);
    return 0;
}

int cmd_export(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"community", required_argument, NULL, 'c'},
        {"grid", required_argument, NULL, 'g'},
        {"building", required_argument, NULL, 'b'},
        {"tag", required_argument, NULL, 't'},
        {"unmasked", no_argument, NULL, 'u'},
        {"english", no_argument, NULL, 'e'},
        {"db", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *db_url = cli_env("HONGWU_DB", DEFAULT_DB), *tag = NULL;
    struct export_options o = {.who = &principal_operator};
    int c, rc = HW_OK;
    optind = 1;
    while (rc == HW_OK && (c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'c': rc = parse_id("export", "--community", optarg, &o.community_id); break;
        case 'g': rc = parse_id("export", "--grid", optarg, &o.grid_id); break;
        case 'b': rc = parse_id("export", "--building", optarg, &o.building_id); break;
        case 't': tag = optarg; break;
        case 'u': o.identifiers = true; break;
        case 'e': o.english = true; break;
        case 'd': db_url = optarg; break;
        case 'h': fputs(export_usage, stdout); return 0;
        default: fputs(export_usage, stderr); return 2;
        }
    }
    if (rc != HW_OK)
        return 2;
    o.sensitive_tags = o.identifiers; /* the same need to know (privacy.h) */
    o.children = o.identifiers;
    if (argc - optind != 2 || transfer_kind_parse(argv[optind], &o.kind) != HW_OK ||
        o.kind == TRANSFER_BUILDINGS || !o.community_id) {
        fputs(export_usage, stderr);
        return 2;
    }
    const char *file = argv[optind + 1];
    if (ends_with(file, ".xlsx")) {
        o.format = EXPORT_XLSX;
    } else if (ends_with(file, ".csv")) {
        o.format = EXPORT_CSV;
    } else {
        fprintf(stderr, "hongwu export: FILE must end in .csv or .xlsx\n");
        return 2;
    }
    return run_export(db_url, &o, file, tag);
}
