/* The archive files of kit/log_retention.h: JSON Lines, gzip'd, written
 * whole under a temporary name, fsynced, then renamed into place (the
 * folder fsynced too), so a file by its final name is always complete; and
 * the folder's manifest.jsonl, one line per file: its log, month, row count
 * and SHA-256, replaced the same way. */
#ifndef HONGWU_KIT_LOG_RETENTION_FILE_H
#define HONGWU_KIT_LOG_RETENTION_FILE_H

#include <stdint.h>
#include <stdio.h>

struct log_archive;

/* Starts DIR/NAME (creating DIR), written under a temporary name. */
int log_archive_open(const char *dir, const char *name, struct log_archive **out);
/* Appends one line (a JSON object, without its newline). */
int log_archive_line(struct log_archive *a, const char *json);
/* Completes the file: flush, fsync, rename, and its manifest line (log,
 * month YYYY-MM, rows). Frees a whatever the outcome. */
int log_archive_commit(struct log_archive *a, const char *log, const char *month, int64_t rows);
/* Drops the unfinished file. */
void log_archive_abort(struct log_archive *a);

/* Writes the lines of the archive at path to out, after checking its
 * SHA-256 and row count against the manifest beside it (HW_EINVAL, said on
 * err, when they differ; a file the manifest does not list is read with a
 * warning on err). */
int log_archive_read(const char *path, FILE *out, FILE *err);

#endif
