/* test_date.c - date parsing, bounds, formatting and day numbers
 * (src/text/date.c). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fonds/text.h"
#include "fonds/util.h"
#include "tap.h"

/* Parse s and compare every field of the result in one assertion. */
static void date_is(const char *s, enum date_prec prec, int32_t key, int32_t first,
		    int32_t last, int range)
{
	struct date d;
	int rc = text_parse_date(s, &d);

	if (!ok(rc == 0 && d.prec == prec && d.key == key && d.first == first &&
			d.last == last && d.range == range,
		"parse \"%s\"", s))
		printf("#   rc %d prec %d key %ld first %ld last %ld range %d\n", rc,
		       (int)d.prec, (long)d.key, (long)d.first, (long)d.last, d.range);
}

static void day_is(const char *s, int32_t ymd)
{
	date_is(s, DATE_DAY, ymd, ymd, ymd, 0);
}

/* s must be rejected and leave d undated. */
static void bad(const char *s)
{
	struct date d;
	int rc;

	memset(&d, 0x55, sizeof d);
	rc = text_parse_date(s, &d);
	if (!ok(rc == -1 && d.prec == DATE_UNDATED && d.key == 0 && d.first == 0 &&
			d.last == 0 && d.range == 0,
		"reject \"%s\"", s))
		printf("#   rc %d prec %d key %ld\n", rc, (int)d.prec, (long)d.key);
}

static void undated(const char *s)
{
	date_is(s, DATE_UNDATED, 0, 0, 0, 0);
}

static void format_is(const char *s, const char *want)
{
	struct date d;
	char buf[64];

	text_parse_date(s, &d);
	is_str(text_format_date(&d, buf, sizeof buf), want, s);
}

static void test_forms(void)
{
	day_is("September 30, 1950", 19500930);
	day_is("Sept. 30, 1950", 19500930);
	day_is("Sep 30 1950", 19500930);
	day_is("Sep. 30,1950", 19500930);
	day_is("30 September 1950", 19500930);
	day_is("30 Sept. 1950", 19500930);
	day_is("30th of September, 1950", 19500930);
	day_is("September 30th, 1950", 19500930);
	day_is("1950 September 30", 19500930);
	day_is("SEPTEMBER 30, 1950", 19500930);
	day_is("september 30, 1950", 19500930);
	day_is("  September 30, 1950  ", 19500930);
	day_is("September\xc2\xa0" "30,\xc2\xa0" "1950", 19500930);
	day_is("Sept.30, 1950", 19500930);
	day_is("June 3, 1953", 19530603);
	day_is("July 8, 1950", 19500708);
	day_is("1950-09-30", 19500930);
	day_is("1950/09/30", 19500930);
	day_is("1950-9-3", 19500903);
	day_is("19500930", 19500930);
	day_is("May 2, 1957", 19570502);

	date_is("September 1950", DATE_MONTH, 19500900, 19500901, 19500930, 0);
	date_is("Sept. 1950", DATE_MONTH, 19500900, 19500901, 19500930, 0);
	date_is("Sept 1950", DATE_MONTH, 19500900, 19500901, 19500930, 0);
	date_is("1950-09", DATE_MONTH, 19500900, 19500901, 19500930, 0);
	date_is("February 1952", DATE_MONTH, 19520200, 19520201, 19520229, 0);
	date_is("1950", DATE_YEAR, 19500000, 19500101, 19501231, 0);
	date_is("0950", DATE_YEAR, 9500000, 9500101, 9501231, 0);

	/* every month name, full and short, with and without a dot */
	{
		static const char *const names[12][2] = {
			{ "January", "Jan" }, { "February", "Feb" }, { "March", "Mar" },
			{ "April", "Apr" },   { "May", "May" },      { "June", "Jun" },
			{ "July", "Jul" },    { "August", "Aug" },   { "September", "Sep" },
			{ "October", "Oct" }, { "November", "Nov" }, { "December", "Dec" }
		};
		int m, bad_names = 0;

		for (m = 0; m < 12; m++) {
			const char *forms[3] = { names[m][0], names[m][1], names[m][1] };
			int f;

			for (f = 0; f < 3; f++) {
				char s[64];
				struct date d;

				snprintf(s, sizeof s, "%s%s 1, 1960", forms[f], f == 2 ? "." : "");
				if (text_parse_date(s, &d) != 0 || d.key != 19600001 + (m + 1) * 100) {
					printf("#   %s -> %ld\n", s, (long)d.key);
					bad_names++;
				}
			}
		}
		ok(bad_names == 0, "every month name and abbreviation");
	}

	undated("");
	undated("   ");
	undated("undated");
	undated("Undated");
	undated("n.d.");
	undated("N.D.");
	undated("no date");
}

