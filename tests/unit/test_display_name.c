/* Unit tests for domain/display_name: the names Zoom and Teams show,
 * without their decorations. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "core/buf.h"
#include "domain/display_name.h"
#include "domain/redact.h"
#include "fixture.h"

struct want {
	const char *raw, *name;
};

static void expect_all(struct arena *a, const struct want *w, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *got = display_name_clean(a, w[i].raw);
		if (strcmp(got, w[i].name) != 0)
			fail_msg("display_name_clean(\"%s\") is \"%s\", not \"%s\"", w[i].raw, got, w[i].name);
	}
}

static void pronouns_go(void **state)
{
	static const struct want w[] = {
		{"Ana Ruiz (she/her)", "Ana Ruiz"},
		{"Ana Ruiz (She/Her)", "Ana Ruiz"},
		{"Ana Ruiz(she/they)", "Ana Ruiz"},
		{"Ana Ruiz [they/them]", "Ana Ruiz"},
		{"Ana Ruiz (ella)", "Ana Ruiz"},
		{"Luis Gómez (él/ella)", "Luis Gómez"},
		{"Ana Ruiz she/her", "Ana Ruiz"},
		{"Ana Ruiz | she/her", "Ana Ruiz"},
		{"Ana Ruiz - ella", "Ana Ruiz"},
		{"Ana Ruiz she her", "Ana Ruiz"},
		{"Ana Ruiz (pronouns: she/her)", "Ana Ruiz"},
		{"Ana Ruiz (any/all)", "Ana Ruiz"},
		/* Words that only begin like pronouns, and names that are one. */
		{"Sheila Hernández (she/her)", "Sheila Hernández"},
		{"Herbert Heim (he/him)", "Herbert Heim"},
		{"Mai Her", "Mai Her"},
		{"Ella Fitzgerald", "Ella Fitzgerald"},
		{"Ella", "Ella"},
		{"she/her", ""},
	};
	expect_all(*state, w, sizeof(w) / sizeof(*w));
}

static void roles_and_organisations_go(void **state)
{
	static const struct want w[] = {
		{"Intérprete - Luis", "Luis"},
		{"INTÉRPRETE ES - Luis", "Luis"},
		{"Interpreter: Luis Gómez", "Luis Gómez"},
		{"Interpreter Luis", "Luis"},
		{"Spanish Interpreter Luis", "Luis"},
		{"Luis Intérprete", "Luis"},
		{"Luis Gómez (Interpreter, ES)", "Luis Gómez"},
		{"Dana Whitfield (Host)", "Dana Whitfield"},
		{"Dana Whitfield (Co-host, she/her)", "Dana Whitfield"},
		{"Dana Whitfield [Anfitriona]", "Dana Whitfield"},
		{"Carla Díaz (Guest)", "Carla Díaz"},
		{"Carla Díaz (External)", "Carla Díaz"},
		{"Dr. Kim (RUSD)", "Kim"},
		{"Kim, Daniel (RUSD Staff)", "Kim, Daniel"},
		{"Ana Ruiz - LFCC", "Ana Ruiz"},
		{"Ana Ruiz | she/her | LFCC", "Ana Ruiz"},
		{"Sra. Rosa Martínez", "Rosa Martínez"},
		{"Host", ""},
		{"Co-Host", ""},
		/* Role words that are also family names stay without brackets. */
		{"Christopher Guest", "Christopher Guest"},
		/* A name in capitals is not an organisation code. */
		{"ANA RUIZ", "ANA RUIZ"},
		{"ANA", "ANA"},
		{"RUSD", "RUSD"},
	};
	expect_all(*state, w, sizeof(w) / sizeof(*w));
}

static void devices_and_numbers_go(void **state)
{
	static const struct want w[] = {
		{"iPhone de María", "María"},
		{"iPad de Ana Ruiz", "Ana Ruiz"},
		{"Samsung Galaxy S21 de Luis", "Luis"},
		{"Tom's iPad", "Tom"},
		{"Tom’s iPhone", "Tom"},
		{"Chris' iPhone", "Chris"},
		{"María José's MacBook Pro", "María José"},
		{"iPhone", ""},
		{"iPad (2)", ""},
		{"Galaxy S21", ""},
		{"Ana Ruiz (2)", "Ana Ruiz"},
		{"+1 512 555 0199", ""},
		{"5125550199", ""},
		{"ana.ruiz@example.org", "ana ruiz"},
		{"Ana Ruiz <ana.ruiz2@example.org>", "Ana Ruiz ana ruiz"},
		/* Max and Pro are models only after a device. */
		{"Max Pérez", "Max Pérez"},
	};
	expect_all(*state, w, sizeof(w) / sizeof(*w));
}

static void names_stay_as_written(void **state)
{
	static const struct want w[] = {
		{"Ana Ruiz", "Ana Ruiz"},
		{"  Ana   Ruiz  ", "Ana Ruiz"},
		{"Jean-Luc Picard", "Jean-Luc Picard"},
		{"María José García-López (ella/her) [LFCC]", "María José García-López"},
		{"Ana (Annie) Ruiz", "Ana (Annie) Ruiz"},
		{"Ruiz, Ana", "Ruiz, Ana"},
		{"Tom O'Neil", "Tom O'Neil"},
		{"Ana (Annie", "Ana (Annie"},
		{"", ""},
	};
	expect_all(*state, w, sizeof(w) / sizeof(*w));
	assert_string_equal(display_name_clean(*state, NULL), "");
	assert_string_equal(display_name_clean(*state, "Ana \xff Ruiz"), "");
}

/* What the cleaning is for: built from the decorated names, the set
 * redacts the people and leaves "she", "her", "host" and "iPhone" in the
 * text. */
static void decorations_never_become_names(void **state)
{
	struct arena *a = *state;
	static const char *const raw[] = {"Ana Ruiz (she/her)", "Intérprete - Luis", "Dana Whitfield (Host)",
	                                  "iPhone de María", "Tom's iPad", "Dr. Kim (RUSD)"};
	const char *names[sizeof(raw) / sizeof(*raw)];
	for (size_t i = 0; i < sizeof(raw) / sizeof(*raw); i++)
		names[i] = display_name_clean(a, raw[i]);
	struct redact_names *rn = redact_names_new(a, names, sizeof(names) / sizeof(*names));
	static const char text[] =
		"She said her iPhone died. The host asked Ana and Luis; María thanked Tom, Dana and Dr. Kim. "
		"The interpreter from RUSD was there.";
	struct buf out;
	struct err e;
	buf_init(&out, 1 << 16);
	assert_int_equal(redact_text(rn, text, strlen(text), &out, NULL, &e), 0);
	assert_string_equal(out.p, "She said her iPhone died. The host asked [NAME] and [NAME]; [NAME] thanked [NAME], "
	                           "[NAME] and Dr. [NAME]. The interpreter from RUSD was there.");
	buf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(pronouns_go, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(roles_and_organisations_go, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(devices_and_numbers_go, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(names_stay_as_written, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(decorations_never_become_names, arena_setup, arena_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
