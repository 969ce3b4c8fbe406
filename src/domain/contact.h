/* contact: a person the district may invite (imported from a CSV file). */
#ifndef CG_CONTACT_H
#define CG_CONTACT_H
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "domain/field.h"

struct contact {
	int64_t id, district_id;
	const char *name, *email, *phone, *language;
	int64_t group_id;      /* 0: none */
	int64_t created_at;
};

/* Name required, its line breaks made spaces (a spreadsheet's cell may
 * wrap); e-mail (lowercased) or phone (digits) required; language
 * among langs, defaulting to the first.  Rewritten strings live in a. */
int contact_check(struct contact *c, struct arena *a, const char *langs, struct err *e);

/* Whom a session's invitations go to: the contacts of one group (0: all).
 * Its fields (domain/field.h): */
struct contact_invite {
	int64_t group_id;
};
extern const struct field contact_invite_fields[];

/* An invitation code: 10 characters a person can read aloud and type
 * (no 0/O, 1/l/I).  out holds 11 bytes. */
void contact_invitation_code(char out[11]);

#endif
