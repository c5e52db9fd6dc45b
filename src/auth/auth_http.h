/* /api/v1/auth: login, logout, me. */
#ifndef HONGWU_AUTH_AUTH_HTTP_H
#define HONGWU_AUTH_AUTH_HTTP_H

#include "http/request.h"

int auth_http_login(struct request *req);
int auth_http_logout(struct request *req);
int auth_http_me(struct request *req);

#endif
