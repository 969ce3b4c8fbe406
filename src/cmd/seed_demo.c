/* The demonstration district, in one place: each area of the product adds
 * its records here so that `make run` shows it populated. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/arena.h"
#include "core/buf.h"
#include "domain/account.h"
#include "store/audit_store.h"
#include "store/district_store.h"
#include "store/initiative_store.h"
#include "store/user_store.h"
#include "core/i18n.h"
#include "domain/clock.h"
#include "domain/district.h"
#include "domain/doubt.h"
#include "service/capture.h"
#include "service/contacts.h"
#include "service/register.h"
#include "service/report.h"
#include "service/understand.h"
#include "service/share.h"
#include "store/attendee_store.h"
#include "store/baseline_store.h"
#include "store/code_store.h"
#include "store/coding_store.h"
#include "store/conversation_store.h"
#include "store/group_store.h"
#include "store/protocol_store.h"
#include "store/quote_store.h"
#include "store/redaction_review_store.h"
#include "store/registration_store.h"
#include "store/session_store.h"
#include "store/sponsor_store.h"
#include "store/summary_store.h"
#include "store/team_store.h"
#include "store/theme_store.h"
#include <time.h>

static const struct district demo_district = {
	.slug = "riverside",
	.name = "Riverside Unified School District",
	.timezone = "America/Chicago",
	.languages = "en,es,vi",
};

#define ADMIN_EMAIL "admin@riverside.example.org"

/* The story loads into the demonstration district, or (--district) into
 * another one.  There every name, address and text carries the first word
 * of the district's name and every e-mail address its slug, so that two
 * districts loaded with the same story can be told apart — the tenancy
 * sweep (docs/internals/testing.md) relies on it.  Set once by
 * cmd_seed_demo before anything is written. */
static struct {
	struct arena *a;
	const char *word, *slug;   /* word NULL: the demonstration district */
} mark;

/* s with "Riverside" and "riverside" replaced by the district's word and
 * slug, and the slug in front when neither is in it yet.  NULL and "" stay. */
static const char *T(const char *s)
{
	if (!mark.word || !s || !*s)
		return s;
	struct buf b;
	buf_init(&b, 1 << 20);
	for (const char *p = s; *p;) {
		if (strncmp(p, "Riverside", 9) == 0 || strncmp(p, "riverside", 9) == 0) {
			buf_adds(&b, *p == 'R' ? mark.word : mark.slug);
			p += 9;
		} else {
			buf_addc(&b, *p++);
		}
	}
	/* In front, the slug in lower case: a capitalised word no list knows
	 * opening a note would be taken for a person's name and redacted. */
	const char *out = strstr(b.p, mark.word) || strstr(b.p, mark.slug) ? arena_strdup(mark.a, b.p)
	                                                                 : arena_printf(mark.a, "%s %s", mark.slug, b.p);
	buf_release(&b);
	return out;
}

/* A person's name with a family name of the district's ("Rosa Martínez
 * Birchmoorson"): a name part other than the word itself, so that the
 * redaction of the people present in notes and transcripts keeps the word
 * in their texts. */
static const char *N(const char *s)
{
	return mark.word && s && *s ? arena_printf(mark.a, "%s %sson", s, mark.word) : s;
}

/* An e-mail address at the district's own domain: local@SLUG.example.org
 * for the district's staff, local@SLUG.domain for everyone else. */
static const char *E(const char *s)
{
	const char *at = s ? strchr(s, '@') : NULL;
	if (!mark.word || !at)
		return s;
	if (strstr(at, "@riverside."))
		return arena_printf(mark.a, "%.*s@%s%s", (int)(at - s), s, mark.slug, at + 10);
	return arena_printf(mark.a, "%.*s@%s.%s", (int)(at - s), s, mark.slug, at + 1);
}

/* An address part (a recap's slug) of the district's own. */
static const char *S(const char *s)
{
	return mark.word && s ? arena_printf(mark.a, "%s-%s", s, mark.slug) : s;
}

/* The transcript with the district's family name for every speaker and
 * its slug before every cue's text (in lower case, as T). */
static const char *T_vtt(const char *vtt)
{
	if (!mark.word)
		return vtt;
	struct buf b;
	buf_init(&b, 1 << 20);
	for (const char *p = vtt; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		const char *colon = memchr(p, ':', n);
		bool cue = n > 0 && !(p[0] >= '0' && p[0] <= '9') && strncmp(p, "WEBVTT", 6) != 0 && colon &&
		           (size_t)(colon - p) + 1 < n && colon[1] == ' ';
		if (cue)
			buf_printf(&b, "%s: %s %.*s", N(arena_strndup(mark.a, p, (size_t)(colon - p))), mark.slug,
			           (int)(n - (size_t)(colon - p) - 2), colon + 2);
		else
			buf_add(&b, p, n);
		if (nl)
			buf_addc(&b, '\n');
		p += n + (nl ? 1 : 0);
	}
	const char *out = arena_strdup(mark.a, b.p);
	buf_release(&b);
	return out;
}

static const struct {
	const char *email, *name;
	enum role role;
} demo_users[] = {
	{ADMIN_EMAIL, "Dana Whitfield", ROLE_ADMIN},
	{"maria.lopez@riverside.example.org", "María López", ROLE_STAFF},
	{"james.carter@riverside.example.org", "James Carter", ROLE_FACILITATOR},
	{"ana.reyes@lafamilia.example.org", "Ana Reyes", ROLE_PARTNER},
};

static const struct {
	const char *title, *why, *mode, *data, *goals, *questions;
} demo_initiatives[] = {
	{"One-to-one device rollout",
	 "Every student in grades 3 to 12 will receive a district laptop over the next two school years. "
	 "Before we decide how devices go home, how families get internet access and how screen time is "
	 "balanced with other learning, we want to hear from students, families, teachers and community "
	 "members. Our 2025 technology survey found that 18% of families have no home internet and that "
	 "families who speak Spanish at home were half as likely to answer.",
	 "collaborate",
	 "2025 family technology survey: 2,140 answers; 18% without home internet (31% among Spanish-speaking "
	 "families); 42% share one device among three or more people.",
	 "Every student in grades 3-12 has a working device at home by August 2027\n"
	 "No student loses school time for lack of internet at home",
	 "What would make a school laptop useful at home, and what would get in the way?\n"
	 "How should devices and internet access be supported for families without home internet?\n"
	 "What rules on screen time and use would feel fair to students and families?"},
};

static const struct {
	const char *name, *kind, *description;
} demo_groups[] = {
	{"Families of elementary students", "families", "Parents and caregivers of children in grades K to 5."},
	{"High school students", "students", "Students in grades 9 to 12 at Riverside and Eastside high schools."},
	{"East side community members", "community", "Neighbours, employers and organizations east of the river."},
};

