/* people.c - fonds people, fonds person, fonds relate; loading the name
 * authority that imports recognise people with. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/internal.h"
#include "fonds/people.h"

/* Find the bundled authority like the sample collection. Caller frees. */
static char *bundled_authority(void)
{
	char *sample = cli_sample_path();
	char *slash;
	struct sbuf b = {0};

	if (!sample)
		return NULL;
	slash = strrchr(sample, '/');
	sbuf_addn(&b, sample, slash ? (size_t)(slash - sample + 1) : 0);
	sbuf_add(&b, "people.txt");
	free(sample);
	return sbuf_take(&b);
}

/* A warning about a line of an authority file: it may quote the file. */
static void warn_authority(void *ctx, const char *msg)
{
	char *safe = cli_safe_line(ctx, msg);

	fflush(stdout);
	fprintf(stderr, "fonds: %s\n", safe);
	free(safe);
}

int cli_load_authority(struct cli *c, struct store *s)
{
	char *bundled, *user;
	struct err e;
	int rc = 0;

	if (c->authority)
		return 0;
	c->authority = xcalloc(1, sizeof *c->authority);
	bundled = bundled_authority();
	if (bundled && authority_load(c->authority, bundled, 0, warn_authority, c, &e) < 0)
		rc = cli_error("%s", e.msg);
	free(bundled);
	user = authority_default_user_path();
	if (rc == 0 && user && authority_load(c->authority, user, 0, warn_authority, c, &e) < 0)
		rc = cli_error("%s", e.msg);
	free(user);
	if (rc)
		return -1;
	store_set_authority(s, c->authority);
	if (store_people_sync(s, c->authority, 0, &e) < 0)
		return cli_error("%s", e.msg), -1;
	return 0;
}

void cli_free_authority(struct cli *c)
{
	if (!c->authority)
		return;
	authority_free(c->authority);
	free(c->authority);
	c->authority = NULL;
}

/* --- fonds people ----------------------------------------------------- */

enum { OPT_FORMAT = 1, OPT_RELOAD };

const struct cli_opt cli_people_opts[] = {
	{ "format", OPT_FORMAT, "FORMAT", "text (the default), json or csv" },
	{ "reload", OPT_RELOAD, NULL,
	  "read the name authority again and recognise people in every document" },
	{ NULL, 0, NULL, NULL }
};

struct people_out {
	const struct cli *c;
	enum cli_format fmt;
	long long n;
};

static int people_row(void *ctx, const struct person_row *p)
{
	struct people_out *o = ctx;
	char life[64] = "";

	o->n++;
	if (p->born || p->died)
		snprintf(life, sizeof life, "%s-%s", p->born ? p->born : "?", p->died ? p->died : "");
	if (o->fmt == CLI_JSON) {
		json_t *j = json_object();

		json_object_set_new(j, "name", cli_json_str(p->name));
		json_object_set_new(j, "documents", json_integer(p->ndocs));
		json_object_set_new(j, "born", cli_json_str(p->born));
		json_object_set_new(j, "died", cli_json_str(p->died));
		json_object_set_new(j, "role", cli_json_str(p->role));
		json_object_set_new(j, "uncertain", json_boolean(p->uncertain));
		cli_json_line(j);
	} else if (o->fmt == CLI_CSV) {
		char n[32];
		const char *f[6] = { p->name, n, p->born, p->died, p->role,
		                     p->uncertain ? "1" : "0" };

		snprintf(n, sizeof n, "%lld", p->ndocs);
		cli_csv_row(o->c, f, 6);
	} else {
		/* names come from the data (and the authority): never raw */
		char *name = cli_safe_line(o->c, p->name);
		char *slife = cli_safe_line(o->c, life);

		printf("%6lld  ", p->ndocs);
		cli_put_padded(o->c, name, 30, 1);
		printf("  %-10s%s\n", slife, p->uncertain ? "  (uncertain)" : "");
		free(name);
		free(slife);
	}
	return 0;
}

