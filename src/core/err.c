#include "core/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/str.h"

int err_set(struct err *e, int code, const char *field, const char *fmt, ...)
{
	if (!e)
		return code;
	e->code = code;
	str_copy(e->field, sizeof(e->field), field ? field : "");
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return code;
}

void err_clear(struct err *e)
{
	e->code = 0;
	e->field[0] = '\0';
	e->msg[0] = '\0';
}

int err_check_text(const char *v, size_t min, size_t max, const char *field, const char *label, struct err *e)
{
	const char *s = v ? v : "";
	size_t n = strlen(s);
	if (str_trim(str_from(s)).len < min)
		return err_set(e, ERR_INVALID, field, "%s is required.", label);
	/* Forms count characters (maxlength), so the limit does too; no
	 * character takes more than four bytes. */
	if (n > 4 * max || (n > max && utf8_chars(s, n) > max))
		return err_set(e, ERR_INVALID, field, "%s must be at most %zu characters long.", label, max);
	if (!utf8_valid(s, n))
		return err_set(e, ERR_INVALID, field, "%s must be valid UTF-8 text.", label);
	return 0;
}
