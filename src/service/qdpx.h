/* qdpx: an initiative exported for qualitative analysis software (QualCoder,
 * ATLAS.ti, MAXQDA, NVivo) as a REFI-QDA project: a ZIP holding project.qde
 * (QDA-XML 1.0: users, the codebook with its nesting and colours, and one
 * text source per session with every coded span as a selection) and the
 * sources' text under Sources/, each turn of a transcript and each quote
 * opened by its speaker's code ("P1: ").  Positions are in characters, as the
 * standard counts them.  GUIDs are derived from the records' ids, so an
 * export taken twice names the same things the same way. */
#ifndef CG_QDPX_H
#define CG_QDPX_H
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "domain/district.h"
#include "store/db.h"

/* Appends the .qdpx archive of an initiative to out. */
int qdpx_export(struct db *db, struct arena *a, const struct district *d, int64_t initiative_id, int64_t now,
                struct buf *out, struct err *e);

#endif
