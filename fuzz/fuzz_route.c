/* Fuzz target: request paths through the route table, as the dispatcher
 * sees them (any bytes; the server refuses control characters first, but
 * route matching must hold on its own). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/arena.h"
#include "web/app.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0 || size > 4096)
		return 0;
	struct arena a;
	arena_init(&a);
	char *path = arena_strndup(&a, (const char *)data, size);
	static const char *const methods[] = {"GET", "POST", "PATCH", "DELETE"};
	for (size_t m = 0; m < 4; m++) {
		struct req r;
		memset(&r, 0, sizeof(r));
		r.a = &a;
		char allow[64];
		const struct route *rt = route_match(&r, methods[m], path, allow, sizeof(allow));
		if (rt) {
			for (int i = 0; i < r.nparams; i++)
				if (!r.params[i] || !r.param_names[i] || strlen(r.params[i]) == 0)
					__builtin_trap();
		}
	}
	arena_free(&a);
	return 0;
}
