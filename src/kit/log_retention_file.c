#include "kit/log_retention_file.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <limits.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "base/clock.h"
#include "base/err.h"
#include "base/log.h"

#define MANIFEST "manifest.jsonl"
enum {
    NAME_MAX_LEN = 128,
    MANIFEST_LINE_MAX = 1024, /* one file's entry is a few hundred bytes */
    COPY_CHUNK = 64 * 1024,
};

struct log_archive {
    char dir[PATH_MAX];
    char name[NAME_MAX_LEN];
    char tmp[PATH_MAX];
    int fd;
    gzFile gz;
};

/* Creates dir and its parents (mode 0750). */
static int make_dirs(const char *dir)
{
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path)
        return HW_EINVAL;
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(path, 0750) != 0 && errno != EEXIST)
            return HW_EIO;
        *p = '/';
    }
    if (mkdir(path, 0750) != 0 && errno != EEXIST)
        return HW_EIO;
    return HW_OK;
}

static int fsync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return HW_EIO;
    int rc = fsync(fd) == 0 ? HW_OK : HW_EIO;
    close(fd);
    return rc;
}

int log_archive_open(const char *dir, const char *name, struct log_archive **out)
{
    struct log_archive *a = calloc(1, sizeof *a);
    if (!a)
        return HW_ENOMEM;
    a->fd = -1;
    if (snprintf(a->dir, sizeof a->dir, "%s", dir) >= (int)sizeof a->dir ||
        snprintf(a->name, sizeof a->name, "%s", name) >= (int)sizeof a->name ||
        snprintf(a->tmp, sizeof a->tmp, "%s/.%s.%ld.tmp", dir, name, (long)getpid()) >=
            (int)sizeof a->tmp) {
        free(a);
        return HW_EINVAL;
    }
    if (make_dirs(dir) != HW_OK) {
        log_error("logs: cannot create the archive folder %s: %s", dir, strerror(errno));
        free(a);
        return HW_EIO;
    }
    a->fd = open(a->tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
    int copy = a->fd >= 0 ? dup(a->fd) : -1;
    a->gz = copy >= 0 ? gzdopen(copy, "wb6") : NULL;
    if (!a->gz) {
        log_error("logs: cannot write %s: %s", a->tmp, strerror(errno));
        if (copy >= 0)
            close(copy);
        log_archive_abort(a);
        return HW_EIO;
    }
    *out = a;
    return HW_OK;
}

int log_archive_line(struct log_archive *a, const char *json)
{
    size_t len = strlen(json);
    if (len > UINT_MAX - 1 || gzwrite(a->gz, json, (unsigned)len) != (int)len ||
        gzputc(a->gz, '\n') != '\n')
        return HW_EIO;
    return HW_OK;
}

void log_archive_abort(struct log_archive *a)
{
    if (!a)
        return;
    if (a->gz)
        gzclose(a->gz);
    if (a->fd >= 0) {
        close(a->fd);
        unlink(a->tmp);
    }
    free(a);
}

/* The SHA-256 of the file at path, in hex. */
static int sha256_file(const char *path, char hex[crypto_hash_sha256_BYTES * 2 + 1])
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return HW_EIO;
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    unsigned char *buf = malloc(COPY_CHUNK);
    ssize_t n = buf ? 0 : -1;
    while (buf && (n = read(fd, buf, COPY_CHUNK)) > 0)
        crypto_hash_sha256_update(&st, buf, (unsigned long long)n);
    free(buf);
    close(fd);
    if (n < 0)
        return HW_EIO;
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&st, digest);
    sodium_bin2hex(hex, crypto_hash_sha256_BYTES * 2 + 1, digest, sizeof digest);
    return HW_OK;
}

/* Copies the manifest's lines but name's to out. */
static int copy_other_entries(const char *manifest, const char *name, FILE *out)
{
    FILE *in = fopen(manifest, "r");
    if (!in)
        return errno == ENOENT ? HW_OK : HW_EIO;
    char line[MANIFEST_LINE_MAX];
    int rc = HW_OK;
    while (rc == HW_OK && fgets(line, sizeof line, in)) {
        if (!strchr(line, '\n')) {
            rc = HW_EINVAL; /* not a line this code wrote */
            break;
        }
        json_t *entry = json_loads(line, 0, NULL);
        const char *file = json_string_value(json_object_get(entry, "file"));
        bool same = file && strcmp(file, name) == 0;
        json_decref(entry);
        if (!same && fputs(line, out) == EOF)
            rc = HW_EIO;
    }
    if (ferror(in))
        rc = HW_EIO;
    fclose(in);
    return rc;
}

/* Replaces name's line of the manifest, under a lock on the folder so two
 * processes never lose each other's lines. */
