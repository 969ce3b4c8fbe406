#include "service/baseline.h"

#include <string.h>

#include "store/baseline_store.h"

int baseline_import(struct db *db, struct arena *a, const struct district *d, const char *data, size_t len,
                    struct import_report *rep, struct err *e)
{
	struct csv_table t;
	int rc = import_read(a, data, len, &t, rep, e);
	if (rc < 0)
		return rc;
	int cd = csv_column(&t, "dimension"), cc = csv_column(&t, "category"), cs = csv_column(&t, "share");
	if (cd < 0 || cc < 0 || cs < 0)
		return err_set(e, ERR_INVALID, "file",
		               "The first line must name the columns \"dimension\", \"category\" and \"share\".");
	if ((rc = db_begin(db, e)) < 0)
		return rc;
	for (size_t i = 0; rc == 0 && i < t.nrows; i++) {
		const char **f = t.rows[i].fields;
		struct baseline_share b = {.district_id = d->id, .dimension = f[cd], .category = f[cc]};
		struct err re;
		if (baseline_parse_share(f[cs], &b.share_bp, &re) < 0 || baseline_check(&b, &re) < 0) {
			import_reject(a, rep, t.rows[i].line, re.msg);
			continue;
		}
		rc = baseline_store_set(db, &b, e);
		rep->added++;
	}
	if ((rc = db_end(db, rc, e)) < 0)
		rep->added = 0;
	import_sort(rep);
	return rc;
}
