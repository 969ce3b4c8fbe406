#include "core/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>

static int quiet;

void log_set_quiet(int q)
{
	quiet = q;
}

__attribute__((format(printf, 2, 0))) static void vlog(const char *level, const char *fmt, va_list ap)
{
	char line[1024], ts[32];
	struct timespec now;
	struct tm tm;
	clock_gettime(CLOCK_REALTIME, &now);
	gmtime_r(&now.tv_sec, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%S", &tm);
	vsnprintf(line, sizeof(line), fmt, ap);
	/* One fprintf call so that lines from several threads do not interleave. */
	fprintf(stderr, "%s.%03ldZ %s %s\n", ts, now.tv_nsec / 1000000, level, line);
}

void log_info(const char *fmt, ...)
{
	if (quiet)
		return;
	va_list ap;
	va_start(ap, fmt);
	vlog("info", fmt, ap);
	va_end(ap);
}

void log_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vlog("warn", fmt, ap);
	va_end(ap);
}
