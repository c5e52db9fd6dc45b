/* Subcommands of the hongwu binary and what they share. Each returns the
 * process exit code: 0 success, 1 failure, 2 bad usage. */
#ifndef HONGWU_CLI_CLI_H
#define HONGWU_CLI_CLI_H

#include "store/db.h"

#define DEFAULT_DB "var/hongwu.db"

int cmd_serve(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_routes(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_apikey(int argc, char **argv);
int cmd_logs(int argc, char **argv);
int cmd_verify(int argc, char **argv);

/* The value of environment variable name, or def when unset or empty. */
const char *cli_env(const char *name, const char *def);
/* Parses a whole unsigned number within [min, max]; HW_EINVAL otherwise. */
int cli_parse_uint(const char *s, unsigned long min, unsigned long max, unsigned long *out);
/* Opens the database (creating a SQLite file's folder) and migrates it. */
int cli_open_db(const char *url, struct db **out);
/* Sets the log retention period and archive folder (kit/log_retention.h)
 * from the options' text; a refusal is said on stderr as `hongwu command`. */
int cli_configure_log_retention(const char *db_url, const char *days_text, const char *dir,
                                const char *command);

#endif
