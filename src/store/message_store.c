#include "store/message_store.h"

#include <time.h>

#define MCOLS                                                                                          \
	"id, district_id, COALESCE(registration_id, 0), kind, once_key, lang, to_addr, subject, body, ics," \
	" state, note, attempts, next_attempt_at, last_error, created_at, COALESCE(sent_at, 0)"
static const char *const sql_msg_add =
	"INSERT INTO messages (district_id, registration_id, kind, once_key, lang, to_addr, subject, body, ics, state,"
	" note, attempts, next_attempt_at, created_at) VALUES (?, NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)"
	" ON CONFLICT (once_key) DO NOTHING";
static const char *const sql_msg_due =
	"SELECT " MCOLS " FROM messages WHERE state = 'pending' AND next_attempt_at <= ?"
	" ORDER BY next_attempt_at, id LIMIT ?";
static const char *const sql_msg_claim =
	"UPDATE messages SET next_attempt_at = ? WHERE id = ? AND state = 'pending' AND next_attempt_at <= ?";
static const char *const sql_msg_sent =
	"UPDATE messages SET state = 'sent', sent_at = ?, attempts = attempts + 1, last_error = '' WHERE id = ?";
static const char *const sql_msg_retry =
	"UPDATE messages SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?";
static const char *const sql_msg_failed =
	"UPDATE messages SET attempts = attempts + 1, last_error = ?, state = 'failed' WHERE id = ?";
static const char *const sql_msg_list =
	"SELECT " MCOLS " FROM messages WHERE district_id = ? ORDER BY created_at DESC, id DESC LIMIT ?";
static const char *const sql_msg_get = "SELECT " MCOLS " FROM messages WHERE district_id = ? AND id = ?";
static const char *const sql_msg_exists = "SELECT COUNT(*) FROM messages WHERE once_key = ?";
static const char *const sql_msg_count_kind = "SELECT COUNT(*) FROM messages WHERE registration_id = ? AND kind = ?";

static void msg_row(struct db_stmt *st, struct arena *a, void *out)
{
	struct message *m = out;
	int i = 0;
	m->id = db_col_int(st, i++);
	m->district_id = db_col_int(st, i++);
	m->registration_id = db_col_int(st, i++);
	m->kind = arena_strdup(a, db_col_text(st, i++));
	m->once_key = arena_strdup(a, db_col_text(st, i++));
	m->lang = arena_strdup(a, db_col_text(st, i++));
	m->to_addr = arena_strdup(a, db_col_text(st, i++));
	m->subject = arena_strdup(a, db_col_text(st, i++));
	m->body = arena_strdup(a, db_col_text(st, i++));
	const char *ics = db_col_text(st, i++);
	m->ics = ics ? arena_strdup(a, ics) : NULL;
	m->state = arena_strdup(a, db_col_text(st, i++));
	m->note = arena_strdup(a, db_col_text(st, i++));
	m->attempts = db_col_int(st, i++);
	m->next_attempt_at = db_col_int(st, i++);
	m->last_error = arena_strdup(a, db_col_text(st, i++));
	m->created_at = db_col_int(st, i++);
	m->sent_at = db_col_int(st, i++);
}

int message_store_add(struct db *db, struct message *m, int *added, struct err *e)
{
	int64_t n = 0;
	if (!m->created_at)
		m->created_at = time(NULL);
	int rc = db_run(db, sql_msg_add, e, &n, "iitttttttttii", m->district_id, m->registration_id, m->kind,
	                m->once_key, m->lang, m->to_addr, m->subject, m->body, m->ics, m->state, m->note ? m->note : "",
	                m->next_attempt_at, m->created_at);
	*added = rc == 0 && n > 0;
	return rc;
}

int message_store_due(struct db *db, struct arena *a, int64_t now, int limit, struct message **out, size_t *n,
                      struct err *e)
{
	return db_all(db_query(db, sql_msg_due, e, "ii", now, (int64_t)limit), a, msg_row, sizeof(**out), out, n, e);
}

int message_store_claim(struct db *db, int64_t id, int64_t now, int64_t lease, int *mine, struct err *e)
{
	int64_t n = 0;
	int rc = db_run(db, sql_msg_claim, e, &n, "iii", now + lease, id, now);
	*mine = rc == 0 && n == 1;
	return rc;
}

int message_store_sent(struct db *db, int64_t id, int64_t now, struct err *e)
{
	return db_run(db, sql_msg_sent, e, NULL, "ii", now, id);
}

int message_store_attempt_failed(struct db *db, int64_t id, const char *error, int64_t next, struct err *e)
{
	if (next)
		return db_run(db, sql_msg_retry, e, NULL, "tii", error, next, id);
	return db_run(db, sql_msg_failed, e, NULL, "ti", error, id);
}

int message_store_list(struct db *db, struct arena *a, int64_t district_id, int limit, struct message **out,
                       size_t *n, struct err *e)
{
	return db_all(db_query(db, sql_msg_list, e, "ii", district_id, (int64_t)limit), a, msg_row, sizeof(**out), out,
	              n, e);
}

int message_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t id, struct message *m,
                      struct err *e)
{
	return db_one(db_query(db, sql_msg_get, e, "ii", district_id, id), a, msg_row, m, "No such message.", e);
}

int message_store_exists(struct db *db, const char *once_key, int *exists, struct err *e)
{
	int64_t n = 0;
	int rc = db_run_int(db, sql_msg_exists, e, &n, "t", once_key);
	*exists = n > 0;
	return rc;
}

int message_store_count_kind(struct db *db, int64_t registration_id, const char *kind, int64_t *n, struct err *e)
{
	return db_run_int(db, sql_msg_count_kind, e, n, "it", registration_id, kind);
}
