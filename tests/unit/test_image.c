/* Unit tests for core/image: headers built here byte by byte, and the real
 * files of the fuzz seed corpus (made by cjpeg and cwebp, PNG and GIF by a
 * script), whose names give their size. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/image.h"
#include "core/zip.h"

#define NOT_IMAGE "This file is not a PNG, JPEG, GIF or WebP image"
#define DAMAGED "The image is damaged: "

/* Inspects an exact-size heap copy, so that ASan sees any read past the end. */
static int inspect(const void *p, size_t n, struct image_info *out, struct err *e)
{
	void *copy = malloc(n ? n : 1);
	int rc;

	assert_non_null(copy);
	if (n)
		memcpy(copy, p, n);
	err_clear(e);
	rc = image_inspect(n ? copy : NULL, n, out, e);
	free(copy);
	return rc;
}

static void expect_image(const void *p, size_t n, enum image_type type, uint32_t w, uint32_t h)
{
	static const char *const content_types[] = {
		[IMAGE_PNG] = "image/png", [IMAGE_JPEG] = "image/jpeg",
		[IMAGE_GIF] = "image/gif", [IMAGE_WEBP] = "image/webp",
	};
	static const char *const exts[] = {
		[IMAGE_PNG] = "png", [IMAGE_JPEG] = "jpg", [IMAGE_GIF] = "gif", [IMAGE_WEBP] = "webp",
	};
	struct image_info info;
	struct err e;

	if (inspect(p, n, &info, &e) != 0)
		fail_msg("expected an image, got: %s", e.msg);
	assert_int_equal(info.type, type);
	assert_string_equal(info.content_type, content_types[type]);
	assert_string_equal(info.ext, exts[type]);
	assert_int_equal(info.width, w);
	assert_int_equal(info.height, h);
}

/* Fails with code, field "image", a message starting with prefix, and *out
 * zeroed. */
static void expect_error(const void *p, size_t n, int code, const char *prefix)
{
	struct image_info info;
	struct err e;
	int rc = inspect(p, n, &info, &e);

	if (rc != code)
		fail_msg("expected %d, got %d (%s) for %zu bytes", code, rc, e.msg, n);
	assert_int_equal(e.code, code);
	assert_string_equal(e.field, "image");
	if (strncmp(e.msg, prefix, strlen(prefix)) != 0)
		fail_msg("message \"%s\" does not start with \"%s\"", e.msg, prefix);
	assert_int_equal(info.type, IMAGE_NONE);
	assert_null(info.content_type);
	assert_null(info.ext);
	assert_int_equal(info.width, 0);
	assert_int_equal(info.height, 0);
}

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static void put_le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

