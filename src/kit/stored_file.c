#include "kit/stored_file.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/err.h"
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
    respond_header(req, "X-Content-Type-Options", "nosniff");
    return respond_mhd(req, 200, r);
}
