/* test_cli.c - the CLI's pure helpers: option parsing, CSV quoting, number
 * and period formatting, snippet marks, query building. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli/internal.h"
#include "tap.h"

static const struct cli_opt opts[] = {
	{ "limit", 1, "N", "at most N" },
	{ "strict", 2, NULL, "a flag" },
	CLI_FILTER_OPTS,
	{ NULL, 0, NULL, NULL }
};

static void test_getopt(void)
{
	char *argv[] = { "search", "korea", "--limit", "5", "-armistice",
	                 "--db", "x.db", "--strict", "--limit=7", "--",
	                 "--strict", NULL };
	struct cli c;
	struct cli_getopt g;
	struct err e;
	int k;

	memset(&c, 0, sizeof c);
	cli_getopt_init(&g, 11, argv, opts);
	k = cli_getopt(&g, &c, &e);
	is_int(k, CLI_OPT_WORD, "a word");
	is_str(g.value, "korea", "its text");
	k = cli_getopt(&g, &c, &e);
	is_int(k, 1, "--limit N");
	is_str(g.value, "5", "its value");
	k = cli_getopt(&g, &c, &e);
	is_int(k, CLI_OPT_WORD, "-word is a query word, not an option");
	is_str(g.value, "-armistice", "kept whole");
	k = cli_getopt(&g, &c, &e);
	is_int(k, 2, "--db is taken, the flag comes next");
	ok(c.db_path && strcmp(c.db_path, "x.db") == 0, "--db PATH set the path");
	k = cli_getopt(&g, &c, &e);
	is_int(k, 1, "--limit=N");
	is_str(g.value, "7", "its value");
	k = cli_getopt(&g, &c, &e);
	is_int(k, CLI_OPT_WORD, "after --, an option is a word");
	is_str(g.value, "--strict", "kept whole");
	is_int(cli_getopt(&g, &c, &e), CLI_OPT_END, "the end");

	{
		char *bad[] = { "x", "--nope", NULL };

		cli_getopt_init(&g, 2, bad, opts);
		is_int(cli_getopt(&g, &c, &e), CLI_OPT_ERROR, "unknown option");
		ok(strstr(e.msg, "'--nope'") != NULL, "named: %s", e.msg);
	}
	{
		char *bad[] = { "x", "--limit", NULL };

		cli_getopt_init(&g, 2, bad, opts);
		is_int(cli_getopt(&g, &c, &e), CLI_OPT_ERROR, "missing value");
		ok(strstr(e.msg, "needs a value") != NULL, "said: %s", e.msg);
	}
	{
		char *bad[] = { "x", "--strict=1", NULL };

		cli_getopt_init(&g, 2, bad, opts);
		is_int(cli_getopt(&g, &c, &e), CLI_OPT_ERROR, "a flag with a value");
	}
	{
		char *help[] = { "x", "--help", NULL };

		cli_getopt_init(&g, 2, help, opts);
		is_int(cli_getopt(&g, &c, &e), CLI_OPT_HELP, "--help");
	}
}

static void csv_is(const char *in, const char *want)
{
	struct sbuf b = { 0 };

	cli_csv_field(&b, in);
	is_str(sbuf_str(&b), want, "CSV field");
	sbuf_free(&b);
}

static void test_csv(void)
{
	csv_is("plain", "plain");
	csv_is("a; b", "a; b");
	csv_is("a,b", "\"a,b\"");
	csv_is("say \"hi\"", "\"say \"\"hi\"\"\"");
	csv_is("two\nlines", "\"two\nlines\"");
	csv_is("cr\rhere", "\"cr\rhere\"");
	csv_is("", "");
	csv_is(NULL, "");
}

static void test_numbers(void)
{
	char buf[64];

	is_str(cli_thousands(0, buf, sizeof buf), "0", "0");
	is_str(cli_thousands(999, buf, sizeof buf), "999", "999");
	is_str(cli_thousands(1000, buf, sizeof buf), "1,000", "1,000");
	is_str(cli_thousands(12345, buf, sizeof buf), "12,345", "12,345");
	is_str(cli_thousands(1234567, buf, sizeof buf), "1,234,567", "1,234,567");
	is_str(cli_thousands(-1234, buf, sizeof buf), "-1,234", "negative");
	is_str(text_period_format(19500000, DATE_YEAR, buf, sizeof buf), "1950", "a year");
	is_str(text_period_format(19500600, DATE_MONTH, buf, sizeof buf), "1950-06", "a month");
	is_str(text_period_format(19500625, DATE_DAY, buf, sizeof buf), "1950-06-25", "a day");
}

static void test_snippet(void)
{
	char *s = cli_snippet_plain("a \002match\003 here");

	is_str(s, "a match here", "marks removed");
	free(s);
	s = cli_snippet_plain(NULL);
	is_str(s, "", "NULL is empty");
	free(s);
}

static void test_safe(void)
{
	struct cli c;
	char *s;

	memset(&c, 0, sizeof c);
	c.utf8 = 1;
	s = cli_safe_line(&c, "  two\nlines\tand \033[2J  ");
	ok(strchr(s, '\033') == NULL, "no ESC left: %s", s);
	ok(strchr(s, '\n') == NULL, "on one line");
	ok(strncmp(s, "two lines and ", 14) == 0, "white space folded: %s", s);
	free(s);
	s = cli_safe_text(&c, "para\nnext\033");
	ok(strchr(s, '\n') != NULL, "cli_safe_text keeps line breaks");
	ok(strchr(s, '\033') == NULL, "and removes ESC");
	free(s);
}

static void test_query(void)
{
	struct cli_query cq;
	struct query *q = NULL;
	struct err e;

	cli_query_init(&cq);
	cli_query_word(&cq, "korea");
	cli_query_word(&cq, "-armistice");
	is_int(cli_query_option(&cq, CLI_F_FROM, "--from", "1950-06", &e), 1, "--from");
	is_int(cq.from, 19500601, "--from 1950-06 is its first day");
	is_int(cli_query_option(&cq, CLI_F_TO, "--to", "1950", &e), 1, "--to");
	is_int(cq.to, 19501231, "--to 1950 is its last day");
	is_int(cli_query_option(&cq, CLI_F_FROM, "--from", "soon", &e), -1, "bad date");
	ok(strstr(e.msg, "--from: date \"soon\" not understood") != NULL, "said: %s", e.msg);
	is_int(cli_query_option(&cq, CLI_F_PERSON, "--person", "Kim Il Sung", &e), 1, "--person");
	is_int(cli_query_option(&cq, 1, "--limit", "3", &e), 0, "not a filter");
	is_int(cli_query_build(&cq, &q, &e), 0, "built");
	ok(q && q->n == 4, "words, person and dates: 4 clauses (%zu)", q ? q->n : 0);
	query_free(q);
	cli_query_free(&cq);

	cli_query_init(&cq);
	cli_query_word(&cq, "persn:x");
	is_int(cli_query_build(&cq, &q, &e), -1, "malformed query");
	ok(strstr(e.msg, "persn:") != NULL, "quoted: %s", e.msg);
	cli_query_free(&cq);

	cli_query_init(&cq);
	cli_query_option(&cq, CLI_F_FROM, "--from", "1960", &e);
	cli_query_option(&cq, CLI_F_TO, "--to", "1950", &e);
	is_int(cli_query_build(&cq, &q, &e), -1, "--from after --to");
	cli_query_free(&cq);
}

int main(void)
{
	test_getopt();
	test_csv();
	test_numbers();
	test_snippet();
	test_safe();
	test_query();
	return done_testing();
}
