/* Files a capability keeps on disk under a directory, each by a name its
 * database row holds (a work order's photos, a proxy's signed
 * authorization): the answer to an upload its check by content refused, and
 * the stored file sent back. */
#ifndef HONGWU_KIT_STORED_FILE_H
#define HONGWU_KIT_STORED_FILE_H

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

#endif
