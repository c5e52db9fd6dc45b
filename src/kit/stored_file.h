/* Files a capability keeps on disk under a directory, each by a name its
 * database row holds (a work order's photos, a proxy's signed
 * authorization): the answer to an upload its check by content refused, and
 * the stored file sent back; and the temporary files answers are written
 * to before they are sent as attachments. */
#ifndef HONGWU_KIT_STORED_FILE_H
#define HONGWU_KIT_STORED_FILE_H

#include <stddef.h>

#include "http/request.h"

/* Answers an upload refused by its check (rc, not HW_OK): HW_ELIMIT 413,
 * HW_EINVAL a field error on "body"; any other rc is returned as it is. */
int stored_file_refused(struct request *req, int rc);

/* Answers 200 with the file name under dir, sent from its fd, as type mime
 * with Cache-Control cache_control. HW_ENOTFOUND for a name that is not a
 * plain file name or a file that is missing, HW_EIO for one that is not a
 * regular file. */
int stored_file_send(struct request *req, const char *dir, const char *name, const char *mime,
                     const char *cache_control);

/* A new empty file for an answer being written (an export, a statement):
 * $TMPDIR/hongwu-<what>-XXXXXX, or under /tmp; its path in path. HW_EIO if
 * it cannot be made. */
int stored_file_temp(const char *what, char *path, size_t size);

/* Answers 200 with the file at path as an attachment named filename, as
 * type mime, never cached. The file is removed once open, whatever the
 * outcome. */
int stored_file_send_temp(struct request *req, const char *path, const char *mime,
                          const char *filename);

#endif
