/* user.c - the reader's data from the browser: read marks, tags, the
 * note (edited in a file of the state directory), excerpts, saved
 * searches; the citation and the whole text of the current document for
 * the programs the browser hands them to. Curses-free: the UI suspends
 * the terminal around browse_note_edit's editor. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fonds/browse.h"
#include "fonds/cite.h"
#include "fonds/store.h"
#include "internal.h"

/* The current document, or NULL with a message (what: "to tag"). */
static const struct doc *current(struct browse *b, const char *what, struct err *e)
{
	int64_t key = browse_focus_key(b);

	if (!key) {
		browse_message(b, 0, "No document %s", what);
		return NULL;
	}
	return browse_doc(b, key, e);
}

/* Forget the cached document so that it is read again (its tags, note). */
static void reread(struct browse *b)
{
	b->user_gen++;
	if (b->cache->doc) {
		doc_free(b->cache->doc);
		b->cache->doc = NULL;
	}
}

int browse_toggle_read(struct browse *b, struct err *e)
{
	const struct doc *d = current(b, "to mark", e);
	int64_t key;
	int on;

	if (!d)
		return browse_focus_key(b) ? -1 : 1;
	key = d->key;
	on = !(d->flags & ROW_READ);
	if (store_set_read(b->store, d->id, on, e) < 0)
		return -1;
	browse_set_flag(b, key, ROW_READ, on);
	browse_message(b, 0, on ? "Marked read" : "Marked unread");
	return 0;
}

int browse_tag(struct browse *b, const char *name, int on, struct err *e)
{
	const struct doc *d;
	int rc;

	if (!name || !*name)
		return err_set(e, on ? "tag what? (:tag NAME)" : "untag what? (:untag NAME)");
	if (store_tag_valid(name, e) < 0)
		return -1;
	if (!(d = current(b, "to tag", e)))
		return browse_focus_key(b) ? -1 : 1;
	if ((rc = store_tag(b->store, d->id, name, on, e)) < 0)
		return -1;
	if (!on && rc == 0)
		return err_set(e, "the document has no tag \"%s\"", name);
	reread(b);
	b->gen = ++b->gen_next; /* the filter pane's counts change */
	browse_message(b, 0, on ? (rc ? "Tagged %s" : "Already tagged %s") : "Untagged %s", name);
	return 0;
}

int browse_save_search(struct browse *b, const char *name, struct err *e)
{
	char *q;
	int rc;

	if (!name || !*name)
		return err_set(e, "save as what? (:save NAME; then @NAME in a search)");
	if (name[0] == '@')
		name++;
	q = query_format(b->q);
	if (!*q) {
		free(q);
		return err_set(e, "nothing to save: search or filter first");
	}
	rc = store_saved_set(b->store, name, q, e);
	if (rc == 0)
		browse_message(b, 0, "Saved as @%s: %s", name, q);
	free(q);
	return rc;
}

int browse_set_note(struct browse *b, const char *text, struct err *e)
{
	const struct doc *d = current(b, "to write a note on", e);

	if (!d)
		return browse_focus_key(b) ? -1 : 1;
	if (store_set_note(b->store, d->id, text, e) < 0)
		return -1;
	browse_set_flag(b, d->key, ROW_NOTE, text && *text);
	reread(b);
	browse_message(b, 0, text && *text ? "Note saved" : "Note deleted (kept among its versions)");
	return 0;
}

/* A note's text without the blank end an editor leaves. */
static void trim_end(char *t)
{
	size_t n = strlen(t);

	while (n > 0 && (t[n - 1] == '\n' || t[n - 1] == ' ' || t[n - 1] == '\t' ||
	                 t[n - 1] == '\r'))
		t[--n] = '\0';
}

char *browse_note_edit_begin(struct browse *b, struct err *e)
{
	const struct doc *d = current(b, "to write a note on", e);
	char *path;

	if (!d)
		return NULL;
	if (!(path = state_id_file("edit", d->id, ".txt"))) {
		err_set(e, "no state directory for the note's file (set HOME)");
		return NULL;
	}
	if (access(path, F_OK) == 0) {
		err_set(e, "an earlier edit of this note was left in %s: "
		        "'fonds note %s --recover' brings it in", path, d->id);
		free(path);
		return NULL;
	}
	if (file_write_whole(path, d->note ? d->note : "", e) < 0) {
		free(path);
		return NULL;
	}
	return path;
}

