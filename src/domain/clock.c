#include "domain/clock.h"

#include <libical/ical.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/str.h"

/* libical finds a builtin zone by a linear search of some 600 names under a
 * lock; a page shows many times of one district, so each thread remembers
 * the last zone it looked up (libical keeps zones for the process's life). */
static icaltimezone *zone(const char *tzid)
{
	static _Thread_local char last_name[64];
	static _Thread_local icaltimezone *last_zone;
	if (tzid && last_zone && strcmp(tzid, last_name) == 0)
		return last_zone;
	icaltimezone *z = tzid ? icaltimezone_get_builtin_timezone(tzid) : NULL;
	if (!z)
		return icaltimezone_get_utc_timezone();
	if (strlen(tzid) < sizeof(last_name)) {
		memcpy(last_name, tzid, strlen(tzid) + 1);
		last_zone = z;
	}
	return z;
}

/* Reads exactly n digits of s starting at *i. */
static int digits(const char *s, size_t *i, int n, int *out)
{
	int v = 0;
	for (int k = 0; k < n; k++) {
		char c = s[*i];
		if (c < '0' || c > '9')
			return -1;
		v = v * 10 + (c - '0');
		(*i)++;
	}
	*out = v;
	return 0;
}

static int days_in_month(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : d[m - 1];
}

int clock_parse_local(const char *tzid, const char *date, const char *time_s, const char *date_field,
                      const char *time_field, int64_t *out, struct err *e)
{
	int y, mo, d, h, mi;
	size_t i = 0;
	if (strlen(date) != 10 || digits(date, &i, 4, &y) || date[i++] != '-' || digits(date, &i, 2, &mo) ||
	    date[i++] != '-' || digits(date, &i, 2, &d) || y < 2000 || y > 2200 || mo < 1 || mo > 12 || d < 1 ||
	    d > days_in_month(y, mo))
		return err_set(e, ERR_INVALID, date_field, "Enter the date as YYYY-MM-DD, for example 2026-12-03.");
	i = 0;
	size_t tl = strlen(time_s);
	if ((tl != 5 && tl != 8) || digits(time_s, &i, 2, &h) || time_s[i++] != ':' || digits(time_s, &i, 2, &mi) ||
	    h > 23 || mi > 59)
		return err_set(e, ERR_INVALID, time_field, "Enter the time as HH:MM on a 24-hour clock, for example 18:30.");
	struct icaltimetype t = icaltime_null_time();
	t.year = y;
	t.month = mo;
	t.day = d;
	t.hour = h;
	t.minute = mi;
	t.is_date = 0;
	icaltimezone *z = zone(tzid);
	t.zone = z;
	*out = (int64_t)icaltime_as_timet_with_zone(t, z);
	return 0;
}

void clock_to_local(const char *tzid, int64_t t, struct clock_local *out)
{
	struct icaltimetype lt = icaltime_from_timet_with_zone((time_t)t, 0, zone(tzid));
	out->year = lt.year;
	out->month = lt.month;
	out->day = lt.day;
	out->hour = lt.hour;
	out->minute = lt.minute;
	out->weekday = icaltime_day_of_week(lt) - 1;
}

void clock_format_date(const struct clock_local *l, char out[11])
{
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)l->year % 10000u, (unsigned)l->month % 100u,
	         (unsigned)l->day % 100u);
}

void clock_format_time(const struct clock_local *l, char out[6])
{
	snprintf(out, 6, "%02u:%02u", (unsigned)l->hour % 100u, (unsigned)l->minute % 100u);
}

/* How each pages language writes a date: its words and its order. */
enum date_order {
	D_EN,   /* Friday, December 4, 2026; 6:00 PM */
	D_ES,   /* viernes, 4 de diciembre de 2026; 18:00 */
	D_VI,   /* Thứ Sáu, ngày 4 tháng 12 năm 2026; 18:00 */
	D_ZH,   /* 2026年12月4日 星期五; 18:00 */
	D_AR,   /* الجمعة، 4 ديسمبر 2026; 18:00 */
};

struct date_words {
	const char *tag;
	enum date_order order;
	const char *sep;   /* between a date and its time */
	const char *weekdays[7];
	const char *months[12];
};