static void test_ranges(void)
{
	date_is("1950-1953", DATE_YEAR, 19500000, 19500101, 19531231, 1);
	date_is("1950 - 1953", DATE_YEAR, 19500000, 19500101, 19531231, 1);
	date_is("1950\xe2\x80\x93" "1953", DATE_YEAR, 19500000, 19500101, 19531231, 1);
	date_is("1950 \xe2\x80\x94 1953", DATE_YEAR, 19500000, 19500101, 19531231, 1);
	date_is("1912- 1994", DATE_YEAR, 19120000, 19120101, 19941231, 1);
	date_is("1950-06-01..1950-12", DATE_DAY, 19500601, 19500601, 19501231, 1);
	date_is("1950-06..1950-12", DATE_MONTH, 19500600, 19500601, 19501231, 1);
	date_is("1950-06..1951-02", DATE_MONTH, 19500600, 19500601, 19510228, 1);
	date_is("1950-06-25..1950-06-27", DATE_DAY, 19500625, 19500625, 19500627, 1);
	date_is("June 25, 1950 - July 27, 1953", DATE_DAY, 19500625, 19500625, 19530727, 1);
	date_is("September 1950 \xe2\x80\x93 March 1951", DATE_MONTH, 19500900, 19500901,
		19510331, 1);
	date_is("1950-1950", DATE_YEAR, 19500000, 19500101, 19501231, 1);
	bad("1953-1950");
	bad("1950-06..1950-05");
	bad("1950..");
	bad("..1950");
	bad("1950-");
	bad("-1950");
	bad("1950--1953");
}

static void test_invalid(void)
{
	bad("February 30, 1950");
	bad("February 29, 1950");
	bad("April 31, 1950");
	bad("1950-13");
	bad("1950-00");
	bad("1950-02-30");
	bad("1950-09-31");
	bad("19501301");
	bad("19500230");
	bad("0000");
	bad("September 0, 1950");
	bad("September 32, 1950");
	bad("Septembre 30, 1950");
	bad("Febuary 3, 1950");
	bad("September 30");
	bad("30 1950");
	bad("September 30, 50");
	bad("950");
	bad("195");
	bad("195009");
	bad("1950-09-30T12:00");
	bad("1950/09-30");
	bad("Skip to content");
	bad("21 - 30 of 35");
	bad("1 - 10 of 10");
	bad("Pagination");
	bad("Documents");
	bad("(372) documents");
	bad("-");
	bad("September 30, 1950.");
	bad("September 31st, 1950");
	bad("30xx September 1950");
	bad("Record of Molotov's Conversation with US Ambassador Bohlen");
	bad("September 30, 1950 September");
	{
		char *longs = xmalloc(1001);

		memset(longs, ' ', 1000);
		memcpy(longs + 500, "1950", 4);
		longs[1000] = '\0';
		bad(longs);
		free(longs);
	}
}

static void test_leap(void)
{
	day_is("February 29, 1952", 19520229);
	day_is("February 29, 2000", 20000229);
	day_is("1600-02-29", 16000229);
	bad("February 29, 1900");
	bad("2100-02-29");
	is_int(text_month_days(1950, 2), 28, "month_days: 1950-02");
	is_int(text_month_days(1952, 2), 29, "month_days: 1952-02");
	is_int(text_month_days(1900, 2), 28, "month_days: 1900-02");
	is_int(text_month_days(2000, 2), 29, "month_days: 2000-02");
	is_int(text_month_days(1950, 9), 30, "month_days: September");
	is_int(text_month_days(1950, 12), 31, "month_days: December");
	is_int(text_month_days(1950, 13), 0, "month_days: month 13");
	is_int(text_month_days(1950, 0), 0, "month_days: month 0");
}

