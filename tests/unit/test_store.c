/* Store tests: the same cases run on SQLite and on PostgreSQL (tests/run.sh
 * sets COMMONGROUND_TEST_DB to each in turn). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <time.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/i18n.h"
#include "core/zip.h"
#include "service/contacts.h"
#include "service/register.h"
#include "service/review.h"
#include "service/share.h"
#include "service/understand.h"
#include "store/api_token_store.h"
#include "store/attendee_store.h"
#include "store/audit_store.h"
#include "store/code_store.h"
#include "store/excerpt_store.h"
#include "store/coding_store.h"
#include "store/conversation_store.h"
#include "store/db.h"
#include "store/district_store.h"
#include "store/initiative_store.h"
#include "store/migrate.h"
#include "store/note_store.h"
#include "store/post_store.h"
#include "store/question_store.h"
#include "store/redaction_review_store.h"
#include "store/registration_store.h"
#include "store/search_store.h"
#include "store/session_store.h"
#include "store/summary_store.h"
#include "store/signin_failure_store.h"
#include "store/survey_store.h"
#include "store/team_store.h"
#include "store/user_store.h"
#include "store/web_session_store.h"
/* the connection's handle, to make a commit fail */
#include "store/db_backend.h"

static const char *url;
static struct db *db;
static struct arena ar;
static int64_t d1, d2;
static struct i18n *cat;

static int64_t add_district(const char *slug)
{
	struct district d = {.slug = slug, .name = "Test District", .timezone = "America/Chicago", .languages = "en,es"};
	struct err e;
	assert_int_equal(district_store_add(db, &d, &e), 0);
	return d.id;
}

static int64_t add_user(int64_t district, const char *email, enum role role)
{
	struct user u = {.district_id = district, .email = email, .name = "Pat", .role = role};
	struct err e;
	assert_int_equal(user_store_add(db, &u, "hash", &e), 0);
	return u.id;
}

static int setup(void **state)
{
	struct err e;
	err_clear(&e);
	if (strncmp(url, "sqlite:", 7) == 0) {
		unlink(url + 7);
	} else {
		/* A throw-away cluster: start from an empty schema. */
		assert_int_equal(db_open(url, &db, &e), 0);
		assert_int_equal(db_exec_script(db, "DROP SCHEMA public CASCADE; CREATE SCHEMA public;", &e), 0);
		db_close(db);
	}
	if (db_open(url, &db, &e) < 0) {
		print_error("%s\n", e.msg);
		return -1;
	}
	int applied = 0;
	if (migrate_run(db, &applied, &e) < 0) {
		print_error("%s\n", e.msg);
		return -1;
	}
	assert_int_equal(applied, migrate_latest());
	arena_init(&ar);
	cat = i18n_new();
	d1 = add_district("alpha");
	d2 = add_district("beta");
	return 0;
}

static int teardown(void **state)
{
	arena_free(&ar);
	i18n_free(cat);
	db_close(db);
	return 0;
}

static void migrations_are_recorded_once(void **state)
{
	struct err e;
	int applied = -1;
	assert_int_equal(migrate_run(db, &applied, &e), 0);
	assert_int_equal(applied, 0);
	assert_int_equal(migrate_current(db, &e), migrate_latest());
}

