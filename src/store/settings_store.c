#include "store/settings_store.h"

#include <sodium.h>
#include <string.h>

static const char *const sql_setting_add =
	"INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING";
static const char *const sql_setting_get = "SELECT value FROM settings WHERE key = ?";

int settings_store_secret(struct db *db, unsigned char out[32], struct err *e)
{
	unsigned char fresh[32];
	char hex[65];
	randombytes_buf(fresh, sizeof(fresh));
	sodium_bin2hex(hex, sizeof(hex), fresh, sizeof(fresh));
	/* The first process to get here sets it; everyone then reads the same. */
	int rc = db_run(db, sql_setting_add, e, NULL, DB_ARGS(db_text("link_secret"), db_text(hex)));
	if (rc < 0)
		return rc;
	struct db_stmt *st = db_query(db, sql_setting_get, e, DB_ARGS(db_text("link_secret")));
	if (!st)
		return ERR_FAIL;
	rc = db_step(st, e);
	if (rc == 1) {
		const char *v = db_col_text(st, 0);
		size_t bin = 0;
		rc = sodium_hex2bin(out, 32, v, strlen(v), NULL, &bin, NULL) == 0 && bin == 32
		             ? 0
		             : err_set(e, ERR_FAIL, NULL, "the stored link secret is damaged");
	} else if (rc == 0) {
		rc = err_set(e, ERR_FAIL, NULL, "the link secret could not be stored");
	}
	db_reset(st);
	return rc;
}
