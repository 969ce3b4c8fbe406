/* libFuzzer target for core/image.
 *
 * The input is the uploaded file.  Beyond not crashing or reading past it,
 * every result is checked against the header's promises: an accepted image
 * has a known type whose content type and extension match it and a size
 * within the limits; a refusal is ERR_INVALID or ERR_LIMIT with a message,
 * field "image", and *out left empty.  A broken promise aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/image.h"
#include "core/str.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct {
	const char *content_type, *ext;
} names[] = {
	[IMAGE_PNG] = {"image/png", "png"},
	[IMAGE_JPEG] = {"image/jpeg", "jpg"},
	[IMAGE_GIF] = {"image/gif", "gif"},
	[IMAGE_WEBP] = {"image/webp", "webp"},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct image_info info;
	struct err e = {0};
	uint8_t *s = NULL;
	int rc;

	/* An exact-size heap copy, so that any over-read is caught. */
	if (size) {
		s = malloc(size);
		if (!s)
			return 0;
		memcpy(s, data, size);
	}
	memset(&info, 0xa5, sizeof(info));
	rc = image_inspect(s, size, &info, &e);
	if (rc == 0) {
		CHECK(info.type >= IMAGE_PNG && info.type <= IMAGE_WEBP);
		CHECK(info.content_type != NULL && info.ext != NULL);
		CHECK(strcmp(info.content_type, names[info.type].content_type) == 0);
		CHECK(strcmp(info.ext, names[info.type].ext) == 0);
		CHECK(info.width >= 1 && info.width <= IMAGE_MAX_SIDE);
		CHECK(info.height >= 1 && info.height <= IMAGE_MAX_SIDE);
		CHECK(size <= IMAGE_MAX_BYTES);
	} else {
		CHECK(rc == ERR_INVALID || rc == ERR_LIMIT);
		CHECK(e.code == rc);
		CHECK(e.msg[0] != '\0');
		CHECK(utf8_valid(e.msg, strlen(e.msg)));
		CHECK(strcmp(e.field, "image") == 0);
		CHECK(info.type == IMAGE_NONE && info.content_type == NULL && info.ext == NULL);
		CHECK(info.width == 0 && info.height == 0);
	}
	/* The same bytes give the same answer. */
	{
		struct image_info again;

		CHECK(image_inspect(s, size, &again, NULL) == rc);
		CHECK(again.type == info.type && again.width == info.width &&
		      again.height == info.height);
	}
	free(s);
	return 0;
}
