#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "base/err.h"
#include "workorder/photo.h"

/* A byte buffer the tests build images in. */
struct buf {
    unsigned char b[4096];
    size_t n;
};

static void add(struct buf *b, const void *p, size_t n)
{
    assert_true(n <= sizeof b->b - b->n);
    memcpy(b->b + b->n, p, n);
    b->n += n;
}

static void add_str(struct buf *b, const char *s) { add(b, s, strlen(s)); }

static void add_byte(struct buf *b, unsigned v)
{
    unsigned char c = (unsigned char)v;
    add(b, &c, 1);
}

static void add_be16(struct buf *b, unsigned v)
{
    add_byte(b, v >> 8);
    add_byte(b, v);
}

static void add_be32(struct buf *b, uint32_t v)
{
    add_be16(b, v >> 16);
    add_be16(b, v & 0xFFFF);
}

static void add_le32(struct buf *b, uint32_t v)
{
    add_byte(b, v & 0xFF);
    add_byte(b, (v >> 8) & 0xFF);
    add_byte(b, (v >> 16) & 0xFF);
    add_byte(b, v >> 24);
}

static bool contains(const unsigned char *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++) {
        if (memcmp(hay + i, needle, k) == 0)
            return true;
    }
    return false;
}

/* The Exif GPS position of a home: an APP1 "Exif" segment holding a TIFF
 * header and a GPS IFD with latitude 32.0 N, the bytes a phone writes. */
static void add_exif_gps(struct buf *b)
{
    struct buf tiff = {.n = 0};
    add_str(&tiff, "MM");
    add_be16(&tiff, 42);
    add_be32(&tiff, 8);      /* IFD0 at 8 */
    add_be16(&tiff, 1);      /* one entry: */
    add_be16(&tiff, 0x8825); /* GPSInfo IFD pointer */
    add_be16(&tiff, 4);      /* LONG */
    add_be32(&tiff, 1);
    add_be32(&tiff, 26);     /* GPS IFD at 26 */
    add_be32(&tiff, 0);      /* no next IFD */
    add_be16(&tiff, 2);      /* GPS IFD: two entries */
    add_be16(&tiff, 0x0001); /* GPSLatitudeRef */
    add_be16(&tiff, 2);      /* ASCII */
    add_be32(&tiff, 2);
    add_str(&tiff, "N");
    add_byte(&tiff, 0);
    add_be16(&tiff, 0);
    add_be16(&tiff, 0x0002); /* GPSLatitude */
    add_be16(&tiff, 5);      /* RATIONAL */
    add_be32(&tiff, 3);
    add_be32(&tiff, 56); /* values at 56 */
    add_be32(&tiff, 0);
    for (int i = 0; i < 3; i++) { /* 32/1 0/1 0/1 */
        add_be32(&tiff, i == 0 ? 32 : 0);
        add_be32(&tiff, 1);
    }
    add_byte(b, 0xFF);
    add_byte(b, 0xE1);
    add_be16(b, (unsigned)(2 + 6 + tiff.n));
    add(b, "Exif\0\0", 6);
    add(b, tiff.b, tiff.n);
}

/* A small JPEG: SOI, APP0 JFIF, APP1 Exif with GPS, COM, DQT, SOF0, SOS with
 * entropy-coded bytes (a stuffed 0xFF 0x00 and a restart marker), EOI. */
static void build_jpeg(struct buf *b, bool with_metadata)
{
    static const unsigned char soi[] = {0xFF, 0xD8};
    static const unsigned char app0[] = {0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0,
                                         1,    1,    0,    0,    1,   0,   1,   0,   0};
    static const unsigned char sof0[] = {0xFF, 0xC0, 0x00, 0x0B, 8, 0, 1, 0, 1, 1, 1, 0x11, 0};
    static const unsigned char sos[] = {0xFF, 0xDA, 0x00, 0x08, 1, 1, 0, 0, 63, 0};
    static const unsigned char scan[] = {0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0x78};
    static const unsigned char eoi[] = {0xFF, 0xD9};
    add(b, soi, sizeof soi);
    add(b, app0, sizeof app0);
    if (with_metadata) {
        add_exif_gps(b);
        add_byte(b, 0xFF);
        add_byte(b, 0xFE);
        add_be16(b, 2 + 9);
        add_str(b, "Home WiFi");
    }
    add_byte(b, 0xFF);
    add_byte(b, 0xDB);
    add_be16(b, 2 + 65);
    add_byte(b, 0);
    for (int i = 0; i < 64; i++)
        add_byte(b, 1);
    add(b, sof0, sizeof sof0);
    add(b, sos, sizeof sos);
    add(b, scan, sizeof scan);
    add(b, eoi, sizeof eoi);
}

