#include "store/team_store.h"

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
	rc = db_run(db, sql_team_clear, e, NULL, DB_ARGS(db_int(district_id), db_int(conversation_id)));
	for (size_t i = 0; rc == 0 && i < n; i++) {
		int64_t added = 0;
		/* Only accounts of the same district can join; others are ignored. */
		rc = db_run(db, sql_team_add, e, &added, DB_ARGS(db_int(district_id),
				db_int(conversation_id), db_int(district_id), db_int(user_ids[i])));
		if (rc == ERR_CONFLICT)
			rc = err_set(e, ERR_INVALID, "team", "Each person can be on the team once.");
	}
	return db_end(db, rc, e);
}

static void id_row(struct db_stmt *st, struct arena *a, void *out)
{
	*(int64_t *)out = db_col_int(st, 0);
}

int team_store_list(struct db *db, struct arena *a, int64_t district_id, int64_t conversation_id,
                    int64_t **user_ids, size_t *n, struct err *e)
{
	return db_all(db_query(db, sql_team_list, e, DB_ARGS(db_int(district_id), db_int(conversation_id))), a, id_row,
	              sizeof(**user_ids), user_ids, n, e);
}

int team_store_member(struct db *db, int64_t conversation_id, int64_t user_id, int *member, struct err *e)
{
	int64_t c = 0;
	int rc = db_run_int(db, sql_team_member, e, &c, DB_ARGS(db_int(conversation_id), db_int(user_id)));
	*member = c > 0;
	return rc;
}
