#include "auth/password.h"

#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <sodium.h>
#include <string.h>
#include <time.h>

#include "base/err.h"
#include "base/log.h"

enum { SLOT_WAIT_S = 10 };

static sem_t slots;
static char dummy_hash[crypto_pwhash_STRBYTES];

int password_init(unsigned max_concurrent)
{
    if (sodium_init() < 0)
        return HW_EIO;
    if (sem_init(&slots, 0, max_concurrent ? max_concurrent : 1) != 0)
        return HW_EIO;
    return HW_OK;
}

static int take_slot(void)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += SLOT_WAIT_S;
    while (sem_timedwait(&slots, &until) != 0) {
        if (errno != EINTR) {
            log_warn("password: no hashing slot free within %ds", SLOT_WAIT_S);
            return HW_ELIMIT;
        }
    }
    return HW_OK;
}

static int hash_locked(const char *password, char out[crypto_pwhash_STRBYTES])
{
    if (crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return HW_ENOMEM;
    return HW_OK;
}

_Static_assert(PASSWORD_HASH_LEN >= crypto_pwhash_STRBYTES, "hash buffer too small");

int password_hash(const char *password, char out[PASSWORD_HASH_LEN])
{
    int rc = take_slot();
    if (rc != HW_OK)
        return rc;
    rc = hash_locked(password, out);
    sem_post(&slots);
    return rc;
}

static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static void make_dummy(void)
{
    if (hash_locked("hongwu-no-such-account", dummy_hash) != HW_OK)
        dummy_hash[0] = '\0';
}

int password_verify(const char *stored, const char *password)
{
    int rc = take_slot();
    if (rc != HW_OK)
        return rc;
    if (!stored) {
        pthread_once(&dummy_once, make_dummy);
        stored = dummy_hash;
    }
    int ok = stored[0] &&
             crypto_pwhash_str_verify(stored, password, strlen(password)) == 0;
    sem_post(&slots);
    return ok && stored != dummy_hash ? HW_OK : HW_EAUTH;
}

bool password_acceptable(const char *password)
{
    size_t n = password ? strlen(password) : 0;
    return n >= PASSWORD_MIN_LEN && n <= PASSWORD_MAX_LEN;
}