static void jpeg_loses_its_gps(void **state)
{
    (void)state;
    struct buf in = {.n = 0}, expect = {.n = 0};
    build_jpeg(&in, true);
    build_jpeg(&expect, false);
    assert_true(contains(in.b, in.n, "Exif"));

    struct photo p;
    assert_int_equal(photo_clean(in.b, in.n, &p), HW_OK);
    assert_string_equal(p.mime, "image/jpeg");
    assert_string_equal(p.ext, "jpg");
    assert_false(contains(p.data, p.len, "Exif"));
    assert_false(contains(p.data, p.len, "Home WiFi"));
    assert_true(contains(p.data, p.len, "JFIF"));
    assert_int_equal(p.data[0], 0xFF);
    assert_int_equal(p.data[1], 0xD8);
    assert_int_equal(p.data[p.len - 2], 0xFF);
    assert_int_equal(p.data[p.len - 1], 0xD9);
    /* Exactly the image without the two segments, scan data unchanged. */
    assert_int_equal(p.len, expect.n);
    assert_memory_equal(p.data, expect.b, expect.n);
    photo_free(&p);
    assert_null(p.data);
    photo_free(&p); /* twice is harmless */

    /* A clean image comes out as it went in; bytes after EOI are dropped. */
    add_str(&expect, "trailing");
    assert_int_equal(photo_clean(expect.b, expect.n, &p), HW_OK);
    assert_int_equal(p.len, expect.n - strlen("trailing"));
    photo_free(&p);
}

static void jpeg_truncated_or_malformed(void **state)
{
    (void)state;
    struct buf in = {.n = 0};
    build_jpeg(&in, true);
    struct photo p = {.len = 99};
    /* Cut anywhere before EOI: refused, and nothing to free. */
    for (size_t cut = 12; cut < in.n; cut++) {
        assert_int_equal(photo_clean(in.b, cut, &p), HW_EINVAL);
        assert_null(p.data);
        assert_int_equal(p.len, 0);
    }
    /* A segment longer than the file. */
    struct buf bad = {.n = 0};
    build_jpeg(&bad, false);
    bad.b[5] = 0xFF; /* APP0's length, low byte */
    bad.b[4] = 0xFF;
    assert_int_equal(photo_clean(bad.b, bad.n, &p), HW_EINVAL);
    /* Garbage where a marker should be. */
    bad.n = 0;
    build_jpeg(&bad, false);
    bad.b[2] = 0x00;
    assert_int_equal(photo_clean(bad.b, bad.n, &p), HW_EINVAL);
    /* SOI then EOI: no image. */
    static const unsigned char empty[] = {0xFF, 0xD8, 0xFF, 0xFE, 0x00, 0x08, 'a',
                                          'b',  'c',  'd',  'e',  'f',  0xFF, 0xD9};
    assert_int_equal(photo_clean(empty, sizeof empty, &p), HW_EINVAL);
}

/* CRC-32 of PNG chunks (ISO 3309, as the PNG specification gives it). */
static uint32_t crc32_png(const unsigned char *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return c ^ 0xFFFFFFFFu;
}

static void add_chunk(struct buf *b, const char *type, const void *data, size_t n)
{
    add_be32(b, (uint32_t)n);
    size_t start = b->n;
    add(b, type, 4);
    if (n)
        add(b, data, n);
    add_be32(b, crc32_png(b->b + start, 4 + n));
}

