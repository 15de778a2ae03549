/* command.c - the : commands of the browser and their completion. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "browse/internal.h"

static const char *const commands[] = {
	"back", "bookmark", "clear", "filter", "forward", "goto", "help",
	"open", "person", "quit", "related", "search", "sort", "timeline",
	"unfilter", "widen"
};

static const char *const filter_fields[] = {
	"collection", "from", "language", "person", "place", "subject", "to"
};

/* Split off the first word of *s (advancing *s past it and the blanks
 * after); returns a new string. */
static char *next_word(const char **s)
{
	const char *p = *s, *start;
	char *w;

	while (*p && isspace((unsigned char)*p))
		p++;
	start = p;
	while (*p && !isspace((unsigned char)*p))
		p++;
	w = xstrndup(start, (size_t)(p - start));
	while (*p && isspace((unsigned char)*p))
		p++;
	*s = p;
	return w;
}

/* A copy of s, trimmed, without one pair of surrounding double quotes. */
static char *unquote(const char *s)
{
	char *v = str_trim(xstrdup(s));
	size_t n = strlen(v);

	if (n >= 2 && v[0] == '"' && v[n - 1] == '"') {
		memmove(v, v + 1, n - 2);
		v[n - 2] = '\0';
	}
	return v;
}

static int run_filter(struct browse *b, const char *args, struct err *e)
{
	const char *p = args;
	char *field = next_word(&p), *value = unquote(p);
	int r = 0, f;
	int32_t day;

	if (!*field) {
		r = err_set(e, "filter needs a field and a value, such as "
		            "\"filter person Stalin\" or \"filter from 1950\"");
	} else if (!strcmp(field, "from") || !strcmp(field, "to")) {
		int is_end = field[0] == 't';

		day = *value ? text_parse_bound(value, is_end) : -1;
		if (day < 0)
			r = err_set(e, "date \"%s\" not understood (try 1950, "
			            "1950-09 or 1950-09-30)", value);
		else
			r = browse_add_dates(b, is_end ? 0 : day, is_end ? day : 0, e);
	} else {
		f = query_field_parse(field);
		if (f < 0)
			r = err_set(e, "unknown filter \"%s\" (try person, place, "
			            "subject, collection, language, from, to)", field);
		else
			r = browse_add_filter(b, (enum qfield)f, value, 0, e);
	}
	free(field);
	free(value);
	return r;
}

int browse_command(struct browse *b, const char *line, struct err *e)
{
	const char *p = line ? line : "";
	char *cmd = next_word(&p);
	char *arg = str_trim(xstrdup(p));
	int r = 0, quit = 0;
	size_t n = strlen(cmd);

	if (n == 0) {
		r = 0;
	} else if (!strcmp(cmd, "q") || !strcmp(cmd, "quit")) {
		quit = 1;
	} else if (!strcmp(cmd, "goto") || !strcmp(cmd, "g")) {
		r = browse_goto_date(b, arg, e);
	} else if (!strcmp(cmd, "open")) {
		r = browse_open_id(b, arg, e);
	} else if (!strcmp(cmd, "filter")) {
		r = run_filter(b, arg, e);
	} else if (!strcmp(cmd, "unfilter")) {
		char *end;
		long i = strtol(arg, &end, 10);

		if (!*arg || *end || i < 1)
			r = err_set(e, "unfilter needs the number of a filter (1 for "
			            "the first)");
		else
			r = browse_remove_filter(b, (size_t)(i - 1), e);
	} else if (!strcmp(cmd, "clear")) {
		browse_change_begin(b);
		r = browse_set_search(b, "", e);
		if (r == 0)
			r = browse_clear_filters(b, e);
		browse_change_end(b);
		if (r == 0)
			browse_message(b, 0, "Search and filters cleared");
	} else if (!strcmp(cmd, "widen")) {
		r = browse_widen(b, e);
	} else if (!strcmp(cmd, "sort")) {
		if (!strcmp(arg, "date"))
			r = browse_set_sort(b, SORT_DATE, e);
		else if (!strcmp(arg, "rank") || !strcmp(arg, "relevance"))
			r = browse_set_sort(b, SORT_RANK, e);
		else
			r = err_set(e, "sort by date or rank, not \"%s\"", arg);
	} else if (!strcmp(cmd, "search")) {
		r = browse_set_search(b, arg, e);
	} else if (!strcmp(cmd, "timeline")) {
		r = browse_timeline_open(b, e);
	} else if (!strcmp(cmd, "related")) {
		r = browse_related_open(b, e);
	} else if (!strcmp(cmd, "person")) {
		char *name = unquote(arg);

		r = *name ? browse_person_open(b, name, e) : browse_people_open(b, e);
		free(name);
	} else if (!strcmp(cmd, "help")) {
		browse_push_view(b, BV_HELP);
		memset(&b->v.help.nav, 0, sizeof b->v.help.nav);
	} else if (!strcmp(cmd, "back")) {
		r = browse_back(b, e);
	} else if (!strcmp(cmd, "forward")) {
		r = browse_forward(b, e);
	} else if (!strcmp(cmd, "bookmark")) {
		r = browse_toggle_bookmark(b, e);
	} else {
		r = err_set(e, "unknown command \"%s\" (try goto, open, filter, "
		            "person, clear, sort, help, quit)", cmd);
	}
	free(cmd);
	free(arg);
	/* a function's 1 ("nothing to do", with a message) is no quit */
	if (quit)
		return BROWSE_CMD_QUIT;
	return r < 0 ? -1 : BROWSE_CMD_OK;
}

