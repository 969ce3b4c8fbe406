#include "domain/district.h"

#include <stddef.h>
#include <string.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/i18n.h"
#include "core/str.h"

int district_check_slug(const char *slug, struct err *e)
{
	size_t n = strlen(slug);
	if (n < 2 || n > 63)
		return err_set(e, ERR_INVALID, "slug", "The short name must be 2 to 63 characters long.");
	for (size_t i = 0; i < n; i++) {
		char c = slug[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && i > 0 && i + 1 < n);
		if (!ok)
			return err_set(e, ERR_INVALID, "slug",
			               "The short name may hold only lowercase letters, digits and inner hyphens.");
	}
	return 0;
}

/* The name signs every e-mail (its From line): one line only. */
#define D(n, t, m, l) .name = n, .type = t, .off = offsetof(struct district, m), .label = l
const struct field district_fields[] = {
	{D("name", FIELD_LINE, name, N_("The name")), .flags = FIELD_REQUIRED | FIELD_TRANSLATABLE, .max = 200},
	{D("timezone", FIELD_LINE, timezone, N_("The time zone")), .flags = FIELD_REQUIRED, .max = 63},
	{D("languages", FIELD_LINE, languages, N_("The languages")), .max = 120},
	FIELD_END,
};
#undef D

int district_check_name(const char *name, struct err *e)
{
	return field_check_one(&district_fields[0], &(struct district){.name = name}, e);
}

int district_check_timezone(const char *tz, struct err *e)
{
	size_t n = strlen(tz);
	bool ok = n > 0 && n < 64 && tz[0] != '/' && !strstr(tz, "..");
	for (size_t i = 0; ok && i < n; i++) {
		char c = tz[i];
		ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		     c == '/' || c == '_' || c == '-' || c == '+';
	}
	if (ok) {
		char path[128];
		struct stat st;
		struct buf b;
		buf_init(&b, sizeof(path));
		buf_printf(&b, "/usr/share/zoneinfo/%s", tz);
		str_copy(path, sizeof(path), b.p);
		buf_release(&b);
		ok = stat(path, &st) == 0 && S_ISREG(st.st_mode);
	}
	if (!ok)
		return err_set(e, ERR_INVALID, "timezone",
		               "The time zone must be an IANA name such as America/Chicago.");
	return 0;
}

int district_check_languages(const char *langs, char *out, size_t n, struct err *e)
{
	struct buf b;
	buf_init(&b, 256);
	struct str rest = str_from(langs), item;
	int count = 0, rc = 0;
	while (rest.p && rest.len) {
		rest = str_cut(rest, ',', &item);
		item = str_trim(item);
		if (item.len == 0)
			continue;
		bool ok = item.len == 2 && item.p[0] >= 'a' && item.p[0] <= 'z' && item.p[1] >= 'a' &&
		          item.p[1] <= 'z';
		if (!ok) {
			rc = err_set(e, ERR_INVALID, "languages",
			             "Languages are two-letter codes separated by commas, such as \"en, es\".");
			goto out;
		}
		/* A repeated code is harmless; keep the first. */
		bool dup = false;
		for (size_t i = 0; i + 1 < b.len; i += 3)
			dup |= b.p[i] == item.p[0] && b.p[i + 1] == item.p[1];
		if (dup)
			continue;
		if (count++)
			buf_addc(&b, ',');
		buf_add(&b, item.p, 2);
	}
	if (count == 0 || count > 20) {
		rc = err_set(e, ERR_INVALID, "languages", "Give between one and twenty languages, such as \"en, es\".");
		goto out;
	}
	if (str_copy(out, n, b.p) < 0)
		rc = err_set(e, ERR_INVALID, "languages", "Too many languages.");
out:
	buf_release(&b);
	return rc;
}

bool district_has_language(const struct district *d, const char *lang)
{
	if (!d->languages || !lang || strlen(lang) != 2)
		return false;
	for (const char *p = d->languages; *p; p += p[2] ? 3 : 2) {
		if (p[0] == lang[0] && p[1] == lang[1])
			return true;
		if (!p[2])
			break;
	}
	return false;
}
