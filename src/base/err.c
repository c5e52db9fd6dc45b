#include "base/err.h"

const char *hw_strerror(int err)
{
    switch (err) {
    case HW_OK: return "ok";
    case HW_ENOMEM: return "out of memory";
    case HW_EINVAL: return "invalid input";
    case HW_ENOTFOUND: return "not found";
    case HW_ECONFLICT: return "conflict";
    case HW_EBUSY: return "busy";
    case HW_EDB: return "database error";
    case HW_EIO: return "I/O error";
    case HW_EAUTH: return "not authenticated";
    case HW_EFORBIDDEN: return "forbidden";
    case HW_ELIMIT: return "limit reached";
    }
    return "unknown error";
}
