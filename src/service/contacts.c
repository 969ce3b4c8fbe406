#include "service/contacts.h"

#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "store/contact_store.h"
#include "store/group_store.h"
#include "store/invitation_store.h"

static int by_line(const void *a, const void *b)
{
	size_t x = ((const struct csv_reject *)a)->line, y = ((const struct csv_reject *)b)->line;
	return x < y ? -1 : x > y;
}

/* The reader's own messages already say "line N: …". */
static void reject_as_said(struct arena *a, struct import_report *rep, size_t line, const char *msg)
{
	rep->rejects = arena_grow(a, rep->rejects, rep->nrejects, &rep->cap, sizeof(*rep->rejects));
	rep->rejects[rep->nrejects++] = (struct csv_reject){line, msg};
}

int import_read(struct arena *a, const char *data, size_t len, struct csv_table *t, struct import_report *rep,
                struct err *e)
{
	memset(rep, 0, sizeof(*rep));
	int rc = csv_parse(a, data, len, 0, NULL, t, e);
	for (size_t i = 0; rc == 0 && i < t->nrejects; i++)
		reject_as_said(a, rep, t->rejects[i].line, t->rejects[i].msg);
	return rc;
}

void import_reject(struct arena *a, struct import_report *rep, size_t line, const char *msg)
{
	reject_as_said(a, rep, line, arena_printf(a, "line %zu: %s", line, msg));
}

void import_sort(struct import_report *rep)
{
	if (rep->nrejects > 1)
		qsort(rep->rejects, rep->nrejects, sizeof(*rep->rejects), by_line);
}

int contacts_import(struct db *db, struct arena *a, const struct district *d, const char *data, size_t len,
                    struct import_report *rep, struct err *e)
{
	struct csv_table t;
	int rc = import_read(a, data, len, &t, rep, e);
	if (rc < 0)
		return rc;
	int cname = csv_column(&t, "name"), cemail = csv_column(&t, "email"), cphone = csv_column(&t, "phone");
	int clang = csv_column(&t, "language"), cgroup = csv_column(&t, "group");
	if (cname < 0 || (cemail < 0 && cphone < 0)) {
		struct buf have;
		buf_init(&have, 4096);
		for (size_t i = 0; i < t.ncols; i++)
			buf_printf(&have, "%s\"%s\"", i ? ", " : "", t.header[i]);
		err_set(e, ERR_INVALID, "file",
		        "The first line must name the columns: \"name\" and \"email\" or \"phone\" (also \"language\" and \"group\" if you have them). This file has %s.",
		        have.p);
		buf_release(&have);
		return ERR_INVALID;
	}
	struct group *gs;
	size_t ng = 0;
	if ((rc = group_store_list(db, a, d->id, &gs, &ng, e)) < 0)
		return rc;
	if ((rc = db_begin(db, e)) < 0)
		return rc;
	for (size_t i = 0; rc == 0 && i < t.nrows; i++) {
		const char **f = t.rows[i].fields;
		struct contact c = {.district_id = d->id, .name = f[cname], .email = cemail >= 0 ? f[cemail] : "",
		                    .phone = cphone >= 0 ? f[cphone] : "", .language = clang >= 0 ? f[clang] : ""};
		struct err re;
		int bad = contact_check(&c, a, d->languages, &re);
		if (!bad && cgroup >= 0 && *f[cgroup]) {
			bad = ERR_INVALID;
			err_set(&re, ERR_INVALID, "group", "There is no stakeholder group called \"%s\".", f[cgroup]);
			for (size_t k = 0; k < ng; k++)
				if (strcasecmp(gs[k].name, f[cgroup]) == 0) {
					c.group_id = gs[k].id;
					bad = 0;
				}
		}
		if (bad) {
			import_reject(a, rep, t.rows[i].line, re.msg);
			continue;
		}
		int added;
		rc = contact_store_upsert(db, &c, &added, e);
		if (added)
			rep->added++;
		else
			rep->updated++;
	}
	if ((rc = db_end(db, rc, e)) < 0)
		rep->added = rep->updated = 0;
	/* The file's own problems and the rows' problems, in file order. */
	import_sort(rep);
	return rc;
}

int contacts_invite(struct outbox_ctx *x, const struct session *s, const struct conversation *c,
                    const struct district *d, int64_t group_id, int *invited, struct err *e)
{
	struct contact *cs;
	size_t n = 0;
	*invited = 0;
	int rc = db_begin(x->db, e);
	if (rc < 0)
		return rc;
	rc = contact_store_list(x->db, x->a, d->id, &cs, &n, e);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		if (!*cs[i].email || (group_id && cs[i].group_id != group_id))
			continue;
		char code[11];
		contact_invitation_code(code);
		struct invitation inv = {.district_id = d->id, .session_id = s->id, .contact_id = cs[i].id,
		                         .code = arena_strdup(x->a, code)};
		int added;
		rc = invitation_store_add(x->db, &inv, &added, e);
		if (rc < 0 || !added)
			continue;
		rc = outbox_invite(x, &cs[i], inv.code, s, c, d, e);
		(*invited)++;
	}
	if ((rc = db_end(x->db, rc, e)) < 0)
		*invited = 0;
	return rc;
}
