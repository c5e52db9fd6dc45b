/* Photos made safe to store (photo.h): each container is walked segment by
 * segment (JPEG) or chunk by chunk (PNG, WebP), and what is kept is copied
 * unchanged. Nothing is decoded: the pixels are left as they came. */
#include "workorder/photo.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "base/err.h"

/* The copy being built. Cleaning only removes bytes, so a buffer as long as
 * the input always holds it; put() still refuses to run past the end. */
struct out {
    unsigned char *buf;
    size_t len, cap;
};

static int put(struct out *o, const unsigned char *p, size_t n)
{
    if (n > o->cap - o->len)
        return HW_EINVAL;
    memcpy(o->buf + o->len, p, n);
    o->len += n;
    return HW_OK;
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static void put_le32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

/* ---- JPEG (ITU-T T.81, annex B) ---- */

enum {
    JPEG_SOI = 0xD8,
    JPEG_EOI = 0xD9,
    JPEG_SOS = 0xDA,
    JPEG_RST0 = 0xD0,
    JPEG_RST7 = 0xD7,
    JPEG_TEM = 0x01,
    JPEG_APP1 = 0xE1,  /* Exif (with GPS), XMP */
    JPEG_APP2 = 0xE2,  /* ICC profile (kept), MPF (dropped, it indexes trailing images) */
    JPEG_APP13 = 0xED, /* Photoshop IRB, IPTC */
    JPEG_COM = 0xFE,
};

static bool jpeg_drops(unsigned char marker, const unsigned char *body, size_t body_len)
{
    if (marker == JPEG_APP1 || marker == JPEG_APP13 || marker == JPEG_COM)
        return true;
    return marker == JPEG_APP2 && body_len >= 4 && memcmp(body, "MPF\0", 4) == 0;
}

/* The end of the entropy-coded data that starts at `pos`: the first 0xFF
 * that begins a marker (not a stuffed 0xFF 0x00, not a restart marker). */
static int jpeg_scan_end(const unsigned char *in, size_t len, size_t pos, size_t *end)
{
    for (; pos + 1 < len; pos++) {
        if (in[pos] != 0xFF)
            continue;
        unsigned char next = in[pos + 1];
        if (next != 0x00 && !(next >= JPEG_RST0 && next <= JPEG_RST7)) {
            *end = pos;
            return HW_OK;
        }
        pos++; /* skip the stuffed zero or the restart marker */
    }
    return HW_EINVAL; /* the scan runs to the end: truncated */
}

/* Copies every segment but the metadata ones, up to and with EOI; anything
 * after EOI is left behind. */
static int jpeg_clean(const unsigned char *in, size_t len, struct out *o)
{
    static const unsigned char soi[2] = {0xFF, JPEG_SOI};
    if (len < 4 || in[0] != 0xFF || in[1] != JPEG_SOI)
        return HW_EINVAL;
    int rc = put(o, soi, 2);
    bool scanned = false;
    size_t pos = 2;
    while (rc == HW_OK) {
        if (pos >= len || in[pos] != 0xFF)
            return HW_EINVAL;
        while (pos < len && in[pos] == 0xFF)
            pos++; /* fill bytes */
        if (pos >= len)
            return HW_EINVAL;
        unsigned char mk[2] = {0xFF, in[pos++]};
        if (mk[1] == JPEG_EOI)
            return scanned ? put(o, mk, 2) : HW_EINVAL;
        if (mk[1] == JPEG_TEM || (mk[1] >= JPEG_RST0 && mk[1] <= JPEG_RST7)) {
            rc = put(o, mk, 2); /* markers without a length */
            continue;
        }
        if (mk[1] == 0x00 || mk[1] == JPEG_SOI || len - pos < 2)
            return HW_EINVAL;
        size_t seg = (size_t)in[pos] << 8 | in[pos + 1]; /* counts its own 2 bytes */
        if (seg < 2 || seg > len - pos)
            return HW_EINVAL;
        if (!jpeg_drops(mk[1], in + pos + 2, seg - 2)) {
            rc = put(o, mk, 2);
            if (rc == HW_OK)
                rc = put(o, in + pos, seg);
        }
        pos += seg;
        if (rc == HW_OK && mk[1] == JPEG_SOS) {
            size_t end;
            rc = jpeg_scan_end(in, len, pos, &end);
            if (rc == HW_OK)
                rc = put(o, in + pos, end - pos);
            pos = end;
            scanned = true;
        }
    }
    return rc;
}

/* ---- PNG (ISO/IEC 15948, W3C PNG 3rd edition for eXIf) ---- */

static const unsigned char png_signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

static bool png_drops(const unsigned char *type)
{
    static const char *const dropped[] = {"eXIf", "tEXt", "iTXt", "zTXt"};
    for (size_t i = 0; i < sizeof dropped / sizeof dropped[0]; i++) {
        if (memcmp(type, dropped[i], 4) == 0)
            return true;
    }
    return false;
}

static bool is_letters(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!((p[i] >= 'A' && p[i] <= 'Z') || (p[i] >= 'a' && p[i] <= 'z')))
            return false;
    }
    return true;
}

