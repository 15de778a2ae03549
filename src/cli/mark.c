/* mark.c - fonds mark: read, unread, bookmark, unbookmark documents. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/internal.h"
#include "fonds/store.h"

const struct cli_opt cli_mark_opts[] = {
	{ NULL, 0, NULL, NULL }
};

static const struct {
	const char *name, *done;
	int bookmark, on;
} marks[] = {
	{ "read", "marked read", 0, 1 },
	{ "unread", "marked unread", 0, 0 },
	{ "bookmark", "bookmarked", 1, 1 },
	{ "unbookmark", "unbookmarked", 1, 0 },
};

int cli_mark(struct cli *c, int argc, char **argv)
{
	struct cli_getopt g;
	struct strlist ids = {0};
	struct store *s = NULL;
	struct err e;
	const char *what = NULL;
	int k, m = -1, status = EXIT_USAGE;

	cli_getopt_init(&g, argc, argv, cli_mark_opts);
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
		if (!what)
			what = g.value;
		else
			strlist_add(&ids, g.value);
	}
	for (size_t i = 0; what && i < ARRAY_LEN(marks); i++)
		if (strcmp(what, marks[i].name) == 0)
			m = (int)i;
	if (m < 0) {
		status = cli_usage_error(c, what ? "unknown mark \"%s\" (use read, unread, "
		                         "bookmark or unbookmark)" : "which mark? (read, "
		                         "unread, bookmark or unbookmark)%s", what ? what : "");
		goto out;
	}
	if (!ids.n) {
		status = cli_usage_error(c, "which documents? give their IDs");
		goto out;
	}
	if (!(s = cli_open_store(c, 0, 0)) || (status = cli_check_ids(s, ids.v, ids.n))) {
		status = EXIT_USAGE;
		goto out;
	}
	for (size_t i = 0; i < ids.n; i++) {
		int rc = marks[m].bookmark ? store_set_bookmark(s, ids.v[i], marks[m].on, &e)
		                           : store_set_read(s, ids.v[i], marks[m].on, &e);

		if (rc < 0) {
			status = cli_error("%s", e.msg);
			goto out;
		}
	}
	printf("%zu document%s %s\n", ids.n, ids.n == 1 ? "" : "s", marks[m].done);
	status = cli_finish(EXIT_OK);
out:
	if (s)
		store_close(s);
	strlist_clear(&ids);
	return status;
}
