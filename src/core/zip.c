#include "core/zip.h"

#include <string.h>
#include <time.h>

uint32_t zip_crc32(const void *data, size_t len)
{
	static uint32_t table[256];
	static int ready;
	if (!ready) {
		/* Built the same way each time; harmless if two threads race. */
		for (uint32_t i = 0; i < 256; i++) {
			uint32_t c = i;
			for (int k = 0; k < 8; k++)
				c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
			table[i] = c;
		}
		ready = 1;
	}
	const unsigned char *p = data;
	uint32_t c = 0xffffffffu;
	for (size_t i = 0; i < len; i++)
		c = table[(c ^ p[i]) & 0xff] ^ (c >> 8);
	return c ^ 0xffffffffu;
}

static void le16(struct buf *b, uint16_t v)
{
	unsigned char x[2] = {(unsigned char)v, (unsigned char)(v >> 8)};
	buf_add(b, x, 2);
}

static void le32(struct buf *b, uint32_t v)
{
	unsigned char x[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
	                      (unsigned char)(v >> 24)};
	buf_add(b, x, 4);
}

void zip_begin(struct zip *z, struct buf *out, int64_t t)
{
	memset(z, 0, sizeof(*z));
	z->out = out;
	buf_init(&z->central, (size_t)64 << 20);
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	z->dos_time = (uint16_t)((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
	z->dos_date = (uint16_t)(((tm.tm_year > 80 ? tm.tm_year - 80 : 0) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
}

int zip_add(struct zip *z, const char *name, const void *data, size_t len)
{
	size_t nlen = strlen(name);
	if (z->entries == UINT16_MAX || len > UINT32_MAX || z->out->len > UINT32_MAX || nlen > UINT16_MAX)
		return -1;
	uint32_t crc = zip_crc32(data, len), offset = (uint32_t)z->out->len;
	/* Local file header. */
	le32(z->out, 0x04034b50);
	le16(z->out, 20);            /* version needed: 2.0 */
	le16(z->out, 1 << 11);       /* UTF-8 names */
	le16(z->out, 0);             /* stored */
	le16(z->out, z->dos_time);
	le16(z->out, z->dos_date);
	le32(z->out, crc);
	le32(z->out, (uint32_t)len);
	le32(z->out, (uint32_t)len);
	le16(z->out, (uint16_t)nlen);
	le16(z->out, 0);
	buf_add(z->out, name, nlen);
	if (len)
		buf_add(z->out, data, len);
	/* Its central directory record. */
	le32(&z->central, 0x02014b50);
	le16(&z->central, 20);       /* made by */
	le16(&z->central, 20);
	le16(&z->central, 1 << 11);
	le16(&z->central, 0);
	le16(&z->central, z->dos_time);
	le16(&z->central, z->dos_date);
	le32(&z->central, crc);
	le32(&z->central, (uint32_t)len);
	le32(&z->central, (uint32_t)len);
	le16(&z->central, (uint16_t)nlen);
	le16(&z->central, 0);        /* extra */
	le16(&z->central, 0);        /* comment */
	le16(&z->central, 0);        /* disk */
	le16(&z->central, 0);        /* internal attributes */
	le32(&z->central, 0);        /* external attributes */
	le32(&z->central, offset);
	buf_add(&z->central, name, nlen);
	z->entries++;
	return 0;
}

void zip_end(struct zip *z)
{
	uint32_t start = (uint32_t)z->out->len;
	if (z->central.len)
		buf_add(z->out, z->central.p, z->central.len);
	le32(z->out, 0x06054b50);
	le16(z->out, 0);
	le16(z->out, 0);
	le16(z->out, z->entries);
	le16(z->out, z->entries);
	le32(z->out, (uint32_t)z->central.len);
	le32(z->out, start);
	le16(z->out, 0);
	buf_release(&z->central);
}
