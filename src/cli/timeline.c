/* timeline.c - fonds timeline: documents per year, month or day. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/internal.h"
#include "fonds/store.h"
#include "fonds/text.h"

enum { OPT_BY = 1, OPT_FORMAT };

/* The period of the line that counts the undated documents, and (in JSON
 * and CSV) of the one that counts those dated less precisely than the
 * level. */
#define UNDATED "undated"
#define IMPRECISE "imprecise"

const struct cli_opt cli_timeline_opts[] = {
	{ "by", OPT_BY, "PERIOD", "year (the default), month or day" },
	CLI_FILTER_OPTS,
	{ "format", OPT_FORMAT, "FMT", "text (the default, a histogram), json or csv" },
	{ NULL, 0, NULL, NULL }
};

/* Width available for the histogram: the terminal's, else $COLUMNS,
 * else 80. */
static int histogram_width(const struct cli *c)
{
	const char *env = getenv("COLUMNS");
	long n;

	if (c->cols > 0)
		return c->cols;
	if (env && (n = strtol(env, NULL, 10)) >= 20 && n < 1000)
		return (int)n;
	return 80;
}

/* Append a bar of count out of max to b, in at most width cells: full
 * blocks and an eighth-block remainder in UTF-8, '#' otherwise. */
static void bar(const struct cli *c, struct sbuf *b, long long count,
                long long max, int width)
{
	static const char *const eighths[] = {
		"", "\xe2\x96\x8f", "\xe2\x96\x8e", "\xe2\x96\x8d", "\xe2\x96\x8c",
		"\xe2\x96\x8b", "\xe2\x96\x8a", "\xe2\x96\x89"
	};
	long long units, i;

	if (count <= 0 || max <= 0)
		return;
	if (c->utf8) {
		units = (count * width * 8 + max / 2) / max;
		if (units < 1)
			units = 1;
		for (i = 0; i < units / 8; i++)
			sbuf_add(b, "\xe2\x96\x88");
		sbuf_add(b, eighths[units % 8]);
	} else {
		units = (count * width + max / 2) / max;
		if (units < 1)
			units = 1;
		for (i = 0; i < units; i++)
			sbuf_addc(b, '#');
	}
	sbuf_addc(b, ' ');
}

/* One line of the histogram: label, bar, count. */
static void print_bar(const struct cli *c, struct sbuf *line, const char *label,
                      int labelw, long long count, long long max, int width)
{
	sbuf_reset(line);
	sbuf_printf(line, "%-*s  ", labelw, label);
	bar(c, line, count, max, width);
	sbuf_printf(line, "%lld\n", count);
	fputs(sbuf_str(line), stdout);
}

static void print_text(const struct cli *c, const struct bucket *v, size_t n,
                       enum date_prec level, long long coarse, long long undated)
{
	struct sbuf line = { 0 };
	long long max = undated;
	char label[32], num[32];
	int labelw = level >= DATE_DAY ? 10 : level == DATE_MONTH ? 7 : 4;
	int countw, width;
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].count > max)
			max = v[i].count;
	if (undated > 0 && labelw < (int)strlen(UNDATED))
		labelw = (int)strlen(UNDATED);
	countw = snprintf(num, sizeof num, "%lld", max);
	width = histogram_width(c) - labelw - 2 - 1 - countw;
	if (width < 10)
		width = 10;
	for (i = 0; i < n; i++)
		print_bar(c, &line, text_period_format(v[i].period, level, label, sizeof label),
		          labelw, v[i].count, max, width);
	if (undated > 0)
		print_bar(c, &line, UNDATED, labelw, undated, max, width);
	sbuf_free(&line);
	if (coarse > 0)
		printf("(%lld more dated only to the %s)\n", coarse,
		       level >= DATE_DAY ? "month or year" : "year");
}

