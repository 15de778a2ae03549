/* filters.c - the search, the filters and the order of the list, and the
 * facet counts of the filter pane. Every change of the list is a place in
 * the history (browse_change_begin/end), so Back returns to the list that
 * was left; the current document stays current when the new list holds
 * it. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "browse/internal.h"

int browse_set_search(struct browse *b, const char *text, struct err *e)
{
	struct query *nq;
	int r;

	if (browse_blank(text)) {
		nq = query_new();
		text = "";
	} else if (query_parse(text, &nq, e) < 0) {
		return -1;
	}
	browse_change_begin(b);
	free(b->search);
	b->search = xstrdup(text);
	query_free(b->search_q);
	b->search_q = nq;
	r = browse_requery(b, 0, e);
	browse_change_end(b);
	return r;
}

int browse_add_filter(struct browse *b, enum qfield f, const char *value,
                      int neg, struct err *e)
{
	int r;

	if (browse_blank(value))
		return err_set(e, "a %s filter needs a value",
		               query_field_name(f) ? query_field_name(f) : "field");
	browse_change_begin(b);
	query_add_field(b->filters, f, value, neg);
	r = browse_requery(b, b->cur, e);
	browse_change_end(b);
	return r;
}

int browse_add_dates(struct browse *b, int32_t from, int32_t to,
                     struct err *e)
{
	int r;

	if (from && to && from > to)
		return err_set(e, "the period ends before it starts");
	browse_change_begin(b);
	query_add_dates(b->filters, from, to);
	r = browse_requery(b, b->cur, e);
	browse_change_end(b);
	return r;
}

long browse_filter_index(const struct browse *b, enum qfield f,
                         const char *value)
{
	size_t i;

	for (i = 0; i < b->filters->n; i++) {
		const struct qclause *c = &b->filters->v[i];

		if (c->n == 1 && c->atoms[0].kind == Q_FIELD &&
		    c->atoms[0].field == f && !c->atoms[0].neg &&
		    c->atoms[0].text && strcmp(c->atoms[0].text, value) == 0)
			return (long)i;
	}
	return -1;
}

int browse_toggle_filter(struct browse *b, enum qfield f, const char *value,
                         int *added, struct err *e)
{
	long i = browse_filter_index(b, f, value);

	if (added)
		*added = i < 0;
	if (i < 0)
		return browse_add_filter(b, f, value, 0, e);
	return browse_remove_filter(b, (size_t)i, e);
}

int browse_remove_filter(struct browse *b, size_t i, struct err *e)
{
	int r;

	if (i >= b->filters->n)
		return err_set(e, "there is no filter %zu", i + 1);
	browse_change_begin(b);
	query_remove(b->filters, i);
	r = browse_requery(b, b->cur, e);
	browse_change_end(b);
	return r;
}

int browse_clear_filters(struct browse *b, struct err *e)
{
	int r;

	if (!b->filters->n)
		return 0;
	browse_change_begin(b);
	query_free(b->filters);
	b->filters = query_new();
	r = browse_requery(b, b->cur, e);
	browse_change_end(b);
	return r;
}

void browse_drop_query(struct browse *b)
{
	free(b->search);
	b->search = xstrdup("");
	query_free(b->search_q);
	b->search_q = query_new();
	query_free(b->filters);
	b->filters = query_new();
}

int browse_clear_all(struct browse *b, struct err *e)
{
	int had_search = !browse_blank(b->search), had_filters = b->filters->n > 0;
	int r;

	if (!had_search && !had_filters) {
		browse_message(b, 0, "No search or filters to clear");
		return 0;
	}
	/* one change, one new list, on the same document */
	browse_change_begin(b);
	browse_drop_query(b);
	r = browse_requery(b, b->cur, e);
	browse_change_end(b);
	if (r == 0)
		browse_message(b, 0, "%s cleared: every document",
		               had_search && had_filters ? "Search and filters" :
		               had_search ? "Search" : "Filters");
	return r;
}

static int clause_is_dates(const struct qclause *c)
{
	size_t i;

	if (!c->n)
		return 0;
	for (i = 0; i < c->n; i++)
		if (c->atoms[i].kind != Q_DATE)
			return 0;
	return 1;
}

/* Remove the date clauses of the filters; returns how many went. */
size_t browse_drop_dates(struct browse *b)
{
	size_t i = b->filters->n, n = 0;

	while (i-- > 0) {
		if (clause_is_dates(&b->filters->v[i])) {
			query_remove(b->filters, i);
			n++;
		}
	}
	return n;
}

long browse_dates_index(const struct browse *b, int32_t from, int32_t to)
{
	size_t i;

	for (i = 0; i < b->filters->n; i++) {
		const struct qclause *c = &b->filters->v[i];

		if (c->n == 1 && c->atoms[0].kind == Q_DATE && !c->atoms[0].neg &&
		    c->atoms[0].from == from && c->atoms[0].to == to)
			return (long)i;
	}
	return -1;
}

int browse_toggle_dates(struct browse *b, int32_t from, int32_t to,
                        int *added, struct err *e)
{
	long i = browse_dates_index(b, from, to);
	int r;

	if (added)
		*added = i < 0;
	if (i >= 0)
		return browse_remove_filter(b, (size_t)i, e);
	if (from && to && from > to)
		return err_set(e, "the period ends before it starts");
	browse_change_begin(b);
	browse_drop_dates(b);
	r = browse_add_dates(b, from, to, e);
	browse_change_end(b);
	return r;
}

int browse_widen(struct browse *b, struct err *e)
{
	size_t i;
	int r, any = 0;

	for (i = 0; i < b->filters->n; i++)
		any |= clause_is_dates(&b->filters->v[i]);
	if (!any) {
		browse_message(b, 0, "No period to widen");
		return 0;
	}
	browse_change_begin(b);
	browse_drop_dates(b);
	browse_message(b, 0, "Widened to every date");
	r = browse_requery(b, b->cur, e);
	browse_change_end(b);
	return r;
}

int browse_set_sort(struct browse *b, enum store_sort sort, struct err *e)
{
	int pref = sort == SORT_RANK;

	int r;

	if (pref == b->rank_pref)
		return 0;
	if (!query_has_text(b->q)) {
		b->rank_pref = pref;
		return 0; /* date order either way until there is a search */
	}
	browse_change_begin(b);
	b->rank_pref = pref;
	r = browse_requery(b, 0, e);
	browse_change_end(b);
	return r;
}

char *browse_filters_text(const struct browse *b)
{
	return query_format(b->filters);
}


enum browse_counted browse_facet(struct browse *b, enum facet f,
                                 size_t limit, struct facet_value **out,
                                 size_t *n, struct err *e)
{
	return (enum browse_counted)store_facet(b->store, b->q, f, limit, out,
	                                        n, e);
}

int browse_doc_forms(struct browse *b, int64_t key, struct strlist *out, struct err *e)
{
	return store_doc_forms(b->store, key, b->search_q, out, e);
}

enum browse_counted browse_facet_matching(struct browse *b, enum facet f,
                                          const char *text, size_t limit,
                                          struct facet_value **out, size_t *n,
                                          struct err *e)
{
	return (enum browse_counted)store_facet_matching(b->store, b->q, f, text,
	                                                 limit, out, n, e);
}

enum browse_counted browse_years(struct browse *b, struct bucket **out,
                                 size_t *n, struct err *e)
{
	return (enum browse_counted)store_timeline(b->store, b->q, DATE_YEAR, 0,
	                                           0, out, n, NULL, e);
}