static const struct {
	int group;   /* index into demo_groups */
	const char *title, *objective, *managed_by, *partner, *duties, *facilitator, *comp;
	int64_t cents, reserved;
} demo_conversations[] = {
	{0, "Devices at home: what families need",
	 "Hear how families expect to use a school laptop at home, what gets in the way (internet, shared rooms, "
	 "screen time) and what support would help.",
	 "district", "", "", "James Carter", "stipend", 2500, 4},
	{1, "Student voices on laptops",
	 "Learn from students how they would use their own device for school work, and what rules would feel fair.",
	 "partner", "La Familia Community Center", "invite,confirm,facilitate,record", "Ana Reyes", "gift_card", 2000, 0},
};

static const struct {
	int conversation, days;
	const char *start, *end, *format, *venue, *address, *platform, *join, *lang, *interp;
	bool transit, wheelchair, community, sign, captions, childcare;
	int64_t capacity, reserved;
} demo_sessions[] = {
	{0, 5, "18:00", "19:30", "in_person", "Eastside Public Library, Community Room", "1200 E Main St, Riverside",
	 "", "", "en", "es", true, true, true, false, false, true, 20, 4},
	{0, 6, "10:00", "11:30", "in_person", "Iglesia San José, salón parroquial", "415 Oak Ave, Riverside", "", "",
	 "es", "", true, true, true, false, false, true, 6, 0},
	{1, 7, "19:00", "20:00", "virtual", "", "", "Zoom", "https://zoom.example.org/j/5550142", "en", "", false,
	 false, false, false, true, false, 30, 0},
	{1, 8, "16:00", "17:30", "hybrid", "La Familia Community Center", "88 River Rd, Riverside", "Zoom",
	 "https://zoom.example.org/j/5550199", "en", "es", true, true, true, true, true, false, 25, 0},
};

/* Thirty people: name, e-mail, phone, language, session index, needs. */
static const struct {
	const char *name, *email, *phone, *lang;
	int session;
	const char *interp;
	bool sign, childcare, transport, rec, quote;
} demo_people[] = {
	{"Rosa Martínez", "rosa.martinez@example.net", "", "es", 0, "es", false, true, false, true, true},
	{"Tom Nguyen", "tom.nguyen@example.net", "", "en", 0, "", false, false, false, true, true},
	{"Aisha Bello", "aisha.bello@example.net", "512-555-0101", "en", 0, "", false, true, true, true, false},
	{"Carlos Rivera", "carlos.rivera@example.net", "", "es", 0, "es", false, false, false, true, true},
	{"Linda Park", "linda.park@example.net", "", "en", 0, "", false, false, false, false, false},
	{"Hoa Tran", "hoa.tran@example.net", "", "en", 0, "vi", false, false, true, true, true},
	{"Mike O'Brien", "mike.obrien@example.net", "", "en", 0, "", false, false, false, true, true},
	{"Fatima Yusuf", "", "512-555-0107", "en", 0, "so", false, true, false, true, false},
	{"Guadalupe Sánchez", "lupe.sanchez@example.net", "", "es", 1, "", false, true, false, true, true},
	{"Jorge Herrera", "jorge.herrera@example.net", "", "es", 1, "", false, false, true, true, true},
	{"María Fernanda López", "mf.lopez@example.net", "", "es", 1, "", false, true, false, true, false},
	{"Pedro Ramírez", "pedro.ramirez@example.net", "", "es", 1, "", false, false, false, false, false},
	{"Ana Castillo", "ana.castillo@example.net", "512-555-0113", "es", 1, "", false, true, true, true, true},
	{"Luis Gómez", "luis.gomez@example.net", "", "es", 1, "", false, false, false, true, true},
	{"Sofía Torres", "sofia.torres@example.net", "", "es", 1, "", false, true, false, true, true},
	{"Jayden Brooks", "jayden.brooks@student.example.net", "", "en", 2, "", false, false, false, true, true},
	{"Emma Wilson", "emma.wilson@student.example.net", "", "en", 2, "", false, false, false, true, true},
	{"Diego Flores", "diego.flores@student.example.net", "", "es", 2, "", false, false, false, true, false},
	{"Priya Shah", "priya.shah@student.example.net", "", "en", 2, "", false, false, false, false, false},
	{"Marcus Lee", "marcus.lee@student.example.net", "", "en", 2, "", true, false, false, true, true},
	{"Olivia Chen", "olivia.chen@student.example.net", "", "en", 2, "", false, false, false, true, true},
	{"Noah Johnson", "noah.johnson@student.example.net", "", "en", 2, "", false, false, false, true, true},
	{"Valentina Cruz", "valentina.cruz@student.example.net", "", "es", 3, "es", false, false, false, true, true},
	{"Ethan Davis", "ethan.davis@student.example.net", "", "en", 3, "", false, false, true, true, true},
	{"Camila Reyes", "camila.reyes@student.example.net", "", "es", 3, "es", false, false, false, true, false},
	{"Ahmed Hassan", "ahmed.hassan@student.example.net", "", "en", 3, "ar", false, false, false, true, true},
	{"Grace Kim", "grace.kim@student.example.net", "", "en", 3, "", true, false, false, true, true},
	{"Mateo Vargas", "mateo.vargas@student.example.net", "", "es", 3, "", false, false, true, true, true},
	{"Zoe Adams", "zoe.adams@student.example.net", "", "en", 3, "", false, false, false, false, false},
	{"Isabella Moreno", "isabella.moreno@student.example.net", "", "es", 3, "es", false, false, false, true, true},
};

/* A conversation already held, as Zoom exports its transcript. */
static const char demo_transcript[] =
	"WEBVTT\n\n"
	"1\n00:00:02.000 --> 00:00:09.500\n"
	"James Carter: Thank you all for coming tonight. Notes are taken, and nothing you say will carry your name.\n\n"
	"2\n00:00:10.000 --> 00:00:24.000\n"
	"Rosa Martinez: My son Diego shares one phone with his two sisters for homework. A laptop would help, but we "
	"have no internet at home, so he does everything at the library.\n\n"
	"3\n00:00:24.500 --> 00:00:33.000\n"
	"Tom Nguyen: Same for us. The hotspot the school lent last year stopped working in November and nobody "
	"answered at 512-555-0140.\n\n"
	"4\n00:00:33.500 --> 00:00:41.000\n"
	"James Carter: What would make a laptop at home useful for your family?\n\n"
	"5\n00:00:41.500 --> 00:01:02.000\n"
	"Aisha Bello: Internet first. And clear rules: my kids already spend hours on screens. I'd like to know what "
	"the school will block, and to be able to set limits at home.\n\n"
	"6\n00:01:02.500 --> 00:01:15.000\n"
	"Rosa Martinez: Y que las instrucciones vengan en español. Last time the forms were only in English and I "
	"signed without understanding.\n\n"
	"7\n00:01:15.500 --> 00:01:24.000\n"
	"Tom Nguyen: A help desk in the evening. We work during the day; the library at 1200 E Main St closes at six.\n\n"
	"8\n00:01:24.500 --> 00:01:30.000\n"
	"James Carter: Thank you. We will send everyone a summary within three weeks.\n";

