/* image: signatures from the four specifications (PNG 5.2, JPEG T.81 B.1,
 * GIF89a 17-18, WebP container and VP8/VP8L bitstreams), and the header
 * checks that the browsers' decoders make anyway, so that a file we accept
 * is one they can at least start to show.  Every read is checked against
 * the length first; the JPEG walk moves forward at least one byte a turn.
 */
#include "core/image.h"

#include <stdbool.h>
#include <string.h>

#define FIELD "image"
#define NOT_IMAGE "This file is not a PNG, JPEG, GIF or WebP image"

/* A signature and its length, for magic_at: '?' in it stands for any byte
 * (no signature here needs a literal '?'). */
#define MAGIC(s) s, sizeof(s) - 1

static uint32_t be16(const uint8_t *p)
{
	return (uint32_t)p[0] << 8 | p[1];
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t le16(const uint8_t *p)
{
	return (uint32_t)p[1] << 8 | p[0];
}

static uint32_t le24(const uint8_t *p)
{
	return (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[3] << 24 | le24(p);
}

static bool magic_at(const uint8_t *p, size_t n, const char *m, size_t mlen)
{
	if (n < mlen)
		return false;
	for (size_t i = 0; i < mlen; i++)
		if (m[i] != '?' && (uint8_t)m[i] != p[i])
			return false;
	return true;
}

static int damaged(struct err *e, const char *what)
{
	return err_set(e, ERR_INVALID, FIELD, "The image is damaged: %s.", what);
}

/* PNG: the signature, then IHDR as the first chunk, whole (CRC included). */
static int png_size(const uint8_t *p, size_t n, struct image_info *out, struct err *e)
{
	/* Bit depths allowed for each colour type, as bit masks (PNG 11.2.2). */
	static const uint32_t depths[7] = {
		[0] = 1u << 1 | 1u << 2 | 1u << 4 | 1u << 8 | 1u << 16,
		[2] = 1u << 8 | 1u << 16,
		[3] = 1u << 1 | 1u << 2 | 1u << 4 | 1u << 8,
		[4] = 1u << 8 | 1u << 16,
		[6] = 1u << 8 | 1u << 16,
	};
	const uint8_t *h;

	if (n < 8 + 8 + 13 + 4)
		return damaged(e, "the PNG file ends inside its header");
	h = p + 16;   /* IHDR's data */
	if (be32(p + 8) != 13 || memcmp(p + 12, "IHDR", 4) != 0)
		return damaged(e, "the PNG file does not start with its header chunk");
	out->width = be32(h);
	out->height = be32(h + 4);
	if (out->width > 0x7fffffff || out->height > 0x7fffffff)
		return damaged(e, "the PNG header gives a size larger than PNG allows");
	if (h[8] > 16 || h[9] > 6 || !(depths[h[9]] & 1u << h[8]))
		return damaged(e, "the PNG header gives an unknown colour type or bit depth");
	if (h[10] != 0 || h[11] != 0 || h[12] > 1)
		return damaged(e, "the PNG header gives an unknown compression, filter or interlace method");
	return 0;
}

/* TIFF numbers are in the byte order the data names. */
static uint32_t tiff16(const uint8_t *p, bool le)
{
	return le ? le16(p) : be16(p);
}

static uint32_t tiff32(const uint8_t *p, bool le)
{
	return le ? le32(p) : be32(p);
}

/* The Exif orientation (1-8) in an APP1 segment's data, 1 when the Exif
 * data holds none or is malformed (browsers ignore it then too), 0 when the
 * segment is not Exif at all (XMP also lives in APP1). */
static int exif_orientation(const uint8_t *p, size_t n)
{
	const uint8_t *t;
	size_t tn, ifd, count;
	bool le;

	if (n < 6 || memcmp(p, "Exif\0\0", 6) != 0)
		return 0;
	t = p + 6;   /* the TIFF structure */
	tn = n - 6;
	if (tn < 8)
		return 1;
	if (magic_at(t, tn, MAGIC("II*\0")))
		le = true;
	else if (magic_at(t, tn, MAGIC("MM\0*")))
		le = false;
	else
		return 1;
	ifd = tiff32(t + 4, le);
	if (ifd > tn - 2)
		return 1;
	count = tiff16(t + ifd, le);
	/* Entries of 12 bytes: tag, type, count, value. */
	for (size_t i = 0, at = ifd + 2; i < count && tn - at >= 12; i++, at += 12) {
		const uint8_t *d = t + at;
		uint32_t v;

		if (tiff16(d, le) != 0x0112)
			continue;
		/* One SHORT, in the first two bytes of the value field. */
		if (tiff16(d + 2, le) != 3 || tiff32(d + 4, le) != 1)
			return 1;
		v = tiff16(d + 8, le);
		return v >= 1 && v <= 8 ? (int)v : 1;
	}
	return 1;
}

/* Frame headers: SOF0-SOF15 but DHT (C4), JPG (C8) and DAC (CC). */
static bool jpeg_is_sof(uint8_t m)
{
	return m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc;
}

/* Markers without a length: TEM and RST0-RST7. */
static bool jpeg_is_standalone(uint8_t m)
{
	return m == 0x01 || (m >= 0xd0 && m <= 0xd7);
}

/* A frame header segment s of len bytes, its length field included. */
static int jpeg_frame(const uint8_t *s, size_t len, int orientation, struct image_info *out,
		      struct err *e)
{
	if (len < 8 || s[7] == 0 || len != 8 + 3 * (size_t)s[7])
		return damaged(e, "the JPEG frame header has the wrong length");
	out->height = be16(s + 3);
	out->width = be16(s + 5);
	if (orientation >= 5) {   /* a quarter turn: browsers show it on its side */
		uint32_t w = out->width;

		out->width = out->height;
		out->height = w;
	}
	return 0;
}

/* JPEG: walks the segments from SOI to the first frame header. */
static int jpeg_size(const uint8_t *p, size_t n, struct image_info *out, struct err *e)
{
	size_t i = 2;
	int orientation = 0;   /* from the first Exif segment; 0 before it */

	for (;;) {
		uint8_t m;
		size_t len;

		if (i == n)
			return damaged(e, "the JPEG file ends before its size is given");
		if (p[i] != 0xff)
			return damaged(e, "the JPEG file has stray bytes between its segments");
		while (i < n && p[i] == 0xff)   /* fill bytes */
			i++;
		if (i == n)
			return damaged(e, "the JPEG file ends before its size is given");
		m = p[i++];
		if (jpeg_is_standalone(m))
			continue;
		if (m == 0xda || m == 0xd9)
			return damaged(e, "the JPEG file has no frame header before its image data");
		if (m == 0x00 || m == 0xd8)
			return damaged(e, "the JPEG file has a marker out of place");
		if (n - i < 2)
			return damaged(e, "the JPEG file ends inside a segment");
		len = be16(p + i);
		if (len < 2)
			return damaged(e, "the JPEG file has a segment of impossible length");
		if (len > n - i)
			return damaged(e, "the JPEG file ends inside a segment");
		if (jpeg_is_sof(m))
			return jpeg_frame(p + i, len, orientation ? orientation : 1, out, e);
		if (m == 0xe1 && !orientation)
			orientation = exif_orientation(p + i + 2, len - 2);
		i += len;
	}
}

/* GIF: the logical screen descriptor after the signature. */
static int gif_size(const uint8_t *p, size_t n, struct image_info *out, struct err *e)
{
	if (n < 6 + 7)
		return damaged(e, "the GIF file ends inside its header");
	out->width = le16(p + 6);
	out->height = le16(p + 8);
	return 0;
}

/* The data of the first chunk of a WebP file, q, holds cn bytes. */

static int webp_lossy(const uint8_t *q, size_t cn, struct image_info *out, struct err *e)
{
	uint32_t tag;

	if (cn < 10)
		return damaged(e, "the WebP frame header is cut short");
	/* The frame tag: key frame (bit 0 clear), version, shown, first
	 * partition's size; checked as libwebp does. */
	tag = le24(q);
	if (tag & 1)
		return damaged(e, "the WebP file does not start with a key frame");
	if ((tag >> 1 & 7) > 3)
		return damaged(e, "the WebP frame header gives an unknown version");
	if (!(tag >> 4 & 1))
		return damaged(e, "the WebP file starts with a hidden frame");
	if (tag >> 5 >= cn)
		return damaged(e, "the WebP frame header gives a wrong partition size");
	if (q[3] != 0x9d || q[4] != 0x01 || q[5] != 0x2a)
		return damaged(e, "the WebP frame header lacks its start code");
	/* 14 bits each; the top two give a scale, not the size. */
	out->width = le16(q + 6) & 0x3fff;
	out->height = le16(q + 8) & 0x3fff;
	return 0;
}

static int webp_lossless(const uint8_t *q, size_t cn, struct image_info *out, struct err *e)
{
	uint32_t bits;

	if (cn < 5)
		return damaged(e, "the WebP lossless header is cut short");
	if (q[0] != 0x2f)
		return damaged(e, "the WebP lossless header lacks its signature");
	bits = le32(q + 1);
	if (bits >> 29 != 0)
		return damaged(e, "the WebP lossless header gives an unknown version");
	out->width = (bits & 0x3fff) + 1;
	out->height = (bits >> 14 & 0x3fff) + 1;
	return 0;
}

static int webp_extended(const uint8_t *q, size_t cn, struct image_info *out, struct err *e)
{
	if (cn != 10)
		return damaged(e, "the WebP extended header has the wrong length");
	/* Flags and reserved bytes, then the canvas: 24 bits each, minus one. */
	out->width = le24(q + 4) + 1;
	out->height = le24(q + 7) + 1;
	return 0;
}

static const struct {
	char fourcc[5];
	int (*size)(const uint8_t *q, size_t cn, struct image_info *out, struct err *e);
} webp_chunks[] = {
	{"VP8 ", webp_lossy},
	{"VP8L", webp_lossless},
	{"VP8X", webp_extended},
};

/* WebP: "RIFF", size, "WEBP", then a VP8, VP8L or VP8X chunk. */
static int webp_size(const uint8_t *p, size_t n, struct image_info *out, struct err *e)
{
	size_t end, cn;

	/* The RIFF size counts from "WEBP"; bytes after it are ignored. */
	if (le32(p + 4) > n - 8)
		return damaged(e, "the WebP file is shorter than its header says");
	end = 8 + (size_t)le32(p + 4);
	if (end < 12 + 8)
		return damaged(e, "the WebP file ends before its first chunk");
	cn = le32(p + 16);
	if (cn > end - 20)
		return damaged(e, "the WebP file ends inside its first chunk");
	for (size_t i = 0; i < sizeof(webp_chunks) / sizeof(webp_chunks[0]); i++)
		if (memcmp(p + 12, webp_chunks[i].fourcc, 4) == 0)
			return webp_chunks[i].size(p + 20, cn, out, e);
	return damaged(e, "the WebP file starts with an unknown chunk");
}

static const struct format {
	const char *magic;
	size_t magic_len;
	enum image_type type;
	const char *content_type, *ext;
	/* Sets width and height from the n bytes at p, which start with magic. */
	int (*size)(const uint8_t *p, size_t n, struct image_info *out, struct err *e);
} formats[] = {
	{MAGIC("\x89PNG\r\n\x1a\n"), IMAGE_PNG, "image/png", "png", png_size},
	{MAGIC("\xff\xd8\xff"), IMAGE_JPEG, "image/jpeg", "jpg", jpeg_size},
	{MAGIC("GIF87a"), IMAGE_GIF, "image/gif", "gif", gif_size},
	{MAGIC("GIF89a"), IMAGE_GIF, "image/gif", "gif", gif_size},
	{MAGIC("RIFF????WEBP"), IMAGE_WEBP, "image/webp", "webp", webp_size},
};

/* Formats people upload by mistake, named in the refusal so that they know
 * what to convert. */
static const struct {
	const char *magic;
	size_t magic_len;
	const char *what;
} others[] = {
	{MAGIC("%PDF-"), "a PDF document"},
	{MAGIC("II*\0"), "a TIFF image"},
	{MAGIC("MM\0*"), "a TIFF image"},
	{MAGIC("????ftypheic"), "a HEIC photo"},
	{MAGIC("????ftypheix"), "a HEIC photo"},
	{MAGIC("????ftyphevc"), "a HEIC photo"},
	{MAGIC("????ftypmif1"), "a HEIF photo"},
	{MAGIC("????ftypavif"), "an AVIF image"},
};

/* SVG is XML text: after an optional BOM and blanks comes '<', and an <svg
 * element shortly after (past an XML declaration, comments, a DOCTYPE). */
static bool looks_like_svg(const uint8_t *p, size_t n)
{
	size_t i = 0;

	if (magic_at(p, n, MAGIC("\xef\xbb\xbf")))
		i = 3;
	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
		i++;
	if (i == n || p[i] != '<')
		return false;
	n = n - i < 4096 ? n - i : 4096;
	return memmem(p + i, n, "<svg", 4) != NULL;
}

static int refuse(const uint8_t *p, size_t n, struct err *e)
{
	if (n == 0)
		return err_set(e, ERR_INVALID, FIELD, NOT_IMAGE ": it is empty.");
	if (looks_like_svg(p, n))
		return err_set(e, ERR_INVALID, FIELD,
			       NOT_IMAGE ": it is an SVG drawing, which can carry scripts. "
			       "Save it as PNG and upload that.");
	for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++)
		if (magic_at(p, n, others[i].magic, others[i].magic_len))
			return err_set(e, ERR_INVALID, FIELD,
				       NOT_IMAGE ": it is %s. Save it as JPEG or PNG and upload that.",
				       others[i].what);
	return err_set(e, ERR_INVALID, FIELD, NOT_IMAGE ".");
}

int image_inspect(const void *data, size_t len, struct image_info *out, struct err *e)
{
	const uint8_t *p = data;
	const struct format *f = NULL;
	struct image_info got;
	int rc;

	*out = (struct image_info){IMAGE_NONE, NULL, NULL, 0, 0};
	if (len > IMAGE_MAX_BYTES)
		return err_set(e, ERR_LIMIT, FIELD, "The image is larger than %u MB.",
			       IMAGE_MAX_BYTES >> 20);
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]) && !f; i++)
		if (magic_at(p, len, formats[i].magic, formats[i].magic_len))
			f = &formats[i];
	if (!f)
		return refuse(p, len, e);
	got = (struct image_info){f->type, f->content_type, f->ext, 0, 0};
	rc = f->size(p, len, &got, e);
	if (rc < 0)
		return rc;
	if (got.width == 0 || got.height == 0)
		return damaged(e, "it gives a width or height of zero");
	if (got.width > IMAGE_MAX_SIDE || got.height > IMAGE_MAX_SIDE)
		return err_set(e, ERR_LIMIT, FIELD,
			       "The image is %u by %u pixels; it may be at most %u pixels on "
			       "each side. Make it smaller and upload it again.",
			       (unsigned)got.width, (unsigned)got.height, (unsigned)IMAGE_MAX_SIDE);
	*out = got;
	return 0;
}
