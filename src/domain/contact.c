#include "domain/contact.h"

#include <sodium.h>
#include <stddef.h>
#include <stdbool.h>
#include <string.h>

#include "core/i18n.h"
#include "core/lang.h"
#include "domain/registration.h"

const struct field contact_invite_fields[] = {
	{.name = "group_id", .type = FIELD_ID, .off = offsetof(struct contact_invite, group_id), .label = N_("The group"),
	 .msg = N_("Choose one of the district's groups.")},
	FIELD_END,
};

/* A name on one line: a spreadsheet cell that wraps holds line breaks that
 * are its layout, not the name, so each run of them becomes one space. */
static const char *one_line(struct arena *a, const char *s)
{
	if (!s || !strpbrk(s, "\r\n"))
		return s;
	char *out = arena_alloc(a, strlen(s) + 1), *o = out;
	for (const char *p = s; *p; p++) {
		bool brk = *p == '\r' || *p == '\n';
		if (!brk)
			*o++ = *p;
		else if (o == out || o[-1] != ' ')
			*o++ = ' ';
	}
	*o = '\0';
	return out;
}

int contact_check(struct contact *c, struct arena *a, const char *langs, struct err *e)
{
	/* The same rules as a registration, so an imported person can register
	 * with what was imported. */
	char first[LANG_TAG_MAX] = "";
	const char *l = langs;
	lang_list_next(&l, first);
	struct registration r = {.name = one_line(a, c->name), .email = c->email, .phone = c->phone,
	                         .language = c->language && *c->language ? c->language : first};
	int rc = registration_check(&r, a, langs, e);
	if (rc < 0)
		return rc;
	c->name = r.name;
	c->email = r.email;
	c->phone = r.phone;
	c->language = r.language;
	return 0;
}

void contact_invitation_code(char out[11])
{
	static const char alphabet[] = "23456789abcdefghjkmnpqrstuvwxyz";
	for (int i = 0; i < 10; i++)
		out[i] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	out[10] = '\0';
}