/* People at the two held sessions: 0 the families' evening last week (with
 * the transcript above), 1 the students' session ten days ago.  reg: they
 * registered (and came unless !came); otherwise a walk-in. */
static const struct {
	int held;
	const char *name, *email, *lang;
	bool reg, came, rec, quote, stipend;
} demo_attendees[] = {
	{0, "Rosa Martinez", "rosa.m@example.net", "es", true, true, true, true, true},
	{0, "Tom Nguyen", "tom.n@example.net", "en", true, true, true, true, true},
	{0, "Aisha Bello", "aisha.b@example.net", "en", true, true, true, false, true},
	{0, "Carmen Ortiz", "carmen.ortiz@example.net", "es", true, true, true, true, true},
	{0, "Daniel Kim", "daniel.kim@example.net", "en", true, true, false, false, true},
	{0, "Yolanda Pérez", "yolanda.perez@example.net", "es", true, true, true, true, true},
	{0, "Brian Foster", "brian.foster@example.net", "en", true, true, true, true, true},
	{0, "Esperanza Díaz", "esperanza.diaz@example.net", "es", true, true, true, false, true},
	{0, "Grace Owens", "grace.owens@example.net", "en", true, false, true, true, false},
	{0, "Miguel Ángel Ruiz", "", "es", false, true, true, true, true},
	{0, "Lan Pham", "", "en", false, true, true, false, true},
	{1, "Jordan Ellis", "jordan.ellis@student.example.net", "en", true, true, true, true, true},
	{1, "Camila Reyes", "camila.reyes@student.example.net", "es", true, true, true, true, true},
	{1, "Tyler Brooks", "tyler.brooks@student.example.net", "en", true, true, true, false, true},
	{1, "Sofia Navarro", "sofia.navarro@student.example.net", "es", true, true, true, true, true},
	{1, "Ahmed Hassan", "ahmed.hassan@student.example.net", "en", true, true, false, false, true},
	{1, "Maya Lin", "maya.lin@student.example.net", "en", true, true, true, true, true},
	{1, "Kevin Wright", "kevin.wright@student.example.net", "en", true, false, true, true, false},
	{1, "Luis Ortega", "", "es", false, true, true, true, true},
};

/* Live notes at the held sessions: question (1-based), speaker code, quote. */
static const struct {
	int held, question;
	const char *speaker;
	bool quote;
	const char *text;
} demo_notes[] = {
	{0, 1, "P4", false, "Several families share one device; a laptop per student would free the phone for work."},
	{0, 2, "P5", true, "If the internet is not fixed first, the laptop is just a heavy notebook."},
	{0, 2, "P6", false, "Asked for the hotspot loan to come with a phone number that answers in Spanish."},
	{0, 3, "P7", false, "Wants the school to say plainly what is blocked and what parents can change at home."},
	{1, 1, "P1", false, "Would use the laptop mostly for essays and the online math homework."},
	{1, 1, "P2", true, "My phone screen is too small to write a real essay, so I write them in the library."},
	{1, 2, "P3", false, "Half of the group has no reliable internet at home; the bus wifi is used for homework."},
	{1, 2, "P4", true, "Give us hotspots that actually work, not ones that die after a month."},
	{1, 3, "P5", false, "Thinks blocking games during class is fair, but not at home in the evening."},
	{1, 3, "P6", true, "If the rules are the same for everybody and explained, we will follow them."},
	{1, 3, "P1", false, "Suggests students help write the rules, with a vote in each school."},
	{1, 0, "F", false, "Group agreed that internet access matters more than the device itself."},
	{1, 2, "P7", false, "Walk-in student asked whether the laptops can be used for job applications."},
};

/* Survey answers: the registrant (index into demo_attendees) or -1 for
 * anonymous; race or ethnicity, home language and neighbourhood as the
 * baseline names them ("" for prefer not to say). */
static const struct {
	int held, who;
	const char *race, *lang, *hood;
	int rating;
	const char *comment;
} demo_surveys[] = {
	{0, 0, "Hispanic or Latino", "Spanish", "East side", 5, "Gracias por la interpretación y el cuidado de niños."},
	{0, 1, "Asian", "Vietnamese", "East side", 4, "Please hold the next one a little later in the evening."},
	{0, 3, "Hispanic or Latino", "Spanish", "East side", 5, ""},
	{0, 4, "Asian", "English", "West side", 4, "James Carter kept everyone on time. Thank you."},
	{0, 5, "Hispanic or Latino", "Spanish", "North", 5, "Me gustó que todos pudieron hablar."},
	{0, 6, "White", "English", "West side", 3, "Too short to get to the screen-time question."},
	{0, -1, "Hispanic or Latino", "Spanish", "East side", 5, ""},
	{0, -1, "White", "English", "North", 4, "Call me at 512-555-0188 if you need volunteers."},
	{0, -1, "Two or more", "English", "West side", 4, ""},
	{1, 11, "White", "English", "West side", 4, "Felt like they actually listened."},
	{1, 12, "Hispanic or Latino", "Spanish", "East side", 5, ""},
	{1, 13, "White", "English", "North", 3, "More students should have been invited."},
	{1, 14, "Hispanic or Latino", "English", "East side", 5, "Pizza was great, so was the conversation."},
	{1, 15, "Black or African American", "English", "West side", 4, ""},
	{1, 16, "Hispanic or Latino", "English", "North", 4, ""},
	{1, -1, "White", "English", "West side", 5, ""},
	{1, -1, "Hispanic or Latino", "Spanish", "East side", 4, "Do it again in spring."},
};

/* The local date N days from now, in the district's zone. */
static void day_from_now(const char *tz, int days, char date[11])
{
	struct clock_local l;
	clock_to_local(tz, (int64_t)time(NULL) + (int64_t)days * 86400, &l);
	clock_format_date(&l, date);
}

/* Check-in, consent, stipends, live notes and survey answers at the two
 * held sessions; the conversations handed to the demo facilitator and
 * partner. */
