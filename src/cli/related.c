/* related.c - fonds related: the documents related to one, strongest first. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/internal.h"
#include "fonds/store.h"
#include "fonds/text.h"

enum { OPT_FORMAT = 1 };

const struct cli_opt cli_related_opts[] = {
	{ "format", OPT_FORMAT, "FMT", "text (the default), json or csv" },
	{ NULL, 0, NULL, NULL }
};

static const char *const csv_fields[] = {
	"kind", "strength", "id", "date", "title", "reason"
};

static void print_text(const struct cli *c, const struct relation *v, size_t n)
{
	char date[64], *t;
	int idw = 0, kw = 0, w, rest;
	size_t i;

	for (i = 0; i < n; i++) {
		t = cli_safe_line(c, v[i].row.id);
		if ((w = text_width(t)) > idw)
			idw = w;
		free(t);
		if ((w = (int)strlen(store_rel_label(&v[i]))) > kw)
			kw = w;
	}
	for (i = 0; i < n; i++) {
		cli_put_padded(c, store_rel_label(&v[i]), kw, 0);
		fputs("  ", stdout);
		cli_put_padded(c, cli_date(&v[i].row.date, date, sizeof date), 10, 0);
		fputs("  ", stdout);
		t = cli_safe_line(c, v[i].row.id);
		cli_put_padded(c, t, idw, 0);
		free(t);
		fputs("  ", stdout);
		t = cli_safe_line(c, v[i].row.title ? v[i].row.title : "(untitled)");
		rest = c->cols > 0 ? c->cols - kw - 2 - 10 - 2 - idw - 2 : 0;
		cli_put_clipped(c, t, c->cols > 0 && rest < 8 ? 8 : rest);
		free(t);
		putchar('\n');
		if (v[i].reason && *v[i].reason) {
			t = cli_safe_line(c, v[i].reason);
			fputs("    ", stdout);
			cli_put_clipped(c, t, c->cols > 0 ? c->cols - 4 : 0);
			putchar('\n');
			free(t);
		}
	}
}

static void print_json(const struct relation *v, size_t n)
{
	char date[64];
	json_t *o;
	size_t i;

	for (i = 0; i < n; i++) {
		o = json_object();
		json_object_set_new(o, "kind", json_string(store_rel_label(&v[i])));
		json_object_set_new(o, "strength", json_real(v[i].strength));
		json_object_set_new(o, "id", cli_json_str(v[i].row.id));
		json_object_set_new(o, "date", v[i].row.date.prec == DATE_UNDATED ?
		                    json_null() : cli_json_str(text_format_date(
		                    &v[i].row.date, date, sizeof date)));
		json_object_set_new(o, "title", cli_json_str(v[i].row.title));
		json_object_set_new(o, "reason", cli_json_str(v[i].reason));
		cli_json_line(o);
	}
}

static void print_csv(const struct cli *c, const struct relation *v, size_t n)
{
	const char *f[ARRAY_LEN(csv_fields)];
	char date[64], strength[32];
	size_t i;

	cli_csv_row(c, csv_fields, ARRAY_LEN(csv_fields));
	for (i = 0; i < n; i++) {
		snprintf(strength, sizeof strength, "%.3f", v[i].strength);
		f[0] = store_rel_label(&v[i]);
		f[1] = strength;
		f[2] = v[i].row.id;
		f[3] = v[i].row.date.prec == DATE_UNDATED ? NULL :
		       text_format_date(&v[i].row.date, date, sizeof date);
		f[4] = v[i].row.title;
		f[5] = v[i].reason;
		cli_csv_row(c, f, ARRAY_LEN(f));
	}
}

int cli_related(struct cli *c, int argc, char **argv)
{
	struct relation *rel = NULL;
	struct store *s;
	struct doc *d;
	struct err e;
	size_t n = 0;
	int format, status;

	if ((status = cli_doc_arg(c, argc, argv, cli_related_opts, &format, NULL, &s, &d)) >= 0)
		return status;
	if (store_related(s, d->key, STORE_REL_SIMILAR, &rel, &n, &e) < 0) {
		status = cli_error("%s", e.msg);
	} else if (n == 0) {
		if (c->err_tty) {
			char *safe = cli_safe_line(c, d->id);

			cli_error("no documents related to \"%s\"", safe);
			free(safe);
		}
		status = EXIT_NOTHING;
	} else {
		if (format == CLI_TEXT)
			print_text(c, rel, n);
		else if (format == CLI_JSON)
			print_json(rel, n);
		else
			print_csv(c, rel, n);
		status = cli_finish(EXIT_OK);
	}
	relations_free(rel, n);
	doc_free(d);
	store_close(s);
	return status;
}
