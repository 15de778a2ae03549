/* command.c - the : commands of the browser: one table (browse_commands)
 * drives running them, completing them and their help. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "browse/internal.h"

static const char *const filter_fields[] = {
	"collection", "from", "language", "person", "place", "subject", "to"
};

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

static int cmd_goto(struct browse *b, const char *arg, struct err *e)
{
	return browse_goto_date(b, arg, e);
}

static int cmd_open(struct browse *b, const char *arg, struct err *e)
{
	return browse_open_id(b, arg, e);
}

static int cmd_unfilter(struct browse *b, const char *arg, struct err *e)
{
	char *end;
	long i = strtol(arg, &end, 10);

	if (!*arg || *end || i < 1)
		return err_set(e, "unfilter needs the number of a filter (1 for "
		               "the first)");
	return browse_remove_filter(b, (size_t)(i - 1), e);
}

static int cmd_clear(struct browse *b, const char *arg, struct err *e)
{
	(void)arg;
	return browse_clear_all(b, e);
}

static int cmd_widen(struct browse *b, const char *arg, struct err *e)
{
	(void)arg;
	return browse_widen(b, e);
}

static int cmd_sort(struct browse *b, const char *arg, struct err *e)
{
	if (!strcmp(arg, "date"))
		return browse_set_sort(b, SORT_DATE, e);
	if (!strcmp(arg, "rank") || !strcmp(arg, "relevance"))
		return browse_set_sort(b, SORT_RANK, e);
	return err_set(e, "sort by date or rank, not \"%s\"", arg);
}

static int cmd_search(struct browse *b, const char *arg, struct err *e)
{
	return browse_set_search(b, arg, e);
}

static int cmd_timeline(struct browse *b, const char *arg, struct err *e)
{
	(void)arg;
	return browse_timeline_open(b, e);
}

static int cmd_related(struct browse *b, const char *arg, struct err *e)
{
	(void)arg;
	return browse_related_open(b, e);
}

static int cmd_person(struct browse *b, const char *arg, struct err *e)
{
	char *name = unquote(arg);
	int r = *name ? browse_person_open(b, name, e) : browse_people_open(b, e);

	free(name);
	return r;
}

static int cmd_help(struct browse *b, const char *arg, struct err *e)
{
	(void)arg;
	(void)e;
	browse_push_view(b, BV_HELP);
	memset(&b->v.help.nav, 0, sizeof b->v.help.nav);
	return 0;
}

static int cmd_back(struct browse *b, const char *arg, struct err *e)
{
	(void)arg;
	return browse_back(b, e);
}

static int cmd_forward(struct browse *b, const char *arg, struct err *e)
{
	(void)arg;
	return browse_forward(b, e);
}

static int cmd_bookmark(struct browse *b, const char *arg, struct err *e)
{
	(void)arg;
	return browse_toggle_bookmark(b, e);
}

static int cmd_tag(struct browse *b, const char *arg, struct err *e)
{
	return browse_tag(b, arg, 1, e);
}

static int cmd_untag(struct browse *b, const char *arg, struct err *e)
{
	return browse_tag(b, arg, 0, e);
}

static int cmd_note(struct browse *b, const char *arg, struct err *e)
{
	/* :note TEXT writes it; :note alone opens the editor (the UI's) */
	if (arg && *arg)
		return browse_set_note(b, arg, e);
	return BROWSE_CMD_EDIT_NOTE;
}

static int cmd_save(struct browse *b, const char *arg, struct err *e)
{
	return browse_save_search(b, arg, e);
}

static int cmd_cite(struct browse *b, const char *arg, struct err *e)
{
	(void)b;
	(void)arg;
	(void)e;
	return BROWSE_CMD_CITE;
}

static int cmd_pipe(struct browse *b, const char *arg, struct err *e)
{
	(void)b;
	if (!arg || !*arg)
		return err_set(e, "pipe to what? (:pipe COMMAND ARGS..., no shell)");
	return BROWSE_CMD_PIPE;
}