static int seed_capture(struct db *db, struct arena *a, const struct district *d, struct session *held,
                        struct conversation *convs, const int64_t *uids, struct err *e)
{
	int rc = team_store_set(db, d->id, convs[0].id, &uids[2], 1, e);   /* James Carter, facilitator */
	if (rc == 0)
		rc = team_store_set(db, d->id, convs[1].id, &uids[3], 1, e);   /* Ana Reyes, La Familia */
	int64_t reg_ids[sizeof(demo_attendees) / sizeof(demo_attendees[0])] = {0};
	for (size_t i = 0; rc == 0 && i < sizeof(demo_attendees) / sizeof(demo_attendees[0]); i++) {
		struct session *s = &held[demo_attendees[i].held];
		struct attendee at = {.district_id = d->id, .session_id = s->id, .name = N(demo_attendees[i].name),
		                      .group_id = convs[demo_attendees[i].held].group_id,
		                      .checked_in_at = s->starts_at - 600 + (int64_t)i * 30,
		                      .consent_record = demo_attendees[i].rec, .consent_quote = demo_attendees[i].quote,
		                      .consent_at = s->starts_at + 120,
		                      .stipend_at = demo_attendees[i].stipend ? s->ends_at : 0};
		if (demo_attendees[i].reg) {
			struct registration reg = {
				.district_id = d->id, .session_id = s->id, .name = N(demo_attendees[i].name),
				.email = E(demo_attendees[i].email), .phone = "", .language = demo_attendees[i].lang,
				.group_id = at.group_id, .need_interpretation = "", .need_other = "",
				.consent_record = demo_attendees[i].rec, .consent_quote = demo_attendees[i].quote,
				.status = "confirmed"};
			rc = registration_check(&reg, a, d->languages, e);
			if (rc == 0)
				rc = registration_store_add(db, &reg, e);
			reg_ids[i] = reg.id;
			at.registration_id = reg.id;
		}
		if (rc == 0 && demo_attendees[i].came)
			rc = attendee_store_add(db, a, &at, e);
	}
	for (size_t i = 0; rc == 0 && i < sizeof(demo_notes) / sizeof(demo_notes[0]); i++) {
		int h = demo_notes[i].held;
		struct note n = {.client_id = arena_printf(a, "demo-%zu", i), .question = demo_notes[i].question,
		                 .speaker_code = demo_notes[i].speaker, .kind = demo_notes[i].quote ? "quote" : "note",
		                 .text = T(demo_notes[i].text), .author_id = uids[2 + h],
		                 .taken_at = held[h].starts_at + 600 + (int64_t)i * 240};
		int added = 0;
		rc = capture_add_note(db, a, d, &held[h], &convs[h], &n, &added, e);
	}
	for (size_t i = 0; rc == 0 && i < sizeof(demo_surveys) / sizeof(demo_surveys[0]); i++) {
		int h = demo_surveys[i].held;
		struct survey_answer ans[3];
		size_t na = 0;
		const char *dims[] = {"race_ethnicity", "language", "neighborhood"};
		const char *vals[] = {demo_surveys[i].race, demo_surveys[i].lang, demo_surveys[i].hood};
		for (size_t k = 0; k < 3; k++)
			if (*vals[k])
				ans[na++] = (struct survey_answer){dims[k], vals[k]};
		struct survey_response r = {.registration_id = demo_surveys[i].who >= 0 ? reg_ids[demo_surveys[i].who] : 0,
		                            .rating = demo_surveys[i].rating, .comment = T(demo_surveys[i].comment),
		                            .lang = "en", .answers = ans, .nanswers = na};
		rc = capture_survey(db, a, d, &held[h], &convs[h], &r, e);
	}
	return rc;
}

/* The codebook as staff would start it: two suggested themes accepted and
 * confirmed by María, and Dana coding some excerpts herself, so that the
 * agreement of two coders shows. */
static int seed_codebook(struct db *db, struct arena *a, const struct district *d, int64_t initiative_id,
                         const int64_t *uids, struct err *e)
{
	struct code c1, c2;
	int rc = understand_accept(db, a, d->id, initiative_id, 4, 1, uids[0], &c1, e);
	if (rc == 0)
		rc = understand_accept(db, a, d->id, initiative_id, 4, 2, uids[0], &c2, e);
	int64_t changed = 0;
	if (rc == 0)
		rc = coding_store_confirm(db, d->id, c1.id, uids[1], &changed, e);
	if (rc == 0)
		rc = coding_store_confirm(db, d->id, c2.id, uids[1], &changed, e);
	struct suggestion s = {0};
	if (rc == 0)
		rc = understand_suggest(db, a, d->id, initiative_id, 4, &s, e);
	/* Dana codes four excerpts of the first theme as María did, and two of
	 * the second: one as María did, one with the first code — the two
	 * coders mostly agree (kappa about 0.57 on each code). */
	int done1 = 0, done2 = 0;
	for (size_t i = 0; rc == 0 && i < s.n; i++) {
		int th = s.enough ? s.r.assignments[i] : 0;
		int64_t code = 0;
		if (th == 1 && done1 < 4) {
			code = c1.id;
			done1++;
		} else if (th == 2 && done2 < 2) {
			code = done2++ == 0 ? c2.id : c1.id;
		}
		if (!code)
			continue;
		struct coding cd;
		int added;
		rc = understand_code(db, a, d->id, initiative_id, code, s.xs[i].kind, s.xs[i].id, "", -1, -1, uids[0], &cd,
		                     &added, e);
	}
	/* Quotes: the students' word-for-word notes from people who agreed to
	 * be quoted, proposed under the first code; two approved, one waiting. */
	size_t proposed = 0;
	for (size_t i = 0; rc == 0 && i < s.n && proposed < 3; i++) {
		if (strcmp(s.xs[i].kind, "note") != 0)
			continue;
		struct quote q;
		struct err qe;
		int qr = report_propose_quote(db, a, d->id, initiative_id, "note", s.xs[i].id, c1.id, "", uids[1], &q, &qe);
		if (qr == ERR_INVALID)
			continue;   /* not a quote, or the speaker did not agree */
		if ((rc = qr) == 0 && proposed++ < 2)
			rc = quote_store_decide(db, d->id, q.id, "approved", uids[0], e);
		if (qr < 0)
			*e = qe;
	}
	/* Both summaries saved from their drafts, as staff would start them. */
	for (int pub = 0; rc == 0 && pub < 2; pub++) {
		struct buf md;
		buf_init(&md, 1 << 22);
		rc = report_draft(db, a, d, initiative_id, pub, time(NULL), &md, e);
		struct summary sm = {.district_id = d->id, .initiative_id = initiative_id,
		                     .audience = pub ? "public" : "internal", .markdown = md.p ? md.p : "",
		                     .updated_by = uids[1]};
		if (rc == 0)
			rc = summary_store_save(db, &sm, e);
		buf_release(&md);
		/* Staff read the public one and kept the district's own name
		 * where a check for names could take it for a person's. */
		if (rc == 0 && pub) {
			size_t w = strcspn(d->name, " ");
			struct redaction_review rv = {.district_id = d->id, .subject = "summary", .subject_id = sm.id,
			                              .word_fold = doubt_fold(a, d->name, w), .occurrences = 1,
			                              .reviewed_by = uids[1]};
			rc = redaction_review_store_keep(db, &rv, e);
		}
	}
	return rc;
}

