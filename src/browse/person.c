/* person.c - the people chooser (one document's people) and the person
 * view (a person's facts, their documents and their company). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "browse/internal.h"

int browse_people_open(struct browse *b, struct err *e)
{
	const struct doc *d;
	int64_t key;
	char *name;
	int r;

	if (browse_top(b) == BV_PERSON) {
		browse_message(b, 0, "Enter on a name opens that person");
		return 1;
	}
	key = browse_focus_key(b);
	if (!key) {
		browse_message(b, 0, "No document");
		return 1;
	}
	d = browse_doc(b, key, e);
	if (!d)
		return -1;
	switch (d->names[FACET_PERSON].n) {
	case 0:
		browse_message(b, 0, "This document names nobody");
		return 1;
	case 1:
		name = xstrdup(d->names[FACET_PERSON].v[0]);
		r = browse_person_open(b, name, e);
		free(name);
		return r;
	default:
		b->v.people.key = key;
		memset(&b->v.people.nav, 0, sizeof b->v.people.nav);
		browse_push_view(b, BV_PEOPLE);
		return 0;
	}
}

const struct strlist *browse_people_names(struct browse *b, struct err *e)
{
	const struct doc *d = browse_doc(b, b->v.people.key, e);

	return d ? &d->names[FACET_PERSON] : NULL;
}

void browse_people_move(struct browse *b, long delta)
{
	struct err e;
	const struct strlist *l = browse_people_names(b, &e);

	browse_nav_move(&b->v.people.nav, l ? l->n : 0, delta);
}

int browse_people_choose(struct browse *b, struct err *e)
{
	const struct strlist *l = browse_people_names(b, e);
	char *name;
	int r;

	if (!l)
		return -1;
	if (b->v.people.nav.sel >= l->n) {
		browse_message(b, 0, "Nobody to open");
		return 1;
	}
	name = xstrdup(l->v[b->v.people.nav.sel]);
	r = browse_person_open(b, name, e);
	free(name);
	return r;
}

int browse_person_open(struct browse *b, const char *name, struct err *e)
{
	struct person_info *p = NULL;
	int r;

	if (browse_blank(name))
		return err_set(e, "person needs a name, such as \"person Razuvaev\"");
	r = store_person(b->store, name, &p, e);
	if (r < 0)
		return -1;
	if (r == 0) {
		browse_message(b, 0, "Nobody called \"%s\" is known", name);
		return 1;
	}
	/* the chooser is a menu, not a place to come back to */
	if (browse_top(b) == BV_PEOPLE)
		b->v.n--;
	browse_change_begin(b);
	free(b->v.person.name);
	b->v.person.name = xstrdup(p->name);
	person_info_free(b->cache->pinfo);
	b->cache->pinfo = p;
	b->v.person.sel = 0;
	b->v.person.top = 0;
	browse_push_view(b, BV_PERSON);
	browse_change_end(b);
	return 0;
}

const struct person_info *browse_person_info(struct browse *b, struct err *e)
{
	struct person_info *p = NULL;
	int r;

	if (!b->v.person.name) {
		err_set(e, "no person");
		return NULL;
	}
	if (b->cache->pinfo && strcmp(b->cache->pinfo->name, b->v.person.name) == 0)
		return b->cache->pinfo;
	r = store_person(b->store, b->v.person.name, &p, e);
	if (r <= 0) {
		if (r == 0)
			err_set(e, "%s is no longer in the database", b->v.person.name);
		return NULL;
	}
	person_info_free(b->cache->pinfo);
	b->cache->pinfo = p;
	if (strcmp(p->name, b->v.person.name) != 0) {
		/* respelled in the authority since: keep the new spelling */
		free(b->v.person.name);
		b->v.person.name = xstrdup(p->name);
	}
	return p;
}

void browse_person_move(struct browse *b, long delta)
{
	struct err e;
	const struct person_info *p = browse_person_info(b, &e);
	long n = p ? (long)p->nwith : 0, s = (long)b->v.person.sel + delta;

	if (s > n)
		s = n;
	if (s < 0)
		s = 0;
	b->v.person.sel = (size_t)s;
}

int browse_person_enter(struct browse *b, struct err *e)
{
	const struct person_info *p = browse_person_info(b, e);
	char *name;
	int r;

	if (!p)
		return -1;
	if (b->v.person.sel == 0 || b->v.person.sel > p->nwith)
		return browse_person_list(b, e);
	name = xstrdup(p->with[b->v.person.sel - 1].name);
	r = browse_person_open(b, name, e);
	free(name);
	return r;
}

int browse_person_list(struct browse *b, struct err *e)
{
	const struct person_info *p = browse_person_info(b, e);
	int64_t keep;
	int r;

	if (!p)
		return -1;
	keep = browse_focus_key(b);
	browse_change_begin(b);
	free(b->search);
	b->search = xstrdup("");
	query_free(b->search_q);
	b->search_q = query_new();
	query_free(b->filters);
	b->filters = query_new();
	query_add_field(b->filters, QF_PERSON, p->name, 0);
	b->v.n = 1;
	r = browse_requery(b, keep, e);
	if (r == 0 && browse_count(b) == 0)
		browse_message(b, 0, "%s: %s%lld documents (Backspace goes "
		               "back)", b->v.person.name, b->total_exact ? "" : ">=",
		               b->total > 0 ? b->total : 0);
	/* the list has changed even when it could not be read in full */
	browse_change_end(b);
	return r < 0 ? -1 : 0;
}


void browse_person_set(struct browse *b, size_t sel, int top)
{
	b->v.person.sel = 0;
	browse_person_move(b, (long)sel);
	b->v.person.top = top < 0 ? 0 : top;
}

const struct rows *browse_person_rows(struct browse *b, size_t want,
                                      struct err *e)
{
	struct browse_cache *c = b->cache;
	const struct person_info *p = browse_person_info(b, e);
	struct query *q;

	if (!p)
		return NULL;
	if (c->person_rows_of && strcmp(c->person_rows_of, p->name) == 0 &&
	    (c->person_rows_want >= want || c->person_rows.n < c->person_rows_want))
		return &c->person_rows;
	rows_free(&c->person_rows);
	memset(&c->person_rows, 0, sizeof c->person_rows);
	free(c->person_rows_of);
	c->person_rows_of = NULL;
	q = query_new();
	query_add_field(q, QF_PERSON, p->name, 0);
	if (store_page(b->store, q, SORT_DATE, NULL, 1, 0, want, &c->person_rows,
	               e) < 0) {
		rows_free(&c->person_rows);
		memset(&c->person_rows, 0, sizeof c->person_rows);
		query_free(q);
		return NULL;
	}
	query_free(q);
	c->person_rows_of = xstrdup(p->name);
	c->person_rows_want = want;
	return &c->person_rows;
}