/* Signature and IHDR chunk of an 8-bit RGB PNG, CRC included: 33 bytes. */
#define PNG_HEADER 33
static void png_header(uint8_t *p, uint32_t w, uint32_t h)
{
	memcpy(p, "\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16);
	put_be32(p + 16, w);
	put_be32(p + 20, h);
	memcpy(p + 24, "\x08\x02\x00\x00\x00", 5);
	put_be32(p + 29, zip_crc32(p + 12, 17));
}

/* A WebP file of one chunk: returns its length (12 + 8 + n). */
static size_t webp_file(uint8_t *p, const char *fourcc, const uint8_t *data, size_t n)
{
	memcpy(p, "RIFF\0\0\0\0WEBP", 12);
	put_le32(p + 4, (uint32_t)(4 + 8 + n));
	memcpy(p + 12, fourcc, 4);
	put_le32(p + 16, (uint32_t)n);
	memcpy(p + 20, data, n);
	return 20 + n;
}

/* A VP8 key frame header: shown, version 0, no partition bytes. */
static const uint8_t vp8_3x2[10] = {0x10, 0, 0, 0x9d, 0x01, 0x2a, 3, 0, 2, 0};
/* VP8L: signature, then width-1 and height-1 in 14 bits each. */
static const uint8_t vp8l_3x2[5] = {0x2f, 0x02, 0x40, 0x00, 0x00};
/* VP8X: flags, 3 reserved bytes, canvas width-1 and height-1 in 24 bits. */
static const uint8_t vp8x_3x2[10] = {0x10, 0, 0, 0, 2, 0, 0, 1, 0, 0};

static const uint8_t gif_3x2[13] = {'G', 'I', 'F', '8', '9', 'a', 3, 0, 2, 0, 0x80, 0, 0};

/* Fill bytes, APP0 (JFIF) and APP1 (Exif without an orientation) before a
 * progressive frame header of 3x2 pixels. */
static const uint8_t jpeg_3x2[] = {
	0xff, 0xd8,
	0xff, 0xff, 0xff, 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
	0xff, 0xe1, 0x00, 0x12, 'E', 'x', 'i', 'f', 0, 0, 'I', 'I', '*', 0, 8, 0, 0, 0, 0, 0,
	0xff, 0xff, 0xc2, 0x00, 0x11, 0x08, 0x00, 0x02, 0x00, 0x03,
	0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01,
};

static void each_format_is_identified_with_its_size(void **state)
{
	(void)state;
	uint8_t p[64];
	size_t n;

	png_header(p, 3, 2);
	expect_image(p, PNG_HEADER, IMAGE_PNG, 3, 2);
	expect_image(jpeg_3x2, sizeof(jpeg_3x2), IMAGE_JPEG, 3, 2);
	expect_image(gif_3x2, sizeof(gif_3x2), IMAGE_GIF, 3, 2);
	memcpy(p, gif_3x2, sizeof(gif_3x2));
	p[4] = '7';
	expect_image(p, sizeof(gif_3x2), IMAGE_GIF, 3, 2);
	n = webp_file(p, "VP8 ", vp8_3x2, sizeof(vp8_3x2));
	expect_image(p, n, IMAGE_WEBP, 3, 2);
	n = webp_file(p, "VP8L", vp8l_3x2, sizeof(vp8l_3x2));
	expect_image(p, n, IMAGE_WEBP, 3, 2);
	n = webp_file(p, "VP8X", vp8x_3x2, sizeof(vp8x_3x2));
	expect_image(p, n, IMAGE_WEBP, 3, 2);
	/* Bytes after the RIFF data and after the PNG header are not read. */
	memset(p + n, 0xee, 8);
	expect_image(p, n + 8, IMAGE_WEBP, 3, 2);
	png_header(p, 1, 1);
	memset(p + PNG_HEADER, 0xee, 8);
	expect_image(p, PNG_HEADER + 8, IMAGE_PNG, 1, 1);
}

static void sizes_come_from_the_header(void **state)
{
	(void)state;
	uint8_t p[64], q[16];
	size_t n;

	png_header(p, 8000, 7999);
	expect_image(p, PNG_HEADER, IMAGE_PNG, 8000, 7999);
	memcpy(p, gif_3x2, sizeof(gif_3x2));
	p[6] = 0x40;   /* little-endian: 0x1f40 = 8000 */
	p[7] = 0x1f;
	p[9] = 0x01;
	expect_image(p, sizeof(gif_3x2), IMAGE_GIF, 8000, 258);
	/* VP8: the top two bits of each size are a scale, not part of it. */
	memcpy(q, vp8_3x2, sizeof(vp8_3x2));
	q[6] = 0x40;
	q[7] = 0xdf;   /* scale 3, width 0x1f40 */
	q[9] = 0x40;   /* scale 1, height 2 */
	n = webp_file(p, "VP8 ", q, sizeof(vp8_3x2));
	expect_image(p, n, IMAGE_WEBP, 8000, 2);
	/* VP8L: 14 bits each, plus one. */
	memcpy(q, vp8l_3x2, sizeof(vp8l_3x2));
	put_le32(q + 1, 7999u | 4999u << 14 | 1u << 28);   /* with alpha */
	n = webp_file(p, "VP8L", q, sizeof(vp8l_3x2));
	expect_image(p, n, IMAGE_WEBP, 8000, 5000);
	/* VP8X: 24 bits each, plus one. */
	memcpy(q, vp8x_3x2, sizeof(vp8x_3x2));
	q[4] = 0x3f;
	q[5] = 0x1f;
	q[7] = 0x00;
	n = webp_file(p, "VP8X", q, sizeof(vp8x_3x2));
	expect_image(p, n, IMAGE_WEBP, 8000, 1);
}

/* The seeds of the corpus are named "what-WxH.ext". */
static void real_files_are_read_right(void **state)
{
	(void)state;
	static const struct {
		const char *ext;
		enum image_type type;
	} kinds[] = {{"png", IMAGE_PNG}, {"jpg", IMAGE_JPEG}, {"gif", IMAGE_GIF}, {"webp", IMAGE_WEBP}};
	int seen[5] = {0};
	DIR *d = opendir(CG_ROOT "/fuzz/corpus/image");
	struct dirent *ent;

	assert_non_null(d);
	while ((ent = readdir(d))) {
		const char *dash = strrchr(ent->d_name, '-'), *dot = strrchr(ent->d_name, '.');
		unsigned w, h;
		char path[512];
		static uint8_t buf[1 << 16];
		size_t n;
		FILE *f;
		enum image_type type = IMAGE_NONE;

		/* Inputs a fuzzing run added have names without a size. */
		if (!dash || !dot || sscanf(dash, "-%ux%u.", &w, &h) != 2)
			continue;
		for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
			if (strcmp(dot + 1, kinds[i].ext) == 0)
				type = kinds[i].type;
		assert_int_not_equal(type, IMAGE_NONE);
		snprintf(path, sizeof(path), "%s/%s", CG_ROOT "/fuzz/corpus/image", ent->d_name);
		f = fopen(path, "rb");
		assert_non_null(f);
		n = fread(buf, 1, sizeof(buf), f);
		fclose(f);
		assert_true(n > 0 && n < sizeof(buf));
		expect_image(buf, n, type, w, h);
		seen[type]++;
	}
	closedir(d);
	for (int t = IMAGE_PNG; t <= IMAGE_WEBP; t++)
		assert_true(seen[t] >= 2);
}

static void expect_every_prefix_fails(const uint8_t *p, size_t n)
{
	for (size_t k = 0; k < n; k++)
		expect_error(p, k, ERR_INVALID, k < 3 ? NOT_IMAGE : "");
}

static void truncated_headers_fail_at_every_length(void **state)
{
	(void)state;
	uint8_t p[64];
	size_t n;

	png_header(p, 3, 2);
	expect_every_prefix_fails(p, PNG_HEADER);
	expect_every_prefix_fails(jpeg_3x2, sizeof(jpeg_3x2));
	expect_every_prefix_fails(gif_3x2, sizeof(gif_3x2));
	n = webp_file(p, "VP8 ", vp8_3x2, sizeof(vp8_3x2));
	expect_every_prefix_fails(p, n);
	n = webp_file(p, "VP8L", vp8l_3x2, sizeof(vp8l_3x2));
	expect_every_prefix_fails(p, n);
	n = webp_file(p, "VP8X", vp8x_3x2, sizeof(vp8x_3x2));
	expect_every_prefix_fails(p, n);
	/* Past the signature, the message says the image is damaged. */
	png_header(p, 3, 2);
	expect_error(p, 8, ERR_INVALID, DAMAGED "the PNG file ends inside its header");
	expect_error(p, PNG_HEADER - 1, ERR_INVALID, DAMAGED);
	expect_error(jpeg_3x2, sizeof(jpeg_3x2) - 1, ERR_INVALID, DAMAGED);
	expect_error(jpeg_3x2, 3, ERR_INVALID, DAMAGED);
	expect_error(gif_3x2, 6, ERR_INVALID, DAMAGED);
	n = webp_file(p, "VP8 ", vp8_3x2, sizeof(vp8_3x2));
	expect_error(p, n - 1, ERR_INVALID, DAMAGED "the WebP file is shorter than its header says");
}

static void a_side_over_the_limit_is_refused(void **state)
{
	(void)state;
	uint8_t p[64], q[16];
	size_t n;

	png_header(p, 9000, 600);
	expect_error(p, PNG_HEADER, ERR_LIMIT, "The image is 9000 by 600 pixels; it may be at most 8000");
	png_header(p, 600, 8001);
	expect_error(p, PNG_HEADER, ERR_LIMIT, "The image is 600 by 8001 pixels");
	memcpy(p, gif_3x2, sizeof(gif_3x2));
	p[6] = p[7] = 0xff;
	expect_error(p, sizeof(gif_3x2), ERR_LIMIT, "The image is 65535 by 2 pixels");
	memcpy(q, vp8x_3x2, sizeof(vp8x_3x2));
	q[7] = q[8] = q[9] = 0xff;
	n = webp_file(p, "VP8X", q, sizeof(vp8x_3x2));
	expect_error(p, n, ERR_LIMIT, "The image is 3 by 16777216 pixels");
	memcpy(q, vp8l_3x2, sizeof(vp8l_3x2));
	put_le32(q + 1, 8000u);
	n = webp_file(p, "VP8L", q, sizeof(vp8l_3x2));
	expect_error(p, n, ERR_LIMIT, "The image is 8001 by 1 pixels");
}

static void a_file_over_5_mb_is_refused(void **state)
{
	(void)state;
	uint8_t *p = calloc(1, IMAGE_MAX_BYTES + 1);
	struct image_info info;
	struct err e;

	assert_non_null(p);
	png_header(p, 3, 2);
	assert_int_equal(image_inspect(p, IMAGE_MAX_BYTES, &info, &e), 0);
	assert_int_equal(image_inspect(p, IMAGE_MAX_BYTES + 1, &info, &e), ERR_LIMIT);
	assert_string_equal(e.msg, "The image is larger than 5 MB.");
	assert_string_equal(e.field, "image");
	assert_int_equal(info.type, IMAGE_NONE);
	free(p);
}

static void other_files_are_refused(void **state)
{
	(void)state;
	static const char svg[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">"
		"<script>alert(document.cookie)</script></svg>\n";
	static const char svg_bom[] = "\xef\xbb\xbf\n  <!-- logo -->\n<svg viewBox=\"0 0 1 1\"/>";
	static const char text[] = "Field trip recap\nWe went to the museum.\n";
	static const char html[] = "<!DOCTYPE html><html><body><img src=x onerror=alert(1)></body></html>";
	static const char pdf[] = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n";
	static const char heic[] = "\0\0\0\x18" "ftypheic\0\0\0\0mif1heic";
	static const char wav[] = "RIFF\x24\0\0\0WAVEfmt \x10\0\0\0";
	static const char png_name[] = "photo.png";

	expect_error(svg, sizeof(svg) - 1, ERR_INVALID, NOT_IMAGE ": it is an SVG drawing, which can carry scripts.");
	expect_error(svg_bom, sizeof(svg_bom) - 1, ERR_INVALID, NOT_IMAGE ": it is an SVG drawing");
	expect_error(text, sizeof(text) - 1, ERR_INVALID, NOT_IMAGE ".");
	expect_error(html, sizeof(html) - 1, ERR_INVALID, NOT_IMAGE ".");
	expect_error(pdf, sizeof(pdf) - 1, ERR_INVALID, NOT_IMAGE ": it is a PDF document.");
	expect_error(heic, sizeof(heic) - 1, ERR_INVALID, NOT_IMAGE ": it is a HEIC photo.");
	expect_error(wav, sizeof(wav) - 1, ERR_INVALID, NOT_IMAGE ".");
	expect_error(png_name, sizeof(png_name) - 1, ERR_INVALID, NOT_IMAGE ".");
	expect_error("", 0, ERR_INVALID, NOT_IMAGE ": it is empty.");
	/* e may be NULL. */
	struct image_info info;
	assert_int_equal(image_inspect(text, sizeof(text) - 1, &info, NULL), ERR_INVALID);
}

static void jpeg_segments_before_the_frame_are_walked(void **state)
{
	(void)state;
	/* TEM and RST need no length; DHT (C4), JPG (C8) and DAC (CC) are not
	 * frame headers though their numbers sit among them; a segment may be
	 * empty of data (length 2). */
	static const uint8_t p[] = {
		0xff, 0xd8,
		0xff, 0x01, 0xff, 0xd3,
		0xff, 0xc4, 0x00, 0x11, 0x08, 0x00, 0x09, 0x00, 0x09, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1,
		0xff, 0xc8, 0x00, 0x02,
		0xff, 0xcc, 0x00, 0x04, 0x01, 0x01,
		0xff, 0xfe, 0x00, 0x07, 'h', 'e', 'l', 'l', 'o',
		0xff, 0xff, 0xff, 0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x02, 0x00, 0x05, 0x01, 0x01, 0x11, 0x00,
	};

	expect_image(p, sizeof(p), IMAGE_JPEG, 5, 2);
	expect_every_prefix_fails(p, sizeof(p));
}

static void damaged_jpegs_are_refused(void **state)
{
	(void)state;
	static const struct {
		uint8_t bytes[24];
		size_t n;
		const char *msg;
	} cases[] = {
		{{0xff, 0xd8, 0xff, 0xda, 0x00, 0x02}, 6, "the JPEG file has no frame header before its image data"},
		{{0xff, 0xd8, 0xff, 0xd9}, 4, "the JPEG file has no frame header before its image data"},
		{{0xff, 0xd8, 0xff, 0xe0, 0x00, 0x02, 0x12, 0xff, 0xc0}, 9, "the JPEG file has stray bytes between its segments"},
		{{0xff, 0xd8, 0xff, 0x00}, 4, "the JPEG file has a marker out of place"},
		{{0xff, 0xd8, 0xff, 0xd8}, 4, "the JPEG file has a marker out of place"},
		{{0xff, 0xd8, 0xff, 0xe0, 0x00, 0x01, 0xff, 0xd9}, 8, "the JPEG file has a segment of impossible length"},
		{{0xff, 0xd8, 0xff, 0xe0, 0xff, 0xff, 0, 0, 0}, 9, "the JPEG file ends inside a segment"},
		{{0xff, 0xd8, 0xff, 0xff, 0xff}, 5, "the JPEG file ends before its size is given"},
		/* Frame headers: one component needs 11 bytes; none at all. */
		{{0xff, 0xd8, 0xff, 0xc0, 0x00, 0x0c, 8, 0, 2, 0, 3, 1, 1, 0x11, 0, 0}, 16, "the JPEG frame header has the wrong length"},
		{{0xff, 0xd8, 0xff, 0xc0, 0x00, 0x08, 8, 0, 2, 0, 3, 0}, 12, "the JPEG frame header has the wrong length"},
		{{0xff, 0xd8, 0xff, 0xc0, 0x00, 0x07, 8, 0, 2, 0, 3}, 11, "the JPEG frame header has the wrong length"},
		/* Height 0 (given later by a DNL marker, which browsers don't do). */
		{{0xff, 0xd8, 0xff, 0xc0, 0x00, 0x0b, 8, 0, 0, 0, 3, 1, 1, 0x11, 0}, 15, "it gives a width or height of zero"},
	};
	char want[128];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(want, sizeof(want), DAMAGED "%s.", cases[i].msg);
		expect_error(cases[i].bytes, cases[i].n, ERR_INVALID, want);
	}
}

/* A JPEG with an APP1 segment of the Exif TIFF data tiff (n bytes) before
 * a 6x2 baseline frame header. */
static size_t jpeg_with_exif(uint8_t *p, const uint8_t *tiff, size_t n)
{
	static const uint8_t sof[] = {0xff, 0xc0, 0x00, 0x0b, 8, 0, 2, 0, 6, 1, 1, 0x11, 0};
	size_t len = 2 + 6 + n;

	memcpy(p, "\xff\xd8\xff\xe1", 4);
	p[4] = (uint8_t)(len >> 8);
	p[5] = (uint8_t)len;
	memcpy(p + 6, "Exif\0\0", 6);
	memcpy(p + 12, tiff, n);
	memcpy(p + 12 + n, sof, sizeof(sof));
	return 12 + n + sizeof(sof);
}

static void exif_orientation_turns_the_size(void **state)
{
	(void)state;
	/* One IFD entry, Orientation (0x0112), SHORT, count 1, value v. */
	uint8_t le[] = {'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0};
	uint8_t be[] = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 8, 0, 0, 0, 0, 0, 0};
	uint8_t p[128];
	size_t n;

	n = jpeg_with_exif(p, le, sizeof(le));
	expect_image(p, n, IMAGE_JPEG, 2, 6);
	n = jpeg_with_exif(p, be, sizeof(be));
	expect_image(p, n, IMAGE_JPEG, 2, 6);
	for (uint8_t v = 0; v <= 9; v++) {
		le[18] = v;
		n = jpeg_with_exif(p, le, sizeof(le));
		if (v >= 5 && v <= 8)
			expect_image(p, n, IMAGE_JPEG, 2, 6);
		else
			expect_image(p, n, IMAGE_JPEG, 6, 2);
	}
	/* Malformed Exif is ignored, as browsers do: an IFD past the end, a
	 * LONG instead of a SHORT, a count that runs past the data. */
	le[18] = 6;
	le[4] = 200;
	n = jpeg_with_exif(p, le, sizeof(le));
	expect_image(p, n, IMAGE_JPEG, 6, 2);
	le[4] = 8;
	le[12] = 4;
	n = jpeg_with_exif(p, le, sizeof(le));
	expect_image(p, n, IMAGE_JPEG, 6, 2);
	le[12] = 3;
	le[8] = 0xff;
	n = jpeg_with_exif(p, le, 12);   /* cut inside the first entry */
	expect_image(p, n, IMAGE_JPEG, 6, 2);
	/* The same at the very end of the file, where ASan sees a read past
	 * the entry. */
	expect_error(p, n - 13, ERR_INVALID, DAMAGED "the JPEG file ends before its size is given.");
	le[4] = sizeof(le) - 1;   /* an IFD whose count runs past the end */
	n = jpeg_with_exif(p, le, sizeof(le));
	expect_error(p, n - 13, ERR_INVALID, DAMAGED "the JPEG file ends before its size is given.");
	le[4] = 8;
	n = jpeg_with_exif(p, le, 4);    /* no room for an IFD offset */
	expect_image(p, n, IMAGE_JPEG, 6, 2);
	le[8] = 1;
	/* Only the first Exif segment counts; an XMP APP1 before it does not. */
	static const uint8_t xmp_then_exif[] = {
		0xff, 0xd8,
		0xff, 0xe1, 0x00, 0x08, 'h', 't', 't', 'p', ':', 0,
		0xff, 0xe1, 0x00, 0x1e, 'E', 'x', 'i', 'f', 0, 0,
		'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 8, 0, 0, 0,
		0xff, 0xe1, 0x00, 0x1e, 'E', 'x', 'i', 'f', 0, 0,
		'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 1, 0, 0, 0,
		0xff, 0xc0, 0x00, 0x0b, 8, 0, 2, 0, 6, 1, 1, 0x11, 0,
	};
	expect_image(xmp_then_exif, sizeof(xmp_then_exif), IMAGE_JPEG, 2, 6);
}

static void damaged_pngs_are_refused(void **state)
{
	(void)state;
	uint8_t p[64];

	png_header(p, 0, 2);
	expect_error(p, PNG_HEADER, ERR_INVALID, DAMAGED "it gives a width or height of zero");
	png_header(p, 3, 0);
	expect_error(p, PNG_HEADER, ERR_INVALID, DAMAGED "it gives a width or height of zero");
	png_header(p, 0x80000000u, 2);
	expect_error(p, PNG_HEADER, ERR_INVALID, DAMAGED "the PNG header gives a size larger than PNG allows");
	png_header(p, 3, 2);
	p[11] = 12;
	expect_error(p, PNG_HEADER, ERR_INVALID, DAMAGED "the PNG file does not start with its header chunk");
	png_header(p, 3, 2);
	memcpy(p + 12, "CgBI", 4);
	expect_error(p, PNG_HEADER, ERR_INVALID, DAMAGED "the PNG file does not start with its header chunk");
	static const uint8_t bad_depths[][2] = {{2, 4}, {3, 16}, {1, 8}, {7, 8}, {0, 3}, {6, 32}, {0, 0}};
	for (size_t i = 0; i < sizeof(bad_depths) / sizeof(bad_depths[0]); i++) {
		png_header(p, 3, 2);
		p[25] = bad_depths[i][0];
		p[24] = bad_depths[i][1];
		expect_error(p, PNG_HEADER, ERR_INVALID, DAMAGED "the PNG header gives an unknown colour type or bit depth");
	}
	png_header(p, 3, 2);
	p[24] = 16;
	p[25] = 6;
	p[28] = 1;   /* Adam7 */
	expect_image(p, PNG_HEADER, IMAGE_PNG, 3, 2);
	p[28] = 2;
	expect_error(p, PNG_HEADER, ERR_INVALID, DAMAGED "the PNG header gives an unknown compression, filter or interlace method");
}

static void damaged_webps_are_refused(void **state)
{
	(void)state;
	uint8_t p[64], q[16];
	size_t n;

	n = webp_file(p, "VP8 ", vp8_3x2, sizeof(vp8_3x2));
	put_le32(p + 4, 0xffffffffu);
	expect_error(p, n, ERR_INVALID, DAMAGED "the WebP file is shorter than its header says");
	put_le32(p + 4, 4);
	expect_error(p, n, ERR_INVALID, DAMAGED "the WebP file ends before its first chunk");
	n = webp_file(p, "VP8 ", vp8_3x2, sizeof(vp8_3x2));
	put_le32(p + 16, 11);
	expect_error(p, n, ERR_INVALID, DAMAGED "the WebP file ends inside its first chunk");
	n = webp_file(p, "ALPH", vp8_3x2, sizeof(vp8_3x2));
	expect_error(p, n, ERR_INVALID, DAMAGED "the WebP file starts with an unknown chunk");

	static const struct {
		uint8_t at, value;
		const char *msg;
	} vp8[] = {
		{0, 0x11, "the WebP file does not start with a key frame"},
		{0, 0x18, "the WebP frame header gives an unknown version"},
		{0, 0x00, "the WebP file starts with a hidden frame"},
		{1, 0x02, "the WebP frame header gives a wrong partition size"},   /* 16 >= 10 */
		{3, 0x9c, "the WebP frame header lacks its start code"},
		{5, 0x2b, "the WebP frame header lacks its start code"},
		{6, 0x00, "it gives a width or height of zero"},
	};
	for (size_t i = 0; i < sizeof(vp8) / sizeof(vp8[0]); i++) {
		char want[128];

		memcpy(q, vp8_3x2, sizeof(vp8_3x2));
		q[vp8[i].at] = vp8[i].value;
		n = webp_file(p, "VP8 ", q, sizeof(vp8_3x2));
		snprintf(want, sizeof(want), DAMAGED "%s.", vp8[i].msg);
		expect_error(p, n, ERR_INVALID, want);
	}
	/* A first partition that fits; a height that is only a scale. */
	memcpy(q, vp8_3x2, sizeof(vp8_3x2));
	q[0] = 0xf0;   /* 7 bytes */
	n = webp_file(p, "VP8 ", q, sizeof(vp8_3x2));
	expect_image(p, n, IMAGE_WEBP, 3, 2);
	q[8] = 0;
	q[9] = 0xc0;
	n = webp_file(p, "VP8 ", q, sizeof(vp8_3x2));
	expect_error(p, n, ERR_INVALID, DAMAGED "it gives a width or height of zero.");
	n = webp_file(p, "VP8 ", vp8_3x2, 9);
	expect_error(p, n, ERR_INVALID, DAMAGED "the WebP frame header is cut short");

	memcpy(q, vp8l_3x2, sizeof(vp8l_3x2));
	q[0] = 0x2e;
	n = webp_file(p, "VP8L", q, sizeof(vp8l_3x2));
	expect_error(p, n, ERR_INVALID, DAMAGED "the WebP lossless header lacks its signature");
	q[0] = 0x2f;
	q[4] = 0x20;   /* version 1 */
	n = webp_file(p, "VP8L", q, sizeof(vp8l_3x2));
	expect_error(p, n, ERR_INVALID, DAMAGED "the WebP lossless header gives an unknown version");
	n = webp_file(p, "VP8L", vp8l_3x2, 4);
	expect_error(p, n, ERR_INVALID, DAMAGED "the WebP lossless header is cut short");

	memcpy(q, vp8x_3x2, sizeof(vp8x_3x2));
	n = webp_file(p, "VP8X", q, 11);
	expect_error(p, n, ERR_INVALID, DAMAGED "the WebP extended header has the wrong length");
	n = webp_file(p, "VP8X", q, 9);
	expect_error(p, n, ERR_INVALID, DAMAGED "the WebP extended header has the wrong length");
}

static void damaged_gifs_are_refused(void **state)
{
	(void)state;
	uint8_t p[16];

	memcpy(p, gif_3x2, sizeof(gif_3x2));
	p[6] = 0;
	expect_error(p, sizeof(gif_3x2), ERR_INVALID, DAMAGED "it gives a width or height of zero");
	memcpy(p, "GIF88a", 6);
	expect_error(p, sizeof(gif_3x2), ERR_INVALID, NOT_IMAGE ".");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_format_is_identified_with_its_size),
		cmocka_unit_test(sizes_come_from_the_header),
		cmocka_unit_test(real_files_are_read_right),
		cmocka_unit_test(truncated_headers_fail_at_every_length),
		cmocka_unit_test(a_side_over_the_limit_is_refused),
		cmocka_unit_test(a_file_over_5_mb_is_refused),
		cmocka_unit_test(other_files_are_refused),
		cmocka_unit_test(jpeg_segments_before_the_frame_are_walked),
		cmocka_unit_test(damaged_jpegs_are_refused),
		cmocka_unit_test(exif_orientation_turns_the_size),
		cmocka_unit_test(damaged_pngs_are_refused),
		cmocka_unit_test(damaged_webps_are_refused),
		cmocka_unit_test(damaged_gifs_are_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