/* ---- Share: recaps, questions and answers, actions ---------------------- */

static const struct {
	int days_ago, conversation;   /* conversation: -1 none, else demo index */
	const char *slug, *en_title, *en_summary, *en_body, *es_title, *es_summary, *es_body;
} demo_recaps[] = {
	{6, 0, "devices-at-home-what-families-told-us", "Devices at home: what families told us",
	 "Ten families met at the Eastside Library. Internet at home and shared rooms came up most.",
	 "Thank you to the ten families who spent an evening with us at the Eastside Public Library, and to "
	 "the interpreters who made the conversation possible in English and Spanish.\n\n"
	 "## What we heard\n\n"
	 "- **Internet at home** was the first worry: several families share one phone's data plan, and a "
	 "laptop without internet would mostly stay in the backpack.\n"
	 "- **Shared rooms and shared devices**: in many homes three or more people share one computer, so a "
	 "laptop of the student's own would help, if it can be kept safe.\n"
	 "- **Screen time**: parents want clear rules they can explain at home, written with students.\n\n"
	 "> \"If the laptop comes home but the internet doesn't, it's just a heavy book.\"\n\n"
	 "## What happens next\n\n"
	 "We are working on free hotspots for families without internet and on a care guide in English and "
	 "Spanish. Follow our progress on the [You said, we did](/d/riverside/actions) page.",
	 "Computadoras en casa: lo que nos dijeron las familias",
	 "Diez familias se reunieron en la biblioteca de Eastside. El internet en casa fue lo que más se mencionó.",
	 "Gracias a las diez familias que pasaron una tarde con nosotros en la biblioteca pública de Eastside, y "
	 "a las intérpretes que hicieron posible la conversación en inglés y en español.\n\n"
	 "## Lo que escuchamos\n\n"
	 "- **Internet en casa**: varias familias comparten los datos de un solo teléfono; sin internet, la "
	 "computadora se quedaría en la mochila.\n"
	 "- **Cuartos y equipos compartidos**: en muchos hogares tres o más personas comparten una computadora.\n"
	 "- **Tiempo frente a la pantalla**: las familias piden reglas claras, escritas con los estudiantes.\n\n"
	 "## Lo que sigue\n\n"
	 "Estamos trabajando en puntos de acceso gratuitos para familias sin internet y en una guía de cuidado "
	 "en inglés y en español. Siga el avance en la página [Ustedes dijeron, nosotros hicimos](/d/riverside/actions)."},
	{3, -1, "how-laptops-will-go-home", "How laptops will go home: the plan so far",
	 "What we have decided after the first two conversations, and what is still open.",
	 "After hearing from families and students, here is where the device rollout stands.\n\n"
	 "1. Students in grades 3 to 12 will take their laptop home from the start of the next school year.\n"
	 "2. Families without home internet can borrow a hotspot from their school's front office.\n"
	 "3. Screen-time guidelines are being written with a group of high school students.\n\n"
	 "Two more conversations are open for registration: see the [hub](/d/riverside/) to join one.",
	 NULL, NULL, NULL},
	{1, -1, "conversaciones-en-espanol", NULL, NULL, NULL, "Conversaciones en español: le esperamos",
	 "El sábado hay una conversación en español en la Iglesia San José, con cuidado de niños.",
	 "Muchas familias nos pidieron una conversación **en español** y en fin de semana. El próximo sábado "
	 "nos reunimos en el salón parroquial de la Iglesia San José.\n\n"
	 "- Habrá cuidado de niños y algo de comer.\n"
	 "- No hace falta traer nada: solo sus preguntas y sus ideas.\n\n"
	 "Inscríbase desde la [página principal](/d/riverside/)."},
};

static const struct {
	int days_ago, answer_hours;   /* answer_hours 0: not answered */
	const char *lang, *email, *status, *body, *answer;
} demo_questions[] = {
	{9, 30, "en", "pat.nguyen@example.net", "published", "Will my child need to pay if the laptop breaks?",
	 "No. Accidental damage is covered by the district. Bring the laptop to the school's front office and "
	 "you will get a loaner the same day. Only lost laptops may carry a fee, and families can ask for it "
	 "to be waived."},
	{9, 52, "es", "", "published", "¿Los estudiantes de kínder también recibirán computadora?",
	 "Por ahora, no. Las computadoras son para los grados 3 a 12. Los estudiantes de kínder a 2.º grado usan "
	 "tabletas que se quedan en la escuela."},
	{8, 20, "en", "", "published", "Can we get internet help if we live outside the city limits?",
	 "Yes. The hotspots work anywhere in the county. Ask at your school's front office."},
	{7, 70, "en", "", "published", "Who decides the screen-time rules?",
	 "A group of high school students and parents is writing them with the technology team. The draft will "
	 "be shared on this page for comment before it is final."},
	{6, 8, "es", "", "published", "¿Puedo usar la computadora de mi hijo para buscar trabajo?",
	 "La computadora es para las tareas escolares del estudiante, pero las bibliotecas públicas y el centro "
	 "La Familia prestan computadoras a adultos sin costo."},
	{5, 26, "en", "", "published", "Will the laptops block social media?",
	 "At school, yes. At home, the district filter still blocks unsafe sites; families can ask for help "
	 "setting their own limits at the evening help desk."},
	{4, 96, "en", "", "published", "Is there a way to talk to someone in Vietnamese?",
	 "Yes. Call the family center at 555-0142 and ask for an interpreter, or write to us: we will answer in "
	 "Vietnamese."},
	{2, 0, "en", "", "published", "When will the summer device policy be decided?", NULL},
	{1, 0, "en", "lee.w@example.net", "new", "Can grandparents who are guardians come to the next session?", NULL},
	{8, 0, "en", "", "merged", "Do we pay if the laptop gets broken?", NULL},
};

static const struct {
	int theme;   /* 0 or 1: the demo's codes; -1 none */
	const char *title, *description, *owner, *due_on, *status, *reason, *note;
	int64_t progress;
} demo_actions[] = {
	{0, "Free hotspots for families without home internet",
	 "Every school's front office lends hotspots to families who ask, with no paperwork beyond the student's name.",
	 "Technology Services", "2027-01-31", "in_progress", "",
	 "200 hotspots have arrived; the first 60 went home this week.", 40},
	{0, "A laptop care guide in English and Spanish",
	 "A two-page guide on charging, carrying and what to do when something breaks.", "Communications Office",
	 "2026-11-15", "done", "", "The guide went home with every laptop.", 100},
	{0, "An evening help desk at the Eastside Library",
	 "Tuesday evenings, staff and student volunteers help families set up and fix laptops.", "Family Center",
	 "2027-03-01", "planned", "", "", 0},
	{1, "Screen-time guidelines written with students",
	 "Students and parents draft the guidelines with the technology team; the draft comes to this page for "
	 "comment.", "Technology Services", "2027-02-15", "in_progress", "",
	 "Twelve students have joined the writing group.", 60},
	{1, "Let students keep their laptop over the summer",
	 "Families asked whether laptops could stay home in the summer.", "Technology Services", "", "not_doing",
	 "Every laptop needs repairs and updates over the summer. We will look at this again in 2028, when spare "
	 "laptops make it possible.", "", 0},
};

