/* image: what an uploaded image is, told by its bytes.
 *
 * An upload names itself (a file name, a declared Content-Type), but only its
 * bytes are trusted: image_inspect recognises PNG, JPEG, GIF and WebP by
 * their signatures and reads the size in pixels from the header, so that the
 * file can be served with a content type that matches what it is and laid out
 * before it loads.  Nothing else is accepted; SVG in particular is refused
 * because it can carry scripts that would run on our origin.
 *
 * Only the header is read: a file whose header is sound but whose pixel data
 * is broken passes (a WebP file must still be as long as its RIFF header
 * says).  No I/O, no allocation; the strings returned are static.
 */
#ifndef CG_IMAGE_H
#define CG_IMAGE_H
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

enum image_type { IMAGE_NONE, IMAGE_PNG, IMAGE_JPEG, IMAGE_GIF, IMAGE_WEBP };

struct image_info {
	enum image_type type;
	const char *content_type;   /* "image/png", static */
	const char *ext;            /* "png", without the dot, static */
	uint32_t width, height;     /* pixels, 1..IMAGE_MAX_SIDE, as displayed */
};

#define IMAGE_MAX_BYTES (5u * 1024 * 1024)
#define IMAGE_MAX_SIDE 8000

/* Identifies the len bytes at data (data may be NULL when len is 0) by their
 * content, never by name or declared type, and reads the size from the
 * header.  For a JPEG whose Exif orientation turns it a quarter (values 5-8)
 * width and height are swapped, giving the size browsers display.
 * Returns 0 with *out filled; or, with *out zeroed (IMAGE_NONE, NULL strings)
 * and e filled with field "image" (e may be NULL):
 *   ERR_INVALID  not one of the four formats ("This file is not a PNG, JPEG,
 *                GIF or WebP image." and what it seems to be, e.g. SVG), or a
 *                header that is cut short or impossible ("The image is
 *                damaged: ..."), a zero width or height included;
 *   ERR_LIMIT    len > IMAGE_MAX_BYTES ("The image is larger than 5 MB."),
 *                checked before anything else, or a side > IMAGE_MAX_SIDE.
 * Never reads outside data[0..len). */
int image_inspect(const void *data, size_t len, struct image_info *out, struct err *e);

#endif
