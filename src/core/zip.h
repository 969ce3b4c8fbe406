/* zip: a ZIP archive written in memory, entries stored uncompressed — what
 * a REFI-QDA .qdpx export needs (a project file and its sources).  Names
 * are UTF-8 (flag bit 11).  No ZIP64: up to 65,535 entries and 4 GiB. */
#ifndef CG_ZIP_H
#define CG_ZIP_H
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

struct zip {
	struct buf *out;
	struct buf central;    /* the central directory, appended at the end */
	uint16_t entries;
	uint16_t dos_time, dos_date;
};

/* Starts an archive in out; t: the entries' modification time (Unix). */
void zip_begin(struct zip *z, struct buf *out, int64_t t);
/* Adds an entry.  Returns 0, or -1 past the limits. */
int zip_add(struct zip *z, const char *name, const void *data, size_t len);
/* Writes the central directory and the end record; releases z. */
void zip_end(struct zip *z);

/* The CRC-32 of a ZIP entry (IEEE 802.3 polynomial). */
uint32_t zip_crc32(const void *data, size_t len);

#endif
