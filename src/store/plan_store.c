#include "store/plan_store.h"

#include <time.h>

/* ---- groups ---- */

#define GCOLS "id, district_id, name, kind, description, created_at"
static const char *const sql_group_add =
	"INSERT INTO stakeholder_groups (district_id, name, kind, description, created_at) VALUES (?, ?, ?, ?, ?)"
	" RETURNING id";
static const char *const sql_group_list =
	"SELECT " GCOLS " FROM stakeholder_groups WHERE district_id = ? ORDER BY name";
static const char *const sql_group_get = "SELECT " GCOLS " FROM stakeholder_groups WHERE district_id = ? AND id = ?";

static void group_row(struct db_stmt *st, struct arena *a, void *out)
{
	struct group *g = out;
	g->id = db_col_int(st, 0);
	g->district_id = db_col_int(st, 1);
	g->name = arena_strdup(a, db_col_text(st, 2));
	g->kind = arena_strdup(a, db_col_text(st, 3));
	g->description = arena_strdup(a, db_col_text(st, 4));
	g->created_at = db_col_int(st, 5);
}

int group_store_add(struct db *db, struct group *g, struct err *e)
{
	g->created_at = time(NULL);
	int rc = db_run_int(db, sql_group_add, e, &g->id, "ittti", g->district_id, g->name,
	                    g->kind, g->description ? g->description : "", g->created_at);
	if (rc == ERR_CONFLICT)
		return err_set(e, ERR_CONFLICT, "name", "There is already a group called \"%s\".", g->name);
	return rc;
}

int group_store_list(struct db *db, struct arena *a, int64_t district_id, struct group **out, size_t *n,
                     struct err *e)
{
	return db_all(db_query(db, sql_group_list, e, "i", district_id), a, group_row, sizeof(**out), out, n, e);
}

int group_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t id, struct group *g,
                    struct err *e)
{
	return db_one(db_query(db, sql_group_get, e, "ii", district_id, id), a, group_row, g, "No such group.", e);
}

/* ---- conversations ---- */

#define CCOLS                                                                                                \
	"id, district_id, initiative_id, COALESCE(group_id, 0), COALESCE(protocol_id, 0), title, objective,"  \
	" managed_by, partner_name, partner_duties, facilitator, compensation_kind, compensation_cents,"      \
	" planned_reserved, status, created_at, updated_at"
static const char *const sql_conv_add =
	"INSERT INTO conversations (district_id, initiative_id, group_id, protocol_id, title, objective, managed_by,"
	" partner_name, partner_duties, facilitator, compensation_kind, compensation_cents, planned_reserved, status,"
	" created_at, updated_at) VALUES (?, ?, NULLIF(?, 0), NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
	" RETURNING id";
static const char *const sql_conv_update =
	"UPDATE conversations SET group_id = NULLIF(?, 0), protocol_id = NULLIF(?, 0), title = ?, objective = ?,"
	" managed_by = ?, partner_name = ?, partner_duties = ?, facilitator = ?, compensation_kind = ?,"
	" compensation_cents = ?, planned_reserved = ?, status = ?, updated_at = ? WHERE district_id = ? AND id = ?";
static const char *const sql_conv_get = "SELECT " CCOLS " FROM conversations WHERE district_id = ? AND id = ?";
static const char *const sql_conv_list =
	"SELECT " CCOLS " FROM conversations WHERE district_id = ? AND (? = 0 OR initiative_id = ?) ORDER BY id";