static void test_bounds(void)
{
	is_int(text_parse_bound("1950", 0), 19500101, "bound: year start");
	is_int(text_parse_bound("1950", 1), 19501231, "bound: year end");
	is_int(text_parse_bound("1950-06", 0), 19500601, "bound: month start");
	is_int(text_parse_bound("1950-06", 1), 19500630, "bound: month end");
	is_int(text_parse_bound("1952-02", 1), 19520229, "bound: leap February end");
	is_int(text_parse_bound("1950-06-30", 0), 19500630, "bound: day start");
	is_int(text_parse_bound("1950-06-30", 1), 19500630, "bound: day end");
	is_int(text_parse_bound("September 30, 1950", 1), 19500930, "bound: long form");
	is_int(text_parse_bound("Sept. 1950", 1), 19500930, "bound: month name");
	is_int(text_parse_bound("1950-1953", 1), 19531231, "bound: range end");
	is_int(text_parse_bound("1950-1953", 0), 19500101, "bound: range start");
	is_int(text_parse_bound("nonsense", 0), -1, "bound: not understood");
	is_int(text_parse_bound("", 0), -1, "bound: empty");
	is_int(text_parse_bound("undated", 1), -1, "bound: undated");
	is_int(text_parse_bound("1950-02-30", 0), -1, "bound: invalid day");
}

static void test_format(void)
{
	struct date d = { DATE_DAY, 19500930, 19500930, 19500930, 0 };
	char small[5];

	format_is("September 30, 1950", "1950-09-30");
	format_is("Sept. 1950", "1950-09");
	format_is("1950", "1950");
	format_is("1950 \xe2\x80\x93 1953", "1950-1953");
	format_is("1950-06..1950-12", "1950-06..1950-12");
	format_is("1950-06-01..1950-12", "1950-06-01..1950-12-31");
	format_is("June 25, 1950 - July 27, 1953", "1950-06-25..1953-07-27");
	format_is("1950..1950-06", "1950..1950-06");
	format_is("undated", "undated");
	format_is("0950", "0950");
	is_str(text_format_date(&d, small, sizeof small), "1950", "format: truncated to the buffer");

	/* formatting and parsing again gives the same date */
	{
		static const char *const forms[] = {
			"September 30, 1950", "Sept. 1950", "1950", "1950-1953",
			"1950-06..1950-12", "1950-06-01..1950-12", "1950..1951-03",
			"1950-06-25..1950-06-27", "undated"
		};
		size_t i;
		int bad_round = 0;

		for (i = 0; i < ARRAY_LEN(forms); i++) {
			struct date a, b;
			char buf[64];

			text_parse_date(forms[i], &a);
			text_format_date(&a, buf, sizeof buf);
			if (text_parse_date(buf, &b) != 0 || memcmp(&a, &b, sizeof a) != 0) {
				printf("#   %s -> %s\n", forms[i], buf);
				bad_round++;
			}
		}
		ok(bad_round == 0, "format then parse round-trips");
	}
}

static void test_day_numbers(void)
{
	long n, prev;
	int32_t ymd;
	int bad_days = 0;

	is_int(text_day_number(19700101), 0, "day number: epoch");
	is_int(text_day_number(19700102), 1, "day number: epoch + 1");
	is_int(text_day_number(19691231), -1, "day number: day before the epoch");
	is_int(text_day_number(19500930), -7033, "day number: 1950-09-30");
	is_int(text_day_number(20000301), 11017, "day number: 2000-03-01");
	is_int(text_day_number(19500900), text_day_number(19500901), "day number: day 0 is 1");
	is_int(text_day_number(19500000), text_day_number(19500101), "day number: month 0 is 1");
	is_int(text_day_number(19530101) - text_day_number(19520101), 366, "day number: leap year length");
	is_int(text_day_from_number(0), 19700101, "from number: epoch");
	is_int(text_day_from_number(-7033), 19500930, "from number: 1950-09-30");
	is_int(text_day_from_number(text_day_number(10000101)), 10000101, "from number: year 1000");
	is_int(text_day_from_number(text_day_number(99991231)), 99991231, "from number: year 9999");

	/* every day from 1000-01-01 to 9999-12-31 round-trips and follows the
	 * previous one */
	prev = text_day_number(10000101) - 1;
	for (n = text_day_number(10000101); n <= text_day_number(99991231); n++) {
		int y, m, d;

		ymd = text_day_from_number(n);
		y = ymd / 10000;
		m = ymd / 100 % 100;
		d = ymd % 100;
		if (text_day_number(ymd) != n || n != prev + 1 || m < 1 || m > 12 ||
		    d < 1 || d > text_month_days(y, m)) {
			if (bad_days++ < 5)
				printf("#   day %ld -> %ld\n", n, (long)ymd);
		}
		prev = n;
	}
	ok(bad_days == 0, "day numbers round-trip from 1000 to 9999");
}

