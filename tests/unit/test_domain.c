/* domain/: districts, accounts, initiatives — rules without HTTP or SQL. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/lang.h"
#include "domain/account.h"
#include "domain/district.h"
#include "domain/initiative.h"

static void slugs(void **state)
{
	static const struct {
		const char *s;
		int ok;
	} cases[] = {
		{"riverside", 1}, {"north-valley", 1}, {"d1", 1}, {"a", 0}, {"Riverside", 0}, {"-x", 0},
		{"x-", 0}, {"has space", 0}, {"ñandu", 0}, {"a/b", 0}, {"", 0},
		{"abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcd", 0},
	};
	struct err e;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int rc = district_check_slug(cases[i].s, &e);
		if ((rc == 0) != cases[i].ok)
			fail_msg("slug \"%s\": %d", cases[i].s, rc);
		if (rc)
			assert_string_equal(e.field, "slug");
	}
}

static void time_zones(void **state)
{
	struct err e;
	assert_int_equal(district_check_timezone("America/Chicago", &e), 0);
	assert_int_equal(district_check_timezone("UTC", &e), 0);
	assert_int_equal(district_check_timezone("Mars/Olympus", &e), ERR_INVALID);
	assert_string_equal(e.field, "timezone");
	assert_int_equal(district_check_timezone("../../etc/passwd", &e), ERR_INVALID);
	assert_int_equal(district_check_timezone("/etc/passwd", &e), ERR_INVALID);
	assert_int_equal(district_check_timezone("America", &e), ERR_INVALID); /* a directory */
	assert_int_equal(district_check_timezone("", &e), ERR_INVALID);
}

static void district_names(void **state)
{
	struct err e;
	assert_int_equal(district_check_name("Riverside Unified School District", &e), 0);
	assert_int_equal(district_check_name("   ", &e), ERR_INVALID);
	assert_int_equal(district_check_name("Riverside\r\nBcc: x@example.org", &e), ERR_INVALID);
	assert_string_equal(e.field, "name");
}

static void languages(void **state)
{
	char out[64];
	struct err e;
	assert_int_equal(district_check_languages("en, es", out, sizeof(out), &e), 0);
	assert_string_equal(out, "en,es");
	assert_int_equal(district_check_languages(" es ,en,es ", out, sizeof(out), &e), 0);
	assert_string_equal(out, "es,en");
	assert_int_equal(district_check_languages("english", out, sizeof(out), &e), ERR_INVALID);
	assert_string_equal(e.field, "languages");
	assert_int_equal(district_check_languages(" , ", out, sizeof(out), &e), ERR_INVALID);
	/* Tags of BCP 47, stored in their canonical case. */
	char many[DISTRICT_MAX_LANGUAGES * LANG_TAG_MAX];
	assert_int_equal(district_check_languages("EN, zh-hans,ES-mx", many, sizeof(many), &e), 0);
	assert_string_equal(many, "en,zh-Hans,es-MX");
	assert_int_equal(district_check_languages("en, e", many, sizeof(many), &e), ERR_INVALID);
	assert_string_equal(e.msg, "Languages are language tags separated by commas, such as \"en, es, zh-Hans\".");
	assert_int_equal(district_check_languages("en, zh-", many, sizeof(many), &e), ERR_INVALID);
	assert_int_equal(district_check_languages("en;es", many, sizeof(many), &e), ERR_INVALID);
	/* Forty languages, not forty-one. */
	char list[41 * 8] = "";
	size_t len = 0;
	for (int i = 0; i < 41; i++)
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%c%c", i ? "," : "", 'a' + i / 26, 'a' + i % 26);
	assert_int_equal(district_check_languages(list, many, sizeof(many), &e), ERR_INVALID);
	assert_string_equal(e.msg, "Give between one and forty languages, such as \"en, es\".");
	list[strlen(list) - 3] = '\0';
	assert_int_equal(district_check_languages(list, many, sizeof(many), &e), 0);
	struct district d = {.languages = "en,es,zh-Hans"};
	assert_true(district_has_language(&d, "zh-Hans"));
	assert_false(district_has_language(&d, "zh"));
	assert_true(district_has_language(&d, "es"));
	assert_true(district_has_language(&d, "en"));
	assert_false(district_has_language(&d, "fr"));
	assert_false(district_has_language(&d, "e"));
}

static void emails(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"Ann@Example.ORG", "ann@example.org"},
		{"  pat.o'neil+news@school.k12.us  ", "pat.o'neil+news@school.k12.us"},
		{"no-at-sign.org", NULL},
		{"@example.org", NULL},
		{"a@b", NULL},
		{"a@.org", NULL},
		{"a@org.", NULL},
		{"a b@example.org", NULL},
		{"a@b@example.org", NULL},
		{"<a>@example.org", NULL},
		{"", NULL},
	};
	char out[256];
	struct err e;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int rc = account_check_email(cases[i].in, out, sizeof(out), &e);
		if (cases[i].out) {
			if (rc != 0 || strcmp(out, cases[i].out) != 0)
				fail_msg("email \"%s\" gave %d \"%s\"", cases[i].in, rc, out);
		} else if (rc != ERR_INVALID || strcmp(e.field, "email") != 0) {
			fail_msg("email \"%s\" was accepted", cases[i].in);
		}
	}
}

