#include "core/err.h"

#include <stdarg.h>
#include <stdio.h>

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
