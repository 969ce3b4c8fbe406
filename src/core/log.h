/* log: one line per event on stderr, with a UTC timestamp. */
#ifndef CG_LOG_H
#define CG_LOG_H

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Silences log_info (tests, benchmarks); warnings still print. */
void log_set_quiet(int quiet);

#endif