/* Copies every chunk but the metadata ones, IHDR first, up to and with IEND.
 * Kept chunks are copied whole, their CRCs with them. */
static int png_clean(const unsigned char *in, size_t len, struct out *o)
{
    if (len < sizeof png_signature || memcmp(in, png_signature, sizeof png_signature) != 0)
        return HW_EINVAL;
    int rc = put(o, in, sizeof png_signature);
    size_t pos = sizeof png_signature;
    bool first = true;
    while (rc == HW_OK) {
        if (len - pos < 12) /* length, type, CRC */
            return HW_EINVAL;
        uint32_t data_len = be32(in + pos);
        const unsigned char *type = in + pos + 4;
        if (data_len > INT32_MAX || data_len > len - pos - 12 || !is_letters(type, 4))
            return HW_EINVAL;
        if (first && memcmp(type, "IHDR", 4) != 0)
            return HW_EINVAL;
        first = false;
        size_t chunk = 12 + (size_t)data_len;
        if (!png_drops(type))
            rc = put(o, in + pos, chunk);
        if (memcmp(type, "IEND", 4) == 0)
            return rc;
        pos += chunk;
    }
    return rc;
}

/* ---- WebP (RFC 9649) ---- */

enum {
    WEBP_HEADER = 12,     /* "RIFF", size, "WEBP" */
    VP8X_FLAG_XMP = 0x04, /* RFC 9649, 2.7: the extended format's flags */
    VP8X_FLAG_EXIF = 0x08,
};

/* Copies every chunk but EXIF and XMP, clears their VP8X flags and sets the
 * RIFF size to what is left. Bytes after the RIFF's end are left behind. */
static int webp_clean(const unsigned char *in, size_t len, struct out *o)
{
    if (len < WEBP_HEADER + 8 || memcmp(in, "RIFF", 4) != 0 || memcmp(in + 8, "WEBP", 4) != 0)
        return HW_EINVAL;
    uint32_t riff = le32(in + 4);
    if (riff < 4 + 8 || riff > len - 8 || riff % 2 != 0)
        return HW_EINVAL;
    size_t end = 8 + (size_t)riff;
    int rc = put(o, in, WEBP_HEADER);
    size_t pos = WEBP_HEADER;
    size_t vp8x = 0; /* where the VP8X chunk's data went in the copy, 0: none */
    while (rc == HW_OK && pos < end) {
        if (end - pos < 8)
            return HW_EINVAL;
        const unsigned char *fourcc = in + pos;
        size_t size = le32(in + pos + 4);
        size_t chunk = 8 + size + (size % 2); /* odd sizes are padded */
        if (size > end - pos - 8 || chunk > end - pos)
            return HW_EINVAL;
        if (pos == WEBP_HEADER && memcmp(fourcc, "VP8 ", 4) != 0 &&
            memcmp(fourcc, "VP8L", 4) != 0 && memcmp(fourcc, "VP8X", 4) != 0)
            return HW_EINVAL;
        if (memcmp(fourcc, "VP8X", 4) == 0) {
            if (pos != WEBP_HEADER || size < 10)
                return HW_EINVAL;
            vp8x = o->len + 8;
        }
        if (memcmp(fourcc, "EXIF", 4) != 0 && memcmp(fourcc, "XMP ", 4) != 0)
            rc = put(o, in + pos, chunk);
        pos += chunk;
    }
    if (rc != HW_OK)
        return rc;
    if (vp8x)
        o->buf[vp8x] &= (unsigned char)~(VP8X_FLAG_EXIF | VP8X_FLAG_XMP);
    put_le32(o->buf + 4, (uint32_t)(o->len - 8));
    return HW_OK;
}