static void conv_row(struct db_stmt *st, struct arena *a, void *out)
{
	struct conversation *c = out;
	c->id = db_col_int(st, 0);
	c->district_id = db_col_int(st, 1);
	c->initiative_id = db_col_int(st, 2);
	c->group_id = db_col_int(st, 3);
	c->protocol_id = db_col_int(st, 4);
	c->title = arena_strdup(a, db_col_text(st, 5));
	c->objective = arena_strdup(a, db_col_text(st, 6));
	c->managed_by = arena_strdup(a, db_col_text(st, 7));
	c->partner_name = arena_strdup(a, db_col_text(st, 8));
	c->partner_duties = arena_strdup(a, db_col_text(st, 9));
	c->facilitator = arena_strdup(a, db_col_text(st, 10));
	c->compensation_kind = arena_strdup(a, db_col_text(st, 11));
	c->compensation_cents = db_col_int(st, 12);
	c->planned_reserved = db_col_int(st, 13);
	c->status = arena_strdup(a, db_col_text(st, 14));
	c->created_at = db_col_int(st, 15);
	c->updated_at = db_col_int(st, 16);
}

int conversation_store_add(struct db *db, struct conversation *c, struct err *e)
{
	c->created_at = c->updated_at = time(NULL);
	return db_run_int(db, sql_conv_add, e, &c->id, "iiiitttttttiitii", c->district_id, c->initiative_id,
	                  c->group_id, c->protocol_id, c->title, c->objective, c->managed_by, c->partner_name,
	                  c->partner_duties, c->facilitator, c->compensation_kind, c->compensation_cents,
	                  c->planned_reserved, c->status, c->created_at, c->updated_at);
}

int conversation_store_update(struct db *db, struct conversation *c, struct err *e)
{
	int64_t n = 0;
	c->updated_at = time(NULL);
	int rc = db_run(db, sql_conv_update, e, &n, "iitttttttiitiii", c->group_id, c->protocol_id, c->title,
	                c->objective, c->managed_by, c->partner_name, c->partner_duties, c->facilitator,
	                c->compensation_kind, c->compensation_cents, c->planned_reserved, c->status, c->updated_at,
	                c->district_id, c->id);
	return rc == 0 && n == 0 ? err_set(e, ERR_NOTFOUND, NULL, "No such conversation.") : rc;
}

int conversation_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t id,
                           struct conversation *c, struct err *e)
{
	return db_one(db_query(db, sql_conv_get, e, "ii", district_id, id), a, conv_row, c, "No such conversation.", e);
}

int conversation_store_list(struct db *db, struct arena *a, int64_t district_id, int64_t initiative_id,
                            struct conversation **out, size_t *n, struct err *e)
{
	return db_all(db_query(db, sql_conv_list, e, "iii", district_id, initiative_id, initiative_id), a, conv_row,
	              sizeof(**out), out, n, e);
}

/* ---- sessions ---- */

#define SCOLS                                                                                                 \
	"id, district_id, conversation_id, starts_at, ends_at, format, venue_name, venue_address, transit_access," \
	" wheelchair_access, community_space, access_notes, platform, join_url, language, interpretation,"       \
	" sign_language, captions, childcare, capacity, reserved_seats, registration_open, sequence, created_at," \
	" updated_at"
static const char *const sql_sess_add =
	"INSERT INTO sessions (district_id, conversation_id, starts_at, ends_at, format, venue_name, venue_address,"
	" transit_access, wheelchair_access, community_space, access_notes, platform, join_url, language,"
	" interpretation, sign_language, captions, childcare, capacity, reserved_seats, registration_open, sequence,"
	" created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
	" RETURNING id";
static const char *const sql_sess_update =
	"UPDATE sessions SET starts_at = ?, ends_at = ?, format = ?, venue_name = ?, venue_address = ?,"
	" transit_access = ?, wheelchair_access = ?, community_space = ?, access_notes = ?, platform = ?,"
	" join_url = ?, language = ?, interpretation = ?, sign_language = ?, captions = ?, childcare = ?,"
	" capacity = ?, reserved_seats = ?, registration_open = ?, sequence = ?, updated_at = ?"
	" WHERE district_id = ? AND id = ?";
static const char *const sql_sess_get = "SELECT " SCOLS " FROM sessions WHERE district_id = ? AND id = ?";
static const char *const sql_sess_get_any = "SELECT " SCOLS " FROM sessions WHERE id = ?";
static const char *const sql_sess_list =
	"SELECT " SCOLS " FROM sessions WHERE district_id = ? AND conversation_id = ? ORDER BY starts_at, id";
