/* contacts: importing a district's contact list from CSV, and inviting
 * contacts to a session with personal codes that hold reserved seats. */
#ifndef CG_CONTACTS_H
#define CG_CONTACTS_H
#include "core/arena.h"
#include "core/csv.h"
#include "domain/district.h"
#include "service/outbox.h"
#include "store/db.h"

struct import_report {
	int added, updated;
	size_t nrejects, cap;
	struct csv_reject *rejects;   /* by line: "line 14: Enter an e-mail address …" */
};

/* The start of every import: parses data as CSV into *t and copies the
 * records the reader set aside into rep.  Errors as csv_parse. */
int import_read(struct arena *a, const char *data, size_t len, struct csv_table *t, struct import_report *rep,
                struct err *e);
/* Sets row line aside, saying "line N: " and why (msg). */
void import_reject(struct arena *a, struct import_report *rep, size_t line, const char *msg);
/* Sorts the set-aside rows by line. */
void import_sort(struct import_report *rep);

/* Imports a CSV file with columns name and email and/or phone, and
 * optionally language and group (a stakeholder group's name).  A file that
 * cannot be read (not CSV, not UTF-8, a wrong header) is refused whole with
 * ERR_INVALID and nothing is imported; rows with a problem are listed with
 * their line number and the others imported, in one transaction. */
int contacts_import(struct db *db, struct arena *a, const struct district *d, const char *data, size_t len,
                    struct import_report *rep, struct err *e);

/* Invites the contacts with an e-mail address (of one group, or all when
 * group_id is 0) who are not yet invited to s: an invitation code each and
 * an invitation message.  One transaction: on any error (the commit's
 * included) nobody is invited and *invited is 0; otherwise *invited gets
 * how many were. */
int contacts_invite(struct outbox_ctx *x, const struct session *s, const struct conversation *c,
                    const struct district *d, int64_t group_id, int *invited, struct err *e);

#endif