int browse_note_edit_end(struct browse *b, const char *path, int status, struct err *e)
{
	const struct doc *d = current(b, "to write a note on", e);
	char *text, *old;
	struct err e2;
	int rc;

	char why[sizeof e->msg];

	snprintf(why, sizeof why, "%s", e->msg); /* the editor's failure, if any */
	if (!d)
		return -1;
	old = xstrdup(d->note ? d->note : "");
	trim_end(old);
	text = file_read_whole(path, 16 << 20, &e2);
	if (text)
		trim_end(text);
	if (status != 0 || !text) {
		/* the editor failed: nothing changes; what it wrote stays */
		if (text && strcmp(text, old) == 0)
			unlink(path);
		if (status > 0)
			err_set(e, "the editor exited with status %d: the note is unchanged%s%s",
			        status, access(path, F_OK) == 0 ? "; its text is in " : "",
			        access(path, F_OK) == 0 ? path : "");
		else
			err_set(e, "%s: the note is unchanged%s%s", text ? why : e2.msg,
			        access(path, F_OK) == 0 ? "; its text is in " : "",
			        access(path, F_OK) == 0 ? path : "");
		free(text);
		free(old);
		return -1;
	}
	if (strcmp(text, old) == 0) {
		unlink(path);
		browse_message(b, 0, "Note unchanged");
		free(text);
		free(old);
		return 0;
	}
	rc = browse_set_note(b, text, e);
	if (rc == 0) {
		unlink(path);
	} else {
		/* kept: the file is the recovery file now */
		char *rec = state_id_file("recover", d->id, ".txt");

		if (rec && rename(path, rec) == 0)
			err_prefix(e, "kept in %s ('fonds note %s --recover' brings it in)",
			           rec, d->id);
		else
			err_prefix(e, "kept in %s", path);
		free(rec);
	}
	free(text);
	free(old);
	return rc;
}

int browse_excerpt_add(struct browse *b, const char *text, const char *page, struct err *e)
{
	const struct doc *d = current(b, "to take an excerpt of", e);
	int64_t xid;

	if (!d)
		return browse_focus_key(b) ? -1 : 1;
	if (store_excerpt_add(b->store, d->id, text, page, &xid, e) < 0)
		return -1;
	browse_message(b, 0, page ? "Excerpt #%lld saved (p. %s)" : "Excerpt #%lld saved%s",
	               (long long)xid, page ? page : "");
	return 0;
}

char *browse_cite(struct browse *b, struct err *e)
{
	const struct doc *d = current(b, "to cite", e);
	struct cite c;
	char *s;

	if (!d)
		return NULL;
	cite_from_doc(&c, d);
	s = cite_chicago(&c, cite_today());
	cite_free(&c);
	return s;
}

char *browse_doc_text(struct browse *b, struct err *e)
{
	const struct doc *d = current(b, "to show", e);
	struct sbuf t = {0};
	char date[64];

	if (!d)
		return NULL;
	sbuf_printf(&t, "%s\n%s  %s\n", d->title ? d->title : "",
	            d->date.prec ? text_format_date(&d->date, date, sizeof date) : "undated", d->id);
	if (d->summary && *d->summary)
		sbuf_printf(&t, "\n%s\n", d->summary);
	if (d->body && *d->body)
		sbuf_printf(&t, "\n%s\n", d->body);
	for (size_t i = 0; i < d->texts.n; i++) {
		const struct record_text *x = &d->texts.v[i];

		if (strcmp(x->kind, RECORD_TEXT_ORIGINAL) && strcmp(x->kind, RECORD_TEXT_TRANSLATION) &&
		    strcmp(x->kind, "note"))
			continue;
		sbuf_printf(&t, "\n[%s%s%s%s%s%s]\n%s\n", x->kind, x->label ? " " : "",
		            x->label ? x->label : "", x->language ? " (" : "",
		            x->language ? x->language : "", x->language ? ")" : "", x->body);
	}
	if (d->source && *d->source)
		sbuf_printf(&t, "\nSource: %s\n", d->source);
	if (d->url && *d->url)
		sbuf_printf(&t, "URL: %s\n", d->url);
	if (d->note && *d->note)
		sbuf_printf(&t, "\nNote:\n%s\n", d->note);
	return sbuf_take(&t);
}

const char *browse_doc_url(struct browse *b, struct err *e)
{
	const struct doc *d = current(b, "to open", e);

	if (!d)
		return NULL;
	if (!d->url || !*d->url) {
		err_set(e, "the document has no address to open");
		return NULL;
	}
	return d->url;
}

int browse_user_filter(enum browse_user_facet which, const char *name,
                       enum qfield *field, char **value, struct err *e)
{
	struct query *q;
	struct sbuf t = {0};
	int rc = -1;