static const struct date_words date_words[] = {
	{"en", D_EN, ", ", {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
	 {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
	  "November", "December"}},
	{"es", D_ES, ", ", {"domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"},
	 {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
	  "noviembre", "diciembre"}},
	{"vi", D_VI, ", ", {"Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"}, {NULL}},
	{"zh-Hans", D_ZH, " ", {"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"}, {NULL}},
	{"ar", D_AR, "، ", {"الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"},
	 {"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر",
	  "ديسمبر"}},
};

/* The words of lang; English for a language without its own. */
static const struct date_words *words_of(const char *lang)
{
	for (size_t i = 0; lang && i < sizeof(date_words) / sizeof(date_words[0]); i++)
		if (strcmp(date_words[i].tag, lang) == 0)
			return &date_words[i];
	return &date_words[0];
}

void clock_human_date(const struct clock_local *l, const char *lang, struct buf *out)
{
	const struct date_words *w = words_of(lang);
	const char *wd = w->weekdays[(l->weekday % 7 + 7) % 7];
	int m = (l->month - 1 + 12) % 12;
	switch (w->order) {
	case D_ES:
		buf_printf(out, "%s, %d de %s de %d", wd, l->day, w->months[m], l->year);
		break;
	case D_VI:
		buf_printf(out, "%s, ngày %d tháng %d năm %d", wd, l->day, m + 1, l->year);
		break;
	case D_ZH:
		buf_printf(out, "%d年%d月%d日 %s", l->year, m + 1, l->day, wd);
		break;
	case D_AR:
		buf_printf(out, "%s، %d %s %d", wd, l->day, w->months[m], l->year);
		break;
	default:
		buf_printf(out, "%s, %s %d, %d", wd, w->months[m], l->day, l->year);
	}
}

void clock_human_time(const struct clock_local *l, const char *lang, struct buf *out)
{
	if (words_of(lang)->order != D_EN) {
		buf_printf(out, "%02d:%02d", l->hour, l->minute);
		return;
	}
	int h12 = l->hour % 12 == 0 ? 12 : l->hour % 12;
	buf_printf(out, "%d:%02d %s", h12, l->minute, l->hour < 12 ? "AM" : "PM");
}

void clock_human_span_local(const struct clock_local *a, const struct clock_local *b, const char *lang,
                            struct buf *out)
{
	const char *sep = words_of(lang)->sep;
	clock_human_date(a, lang, out);
	buf_adds(out, sep);
	clock_human_time(a, lang, out);
	buf_adds(out, " – ");
	if (a->year != b->year || a->month != b->month || a->day != b->day) {
		clock_human_date(b, lang, out);
		buf_adds(out, sep);
	}
	clock_human_time(b, lang, out);
}

void clock_human_span(const char *tzid, int64_t start, int64_t end, const char *lang, struct buf *out)
{
	struct clock_local a, b;
	clock_to_local(tzid, start, &a);
	clock_to_local(tzid, end, &b);
	clock_human_span_local(&a, &b, lang, out);
}

void clock_iso(int64_t t, char out[21])
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* RFC 3339 (seconds optional unless strict), into UTC seconds. */
static int parse_instant(const char *s, bool strict, int64_t *out)
{
	int y, mo, d, h, mi, sec = 0, oh = 0, om = 0, sign = 0;
	size_t i = 0;
	if (!s || digits(s, &i, 4, &y) || s[i++] != '-' || digits(s, &i, 2, &mo) || s[i++] != '-' ||
	    digits(s, &i, 2, &d) || (s[i] != 'T' && s[i] != 't' && s[i] != ' '))
		return -1;
	i++;
	if (digits(s, &i, 2, &h) || s[i++] != ':' || digits(s, &i, 2, &mi))
		return -1;
	if (s[i] == ':') {
		i++;
		if (digits(s, &i, 2, &sec))
			return -1;
		if (s[i] == '.') {
			size_t from = ++i;
			while (s[i] >= '0' && s[i] <= '9' && i - from < 9)
				i++;
			if (i == from || (s[i] >= '0' && s[i] <= '9'))
				return -1;
		}
	} else if (strict) {
		return -1;
	}
	if ((s[i] == 'Z' || s[i] == 'z') && s[i + 1] == '\0') {
		i++;
	} else if (s[i] == '+' || s[i] == '-') {
		sign = s[i++] == '-' ? -1 : 1;
		if (digits(s, &i, 2, &oh) || s[i++] != ':' || digits(s, &i, 2, &om) || s[i] || oh > 23 || om > 59)
			return -1;
	} else {
		return -1;
	}
	if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || sec > 60)
		return -1;
	struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi, .tm_sec = sec};
	*out = (int64_t)timegm(&tm) - sign * (oh * 3600 + om * 60);
	return 0;
}

int clock_parse_rfc3339(const char *s, int64_t *out)
{
	return parse_instant(s, true, out);
}

int clock_parse_iso(const char *s, int64_t *out)
{
	return parse_instant(s, false, out);
}