int cli_people(struct cli *c, int argc, char **argv)
{
	struct cli_getopt g;
	struct people_out o = { c, CLI_TEXT, 0 };
	struct store *s;
	struct err e;
	int k, reload = 0, fmt;

	cli_getopt_init(&g, argc, argv, cli_people_opts);
	while ((k = cli_getopt(&g, c, &e)) != CLI_OPT_END) {
		switch (k) {
		case CLI_OPT_ERROR:
			return cli_usage_error(c, "%s", e.msg);
		case CLI_OPT_HELP:
			cli_print_command_help(stdout, c->cmd);
			return cli_finish(EXIT_OK);
		case OPT_FORMAT:
			if ((fmt = cli_format_parse(g.opt, g.value, 7, &e)) < 0)
				return cli_usage_error(c, "%s", e.msg);
			o.fmt = (enum cli_format)fmt;
			break;
		case OPT_RELOAD:
			reload = 1;
			break;
		default:
			return cli_usage_error(c, "unexpected argument '%s'", g.value);
		}
	}
	if (!(s = cli_open_store(c, 0, 0)))
		return EXIT_USAGE;
	if (reload) {
		long long changed = 0;

		if (cli_load_authority(c, s) < 0 ||
		    store_people_reload(s, c->authority, &changed, &e) < 0) {
			if (c->authority)
				cli_error("%s", e.msg);
			store_close(s);
			return EXIT_USAGE;
		}
		fprintf(stderr, "fonds: %lld documents gained people\n", changed);
	}
	if (o.fmt == CLI_CSV) {
		const char *h[6] = { "name", "documents", "born", "died", "role", "uncertain" };

		cli_csv_row(c, h, 6);
	}
	if (store_people_list(s, people_row, &o, &e) < 0) {
		store_close(s);
		return cli_error("%s", e.msg);
	}
	store_close(s);
	return cli_finish(o.n ? EXIT_OK : EXIT_NOTHING);
}

/* --- fonds person NAME ------------------------------------------------ */

const struct cli_opt cli_person_opts[] = {
	{ "format", OPT_FORMAT, "FORMAT", "text (the default) or json" },
	{ NULL, 0, NULL, NULL }
};

static json_t *jstrlist(const struct strlist *l)
{
	json_t *a = json_array();

	for (size_t i = 0; i < l->n; i++)
		json_array_append_new(a, cli_json_str(l->v[i]));
	return a;
}

/* The width of the labels of fonds person, the longest ("Appears with")
 * and two spaces. */
#define LABEL_W 14

static void print_names(const struct cli *c, const char *label, const struct strlist *l)
{
	if (!l->n)
		return;
	printf("%-*s", LABEL_W, label);
	for (size_t i = 0; i < l->n; i++) {
		char *safe = cli_safe_line(c, l->v[i]);

		printf("%s%s", i ? "; " : "", safe);
		free(safe);
	}
	putchar('\n');
}