#define UCOLS                                                                                              \
	"s.id, s.district_id, s.conversation_id, s.starts_at, s.ends_at, s.format, s.venue_name,"            \
	" s.venue_address, s.transit_access, s.wheelchair_access, s.community_space, s.access_notes, s.platform," \
	" s.join_url, s.language, s.interpretation, s.sign_language, s.captions, s.childcare, s.capacity,"   \
	" s.reserved_seats, s.registration_open, s.sequence, s.created_at, s.updated_at, c.title"
static const char *const sql_sess_upcoming =
	"SELECT " UCOLS " FROM sessions s JOIN conversations c ON c.id = s.conversation_id"
	" WHERE s.district_id = ? AND s.registration_open = 1 AND s.starts_at > ?"
	" ORDER BY s.starts_at, s.id LIMIT 50";
static const char *const sql_sess_runnable =
	"SELECT " UCOLS " FROM sessions s JOIN conversations c ON c.id = s.conversation_id"
	" WHERE s.district_id = ? AND s.ends_at > ? AND (? = 0 OR EXISTS (SELECT 1 FROM conversation_team t"
	"  WHERE t.conversation_id = c.id AND t.user_id = ?))"
	" ORDER BY s.starts_at, s.id LIMIT 100";
static const char *const sql_sess_active =
	"SELECT " SCOLS " FROM sessions WHERE starts_at > ? AND starts_at < ? ORDER BY starts_at, id";

static void sess_row(struct db_stmt *st, struct arena *a, void *out)
{
	struct session *s = out;
	int i = 0;
	s->id = db_col_int(st, i++);
	s->district_id = db_col_int(st, i++);
	s->conversation_id = db_col_int(st, i++);
	s->starts_at = db_col_int(st, i++);
	s->ends_at = db_col_int(st, i++);
	s->format = arena_strdup(a, db_col_text(st, i++));
	s->venue_name = arena_strdup(a, db_col_text(st, i++));
	s->venue_address = arena_strdup(a, db_col_text(st, i++));
	s->transit_access = db_col_int(st, i++) != 0;
	s->wheelchair_access = db_col_int(st, i++) != 0;
	s->community_space = db_col_int(st, i++) != 0;
	s->access_notes = arena_strdup(a, db_col_text(st, i++));
	s->platform = arena_strdup(a, db_col_text(st, i++));
	s->join_url = arena_strdup(a, db_col_text(st, i++));
	s->language = arena_strdup(a, db_col_text(st, i++));
	s->interpretation = arena_strdup(a, db_col_text(st, i++));
	s->sign_language = db_col_int(st, i++) != 0;
	s->captions = db_col_int(st, i++) != 0;
	s->childcare = db_col_int(st, i++) != 0;
	s->capacity = db_col_int(st, i++);
	s->reserved_seats = db_col_int(st, i++);
	s->registration_open = db_col_int(st, i++) != 0;
	s->sequence = db_col_int(st, i++);
	s->created_at = db_col_int(st, i++);
	s->updated_at = db_col_int(st, i++);
}

int session_store_add(struct db *db, struct session *s, struct err *e)
{
	s->created_at = s->updated_at = time(NULL);
	return db_run_int(db, sql_sess_add, e, &s->id, "iiiitttiiitttttiiiiiiiii", s->district_id,
	                  s->conversation_id, s->starts_at, s->ends_at, s->format, s->venue_name, s->venue_address,
	                  (int64_t)s->transit_access, (int64_t)s->wheelchair_access, (int64_t)s->community_space,
	                  s->access_notes, s->platform, s->join_url, s->language, s->interpretation,
	                  (int64_t)s->sign_language, (int64_t)s->captions, (int64_t)s->childcare, s->capacity,
	                  s->reserved_seats, (int64_t)s->registration_open, s->sequence, s->created_at,
	                  s->updated_at);
}

