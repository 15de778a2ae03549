/* saved.c - fonds saved: list, add and delete saved searches (@NAME). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/internal.h"
#include "fonds/store.h"

const struct cli_opt cli_saved_opts[] = {
	{ NULL, 0, NULL, NULL }
};

int cli_saved(struct cli *c, int argc, char **argv)
{
	struct cli_getopt g;
	struct strlist words = {0}, queries = {0};
	struct store *s = NULL;
	struct facet_value *names;
	struct sbuf q = {0};
	struct err e;
	size_t n;
	int k, rc, status = EXIT_USAGE;

	cli_getopt_init(&g, argc, argv, cli_saved_opts);
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
		strlist_add(&words, g.value);
	}
	if (words.n && strcmp(words.v[0], "add") != 0 && strcmp(words.v[0], "delete") != 0) {
		status = cli_usage_error(c, "unknown action \"%s\" (use add or delete)", words.v[0]);
		goto out;
	}
	if (words.n && strcmp(words.v[0], "add") == 0 && words.n < 3) {
		status = cli_usage_error(c, "saved add needs a NAME and a QUERY");
		goto out;
	}
	if (words.n && strcmp(words.v[0], "delete") == 0 && words.n != 2) {
		status = cli_usage_error(c, "saved delete needs one NAME");
		goto out;
	}
	if (!(s = cli_open_store(c, 0, 0)))
		goto out;
	if (!words.n) {
		if (store_saved_list(s, &names, &queries, &n, &e) < 0) {
			status = cli_error("%s", e.msg);
			goto out;
		}
		for (size_t i = 0; i < n; i++) {
			char *t = cli_safe_line(c, queries.v[i]);

			printf("@%-15s %s\n", names[i].name, t);
			free(t);
		}
		facet_values_free(names, n);
		status = cli_finish(n ? EXIT_OK : EXIT_NOTHING);
		goto out;
	}
	if (strcmp(words.v[0], "delete") == 0) {
		const char *name = words.v[1] + (words.v[1][0] == '@');

		if ((rc = store_saved_delete(s, name, &e)) < 0)
			status = cli_error("%s", e.msg);
		else if (rc == 0)
			status = cli_error("unknown saved search @%s (fonds saved lists them)", name);
		else
			status = cli_finish(EXIT_OK);
		goto out;
	}
	for (size_t i = 2; i < words.n; i++)
		sbuf_printf(&q, "%s%s", i > 2 ? " " : "", words.v[i]);
	{
		const char *name = words.v[1] + (words.v[1][0] == '@');
		struct query *pq, *x;

		/* the query must run now: its @NAMEs known, no loop */
		if (query_parse(sbuf_str(&q), &pq, &e) < 0) {
			status = cli_error("%s", e.msg);
			goto out;
		}
		rc = store_query_expand(s, pq, &x, &e);
		query_free(pq);
		query_free(x);
		if (rc < 0 || store_saved_set(s, name, sbuf_str(&q), &e) < 0) {
			status = cli_error("%s", e.msg);
			goto out;
		}
		printf("saved @%s\n", name);
	}
	status = cli_finish(EXIT_OK);
out:
	if (s)
		store_close(s);
	strlist_clear(&words);
	strlist_clear(&queries);
	sbuf_free(&q);
	return status;
}
