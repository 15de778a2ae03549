/* export.c - fonds export: every matching document, whole, in date order. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/internal.h"
#include "fonds/store.h"

enum { OPT_FORMAT = 1 };

/* Rows read from the store at a time. */
#define CHUNK 256

const struct cli_opt cli_export_opts[] = {
	CLI_FILTER_OPTS,
	{ "format", OPT_FORMAT, "FMT", "json (JSON Lines, the default) or csv" },
	{ NULL, 0, NULL, NULL }
};

/* Write the documents of one page; returns 0 or -1 with e set. */
static int write_rows(const struct cli *c, struct store *s, int format,
                      const struct rows *rows, struct err *e)
{
	struct doc *d;
	size_t i;
	int rc;

	for (i = 0; i < rows->n; i++) {
		if ((rc = store_get_key(s, rows->v[i].key, &d, e)) < 0)
			return -1;
		if (rc == 0)
			continue; /* gone since the page was read */
		if (format == CLI_JSON) {
			json_t *o = cli_doc_json(s, d, e);

			if (!o)
				rc = -1;
			else
				cli_json_line(o);
		} else {
			rc = cli_doc_csv(c, s, d, e);
		}
		doc_free(d);
		if (rc < 0)
			return -1;
	}
	return 0;
}

int cli_export(struct cli *c, int argc, char **argv)
{
	struct cli_query cq;
	struct cli_getopt g;
	struct query *q = NULL;
	struct store *s = NULL;
	struct page_pos pos = { 0, 0 };
	struct rows rows;
	struct err e;
	int k, format = CLI_JSON, status = EXIT_USAGE, have_pos = 0, done = 0;

	cli_query_init(&cq);
	cli_getopt_init(&g, argc, argv, cli_export_opts);
	while ((k = cli_getopt(&g, c, &e)) != CLI_OPT_END) {
		switch (k) {
		case CLI_OPT_ERROR:
			status = cli_usage_error(c, "%s", e.msg);
			goto out;
		case CLI_OPT_HELP:
			cli_print_command_help(stdout, c->cmd);
			status = cli_finish(EXIT_OK);
			goto out;
		case CLI_OPT_WORD:
			cli_query_word(&cq, g.value);
			break;
		case OPT_FORMAT:
			if ((format = cli_format_parse("--format", g.value,
			                               1 << CLI_JSON | 1 << CLI_CSV, &e)) < 0) {
				status = cli_usage_error(c, "%s", e.msg);
				goto out;
			}
			break;
		default:
			if (cli_query_option(&cq, k, g.opt, g.value, &e) < 0) {
				status = cli_error("%s", e.msg);
				goto out;
			}
			break;
		}
	}
	if (cli_query_build(&cq, &q, &e) < 0) {
		status = cli_error("%s", e.msg);
		goto out;
	}
	if (!(s = cli_open_store(c, 0, 0)))
		goto out;
	if (cli_query_check(s, q, &e) < 0) {
		status = cli_error("%s", e.msg);
		goto out;
	}
	if (format == CLI_CSV)
		cli_csv_row(c, cli_doc_fields, cli_doc_nfields);
	while (!done) {
		memset(&rows, 0, sizeof rows);
		if (store_page(s, q, SORT_DATE, have_pos ? &pos : NULL, 1, 0, CHUNK,
		               &rows, &e) < 0 ||
		    write_rows(c, s, format, &rows, &e) < 0) {
			rows_free(&rows);
			status = cli_error("%s", e.msg);
			goto out;
		}
		if (rows.n > 0) {
			pos.key = rows.v[rows.n - 1].key;
			have_pos = 1;
		}
		done = rows.n < CHUNK;
		rows_free(&rows);
	}
	status = cli_finish(EXIT_OK);
out:
	if (s)
		store_close(s);
	query_free(q);
	cli_query_free(&cq);
	return status;
}