int session_store_update(struct db *db, struct session *s, struct err *e)
{
	int64_t n = 0;
	s->updated_at = time(NULL);
	int rc = db_run(db, sql_sess_update, e, &n, "iitttiiitttttiiiiiiiiii", s->starts_at, s->ends_at, s->format,
	                s->venue_name, s->venue_address, (int64_t)s->transit_access, (int64_t)s->wheelchair_access,
	                (int64_t)s->community_space, s->access_notes, s->platform, s->join_url, s->language,
	                s->interpretation, (int64_t)s->sign_language, (int64_t)s->captions, (int64_t)s->childcare,
	                s->capacity, s->reserved_seats, (int64_t)s->registration_open, s->sequence, s->updated_at,
	                s->district_id, s->id);
	return rc == 0 && n == 0 ? err_set(e, ERR_NOTFOUND, NULL, "No such session.") : rc;
}

int session_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t id, struct session *s,
                      struct err *e)
{
	return db_one(db_query(db, sql_sess_get, e, "ii", district_id, id), a, sess_row, s, "No such session.", e);
}

int session_store_get_any(struct db *db, struct arena *a, int64_t id, struct session *s, struct err *e)
{
	return db_one(db_query(db, sql_sess_get_any, e, "i", id), a, sess_row, s, "No such session.", e);
}

int session_store_list(struct db *db, struct arena *a, int64_t district_id, int64_t conversation_id,
                       struct session **out, size_t *n, struct err *e)
{
	return db_all(db_query(db, sql_sess_list, e, "ii", district_id, conversation_id), a, sess_row,
	              sizeof(**out), out, n, e);
}

static void upcoming_row(struct db_stmt *st, struct arena *a, void *out)
{
	struct upcoming *u = out;
	sess_row(st, a, &u->s);
	u->title = arena_strdup(a, db_col_text(st, 25));
}

int session_store_upcoming(struct db *db, struct arena *a, int64_t district_id, int64_t now,
                           struct upcoming **out, size_t *n, struct err *e)
{
	return db_all(db_query(db, sql_sess_upcoming, e, "ii", district_id, now), a, upcoming_row, sizeof(**out), out,
	              n, e);
}

int session_store_runnable(struct db *db, struct arena *a, int64_t district_id, int64_t user_id, int64_t since,
                           struct upcoming **out, size_t *n, struct err *e)
{
	return db_all(db_query(db, sql_sess_runnable, e, "iiii", district_id, since, user_id, user_id), a, upcoming_row,
	              sizeof(**out), out, n, e);
}

int session_store_active(struct db *db, struct arena *a, int64_t now, struct session **out, size_t *n,
                         struct err *e)
{
	return db_all(db_query(db, sql_sess_active, e, "ii", now - 15 * 24 * 3600, now + 2 * 24 * 3600), a, sess_row,
	              sizeof(**out), out, n, e);
}

/* ---- conversation teams ---- */

static const char *const sql_team_clear = "DELETE FROM conversation_team WHERE district_id = ? AND conversation_id = ?";
static const char *const sql_team_add =
	"INSERT INTO conversation_team (district_id, conversation_id, user_id)"
	" SELECT ?, ?, id FROM users WHERE district_id = ? AND id = ?";
static const char *const sql_team_list =
	"SELECT user_id FROM conversation_team WHERE district_id = ? AND conversation_id = ? ORDER BY user_id";
static const char *const sql_team_member =
	"SELECT COUNT(*) FROM conversation_team WHERE conversation_id = ? AND user_id = ?";

