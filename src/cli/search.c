/* search.c - fonds search: the documents matching a query, one per line. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/internal.h"
#include "fonds/store.h"
#include "fonds/text.h"

enum { OPT_LIMIT = 1, OPT_SORT, OPT_FORMAT };

/* Without --limit, a search shows this many documents and says so when
 * there are more. */
#define DEFAULT_LIMIT 50
/* Rows read from the store at a time. */
#define CHUNK 256

const struct cli_opt cli_search_opts[] = {
	CLI_FILTER_OPTS,
	{ "limit", OPT_LIMIT, "N", "show at most N documents (default 50; 0 for all)" },
	{ "sort", OPT_SORT, "ORDER", "date (the default) or rank (best match first)" },
	{ "format", OPT_FORMAT, "FMT", "text (the default), json (JSON Lines) or csv" },
	{ NULL, 0, NULL, NULL }
};

/* Print rows [0, n) as aligned text lines. */
static void print_text(const struct cli *c, const struct row *v, size_t n,
                       int snippets)
{
	char **ids = xcalloc(n, sizeof *ids), date[64], *t;
	int idw = 0, w, rest;
	size_t i;

	for (i = 0; i < n; i++) {
		ids[i] = cli_safe_line(c, v[i].id);
		if ((w = text_width(ids[i])) > idw)
			idw = w;
	}
	for (i = 0; i < n; i++) {
		cli_put_padded(c, cli_date(&v[i].date, date, sizeof date), 10, 0);
		fputs("  ", stdout);
		cli_put_padded(c, ids[i], idw, 0);
		fputs("  ", stdout);
		t = cli_safe_line(c, v[i].title ? v[i].title : "(untitled)");
		rest = c->cols > 0 ? c->cols - 10 - 2 - idw - 2 : 0;
		cli_put_clipped(c, t, c->cols > 0 && rest < 8 ? 8 : rest);
		putchar('\n');
		free(t);
		if (snippets && v[i].snippet && *v[i].snippet) {
			fputs("    ", stdout);
			cli_put_snippet(c, v[i].snippet, c->cols > 0 ? c->cols - 4 : 0);
			putchar('\n');
		}
		free(ids[i]);
	}
	free(ids);
}

/* Print rows [0, n) in JSON or CSV, with the whole documents. */
static int print_docs(const struct cli *c, struct store *s, int format,
                      const struct row *v, size_t n, struct err *e)
{
	struct doc *d;
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		if ((rc = store_get_key(s, v[i].key, &d, e)) < 0)
			return -1;
		if (rc == 0)
			continue;
		if (format == CLI_JSON) {
			json_t *o = cli_doc_json(s, d, e);

			if (!o) {
				doc_free(d);
				return -1;
			}
			if (v[i].snippet && *v[i].snippet) {
				char *plain = cli_snippet_plain(v[i].snippet);

				json_object_set_new(o, "snippet", cli_json_str(plain));
				free(plain);
			}
			cli_json_line(o);
		} else if (cli_doc_csv(c, s, d, e) < 0) {
			doc_free(d);
			return -1;
		}
		doc_free(d);
	}
	return 0;
}

int cli_search(struct cli *c, int argc, char **argv)
{
	struct cli_query cq;
	struct cli_getopt g;
	struct query *q = NULL;
	struct store *s = NULL;
	struct page_pos pos;
	struct rows rows;
	struct err e;
	enum store_sort sort = SORT_DATE;
	long limit = DEFAULT_LIMIT, printed = 0;
	int k, format = CLI_TEXT, explicit_limit = 0, more = 0, have_pos = 0;
	int status = EXIT_USAGE, snippets;
	size_t want, use;

	cli_query_init(&cq);
	cli_getopt_init(&g, argc, argv, cli_search_opts);
	while ((k = cli_query_getopt(&g, c, &cq, &status)) != CLI_OPT_END) {
		switch (k) {
		case CLI_OPT_STOP:
			goto out;
		case CLI_OPT_WORD:
			cli_query_word(&cq, g.value);
			break;
		case OPT_LIMIT:
			if (cli_parse_count("--limit", g.value, &limit, &e) < 0) {
				status = cli_usage_error(c, "%s", e.msg);
				goto out;
			}
			explicit_limit = 1;
			break;
		case OPT_SORT:
			if (strcmp(g.value, "date") == 0) {
				sort = SORT_DATE;
			} else if (strcmp(g.value, "rank") == 0) {
				sort = SORT_RANK;
			} else {
				status = cli_usage_error(c, "--sort: unknown order \"%s\" "
				                         "(use date or rank)", g.value);
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
	snippets = c->out_tty && query_has_text(q);
	for (;;) {
		memset(&rows, 0, sizeof rows);
		want = CHUNK;
		if (limit > 0 && (size_t)(limit - printed) + 1 < want)
			want = (size_t)(limit - printed) + 1;
		if (store_page(s, q, sort, have_pos ? &pos : NULL, 1, 0, want, &rows,
		               &e) < 0) {
			rows_free(&rows);
			status = cli_error("%s", e.msg);
			goto out;
		}
		use = rows.n;
		if (limit > 0 && (long)use > limit - printed) {
			use = (size_t)(limit - printed);
			more = 1;
		}
		if (use > 0 && printed == 0 && format == CLI_CSV)
			cli_csv_row(c, cli_doc_fields, cli_doc_nfields);
		if (format == CLI_TEXT) {
			print_text(c, rows.v, use, snippets);
		} else if (print_docs(c, s, format, rows.v, use, &e) < 0) {
			rows_free(&rows);
			status = cli_error("%s", e.msg);
			goto out;
		}
		printed += (long)use;
		if (rows.n > 0) {
			pos.key = rows.v[rows.n - 1].key;
			pos.rank = rows.v[rows.n - 1].rank;
			have_pos = 1;
		}
		rows_free(&rows);
		if (more || use < want || (limit > 0 && printed >= limit))
			break;
	}
	if (printed == 0) {
		if (c->err_tty)
			cli_error("no documents match");
		status = cli_finish(EXIT_NOTHING);
		goto out;
	}
	status = cli_finish(EXIT_OK);
	if (more && !explicit_limit)
		cli_error("showing the first %ld documents; use --limit N for more "
		          "or --limit 0 for all", printed);
out:
	if (s)
		store_close(s);
	query_free(q);
	cli_query_free(&cq);
	return status;
}