static void roles(void **state)
{
	assert_int_equal(role_parse("admin"), ROLE_ADMIN);
	assert_int_equal(role_parse("partner"), ROLE_PARTNER);
	assert_int_equal(role_parse("root"), ROLE_NONE);
	assert_int_equal(role_parse(NULL), ROLE_NONE);
	assert_string_equal(role_name(ROLE_FACILITATOR), "facilitator");
	assert_true(role_at_least(ROLE_ADMIN, ROLE_STAFF));
	assert_true(role_at_least(ROLE_STAFF, ROLE_FACILITATOR));
	assert_false(role_at_least(ROLE_FACILITATOR, ROLE_STAFF));
	assert_false(role_at_least(ROLE_PARTNER, ROLE_FACILITATOR));
	assert_false(role_at_least(ROLE_FACILITATOR, ROLE_PARTNER));
	assert_true(role_at_least(ROLE_PARTNER, ROLE_PARTNER));
	assert_false(role_at_least(ROLE_STAFF, ROLE_ADMIN));
	/* Routes for the people who run conversations. */
	assert_true(role_at_least(ROLE_PARTNER, ROLE_TEAM));
	assert_true(role_at_least(ROLE_FACILITATOR, ROLE_TEAM));
	assert_true(role_at_least(ROLE_STAFF, ROLE_TEAM));
	assert_true(role_at_least(ROLE_ADMIN, ROLE_TEAM));
	assert_false(role_at_least(ROLE_NONE, ROLE_TEAM));
	/* Nobody holds the route-only role. */
	assert_int_equal(role_parse("team"), ROLE_NONE);
	assert_string_equal(role_name(ROLE_TEAM), "");
	assert_false(role_at_least(ROLE_TEAM, ROLE_ADMIN));
}

static void passwords_hash_with_argon2id(void **state)
{
	char hash[ACCOUNT_HASH_MAX];
	struct err e;
	assert_int_equal(account_check_password("short", &e), ERR_INVALID);
	assert_int_equal(account_check_password("long enough!", &e), 0);
	assert_int_equal(account_hash_password("correct horse battery", hash, &e), 0);
	assert_true(strncmp(hash, "$argon2id$", 10) == 0);
	assert_true(account_verify_password(hash, "correct horse battery"));
	assert_false(account_verify_password(hash, "correct horse batterY"));
	assert_false(account_verify_password(NULL, "x"));
	assert_false(account_verify_password("", "x"));
	assert_false(account_hash_needs_rehash(hash));
	char again[ACCOUNT_HASH_MAX];
	assert_int_equal(account_hash_password("correct horse battery", again, &e), 0);
	assert_string_not_equal(hash, again); /* salted */
}

static void secrets_are_random_and_stored_hashed(void **state)
{
	char a[ACCOUNT_SECRET_MAX], b[ACCOUNT_SECRET_MAX], ha[65], hb[65];
	account_new_secret("cgt_", a);
	account_new_secret("cgt_", b);
	assert_int_equal(strlen(a), 4 + 43); /* 256 bits in base64url */
	assert_string_not_equal(a, b);
	for (const char *p = a + 4; *p; p++)
		assert_true(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", *p) != NULL);
	account_secret_hash(a, ha);
	account_secret_hash(b, hb);
	assert_int_equal(strlen(ha), 64);
	assert_string_not_equal(ha, hb);
	account_secret_hash("abc", ha);
	assert_string_equal(ha, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	assert_true(account_secret_equal("same", "same"));
	assert_false(account_secret_equal("same", "sane"));
	assert_false(account_secret_equal("same", "samey"));
}

static void initiatives(void **state)
{
	struct err e;
	struct initiative in = {.title = "Devices", .why = "", .mode = "cooperate"};
	assert_int_equal(initiative_check(&in, &e), 0);
	in.title = "   ";
	assert_int_equal(initiative_check(&in, &e), ERR_INVALID);
	assert_string_equal(e.field, "title");
	in.title = "Devices";
	in.mode = "decide";
	assert_int_equal(initiative_check(&in, &e), ERR_INVALID);
	assert_string_equal(e.field, "mode");
	in.mode = "collaborate";
	in.why = "\xff";
	assert_int_equal(initiative_check(&in, &e), ERR_INVALID);
	assert_string_equal(e.field, "why");
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(slugs),
		cmocka_unit_test(time_zones),
		cmocka_unit_test(district_names),
		cmocka_unit_test(languages),
		cmocka_unit_test(emails),
		cmocka_unit_test(roles),
		cmocka_unit_test(passwords_hash_with_argon2id),
		cmocka_unit_test(secrets_are_random_and_stored_hashed),
		cmocka_unit_test(initiatives),
	};
	return cmocka_run_group_tests_name("domain", tests, NULL, NULL);
}