/* A picture staff uploaded for the next recap: a one-pixel GIF. */
static const unsigned char demo_picture[] = {
	0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0xff, 0xff,
	0xff, 0x00, 0x00, 0x00, 0x21, 0xf9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x00,
	0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b,
};

static int seed_share(struct db *db, struct arena *a, const struct district *d, int64_t initiative_id,
                      const struct conversation *convs, struct outbox_ctx *x, const int64_t *uids, struct err *e)
{
	int64_t now = time(NULL);
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < sizeof(demo_recaps) / sizeof(demo_recaps[0]); i++) {
		struct post p = {.district_id = d->id, .slug = S(demo_recaps[i].slug), .initiative_id = initiative_id,
		                 .conversation_id = demo_recaps[i].conversation >= 0 ? convs[demo_recaps[i].conversation].id : 0,
		                 .status = "published", .publish_at = now - demo_recaps[i].days_ago * 86400L,
		                 .created_by = uids[1]};
		struct post_text t[2] = {
			{.lang = "en", .title = T(demo_recaps[i].en_title), .summary = T(demo_recaps[i].en_summary),
			 .body = T(demo_recaps[i].en_body)},
			{.lang = "es", .title = T(demo_recaps[i].es_title), .summary = T(demo_recaps[i].es_summary),
			 .body = T(demo_recaps[i].es_body)},
		};
		rc = share_post_save(db, a, &p, t, 2, e);
	}
	int64_t image_id;
	if (rc == 0)
		rc = share_image_add(db, d->id, uids[1], demo_picture, sizeof(demo_picture),
		                     T("Families around a table at the Eastside Public Library"), &image_id, e);
	/* Questions asked over the last days; most answered within a few. */
	int64_t first_id = 0;
	for (size_t i = 0; rc == 0 && i < sizeof(demo_questions) / sizeof(demo_questions[0]); i++) {
		struct question q = {.district_id = d->id, .initiative_id = initiative_id, .lang = demo_questions[i].lang,
		                     .body = T(demo_questions[i].body), .email = E(demo_questions[i].email),
		                     .asked_at = now - demo_questions[i].days_ago * 86400L};
		rc = share_question_ask(db, a, &q, e);
		if (rc == 0 && i == 0)
			first_id = q.id;
		const char *st = demo_questions[i].status;
		if (rc == 0 && strcmp(st, "published") == 0)
			rc = share_question_moderate(db, a, d->id, q.id, "publish", "", 0, uids[1], e);
		else if (rc == 0 && strcmp(st, "merged") == 0)
			rc = share_question_moderate(db, a, d->id, q.id, "merge", "", first_id, uids[1], e);
		if (rc == 0 && demo_questions[i].answer) {
			int told;
			x->now = q.asked_at + demo_questions[i].answer_hours * 3600L;
			rc = share_question_answer(x, d, q.id, T(demo_questions[i].answer), uids[1], &told, e);
		}
	}
	x->now = now;
	struct code *codes;
	size_t nc = 0;
	if (rc == 0)
		rc = code_store_list(db, a, d->id, initiative_id, &codes, &nc, e);
	static const char *const meaning[] = {
		"Many families have no internet at home, or share one phone's data, so a laptop alone is not enough.",
		"Students and parents want fair, clear rules on screen time that they helped to write.",
	};
	/* Staff name the accepted themes in words people use. */
	static const char *const names[] = {"Home internet access", "Screen time rules that feel fair"};
	for (size_t i = 0; rc == 0 && i < 2 && i < nc; i++) {
		codes[i].name = T(names[i]);
		codes[i].description = T(codes[i].description);
		rc = code_store_update(db, &codes[i], e);
		if (rc == 0)
			rc = theme_store_set_public(db, d->id, codes[i].id, T(meaning[i]), e);
	}
	for (size_t i = 0; rc == 0 && i < sizeof(demo_actions) / sizeof(demo_actions[0]); i++) {
		int th = demo_actions[i].theme;
		struct action act = {.district_id = d->id, .initiative_id = initiative_id,
		                     .code_id = th >= 0 && (size_t)th < nc ? codes[th].id : 0,
		                     .title = T(demo_actions[i].title), .description = T(demo_actions[i].description),
		                     .owner = T(demo_actions[i].owner), .due_on = demo_actions[i].due_on,
		                     .status = demo_actions[i].status, .reason = T(demo_actions[i].reason),
		                     .progress = demo_actions[i].progress};
		rc = share_action_save(db, a, &act, T(demo_actions[i].note), uids[1], e);
	}
	return rc;
}

/* The outreach list: contacts imported from a CSV file as staff would,
 * and the high school students among them invited to the students'
 * virtual session. */
static const struct {
	const char *name, *email, *lang;
	int group;   /* index into demo_groups */
} demo_contacts[] = {
	{"Rebecca Stone", "rebecca.stone@example.net", "en", 0},
	{"Hugo Medina", "hugo.medina@example.net", "es", 0},
	{"Keisha Grant", "keisha.grant@student.example.net", "en", 1},
	{"Andrés Molina", "andres.molina@student.example.net", "es", 1},
	{"Walter Brandt", "walter.brandt@example.net", "en", 2},
};

static int seed_invite(struct outbox_ctx *x, const struct district *d, const struct session *s,
                       const struct conversation *c, int64_t group_id, struct err *e)
{
	struct buf csv;
	buf_init(&csv, 1 << 16);
	buf_adds(&csv, "name,email,language,group\r\n");
	for (size_t i = 0; i < sizeof(demo_contacts) / sizeof(demo_contacts[0]); i++)
		buf_printf(&csv, "\"%s\",%s,%s,\"%s\"\r\n", N(demo_contacts[i].name), E(demo_contacts[i].email),
		           demo_contacts[i].lang, T(demo_groups[demo_contacts[i].group].name));
	struct import_report rep = {0};
	int rc = contacts_import(x->db, x->a, d, csv.p, csv.len, &rep, e);
	buf_release(&csv);
	if (rc == 0 && rep.nrejects)
		rc = err_set(e, ERR_INVALID, "contacts", "%s", rep.rejects[0].msg);
	int invited = 0;
	if (rc == 0)
		rc = contacts_invite(x, s, c, d, group_id, &invited, e);
	return rc;
}