int team_store_set(struct db *db, int64_t district_id, int64_t conversation_id, const int64_t *user_ids,
                   size_t n, struct err *e)
{
	int rc = db_begin(db, e);
	if (rc < 0)
		return rc;
	rc = db_run(db, sql_team_clear, e, NULL, "ii", district_id, conversation_id);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		int64_t added = 0;
		/* Only accounts of the same district can join; others are ignored. */
		rc = db_run(db, sql_team_add, e, &added, "iiii", district_id, conversation_id, district_id, user_ids[i]);
		if (rc == ERR_CONFLICT)
			rc = err_set(e, ERR_INVALID, "team", "Each person can be on the team once.");
	}
	if (rc == 0)
		return db_commit(db, e);
	db_rollback(db);
	return rc;
}

static void id_row(struct db_stmt *st, struct arena *a, void *out)
{
	*(int64_t *)out = db_col_int(st, 0);
}

int team_store_list(struct db *db, struct arena *a, int64_t district_id, int64_t conversation_id,
                    int64_t **user_ids, size_t *n, struct err *e)
{
	return db_all(db_query(db, sql_team_list, e, "ii", district_id, conversation_id), a, id_row,
	              sizeof(**user_ids), user_ids, n, e);
}

int team_store_member(struct db *db, int64_t conversation_id, int64_t user_id, int *member, struct err *e)
{
	int64_t c = 0;
	int rc = db_run_int(db, sql_team_member, e, &c, "ii", conversation_id, user_id);
	*member = c > 0;
	return rc;
}

/* ---- protocols ---- */

#define PCOLS "id, district_id, name, framing, introductions, questions, closing, created_at"
static const char *const sql_proto_add =
	"INSERT INTO protocols (district_id, name, framing, introductions, questions, closing, created_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id";
static const char *const sql_proto_list = "SELECT " PCOLS " FROM protocols WHERE district_id = ? ORDER BY name, id";
static const char *const sql_proto_get = "SELECT " PCOLS " FROM protocols WHERE district_id = ? AND id = ?";

static void proto_row(struct db_stmt *st, struct arena *a, void *out)
{
	struct protocol *p = out;
	p->id = db_col_int(st, 0);
	p->district_id = db_col_int(st, 1);
	p->name = arena_strdup(a, db_col_text(st, 2));
	p->framing = arena_strdup(a, db_col_text(st, 3));
	p->introductions = arena_strdup(a, db_col_text(st, 4));
	p->questions = arena_strdup(a, db_col_text(st, 5));
	p->closing = arena_strdup(a, db_col_text(st, 6));
	p->created_at = db_col_int(st, 7);
}

int protocol_store_add(struct db *db, struct protocol *p, struct err *e)
{
	p->created_at = time(NULL);
	return db_run_int(db, sql_proto_add, e, &p->id, "ittttti", p->district_id, p->name, p->framing,
	                  p->introductions, p->questions, p->closing, p->created_at);
}

int protocol_store_list(struct db *db, struct arena *a, int64_t district_id, struct protocol **out, size_t *n,
                        struct err *e)
{
	return db_all(db_query(db, sql_proto_list, e, "i", district_id), a, proto_row, sizeof(**out), out, n, e);
}

int protocol_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t id, struct protocol *p,
                       struct err *e)
{
	return db_one(db_query(db, sql_proto_get, e, "ii", district_id, id), a, proto_row, p, "No such protocol.", e);
}

/* ---- sponsorship committee ---- */

static const char *const sql_sponsor_add =
	"INSERT INTO sponsors (district_id, initiative_id, name, organization, contributed, recruited, created_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id";
static const char *const sql_sponsor_list =
	"SELECT id, district_id, initiative_id, name, organization, contributed, recruited, created_at FROM sponsors"
	" WHERE district_id = ? AND initiative_id = ? ORDER BY recruited DESC, name";

static void sponsor_row(struct db_stmt *st, struct arena *a, void *out)
{
	struct sponsor *s = out;
	s->id = db_col_int(st, 0);
	s->district_id = db_col_int(st, 1);
	s->initiative_id = db_col_int(st, 2);
	s->name = arena_strdup(a, db_col_text(st, 3));
	s->organization = arena_strdup(a, db_col_text(st, 4));
	s->contributed = arena_strdup(a, db_col_text(st, 5));
	s->recruited = db_col_int(st, 6);
	s->created_at = db_col_int(st, 7);
}

