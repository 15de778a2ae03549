/* tag.c - fonds tag (put tags on documents and take them off) and fonds
 * tags (every tag with its number of documents). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "cli/internal.h"
#include "fonds/store.h"

enum { OPT_FORMAT = 1 };

const struct cli_opt cli_tag_opts[] = {
	{ NULL, 0, NULL, NULL }
};

const struct cli_opt cli_tags_opts[] = {
	{ "format", OPT_FORMAT, "FMT", "text (the default) or json" },
	{ NULL, 0, NULL, NULL }
};

/* Whether some document has tag name. */
static int tag_known(struct store *s, const char *name, struct err *e)
{
	struct facet_value *v;
	size_t n;
	int known = 0;

	if (store_tags(s, &v, &n, e) < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		known |= strcasecmp(v[i].name, name) == 0;
	facet_values_free(v, n);
	return known;
}

int cli_tag(struct cli *c, int argc, char **argv)
{
	struct cli_getopt g;
	struct strlist ids = {0}, add = {0}, del = {0};
	struct store *s = NULL;
	struct err e;
	long changed = 0;
	int k, status = EXIT_USAGE;

	cli_getopt_init(&g, argc, argv, cli_tag_opts);
	while ((k = cli_getopt(&g, c, &e)) != CLI_OPT_END) {
		if (k == CLI_OPT_ERROR) {
			status = cli_usage_error(c, "%s", e.msg);
			goto out;
		}
		if (k == CLI_OPT_HELP) {
			cli_print_command_help(stdout, c->cmd);
			status = cli_finish(EXIT_OK);
			goto out;
		}
		if (g.value[0] == '+' || g.value[0] == '-') {
			if (store_tag_valid(g.value + 1, &e) < 0) {
				status = cli_usage_error(c, "%s", e.msg);
				goto out;
			}
			strlist_add(g.value[0] == '+' ? &add : &del, g.value + 1);
		} else {
			strlist_add(&ids, g.value);
		}
	}
	if (!ids.n || (!add.n && !del.n)) {
		status = cli_usage_error(c, "give document IDs and tags to add (+NAME) "
		                         "or remove (-NAME)");
		goto out;
	}
	if (!(s = cli_open_store(c, 0, 0)) || cli_check_ids(s, ids.v, ids.n))
		goto out;
	for (size_t j = 0; j < del.n; j++) {
		int known = tag_known(s, del.v[j], &e);

		if (known < 0) {
			status = cli_error("%s", e.msg);
			goto out;
		}
		if (!known) {
			status = cli_error("unknown tag \"%s\" (fonds tags lists them)", del.v[j]);
			goto out;
		}
	}
	for (size_t i = 0; i < ids.n; i++) {
		int rc;

		for (size_t j = 0; j < add.n; j++) {
			if ((rc = store_tag(s, ids.v[i], add.v[j], 1, &e)) < 0) {
				status = cli_error("%s", e.msg);
				goto out;
			}
			changed += rc;
		}
		for (size_t j = 0; j < del.n; j++) {
			if ((rc = store_tag(s, ids.v[i], del.v[j], 0, &e)) < 0) {
				status = cli_error("%s", e.msg);
				goto out;
			}
			changed += rc;
		}
	}
	printf("%ld tag%s changed on %zu document%s\n", changed, changed == 1 ? "" : "s",
	       ids.n, ids.n == 1 ? "" : "s");
	status = cli_finish(EXIT_OK);
out:
	if (s)
		store_close(s);
	strlist_clear(&ids);
	strlist_clear(&add);
	strlist_clear(&del);
	return status;
}

int cli_tags(struct cli *c, int argc, char **argv)
{
	struct cli_getopt g;
	struct store *s;
	struct facet_value *v;
	struct err e;
	size_t n;
	int k, format = CLI_TEXT;

	cli_getopt_init(&g, argc, argv, cli_tags_opts);
	while ((k = cli_getopt(&g, c, &e)) != CLI_OPT_END) {
		if (k == CLI_OPT_ERROR)
			return cli_usage_error(c, "%s", e.msg);
		if (k == CLI_OPT_HELP) {
			cli_print_command_help(stdout, c->cmd);
			return cli_finish(EXIT_OK);
		}
		if (k == OPT_FORMAT) {
			if ((format = cli_format_parse("--format", g.value,
			                               1 << CLI_TEXT | 1 << CLI_JSON, &e)) < 0)
				return cli_usage_error(c, "%s", e.msg);
			continue;
		}
		return cli_usage_error(c, "fonds tags takes no arguments");
	}
	if (!(s = cli_open_store(c, 0, 0)))
		return EXIT_USAGE;
	if (store_tags(s, &v, &n, &e) < 0) {
		store_close(s);
		return cli_error("%s", e.msg);
	}
	for (size_t i = 0; i < n; i++) {
		if (format == CLI_JSON) {
			cli_json_line(json_pack("{s:o, s:I}", "tag", cli_json_str(v[i].name),
			                        "documents", (json_int_t)v[i].count));
		} else {
			char *t = cli_safe_line(c, v[i].name);

			printf("%6lld  %s\n", v[i].count, t);
			free(t);
		}
	}
	facet_values_free(v, n);
	store_close(s);
	return cli_finish(n ? EXIT_OK : EXIT_NOTHING);
}
