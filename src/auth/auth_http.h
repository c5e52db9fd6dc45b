/* The accounts routes (/api/v1/auth: login, logout, me; /api/v1/users),
 * listed in auth_capability.c, and who calls a route: the session. */
#ifndef HONGWU_AUTH_AUTH_HTTP_H
#define HONGWU_AUTH_AUTH_HTTP_H

#include <stdbool.h>

#include "http/request.h"

int auth_http_login(struct request *req);
int auth_http_logout(struct request *req);
int auth_http_me(struct request *req);
int users_http_list(struct request *req);
int users_http_create(struct request *req);
int users_http_get(struct request *req);
int users_http_patch(struct request *req);

/* Finds the caller's token (Bearer header, else cookie) and loads req->who.
 * HW_EAUTH when absent, unknown, expired or the account is disabled. */
int session_authenticate(struct request *req);
/* A cookie-authenticated write carries the session's CSRF token. */
bool session_csrf_ok(struct request *req);

#endif
