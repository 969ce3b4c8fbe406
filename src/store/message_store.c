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
	m->kind = db_col_dup(st, a, i++);
	m->once_key = db_col_dup(st, a, i++);
	m->lang = db_col_dup(st, a, i++);
	m->to_addr = db_col_dup(st, a, i++);
	m->subject = db_col_dup(st, a, i++);
	m->body = db_col_dup(st, a, i++);
	m->ics = db_col_is_null(st, i) ? NULL : db_col_dup(st, a, i);
	i++;
	m->state = db_col_dup(st, a, i++);
	m->note = db_col_dup(st, a, i++);
	m->attempts = db_col_int(st, i++);
	m->next_attempt_at = db_col_int(st, i++);
	m->last_error = db_col_dup(st, a, i++);
	m->created_at = db_col_int(st, i++);
	m->sent_at = db_col_int(st, i++);
}

int message_store_add(struct db *db, struct message *m, int *added, struct err *e)
{
	int64_t n = 0;
	if (!m->created_at)
		m->created_at = time(NULL);
	int rc = db_run(db, sql_msg_add, e, &n, DB_ARGS(db_int(m->district_id), db_int(m->registration_id),
			db_text(m->kind), db_text(m->once_key), db_text(m->lang), db_text(m->to_addr),
			db_text(m->subject), db_text(m->body), db_text(m->ics), db_text(m->state),
			db_text(m->note ? m->note : ""), db_int(m->next_attempt_at), db_int(m->created_at)));
	*added = rc == 0 && n > 0;
	return rc;
}

int message_store_due(struct db *db, struct arena *a, int64_t now, int limit, struct message **out, size_t *n,
                      struct err *e)
{
	return db_all(db_query(db, sql_msg_due, e, DB_ARGS(db_int(now), db_int(limit))), a, msg_row, sizeof(**out), out, n, e);
}

int message_store_claim(struct db *db, int64_t id, int64_t now, int64_t lease, int *mine, struct err *e)
{
	int64_t n = 0;
	int rc = db_run(db, sql_msg_claim, e, &n, DB_ARGS(db_int(now + lease), db_int(id), db_int(now)));
	*mine = rc == 0 && n == 1;
	return rc;
}

int message_store_sent(struct db *db, int64_t id, int64_t now, struct err *e)
{
	return db_run(db, sql_msg_sent, e, NULL, DB_ARGS(db_int(now), db_int(id)));
}

int message_store_attempt_failed(struct db *db, int64_t id, const char *error, int64_t next, struct err *e)
{
	if (next)
		return db_run(db, sql_msg_retry, e, NULL, DB_ARGS(db_text(error), db_int(next), db_int(id)));
	return db_run(db, sql_msg_failed, e, NULL, DB_ARGS(db_text(error), db_int(id)));
}

int message_store_list(struct db *db, struct arena *a, int64_t district_id, int limit, struct message **out,
                       size_t *n, struct err *e)
{
	return db_all(db_query(db, sql_msg_list, e, DB_ARGS(db_int(district_id), db_int(limit))), a, msg_row, sizeof(**out), out,
	              n, e);
}

int message_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t id, struct message *m,
                      struct err *e)
{
	return db_one(db_query(db, sql_msg_get, e, DB_ARGS(db_int(district_id), db_int(id))), a, msg_row, m, "No such message.", e);
}

int message_store_exists(struct db *db, const char *once_key, int *exists, struct err *e)
{
	int64_t n = 0;
	int rc = db_run_int(db, sql_msg_exists, e, &n, DB_ARGS(db_text(once_key)));
	*exists = n > 0;
	return rc;
}

int message_store_count_kind(struct db *db, int64_t registration_id, const char *kind, int64_t *n, struct err *e)
{
	return db_run_int(db, sql_msg_count_kind, e, n, DB_ARGS(db_int(registration_id), db_text(kind)));
}
