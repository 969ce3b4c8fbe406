/* image_store: the images recaps show (images).  Every query is scoped by
 * district_id: another district's record is ERR_NOTFOUND.  Strings of returned
 * records live in the caller's arena. */
#ifndef CG_IMAGE_STORE_H
#define CG_IMAGE_STORE_H
#include "core/arena.h"
#include "store/db.h"

struct image {
	int64_t id, district_id;
	const char *content_type;
	int64_t width, height, bytes;
	const char *sha256;         /* hex, for ETag */
	const char *alt;
	const char *data_b64;       /* the bytes, base64 (only from image_store_get) */
	int64_t created_by, created_at;
};
int image_store_add(struct db *db, struct image *im, struct err *e);
int image_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t id, bool with_data,
                    struct image *im, struct err *e);

#endif
