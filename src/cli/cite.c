/* cite.c - fonds cite: citations of documents in Chicago style, BibTeX,
 * RIS or CSL-JSON; the writer export uses for its bibliography formats. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/internal.h"
#include "fonds/cite.h"
#include "fonds/store.h"

enum { OPT_STYLE = 1 };

const struct cli_opt cli_cite_opts[] = {
	{ "style", OPT_STYLE, "STYLE", "chicago (a full note, the default), bibtex, ris or csl-json" },
	{ NULL, 0, NULL, NULL }
};

void cli_cites_begin(struct cli_cites *w, int style)
{
	memset(w, 0, sizeof *w);
	w->style = style;
	w->accessed = cite_today();
	if (style == CITE_CSL_JSON)
		w->items = json_array();
}

/* Write s, made safe when stdout is a terminal (a citation is data). */
static void put_data(const struct cli *c, const char *s)
{
	if (c->out_tty) {
		char *t = cli_safe_text(c, s);

		fputs(t, stdout);
		free(t);
	} else {
		fputs(s, stdout);
	}
}

void cli_cites_add(const struct cli *c, struct cli_cites *w, const struct doc *d)
{
	struct cite ct;
	char *s = NULL;

	cite_from_doc(&ct, d);
	switch (w->style) {
	case CITE_CHICAGO:
		s = cite_chicago(&ct, w->accessed);
		break;
	case CITE_BIBTEX:
		s = cite_bibtex(&ct, w->accessed);
		break;
	case CITE_RIS:
		s = cite_ris(&ct, w->accessed);
		break;
	case CITE_CSL_JSON:
		json_array_append_new(w->items, cite_csl_json(&ct, w->accessed));
		break;
	}
	if (s) {
		if (w->n && w->style == CITE_BIBTEX)
			putchar('\n');
		put_data(c, s);
		if (w->style == CITE_CHICAGO)
			putchar('\n');
		free(s);
	}
	w->n++;
	cite_free(&ct);
}

void cli_cites_end(const struct cli *c, struct cli_cites *w)
{
	(void)c;
	if (w->items)
		cli_json_line(w->items); /* one array, as pandoc reads it */
	w->items = NULL;
}

int cli_cite(struct cli *c, int argc, char **argv)
{
	struct cli_getopt g;
	struct strlist ids = {0};
	struct store *s = NULL;
	struct cli_cites w;
	struct err e;
	int k, style = CITE_CHICAGO, status = EXIT_USAGE;

	cli_getopt_init(&g, argc, argv, cli_cite_opts);
	while ((k = cli_getopt(&g, c, &e)) != CLI_OPT_END) {
		switch (k) {
		case CLI_OPT_ERROR:
		case CLI_OPT_HELP:
			status = cli_opt_stop(c, k, &e);
			goto out;
		case OPT_STYLE:
			if ((style = cite_style_parse(g.value)) < 0) {
				status = cli_usage_error(c, "unknown style \"%s\" (use chicago, bibtex, "
				                         "ris or csl-json)", g.value);
				goto out;
			}
			break;
		default:
			strlist_add(&ids, g.value);
		}
	}
	if (!ids.n) {
		status = cli_usage_error(c, "which documents? give their IDs");
		goto out;
	}
	if (!(s = cli_open_store(c, 0, 0)) || cli_check_ids(s, ids.v, ids.n))
		goto out;
	cli_cites_begin(&w, style);
	for (size_t i = 0; i < ids.n; i++) {
		struct doc *d;

		if (store_get(s, ids.v[i], &d, &e) <= 0) {
			cli_cites_end(c, &w);
			status = cli_error("%s", e.msg);
			goto out;
		}
		cli_cites_add(c, &w, d);
		doc_free(d);
	}
	cli_cites_end(c, &w);
	status = cli_finish(EXIT_OK);
out:
	if (s)
		store_close(s);
	strlist_clear(&ids);
	return status;
}
