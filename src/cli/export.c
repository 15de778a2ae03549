/* export.c - fonds export: every matching document, whole, in date order,
 * as JSON Lines, CSV, a bibliography (BibTeX, RIS, CSL-JSON) or Markdown;
 * or the reader's own data (--user-data). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/internal.h"
#include "fonds/cite.h"
#include "fonds/store.h"

enum { OPT_FORMAT = 1, OPT_USER_DATA };

/* Formats beyond JSON Lines and CSV: citations (enum cite_style) and a
 * Markdown reading list. */
enum { FMT_BIBTEX = 16, FMT_RIS, FMT_CSL_JSON, FMT_MARKDOWN };

/* Rows read from the store at a time. */
#define CHUNK 256

const struct cli_opt cli_export_opts[] = {
	CLI_FILTER_OPTS,
	{ "format", OPT_FORMAT, "FMT", "json (JSON Lines, the default), csv, bibtex, ris, "
	  "csl-json (an array, as pandoc and Zotero read it) or markdown" },
	{ "user-data", OPT_USER_DATA, NULL, "write the reader's notes (with their versions), "
	  "excerpts, tags, marks and saved searches as JSON instead" },
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

struct export_cites {
	const struct cli *c;
	int format;
	struct cli_cites w;
};

/* One document of a bibliography, or of a Markdown reading list: its
 * title, date and id, its citation, its summary. */
static int export_cite(void *ctx, struct doc *d)
{
	struct export_cites *x = ctx;
	char date[64];
	char *t;

	if (x->format != FMT_MARKDOWN) {
		cli_cites_add(x->c, &x->w, d);
		return 0;
	}
	t = cli_safe_line(x->c, d->title);
	printf("%s## %s\n\n", x->w.n ? "\n" : "", t);
	free(t);
	printf("- Date: %s\n- Id: `%s`\n", cli_date(&d->date, date, sizeof date), d->id);
	if (d->tags.n) {
		printf("- Tags:");
		for (size_t i = 0; i < d->tags.n; i++)
			printf(" %s", d->tags.v[i]);
		putchar('\n');
	}
	printf("\n");
	cli_cites_add(x->c, &x->w, d);
	if (d->summary && *d->summary) {
		t = cli_safe_text(x->c, d->summary);
		printf("\n%s\n", t);
		free(t);
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
	int k, format = CLI_JSON, status = EXIT_USAGE, have_pos = 0, done = 0, user_data = 0;

	cli_query_init(&cq);
	cli_getopt_init(&g, argc, argv, cli_export_opts);
	while ((k = cli_query_getopt(&g, c, &cq, &status)) != CLI_OPT_END) {
		switch (k) {
		case CLI_OPT_STOP:
			goto out;
		case CLI_OPT_WORD:
			cli_query_word(&cq, g.value);
			break;
		case OPT_FORMAT:
			if (strcmp(g.value, "bibtex") == 0) {
				format = FMT_BIBTEX;
			} else if (strcmp(g.value, "ris") == 0) {
				format = FMT_RIS;
			} else if (strcmp(g.value, "csl-json") == 0) {
				format = FMT_CSL_JSON;
			} else if (strcmp(g.value, "markdown") == 0) {
				format = FMT_MARKDOWN;
			} else if ((format = cli_format_parse("--format", g.value,
			                                      1 << CLI_JSON | 1 << CLI_CSV, &e)) < 0) {
				status = cli_usage_error(c, "unknown format \"%s\" for --format (use "
				                         "json, csv, bibtex, ris, csl-json or markdown)",
				                         g.value);
				goto out;
			}
			break;
		case OPT_USER_DATA:
			user_data = 1;
			break;
		}
	}
	if ((status = cli_query_open(c, &cq, NULL, &q, &s)) >= 0)
		goto out;
	status = EXIT_USAGE;
	if (user_data) {
		if (cq.text.len || q->n || format != CLI_JSON) {
			status = cli_usage_error(c, "--user-data takes no query or format: it "
			                         "writes all of the reader's data as JSON");
			goto out;
		}
		status = cli_export_user_data(c, s);
		goto out;
	}
	if (format >= FMT_BIBTEX) {
		struct export_cites x = { c, format, { 0 } };

		if (format == FMT_MARKDOWN)
			cli_cites_begin(&x.w, CITE_CHICAGO);
		else
			cli_cites_begin(&x.w, format == FMT_BIBTEX ? CITE_BIBTEX :
			                format == FMT_RIS ? CITE_RIS : CITE_CSL_JSON);
		if (cli_each_doc(s, q, export_cite, &x, &e) < 0) {
			cli_cites_end(c, &x.w);
			status = cli_error("%s", e.msg);
			goto out;
		}
		cli_cites_end(c, &x.w);
		status = cli_finish(EXIT_OK);
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
