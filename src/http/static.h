/* The built web UI: files under web_dir with their content types and caching,
 * no way out of web_dir, and the SPA's routes falling back to index.html. */
#ifndef HONGWU_HTTP_STATIC_H
#define HONGWU_HTTP_STATIC_H

#include "http/request.h"

int static_serve(struct request *req, const char *web_dir);

#endif
