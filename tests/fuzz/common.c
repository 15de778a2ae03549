/* common.c - checks and the import driver shared by the fuzz harnesses. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

#ifdef FUZZ_REPLAY
static unsigned failures;
#endif

void fuzz_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

#ifdef FUZZ_REPLAY
	char msg[2048];

	/* one TAP diagnostic line: control bytes from the input escaped */
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	printf("#   %s:%d: ", file, line);
	for (const char *p = msg; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c < 0x20 || c == 0x7F)
			printf("\\x%02x", c);
		else
			putchar(c);
	}
	putchar('\n');
	fflush(stdout);
	failures++;
#else
	fprintf(stderr, "\n*** fuzz check failed at %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
#endif
}

unsigned fuzz_failures(void)
{
#ifdef FUZZ_REPLAY
	unsigned n = failures;

	failures = 0;
	return n;
#else
	return 0;
#endif
}

char *fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = xmalloc(size + 1);

	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* Whether ymd is a real day: month 1-12, day within the month. */
static int is_day(int32_t ymd)
{
	int y = (int)(ymd / 10000), m = (int)(ymd / 100 % 100), d = (int)(ymd % 100);

	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= text_month_days(y, m);
}

void fuzz_check_date(const struct date *d, const char *what)
{
	if (d->prec == DATE_UNDATED) {
		FUZZ_CHECK(d->key == 0 && d->first == 0 && d->last == 0 && !d->range,
		           "%s: undated but key %d first %d last %d range %d", what,
		           (int)d->key, (int)d->first, (int)d->last, d->range);
		return;
	}
	FUZZ_CHECK(d->prec >= DATE_YEAR && d->prec <= DATE_DAY,
	           "%s: precision %d out of range", what, (int)d->prec);
	FUZZ_CHECK(is_day(d->first), "%s: first %d is not a day", what,
	           (int)d->first);
	FUZZ_CHECK(is_day(d->last), "%s: last %d is not a day", what,
	           (int)d->last);
	FUZZ_CHECK(d->first <= d->last, "%s: first %d after last %d", what,
	           (int)d->first, (int)d->last);
	switch (d->prec) {
	case DATE_DAY:
		FUZZ_CHECK(d->key == d->first, "%s: day key %d, first %d", what,
		           (int)d->key, (int)d->first);
		break;
	case DATE_MONTH:
		FUZZ_CHECK(d->key == d->first / 100 * 100 && d->first % 100 == 1,
		           "%s: month key %d, first %d", what, (int)d->key,
		           (int)d->first);
		break;
	default:
		FUZZ_CHECK(d->key == d->first / 10000 * 10000 &&
		                   d->first % 10000 == 101,
		           "%s: year key %d, first %d", what, (int)d->key,
		           (int)d->first);
		break;
	}
	if (!d->range) {
		int32_t end = d->first;

		if (d->prec == DATE_MONTH)
			end = d->first / 100 * 100 +
			      text_month_days(d->first / 10000, d->first / 100 % 100);
		else if (d->prec == DATE_YEAR)
			end = d->first / 10000 * 10000 + 1231;
		FUZZ_CHECK(d->last == end, "%s: single date %d..%d is not one period",
		           what, (int)d->first, (int)d->last);
	}
}

static void check_str(const char *what, const char *s)
{
	if (s)
		FUZZ_CHECK(text_is_valid(s, strlen(s)), "record %s is not valid UTF-8",
		           what);
}

static void check_list(const char *what, const struct strlist *l)
{
	FUZZ_CHECK(l->n <= l->cap || (l->n == 0 && l->cap == 0),
	           "record %s: %zu items, capacity %zu", what, l->n, l->cap);
	for (size_t i = 0; i < l->n; i++) {
		FUZZ_CHECK(l->v[i] != NULL, "record %s item %zu is NULL", what, i);
		check_str(what, l->v[i]);
	}
}

void fuzz_check_record(const struct record *r)
{
	check_str("id", r->id);
	check_str("date_text", r->date_text);
	check_str("title", r->title);
	check_str("summary", r->summary);
	check_str("body", r->body);
	check_str("source", r->source);
	check_str("language", r->language);
	check_str("url", r->url);
	check_str("type", r->type);
	check_list("people", &r->people);
	check_list("places", &r->places);
	check_list("subjects", &r->subjects);
	check_list("collections", &r->collections);
	check_list("related", &r->related);
	check_list("cites", &r->cites);
	FUZZ_CHECK(r->cites.n == r->cite_why.n, "cites and their reasons differ in number");
	for (size_t i = 0; i < r->texts.n; i++) {
		FUZZ_CHECK(r->texts.v[i].kind && r->texts.v[i].body, "a text without kind or body");
		check_str("text kind", r->texts.v[i].kind);
		check_str("text language", r->texts.v[i].language);
		check_str("text label", r->texts.v[i].label);
		check_str("text body", r->texts.v[i].body);
	}
	fuzz_check_date(&r->date, "record date");
	FUZZ_CHECK(r->title || (!r->summary && !r->body),
	           "record with a summary or text but no title");
	FUZZ_CHECK(!(r->flags & RECORD_TITLE_DERIVED) || r->title,
	           "record flagged with a derived title has none");
}

/* The sink of fuzz_import(). */
struct fsink {
	size_t n;       /* records received */
	size_t stop_at; /* fail on this record (1-based); 0: never */
};

static int sink_record(void *ctx, struct record *r, struct err *e)
{
	struct fsink *s = ctx;

	fuzz_check_record(r);
	record_clear(r);
	if (++s->n == s->stop_at)
		return err_set(e, "fuzz sink: stop");
	return 0;
}

static void sink_warn(void *ctx, const char *msg)
{
	(void)ctx;
	FUZZ_CHECK(msg && *msg, "empty warning");
}

/* One run of parse over the input; returns its result. */
static int run_once(int (*parse)(struct reader *, struct import_sink *, struct err *),
                    const uint8_t *data, size_t size, struct fsink *s)
{
	static const char empty[1];
	struct import_sink sink = { sink_record, sink_warn, s };
	struct reader r;
	struct err e;
	FILE *fp;
	int rc;

	/* fmemopen() never writes in "r" mode; a 0-byte buffer is fine */
	fp = fmemopen(size ? (void *)data : (void *)empty, size, "r");
	if (!fp) {
		perror("fmemopen");
		abort();
	}
	e.msg[0] = '\0';
	reader_init(&r, fp, "fuzz");
	rc = parse(&r, &sink, &e);
	reader_free(&r);
	fclose(fp);
	FUZZ_CHECK(rc == 0 || rc == -1, "parser returned %d", rc);
	FUZZ_CHECK(rc == 0 || e.msg[0], "parser failed without a message");
	FUZZ_CHECK(memchr(e.msg, '\0', sizeof e.msg) != NULL,
	           "error message not terminated");
	return rc;
}

void fuzz_import(int (*parse)(struct reader *, struct import_sink *, struct err *),
                 const uint8_t *data, size_t size)
{
	struct fsink s = { 0, 0 };
	size_t n;
	int rc;

	run_once(parse, data, size, &s);
	n = s.n;
	if (n == 0)
		return;
	s.n = 0;
	s.stop_at = (n + 1) / 2;
	rc = run_once(parse, data, size, &s);
	FUZZ_CHECK(rc == -1, "parser returned %d after its sink failed", rc);
	FUZZ_CHECK(s.n == s.stop_at, "parser went on after its sink failed (%zu "
	           "records, stop at %zu)", s.n, s.stop_at);
}