const char *browse_command_arg(const char *line)
{
	const char *p = line ? line : "";

	while (*p == ' ' || *p == '\t')
		p++;
	while (*p && *p != ' ' && *p != '\t')
		p++;
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

static int cmd_quit(struct browse *b, const char *arg, struct err *e)
{
	(void)b;
	(void)arg;
	(void)e;
	return BROWSE_CMD_QUIT;
}

/* Every command, in the order help lists them. */
static const struct browse_command commands[] = {
	{ "goto", "g", "DATE", CMD_ARG_NONE, cmd_goto,
	  "Go to the first document on or after DATE (1950, 1950-09, "
	  "1950-09-30); in the timeline, move there" },
	{ "open", NULL, "ID", CMD_ARG_ID, cmd_open,
	  "Open the document with this id" },
	{ "filter", NULL, "FIELD VALUE", CMD_ARG_FILTER, run_filter,
	  "Keep only documents with this person, place, subject, collection "
	  "or language; filter from|to DATE bounds dates" },
	{ "unfilter", NULL, "N", CMD_ARG_NONE, cmd_unfilter,
	  "Remove filter number N (see the filters view, f)" },
	{ "clear", NULL, NULL, CMD_ARG_NONE, cmd_clear,
	  "Clear the search and every filter" },
	{ "widen", NULL, NULL, CMD_ARG_NONE, cmd_widen,
	  "Remove the date filters" },
	{ "sort", NULL, "date|rank", CMD_ARG_SORT, cmd_sort,
	  "Order of the list while a search is active" },
	{ "search", NULL, "TEXT", CMD_ARG_NONE, cmd_search,
	  "Search, as / does" },
	{ "timeline", NULL, NULL, CMD_ARG_NONE, cmd_timeline,
	  "Open the timeline" },
	{ "related", NULL, NULL, CMD_ARG_NONE, cmd_related,
	  "List the related documents" },
	{ "person", NULL, "NAME", CMD_ARG_PERSON, cmd_person,
	  "Show the person with any of these names (Tab completes); without "
	  "a name, choose among the document's people" },
	{ "back", NULL, NULL, CMD_ARG_NONE, cmd_back,
	  "Walk the history back (forward: forward again)" },
	{ "forward", NULL, NULL, CMD_ARG_NONE, cmd_forward,
	  "Go forward again after going back" },
	{ "bookmark", NULL, NULL, CMD_ARG_NONE, cmd_bookmark,
	  "Bookmark the document, or remove its bookmark" },
	{ "tag", NULL, "NAME", CMD_ARG_TAG, cmd_tag,
	  "Put the tag NAME on the document (tag:NAME finds them)" },
	{ "untag", NULL, "NAME", CMD_ARG_TAG, cmd_untag,
	  "Take the tag NAME off the document" },
	{ "note", NULL, "[TEXT]", CMD_ARG_NONE, cmd_note,
	  "Write TEXT as the document's note; alone, edit it in the editor" },
	{ "save", NULL, "NAME", CMD_ARG_NONE, cmd_save,
	  "Save the search and filters as @NAME (fonds saved lists them)" },
	{ "cite", NULL, NULL, CMD_ARG_NONE, cmd_cite,
	  "Show the document's citation and copy it" },
	{ "pipe", NULL, "COMMAND", CMD_ARG_NONE, cmd_pipe,
	  "Pipe the document's whole text to COMMAND (its words; no shell)" },
	{ "help", NULL, NULL, CMD_ARG_NONE, cmd_help, "This help" },
	{ "quit", "q", NULL, CMD_ARG_NONE, cmd_quit, "Quit" },
};

const struct browse_command *browse_commands(size_t *n)
{
	*n = ARRAY_LEN(commands);
	return commands;
}

/* The command named (or abbreviated as) name, or NULL. */
static const struct browse_command *command_find(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(commands); i++)
		if (!strcmp(commands[i].name, name) ||
		    (commands[i].alias && !strcmp(commands[i].alias, name)))
			return &commands[i];
	return NULL;
}