static void build_png(struct buf *b, bool with_metadata)
{
    static const unsigned char sig[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    static const unsigned char ihdr[] = {0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0};
    static const unsigned char idat[] = {0x78, 0x9C, 0x63, 0x60, 0x00,
                                         0x00, 0x00, 0x02, 0x00, 0x01};
    add(b, sig, sizeof sig);
    add_chunk(b, "IHDR", ihdr, sizeof ihdr);
    if (with_metadata) {
        struct buf exif = {.n = 0};
        add_exif_gps(&exif);
        add_chunk(b, "eXIf", exif.b + 4 + 6, exif.n - 4 - 6); /* the TIFF part */
        add_chunk(b, "tEXt", "Comment\0Building 3", 18);
        add_chunk(b, "iTXt", "XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta/>", 34);
        add_chunk(b, "zTXt", "Author\0\0x", 9);
    }
    add_chunk(b, "IDAT", idat, sizeof idat);
    add_chunk(b, "IEND", NULL, 0);
}

static void png_loses_its_metadata(void **state)
{
    (void)state;
    struct buf in = {.n = 0}, expect = {.n = 0};
    build_png(&in, true);
    build_png(&expect, false);
    assert_true(contains(in.b, in.n, "eXIf"));

    struct photo p;
    assert_int_equal(photo_clean(in.b, in.n, &p), HW_OK);
    assert_string_equal(p.mime, "image/png");
    assert_string_equal(p.ext, "png");
    assert_false(contains(p.data, p.len, "eXIf"));
    assert_false(contains(p.data, p.len, "tEXt"));
    assert_false(contains(p.data, p.len, "Building 3"));
    assert_false(contains(p.data, p.len, "xmpmeta"));
    assert_int_equal(p.len, expect.n);
    assert_memory_equal(p.data, expect.b, expect.n);
    /* Every chunk left has its CRC right. */
    size_t pos = 8, chunks = 0;
    while (pos < p.len) {
        uint32_t n = (uint32_t)p.data[pos] << 24 | (uint32_t)p.data[pos + 1] << 16 |
                     (uint32_t)p.data[pos + 2] << 8 | p.data[pos + 3];
        const unsigned char *c = p.data + pos + 8 + n;
        uint32_t crc = (uint32_t)c[0] << 24 | (uint32_t)c[1] << 16 | (uint32_t)c[2] << 8 | c[3];
        assert_int_equal(crc, crc32_png(p.data + pos + 4, 4 + n));
        pos += 12 + n;
        chunks++;
    }
    assert_int_equal(pos, p.len);
    assert_int_equal(chunks, 3); /* IHDR, IDAT, IEND */
    photo_free(&p);

    /* Truncated: no IEND, or a chunk cut short. */
    for (size_t cut = 12; cut < in.n; cut++)
        assert_int_equal(photo_clean(in.b, cut, &p), HW_EINVAL);
    /* The first chunk must be IHDR. */
    struct buf no_ihdr = {.n = 0};
    add(&no_ihdr, in.b, 8);
    add_chunk(&no_ihdr, "IDAT", "x", 1);
    add_chunk(&no_ihdr, "IEND", NULL, 0);
    assert_int_equal(photo_clean(no_ihdr.b, no_ihdr.n, &p), HW_EINVAL);
}

static void add_riff_chunk(struct buf *b, const char *fourcc, const void *data, size_t n)
{
    add(b, fourcc, 4);
    add_le32(b, (uint32_t)n);
    add(b, data, n);
    if (n % 2)
        add_byte(b, 0);
}

static void build_webp(struct buf *b, bool with_metadata)
{
    /* VP8X: flags, 3 reserved bytes, canvas width-1 and height-1 (24 bits each). */
    unsigned char vp8x[10] = {with_metadata ? 0x0C : 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    static const unsigned char vp8l[5] = {0x2F, 0, 0, 0, 0};
    add_str(b, "RIFF");
    add_le32(b, 0); /* fixed below */
    add_str(b, "WEBP");
    add_riff_chunk(b, "VP8X", vp8x, sizeof vp8x);
    add_riff_chunk(b, "VP8L", vp8l, sizeof vp8l);
    if (with_metadata) {
        struct buf exif = {.n = 0};
        add_exif_gps(&exif);
        add_riff_chunk(b, "EXIF", exif.b + 4 + 6, exif.n - 4 - 6);
        add_riff_chunk(b, "XMP ", "<x:xmpmeta/>", 12);
    }
    uint32_t riff = (uint32_t)(b->n - 8);
    for (int i = 0; i < 4; i++)
        b->b[4 + i] = (unsigned char)(riff >> (8 * i));
}

static void webp_loses_its_metadata(void **state)
{
    (void)state;
    struct buf in = {.n = 0}, expect = {.n = 0};
    build_webp(&in, true);
    build_webp(&expect, false);
    struct photo p;
    assert_int_equal(photo_clean(in.b, in.n, &p), HW_OK);
    assert_string_equal(p.mime, "image/webp");
    assert_string_equal(p.ext, "webp");
    assert_false(contains(p.data, p.len, "EXIF"));
    assert_false(contains(p.data, p.len, "xmpmeta"));
    /* Same as the image built without: RIFF size and VP8X flags fixed. */
    assert_int_equal(p.len, expect.n);
    assert_memory_equal(p.data, expect.b, expect.n);
    photo_free(&p);

    for (size_t cut = 12; cut < in.n; cut++) {
        struct buf t = {.n = 0};
        add(&t, in.b, cut);
        int rc = photo_clean(t.b, t.n, &p);
        assert_int_equal(rc, HW_EINVAL); /* the RIFF size says more */
    }
}

static void other_files_refused(void **state)
{
    (void)state;
    struct photo p;
    const char *text = "GPS 32.0N 119.4E -- not a picture at all\n";
    assert_int_equal(photo_clean((const unsigned char *)text, strlen(text), &p), HW_EINVAL);
    static const unsigned char gif[] = "GIF89a\x01\x00\x01\x00\x00\x00\x00;";
    assert_int_equal(photo_clean(gif, sizeof gif - 1, &p), HW_EINVAL);
    assert_int_equal(photo_clean(gif, 0, &p), HW_EINVAL);
    assert_int_equal(photo_clean(NULL, 0, &p), HW_EINVAL);
}

static void size_cap(void **state)
{
    (void)state;
    /* A valid JPEG one byte over the cap: SOI, a comment, then 0xFF fill
     * bytes, which may precede any marker (ITU-T T.81, B.1.1.2), then the
     * rest of a small image. */
    size_t len = (size_t)PHOTO_MAX_BYTES + 1;
    unsigned char *big = malloc(len);
    assert_non_null(big);
    struct buf img = {.n = 0};
    build_jpeg(&img, false);
    static const unsigned char com[] = {0xFF, 0xFE, 0x00, 0x06, 'n', 'o', 't', 'e'};
    size_t tail = img.n - 2;
    memcpy(big, img.b, 2);
    memcpy(big + 2, com, sizeof com);
    memset(big + 2 + sizeof com, 0xFF, len - 2 - sizeof com - tail);
    memcpy(big + len - tail, img.b + 2, tail);

    struct photo p;
    assert_int_equal(photo_clean(big, len, &p), HW_ELIMIT);
    /* One fill byte fewer is at the cap: accepted, comment and fill gone. */
    memmove(big + len - tail - 1, big + len - tail, tail);
    assert_int_equal(photo_clean(big, len - 1, &p), HW_OK);
    assert_int_equal(p.len, img.n);
    assert_memory_equal(p.data, img.b, img.n);
    photo_free(&p);
    free(big);
}

static void save_names_by_content(void **state)
{
    (void)state;
    char dir[] = "/tmp/hongwu-photo-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char sub[64];
    snprintf(sub, sizeof sub, "%s/var/photos", dir); /* both created by photo_save */

    struct buf in = {.n = 0};
    build_jpeg(&in, true);
    struct photo p;
    assert_int_equal(photo_clean(in.b, in.n, &p), HW_OK);

    char name[PHOTO_NAME_MAX];
    assert_int_equal(photo_save(sub, &p, name, sizeof name), HW_OK);
    unsigned char hash[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(hash, p.data, p.len);
    char expect[PHOTO_NAME_MAX];
    sodium_bin2hex(expect, 65, hash, sizeof hash);
    strcat(expect, ".jpg");
    assert_string_equal(name, expect);

    char path[160];
    snprintf(path, sizeof path, "%s/%s", sub, name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    unsigned char back[4096];
    size_t n = fread(back, 1, sizeof back, f);
    fclose(f);
    assert_int_equal(n, p.len);
    assert_memory_equal(back, p.data, p.len);

    /* Again: same name, and no temporary file left behind. */
    char again[PHOTO_NAME_MAX];
    assert_int_equal(photo_save(sub, &p, again, sizeof again), HW_OK);
    assert_string_equal(again, name);
    DIR *d = opendir(sub);
    assert_non_null(d);
    int files = 0;
    for (struct dirent *e; (e = readdir(d));) {
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            files++;
    }
    closedir(d);
    assert_int_equal(files, 1);

    /* Too small a name buffer; a directory that cannot be made. */
    char small[16];
    assert_int_equal(photo_save(sub, &p, small, sizeof small), HW_EINVAL);
    assert_int_equal(photo_save("/proc/no/such/dir", &p, name, sizeof name), HW_EIO);

    photo_free(&p);
    unlink(path);
    rmdir(sub);
    snprintf(sub, sizeof sub, "%s/var", dir);
    rmdir(sub);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(jpeg_loses_its_gps),     cmocka_unit_test(jpeg_truncated_or_malformed),
        cmocka_unit_test(png_loses_its_metadata), cmocka_unit_test(webp_loses_its_metadata),
        cmocka_unit_test(other_files_refused),    cmocka_unit_test(size_cap),
        cmocka_unit_test(save_names_by_content),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