/* The JSON line and CSV row of the documents counted apart, when any. */
static void json_extra(const char *period, long long count)
{
	json_t *o;

	if (count <= 0)
		return;
	o = json_object();
	json_object_set_new(o, "period", json_string(period));
	json_object_set_new(o, "count", json_integer(count));
	cli_json_line(o);
}

static void csv_extra(const struct cli *c, const char *period, long long count)
{
	char num[32];
	const char *f[2] = { period, num };

	if (count <= 0)
		return;
	snprintf(num, sizeof num, "%lld", count);
	cli_csv_row(c, f, 2);
}

int cli_timeline(struct cli *c, int argc, char **argv)
{
	struct cli_query cq;
	struct cli_getopt g;
	struct query *q = NULL;
	struct store *s = NULL;
	struct bucket *v = NULL;
	struct err e;
	enum date_prec level = DATE_YEAR;
	long long coarse = 0, total = 0, undated = 0;
	size_t n = 0, i;
	int k, format = CLI_TEXT, status = EXIT_USAGE;
	char label[32], num[32];

	cli_query_init(&cq);
	cli_getopt_init(&g, argc, argv, cli_timeline_opts);
	while ((k = cli_query_getopt(&g, c, &cq, &status)) != CLI_OPT_END) {
		switch (k) {
		case CLI_OPT_STOP:
			goto out;
		case CLI_OPT_WORD:
			cli_query_word(&cq, g.value);
			break;
		case OPT_BY:
			if (strcmp(g.value, "year") == 0) {
				level = DATE_YEAR;
			} else if (strcmp(g.value, "month") == 0) {
				level = DATE_MONTH;
			} else if (strcmp(g.value, "day") == 0) {
				level = DATE_DAY;
			} else {
				status = cli_usage_error(c, "--by: unknown period \"%s\" "
				                         "(use year, month or day)", g.value);
				goto out;
			}
			break;
		case OPT_FORMAT:
			if ((format = cli_format_parse("--format", g.value, 7, &e)) < 0) {
				status = cli_usage_error(c, "%s", e.msg);
				goto out;
			}
			break;
		}
	}
	if ((status = cli_query_open(c, &cq, NULL, &q, &s)) >= 0)
		goto out;
	status = EXIT_USAGE;
	if (store_timeline(s, q, level, cq.from, cq.to, &v, &n, &coarse, &e) < 0) {
		status = cli_error("%s", e.msg);
		goto out;
	}
	if (store_count_undated(s, q, &undated, &e) < 0) {
		status = cli_error("%s", e.msg);
		goto out;
	}
	for (i = 0; i < n; i++)
		total += v[i].count;
	if (total == 0 && coarse == 0 && undated == 0) {
		if (c->err_tty)
			cli_error("no dated documents match");
		status = cli_finish(EXIT_NOTHING);
		goto out;
	}
	if (format == CLI_TEXT) {
		print_text(c, v, n, level, coarse, undated);
	} else if (format == CLI_JSON) {
		for (i = 0; i < n; i++) {
			json_t *o = json_object();

			json_object_set_new(o, "period", json_string(
			                    text_period_format(v[i].period, level, label, sizeof label)));
			json_object_set_new(o, "count", json_integer(v[i].count));
			cli_json_line(o);
		}
		json_extra(IMPRECISE, coarse);
		json_extra(UNDATED, undated);
	} else {
		static const char *const head[] = { "period", "count" };
		const char *f[2];

		cli_csv_row(c, head, 2);
		for (i = 0; i < n; i++) {
			snprintf(num, sizeof num, "%lld", v[i].count);
			f[0] = text_period_format(v[i].period, level, label, sizeof label);
			f[1] = num;
			cli_csv_row(c, f, 2);
		}
		csv_extra(c, IMPRECISE, coarse);
		csv_extra(c, UNDATED, undated);
	}
	status = cli_finish(EXIT_OK);
out:
	free(v);
	if (s)
		store_close(s);
	query_free(q);
	cli_query_free(&cq);
	return status;
}