int cli_person(struct cli *c, int argc, char **argv)
{
	struct cli_getopt g;
	struct sbuf name = {0};
	struct person_info *p;
	struct store *s;
	struct err e;
	enum cli_format f = CLI_TEXT;
	int k, rc, fmt;

	cli_getopt_init(&g, argc, argv, cli_person_opts);
	while ((k = cli_getopt(&g, c, &e)) != CLI_OPT_END) {
		switch (k) {
		case CLI_OPT_ERROR:
			sbuf_free(&name);
			return cli_usage_error(c, "%s", e.msg);
		case CLI_OPT_HELP:
			sbuf_free(&name);
			cli_print_command_help(stdout, c->cmd);
			return cli_finish(EXIT_OK);
		case OPT_FORMAT:
			if ((fmt = cli_format_parse(g.opt, g.value, 1 << CLI_TEXT | 1 << CLI_JSON, &e)) < 0) {
				sbuf_free(&name);
				return cli_usage_error(c, "%s", e.msg);
			}
			f = (enum cli_format)fmt;
			break;
		case CLI_OPT_WORD:
			if (name.len)
				sbuf_addc(&name, ' ');
			sbuf_add(&name, g.value);
			break;
		default:
			break;
		}
	}
	if (!name.len)
		return cli_usage_error(c, "which person? (fonds person NAME)");
	if (!(s = cli_open_store(c, 0, 0))) {
		sbuf_free(&name);
		return EXIT_USAGE;
	}
	rc = store_person(s, sbuf_str(&name), &p, &e);
	if (rc <= 0) {
		store_close(s);
		if (rc < 0) {
			sbuf_free(&name);
			return cli_error("%s", e.msg);
		}
		{
			char *safe = cli_safe_line(c, sbuf_str(&name));

			cli_error("nobody called \"%s\" (try 'fonds people')", safe);
			free(safe);
		}
		sbuf_free(&name);
		return EXIT_NOTHING;
	}
	sbuf_free(&name);
	if (f == CLI_JSON) {
		json_t *j = json_object(), *years = json_array(), *with = json_array();
		struct strlist aliases = {0};

		for (size_t i = 0; i < p->variants.n; i++)
			strlist_add(&aliases, p->variants.v[i]);
		for (size_t i = 0; i < p->covers.n; i++)
			strlist_add(&aliases, p->covers.v[i]);
		for (size_t i = 0; i < p->scripts.n; i++)
			strlist_add(&aliases, p->scripts.v[i]);
		json_object_set_new(j, "name", cli_json_str(p->name));
		json_object_set_new(j, "aliases", jstrlist(&aliases));
		json_object_set_new(j, "variants", jstrlist(&p->variants));
		json_object_set_new(j, "covers", jstrlist(&p->covers));
		json_object_set_new(j, "scripts", jstrlist(&p->scripts));
		json_object_set_new(j, "born", cli_json_str(p->born));
		json_object_set_new(j, "died", cli_json_str(p->died));
		json_object_set_new(j, "role", cli_json_str(p->role));
		json_object_set_new(j, "uncertain", json_boolean(p->uncertain));
		json_object_set_new(j, "documents", json_integer(p->ndocs));
		for (size_t i = 0; i < p->nyears; i++) {
			json_t *y = json_object();

			json_object_set_new(y, "year", json_integer(p->years[i].period / 10000));
			json_object_set_new(y, "count", json_integer(p->years[i].count));
			json_array_append_new(years, y);
		}
		json_object_set_new(j, "years", years);
		for (size_t i = 0; i < p->nwith; i++) {
			json_t *w = json_object();

			json_object_set_new(w, "name", cli_json_str(p->with[i].name));
			json_object_set_new(w, "count", json_integer(p->with[i].count));
			json_array_append_new(with, w);
		}
		json_object_set_new(j, "with", with);
		cli_json_line(j);
		strlist_clear(&aliases);
	} else {
		char *safe = cli_safe_line(c, p->name);

		printf("%s%s\n", safe, p->uncertain ? "  (uncertain: found by the shape of a title)" : "");
		free(safe);
		if (p->born || p->died) {
			struct sbuf life = {0};

			sbuf_printf(&life, "%s-%s", p->born ? p->born : "?",
			            p->died ? p->died : "");
			safe = cli_safe_line(c, sbuf_str(&life));
			printf("%-*s%s\n", LABEL_W, "Life", safe);
			free(safe);
			sbuf_free(&life);
		}
		if (p->role) {
			safe = cli_safe_line(c, p->role);
			printf("%-*s%s\n", LABEL_W, "Role", safe);
			free(safe);
		}
		print_names(c, "Variants", &p->variants);
		print_names(c, "Cover names", &p->covers);
		print_names(c, "Scripts", &p->scripts);
		printf("%-*s%lld\n", LABEL_W, "Documents", p->ndocs);
		for (size_t i = 0; i < p->nyears; i++)
			printf("  %d  %lld\n", p->years[i].period / 10000, p->years[i].count);
		if (p->nwith) {
			printf("%-*s", LABEL_W, "Appears with");
			for (size_t i = 0; i < p->nwith; i++) {
				safe = cli_safe_line(c, p->with[i].name);
				printf("%s%s (%lld)", i ? "; " : "", safe, p->with[i].count);
				free(safe);
			}
			putchar('\n');
		}
	}
	person_info_free(p);
	store_close(s);
	return cli_finish(EXIT_OK);
}

/* --- fonds relate ------------------------------------------------------ */

const struct cli_opt cli_relate_opts[] = {
	{ NULL, 0, NULL, NULL }
};

int cli_relate(struct cli *c, int argc, char **argv)
{
	struct cli_getopt g;
	struct store *s;
	struct stats_before { long long relations; } before = {0};
	struct store_stats st;
	struct err e;
	int k;

	cli_getopt_init(&g, argc, argv, cli_relate_opts);
	while ((k = cli_getopt(&g, c, &e)) != CLI_OPT_END) {
		if (k == CLI_OPT_ERROR)
			return cli_usage_error(c, "%s", e.msg);
		if (k == CLI_OPT_HELP) {
			cli_print_command_help(stdout, c->cmd);
			return cli_finish(EXIT_OK);
		}
		return cli_usage_error(c, "unexpected argument '%s'", g.value);
	}
	if (!(s = cli_open_store(c, 0, 0)))
		return EXIT_USAGE;
	if (store_stats(s, &st, &e) == 0)
		before.relations = st.relations;
	if (store_relate_all(s, &e) < 0 || store_stats(s, &st, &e) < 0) {
		store_close(s);
		return cli_error("%s", e.msg);
	}
	printf("%lld relations (%lld before)\n", st.relations, before.relations);
	store_close(s);
	return cli_finish(EXIT_OK);
}
