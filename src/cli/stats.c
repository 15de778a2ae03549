/* stats.c - fonds stats: what the database holds. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/internal.h"
#include "fonds/store.h"

enum { OPT_FORMAT = 1 };

const struct cli_opt cli_stats_opts[] = {
	{ "format", OPT_FORMAT, "FMT", "text (the default) or json" },
	{ NULL, 0, NULL, NULL }
};

/* A day yyyymmdd as "1950-06-25" into buf, or NULL when 0. */
static const char *day(int32_t d, char *buf, size_t n)
{
	if (d <= 0)
		return NULL;
	if (d % 10000 == 0) /* a year only */
		snprintf(buf, n, "%04d", d / 10000);
	else if (d % 100 == 0) /* a month */
		snprintf(buf, n, "%04d-%02d", d / 10000, d / 100 % 100);
	else
		snprintf(buf, n, "%04d-%02d-%02d", d / 10000, d / 100 % 100, d % 100);
	return buf;
}

int cli_stats(struct cli *c, int argc, char **argv)
{
	static const struct { const char *key; int facet; } counts[] = {
		{ "people", FACET_PERSON }, { "places", FACET_PLACE },
		{ "subjects", FACET_SUBJECT }, { "collections", FACET_COLLECTION },
		{ "languages", FACET_LANGUAGE }
	};
	struct store_stats st;
	struct cli_getopt g;
	struct store *s;
	struct err e;
	char first[32], last[32];
	const char *f, *l;
	int k, format = CLI_TEXT;
	size_t i;

	cli_getopt_init(&g, argc, argv, cli_stats_opts);
	while ((k = cli_getopt(&g, c, &e)) != CLI_OPT_END) {
		switch (k) {
		case CLI_OPT_ERROR:
			return cli_usage_error(c, "%s", e.msg);
		case CLI_OPT_HELP:
			cli_print_command_help(stdout, c->cmd);
			return cli_finish(EXIT_OK);
		case OPT_FORMAT:
			if ((format = cli_format_parse("--format", g.value,
			                               1 << CLI_TEXT | 1 << CLI_JSON, &e)) < 0)
				return cli_usage_error(c, "%s", e.msg);
			break;
		case CLI_OPT_WORD:
			return cli_usage_error(c, "unexpected argument '%s'", g.value);
		}
	}
	if (!(s = cli_open_store(c, 0, 0)))
		return EXIT_USAGE;
	if (store_stats(s, &st, &e) < 0) {
		store_close(s);
		return cli_error("%s", e.msg);
	}
	f = day(st.first, first, sizeof first);
	l = day(st.last, last, sizeof last);
	if (format == CLI_JSON) {
		json_t *o = json_object();

		json_object_set_new(o, "documents", json_integer(st.documents));
		json_object_set_new(o, "first_date", cli_json_str(f));
		json_object_set_new(o, "last_date", cli_json_str(l));
		json_object_set_new(o, "undated", json_integer(st.undated));
		for (i = 0; i < ARRAY_LEN(counts); i++)
			json_object_set_new(o, counts[i].key,
			                    json_integer(st.names[counts[i].facet]));
		json_object_set_new(o, "relations", json_integer(st.relations));
		json_object_set_new(o, "database", cli_json_str(store_path(s)));
		cli_json_line(o);
	} else {
		char *path = cli_safe_line(c, store_path(s));

		printf("%-12s %s\n", "database", path);
		printf("%-12s %lld\n", "documents", st.documents);
		printf("%-12s %s\n", "first_date", f ? f : "-");
		printf("%-12s %s\n", "last_date", l ? l : "-");
		printf("%-12s %lld\n", "undated", st.undated);
		for (i = 0; i < ARRAY_LEN(counts); i++)
			printf("%-12s %lld\n", counts[i].key, st.names[counts[i].facet]);
		printf("%-12s %lld\n", "relations", st.relations);
		free(path);
	}
	store_close(s);
	return cli_finish(EXIT_OK);
}
