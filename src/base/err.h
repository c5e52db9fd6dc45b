/* Error codes shared by every module: 0 is success, negatives are failures.
 * http/problem.c maps each code to one HTTP status and problem type. */
#ifndef HONGWU_BASE_ERR_H
#define HONGWU_BASE_ERR_H

enum hw_err {
    HW_OK = 0,
    HW_ENOMEM = -1,     /* allocation failed */
    HW_EINVAL = -2,     /* bad input from the caller */
    HW_ENOTFOUND = -3,  /* no such record, or not visible to the caller */
    HW_ECONFLICT = -4,  /* unique constraint or stale version */
    HW_EBUSY = -5,      /* database busy, serialization failure: retry later */
    HW_EDB = -6,        /* any other database failure */
    HW_EIO = -7,        /* file or network I/O */
    HW_EAUTH = -8,      /* no or bad credentials */
    HW_EFORBIDDEN = -9, /* authenticated but not allowed */
    HW_ELIMIT = -10,    /* rate limit or capacity reached */
};

const char *hw_strerror(int err);

#endif