/* Each date line in the seed pages parses; together they span 1949-09-24
 * to 1974-12-21 (see the seeds' README). */
static void test_seeds(void)
{
	const char *dir = getenv("FONDS_SEEDS");
	const char *names[] = { "000_977cbeacce77201b.txt", "001_f899af1d1bf2928c.txt",
				"002_d2eadf9cfc334338.txt", "003_f65aea8e7f2bc8a3.txt",
				"004_961ba4dfd91e6592.txt" };
	size_t i;
	int pages = 0, dates = 0, missed = 0;
	int32_t lo = 99999999, hi = 0;

	for (i = 0; dir && i < ARRAY_LEN(names); i++) {
		char path[4096], line[8192];
		FILE *f;

		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		f = fopen(path, "r");
		if (!f)
			continue;
		pages++;
		while (fgets(line, sizeof line, f)) {
			struct date d;
			size_t len = strcspn(line, "\r\n");
			int looks_dated;
			const char *comma;

			line[len] = '\0';
			/* "Month D, YYYY" alone on a line */
			comma = strchr(line, ',');
			looks_dated = len > 0 && len < 20 && comma && comma[1] == ' ' &&
				      strlen(comma + 2) == 4;
			if (!looks_dated)
				continue;
			if (text_parse_date(line, &d) != 0 || d.prec != DATE_DAY) {
				printf("#   not parsed: %s\n", line);
				missed++;
				continue;
			}
			dates++;
			if (d.key < lo)
				lo = d.key;
			if (d.key > hi)
				hi = d.key;
		}
		fclose(f);
	}
	if (pages == 0) {
		skip_seeds("seed pages not found (FONDS_SEEDS)");
		return;
	}
	ok(missed == 0 && dates >= 40, "seeds: %d date lines parse", dates);
	is_int(lo, 19490924, "seeds: earliest date");
	is_int(hi, 19741221, "seeds: latest date");
}

/* Periods: the one place of their arithmetic. */
static void test_periods(void)
{
	char buf[16];
	int32_t f, l;

	is_int(text_period_of(19500927, DATE_YEAR), 19500000, "period of a day: year");
	is_int(text_period_of(19500927, DATE_MONTH), 19500900, "period of a day: month");
	is_int(text_period_of(19500900, DATE_DAY), 19500901, "a month at day level: its first day");
	is_int(text_period_add(19501200, DATE_MONTH, 1), 19510100, "December + 1 month");
	is_int(text_period_add(19510100, DATE_MONTH, -1), 19501200, "January - 1 month");
	is_int(text_period_add(19500228, DATE_DAY, 1), 19500301, "28 Feb 1950 + 1 day");
	is_int(text_period_add(19520228, DATE_DAY, 1), 19520229, "1952 is a leap year");
	is_int(text_period_add(19500000, DATE_YEAR, 24), 19740000, "1950 + 24 years");
	is_int(text_period_diff(19490000, 19740000, DATE_YEAR), 25, "years 1949..1974");
	is_int(text_period_diff(19501100, 19510200, DATE_MONTH), 3, "months Nov..Feb");
	is_int(text_period_diff(19500101, 19501231, DATE_DAY), 364, "days in 1950");
	text_period_days(19520200, DATE_MONTH, &f, &l);
	ok(f == 19520201 && l == 19520229, "February 1952 runs 1..29");
	text_period_days(19560000, DATE_YEAR, &f, &l);
	ok(f == 19560101 && l == 19561231, "1956 runs January 1..December 31");
	is_str(text_period_format(19500900, DATE_MONTH, buf, sizeof buf), "1950-09", "month label");
	is_str(text_period_format(19500930, DATE_DAY, buf, sizeof buf), "1950-09-30", "day label");
	is_str(text_period_format(19560000, DATE_YEAR, buf, sizeof buf), "1956", "year label");
}

int main(void)
{
	test_forms();
	test_ranges();
	test_invalid();
	test_leap();
	test_bounds();
	test_format();
	test_day_numbers();
	test_periods();
	test_seeds();
	return done_testing();
}