static int has_prefix_ci(const char *s, const char *prefix)
{
	while (*prefix) {
		if (tolower((unsigned char)*s) != tolower((unsigned char)*prefix))
			return 0;
		s++;
		prefix++;
	}
	return 1;
}

#define PERSON_COMPLETIONS 200

struct person_match {
	char *typed;          /* folded */
	struct strlist *out;
};

/* Keep p when its name, or one of its words, starts with the typed text
 * (both folded). */
static int person_match_cb(void *ctx, const struct person_row *p)
{
	struct person_match *m = ctx;
	char *f = text_fold(p->name);
	size_t n = strlen(m->typed);
	const char *w = f;
	int hit = 0;

	while (w && !hit) {
		hit = strncmp(w, m->typed, n) == 0;
		w = strchr(w, ' ');
		if (w)
			w++;
	}
	free(f);
	if (hit && strlist_find(m->out, p->name) < 0)
		strlist_add(m->out, p->name);
	return m->out->n >= PERSON_COMPLETIONS;
}

/* The names of people matching typed, known people first. */
static void complete_person(struct browse *b, const char *typed,
                            struct strlist *out)
{
	struct person_match m;
	struct err e;

	m.typed = text_fold(typed);
	m.out = out;
	if (store_people_list(b->store, person_match_cb, &m, &e) < 0)
		browse_message(b, 1, "%s", e.msg);
	free(m.typed);
}

size_t browse_complete(struct browse *b, const char *line,
                       struct strlist *out)
{
	const char *p = line, *start;
	char *cmd, *field;
	size_t i;

	while (*p && isspace((unsigned char)*p))
		p++;
	start = p;
	while (*p && !isspace((unsigned char)*p))
		p++;
	if (!*p) {
		for (i = 0; i < ARRAY_LEN(commands); i++)
			if (has_prefix_ci(commands[i], start))
				strlist_add(out, commands[i]);
		return (size_t)(start - line);
	}
	cmd = xstrndup(start, (size_t)(p - start));
	while (*p && isspace((unsigned char)*p))
		p++;
	start = p;
	if (!strcmp(cmd, "person")) {
		complete_person(b, start, out);
	} else if (!strcmp(cmd, "sort")) {
		if (has_prefix_ci("date", start))
			strlist_add(out, "date");
		if (has_prefix_ci("rank", start))
			strlist_add(out, "rank");
	} else if (!strcmp(cmd, "filter")) {
		while (*p && !isspace((unsigned char)*p))
			p++;
		if (!*p) {
			for (i = 0; i < ARRAY_LEN(filter_fields); i++)
				if (has_prefix_ci(filter_fields[i], start))
					strlist_add(out, filter_fields[i]);
		} else {
			int f;

			field = xstrndup(start, (size_t)(p - start));
			while (*p && isspace((unsigned char)*p))
				p++;
			start = p;
			f = query_field_parse(field);
			if (f >= 0 && f < FACET_NKINDS) {
				struct facet_value *v = NULL;
				size_t nv = 0;
				struct err e;

				if (browse_facet(b, (enum facet)f, 500, &v, &nv, &e) >= 0) {
					for (i = 0; i < nv; i++)
						if (has_prefix_ci(v[i].name, start))
							strlist_add(out, v[i].name);
					facet_values_free(v, nv);
				}
			}
			free(field);
		}
	}
	free(cmd);
	return (size_t)(start - line);
}

size_t browse_common_prefix(const struct strlist *l)
{
	size_t n, i, k;

	if (!l->n)
		return 0;
	n = strlen(l->v[0]);
	for (i = 1; i < l->n; i++) {
		for (k = 0; k < n && l->v[i][k] == l->v[0][k]; k++)
			;
		n = k;
	}
	/* never cut a UTF-8 sequence */
	while (n > 0 && ((unsigned char)l->v[0][n] & 0xC0) == 0x80)
		n--;
	return n;
}