int sponsor_store_add(struct db *db, struct sponsor *s, struct err *e)
{
	s->created_at = time(NULL);
	return db_run_int(db, sql_sponsor_add, e, &s->id, "iitttii", s->district_id, s->initiative_id, s->name,
	                  s->organization, s->contributed, s->recruited, s->created_at);
}

int sponsor_store_list(struct db *db, struct arena *a, int64_t district_id, int64_t initiative_id,
                       struct sponsor **out, size_t *n, struct err *e)
{
	return db_all(db_query(db, sql_sponsor_list, e, "ii", district_id, initiative_id), a, sponsor_row,
	              sizeof(**out), out, n, e);
}

/* ---- community baseline ---- */

static const char *const sql_base_set =
	"INSERT INTO baseline_shares (district_id, dimension, category, share_bp) VALUES (?, ?, ?, ?)"
	" ON CONFLICT (district_id, dimension, category) DO UPDATE SET share_bp = excluded.share_bp";
static const char *const sql_base_list =
	"SELECT id, district_id, dimension, category, share_bp FROM baseline_shares WHERE district_id = ?"
	" ORDER BY dimension, share_bp DESC, category";

static void base_row(struct db_stmt *st, struct arena *a, void *out)
{
	struct baseline_share *b = out;
	b->id = db_col_int(st, 0);
	b->district_id = db_col_int(st, 1);
	b->dimension = arena_strdup(a, db_col_text(st, 2));
	b->category = arena_strdup(a, db_col_text(st, 3));
	b->share_bp = db_col_int(st, 4);
}

int baseline_store_set(struct db *db, const struct baseline_share *b, struct err *e)
{
	return db_run(db, sql_base_set, e, NULL, "itti", b->district_id, b->dimension, b->category, b->share_bp);
}

int baseline_store_list(struct db *db, struct arena *a, int64_t district_id, struct baseline_share **out,
                        size_t *n, struct err *e)
{
	return db_all(db_query(db, sql_base_list, e, "i", district_id), a, base_row, sizeof(**out), out, n, e);
}

static const char *const sql_report_back =
	"SELECT c.id, c.initiative_id, c.title, MAX(s.ends_at),"
	" COALESCE((SELECT MIN(m.created_at) FROM messages m JOIN registrations r ON r.id = m.registration_id"
	"   JOIN sessions s2 ON s2.id = r.session_id"
	"   WHERE s2.conversation_id = c.id AND m.district_id = c.district_id AND m.kind = 'results'"
	"   AND m.state <> 'skipped'), 0),"
	" COALESCE((SELECT MIN(p.publish_at) FROM posts p WHERE p.conversation_id = c.id"
	"   AND p.district_id = c.district_id AND p.status <> 'draft'"
	"   AND p.publish_at <= ?), 0)"
	" FROM conversations c JOIN sessions s ON s.conversation_id = c.id"
	" WHERE c.district_id = ? AND s.ends_at <= ?"
	" GROUP BY c.id, c.initiative_id, c.title ORDER BY MAX(s.ends_at) DESC, c.id DESC";

static void report_back_row(struct db_stmt *st, struct arena *a, void *out)
{
	struct report_back *r = out;
	r->conversation_id = db_col_int(st, 0);
	r->initiative_id = db_col_int(st, 1);
	r->title = arena_strdup(a, db_col_text(st, 2));
	r->held_at = db_col_int(st, 3);
	r->results_sent_at = db_col_int(st, 4);
	r->recap_at = db_col_int(st, 5);
}

int conversation_store_report_back(struct db *db, struct arena *a, int64_t district_id, int64_t now,
                                   struct report_back **out, size_t *n, struct err *e)
{
	return db_all(db_query(db, sql_report_back, e, "iii", now, district_id, now), a, report_back_row,
	              sizeof(**out), out, n, e);
}
