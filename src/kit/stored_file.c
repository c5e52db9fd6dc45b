#include "kit/stored_file.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/err.h"
#include "base/log.h"
#include "http/problem.h"
#include "http/response.h"
#include "kit/record_routes.h"

int stored_file_refused(struct request *req, int rc)
{
    if (rc == HW_ELIMIT)
        return problem_send(req, PROBLEM_TOO_LARGE, NULL);
    if (rc == HW_EINVAL)
        return write_field_invalid(req, "body");
    return rc;
}

/* Answers 200 with the open regular file fd (taken, even on failure). */
static int send_fd(struct request *req, int fd, const char *mime, const char *cache_control,
                   const char *disposition)
{
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        return HW_EIO;
    }
    struct MHD_Response *r = MHD_create_response_from_fd((uint64_t)sb.st_size, fd);
    if (!r) {
        close(fd);
        return HW_ENOMEM;
    }
    respond_header(req, "Content-Type", mime);
    respond_header(req, "Cache-Control", cache_control);
    if (disposition)
        respond_header(req, "Content-Disposition", disposition);
    return respond_mhd(req, 200, r);
}

int stored_file_send(struct request *req, const char *dir, const char *name, const char *mime,
                     const char *cache_control)
{
    char path[PATH_MAX];
    int n = snprintf(path, sizeof path, "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= sizeof path || strchr(name, '/'))
        return HW_ENOTFOUND;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return HW_ENOTFOUND;
    return send_fd(req, fd, mime, cache_control, NULL);
}

int stored_file_temp(const char *what, char *path, size_t size)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    int n = snprintf(path, size, "%s/hongwu-%s-XXXXXX", dir, what);
    if (n < 0 || (size_t)n >= size)
        return HW_ELIMIT;
    int fd = mkstemp(path);
    if (fd < 0) {
        log_error("%s: cannot create a temporary file in %s", what, dir);
        return HW_EIO;
    }
    close(fd);
    return HW_OK;
}

int stored_file_send_temp(struct request *req, const char *path, const char *mime,
                          const char *filename)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    unlink(path);
    if (fd < 0)
        return HW_EIO;
    char disposition[256];
    int n = snprintf(disposition, sizeof disposition, "attachment; filename=\"%s\"", filename);
    if (n < 0 || (size_t)n >= sizeof disposition) {
        close(fd);
        return HW_ELIMIT;
    }
    return send_fd(req, fd, mime, "no-store", disposition);
}
