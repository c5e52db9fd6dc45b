#include "http/static.h"

#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/err.h"
#include "http/problem.h"
#include "http/response.h"

static const struct {
    const char *ext, *type;
} content_types[] = {
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"},
    {".gif", "image/gif"},
    {".webp", "image/webp"},
    {".ico", "image/x-icon"},
    {".woff", "font/woff"},
    {".woff2", "font/woff2"},
    {".ttf", "font/ttf"},
    {".txt", "text/plain; charset=utf-8"},
    {".map", "application/json"},
    {".webmanifest", "application/manifest+json"},
};

static const char *content_type_of(const char *path)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (dot && (!slash || dot > slash))
        for (size_t i = 0; i < sizeof content_types / sizeof content_types[0]; i++)
            if (strcmp(dot, content_types[i].ext) == 0)
                return content_types[i].type;
    return "application/octet-stream";
}

/* Rejects anything that could leave the web root: "..", "//", backslashes,
 * NUL, and hidden files. libmicrohttpd has already percent-decoded the path. */
static bool path_is_safe(const char *path)
{
    if (path[0] != '/' || strlen(path) > 512)
        return false;
    for (const char *p = path; *p; p++) {
        if (*p == '\\')
            return false;
        if (p[0] == '/' && (p[1] == '/' || p[1] == '.'))
            return false;
    }
    return true;
}

/* Opens a regular file under web_dir, one path component at a time with
 * O_NOFOLLOW: a symbolic link anywhere inside the web root is not followed,
 * so nothing outside it is served. -1 when there is no such file. */
static int open_regular(const char *web_dir, const char *rel, struct stat *st)
{
    int dir = open(web_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    const char *p = rel;
    while (dir >= 0) {
        while (*p == '/')
            p++;
        size_t n = strcspn(p, "/");
        char name[NAME_MAX + 1];
        if (n == 0 || n > NAME_MAX) {
            close(dir);
            return -1;
        }
        memcpy(name, p, n);
        name[n] = '\0';
        p += n;
        bool last = *p == '\0';
        int fd = openat(dir, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | (last ? 0 : O_DIRECTORY));
        close(dir);
        if (fd < 0)
            return -1;
        if (!last) {
            dir = fd;
            continue;
        }
        if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode)) {
            close(fd);
            return -1;
        }
        return fd;
    }
    return -1;
}

static bool has_extension(const char *path)
{
    const char *slash = strrchr(path, '/');
    return strchr(slash ? slash : path, '.') != NULL;
}

int static_serve(struct request *req, const char *web_dir)
{
    const char *path = req->path;
    if (!path_is_safe(path))
        return problem_send(req, PROBLEM_NOT_FOUND, NULL);
    if (strcmp(path, "/") == 0)
        path = "/index.html";

    struct stat st;
    int fd = open_regular(web_dir, path, &st);
    bool spa_fallback = false;
    if (fd < 0 && !has_extension(path)) {
        /* A client-side route such as /places/3: the UI's router handles it. */
        fd = open_regular(web_dir, "/index.html", &st);
        path = "/index.html";
        spa_fallback = true;
    }
    if (fd < 0)
        return problem_send(req, PROBLEM_NOT_FOUND, NULL);

    struct MHD_Response *r = MHD_create_response_from_fd64((uint64_t)st.st_size, fd);
    if (!r) {
        close(fd);
        return HW_ENOMEM;
    }
    const char *type = content_type_of(path);
    MHD_add_response_header(r, "Content-Type", type);
    if (strncmp(type, "text/html", 9) == 0) {
        /* Everything is bundled: nothing may load from elsewhere. Element Plus
         * and Vant set inline styles, hence 'unsafe-inline' for styles only. */
        MHD_add_response_header(r, "Content-Security-Policy",
                                "default-src 'self'; img-src 'self' data: blob:;"
                                " style-src 'self' 'unsafe-inline'; font-src 'self' data:;"
                                " connect-src 'self'; object-src 'none'; base-uri 'self';"
                                " frame-ancestors 'none'");
        MHD_add_response_header(r, "X-Frame-Options", "DENY");
    }
    /* Vite puts content hashes in the names under /assets/: cache them for good. */
    if (!spa_fallback && strncmp(path, "/assets/", 8) == 0)
        MHD_add_response_header(r, "Cache-Control", "public, max-age=31536000, immutable");
    else
        MHD_add_response_header(r, "Cache-Control", "no-cache");
    return respond_mhd(req, 200, r);
}
