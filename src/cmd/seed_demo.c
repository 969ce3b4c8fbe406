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
#include "service/capture.h"
#include "service/register.h"
#include "store/plan_store.h"
#include <time.h>

static const struct district demo_district = {
	.slug = "riverside",
	.name = "Riverside Unified School District",
	.timezone = "America/Chicago",
	.languages = "en,es",
};

#define ADMIN_EMAIL "admin@riverside.example.org"

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

/* The local date N days from now, in the district's zone. */
static void day_from_now(const char *tz, int days, char date[11])
{
	struct clock_local l;
	clock_to_local(tz, (int64_t)time(NULL) + (int64_t)days * 86400, &l);
	clock_format_date(&l, date);
}

static int seed_plan(struct db *db, struct arena *a, const struct district *d, int64_t initiative_id,
                     struct err *e)
{
	int64_t gids[3] = {0};
	struct conversation convs[2];
	struct session sess[4];
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < 3; i++) {
		struct group g = {.district_id = d->id, .name = demo_groups[i].name, .kind = demo_groups[i].kind,
		                  .description = demo_groups[i].description};
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
		struct sponsor sp = {.district_id = d->id, .initiative_id = initiative_id, .name = sponsors[i].name,
		                     .organization = sponsors[i].org, .contributed = sponsors[i].did,
		                     .recruited = sponsors[i].recruited};
		rc = sponsor_store_add(db, &sp, e);
	}
	for (size_t i = 0; rc == 0 && i < 2; i++) {
		convs[i] = (struct conversation){
			.district_id = d->id, .initiative_id = initiative_id, .group_id = gids[demo_conversations[i].group],
			.title = demo_conversations[i].title, .objective = demo_conversations[i].objective,
			.managed_by = demo_conversations[i].managed_by, .partner_name = demo_conversations[i].partner,
			.partner_duties = demo_conversations[i].duties, .facilitator = demo_conversations[i].facilitator,
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
			.format = demo_sessions[i].format, .venue_name = demo_sessions[i].venue,
			.venue_address = demo_sessions[i].address, .transit_access = demo_sessions[i].transit,
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
		rc = i18n_load_dir(cat, CG_ROOT "/po", e);
	struct outbox_ctx x = {.db = db, .a = a, .i18n = cat, .base_url = "http://127.0.0.1:8080",
	                       .from_addr = "engage@riverside.example.org", .now = time(NULL)};
	for (size_t i = 0; rc == 0 && i < sizeof(demo_people) / sizeof(demo_people[0]); i++) {
		int si = demo_people[i].session;
		struct registration reg = {
			.district_id = d->id, .session_id = sess[si].id, .name = demo_people[i].name,
			.email = demo_people[i].email, .phone = demo_people[i].phone, .language = demo_people[i].lang,
			.group_id = gids[demo_conversations[demo_sessions[si].conversation].group],
			.need_interpretation = demo_people[i].interp, .need_sign_language = demo_people[i].sign,
			.need_childcare = demo_people[i].childcare, .need_transport = demo_people[i].transport,
			.need_other = "", .consent_record = demo_people[i].rec, .consent_quote = demo_people[i].quote};
		rc = registration_check(&reg, a, d->languages, e);
		if (rc == 0)
			rc = register_seat(&x, &reg, &sess[si], &convs[demo_sessions[si].conversation], d, true, e);
	}
	/* A session of the first conversation held last week, with its
	 * transcript imported as staff would. */
	if (rc == 0) {
		char date[11];
		day_from_now(d->timezone, -7, date);
		struct session held = sess[0];
		held.id = 0;
		held.registration_open = false;
		rc = clock_parse_local(d->timezone, date, "18:00", "date", "start", &held.starts_at, e);
		if (rc == 0)
			rc = clock_parse_local(d->timezone, date, "19:30", "date", "end", &held.ends_at, e);
		if (rc == 0)
			rc = session_store_add(db, &held, e);
		struct capture_result res;
		if (rc == 0)
			rc = capture_import_transcript(db, a, d, &held, &convs[0], 0, "zoom-devices-at-home.vtt",
			                               demo_transcript, sizeof(demo_transcript) - 1, "vtt", &res, e);
	}
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

static int seed(struct db *db, struct arena *a, const char *pw, struct err *e)
{
	struct district d = demo_district;
	int rc = district_store_add(db, &d, e);
	for (size_t i = 0; rc == 0 && i < sizeof(demo_users) / sizeof(demo_users[0]); i++) {
		char hash[ACCOUNT_HASH_MAX], other[ACCOUNT_SECRET_MAX];
		struct user u = {.district_id = d.id, .email = demo_users[i].email, .name = demo_users[i].name,
		                 .role = demo_users[i].role};
		/* Only the admin's password is known; the admin sets the others. */
		if (u.role != ROLE_ADMIN)
			cmd_new_password(other);
		rc = account_hash_password(u.role == ROLE_ADMIN ? pw : other, hash, e);
		if (rc == 0)
			rc = user_store_add(db, &u, hash, e);
	}
	for (size_t i = 0; rc == 0 && i < sizeof(demo_initiatives) / sizeof(demo_initiatives[0]); i++) {
		struct initiative in = {.district_id = d.id, .title = demo_initiatives[i].title,
		                        .why = demo_initiatives[i].why, .mode = demo_initiatives[i].mode,
		                        .data_behind = demo_initiatives[i].data, .goals = demo_initiatives[i].goals,
		                        .questions = demo_initiatives[i].questions};
		rc = initiative_check(&in, e);
		if (rc == 0)
			rc = initiative_store_add(db, &in, e);
		if (rc == 0 && i == 0)
			rc = seed_plan(db, a, &d, in.id, e);
	}
	if (rc == 0) {
		struct audit_entry ev = {.district_id = d.id, .actor = "cli", .action = "demo.seed",
		                         .detail = "demonstration data loaded"};
		rc = audit_store_add(db, &ev, e);
	}
	return rc;
}

int cmd_seed_demo(int argc, char **argv)
{
	const char *url = NULL, *cred = NULL;
	struct opt opts[] = {{"db", 1, &url}, {"credentials", 1, &cred}, {NULL, 0, NULL}};
	if (cmd_opts("seed-demo", argc, argv, 1, opts, NULL, 0) < 0)
		return cmd_usage("seed-demo", 0);
	if (!cred)
		cred = "var/admin-credentials.txt";
	struct db *db = cmd_open_db("seed-demo", url, 1);
	if (!db)
		return cmd_db_status();
	struct arena a;
	arena_init(&a);
	struct district existing;
	struct err e;
	int rc = district_store_by_slug(db, &a, demo_district.slug, &existing, &e);
	if (rc == 0) {
		printf("the demonstration district is already loaded; the admin's sign-in is in %s\n", cred);
		goto out;
	}
	if (rc != ERR_NOTFOUND)
		goto out;
	char pw[ACCOUNT_SECRET_MAX];
	cmd_new_password(pw);
	if ((rc = db_begin(db, &e)) < 0)
		goto out;
	rc = seed(db, &a, pw, &e);
	if (rc == 0)
		rc = db_commit(db, &e);
	if (rc < 0) {
		db_rollback(db);
		goto out;
	}
	if (save_credentials(cred, ADMIN_EMAIL, pw) < 0)
		fprintf(stderr, "commonground seed-demo: could not write %s; note the password below\n", cred);
	printf("demonstration district loaded\nsign in as %s with password %s\n", ADMIN_EMAIL, pw);
out:
	arena_free(&a);
	db_close(db);
	return rc < 0 ? cmd_fail("seed-demo", 1, "%s", e.msg) : 0;
}