static int seed_plan(struct db *db, struct arena *a, const struct district *d, int64_t initiative_id,
                     const int64_t *uids, struct err *e)
{
	int64_t gids[3] = {0};
	struct conversation convs[2];
	struct session sess[4];
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < 3; i++) {
		struct group g = {.district_id = d->id, .name = T(demo_groups[i].name), .kind = demo_groups[i].kind,
		                  .description = T(demo_groups[i].description)};
		rc = group_store_add(db, &g, e);
		gids[i] = g.id;
	}
	static const struct {
		const char *dim, *cat;
		int64_t bp;
	} base[] = {
		{"language", "English", 6800}, {"language", "Spanish", 2700}, {"language", "Vietnamese", 300},
		{"language", "Other", 200}, {"race_ethnicity", "Hispanic or Latino", 4100},
		{"race_ethnicity", "White", 3300}, {"race_ethnicity", "Black or African American", 1400},
		{"race_ethnicity", "Asian", 700}, {"race_ethnicity", "Two or more", 500},
		{"neighborhood", "East side", 3800}, {"neighborhood", "West side", 3400}, {"neighborhood", "North", 2800},
	};
	for (size_t i = 0; rc == 0 && i < sizeof(base) / sizeof(base[0]); i++) {
		struct baseline_share b = {.district_id = d->id, .dimension = base[i].dim, .category = base[i].cat,
		                           .share_bp = base[i].bp};
		rc = baseline_store_set(db, &b, e);
	}
	struct protocol proto = {
		.district_id = d->id, .name = "Devices at home (90 minutes)",
		.framing = "Thank you for coming. The district will give every student in grades 3 to 12 a laptop. Before "
		           "we decide how devices go home and how families get internet access, we want to learn from you. "
		           "What you say today will shape the plan, and we will send everyone a summary of what we heard.",
		.introductions = "Your name, how you are connected to our schools, and one thing you love about this "
		                 "community.",
		.questions = "When your child brings schoolwork home today, what helps and what gets in the way?\n"
		             "If your child had a school laptop at home, how would your family use it?\n"
		             "What would make internet access at home easier for your family?\n"
		             "What rules about screen time and use would feel fair to you?\n"
		             "What should the district do first?",
		.closing = "We will share a summary of every conversation within three weeks, and tell you what the "
		           "district decides to do."};
	proto.name = T(proto.name);
	proto.framing = T(proto.framing);
	proto.introductions = T(proto.introductions);
	proto.questions = T(proto.questions);
	proto.closing = T(proto.closing);
	rc = protocol_check(&proto, e);
	if (rc == 0)
		rc = protocol_store_add(db, &proto, e);
	static const struct {
		const char *name, *org, *did;
		int64_t recruited;
	} sponsors[] = {
		{"Pastor Miguel Ortega", "Iglesia San José", "Announced the Spanish session at Sunday services", 9},
		{"Denise Howard", "Eastside Library Friends", "Hosts the library session and posted flyers", 6},
	};
	for (size_t i = 0; rc == 0 && i < 2; i++) {
		struct sponsor sp = {.district_id = d->id, .initiative_id = initiative_id, .name = N(sponsors[i].name),
		                     .organization = T(sponsors[i].org), .contributed = T(sponsors[i].did),
		                     .recruited = sponsors[i].recruited};
		rc = sponsor_store_add(db, &sp, e);
	}
	for (size_t i = 0; rc == 0 && i < 2; i++) {
		convs[i] = (struct conversation){
			.district_id = d->id, .initiative_id = initiative_id, .group_id = gids[demo_conversations[i].group],
			.title = T(demo_conversations[i].title), .objective = T(demo_conversations[i].objective),
			.managed_by = demo_conversations[i].managed_by, .partner_name = T(demo_conversations[i].partner),
			.partner_duties = demo_conversations[i].duties, .facilitator = N(demo_conversations[i].facilitator),
			.compensation_kind = demo_conversations[i].comp, .compensation_cents = demo_conversations[i].cents,
			.planned_reserved = demo_conversations[i].reserved, .status = "inviting",
			.protocol_id = proto.id};
		rc = conversation_check(&convs[i], e);
		if (rc == 0)
			rc = conversation_store_add(db, &convs[i], e);
	}
	for (size_t i = 0; rc == 0 && i < 4; i++) {
		char date[11];
		day_from_now(d->timezone, demo_sessions[i].days, date);
		sess[i] = (struct session){
			.district_id = d->id, .conversation_id = convs[demo_sessions[i].conversation].id,
			.format = demo_sessions[i].format, .venue_name = T(demo_sessions[i].venue),
			.venue_address = T(demo_sessions[i].address), .transit_access = demo_sessions[i].transit,
			.wheelchair_access = demo_sessions[i].wheelchair, .community_space = demo_sessions[i].community,
			.access_notes = "", .platform = demo_sessions[i].platform, .join_url = demo_sessions[i].join,
			.language = demo_sessions[i].lang, .interpretation = demo_sessions[i].interp,
			.sign_language = demo_sessions[i].sign, .captions = demo_sessions[i].captions,
			.childcare = demo_sessions[i].childcare, .capacity = demo_sessions[i].capacity,
			.reserved_seats = demo_sessions[i].reserved, .registration_open = true};
		rc = clock_parse_local(d->timezone, date, demo_sessions[i].start, "date", "start", &sess[i].starts_at, e);
		if (rc == 0)
			rc = clock_parse_local(d->timezone, date, demo_sessions[i].end, "date", "end", &sess[i].ends_at, e);
		if (rc == 0)
			rc = session_check(&sess[i], 0, e);
		if (rc == 0)
			rc = session_store_add(db, &sess[i], e);
	}
	struct i18n *cat = i18n_new();
	if (rc == 0)
		rc = i18n_load_dir(cat, CG_ROOT "/build/locale", e);
	struct outbox_ctx x = {.db = db, .a = a, .i18n = cat, .base_url = "http://127.0.0.1:8080",
	                       .from_addr = E("engage@riverside.example.org"), .now = time(NULL)};
	for (size_t i = 0; rc == 0 && i < sizeof(demo_people) / sizeof(demo_people[0]); i++) {
		int si = demo_people[i].session;
		struct registration reg = {
			.district_id = d->id, .session_id = sess[si].id, .name = N(demo_people[i].name),
			.email = E(demo_people[i].email), .phone = demo_people[i].phone, .language = demo_people[i].lang,
			.group_id = gids[demo_conversations[demo_sessions[si].conversation].group],
			.need_interpretation = demo_people[i].interp, .need_sign_language = demo_people[i].sign,
			.need_childcare = demo_people[i].childcare, .need_transport = demo_people[i].transport,
			.need_other = "", .consent_record = demo_people[i].rec, .consent_quote = demo_people[i].quote};
		rc = registration_check(&reg, a, d->languages, e);
		if (rc == 0)
			rc = register_seat(&x, &reg, &sess[si], &convs[demo_sessions[si].conversation], d, true, e);
	}
	if (rc == 0)
		rc = seed_invite(&x, d, &sess[2], &convs[1], gids[1], e);
	/* Two sessions already held: the families' evening last week, with its
	 * Zoom transcript imported as staff would, and the students' session
	 * ten days ago, with the partner's live notes. */
	struct session held[2];
	static const struct {
		int days, like;
		const char *start, *end;
	} past[] = {{-7, 0, "18:00", "19:30"}, {-10, 3, "16:00", "17:30"}};
	for (size_t i = 0; rc == 0 && i < 2; i++) {
		char date[11];
		day_from_now(d->timezone, past[i].days, date);
		held[i] = sess[past[i].like];
		held[i].id = 0;
		held[i].registration_open = false;
		rc = clock_parse_local(d->timezone, date, past[i].start, "date", "start", &held[i].starts_at, e);
		if (rc == 0)
			rc = clock_parse_local(d->timezone, date, past[i].end, "date", "end", &held[i].ends_at, e);
		if (rc == 0)
			rc = session_store_add(db, &held[i], e);
	}
	if (rc == 0)
		rc = seed_capture(db, a, d, held, convs, uids, e);
	struct capture_result res;
	const char *vtt = T_vtt(demo_transcript);
	if (rc == 0)
		rc = capture_import_transcript(db, a, d, &held[0], &convs[0], 0, "zoom-devices-at-home.vtt",
		                               vtt, strlen(vtt), "vtt", &res, e);
	if (rc == 0)
		rc = seed_codebook(db, a, d, initiative_id, uids, e);
	if (rc == 0)
		rc = seed_share(db, a, d, initiative_id, convs, &x, uids, e);
	i18n_free(cat);
	return rc;
}