static void district_roundtrip_and_conflict(void **state)
{
	struct district d;
	struct err e;
	assert_int_equal(district_store_by_slug(db, &ar, "alpha", &d, &e), 0);
	assert_int_equal(d.id, d1);
	assert_string_equal(d.timezone, "America/Chicago");
	assert_string_equal(d.languages, "en,es");
	struct district dup = {.slug = "alpha", .name = "Again", .timezone = "UTC", .languages = "en"};
	assert_int_equal(district_store_add(db, &dup, &e), ERR_CONFLICT);
	assert_string_equal(e.field, "slug");
	assert_int_equal(district_store_by_slug(db, &ar, "nope", &d, &e), ERR_NOTFOUND);
	d.name = "Alpha Unified — Distrito Escolar Ñandú";
	d.languages = "es,en";
	assert_int_equal(district_store_update(db, &d, &e), 0);
	struct district again;
	assert_int_equal(district_store_by_id(db, &ar, d1, &again, &e), 0);
	assert_string_equal(again.name, "Alpha Unified — Distrito Escolar Ñandú");
	assert_string_equal(again.languages, "es,en");
	struct district *all;
	size_t n;
	assert_int_equal(district_store_list(db, &ar, &all, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(all[0].slug, "alpha");
	assert_string_equal(all[1].slug, "beta");
}

static void users_are_scoped_to_their_district(void **state)
{
	struct err e;
	int64_t id = add_user(d1, "ann@alpha.example.org", ROLE_STAFF);
	struct user u;
	const char *hash = NULL;
	assert_int_equal(user_store_by_email(db, &ar, "ann@alpha.example.org", &u, &hash, &e), 0);
	assert_int_equal(u.id, id);
	assert_int_equal(u.role, ROLE_STAFF);
	assert_string_equal(hash, "hash");
	assert_int_equal(user_store_by_id(db, &ar, d1, id, &u, &e), 0);
	/* The same id asked for from another district does not exist. */
	assert_int_equal(user_store_by_id(db, &ar, d2, id, &u, &e), ERR_NOTFOUND);
	struct user dup = {.district_id = d2, .email = "ann@alpha.example.org", .name = "", .role = ROLE_ADMIN};
	assert_int_equal(user_store_add(db, &dup, NULL, &e), ERR_CONFLICT);
	u.role = ROLE_ADMIN;
	u.district_id = d2; /* an update through the wrong district touches nothing */
	assert_int_equal(user_store_update(db, &u, &e), ERR_NOTFOUND);
	struct user *list;
	size_t n;
	assert_int_equal(user_store_list(db, &ar, d2, &list, &n, &e), 0);
	assert_int_equal(n, 0);
}

static void foreign_keys_are_enforced(void **state)
{
	struct err e;
	struct user u = {.district_id = 999999, .email = "ghost@example.org", .name = "", .role = ROLE_STAFF};
	assert_int_equal(user_store_add(db, &u, NULL, &e), ERR_CONFLICT);
}

static void sessions_expire_and_end(void **state)
{
	struct err e;
	int64_t id = add_user(d1, "sam@alpha.example.org", ROLE_ADMIN);
	struct user u = {.id = id, .district_id = d1};
	int64_t now = time(NULL);
	assert_int_equal(web_session_store_add(db, &u, "h-live", "csrf-1", now + 3600, &e), 0);
	assert_int_equal(web_session_store_add(db, &u, "h-old", "csrf-2", now - 1, &e), 0);
	struct user got;
	const char *csrf = NULL;
	assert_int_equal(web_session_store_get(db, &ar, "h-live", now, &got, &csrf, &e), 0);
	assert_int_equal(got.id, id);
	assert_string_equal(csrf, "csrf-1");
	assert_int_equal(web_session_store_get(db, &ar, "h-old", now, &got, &csrf, &e), ERR_NOTFOUND);
	assert_int_equal(web_session_store_purge(db, now, &e), 0);
	assert_int_equal(web_session_store_end(db, "h-live", &e), 0);
	assert_int_equal(web_session_store_get(db, &ar, "h-live", now, &got, &csrf, &e), ERR_NOTFOUND);
}

static void disabling_ends_sessions_and_tokens(void **state)
{
	struct err e;
	int64_t id = add_user(d1, "kim@alpha.example.org", ROLE_STAFF);
	struct user u = {.id = id, .district_id = d1};
	int64_t tid;
	assert_int_equal(web_session_store_add(db, &u, "h-kim", "c", time(NULL) + 3600, &e), 0);
	assert_int_equal(api_token_store_add(db, &u, "t-kim", "cli", &tid, &e), 0);
	assert_true(tid > 0);
	struct user got;
	assert_int_equal(api_token_store_get(db, &ar, "t-kim", &got, &e), 0);
	assert_int_equal(got.district_id, d1);
	/* Another district cannot disable this user. */
	assert_int_equal(user_store_set_disabled(db, d2, id, true, &e), ERR_NOTFOUND);
	assert_int_equal(user_store_set_disabled(db, d1, id, true, &e), 0);
	assert_int_equal(api_token_store_get(db, &ar, "t-kim", &got, &e), ERR_NOTFOUND);
	assert_int_equal(web_session_store_get(db, &ar, "h-kim", time(NULL), &got, NULL, &e), ERR_NOTFOUND);
}

static void tokens_revoke(void **state)
{
	struct err e;
	int64_t id = add_user(d2, "lee@beta.example.org", ROLE_STAFF);
	struct user u = {.id = id, .district_id = d2}, got;
	int64_t tid;
	assert_int_equal(api_token_store_add(db, &u, "t-lee", "", &tid, &e), 0);
	assert_int_equal(api_token_store_revoke(db, "t-lee", &e), 0);
	assert_int_equal(api_token_store_get(db, &ar, "t-lee", &got, &e), ERR_NOTFOUND);
	assert_int_equal(api_token_store_revoke(db, "t-lee", &e), ERR_NOTFOUND);
}

static void failures_count_within_window(void **state)
{
	struct err e;
	int64_t now = time(NULL), n = -1;
	assert_int_equal(signin_failure_store_add(db, "email:x@y.org", now - 2000, &e), 0);
	assert_int_equal(signin_failure_store_add(db, "email:x@y.org", now - 10, &e), 0);
	assert_int_equal(signin_failure_store_add(db, "email:x@y.org", now, &e), 0);
	assert_int_equal(signin_failure_store_count(db, "email:x@y.org", now - 900, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(signin_failure_store_purge(db, now - 900, &e), 0);
	assert_int_equal(signin_failure_store_count(db, "email:x@y.org", 0, &n, &e), 0);
	assert_int_equal(n, 2); /* the one 2000 s old is gone */
	assert_int_equal(signin_failure_store_clear(db, "email:x@y.org", &e), 0);
	assert_int_equal(signin_failure_store_count(db, "email:x@y.org", 0, &n, &e), 0);
	assert_int_equal(n, 0);
}

static void initiatives_are_scoped(void **state)
{
	struct err e;
	struct initiative in = {.district_id = d1, .title = "Devices", .why = "Because «every» child", .mode = "collaborate"};
	assert_int_equal(initiative_store_add(db, &in, &e), 0);
	struct initiative got;
	assert_int_equal(initiative_store_get(db, &ar, d1, in.id, &got, &e), 0);
	assert_string_equal(got.why, "Because «every» child");
	assert_int_equal(initiative_store_get(db, &ar, d2, in.id, &got, &e), ERR_NOTFOUND);
	got.district_id = d2;
	got.title = "Stolen";
	assert_int_equal(initiative_store_update(db, &got, &e), ERR_NOTFOUND);
	int64_t n = 0;
	assert_int_equal(initiative_store_count(db, d1, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(initiative_store_count(db, d2, &n, &e), 0);
	assert_int_equal(n, 0);
}

/* Attendees, notes, survey answers and conversation teams: the unique rules
 * that keep a check-in, a resent note and a survey link from counting
 * twice, on both databases (PostgreSQL aborts a transaction on a failed
 * statement; the stores must not leave one half-open). */
static void capture_rows_count_once(void **state)
{
	struct err e;
	struct initiative in = {.district_id = d1, .title = "Devices", .why = "", .mode = "collaborate"};
	assert_int_equal(initiative_store_add(db, &in, &e), 0);
	struct conversation c = {.district_id = d1, .initiative_id = in.id, .title = "Families", .objective = "",
	                         .managed_by = "district", .partner_name = "", .partner_duties = "", .facilitator = "",
	                         .compensation_kind = "none", .status = "planning"};
	assert_int_equal(conversation_store_add(db, &c, &e), 0);
	int64_t now = time(NULL);
	struct session s = {.district_id = d1, .conversation_id = c.id, .starts_at = now - 7200, .ends_at = now - 3600,
	                    .format = "in_person", .venue_name = "", .venue_address = "", .access_notes = "",
	                    .platform = "", .join_url = "", .language = "en", .interpretation = "", .capacity = 10};
	assert_int_equal(session_store_add(db, &s, &e), 0);
	struct registration reg = {.district_id = d1, .session_id = s.id, .person_key = "e:ana@example.org",
	                           .name = "Ana", .email = "ana@example.org", .phone = "", .language = "es",
	                           .need_interpretation = "", .need_other = "", .status = "confirmed"};
	assert_int_equal(registration_store_add(db, &reg, &e), 0);

	struct attendee a1 = {.district_id = d1, .session_id = s.id, .registration_id = reg.id, .name = "Ana"};
	struct attendee a2 = {.district_id = d1, .session_id = s.id, .name = "Walk In"};
	assert_int_equal(attendee_store_add(db, &ar, &a1, &e), 0);
	assert_string_equal(a1.code, "P1");
	struct attendee again = a1;
	assert_int_equal(attendee_store_add(db, &ar, &again, &e), ERR_CONFLICT);
	assert_string_equal(e.field, "registration_id");
	assert_int_equal(attendee_store_add(db, &ar, &a2, &e), 0);   /* the connection still works */
	assert_string_equal(a2.code, "P2");
	a2.consent_record = true;
	a2.consent_at = now;
	a2.stipend_at = now;
	assert_int_equal(attendee_store_update(db, &a2, &e), 0);
	struct attendee got;
	assert_int_equal(attendee_store_get(db, &ar, d1, s.id, a2.id, &got, &e), 0);
	assert_true(got.consent_record && !got.consent_quote);
	assert_int_equal(got.stipend_at, now);
	assert_int_equal(attendee_store_get(db, &ar, d2, s.id, a2.id, &got, &e), ERR_NOTFOUND);

	struct note n = {.district_id = d1, .session_id = s.id, .client_id = "c-1", .speaker_code = "P1", .kind = "note",
	                 .text = "Internet first.", .words = 2};
	int added = 0;
	assert_int_equal(note_store_add(db, &ar, &n, &added, &e), 0);
	assert_int_equal(added, 1);
	struct note dup = n;
	dup.text = "Something else";
	assert_int_equal(note_store_add(db, &ar, &dup, &added, &e), 0);
	assert_int_equal(added, 0);
	assert_int_equal(dup.id, n.id);
	assert_string_equal(dup.text, "Internet first.");
	struct note *ns;
	size_t nn = 0;
	assert_int_equal(note_store_list(db, &ar, d1, s.id, &ns, &nn, &e), 0);
	assert_int_equal(nn, 1);
	assert_int_equal(note_store_list(db, &ar, d2, s.id, &ns, &nn, &e), 0);
	assert_int_equal(nn, 0);

	struct survey_answer ans[] = {{"language", "Spanish"}};
	struct survey_response r = {.district_id = d1, .session_id = s.id, .registration_id = reg.id, .rating = 5,
	                            .comment = "", .lang = "es", .answers = ans, .nanswers = 1};
	assert_int_equal(survey_store_add(db, &r, &e), 0);
	struct survey_response twice = r;
	assert_int_equal(survey_store_add(db, &twice, &e), ERR_CONFLICT);
	assert_string_equal(e.field, "token");
	struct survey_response anon = {.district_id = d1, .session_id = s.id, .rating = 3, .comment = "ok", .lang = "en"};
	assert_int_equal(survey_store_add(db, &anon, &e), 0);
	assert_int_equal(survey_store_add(db, &anon, &e), 0);   /* anonymous answers may repeat */
	int answered = 0;
	assert_int_equal(survey_store_answered(db, reg.id, &answered, &e), 0);
	assert_true(answered);
	struct survey_response *rs;
	size_t nr = 0;
	assert_int_equal(survey_store_list(db, &ar, d1, 0, in.id, &rs, &nr, &e), 0);
	assert_int_equal(nr, 3);
	size_t with_answers = 0;
	for (size_t i = 0; i < nr; i++)
		if (rs[i].nanswers == 1 && strcmp(rs[i].answers[0].category, "Spanish") == 0)
			with_answers++;
	assert_int_equal(with_answers, 1);
	assert_int_equal(survey_store_list(db, &ar, d2, s.id, 0, &rs, &nr, &e), 0);
	assert_int_equal(nr, 0);

	int64_t fac = add_user(d1, "fac@alpha.example.org", ROLE_FACILITATOR);
	int64_t other = add_user(d2, "fac@beta.example.org", ROLE_FACILITATOR);
	int64_t team[] = {fac, other};
	assert_int_equal(team_store_set(db, d1, c.id, team, 2, &e), 0);
	int member = 0;
	assert_int_equal(team_store_member(db, c.id, fac, &member, &e), 0);
	assert_true(member);
	assert_int_equal(team_store_member(db, c.id, other, &member, &e), 0);
	assert_false(member);   /* another district's account is never added */
	struct upcoming *us;
	size_t nu = 0;
	assert_int_equal(session_store_runnable(db, &ar, d1, fac, now - 86400, &us, &nu, &e), 0);
	assert_int_equal(nu, 1);
	assert_string_equal(us[0].title, "Families");
	assert_int_equal(session_store_runnable(db, &ar, d1, fac, now, &us, &nu, &e), 0);
	assert_int_equal(nu, 0);   /* ended before since */
	assert_int_equal(team_store_set(db, d1, c.id, NULL, 0, &e), 0);
	assert_int_equal(session_store_runnable(db, &ar, d1, fac, now - 86400, &us, &nu, &e), 0);
	assert_int_equal(nu, 0);
	assert_int_equal(session_store_runnable(db, &ar, d1, 0, now - 86400, &us, &nu, &e), 0);
	assert_int_equal(nu, 1);   /* staff see every session */
}

/* Codes: one name per initiative; a merge moves codings (dropping the
 * ones the target has) and children; confirming turns suggestions into a
 * coder's own — on both databases. */
static void codebook_merges_and_confirms(void **state)
{
	struct err e;
	struct initiative in = {.district_id = d1, .title = "Codebook", .why = "", .mode = "cooperate"};
	assert_int_equal(initiative_store_add(db, &in, &e), 0);
	int64_t coder = add_user(d1, "coder@alpha.example.org", ROLE_STAFF);
	struct code a = {.district_id = d1, .initiative_id = in.id, .name = "Internet", .description = "",
	                 .colour = codebook_colours[0]};
	struct code b = a, child = a;
	b.name = "Connectivity";
	assert_int_equal(code_store_add(db, &a, &e), 0);
	assert_int_equal(code_store_add(db, &b, &e), 0);
	struct code dup = a;
	assert_int_equal(code_store_add(db, &dup, &e), ERR_CONFLICT);
	assert_string_equal(e.field, "name");
	child.name = "Hotspots";
	child.parent_id = a.id;
	assert_int_equal(code_store_add(db, &child, &e), 0);
	int added = 0;
	struct coding c1 = {.district_id = d1, .code_id = a.id, .excerpt_kind = "note", .excerpt_id = 7, .start = 0,
	                    .end = 10, .coder_id = 0};
	struct coding c2 = c1, c3 = c1;
	c2.code_id = b.id;          /* the same span in the target: dropped on merge */
	c3.excerpt_id = 8;
	assert_int_equal(coding_store_add(db, &c1, &added, &e), 0);
	assert_int_equal(added, 1);
	assert_int_equal(coding_store_add(db, &c1, &added, &e), 0);
	assert_int_equal(added, 0);
	assert_int_equal(coding_store_add(db, &c2, &added, &e), 0);
	assert_int_equal(coding_store_add(db, &c3, &added, &e), 0);
	assert_int_equal(code_store_merge(db, d1, a.id, b.id, &e), 0);
	struct code *cs;
	size_t n = 0;
	assert_int_equal(code_store_list(db, &ar, d1, in.id, &cs, &n, &e), 0);
	assert_int_equal(n, 2);
	for (size_t i = 0; i < n; i++) {
		if (cs[i].id == b.id)
			assert_int_equal(cs[i].pending, 2);   /* notes 7 and 8, once each */
		else
			assert_int_equal(cs[i].parent_id, b.id);   /* the child moved */
	}
	int64_t changed = 0;
	assert_int_equal(coding_store_confirm(db, d1, b.id, coder, &changed, &e), 0);
	assert_int_equal(changed, 2);
	struct coding *gs;
	size_t ng = 0;
	assert_int_equal(coding_store_list(db, &ar, d1, in.id, &gs, &ng, &e), 0);
	assert_int_equal(ng, 2);
	for (size_t i = 0; i < ng; i++)
		assert_int_equal(gs[i].coder_id, coder);
	assert_int_equal(coding_store_list(db, &ar, d2, in.id, &gs, &ng, &e), 0);
	assert_int_equal(ng, 0);
}

/* Recaps, the search index and questions, through the share service, on
 * both backends: the index finds prefixes and accents, never another
 * district's text or a draft, and survives the visitor's punctuation. */
static void share_posts_questions_and_search(void **state)
{
	struct err e;
	err_clear(&e);
	int64_t now = time(NULL);
	struct post p = {.district_id = d1, .slug = "", .status = "published"};
	struct post_text t[2] = {
		{.lang = "en", .title = "What families said about hotspots", .summary = "",
		 .body = "Families asked for **hotspots** and help at the library."},
		{.lang = "es", .title = "Lo que dijeron las familias", .summary = "",
		 .body = "Las familias pidieron educación digital y puntos de acceso."},
	};
	assert_int_equal(share_post_save(db, &ar, &p, t, 2, &e), 0);
	assert_string_equal(p.slug, "what-families-said-about-hotspots");
	assert_true(p.publish_at > 0 && p.publish_at <= now + 1);
	/* The same address again is a conflict, and nothing of it is kept. */
	struct post dup = {.district_id = d1, .slug = p.slug, .status = "draft"};
	struct post_text dt = {.lang = "en", .title = "Another", .summary = "", .body = "Text"};
	assert_int_equal(share_post_save(db, &ar, &dup, &dt, 1, &e), ERR_CONFLICT);
	assert_string_equal(e.field, "slug");
	struct post *ps;
	size_t n = 0;
	assert_int_equal(post_store_list(db, &ar, d1, 0, 0, &ps, &n, &e), 0);
	assert_int_equal(n, 1);
	/* A draft in the other district with the same words. */
	struct post other = {.district_id = d2, .slug = "x", .status = "published"};
	struct post_text ot = {.lang = "en", .title = "Hotspots elsewhere", .summary = "", .body = "hotspots"};
	assert_int_equal(share_post_save(db, &ar, &other, &ot, 1, &e), 0);
	struct post draft = {.district_id = d1, .slug = "draft", .status = "draft"};
	struct post_text drt = {.lang = "en", .title = "Secret hotspots plan", .summary = "", .body = "hotspots"};
	assert_int_equal(share_post_save(db, &ar, &draft, &drt, 1, &e), 0);
	struct search_hit *h;
	size_t nh = 0;
	assert_int_equal(share_search(db, &ar, d1, "hotspot", now + 5, &h, &nh, &e), 0);
	assert_int_equal(nh, 1);
	assert_int_equal(h[0].ref_id, p.id);
	assert_string_equal(h[0].lang, "en");
	assert_non_null(strchr(h[0].snippet, '\x01'));   /* the match is marked */
	assert_null(strstr(h[0].snippet, "**"));         /* the index holds words, not markup */
	assert_int_equal(share_search(db, &ar, d1, "\"hot* NEAR( -x : ' OR", now + 5, &h, &nh, &e), 0);
	assert_int_equal(share_search(db, &ar, d1, "digital", now + 5, &h, &nh, &e), 0);
	assert_int_equal(nh, 1);
	assert_string_equal(h[0].lang, "es");
	/* Scheduled for tomorrow: indexed, not found until then. */
	struct post later = {.district_id = d1, .slug = "later", .status = "scheduled", .publish_at = now + 86400};
	struct post_text lt = {.lang = "en", .title = "Tomorrow", .summary = "", .body = "bicycles"};
	assert_int_equal(share_post_save(db, &ar, &later, &lt, 1, &e), 0);
	assert_int_equal(share_search(db, &ar, d1, "bicycles", now, &h, &nh, &e), 0);
	assert_int_equal(nh, 0);
	assert_int_equal(share_search(db, &ar, d1, "bicycles", now + 2 * 86400, &h, &nh, &e), 0);
	assert_int_equal(nh, 1);
	/* Removing the Spanish text removes it from the index. */
	t[1].title = "";
	t[1].body = "";
	assert_int_equal(share_post_save(db, &ar, &p, t, 2, &e), 0);
	assert_int_equal(share_search(db, &ar, d1, "digital", now + 5, &h, &nh, &e), 0);
	assert_int_equal(nh, 0);

	/* Questions: new ones are not searchable; answered ones are. */
	struct question q = {.district_id = d1, .lang = "en", .body = "Will the buses run on snow days?",
	                     .email = "Pat@Example.org"};
	assert_int_equal(share_question_ask(db, &ar, &q, &e), 0);
	assert_string_equal(q.email, "pat@example.org");
	struct question dq = {.district_id = d1, .lang = "en", .body = "Do buses run when it snows?", .email = ""};
	assert_int_equal(share_question_ask(db, &ar, &dq, &e), 0);
	assert_int_equal(share_question_moderate(db, &ar, d1, dq.id, "merge", "", dq.id, 1, &e), ERR_INVALID);
	assert_int_equal(share_question_moderate(db, &ar, d1, dq.id, "hide", "", 0, 0, &e), ERR_INVALID);
	assert_string_equal(e.field, "hidden_reason");
	assert_int_equal(share_question_moderate(db, &ar, d1, dq.id, "merge", "", q.id, 0, &e), 0);
	assert_int_equal(question_store_answer(db, d1, q.id, "Yes, on a later schedule.", 0, now + 7200, &e), 0);
	struct question_figures f;
	assert_int_equal(question_store_figures(db, &ar, d1, &f, &e), 0);
	assert_int_equal(f.asked, 2);
	assert_int_equal(f.answered, 2);   /* the duplicate is answered with its question */
	assert_true(f.median_seconds >= 7000 && f.median_seconds <= 7300);
	struct question *qs;
	size_t nq = 0;
	assert_int_equal(question_store_list(db, &ar, d1, Q_ANSWERED, 0, &qs, &nq, &e), 0);
	assert_int_equal(nq, 1);
	assert_int_equal(question_store_list(db, &ar, d2, Q_ALL, 0, &qs, &nq, &e), 0);
	assert_int_equal(nq, 0);
}

static void rollback_leaves_nothing(void **state)
{
	struct err e;
	int64_t before = 0, after = 0;
	assert_int_equal(initiative_store_count(db, d2, &before, &e), 0);
	assert_int_equal(db_begin(db, &e), 0);
	struct initiative in = {.district_id = d2, .title = "Half", .why = "", .mode = "cooperate"};
	assert_int_equal(initiative_store_add(db, &in, &e), 0);
	db_rollback(db);
	assert_int_equal(initiative_store_count(db, d2, &after, &e), 0);
	assert_int_equal(before, after);
}

static void nested_transactions_are_savepoints(void **state)
{
	struct err e;
	int64_t before = 0, after = 0;
	assert_int_equal(initiative_store_count(db, d2, &before, &e), 0);
	assert_int_equal(db_begin(db, &e), 0);
	struct initiative kept = {.district_id = d2, .title = "Kept", .why = "", .mode = "cooperate"};
	assert_int_equal(initiative_store_add(db, &kept, &e), 0);
	assert_int_equal(db_begin(db, &e), 0); /* a savepoint */
	struct initiative undone = {.district_id = d2, .title = "Undone", .why = "", .mode = "cooperate"};
	assert_int_equal(initiative_store_add(db, &undone, &e), 0);
	db_rollback(db); /* only the inner work */
	assert_int_equal(db_begin(db, &e), 0);
	struct initiative inner = {.district_id = d2, .title = "Inner", .why = "", .mode = "cooperate"};
	assert_int_equal(initiative_store_add(db, &inner, &e), 0);
	assert_int_equal(db_commit(db, &e), 0); /* releases the savepoint */
	assert_int_equal(db_commit(db, &e), 0); /* commits all */
	assert_int_equal(initiative_store_count(db, d2, &after, &e), 0);
	assert_int_equal(after, before + 2);
	/* By title: SQLite may give the undone row's id to the next one. */
	struct initiative *list;
	size_t n;
	int seen_inner = 0, seen_undone = 0;
	assert_int_equal(initiative_store_list(db, &ar, d2, &list, &n, &e), 0);
	for (size_t i = 0; i < n; i++) {
		seen_inner += strcmp(list[i].title, "Inner") == 0;
		seen_undone += strcmp(list[i].title, "Undone") == 0;
	}
	assert_int_equal(seen_inner, 1);
	assert_int_equal(seen_undone, 0);
}

/* Makes every commit on db fail (on) or work again (off), to show that a
 * service whose commit fails leaves no transaction open: on SQLite a
 * commit hook refuses it; on PostgreSQL a deferred constraint trigger on
 * table (one the service writes) raises at COMMIT. */
static int refuse_commit(void *arg)
{
	(void)arg;
	return 1;
}

static void commits_fail(const char *table, bool on)
{
	struct err e;
	char sql[512];
	if (db_kind(db) == DB_SQLITE) {
		sqlite3_commit_hook(db->conn, on ? refuse_commit : NULL, NULL);
		return;
	}
	if (on)
		snprintf(sql, sizeof(sql),
		         "CREATE OR REPLACE FUNCTION refuse_commit() RETURNS trigger LANGUAGE plpgsql AS"
		         " $$BEGIN RAISE EXCEPTION 'refused at commit'; END$$;"
		         "CREATE CONSTRAINT TRIGGER refuse_commit AFTER INSERT OR UPDATE OR DELETE ON %s"
		         " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_commit();",
		         table);
	else
		snprintf(sql, sizeof(sql), "DROP TRIGGER refuse_commit ON %s;", table);
	assert_int_equal(db_exec_script(db, sql, &e), 0);
}

static int64_t count_rows(const char *sql, int64_t id)
{
	struct err e;
	int64_t n = -1;
	assert_int_equal(db_run_int(db, sql, &e, &n, DB_ARGS(db_int(id))), 0);
	return n;
}

/* A district, a conversation and a session tomorrow with capacity seats. */
struct place {
	struct district d;
	struct conversation c;
	struct session s;
};

static struct place add_place(int64_t district, int capacity)
{
	struct err e;
	struct place pl, *p = &pl;
	assert_int_equal(district_store_by_id(db, &ar, district, &p->d, &e), 0);
	struct initiative in = {.district_id = district, .title = "Seats", .why = "", .mode = "cooperate"};
	assert_int_equal(initiative_store_add(db, &in, &e), 0);
	p->c = (struct conversation){.district_id = district, .initiative_id = in.id, .title = "Evening", .objective = "",
	                             .managed_by = "district", .partner_name = "", .partner_duties = "",
	                             .facilitator = "", .compensation_kind = "none", .status = "planning"};
	assert_int_equal(conversation_store_add(db, &p->c, &e), 0);
	int64_t now = time(NULL);
	p->s = (struct session){.district_id = district, .conversation_id = p->c.id, .starts_at = now + 86400,
	                        .ends_at = now + 90000, .format = "in_person", .venue_name = "", .venue_address = "",
	                        .access_notes = "", .platform = "", .join_url = "", .language = "en",
	                        .interpretation = "", .capacity = capacity, .registration_open = true};
	assert_int_equal(session_store_add(db, &p->s, &e), 0);
	return pl;
}

/* Messages in English: the catalogs are not needed to queue them. */
static struct outbox_ctx outbox_for(void)
{
	return (struct outbox_ctx){.db = db, .a = &ar, .i18n = cat, .base_url = "http://127.0.0.1:8080",
	                           .from_addr = "hello@example.org", .now = time(NULL)};
}

static int join(struct outbox_ctx *x, struct place *p, const char *name, const char *email, struct registration *reg,
                struct err *e)
{
	*reg = (struct registration){.district_id = p->d.id, .session_id = p->s.id, .name = name, .email = email,
	                             .phone = "", .language = "en", .need_interpretation = "", .need_other = ""};
	return register_join(x, reg, "", &p->s, &p->c, &p->d, e);
}

static const char *status_of(int64_t id)
{
	struct registration r;
	struct err e;
	assert_int_equal(registration_store_get(db, &ar, d1, id, &r, &e), 0);
	return r.status;
}

static const char *const sql_confirmations =
	"SELECT count(*) FROM messages WHERE registration_id = ? AND kind = 'confirmation'";

/* One seat, three people waiting: a waitlisted person who cancels frees
 * nothing; when the seat's holder cancels, the first who joined the
 * waitlist gets it and a confirmation.  Registering twice is refused; a
 * cancelled person comes back on the same registration. */
static void register_promotes_the_first_waiting(void **state)
{
	struct err e;
	err_clear(&e);
	struct outbox_ctx x = outbox_for();
	struct place p = add_place(d1, 1);
	struct registration ann, ben, cal, dee, again;
	assert_int_equal(join(&x, &p, "Ann", "ann@example.org", &ann, &e), 0);
	assert_string_equal(ann.status, "confirmed");
	assert_int_equal(join(&x, &p, "Ben", "ben@example.org", &ben, &e), 0);
	assert_int_equal(join(&x, &p, "Cal", "cal@example.org", &cal, &e), 0);
	assert_int_equal(join(&x, &p, "Dee", "dee@example.org", &dee, &e), 0);
	assert_string_equal(ben.status, "waitlisted");
	assert_string_equal(dee.status, "waitlisted");
	assert_int_equal(join(&x, &p, "Ann", "ANN@example.org", &again, &e), ERR_CONFLICT);
	assert_string_equal(e.field, "email");
	assert_int_equal(db_depth(db), 0);

	int64_t promoted = -1;
	assert_int_equal(register_cancel(&x, &cal, &p.s, &p.c, &p.d, &promoted, &e), 0);
	assert_int_equal(promoted, 0);   /* Cal held no seat */
	assert_string_equal(cal.status, "cancelled");
	assert_string_equal(status_of(ann.id), "confirmed");
	assert_string_equal(status_of(ben.id), "waitlisted");
	assert_int_equal(count_rows(sql_confirmations, ben.id), 0);

	assert_int_equal(register_cancel(&x, &ann, &p.s, &p.c, &p.d, &promoted, &e), 0);
	assert_int_equal(promoted, ben.id);
	assert_string_equal(status_of(ann.id), "cancelled");
	assert_string_equal(status_of(ben.id), "confirmed");
	assert_string_equal(status_of(dee.id), "waitlisted");
	assert_int_equal(count_rows(sql_confirmations, ben.id), 1);
	/* Cancelling again changes nothing. */
	assert_int_equal(register_cancel(&x, &ann, &p.s, &p.c, &p.d, &promoted, &e), 0);
	assert_int_equal(promoted, 0);
	assert_string_equal(status_of(dee.id), "waitlisted");

	/* Ann comes back, on her registration, behind those waiting. */
	assert_int_equal(join(&x, &p, "Ann", "ann@example.org", &again, &e), 0);
	assert_int_equal(again.id, ann.id);
	assert_string_equal(again.status, "waitlisted");
	/* Cal rejoins from the private link. */
	assert_int_equal(register_rejoin(&x, &cal, &p.s, &p.c, &p.d, &e), 0);
	assert_string_equal(status_of(cal.id), "waitlisted");

	/* A change to an address someone else has is refused, and kept out. */
	struct registration upd = dee;
	upd.email = "ben@example.org";
	assert_int_equal(register_change(db, &ar, &p.d, &dee, &upd, &e), ERR_CONFLICT);
	assert_string_equal(e.field, "email");
	struct registration got;
	assert_int_equal(registration_store_get(db, &ar, d1, dee.id, &got, &e), 0);
	assert_string_equal(got.email, "dee@example.org");
	assert_int_equal(db_depth(db), 0);

	/* A commit that fails leaves the seat where it was and nothing open. */
	assert_int_equal(registration_store_get(db, &ar, d1, ben.id, &ben, &e), 0);
	commits_fail("registrations", true);
	assert_true(register_cancel(&x, &ben, &p.s, &p.c, &p.d, &promoted, &e) < 0);
	commits_fail("registrations", false);
	assert_int_equal(promoted, 0);
	assert_int_equal(db_depth(db), 0);
	assert_string_equal(ben.status, "confirmed");
	assert_string_equal(status_of(ben.id), "confirmed");
	assert_string_equal(status_of(dee.id), "waitlisted");
}

/* A session and a registration of one district are not found, nor
 * changed, by id from another. */
static void sessions_and_registrations_are_scoped(void **state)
{
	struct err e;
	err_clear(&e);
	struct outbox_ctx x = outbox_for();
	struct place p = add_place(d1, 2);
	struct registration reg, got;
	assert_int_equal(join(&x, &p, "Eve", "eve@example.org", &reg, &e), 0);
	struct session s;
	assert_int_equal(session_store_get(db, &ar, d1, p.s.id, &s, &e), 0);
	assert_int_equal(session_store_get(db, &ar, d2, p.s.id, &s, &e), ERR_NOTFOUND);
	assert_int_equal(registration_store_get(db, &ar, d1, reg.id, &got, &e), 0);
	assert_int_equal(registration_store_get(db, &ar, d2, reg.id, &got, &e), ERR_NOTFOUND);
	got.district_id = d2;
	got.status = "cancelled";
	assert_int_equal(registration_store_update(db, &got, &e), ERR_NOTFOUND);
	assert_string_equal(status_of(reg.id), "confirmed");
}

static const char *const sql_codes = "SELECT count(*) FROM codes WHERE initiative_id = ?";
static const char *const sql_codings_of = "SELECT count(*) FROM codings WHERE code_id = ?";

/* Merge and split are all or nothing: a refused excerpt, a taken name, a
 * target of another initiative and a commit that fails each leave the
 * codebook as it was and no transaction open. */
static void codebook_merge_and_split_roll_back(void **state)
{
	struct err e;
	err_clear(&e);
	struct initiative in = {.district_id = d1, .title = "Split", .why = "", .mode = "cooperate"};
	struct initiative other = in;
	assert_int_equal(initiative_store_add(db, &in, &e), 0);
	assert_int_equal(initiative_store_add(db, &other, &e), 0);
	struct code a = {.district_id = d1, .initiative_id = in.id, .name = "Buses", .description = "",
	                 .colour = codebook_colours[0]};
	struct code b = a, elsewhere = a;
	b.name = "Routes";
	elsewhere.initiative_id = other.id;
	assert_int_equal(code_store_add(db, &a, &e), 0);
	assert_int_equal(code_store_add(db, &b, &e), 0);
	assert_int_equal(code_store_add(db, &elsewhere, &e), 0);
	int added;
	for (int64_t x = 1; x <= 3; x++) {
		struct coding c = {.district_id = d1, .code_id = a.id, .excerpt_kind = "note", .excerpt_id = 100 + x,
		                   .start = 0, .end = 5};
		assert_int_equal(coding_store_add(db, &c, &added, &e), 0);
	}
	struct code nc;
	const char *bad[] = {"note:101", "note-102"};
	assert_int_equal(understand_code_split(db, &a, "Late buses", 0, bad, 2, &nc, &e), ERR_INVALID);
	assert_string_equal(e.field, "excerpt");
	const char *kind[] = {"note:101", "email:102"};
	assert_int_equal(understand_code_split(db, &a, "Late buses", 0, kind, 2, &nc, &e), ERR_INVALID);
	const char *good[] = {"note:101", "note:102"};
	assert_int_equal(understand_code_split(db, &a, "Routes", 0, good, 2, &nc, &e), ERR_CONFLICT);
	assert_int_equal(understand_code_split(db, &a, "Late buses", 0, good, 0, &nc, &e), ERR_INVALID);
	assert_int_equal(db_depth(db), 0);
	assert_int_equal(count_rows(sql_codes, in.id), 2);
	assert_int_equal(count_rows(sql_codings_of, a.id), 3);

	struct code t;
	assert_int_equal(understand_code_merge(db, &ar, &a, elsewhere.id, &t, &e), ERR_INVALID);
	assert_string_equal(e.field, "into");
	assert_int_equal(understand_code_merge(db, &ar, &a, a.id, &t, &e), ERR_INVALID);
	assert_int_equal(db_depth(db), 0);

	/* The commit fails: nothing is kept, and the connection is usable. */
	commits_fail("codes", true);
	assert_true(understand_code_split(db, &a, "Late buses", 0, good, 2, &nc, &e) < 0);
	assert_int_equal(db_depth(db), 0);
	assert_true(understand_code_merge(db, &ar, &a, b.id, &t, &e) < 0);
	assert_int_equal(db_depth(db), 0);
	commits_fail("codes", false);
	assert_int_equal(count_rows(sql_codes, in.id), 2);
	assert_int_equal(count_rows(sql_codings_of, a.id), 3);
	assert_int_equal(count_rows(sql_codings_of, b.id), 0);

	assert_int_equal(understand_code_split(db, &a, "Late buses", 0, good, 2, &nc, &e), 0);
	assert_int_equal(nc.parent_id, a.parent_id);
	assert_int_equal(count_rows(sql_codings_of, nc.id), 2);
	assert_int_equal(count_rows(sql_codings_of, a.id), 1);
	assert_int_equal(understand_code_merge(db, &ar, &nc, b.id, &t, &e), 0);
	assert_int_equal(t.id, b.id);
	assert_int_equal(count_rows(sql_codings_of, b.id), 2);
	assert_int_equal(count_rows(sql_codes, in.id), 2);
}

static const char *const sql_images = "SELECT count(*) FROM images WHERE district_id = ?";

/* A recap's cover image is stored and attached together, or not at all. */
static void share_post_image_is_one_transaction(void **state)
{
	struct err e;
	err_clear(&e);
	struct post p = {.district_id = d2, .slug = "", .status = "draft"};
	struct post_text t = {.lang = "en", .title = "Cover", .summary = "", .body = "Text"};
	assert_int_equal(share_post_save(db, &ar, &p, &t, 1, &e), 0);
	uint8_t png[33];
	memcpy(png, "\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x03\0\0\0\x02\x08\x02\0\0\0", 29);
	uint32_t crc = zip_crc32(png + 12, 17);
	for (int i = 0; i < 4; i++)
		png[29 + i] = (uint8_t)(crc >> (24 - 8 * i));
	int64_t before = count_rows(sql_images, d2);
	assert_int_equal(share_post_image(db, &p, 0, "not an image", 12, "A bus", &e), ERR_INVALID);
	assert_int_equal(share_post_image(db, &p, 0, png, sizeof(png), "", &e), ERR_INVALID);
	assert_string_equal(e.field, "alt");
	commits_fail("images", true);
	assert_true(share_post_image(db, &p, 0, png, sizeof(png), "A bus", &e) < 0);
	commits_fail("images", false);
	assert_int_equal(db_depth(db), 0);
	assert_int_equal(p.image_id, 0);
	assert_int_equal(count_rows(sql_images, d2), before);
	assert_int_equal(share_post_image(db, &p, 0, png, sizeof(png), "A bus", &e), 0);
	assert_true(p.image_id > 0);
	struct post got;
	assert_int_equal(post_store_get(db, &ar, d2, p.id, &got, &e), 0);
	assert_int_equal(got.image_id, p.image_id);
	assert_int_equal(count_rows(sql_images, d2), before + 1);
}

static const char *const sql_invitations = "SELECT count(*) FROM invitations WHERE session_id = ?";

/* Invitations to a session are all made, with their messages, or none. */
static void contacts_invite_is_one_transaction(void **state)
{
	struct err e;
	err_clear(&e);
	struct outbox_ctx x = outbox_for();
	struct place p = add_place(d2, 5);
	static const char csv[] = "name,email\nEve,eve@example.org\nFay,fay@example.org\n";
	struct import_report rep;
	assert_int_equal(contacts_import(db, &ar, &p.d, csv, sizeof(csv) - 1, &rep, &e), 0);
	assert_int_equal(rep.added, 2);
	int invited = -1;
	commits_fail("invitations", true);
	assert_true(contacts_invite(&x, &p.s, &p.c, &p.d, 0, &invited, &e) < 0);
	commits_fail("invitations", false);
	assert_int_equal(invited, 0);
	assert_int_equal(db_depth(db), 0);
	assert_int_equal(count_rows(sql_invitations, p.s.id), 0);
	assert_int_equal(contacts_invite(&x, &p.s, &p.c, &p.d, 0, &invited, &e), 0);
	assert_int_equal(invited, 2);
	assert_int_equal(contacts_invite(&x, &p.s, &p.c, &p.d, 0, &invited, &e), 0);
	assert_int_equal(invited, 0);   /* each contact once */
	assert_int_equal(count_rows(sql_invitations, p.s.id), 2);
}

/* The hub's reads end their transaction, found or not. */
static void share_hub_loads_in_one_read(void **state)
{
	struct err e;
	struct share_hub h;
	assert_int_equal(share_hub_load(db, &ar, "alpha", time(NULL), "en", &h, &e), 0);
	assert_int_equal(h.d.id, d1);
	assert_true(h.ninitiatives > 0);
	assert_true(h.nupcoming > 0);
	assert_int_equal(db_depth(db), 0);
	assert_int_equal(share_hub_load(db, &ar, "nowhere", time(NULL), "en", &h, &e), ERR_NOTFOUND);
	assert_int_equal(db_depth(db), 0);
}

/* A connection given back with a transaction open comes out clean. */
static void pool_rolls_back_what_was_left_open(void **state)
{
	struct err e;
	struct db_pool *pool;
	assert_int_equal(db_pool_open(url, 1, &pool, &e), 0);
	struct db *c = db_pool_get(pool);
	assert_int_equal(db_begin(c, &e), 0);
	assert_int_equal(db_begin(c, &e), 0);
	db_pool_put(pool, c);
	assert_int_equal(db_depth(c), 0);
	c = db_pool_get(pool);
	assert_int_equal(db_begin(c, &e), 0);
	assert_int_equal(db_depth(c), 1);   /* a real transaction, not a savepoint */
	db_rollback(c);
	db_pool_put(pool, c);
	db_pool_close(pool);
}

static void audit_newest_first(void **state)
{
	struct err e;
	struct audit_entry a = {.district_id = d2, .actor = "x", .action = "first", .at = 100};
	struct audit_entry b = {.district_id = d2, .actor = "x", .action = "second", .at = 200};
	struct audit_entry c = {.district_id = d1, .actor = "x", .action = "elsewhere", .at = 300};
	assert_int_equal(audit_store_add(db, &a, &e), 0);
	assert_int_equal(audit_store_add(db, &b, &e), 0);
	assert_int_equal(audit_store_add(db, &c, &e), 0);
	struct audit_entry *list;
	size_t n;
	assert_int_equal(audit_store_recent(db, &ar, d2, 10, &list, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].action, "second");
	assert_string_equal(list[1].action, "first");
}

static void wrong_parameter_count_is_an_error(void **state)
{
	static const char *const sql = "SELECT id FROM districts WHERE slug = ? AND name = ?";
	struct err e;
	int64_t id;
	/* One parameter bound of two: SQLite refuses before running, PostgreSQL
	 * refuses the execution. */
	assert_true(db_run_int(db, sql, &e, &id, DB_ARGS(db_text("alpha"))) < 0);
}

static const char *const sql_reviews = "SELECT count(*) FROM redaction_reviews WHERE district_id = ?";

/* Words kept, the public summary's approval, codings moved with their
 * words, an excerpt redacted further, and a review that keeps nothing
 * when its commit fails. */
static void review_rows_and_their_transaction(void **state)
{
	struct err e;
	err_clear(&e);
	struct initiative in = {.district_id = d1, .title = "Review", .why = "", .mode = "cooperate"};
	assert_int_equal(initiative_store_add(db, &in, &e), 0);
	struct summary s = {.district_id = d1, .initiative_id = in.id, .audience = "public",
	                    .markdown = "Staff and tonio okafor ran it."};
	assert_int_equal(summary_store_save(db, &s, &e), 0);
	assert_true(s.id > 0);

	/* Kept words: one row per object and word, replaced when kept again. */
	struct redaction_review rv = {.district_id = d1, .subject = "summary", .subject_id = s.id, .word_fold = "hope",
	                              .occurrences = 1};
	assert_int_equal(redaction_review_store_keep(db, &rv, &e), 0);
	rv.occurrences = 3;
	assert_int_equal(redaction_review_store_keep(db, &rv, &e), 0);
	struct redaction_review *rs;
	size_t n = 0;
	assert_int_equal(redaction_review_store_list(db, &ar, d1, "summary", s.id, &rs, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(rs[0].occurrences, 3);
	assert_true(rs[0].reviewed_at > 0);
	assert_int_equal(redaction_review_store_list(db, &ar, d2, "summary", s.id, &rs, &n, &e), 0);
	assert_int_equal(n, 0);
	assert_int_equal(redaction_review_store_list(db, &ar, d1, "quote", s.id, &rs, &n, &e), 0);
	assert_int_equal(n, 0);

	/* Approval: kept by a redaction, cleared by staff saving again. */
	struct summary got;
	assert_int_equal(summary_store_approve(db, d2, s.id, 0, 100, &e), ERR_NOTFOUND);
	assert_int_equal(summary_store_approve(db, d1, s.id, 0, 100, &e), 0);
	assert_int_equal(summary_store_redact(db, d1, s.id, "[NAME] and tonio okafor ran it.", 0, &e), 0);
	assert_int_equal(summary_store_get(db, &ar, d1, in.id, "public", &got, &e), 0);
	assert_int_equal(got.approved_at, 100);
	assert_string_equal(got.markdown, "[NAME] and tonio okafor ran it.");
	assert_int_equal(summary_store_redact(db, d2, s.id, "x", 0, &e), ERR_NOTFOUND);
	got.markdown = "Staff and tonio okafor ran it.";
	assert_int_equal(summary_store_save(db, &got, &e), 0);
	assert_int_equal(got.id, s.id);
	assert_int_equal(summary_store_get(db, &ar, d1, in.id, "public", &got, &e), 0);
	assert_int_equal(got.approved_at, 0);

	/* Codings moved so that one passes where another still is. */
	struct code c = {.district_id = d1, .initiative_id = in.id, .name = "Moves", .description = "",
	                 .colour = codebook_colours[0]};
	assert_int_equal(code_store_add(db, &c, &e), 0);
	struct coding a = {.district_id = d1, .code_id = c.id, .excerpt_kind = "note", .excerpt_id = 777, .start = 0,
	                   .end = 4};
	struct coding b = a;
	b.start = 5;
	b.end = 9;
	int added;
	assert_int_equal(coding_store_add(db, &a, &added, &e), 0);
	assert_int_equal(coding_store_add(db, &b, &added, &e), 0);
	a.start = 5, a.end = 9, b.start = 10, b.end = 14;
	struct coding both[] = {a, b};
	assert_int_equal(coding_store_respan(db, d1, both, 2, &e), 0);
	struct coding *cs;
	assert_int_equal(coding_store_of_excerpt(db, &ar, d1, "note", 777, &cs, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(cs[0].start, 5);
	assert_int_equal(cs[1].end, 14);
	assert_int_equal(coding_store_of_excerpt(db, &ar, d2, "note", 777, &cs, &n, &e), 0);
	assert_int_equal(n, 0);
	assert_int_equal(db_depth(db), 0);

	/* The summary's review: the commit fails, nothing is kept. */
	struct district d;
	assert_int_equal(district_store_by_id(db, &ar, d1, &d, &e), 0);
	struct review_result res;
	size_t bad = 0;
	commits_fail("summaries", true);
	assert_true(review_apply_summary(db, &ar, &d, in.id, NULL, 0, "tonio okafor", 0, &res, &bad, &e) < 0);
	assert_int_equal(db_depth(db), 0);
	commits_fail("summaries", false);
	assert_int_equal(summary_store_get(db, &ar, d1, in.id, "public", &got, &e), 0);
	assert_string_equal(got.markdown, "Staff and tonio okafor ran it.");
	assert_int_equal(review_apply_summary(db, &ar, &d, in.id, NULL, 0, "tonio okafo", 0, &res, &bad, &e), ERR_INVALID);
	assert_string_equal(e.field, "also");
	assert_int_equal(review_apply_summary(db, &ar, &d, in.id, NULL, 0, "tonio okafor", 0, &res, &bad, &e), 0);
	assert_int_equal(res.replaced, 1);
	assert_int_equal(summary_store_get(db, &ar, d1, in.id, "public", &got, &e), 0);
	assert_string_equal(got.markdown, "Staff and [NAME] ran it.");
	/* A name redaction recognises now: copied from the stored text, it goes
	 * with the review (the surname, as redaction reads it). */
	got.markdown = "Staff thanked Ms. Vance.";
	assert_int_equal(summary_store_save(db, &got, &e), 0);
	assert_int_equal(review_apply_summary(db, &ar, &d, in.id, NULL, 0, "Ms. Vance", 0, &res, &bad, &e), 0);
	assert_int_equal(res.replaced, 1);
	assert_int_equal(summary_store_get(db, &ar, d1, in.id, "public", &got, &e), 0);
	assert_string_equal(got.markdown, "Staff thanked Ms. [NAME].");
	struct district other;
	assert_int_equal(district_store_by_id(db, &ar, d2, &other, &e), 0);
	assert_int_equal(review_apply_summary(db, &ar, &other, in.id, NULL, 0, "Staff", 0, &res, &bad, &e), ERR_INVALID);
	assert_string_equal(e.field, "text");
	assert_int_equal(count_rows(sql_reviews, d2), 0);
	assert_int_equal(db_depth(db), 0);
}

int main(void)
{
	url = getenv("COMMONGROUND_TEST_DB");
	if (!url || !*url)
		url = "sqlite:build/test_store.db";
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(migrations_are_recorded_once),
		cmocka_unit_test(district_roundtrip_and_conflict),
		cmocka_unit_test(users_are_scoped_to_their_district),
		cmocka_unit_test(foreign_keys_are_enforced),
		cmocka_unit_test(sessions_expire_and_end),
		cmocka_unit_test(disabling_ends_sessions_and_tokens),
		cmocka_unit_test(tokens_revoke),
		cmocka_unit_test(failures_count_within_window),
		cmocka_unit_test(initiatives_are_scoped),
		cmocka_unit_test(capture_rows_count_once),
		cmocka_unit_test(codebook_merges_and_confirms),
		cmocka_unit_test(share_posts_questions_and_search),
		cmocka_unit_test(rollback_leaves_nothing),
		cmocka_unit_test(nested_transactions_are_savepoints),
		cmocka_unit_test(register_promotes_the_first_waiting),
		cmocka_unit_test(sessions_and_registrations_are_scoped),
		cmocka_unit_test(codebook_merge_and_split_roll_back),
		cmocka_unit_test(share_post_image_is_one_transaction),
		cmocka_unit_test(contacts_invite_is_one_transaction),
		cmocka_unit_test(share_hub_loads_in_one_read),
		cmocka_unit_test(pool_rolls_back_what_was_left_open),
		cmocka_unit_test(audit_newest_first),
		cmocka_unit_test(wrong_parameter_count_is_an_error),
		cmocka_unit_test(review_rows_and_their_transaction),
	};
	return cmocka_run_group_tests_name(url[0] == 's' ? "store (sqlite)" : "store (postgresql)", tests, setup, teardown);
}
