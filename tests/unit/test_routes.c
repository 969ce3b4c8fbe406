/* web/routes.c: matching, parameters and the methods a path allows. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "web/app.h"
#include "web/area.h"
#include "web/handlers.h"

static const struct route *match(struct req *r, struct arena *a, const char *method, const char *path,
                                 char *allow)
{
	memset(r, 0, sizeof(*r));
	r->a = a;
	return route_match(r, method, path, allow, 64);
}

static void static_paths_and_parameters(void **state)
{
	struct arena a;
	arena_init(&a);
	struct req r;
	char allow[64];
	const struct route *rt = match(&r, &a, "GET", "/healthz", allow);
	assert_non_null(rt);
	assert_string_equal(rt->pattern, "/healthz");
	rt = match(&r, &a, "GET", "/d/riverside/", allow);
	assert_non_null(rt);
	assert_string_equal(rt->pattern, "/d/{slug}/");
	assert_string_equal(req_param(&r, "slug"), "riverside");
	rt = match(&r, &a, "GET", "/admin/users/42", allow);
	assert_non_null(rt);
	assert_int_equal(req_param_id(&r, "id"), 42);
	rt = match(&r, &a, "GET", "/admin/users/x42", allow);
	assert_non_null(rt);
	assert_int_equal(req_param_id(&r, "id"), -1);
	/* Parameters are percent-decoded after matching. */
	rt = match(&r, &a, "GET", "/d/a%2Db/", allow);
	assert_non_null(rt);
	assert_string_equal(req_param(&r, "slug"), "a-b");
	arena_free(&a);
}

static void trailing_slashes_and_unknown_paths(void **state)
{
	struct arena a;
	arena_init(&a);
	struct req r;
	char allow[64];
	const struct route *rt = match(&r, &a, "GET", "/d/riverside", allow);
	assert_non_null(rt);
	assert_string_equal(rt->pattern, "/d/{slug}");
	assert_null(match(&r, &a, "GET", "/d//", allow));
	assert_string_equal(allow, "");
	assert_null(match(&r, &a, "GET", "/nowhere", allow));
	assert_string_equal(allow, "");
	assert_null(match(&r, &a, "GET", "/healthz/", allow));
	/* A parameter that does not decode to text makes the path unknown. */
	assert_null(match(&r, &a, "GET", "/d/%ff/", allow));
	assert_null(match(&r, &a, "GET", "/d/%00/", allow));
	assert_null(match(&r, &a, "GET", "/d/%zz/", allow));
	arena_free(&a);
}

static void wrong_method_lists_allowed_ones(void **state)
{
	struct arena a;
	arena_init(&a);
	struct req r;
	char allow[64];
	assert_null(match(&r, &a, "DELETE", "/signin", allow));
	assert_non_null(strstr(allow, "GET"));
	assert_non_null(strstr(allow, "POST"));
	assert_null(match(&r, &a, "PUT", "/healthz", allow));
	assert_string_equal(allow, "GET");
	arena_free(&a);
}

static void every_state_changing_route_is_protected(void **state)
{
	/* A POST or PATCH either checks CSRF (pages) or needs a bearer token (API);
	 * every admin page needs sign-in. */
	for (int i = 0; i < nroutes; i++) {
		const struct route *rt = &routes[i];
		bool writes = strcmp(rt->method, "GET") != 0;
		if (writes && !(rt->flags & (R_CSRF | R_API)))
			fail_msg("%s %s changes state without CSRF or API token", rt->method, rt->pattern);
		if ((rt->flags & R_API) && rt->role == ROLE_NONE)
			fail_msg("%s %s is an API route without a role", rt->method, rt->pattern);
		if (strncmp(rt->pattern, "/admin", 6) == 0 && !(rt->flags & R_LOGIN) && rt->role == ROLE_NONE)
			fail_msg("%s %s is an admin page without sign-in", rt->method, rt->pattern);
	}
}

/* The areas of the navigation: a built area's page asks for the least role
 * the navigation shows it to; an area still to come is the placeholder page,
 * and says what it will hold.  Facilitators and partners see Capture only. */
static void areas_agree_with_their_routes(void **state)
{
	struct arena a;
	arena_init(&a);
	struct req r;
	char allow[64];
	assert_true(area_count() > 0);
	assert_null(area_at(area_count()));
	for (size_t i = 0; i < area_count(); i++) {
		const struct area *ar = area_at(i);
		assert_ptr_equal(area_find(ar->key), ar);
		assert_string_equal(ar->path + strlen("/admin/"), ar->key);
		const struct route *rt = match(&r, &a, "GET", ar->path, allow);
		assert_non_null(rt);
		if (ar->about) {
			assert_ptr_equal(rt->fn, h_area);
			assert_string_equal(req_param(&r, "area"), ar->key);
		} else {
			assert_ptr_not_equal(rt->fn, h_area);
			assert_int_equal(rt->role, ar->least);
		}
		bool team_sees = strcmp(ar->key, "capture") == 0;
		assert_int_equal(area_visible(ar, ROLE_FACILITATOR), team_sees);
		assert_int_equal(area_visible(ar, ROLE_PARTNER), team_sees);
		assert_true(area_visible(ar, ROLE_STAFF));
		assert_true(area_visible(ar, ROLE_ADMIN));
	}
	assert_null(area_find("nowhere"));
	assert_null(area_find(NULL));
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(static_paths_and_parameters),
		cmocka_unit_test(trailing_slashes_and_unknown_paths),
		cmocka_unit_test(wrong_method_lists_allowed_ones),
		cmocka_unit_test(every_state_changing_route_is_protected),
		cmocka_unit_test(areas_agree_with_their_routes),
	};
	return cmocka_run_group_tests_name("routes", tests, NULL, NULL);
}
