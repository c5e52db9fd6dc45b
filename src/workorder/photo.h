/* A photo a resident or worker attaches to a work order, made safe to store:
 * its type is checked by content and its metadata, location first of all
 * (a photo taken at home carries the home's coordinates in EXIF GPS), is
 * removed before it touches the disk (docs/domain.md, WO-13). */
#ifndef HONGWU_WORKORDER_PHOTO_H
#define HONGWU_WORKORDER_PHOTO_H

#include <stddef.h>

/* A product limit (WO-13), well above a phone camera's photo. */
enum { PHOTO_MAX_BYTES = 8 * 1024 * 1024 };

/* A cleaned photo. mime and ext are static strings ("image/jpeg", "jpg";
 * "image/png", "png"; "image/webp", "webp"); data is owned (photo_free). */
struct photo {
    const char *mime;
    const char *ext;
    unsigned char *data;
    size_t len;
};

/* Checks the type by content (JPEG, PNG or WebP; anything else HW_EINVAL,
 * more than PHOTO_MAX_BYTES HW_ELIMIT), and fills *out with a copy without
 * location or other metadata: JPEG without APP1 (Exif, XMP), APP13 and COM
 * segments; PNG without eXIf, tEXt, iTXt, zTXt chunks; WebP without EXIF and
 * XMP chunks (with the RIFF size and the VP8X flags fixed). Also left out:
 * a JPEG's APP2 "MPF" index and anything after a JPEG's EOI, a PNG's IEND or
 * a WebP's RIFF end (where phones append more images, each with its own
 * Exif). A truncated or malformed container is HW_EINVAL; HW_ENOMEM when
 * out of memory. On failure *out holds nothing to free. */
int photo_clean(const unsigned char *in, size_t len, struct photo *out);

/* Frees p's data and empties it; p may be NULL or already freed. */
void photo_free(struct photo *p);

/* Length of a stored name: 64 hex digits, '.', an extension of at most 4,
 * and the NUL. */
enum { PHOTO_NAME_MAX = 64 + 1 + 4 + 1 };

/* Stores p under dir as <sha256 hex of the data>.<ext> (written to a
 * temporary file, fsynced, renamed, the directory fsynced); name_out gets
 * the file name (cap >= PHOTO_NAME_MAX, else HW_EINVAL). Creates dir (one
 * level) if missing. Saving the same photo twice is harmless: same name,
 * same content. HW_EIO when the file system fails. */
int photo_save(const char *dir, const struct photo *p, char *name_out, size_t cap);

#endif