int browse_command(struct browse *b, const char *line, struct err *e)
{
	const char *p = line ? line : "";
	char *cmd = next_word(&p);
	char *arg = str_trim(xstrdup(p));
	const struct browse_command *c = NULL;
	int r = 0;

	if (*cmd) {
		c = command_find(cmd);
		if (!c)
			r = err_set(e, "unknown command \"%s\" (try goto, open, "
			            "filter, person, tag, note, save, cite, help, quit)", cmd);
		else
			r = c->run(b, arg, e);
	}
	free(cmd);
	free(arg);
	if (r == BROWSE_CMD_QUIT && c && c->run == cmd_quit)
		return BROWSE_CMD_QUIT;
	if ((r == BROWSE_CMD_EDIT_NOTE && c->run == cmd_note) ||
	    (r == BROWSE_CMD_CITE && c->run == cmd_cite) ||
	    (r == BROWSE_CMD_PIPE && c->run == cmd_pipe))
		return r;
	/* a function's 1 ("nothing to do", with a message) is no quit */
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

/* The values of facet f in the list starting with typed. */
static void complete_facet(struct browse *b, int f, const char *typed,
                           struct strlist *out)
{
	struct facet_value *v = NULL;
	size_t nv = 0, i;
	struct err e;

	if (f < 0 || f >= FACET_NKINDS)
		return;
	if (browse_facet(b, (enum facet)f, 500, &v, &nv, &e) < 0)
		return;
	for (i = 0; i < nv; i++)
		if (has_prefix_ci(v[i].name, typed))
			strlist_add(out, v[i].name);
	facet_values_free(v, nv);
}

/* The tags in use starting with typed (without regard to ASCII case, as
 * tags match). */
static void complete_tag(struct browse *b, const char *typed, struct strlist *out)
{
	struct facet_value *v = NULL;
	size_t nv = 0, i;
	struct err e;

	if (store_tags(b->store, &v, &nv, &e) < 0) {
		browse_message(b, 1, "%s", e.msg);
		return;
	}
	for (i = 0; i < nv; i++)
		if (has_prefix_ci(v[i].name, typed))
			strlist_add(out, v[i].name);
	facet_values_free(v, nv);
}

size_t browse_complete(struct browse *b, const char *line,
                       struct strlist *out)
{
	const char *p = line, *start;
	const struct browse_command *c;
	char *cmd, *field;
	size_t i;

	while (*p && isspace((unsigned char)*p))
		p++;
	start = p;
	while (*p && !isspace((unsigned char)*p))
		p++;
	if (!*p) {
		for (i = 0; i < ARRAY_LEN(commands); i++)
			if (has_prefix_ci(commands[i].name, start))
				strlist_add(out, commands[i].name);
		return (size_t)(start - line);
	}
	cmd = xstrndup(start, (size_t)(p - start));
	while (*p && isspace((unsigned char)*p))
		p++;
	start = p;
	c = command_find(cmd);
	free(cmd);
	switch (c ? c->arg : CMD_ARG_NONE) {
	case CMD_ARG_PERSON: {
		struct err e;

		complete_person(b, start, out);
		/* else their other names: a cover name, a variant (:person Fil
		 * gives Filippov, which opens Stalin) */
		if (*start && !out->n &&
		    store_complete_names(b->store, start, PERSON_COMPLETIONS, out, &e) < 0)
			browse_message(b, 1, "%s", e.msg);
		break;
	}
	case CMD_ARG_ID: {
		struct err e;

		if (store_complete_ids(b->store, start, PERSON_COMPLETIONS, out, &e) < 0)
			browse_message(b, 1, "%s", e.msg);
		break;
	}
	case CMD_ARG_TAG:
		complete_tag(b, start, out);
		break;
	case CMD_ARG_SORT:
		if (has_prefix_ci("date", start))
			strlist_add(out, "date");
		if (has_prefix_ci("rank", start))
			strlist_add(out, "rank");
		break;
	case CMD_ARG_FILTER:
		while (*p && !isspace((unsigned char)*p))
			p++;
		if (!*p) {
			for (i = 0; i < ARRAY_LEN(filter_fields); i++)
				if (has_prefix_ci(filter_fields[i], start))
					strlist_add(out, filter_fields[i]);
			break;
		}
		field = xstrndup(start, (size_t)(p - start));
		while (*p && isspace((unsigned char)*p))
			p++;
		start = p;
		complete_facet(b, query_field_parse(field), start, out);
		free(field);
		break;
	case CMD_ARG_NONE:
		break;
	}
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
