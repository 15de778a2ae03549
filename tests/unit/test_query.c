/* test_query.c - the query language: parsing, errors, printing. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fonds/query.h"
#include "tap.h"

/* Parse and print back; "ERR: message" on a parse error. Caller frees. */
static char *roundtrip(const char *text)
{
	struct query *q;
	struct err e;
	char *out;

	if (query_parse(text, &q, &e) < 0) {
		out = malloc(strlen(e.msg) + 6);
		strcpy(out, "ERR: ");
		strcat(out, e.msg);
		return out;
	}
	out = query_format(q);
	query_free(q);
	return out;
}

static void check(const char *text, const char *want)
{
	char *got = roundtrip(text);

	is_str(got, want, text);
	free(got);
}

static void check_error(const char *text, const char *needle)
{
	char *got = roundtrip(text);

	if (!ok(strncmp(got, "ERR: ", 5) == 0 && strstr(got, needle), "error for %s", text))
		printf("#   got \"%s\", want an error with \"%s\"\n", got, needle);
	free(got);
}

int main(void)
{
	struct query *q;
	struct err e;

	check("", "");
	check("  kim   stalin ", "kim stalin");
	check("\"Kim Il Sung\" telegram", "\"Kim Il Sung\" telegram");
	check("kor*", "kor*");
	check("-pueblo kim", "-pueblo kim");
	check("kim OR mao stalin", "kim OR mao stalin");
	check("a OR b OR c", "a OR b OR c");
	check("person:Stalin", "person:Stalin");
	check("person:\"Kim Il Sung\"", "person:\"Kim Il Sung\"");
	check("PEOPLE:mao", "person:mao");
	check("place:Pyongyang subject:trade collection:x language:Russian id:kr-1",
	      "place:Pyongyang subject:trade collection:x language:Russian id:kr-1");
	check("date:1950-06..1950-12", "date:1950-06-01..1950-12-31");
	check("date:1956", "date:1956");
	check("date:1950-09", "date:1950-09");
	check("date:..1953", "date:..1953-12-31");
	check("date:1953..", "date:1953-01-01..");
	check("-person:stalin", "-person:stalin");
	check("http://example.org", "http://example.org");
	check("— ’ kim", "kim");
	check("or and", "or and");
	check("person:a\"b", "person:a\"b");
	check("person:\"a\nb\"", "person:\"a\nb\"");

	check_error("\"unterminated", "unterminated quote");
	check_error("persn:Stalin", "persn:Stalin");
	check_error("persn:Stalin", "unknown field");
	check_error("OR kim", "OR needs a term");
	check_error("kim OR", "OR needs a term");
	check_error("kim OR OR mao", "OR needs a term");
	check_error("date:195x", "date not understood");
	check_error("date:1960..1950", "ends before it starts");
	check_error("person:", "needs a value");
	check_error("*", "prefix needs letters");
	check_error("-kim OR mao", "cannot be part of OR");

	ok(query_parse("kim date:1950", &q, &e) == 0, "parse mixed");
	is_int(q->n, 2, "two clauses");
	ok(query_has_text(q), "has text");
	is_int(q->v[1].atoms[0].kind, Q_DATE, "second is a date");
	is_int(q->v[1].atoms[0].from, 19500101, "date from");
	is_int(q->v[1].atoms[0].to, 19501231, "date to");
	query_add_field(q, QF_PLACE, "Seoul", 0);
	query_add_dates(q, 19500601, 0);
	{
		char *s = query_format(q);

		is_str(s, "kim date:1950 place:Seoul date:1950-06-01..", "filters appended");
		free(s);
	}
	{
		struct query *d = query_dup(q);

		query_remove(d, 0);
		is_int(d->n, 3, "remove clause");
		ok(!query_has_text(d), "no text after removing the word");
		query_free(d);
	}
	query_free(q);
	ok(query_is_empty(NULL), "NULL is empty");
	ok(query_parse("  ", &q, &e) == 0 && query_is_empty(q), "blank is empty");
	query_free(q);
	ok(query_parse("-kim", &q, &e) == 0 && !query_has_text(q), "only negative: no ranking");
	query_free(q);
	is_int(query_field_parse("Collections"), QF_COLLECTION, "field alias");
	is_int(query_field_parse("nope"), -1, "unknown field");
	return done_testing();
}