	if (which == BUF_TAGS)
		sbuf_printf(&t, "tag:\"%s\"", name);
	else
		sbuf_add(&t, name);
	if (query_parse(sbuf_str(&t), &q, e) == 0) {
		if (q->n == 1 && q->v[0].n == 1 && q->v[0].atoms[0].kind == Q_FIELD) {
			*field = q->v[0].atoms[0].field;
			*value = xstrdup(q->v[0].atoms[0].text);
			rc = 0;
		} else {
			rc = err_set(e, "\"%s\" is not one filter", name);
		}
		query_free(q);
	}
	sbuf_free(&t);
	return rc;
}

enum browse_counted browse_user_facet(struct browse *b, enum browse_user_facet which,
                                      struct facet_value **out, size_t *n,
                                      struct err *e)
{
	static const char *const marks[] = {
		"is:bookmarked", "has:note", "has:excerpt", "is:read", "is:unread"
	};
	struct strlist queries = {0};
	enum browse_counted res = BROWSE_COUNT_EXACT;
	int rc = 0;

	*out = NULL;
	*n = 0;
	if (which == BUF_SAVED) {
		rc = store_saved_list(b->store, out, &queries, n, e);
		for (size_t i = 0; rc == 0 && i < *n; i++) {
			char *name = (*out)[i].name;

			(*out)[i].name = xstrdup("@");
			(*out)[i].name = xrealloc((*out)[i].name, strlen(name) + 2);
			strcpy((*out)[i].name + 1, name);
			free(name);
		}
		strlist_clear(&queries);
	} else if (which == BUF_TAGS) {
		rc = store_tags(b->store, out, n, e);
	} else {
		*out = xcalloc(ARRAY_LEN(marks), sizeof **out);
		for (size_t i = 0; i < ARRAY_LEN(marks); i++)
			(*out)[i].name = xstrdup(marks[i]);
		*n = ARRAY_LEN(marks);
	}
	if (rc < 0)
		return BROWSE_COUNT_ERROR;
	/* each value's documents among the list's: the marks and the tags
	 * from the reader's tables (few beside the list), counted together
	 * (the list's query compiled once), the unread as the list less the
	 * read, a saved search's as a query of its own */
	{
		struct { enum qfield f; char *v; } *it = xcalloc(*n + 1, sizeof *it);
		struct store_user_count *uc = xcalloc(*n + 1, sizeof *uc);
		size_t *at = xcalloc(*n + 1, sizeof *at), nu = 0;
		long long read = -1;
		struct err e2;

		for (size_t i = 0; i < *n; i++) {
			(*out)[i].count = -1;
			if (browse_user_filter(which, (*out)[i].name, &it[i].f, &it[i].v, &e2) < 0)
				continue;
			if ((it[i].f == QF_IS || it[i].f == QF_HAS || it[i].f == QF_TAG) &&
			    strcmp(it[i].v, "unread") != 0) {
				uc[nu].field = it[i].f;
				uc[nu].value = it[i].v;
				at[nu++] = i;
			}
		}
		if (nu && store_count_user(b->store, b->q, uc, nu, &e2) == 0) {
			for (size_t k = 0; k < nu; k++) {
				(*out)[at[k]].count = uc[k].rc < 0 ? -1 : uc[k].n;
				if (uc[k].rc == 0)
					res = BROWSE_COUNT_PARTIAL;
				if (uc[k].rc == 1 && uc[k].field == QF_IS && strcmp(uc[k].value, "read") == 0)
					read = uc[k].n;
			}
		}
		for (size_t i = 0; i < *n; i++) {
			struct query *q;
			long long c = 0;
			int r;

			if (!it[i].v)
				continue;
			if (it[i].f == QF_IS && strcmp(it[i].v, "unread") == 0) {
				/* the list's count, counted for the status line
				 * too (browse_count finds it done) */
				r = b->total >= 0 || browse_count_total(b) == 0 ? 1 : 0;
				if (r == 1 && (!b->total_exact || read < 0))
					r = 0;
				c = r == 1 ? b->total - read : 0;
			} else if (it[i].f == QF_IS || it[i].f == QF_HAS || it[i].f == QF_TAG) {
				continue;
			} else {
				q = query_dup(b->q);
				query_add_field(q, it[i].f, it[i].v, 0);
				r = store_count(b->store, q, &c, &e2);
				query_free(q);
			}
			(*out)[i].count = r < 0 ? -1 : c;
			if (r == 0)
				res = BROWSE_COUNT_PARTIAL;
		}
		for (size_t i = 0; i < *n; i++)
			free(it[i].v);
		free(it);
		free(at);
		free(uc);
	}
	return res;
}