int photo_clean(const unsigned char *in, size_t len, struct photo *out)
{
    *out = (struct photo){0};
    if (len > PHOTO_MAX_BYTES)
        return HW_ELIMIT;
    if (!in || len < 12)
        return HW_EINVAL;
    int (*clean)(const unsigned char *, size_t, struct out *);
    struct photo p = {0};
    if (in[0] == 0xFF && in[1] == JPEG_SOI) {
        clean = jpeg_clean;
        p.mime = "image/jpeg";
        p.ext = "jpg";
    } else if (memcmp(in, png_signature, sizeof png_signature) == 0) {
        clean = png_clean;
        p.mime = "image/png";
        p.ext = "png";
    } else if (memcmp(in, "RIFF", 4) == 0 && memcmp(in + 8, "WEBP", 4) == 0) {
        clean = webp_clean;
        p.mime = "image/webp";
        p.ext = "webp";
    } else {
        return HW_EINVAL;
    }
    struct out o = {.buf = malloc(len), .cap = len};
    if (!o.buf)
        return HW_ENOMEM;
    int rc = clean(in, len, &o);
    if (rc != HW_OK) {
        free(o.buf);
        return rc;
    }
    p.data = o.buf;
    p.len = o.len;
    *out = p;
    return HW_OK;
}

void photo_free(struct photo *p)
{
    if (!p)
        return;
    free(p->data);
    *p = (struct photo){0};
}

/* ---- Storing ---- */

static int write_all(int fd, const unsigned char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return HW_EIO;
        p += w;
        n -= (size_t)w;
    }
    return HW_OK;
}

static int fsync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd < 0)
        return HW_EIO;
    int rc = fsync(fd) == 0 ? HW_OK : HW_EIO;
    close(fd);
    return rc;
}

/* mkdir -p: dir and every missing parent (a fresh install has no var/). */
static int make_dirs(const char *dir)
{
    char path[PATH_MAX];
    int n = snprintf(path, sizeof path, "%s", dir);
    if (n <= 0 || (size_t)n >= sizeof path)
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

int photo_save(const char *dir, const struct photo *p, char *name_out, size_t cap)
{
    if (!dir || !p || !p->data || !p->ext || strlen(p->ext) > 4 || !name_out ||
        cap < PHOTO_NAME_MAX)
        return HW_EINVAL;
    if (sodium_init() < 0)
        return HW_EIO;
    unsigned char hash[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(hash, p->data, p->len);
    char name[PHOTO_NAME_MAX];
    sodium_bin2hex(name, 65, hash, sizeof hash);
    snprintf(name + 64, sizeof name - 64, ".%s", p->ext);

    char path[PATH_MAX], tmp[PATH_MAX];
    int n1 = snprintf(path, sizeof path, "%s/%s", dir, name);
    int n2 = snprintf(tmp, sizeof tmp, "%s/.%s.XXXXXX", dir, name);
    if (n1 < 0 || n2 < 0 || (size_t)n1 >= sizeof path || (size_t)n2 >= sizeof tmp)
        return HW_EINVAL;
    if (make_dirs(dir) != HW_OK)
        return HW_EIO;

    int fd = mkstemp(tmp);
    if (fd < 0)
        return HW_EIO;
    int rc = write_all(fd, p->data, p->len);
    if (rc == HW_OK && fsync(fd) != 0)
        rc = HW_EIO;
    if (close(fd) != 0 && rc == HW_OK)
        rc = HW_EIO;
    if (rc == HW_OK && rename(tmp, path) != 0)
        rc = HW_EIO;
    if (rc != HW_OK) {
        unlink(tmp);
        return rc;
    }
    rc = fsync_dir(dir);
    if (rc == HW_OK)
        snprintf(name_out, cap, "%s", name);
    return rc;
}