/* Writes the admin's sign-in to a file only its owner can read. */
static int save_credentials(const char *path, const char *email, const char *pw)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return -1;
	fchmod(fd, 0600);
	struct buf b;
	buf_init(&b, 4096);
	buf_printf(&b, "email: %s\npassword: %s\n", email, pw);
	ssize_t n = write(fd, b.p, b.len);
	int ok = n == (ssize_t)b.len && close(fd) == 0;
	buf_release(&b);
	return ok ? 0 : -1;
}

static int seed(struct db *db, struct arena *a, const struct district *which, const char *pw, struct err *e)
{
	struct district d = *which;
	int rc = district_store_add(db, &d, e);
	int64_t uids[sizeof(demo_users) / sizeof(demo_users[0])] = {0};
	for (size_t i = 0; rc == 0 && i < sizeof(demo_users) / sizeof(demo_users[0]); i++) {
		char hash[ACCOUNT_HASH_MAX], other[ACCOUNT_SECRET_MAX];
		struct user u = {.district_id = d.id, .email = E(demo_users[i].email), .name = N(demo_users[i].name),
		                 .role = demo_users[i].role};
		/* Only the admin's password is known; the admin sets the others. */
		if (u.role != ROLE_ADMIN)
			cmd_new_password(other);
		rc = account_hash_password(u.role == ROLE_ADMIN ? pw : other, hash, e);
		if (rc == 0)
			rc = user_store_add(db, &u, hash, e);
		uids[i] = u.id;
	}
	for (size_t i = 0; rc == 0 && i < sizeof(demo_initiatives) / sizeof(demo_initiatives[0]); i++) {
		struct initiative in = {.district_id = d.id, .title = T(demo_initiatives[i].title),
		                        .why = T(demo_initiatives[i].why), .mode = demo_initiatives[i].mode,
		                        .data_behind = T(demo_initiatives[i].data), .goals = T(demo_initiatives[i].goals),
		                        .questions = T(demo_initiatives[i].questions)};
		rc = initiative_check(&in, e);
		if (rc == 0)
			rc = initiative_store_add(db, &in, e);
		if (rc == 0 && i == 0)
			rc = seed_plan(db, a, &d, in.id, uids, e);
	}
	if (rc == 0) {
		struct audit_entry ev = {.district_id = d.id, .actor = "cli", .action = "demo.seed",
		                         .detail = T("demonstration data loaded")};
		rc = audit_store_add(db, &ev, e);
	}
	return rc;
}

int cmd_seed_demo(int argc, char **argv)
{
	const char *url = NULL, *cred = NULL, *slug = NULL, *name = NULL;
	struct opt opts[] = {{"db", 1, &url}, {"credentials", 1, &cred}, {"district", 1, &slug}, {"name", 1, &name},
	                     {NULL, 0, NULL}};
	if (cmd_opts("seed-demo", argc, argv, 1, opts, NULL, 0) < 0)
		return cmd_usage("seed-demo", 0);
	struct district which = demo_district;
	struct err e;
	if (!slug != !name)
		return cmd_fail("seed-demo", EXIT_USAGE, "--district and --name go together");
	if (slug && (district_check_slug(slug, &e) < 0 || district_check_name(name, &e) < 0))
		return cmd_fail("seed-demo", EXIT_USAGE, "%s", e.msg);
	if (slug && strcmp(slug, demo_district.slug) == 0)
		return cmd_fail("seed-demo", EXIT_USAGE, "--district %s is the demonstration district itself", slug);
	if (!cred)
		cred = "var/admin-credentials.txt";
	struct db *db = cmd_open_db("seed-demo", url, 1);
	if (!db)
		return cmd_db_status();
	struct arena a;
	arena_init(&a);
	if (slug) {
		which.slug = slug;
		which.name = name;
		mark.a = &a;
		mark.slug = slug;
		mark.word = arena_strndup(&a, name, strcspn(name, " "));
	}
	const char *admin = E(ADMIN_EMAIL);
	struct district existing;
	int rc = district_store_by_slug(db, &a, which.slug, &existing, &e);
	if (rc == 0) {
		printf("the district %s is already loaded; the admin's sign-in is in %s\n", which.slug, cred);
		goto out;
	}
	if (rc != ERR_NOTFOUND)
		goto out;
	char pw[ACCOUNT_SECRET_MAX];
	cmd_new_password(pw);
	if ((rc = db_begin(db, &e)) < 0)
		goto out;
	if ((rc = db_end(db, seed(db, &a, &which, pw, &e), &e)) < 0)
		goto out;
	if (save_credentials(cred, admin, pw) < 0)
		fprintf(stderr, "commonground seed-demo: could not write %s; note the password below\n", cred);
	printf("demonstration district loaded\nsign in as %s with password %s\n", admin, pw);
out:
	arena_free(&a);
	db_close(db);
	return rc < 0 ? cmd_fail("seed-demo", 1, "%s", e.msg) : 0;
}
