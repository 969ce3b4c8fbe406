#include "store/session_store.h"

#include <time.h>

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
static const char *const sql_sess_venues =
	"SELECT DISTINCT venue_name FROM sessions WHERE district_id = ? AND venue_name <> '' ORDER BY 1";

static const struct db_col sess_cols[] = {
	DB_INT_COL(struct session, id),
	DB_INT_COL(struct session, district_id),
	DB_INT_COL(struct session, conversation_id),
	DB_INT_COL(struct session, starts_at),
	DB_INT_COL(struct session, ends_at),
	DB_TEXT_COL(struct session, format),
	DB_TEXT_COL(struct session, venue_name),
	DB_TEXT_COL(struct session, venue_address),
	DB_BOOL_COL(struct session, transit_access),
	DB_BOOL_COL(struct session, wheelchair_access),
	DB_BOOL_COL(struct session, community_space),
	DB_TEXT_COL(struct session, access_notes),
	DB_TEXT_COL(struct session, platform),
	DB_TEXT_COL(struct session, join_url),
	DB_TEXT_COL(struct session, language),
	DB_TEXT_COL(struct session, interpretation),
	DB_BOOL_COL(struct session, sign_language),
	DB_BOOL_COL(struct session, captions),
	DB_BOOL_COL(struct session, childcare),
	DB_INT_COL(struct session, capacity),
	DB_INT_COL(struct session, reserved_seats),
	DB_BOOL_COL(struct session, registration_open),
	DB_INT_COL(struct session, sequence),
	DB_INT_COL(struct session, created_at),
	DB_INT_COL(struct session, updated_at),
	DB_COLS_END,
};

static void sess_row(struct db_stmt *st, struct arena *a, void *out)
{
	db_fill(st, a, sess_cols, out);
}

/* The values a session's INSERT and UPDATE both write, in their order. */
#define SESSION_VALUES(s)                                                                          \
	db_text(s->format), db_text(s->venue_name), db_text(s->venue_address), db_int(s->transit_access),   \
		db_int(s->wheelchair_access), db_int(s->community_space), db_text(s->access_notes),          \
		db_text(s->platform), db_text(s->join_url), db_text(s->language), db_text(s->interpretation), \
		db_int(s->sign_language), db_int(s->captions), db_int(s->childcare), db_int(s->capacity),      \
		db_int(s->reserved_seats), db_int(s->registration_open), db_int(s->sequence)

int session_store_add(struct db *db, struct session *s, struct err *e)
{
	s->created_at = s->updated_at = time(NULL);
	return db_run_int(db, sql_sess_add, e, &s->id, DB_ARGS(db_int(s->district_id),
			db_int(s->conversation_id), db_int(s->starts_at), db_int(s->ends_at),
			SESSION_VALUES(s),
			db_int(s->created_at), db_int(s->updated_at)));
}

int session_store_update(struct db *db, struct session *s, struct err *e)
{
	int64_t n = 0;
	s->updated_at = time(NULL);
	int rc = db_run(db, sql_sess_update, e, &n, DB_ARGS(db_int(s->starts_at), db_int(s->ends_at),
			SESSION_VALUES(s),
			db_int(s->updated_at), db_int(s->district_id), db_int(s->id)));
	return rc == 0 && n == 0 ? err_set(e, ERR_NOTFOUND, NULL, "No such session.") : rc;
}

int session_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t id, struct session *s,
                      struct err *e)
{
	return db_one(db_query(db, sql_sess_get, e, DB_ARGS(db_int(district_id), db_int(id))), a, sess_row, s, "No such session.", e);
}

int session_store_get_any(struct db *db, struct arena *a, int64_t id, struct session *s, struct err *e)
{
	return db_one(db_query(db, sql_sess_get_any, e, DB_ARGS(db_int(id))), a, sess_row, s, "No such session.", e);
}

int session_store_list(struct db *db, struct arena *a, int64_t district_id, int64_t conversation_id,
                       struct session **out, size_t *n, struct err *e)
{
	return db_all(db_query(db, sql_sess_list, e, DB_ARGS(db_int(district_id), db_int(conversation_id))), a, sess_row,
	              sizeof(**out), out, n, e);
}

static void upcoming_row(struct db_stmt *st, struct arena *a, void *out)
{
	struct upcoming *u = out;
	sess_row(st, a, &u->s);
	u->title = db_col_dup(st, a, 25);
}

int session_store_upcoming(struct db *db, struct arena *a, int64_t district_id, int64_t now,
                           struct upcoming **out, size_t *n, struct err *e)
{
	return db_all(db_query(db, sql_sess_upcoming, e, DB_ARGS(db_int(district_id), db_int(now))), a, upcoming_row, sizeof(**out), out,
	              n, e);
}

int session_store_runnable(struct db *db, struct arena *a, int64_t district_id, int64_t user_id, int64_t since,
                           struct upcoming **out, size_t *n, struct err *e)
{
	return db_all(db_query(db, sql_sess_runnable, e, DB_ARGS(db_int(district_id), db_int(since),
			db_int(user_id), db_int(user_id))), a, upcoming_row,
	              sizeof(**out), out, n, e);
}

int session_store_active(struct db *db, struct arena *a, int64_t now, struct session **out, size_t *n,
                         struct err *e)
{
	return db_all(db_query(db, sql_sess_active, e, DB_ARGS(db_int(now - 15 * 24 * 3600),
			db_int(now + 2 * 24 * 3600))), a, sess_row,
	              sizeof(**out), out, n, e);
}

static void text_row(struct db_stmt *st, struct arena *a, void *out)
{
	*(const char **)out = db_col_dup(st, a, 0);
}

int session_store_venues(struct db *db, struct arena *a, int64_t district_id, const char ***out, size_t *n,
                         struct err *e)
{
	return db_all(db_query(db, sql_sess_venues, e, DB_ARGS(db_int(district_id))), a, text_row, sizeof(**out), out,
	              n, e);
}
