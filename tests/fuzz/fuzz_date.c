/* fuzz_date.c - text_parse_date(), text_parse_bound() and the round trip
 * through text_format_date(). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

static int same_date(const struct date *a, const struct date *b)
{
	return a->prec == b->prec && a->key == b->key && a->first == b->first &&
	       a->last == b->last && a->range == b->range;
}

/* Formatting into short buffers truncates and always terminates. */
static void check_truncation(const struct date *d, const char *full)
{
	size_t len = strlen(full);
	char small[64];

	for (size_t n = 1; n <= len + 1 && n <= sizeof small; n++) {
		memset(small, 'X', sizeof small);
		text_format_date(d, small, n);
		FUZZ_CHECK(strlen(small) == (n - 1 < len ? n - 1 : len) &&
		                   strncmp(small, full, strlen(small)) == 0,
		           "format into %zu bytes gave \"%s\" (full \"%s\")", n,
		           small, full);
	}
}

int fuzz_date(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	struct date d, again;
	char buf[64], buf2[64];
	int32_t lo, hi;
	int rc;

	rc = text_parse_date(s, &d);
	lo = text_parse_bound(s, 0);
	hi = text_parse_bound(s, 1);
	FUZZ_CHECK(rc == 0 || rc == -1, "text_parse_date returned %d", rc);
	fuzz_check_date(&d, "parsed date");
	if (rc < 0 || d.prec == DATE_UNDATED) {
		FUZZ_CHECK(rc == 0 || d.prec == DATE_UNDATED,
		           "failed parse left precision %d", (int)d.prec);
		FUZZ_CHECK(lo == -1 && hi == -1,
		           "no date, but bounds %d and %d", (int)lo, (int)hi);
	} else {
		FUZZ_CHECK(lo == d.first && hi == d.last,
		           "bounds %d..%d differ from the date's %d..%d", (int)lo,
		           (int)hi, (int)d.first, (int)d.last);
		FUZZ_CHECK(text_day_from_number(text_day_number(d.first)) == d.first &&
		                   text_day_from_number(text_day_number(d.last)) == d.last,
		           "day numbers of %d..%d do not round-trip", (int)d.first,
		           (int)d.last);
	}
	if (rc == 0) {
		text_format_date(&d, buf, sizeof buf);
		FUZZ_CHECK(text_parse_date(buf, &again) == 0,
		           "formatted date \"%s\" is not understood", buf);
		FUZZ_CHECK(same_date(&d, &again),
		           "\"%s\" reads back as prec %d key %d %d..%d range %d, "
		           "not prec %d key %d %d..%d range %d",
		           buf, (int)again.prec, (int)again.key, (int)again.first,
		           (int)again.last, again.range, (int)d.prec, (int)d.key,
		           (int)d.first, (int)d.last, d.range);
		text_format_date(&again, buf2, sizeof buf2);
		FUZZ_CHECK(strcmp(buf, buf2) == 0,
		           "\"%s\" formats again as \"%s\"", buf, buf2);
		check_truncation(&d, buf);
	}
	free(s);
	return 0;
}

FUZZ_ENTRY(fuzz_date)
