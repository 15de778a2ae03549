/* date.c - dates as sources write them, normalized to yyyymmdd integers.
 *
 * The parser is strict on purpose: the importer tells a date line from a
 * title by asking it, so "21 - 30 of 35" or "Pagination" must fail. A
 * single date is tried first, then the string is split at each range
 * separator ("..", an en or em dash, '-') until both halves are dates:
 * "1950-09" is a month, "1950-1953" a range of years. Years have four
 * digits (0001-9999); the calendar is the proleptic Gregorian one.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "fonds/text.h"

#define MAX_DATE_LEN 256 /* longer strings are never dates */

/* One parsed date before it becomes a struct date. */
struct ymd {
	int y, m, d;
	enum date_prec prec;
};

static const char *const month_names[12] = {
	"january", "february", "march",     "april",   "may",      "june",
	"july",    "august",   "september", "october", "november", "december"
};

static const char *const undated_words[] = {
	"undated", "n.d.", "n.d", "n. d.", "no date", "not dated", "s.d.",
	"date unknown", "unknown date", "[n.d.]", "[undated]"
};

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static int lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Length of the white space at s[0..n): ASCII, or a no-break space. */
static size_t space_at(const char *s, size_t n)
{
	if (n >= 1 && is_space((unsigned char)s[0]))
		return 1;
	if (n >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
		return 2;
	return 0;
}

/* Narrow s[*a..*b) to exclude white space at both ends. */
static void trim(const char *s, size_t *a, size_t *b)
{
	size_t k;

	while (*a < *b && (k = space_at(s + *a, *b - *a)) > 0)
		*a += k;
	while (*b > *a) {
		if (is_space((unsigned char)s[*b - 1]))
			(*b)--;
		else if (*b - *a >= 2 && (unsigned char)s[*b - 2] == 0xC2 &&
			 (unsigned char)s[*b - 1] == 0xA0)
			*b -= 2;
		else
			break;
	}
}

int text_month_days(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30,
				      31, 31, 30, 31, 30, 31 };

	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* Whether r names a real period: year 1-9999, month 1-12, day in month. */
static int ymd_valid(const struct ymd *r)
{
	if (r->y < 1 || r->y > 9999)
		return 0;
	if (r->prec >= DATE_MONTH && (r->m < 1 || r->m > 12))
		return 0;
	if (r->prec >= DATE_DAY && (r->d < 1 || r->d > text_month_days(r->y, r->m)))
		return 0;
	return 1;
}

/* The value of the digits s[0..n), which must be 1 to 9 digits. */
static int digits_value(const char *s, size_t n, int *v)
{
	size_t i;

	if (n == 0 || n > 9)
		return -1;
	*v = 0;
	for (i = 0; i < n; i++) {
		if (!is_digit((unsigned char)s[i]))
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

/* "1950", "19500930", "1950-09", "1950-09-30", "1950/09/30" (one kind of
 * separator; month and day of one or two digits). */
static int parse_numeric(const char *s, size_t n, struct ymd *r)
{
	size_t part[3][2], np = 0, i, at = 0;
	char sep = 0;

	for (i = 0; i <= n; i++) {
		if (i < n && is_digit((unsigned char)s[i]))
			continue;
		if (i < n) {
			if (sep && s[i] != sep)
				return -1;
			sep = s[i];
		}
		if (np == 3)
			return -1;
		part[np][0] = at;
		part[np][1] = i - at;
		np++;
		at = i + 1;
	}
	if (part[0][1] == 8 && np == 1) {
		r->prec = DATE_DAY;
		return digits_value(s, 4, &r->y) || digits_value(s + 4, 2, &r->m) ||
		       digits_value(s + 6, 2, &r->d) ? -1 : 0;
	}
	if (part[0][1] != 4 || digits_value(s, 4, &r->y) < 0)
		return -1;
	r->m = r->d = 0;
	r->prec = (enum date_prec)np;
	for (i = 1; i < np; i++) {
		int *v = i == 1 ? &r->m : &r->d;

		if (part[i][1] > 2 || digits_value(s + part[i][0], part[i][1], v) < 0)
			return -1;
	}
	return 0;
}

/* A token of a date written with a month name. */
struct dtok {
	int kind; /* 'm' month name, 'n' number, 'o' ordinal ("30th") */
	int value;
	size_t digits;
};

/* The month (1-12) named by the lower-case word w[0..n): its full name,
 * its first three letters, or "sept"; 0 when it is no month. */
static int month_number(const char *w, size_t n)
{
	int m;

	for (m = 0; m < 12; m++) {
		const char *name = month_names[m];

		if ((n == strlen(name) || n == 3) && strncmp(w, name, n) == 0)
			return m + 1;
	}
	return n == 4 && strncmp(w, "sept", 4) == 0 ? 9 : 0;
}

/* Whether s starts with an English ordinal suffix ("st", "nd", ...). */
static int is_ordinal(const char *s)
{
	static const char *const suffixes[] = { "st", "nd", "rd", "th" };
	size_t i;

	for (i = 0; i < 4; i++)
		if (lower((unsigned char)s[0]) == suffixes[i][0] &&
		    lower((unsigned char)s[1]) == suffixes[i][1])
			return 1;
	return 0;
}

/* Split s[0..n) into at most ntok tokens; commas are separators like
 * spaces, "of" is skipped ("30th of September 1950"). Returns the count,
 * or -1 on anything else. */
static int tokenize(const char *s, size_t n, struct dtok *t, int ntok)
{
	size_t i = 0;
	int k = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t sp = space_at(s + i, n - i);

		if (sp > 0 || c == ',') {
			i += sp > 0 ? sp : 1;
			continue;
		}
		if (k == ntok)
			return -1;
		if (is_digit(c)) {
			size_t a = i;

			while (i < n && is_digit((unsigned char)s[i]))
				i++;
			if (i - a > 4 || digits_value(s + a, i - a, &t[k].value) < 0)
				return -1;
			t[k].kind = 'n';
			t[k].digits = i - a;
			if (i + 1 < n && i - a <= 2 && is_ordinal(s + i)) {
				t[k].kind = 'o';
				i += 2;
			}
			k++;
		} else if (lower(c) >= 'a' && lower(c) <= 'z') {
			char w[16];
			size_t len = 0;

			while (i < n && lower((unsigned char)s[i]) >= 'a' &&
			       lower((unsigned char)s[i]) <= 'z') {
				if (len == sizeof w - 1)
					return -1;
				w[len++] = (char)lower((unsigned char)s[i++]);
			}
			w[len] = '\0';
			if (strcmp(w, "of") == 0)
				continue;
			t[k].kind = 'm';
			t[k].value = month_number(w, len);
			if (t[k].value == 0)
				return -1;
			k++;
			if (i < n && s[i] == '.') {
				i++; /* "Sept.30, 1950": the dot separates */
				continue;
			}
		} else {
			return -1;
		}
		/* a token must end at a separator or the end */
		if (i < n && !space_at(s + i, n - i) && s[i] != ',')
			return -1;
	}
	return k;
}

/* Whether t is a day of the month: one or two digits, maybe "30th". */
static int is_day(const struct dtok *t)
{
	return (t->kind == 'n' || t->kind == 'o') && t->digits <= 2;
}

static int is_year(const struct dtok *t)
{
	return t->kind == 'n' && t->digits == 4;
}

/* "September 30, 1950", "Sept. 30 1950", "30 September 1950",
 * "30th of Sept. 1950", "1950 September 30", "September 1950". */
static int parse_words(const char *s, size_t n, struct ymd *r)
{
	struct dtok t[4];
	int k = tokenize(s, n, t, 4);

	r->d = 0;
	if (k == 2 && t[0].kind == 'm' && is_year(&t[1])) {
		r->prec = DATE_MONTH;
		r->m = t[0].value;
		r->y = t[1].value;
		return 0;
	}
	if (k != 3)
		return -1;
	r->prec = DATE_DAY;
	if (t[0].kind == 'm' && is_day(&t[1]) && is_year(&t[2])) {
		r->m = t[0].value;
		r->d = t[1].value;
		r->y = t[2].value;
	} else if (is_day(&t[0]) && t[1].kind == 'm' && is_year(&t[2])) {
		r->d = t[0].value;
		r->m = t[1].value;
		r->y = t[2].value;
	} else if (is_year(&t[0]) && t[1].kind == 'm' && is_day(&t[2])) {
		r->y = t[0].value;
		r->m = t[1].value;
		r->d = t[2].value;
	} else {
		return -1;
	}
	return 0;
}

/* One date (no range) in s[a..b). */
static int parse_single(const char *s, size_t a, size_t b, struct ymd *r)
{
	size_t i;
	int numeric = 1;

	trim(s, &a, &b);
	if (a == b)
		return -1;
	for (i = a; i < b; i++)
		if (!is_digit((unsigned char)s[i]) && s[i] != '-' && s[i] != '/')
			numeric = 0;
	if ((numeric ? parse_numeric(s + a, b - a, r) : parse_words(s + a, b - a, r)) < 0)
		return -1;
	return ymd_valid(r) ? 0 : -1;
}

static int32_t ymd_key(int y, int m, int d)
{
	return (int32_t)y * 10000 + m * 100 + d;
}

/* Fill d from a single parsed date. */
static void date_from_ymd(struct date *d, const struct ymd *r)
{
	d->prec = r->prec;
	d->range = 0;
	switch (r->prec) {
	case DATE_DAY:
		d->key = d->first = d->last = ymd_key(r->y, r->m, r->d);
		break;
	case DATE_MONTH:
		d->key = ymd_key(r->y, r->m, 0);
		d->first = d->key + 1;
		d->last = d->key + text_month_days(r->y, r->m);
		break;
	case DATE_YEAR:
		d->key = ymd_key(r->y, 0, 0);
		d->first = d->key + 101;
		d->last = d->key + 1231;
		break;
	default:
		d->key = d->first = d->last = 0;
		break;
	}
}

/* Try s[0..n) as a range split at [at, at + seplen). */
static int try_range(const char *s, size_t n, size_t at, size_t seplen,
		     struct date *d)
{
	struct ymd a, b;
	struct date end;

	if (parse_single(s, 0, at, &a) < 0 || parse_single(s, at + seplen, n, &b) < 0)
		return -1;
	date_from_ymd(d, &a);
	date_from_ymd(&end, &b);
	if (end.last < d->first)
		return -1;
	d->last = end.last;
	d->range = 1;
	return 0;
}

static int is_undated(const char *s, size_t n)
{
	char w[16];
	size_t i;

	if (n >= sizeof w)
		return 0;
	for (i = 0; i < n; i++)
		w[i] = (char)lower((unsigned char)s[i]);
	w[n] = '\0';
	for (i = 0; i < sizeof undated_words / sizeof undated_words[0]; i++)
		if (strcmp(w, undated_words[i]) == 0)
			return 1;
	return 0;
}

int text_parse_date(const char *s, struct date *d)
{
	size_t a = 0, b, i;
	struct ymd r;

	memset(d, 0, sizeof *d);
	d->prec = DATE_UNDATED;
	if (!s)
		return -1;
	b = strnlen(s, MAX_DATE_LEN + 1);
	if (b > MAX_DATE_LEN)
		return -1;
	trim(s, &a, &b);
	s += a;
	b -= a;
	if (b == 0 || is_undated(s, b))
		return 0;
	if (parse_single(s, 0, b, &r) == 0) {
		date_from_ymd(d, &r);
		return 0;
	}
	for (i = 0; i + 1 < b; i++)
		if (s[i] == '.' && s[i + 1] == '.' && try_range(s, b, i, 2, d) == 0)
			return 0;
	for (i = 0; i + 2 < b; i++)
		if ((unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
		    ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94) &&
		    try_range(s, b, i, 3, d) == 0)
			return 0;
	for (i = 0; i < b; i++)
		if (s[i] == '-' && try_range(s, b, i, 1, d) == 0)
			return 0;
	memset(d, 0, sizeof *d);
	d->prec = DATE_UNDATED;
	return -1;
}

int32_t text_parse_bound(const char *s, int is_end)
{
	struct date d;

	if (text_parse_date(s, &d) < 0 || d.prec == DATE_UNDATED)
		return -1;
	return is_end ? d.last : d.first;
}

/* Write the day ymd at precision p: "1950", "1950-09", "1950-09-30". */
static void put_day(char *buf, size_t n, int32_t ymd, enum date_prec p)
{
	int y = (int)(ymd / 10000), m = (int)(ymd / 100 % 100), dd = (int)(ymd % 100);

	if (p == DATE_YEAR)
		snprintf(buf, n, "%04d", y);
	else if (p == DATE_MONTH)
		snprintf(buf, n, "%04d-%02d", y, m);
	else
		snprintf(buf, n, "%04d-%02d-%02d", y, m, dd);
}

/* A range ends with its last day written at the start's precision, or
 * finer when the last day does not end a period of that precision, so
 * that parsing the text gives back the same first and last day. */
char *text_format_date(const struct date *d, char *buf, size_t n)
{
	char a[16], b[16];
	enum date_prec p;
	int y, m, dd;

	if (n == 0)
		return buf;
	if (d->prec == DATE_UNDATED || d->prec > DATE_DAY) {
		snprintf(buf, n, "undated");
		return buf;
	}
	if (!d->range) {
		put_day(buf, n, d->prec == DATE_DAY ? d->key : d->first, d->prec);
		return buf;
	}
	y = (int)(d->last / 10000);
	m = (int)(d->last / 100 % 100);
	dd = (int)(d->last % 100);
	p = d->prec;
	if (p == DATE_YEAR && !(m == 12 && dd == 31))
		p = DATE_MONTH;
	if (p == DATE_MONTH && dd != text_month_days(y, m))
		p = DATE_DAY;
	put_day(a, sizeof a, d->first, d->prec);
	put_day(b, sizeof b, d->last, p);
	snprintf(buf, n, "%s%s%s", a, d->prec == DATE_YEAR && p == DATE_YEAR ? "-" : "..", b);
	return buf;
}

/* Days from civil, after Howard Hinnant's public-domain algorithm. */
long text_day_number(int32_t ymd)
{
	long y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
	long era, yoe, doy, doe;

	if (m < 1)
		m = 1;
	if (m > 12)
		m = 12;
	if (d < 1)
		d = 1;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int32_t text_day_from_number(long days)
{
	long z = days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp < 10 ? mp + 3 : mp - 9;
	long y = yoe + era * 400 + (m <= 2);

	return (int32_t)(y * 10000 + m * 100 + d);
}

/* --- periods ---------------------------------------------------------- */

int32_t text_period_of(int32_t ymd, enum date_prec level)
{
	int32_t y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;

	switch (level) {
	case DATE_DAY:
		return y * 10000 + (m ? m : 1) * 100 + (d ? d : 1);
	case DATE_MONTH:
		return y * 10000 + (m ? m : 1) * 100;
	default:
		return y * 10000;
	}
}

int32_t text_period_add(int32_t p, enum date_prec level, long n)
{
	long y = p / 10000, m = p / 100 % 100, t;

	switch (level) {
	case DATE_DAY:
		return text_day_from_number(text_day_number(p) + n);
	case DATE_MONTH:
		t = y * 12 + (m - 1) + n;
		if (t < 0)
			t = 0;
		return (int32_t)((t / 12) * 10000 + (t % 12 + 1) * 100);
	default:
		y += n;
		if (y < 0)
			y = 0;
		if (y > 9999)
			y = 9999;
		return (int32_t)(y * 10000);
	}
}

long text_period_diff(int32_t a, int32_t b, enum date_prec level)
{
	switch (level) {
	case DATE_DAY:
		return text_day_number(b) - text_day_number(a);
	case DATE_MONTH:
		return (long)(b / 10000 - a / 10000) * 12 +
		       (b / 100 % 100 - a / 100 % 100);
	default:
		return (long)(b / 10000 - a / 10000);
	}
}

void text_period_days(int32_t p, enum date_prec level, int32_t *first,
                        int32_t *last)
{
	int32_t y = p / 10000, m = p / 100 % 100;

	switch (level) {
	case DATE_DAY:
		*first = *last = p;
		break;
	case DATE_MONTH:
		*first = y * 10000 + m * 100 + 1;
		*last = y * 10000 + m * 100 + text_month_days(y, m);
		break;
	default:
		*first = y * 10000 + 101;
		*last = y * 10000 + 1231;
		break;
	}
}

char *text_period_format(int32_t p, enum date_prec level, char *buf,
                           size_t n)
{
	int y = p / 10000, m = p / 100 % 100, d = p % 100;

	switch (level) {
	case DATE_DAY:
		snprintf(buf, n, "%04d-%02d-%02d", y, m, d);
		break;
	case DATE_MONTH:
		snprintf(buf, n, "%04d-%02d", y, m);
		break;
	default:
		snprintf(buf, n, "%04d", y);
		break;
	}
	return buf;
}