static int manifest_put(const char *dir, const char *name, json_t *entry)
{
    char path[PATH_MAX], tmp[PATH_MAX], lock[PATH_MAX];
    if (snprintf(path, sizeof path, "%s/%s", dir, MANIFEST) >= (int)sizeof path ||
        snprintf(tmp, sizeof tmp, "%s/.%s.%ld.tmp", dir, MANIFEST, (long)getpid()) >=
            (int)sizeof tmp ||
        snprintf(lock, sizeof lock, "%s/.manifest.lock", dir) >= (int)sizeof lock)
        return HW_EINVAL;
    char *line = json_dumps(entry, JSON_COMPACT | JSON_PRESERVE_ORDER);
    if (!line)
        return HW_ENOMEM;
    int lock_fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0640);
    if (lock_fd < 0 || flock(lock_fd, LOCK_EX) != 0) {
        if (lock_fd >= 0)
            close(lock_fd);
        free(line);
        return HW_EIO;
    }
    int rc = HW_EIO;
    FILE *out = fopen(tmp, "w");
    if (out) {
        rc = copy_other_entries(path, name, out);
        if (rc == HW_OK && fprintf(out, "%s\n", line) < 0)
            rc = HW_EIO;
        if (rc == HW_OK && (fflush(out) != 0 || fsync(fileno(out)) != 0))
            rc = HW_EIO;
        if (fclose(out) != 0 && rc == HW_OK)
            rc = HW_EIO;
        if (rc == HW_OK && rename(tmp, path) != 0)
            rc = HW_EIO;
        if (rc == HW_OK)
            rc = fsync_dir(dir);
        if (rc != HW_OK)
            unlink(tmp);
    }
    close(lock_fd); /* releases the lock */
    free(line);
    return rc;
}

int log_archive_commit(struct log_archive *a, const char *log, const char *month, int64_t rows)
{
    char final[PATH_MAX];
    int rc = snprintf(final, sizeof final, "%s/%s", a->dir, a->name) < (int)sizeof final
                 ? HW_OK
                 : HW_EINVAL;
    int gz_rc = gzclose(a->gz);
    a->gz = NULL;
    if (rc == HW_OK && (gz_rc != Z_OK || fsync(a->fd) != 0))
        rc = HW_EIO;
    if (rc == HW_OK && rename(a->tmp, final) != 0)
        rc = HW_EIO;
    if (rc == HW_OK)
        rc = fsync_dir(a->dir);
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    if (rc == HW_OK)
        rc = sha256_file(final, hex);
    if (rc == HW_OK) {
        char at[32];
        clock_format_rfc3339(clock_now(), at);
        json_t *entry = json_pack("{s:s, s:s, s:s, s:I, s:s, s:s}", "file", a->name, "log", log,
                                  "month", month, "rows", (json_int_t)rows, "sha256", hex,
                                  "archived_at", at);
        rc = entry ? manifest_put(a->dir, a->name, entry) : HW_ENOMEM;
        json_decref(entry);
    }
    if (rc != HW_OK)
        log_error("logs: cannot complete the archive %s: %s", final, strerror(errno));
    close(a->fd);
    if (rc != HW_OK)
        unlink(a->tmp); /* gone already when the rename succeeded */
    free(a);
    return rc;
}

/* The manifest's entry for the file at path (NULL: none), new reference. */
static json_t *manifest_entry(const char *path)
{
    char dir[PATH_MAX], manifest[PATH_MAX];
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    if (slash)
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    else
        snprintf(dir, sizeof dir, ".");
    if (snprintf(manifest, sizeof manifest, "%s/%s", dir, MANIFEST) >= (int)sizeof manifest)
        return NULL;
    FILE *in = fopen(manifest, "r");
    if (!in)
        return NULL;
    char line[MANIFEST_LINE_MAX];
    json_t *found = NULL;
    while (!found && fgets(line, sizeof line, in)) {
        json_t *entry = json_loads(line, 0, NULL);
        const char *file = json_string_value(json_object_get(entry, "file"));
        if (file && strcmp(file, name) == 0)
            found = entry;
        else
            json_decref(entry);
    }
    fclose(in);
    return found;
}

/* Writes the decompressed file to out; *lines counts its lines. */
static int copy_lines(const char *path, FILE *out, int64_t *lines)
{
    gzFile gz = gzopen(path, "rb");
    if (!gz)
        return HW_EIO;
    char *buf = malloc(COPY_CHUNK);
    int n = buf ? 0 : -1;
    *lines = 0;
    while (buf && (n = gzread(gz, buf, COPY_CHUNK)) > 0) {
        for (int i = 0; i < n; i++)
            *lines += buf[i] == '\n';
        if (fwrite(buf, 1, (size_t)n, out) != (size_t)n) {
            n = -1;
            break;
        }
    }
    free(buf);
    gzclose(gz);
    return n < 0 ? HW_EIO : HW_OK;
}

int log_archive_read(const char *path, FILE *out, FILE *err)
{
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    if (sha256_file(path, hex) != HW_OK) {
        fprintf(err, "cannot read %s: %s\n", path, strerror(errno));
        return HW_EIO;
    }
    json_t *entry = manifest_entry(path);
    const char *want = json_string_value(json_object_get(entry, "sha256"));
    if (!entry)
        fprintf(err, "warning: %s is not in the manifest beside it; its checksum is unchecked\n",
                path);
    else if (!want || strcmp(want, hex) != 0) {
        fprintf(err, "%s: SHA-256 %s differs from the manifest's %s: the file was changed\n",
                path, hex, want ? want : "(none)");
        json_decref(entry);
        return HW_EINVAL;
    }
    int64_t lines = 0;
    int rc = copy_lines(path, out, &lines);
    if (rc != HW_OK)
        fprintf(err, "cannot decompress %s\n", path);
    else if (entry && json_integer_value(json_object_get(entry, "rows")) != lines) {
        fprintf(err, "%s: %lld lines, the manifest says %lld\n", path, (long long)lines,
                (long long)json_integer_value(json_object_get(entry, "rows")));
        rc = HW_EINVAL;
    }
    json_decref(entry);
    return rc;
}
