/* Sessions live in the database (any server process can check them); only a
 * BLAKE2b hash of each token is stored. A session ends after 12 idle hours or
 * 7 days, at logout, or when its account is disabled. */
#ifndef HONGWU_AUTH_SESSION_H
#define HONGWU_AUTH_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "kit/principal.h"
#include "store/db.h"

enum {
    SESSION_IDLE_S = 12 * 3600,   /* one working day with a break */
    SESSION_MAX_S = 7 * 24 * 3600, /* sign in again at least weekly */
    SESSION_TOKEN_LEN = 64,        /* buffer for the base64url token */
    SESSION_CSRF_LEN = 65,         /* buffer for the hex CSRF token */
};

#define SESSION_COOKIE "hongwu_session"

int session_create(struct db *db, int64_t user_id, char token[SESSION_TOKEN_LEN],
                   int64_t *expires_at);
/* The CSRF token belonging to a session token: derived, so nothing to store. */
void session_csrf_token(const char *token, char out[SESSION_CSRF_LEN]);
int session_revoke(struct db *db, const char *token);
int session_revoke_user(struct db *db, int64_t user_id);

/* Loads the principal of an account (enabled or not) into the request's arena. */
int principal_load(struct db *db, struct arena *a, int64_t user_id, struct principal **out,
                   bool *disabled);

#endif
