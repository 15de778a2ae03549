/* search.c - compiling queries to SQL; keyset pages, counts, seeking. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* --- compiled queries ------------------------------------------------ */

void sqlq_add_int(struct sqlq *c, int64_t v)
{
	ARRAY_RESERVE(c->binds, c->nbinds, c->capbinds);
	c->binds[c->nbinds++] = (struct sqlq_bind){ .i = v };
}

void sqlq_add_text(struct sqlq *c, const char *v)
{
	sqlq_add_int(c, 0);
	c->binds[c->nbinds - 1].is_text = 1;
	c->binds[c->nbinds - 1].s = xstrdup(v);
}

void sqlq_free(struct sqlq *c)
{
	for (size_t i = 0; i < c->nbinds; i++)
		free(c->binds[i].s);
	free(c->binds);
	sbuf_free(&c->from);
	sbuf_free(&c->where);
	memset(c, 0, sizeof *c);
}

int sqlq_bind(const struct sqlq *c, sqlite3_stmt *st)
{
	int i;

	for (i = 0; i < (int)c->nbinds; i++) {
		if (c->binds[i].is_text)
			sqlite3_bind_text(st, i + 1, c->binds[i].s, -1, SQLITE_STATIC);
		else
			sqlite3_bind_int64(st, i + 1, c->binds[i].i);
	}
	return i + 1;
}

int sqlq_one(struct store *s, const struct sqlq *c, const char *sql, int64_t *v,
             const char *what, struct err *e)
{
	sqlite3_stmt *st = store_prepare_cached(s, sql, e);
	int rc;

	if (!st)
		return -1;
	sqlq_bind(c, st);
	store_query_start(s);
	rc = sqlite3_step(st);
	store_query_end(s);
	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int64(st, 0);
	store_release(s, st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	if (s->interrupted)
		return 2;
	return store_sqlerr(s, e, what);
}

static int is_text_atom(const struct qatom *a)
{
	return a->kind == Q_WORD || a->kind == Q_PHRASE || a->kind == Q_PREFIX;
}

/* An FTS5 string for one text atom: every term quoted, so that nothing a
 * user types can be read as FTS5 syntax. */
void store_fts_quote(struct sbuf *b, const char *text)
{
	sbuf_addc(b, '"');
	for (const char *p = text; *p; p++) {
		if (*p == '"')
			sbuf_addc(b, '"');
		sbuf_addc(b, *p);
	}
	sbuf_addc(b, '"');
}

/* 1 when s is one Han, Kana or Hangul character. */
static int one_cjk_char(const char *s)
{
	uint32_t uc;
	size_t n = text_next(s, strlen(s), &uc);

	return n > 0 && s[n] == '\0' && text_is_cjk(uc);
}

/* 1 when s holds a Han, Kana or Hangul character: its words are pairs
 * of characters, which spelling help does not know. */
static int has_cjk(const char *s)
{
	size_t n = strlen(s);

	for (size_t i = 0; i < n;) {
		uint32_t uc;
		size_t k = text_next(s + i, n - i, &uc);

		if (text_is_cjk(uc))
			return 1;
		i += k ? k : 1;
	}
	return 0;
}

static void fts_atom(struct sbuf *b, const struct qatom *a)
{
	store_fts_quote(b, a->text);
	/* the index holds CJK characters in pairs (tokenize.c): one
	 * character is the start of a pair, or the last of a run */
	if (a->kind == Q_PREFIX || (a->kind == Q_WORD && one_cjk_char(a->text)))
		sbuf_add(b, " *");
}

/* How many documents the index has the folded term in (0 if none), up
 * to 1000: enough to tell a word from a misspelling and to prefer the
 * commoner of two spellings, and bounded (fts5vocab would read the
 * term's whole doclist, a tenth of a big collection for a common word). */
static long long term_docs(struct store *s, const char *term)
{
	sqlite3_stmt *st = store_stmt(s, ST_VOCAB);
	struct sbuf q = {0};
	long long n = 0;

	store_fts_quote(&q, term);
	sqlite3_bind_text(st, 1, sbuf_str(&q), -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	sbuf_free(&q);
	return n;
}

/* Letters to try in a misspelled word, by the script of its first
 * letter: Latin, Cyrillic, or none (only deletions and swaps). */
static const char *spell_alphabet(const char *w)
{
	unsigned char c = (unsigned char)w[0];

	if (c >= 'a' && c <= 'z')
		return "abcdefghijklmnopqrstuvwxyz";
	if (c == 0xd0 || c == 0xd1)
		return "абвгдеёжзийклмнопрстуфхцчшщъыьэюя";
	return "";
}

struct spell_cand {
	char *term;
	long long df;
};

static void spell_try(struct store *s, const char *w, struct spell_cand *best, size_t max)
{
	long long df = term_docs(s, w);
	size_t i, worst = 0;

	if (!df)
		return;
	for (i = 0; i < max && best[i].term; i++) {
		if (strcmp(best[i].term, w) == 0)
			return;
		if (best[i].df < best[worst].df)
			worst = i;
	}
	if (i < max) {
		best[i].term = xstrdup(w);
		best[i].df = df;
	} else if (df > best[worst].df) {
		free(best[worst].term);
		best[worst].term = xstrdup(w);
		best[worst].df = df;
	}
}

/* Length in bytes of the UTF-8 character at p. */
static size_t u8len(const char *p)
{
	unsigned char c = (unsigned char)*p;

	return c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

/* An FTS5 expression for a word the index does not have: the indexed
 * words one edit away (a letter dropped, added, changed, or two swapped),
 * the most common first. NULL when there are none. Caller frees. */
static char *spell_terms(struct store *s, const char *word)
{
	struct spell_cand best[4] = {{0}};
	const char *alpha;
	size_t n = strlen(word);
	struct sbuf b = {0}, t = {0};

	for (size_t i = 0; i < ARRAY_LEN(s->spell); i++)
		if (s->spell[i].word && strcmp(s->spell[i].word, word) == 0)
			return s->spell[i].terms ? xstrdup(s->spell[i].terms) : NULL;
	alpha = spell_alphabet(word);
	if (n >= 4 && n <= 40) {
		for (size_t i = 0; i < n; i += u8len(word + i)) {
			size_t li = u8len(word + i);

			/* drop the letter at i */
			sbuf_reset(&t);
			sbuf_addn(&t, word, i);
			sbuf_add(&t, word + i + li);
			spell_try(s, sbuf_str(&t), best, ARRAY_LEN(best));
			/* swap it with the next */
			if (i + li < n) {
				size_t lj = u8len(word + i + li);

				sbuf_reset(&t);
				sbuf_addn(&t, word, i);
				sbuf_addn(&t, word + i + li, lj);
				sbuf_addn(&t, word + i, li);
				sbuf_add(&t, word + i + li + lj);
				spell_try(s, sbuf_str(&t), best, ARRAY_LEN(best));
			}
		}
		for (size_t i = 0; i <= n; i += i < n ? u8len(word + i) : 1) {
			for (const char *a = alpha; *a; a += u8len(a)) {
				size_t la = u8len(a);

				/* another letter at i, and one more before i */
				if (i < n) {
					sbuf_reset(&t);
					sbuf_addn(&t, word, i);
					sbuf_addn(&t, a, la);
					sbuf_add(&t, word + i + u8len(word + i));
					spell_try(s, sbuf_str(&t), best, ARRAY_LEN(best));
				}
				sbuf_reset(&t);
				sbuf_addn(&t, word, i);
				sbuf_addn(&t, a, la);
				sbuf_add(&t, word + i);
				spell_try(s, sbuf_str(&t), best, ARRAY_LEN(best));
			}
			if (i == n)
				break;
		}
	}
	sbuf_free(&t);
	for (size_t i = 0; i < ARRAY_LEN(best); i++) {
		if (!best[i].term)
			continue;
		sbuf_printf(&b, "%s\"%s\"", b.len ? " OR " : "", best[i].term);
		free(best[i].term);
	}
	{
		struct spell_cache *c = &s->spell[s->spell_next++ % ARRAY_LEN(s->spell)];

		free(c->word);
		free(c->terms);
		c->word = xstrdup(word);
		c->terms = b.len ? xstrdup(sbuf_str(&b)) : NULL;
	}
	return b.len ? sbuf_take(&b) : NULL;
}

/* An FTS5 string for a text atom: a plain word the index does not know
 * also matches the words one edit away, so a misspelling still finds
 * something (nothing matches the word itself, so exact matches of the
 * other terms still rank first). */
static void fts_atom_spelled(struct store *s, struct sbuf *b, const struct qatom *a)
{
	char *fold, *terms = NULL;

	if (a->kind != Q_WORD || a->neg) {
		fts_atom(b, a);
		return;
	}
	fold = text_fold(a->text);
	if (*fold && !strchr(fold, ' ') && !has_cjk(fold) && term_docs(s, fold) == 0)
		terms = spell_terms(s, fold);
	free(fold);
	if (!terms) {
		fts_atom(b, a);
		return;
	}
	sbuf_addc(b, '(');
	fts_atom(b, a);
	sbuf_printf(b, " OR %s)", terms);
	free(terms);
}

/* Escape LIKE wildcards in v. Caller frees. */
static char *like_escape(const char *v)
{
	struct sbuf b = {0};

	for (const char *p = v; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			sbuf_addc(&b, '\\');
		sbuf_addc(&b, *p);
	}
	return sbuf_take(&b);
}

/* The LIKE patterns that find the folded name fold as a whole word of a
 * longer name (first, last, inside), in pat[0..2]; caller frees them. */
static void word_patterns(const char *fold, struct sbuf pat[3])
{
	char *esc = like_escape(fold);

	memset(pat, 0, 3 * sizeof *pat);
	sbuf_printf(&pat[0], "%s %%", esc);
	sbuf_printf(&pat[1], "%% %s", esc);
	sbuf_printf(&pat[2], "%% %s %%", esc);
	free(esc);
}

/* SQL condition for one field or date atom, on the document alias d and
 * key expression k. */
static void sql_atom(struct store *s, struct sqlq *c, const struct qatom *a, const char *k)
{
	if (a->kind == Q_DATE) {
		int32_t from = a->from, to = a->to;

		sbuf_printf(&c->where, "%s(d.prec > 0", a->neg ? "NOT " : "");
		if (to) {
			sbuf_printf(&c->where, " AND %s < ? AND d.first <= ?", k);
			sqlq_add_int(c, KEY_OF_DATE(to + 1));
			sqlq_add_int(c, to);
		}
		if (from) {
			/* no document starts more than max_span years before it ends */
			sbuf_printf(&c->where, " AND %s >= ? AND d.last >= ?", k);
			sqlq_add_int(c, KEY_OF_DATE((from / 10000 - s->max_span) * 10000));
			sqlq_add_int(c, from);
		}
		sbuf_addc(&c->where, ')');
		return;
	}
	if (a->kind == Q_FIELD && a->field == QF_TAG) {
		sbuf_printf(&c->where, "%s EXISTS (SELECT 1 FROM tag t WHERE t.name = ? AND t.id = d.id)",
		            a->neg ? "NOT" : "");
		sqlq_add_text(c, a->text);
		return;
	}
	if (a->kind == Q_FIELD && a->field == QF_IS) {
		int unread = strcmp(a->text, "unread") == 0;

		sbuf_printf(&c->where, "%s EXISTS (SELECT 1 FROM %s m WHERE m.id = d.id)",
		            a->neg != unread ? "NOT" : "",
		            strcmp(a->text, "bookmarked") == 0 ? "bookmark" : "read_mark");
		return;
	}
	if (a->kind == Q_FIELD && a->field == QF_HAS) {
		sbuf_printf(&c->where, "%s EXISTS (SELECT 1 FROM %s m WHERE m.id = d.id)",
		            a->neg ? "NOT" : "",
		            strcmp(a->text, "excerpt") == 0 ? "excerpt" : "note");
		return;
	}
	if (a->kind == Q_FIELD && a->field == QF_NOTE) {
		/* every word of the value, folded, somewhere in the folded note
		 * (a reader's notes are few: no index is needed) */
		char *fold = text_fold(a->text);
		char *save = NULL;
		int n = 0;

		sbuf_printf(&c->where, "%s EXISTS (SELECT 1 FROM note m WHERE m.id = d.id",
		            a->neg ? "NOT" : "");
		for (char *w = strtok_r(fold, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
			sbuf_add(&c->where, " AND instr(fonds_fold(m.text), ?) > 0");
			sqlq_add_text(c, w);
			n++;
		}
		sbuf_addc(&c->where, ')');
		free(fold);
		(void)n;
		return;
	}
	if (a->kind == Q_FIELD && a->field == QF_ID) {
		sbuf_printf(&c->where, "d.id %s ?", a->neg ? "<>" : "=");
		sqlq_add_text(c, a->text);
		return;
	}
	if (a->kind == Q_FIELD) {
		const char *t = store_facet_table[a->field];
		char *fold = text_fold(a->text);
		struct sbuf pat[3];

		sbuf_printf(&c->where,
		            "%s %s IN (SELECT doc FROM doc_%s WHERE %s IN (SELECT id FROM %s "
		            "WHERE fold = ? OR fold LIKE ? ESCAPE '\\' OR fold LIKE ? ESCAPE '\\' "
		            "OR fold LIKE ? ESCAPE '\\'",
		            a->neg ? "NOT" : "", k, t, t, t);
		sqlq_add_text(c, fold);
		word_patterns(fold, pat);
		for (int i = 0; i < 3; i++) {
			sqlq_add_text(c, sbuf_str(&pat[i]));
			sbuf_free(&pat[i]);
		}
		if (a->field == QF_PERSON) {
			sbuf_add(&c->where, " OR id IN (SELECT person FROM person_alias WHERE fold = ?)");
			sqlq_add_text(c, fold);
		}
		sbuf_add(&c->where, "))");
		free(fold);
		return;
	}
	/* a text atom inside an OR with fields */
	{
		struct sbuf m = {0};

		fts_atom(&m, a);
		sbuf_printf(&c->where, "%s %s IN (SELECT rowid FROM doc_fts WHERE doc_fts MATCH ?)",
		            a->neg ? "NOT" : "", k);
		sqlq_add_text(c, sbuf_str(&m));
		sbuf_free(&m);
	}
}

/* The one id that a positive facet atom's value names (0 when none or
 * several): the same names sql_atom matches, resolved now. */
static int64_t facet_single_id(struct store *s, const struct qatom *a)
{
	const char *t = store_facet_table[a->field];
	char *fold = text_fold(a->text);
	struct sbuf sql = {0}, pat[3];
	sqlite3_stmt *st;
	int64_t id = 0;
	int n = 0;

	sbuf_printf(&sql, "SELECT id FROM %s WHERE fold = ?1 OR fold LIKE ?2 ESCAPE '\\' "
	            "OR fold LIKE ?3 ESCAPE '\\' OR fold LIKE ?4 ESCAPE '\\'%s LIMIT 2", t,
	            a->field == QF_PERSON ?
	            " UNION SELECT person FROM person_alias WHERE fold = ?1" : "");
	st = store_prepare_cached(s, sbuf_str(&sql), NULL);
	word_patterns(fold, pat);
	if (st) {
		sqlite3_bind_text(st, 1, fold, -1, SQLITE_STATIC);
		for (int i = 0; i < 3; i++)
			sqlite3_bind_text(st, 2 + i, sbuf_str(&pat[i]), -1, SQLITE_STATIC);
		while (sqlite3_step(st) == SQLITE_ROW && n < 2) {
			if (n++ == 0 || sqlite3_column_int64(st, 0) != id)
				id = n == 1 ? sqlite3_column_int64(st, 0) : 0;
		}
		store_release(s, st);
	}
	for (int i = 0; i < 3; i++)
		sbuf_free(&pat[i]);
	sbuf_free(&sql);
	free(fold);
	return n == 1 ? id : 0;
}

/* The clause that can drive a query without text: one positive facet
 * atom naming exactly one name. Its links are read in document order
 * from the (name, doc) primary key, so a page costs its own rows however
 * many documents the name has (an IN list would collect them all).
 * Returns the clause's index and *id, or -1. */
static long facet_driver(struct store *s, const struct query *q, int64_t *id)
{
	for (size_t i = 0; q && i < q->n; i++) {
		const struct qclause *cl = &q->v[i];
		const struct qatom *a = cl->n == 1 ? &cl->atoms[0] : NULL;

		if (!a || a->kind != Q_FIELD || a->neg || a->field == QF_ID ||
		    a->field >= (enum qfield)FACET_NKINDS)
			continue;
		if ((*id = facet_single_id(s, a)) != 0)
			return (long)i;
	}
	return -1;
}

static int compile(struct store *s, const struct query *q, struct sqlq *c, struct err *e);

int store_compile(struct store *s, const struct query *q, struct sqlq *c, struct err *e)
{
	struct query *x;
	int rc;

	/* saved searches (@NAME) become the clauses of their queries */
	memset(c, 0, sizeof *c);
	if ((rc = store_query_expand(s, q, &x, e)) < 0)
		return -1;
	rc = compile(s, rc ? x : q, c, e);
	query_free(x);
	return rc;
}

static int compile(struct store *s, const struct query *q, struct sqlq *c, struct err *e)
{
	struct sbuf pos = {0}, neg = {0};
	size_t npos = 0, nneg = 0, wlen;
	long driver = -1;
	int64_t driver_id = 0;
	const char *k;

	(void)e;
	memset(c, 0, sizeof *c);
	c->only_dates = 1;
	/* Pass 1: clauses made only of text terms go to the full-text index. */
	for (size_t i = 0; q && i < q->n; i++) {
		const struct qclause *cl = &q->v[i];
		int all_text = 1;

		for (size_t j = 0; j < cl->n; j++)
			all_text &= is_text_atom(&cl->atoms[j]);
		if (!all_text)
			continue;
		if (cl->n == 1 && cl->atoms[0].neg) {
			sbuf_add(&neg, nneg++ ? " OR " : "");
			fts_atom(&neg, &cl->atoms[0]);
			continue;
		}
		sbuf_add(&pos, npos++ ? " AND (" : "(");
		for (size_t j = 0; j < cl->n; j++) {
			if (j)
				sbuf_add(&pos, " OR ");
			fts_atom_spelled(s, &pos, &cl->atoms[j]);
		}
		sbuf_addc(&pos, ')');
	}
	if (npos) {
		c->fts = 1;
		sbuf_add(&c->from, "doc_fts f JOIN doc d ON d.key = f.rowid");
		snprintf(c->drive_from, sizeof c->drive_from, "doc_fts f");
		snprintf(c->drive_on, sizeof c->drive_on, "d.key = f.rowid");
		sbuf_add(&c->where, "doc_fts MATCH ?");
		if (nneg)
			sbuf_printf(&pos, " NOT (%s)", sbuf_str(&neg));
		sqlq_add_text(c, sbuf_str(&pos));
		c->only_dates = 0;
	} else if ((driver = facet_driver(s, q, &driver_id)) >= 0) {
		const char *t = store_facet_table[q->v[driver].atoms[0].field];

		sbuf_printf(&c->from, "doc_%s p JOIN doc d ON d.key = p.doc", t);
		snprintf(c->drive_from, sizeof c->drive_from, "doc_%s p", t);
		snprintf(c->drive_on, sizeof c->drive_on, "d.key = p.doc");
		sbuf_printf(&c->where, "p.%s = ?", t);
		sqlq_add_int(c, driver_id);
		c->only_dates = 0;
		c->key = "p.doc";
		if (nneg) {
			sbuf_add(&c->where, " AND p.doc NOT IN (SELECT rowid FROM doc_fts WHERE doc_fts MATCH ?)");
			sqlq_add_text(c, sbuf_str(&neg));
		}
	} else {
		sbuf_add(&c->from, "doc d");
		sbuf_add(&c->where, "1");
		if (nneg) {
			sbuf_add(&c->where, " AND d.key NOT IN (SELECT rowid FROM doc_fts WHERE doc_fts MATCH ?)");
			sqlq_add_text(c, sbuf_str(&neg));
			c->only_dates = 0;
		}
	}
	sbuf_free(&pos);
	sbuf_free(&neg);
	if (!c->key)
		c->key = c->fts ? "f.rowid" : "d.key";
	k = c->key;
	wlen = c->where.len;

	/* Pass 2: everything else is a condition on the document. */
	for (size_t i = 0; q && i < q->n; i++) {
		const struct qclause *cl = &q->v[i];
		int all_text = 1;

		for (size_t j = 0; j < cl->n; j++)
			all_text &= is_text_atom(&cl->atoms[j]);
		if (all_text || (long)i == driver)
			continue;
		sbuf_add(&c->where, " AND (");
		for (size_t j = 0; j < cl->n; j++) {
			if (j)
				sbuf_add(&c->where, " OR ");
			if (cl->atoms[j].kind != Q_DATE)
				c->only_dates = 0;
			sql_atom(s, c, &cl->atoms[j], k);
		}
		sbuf_addc(&c->where, ')');
	}
	/* with no other condition, counting needs only the driving index */
	if (c->where.len == wlen && c->fts)
		snprintf(c->count_from, sizeof c->count_from, "doc_fts f");
	else if (c->where.len == wlen && driver >= 0)
		snprintf(c->count_from, sizeof c->count_from, "doc_%s p",
		         store_facet_table[q->v[driver].atoms[0].field]);
	return 0;
}

/* --- rows ------------------------------------------------------------ */

void row_clear(struct row *r)
{
	free(r->id);
	free(r->title);
	free(r->snippet);
	memset(r, 0, sizeof *r);
}

void rows_free(struct rows *r)
{
	for (size_t i = 0; i < r->n; i++)
		row_clear(&r->v[i]);
	free(r->v);
	memset(r, 0, sizeof *r);
}

static struct row *rows_push(struct rows *r)
{
	array_reserve((void **)&r->v, &r->cap, r->n + 1, sizeof *r->v, 32);
	memset(&r->v[r->n], 0, sizeof r->v[r->n]);
	return &r->v[r->n++];
}

/* The columns of a list row, in the order row_read() expects; %s is the
 * rank expression, then the snippet's. */
#define ROW_COLUMNS                                                           \
	"d.key, %s, d.id, d.prec, d.dkey, d.first, d.last, d.range, d.title, " \
	"EXISTS (SELECT 1 FROM relation r WHERE r.src = d.key) "              \
	" OR EXISTS (SELECT 1 FROM relation r WHERE r.dst = d.key), "         \
	"EXISTS (SELECT 1 FROM read_mark m WHERE m.id = d.id), "              \
	"EXISTS (SELECT 1 FROM bookmark b WHERE b.id = d.id), "               \
	"EXISTS (SELECT 1 FROM note n WHERE n.id = d.id), %s"

/* The snippets of a search, from the summary, the text and the title:
 * what a reader sees (the title is short: its snippet costs little). FTS5 left to choose (column -1) takes the column with the
 * most matches, often the hidden names column, where every spelling of a
 * person's name is one ("Joseph Stalin ; Stalin ; I.V. Stalin ; ..."). */
#define SNIPPET_COLUMNS                                                       \
	"snippet(doc_fts, 1, char(2), char(3), '…', 12), "                    \
	"snippet(doc_fts, 2, char(2), char(3), '…', 12), "                    \
	"snippet(doc_fts, 0, char(2), char(3), '…', 12)"
#define NO_SNIPPET_COLUMNS "NULL, NULL, NULL"
#define COL_SNIPPETS 13

/* The snippet to show of those of the summary, the text and the title
 * read at column i: the first that holds a match, else (a match through
 * a name's other spelling or a cover name, which only the names column
 * holds) the start of the summary or the text, unmarked. NULL when there
 * is none. */
static char *snippet_pick(sqlite3_stmt *st, int i)
{
	for (int pass = 0; pass < 2; pass++)
		for (int k = 0; k < (pass ? 2 : 3); k++) {
			const char *t = (const char *)sqlite3_column_text(st, i + k);

			if (t && (pass ? *t != '\0' : strchr(t, '\002') != NULL))
				return xstrdup(t);
		}
	return NULL;
}

static void row_read(sqlite3_stmt *st, struct row *r)
{
	r->key = sqlite3_column_int64(st, 0);
	r->rank = sqlite3_column_double(st, 1);
	r->id = store_col_dup(st, 2);
	store_col_date(st, 3, &r->date);
	r->title = store_col_dup(st, 8);
	r->flags = (sqlite3_column_int(st, 9) ? ROW_RELATED : 0) |
	           (sqlite3_column_int(st, 10) ? ROW_READ : 0) |
	           (sqlite3_column_int(st, 11) ? ROW_BOOKMARK : 0) |
	           (sqlite3_column_int(st, 12) ? ROW_NOTE : 0);
	r->snippet = snippet_pick(st, COL_SNIPPETS);
}

/* Step st to the end, appending rows; reverse them when read backwards. */
static int read_rows(struct store *s, sqlite3_stmt *st, int backwards,
                     struct rows *out, struct err *e)
{
	size_t first = out->n;
	int rc;

	store_query_start(s);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		row_read(st, rows_push(out));
	store_query_end(s);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, e, "reading the list");
	if (backwards)
		for (size_t i = first, j = out->n; i + 1 < j; i++, j--) {
			struct row t = out->v[i];

			out->v[i] = out->v[j - 1];
			out->v[j - 1] = t;
		}
	return 0;
}

/* Append the keyset condition for pos to sql and c's bindings. */
static void keyset(struct sbuf *sql, struct sqlq *c, int rank, const struct page_pos *pos,
                   int dir, int inclusive)
{
	const char *op = dir > 0 ? (inclusive ? ">=" : ">") : (inclusive ? "<=" : "<");
	const char *strict = dir > 0 ? ">" : "<";

	if (!pos)
		return;
	if (rank) {
		sbuf_printf(sql, " AND (f.rank %s ? OR (f.rank = ? AND f.rowid %s ?))",
		            strict, op);
		sqlq_add_int(c, 0);
		c->binds[c->nbinds - 1].is_text = 2; /* a double, below */
		sqlq_add_int(c, 0);
		c->binds[c->nbinds - 1].is_text = 2;
		sqlq_add_int(c, pos->key);
	} else {
		sbuf_printf(sql, " AND %s %s ?", c->key, op);
		sqlq_add_int(c, pos->key);
	}
}

/* Bind c's values, doubles included (is_text 2 carries pos->rank). */
static void bind_all(const struct sqlq *c, sqlite3_stmt *st, double rank)
{
	for (size_t i = 0; i < c->nbinds; i++) {
		int at = (int)i + 1;

		if (c->binds[i].is_text == 1)
			sqlite3_bind_text(st, at, c->binds[i].s, -1, SQLITE_STATIC);
		else if (c->binds[i].is_text == 2)
			sqlite3_bind_double(st, at, rank);
		else
			sqlite3_bind_int64(st, at, c->binds[i].i);
	}
}

int store_page(struct store *s, const struct query *q, enum store_sort sort,
               const struct page_pos *pos, int dir, int inclusive, size_t n,
               struct rows *out, struct err *e)
{
	struct sqlq c;
	struct sbuf sql = {0};
	sqlite3_stmt *st;
	int rank, rc;
	const char *k;

	if (store_compile(s, q, &c, e) < 0)
		return -1;
	rank = sort == SORT_RANK && c.fts;
	k = c.key;
	sbuf_add(&sql, "SELECT ");
	sbuf_printf(&sql, ROW_COLUMNS, rank ? "f.rank" : "0",
	            c.fts ? SNIPPET_COLUMNS : NO_SNIPPET_COLUMNS);
	sbuf_printf(&sql, " FROM %s WHERE %s", sbuf_str(&c.from), sbuf_str(&c.where));
	keyset(&sql, &c, rank, pos, dir, inclusive);
	if (rank)
		sbuf_printf(&sql, " ORDER BY f.rank %s, f.rowid %s", dir > 0 ? "ASC" : "DESC",
		            dir > 0 ? "ASC" : "DESC");
	else
		sbuf_printf(&sql, " ORDER BY %s %s", k, dir > 0 ? "ASC" : "DESC");
	sbuf_add(&sql, " LIMIT ?");
	sqlq_add_int(&c, (int64_t)n);
	st = store_prepare_cached(s, sbuf_str(&sql), e);
	sbuf_free(&sql);
	if (!st) {
		sqlq_free(&c);
		return -1;
	}
	bind_all(&c, st, pos ? pos->rank : 0);
	rc = read_rows(s, st, dir < 0, out, e);
	store_release(s, st);
	sqlq_free(&c);
	return rc;
}

/* Count the rows of "SELECT 1 FROM ... WHERE ..." plus extra, up to limit
 * (none when 0), stepping so that an interrupted count still gives a
 * lower bound. A query of text alone is counted in the full-text index
 * without reading a document row: a join to doc reads the documents'
 * pages, which made counting a common word thirty times slower. */
static int count_rows(struct store *s, struct sqlq *c, const char *extra, double rank,
                      long long limit, long long *n, struct err *e)
{
	struct sbuf sql = {0};
	sqlite3_stmt *st;
	int rc;

	*n = 0;
	sbuf_printf(&sql, "SELECT 1 FROM %s WHERE %s%s",
	            *c->count_from ? c->count_from : sbuf_str(&c->from),
	            sbuf_str(&c->where), extra ? extra : "");
	if (limit > 0)
		sbuf_printf(&sql, " LIMIT %lld", limit);
	st = store_prepare_cached(s, sbuf_str(&sql), e);
	sbuf_free(&sql);
	if (!st)
		return -1;
	bind_all(c, st, rank);
	store_query_start(s);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		(*n)++;
	store_query_end(s);
	store_release(s, st);
	if (rc == SQLITE_DONE)
		return 1;
	if (s->interrupted)
		return 0;
	return store_sqlerr(s, e, "counting");
}

int store_count(struct store *s, const struct query *q, long long *n, struct err *e)
{
	struct sqlq c;
	int rc;

	if (query_is_empty(q)) {
		sqlite3_stmt *st = store_stmt(s, ST_COUNT_ALL);

		*n = 0;
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			*n = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		return rc == SQLITE_ROW || rc == SQLITE_DONE ? 1 : store_sqlerr(s, e, "counting");
	}
	if (store_compile(s, q, &c, e) < 0)
		return -1;
	rc = count_rows(s, &c, NULL, 0, 0, n, e);
	sqlq_free(&c);
	return rc;
}

/* The reader's table behind a mark or a tag, and the condition that
 * names a tag (its name bound last), or NULL for a filter that has none. */
static const char *user_table(enum qfield field, const char *value, const char **name)
{
	*name = "";
	if (field == QF_IS && strcmp(value, "bookmarked") == 0)
		return "bookmark";
	if (field == QF_IS && strcmp(value, "read") == 0)
		return "read_mark";
	if (field == QF_HAS && strcmp(value, "note") == 0)
		return "note";
	if (field == QF_HAS && strcmp(value, "excerpt") == 0)
		return "(SELECT DISTINCT id FROM excerpt)";
	if (field == QF_TAG) {
		*name = " AND m.name = ?";
		return "tag";
	}
	return NULL;
}

int store_count_user(struct store *s, const struct query *q,
                     struct store_user_count *v, size_t n, struct err *e)
{
	struct sqlq c;
	struct sbuf from = {0}, extra = {0};

	if (store_compile(s, q, &c, e) < 0)
		return -1;
	c.count_from[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		const char *name, *table = user_table(v[i].field, v[i].value, &name);
		struct sqlq one = c;

		v[i].n = 0;
		if (!table) {
			v[i].rc = err_set(e, "no reader's table for that filter");
			continue;
		}
		/* the reader's table first, each of its documents looked up by
		 * id, then in the driving table (CROSS JOIN keeps that order:
		 * a plain join let the planner scan doc) and tested against
		 * the query */
		sbuf_reset(&from);
		sbuf_printf(&from, "%s m CROSS JOIN doc d", table);
		if (*c.drive_from)
			sbuf_printf(&from, " CROSS JOIN %s", c.drive_from);
		sbuf_reset(&extra);
		sbuf_printf(&extra, " AND d.id = m.id%s%s%s", *c.drive_on ? " AND " : "",
		            c.drive_on, name);
		/* the same query over another FROM, with the tag's name bound
		 * after its values (the copy shares c's, and owns only that) */
		one.from = from;
		if (*name) {
			one.binds = xcalloc(c.nbinds + 1, sizeof *one.binds);
			if (c.nbinds)
				memcpy(one.binds, c.binds, c.nbinds * sizeof *one.binds);
			one.binds[c.nbinds].is_text = 1;
			one.binds[c.nbinds].s = (char *)v[i].value;
			one.nbinds = one.capbinds = c.nbinds + 1;
		}
		v[i].rc = count_rows(s, &one, sbuf_str(&extra), 0, 0, &v[i].n, e);
		if (*name)
			free(one.binds);
	}
	sbuf_free(&from);
	sbuf_free(&extra);
	sqlq_free(&c);
	return 0;
}

int store_count_upto(struct store *s, const struct query *q, long long limit,
                     long long *n, struct err *e)
{
	struct sqlq c;
	int rc;

	if (store_compile(s, q, &c, e) < 0)
		return -1;
	rc = count_rows(s, &c, NULL, 0, limit, n, e);
	sqlq_free(&c);
	return rc;
}

/* One integer from sql with ?1 and ?2 bound (0 when no row). */
static long long scalar2(struct store *s, const char *sql, int64_t a, int64_t b,
                         struct err *e, int *rc)
{
	sqlite3_stmt *st = store_prepare_cached(s, sql, e);
	long long v = 0;

	if (!st) {
		*rc = -1;
		return 0;
	}
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	else
		*rc = store_sqlerr(s, e, "counting");
	store_release(s, st);
	return v;
}

/* store_count_before for the whole collection in date order, from the
 * counts kept per period: the documents of earlier date keys, then those
 * of the same date key before pos (an index range of one day). Keys sort
 * by date key, a year's year-only documents before its months and a
 * month's month-only documents before its days. A count of the rows
 * before would read every document's page up to pos: a second at the
 * middle of a million. */
static int count_before_kept(struct store *s, int64_t key, long long *n, struct err *e)
{
	int32_t dk = DATE_OF_KEY(key), y = dk / 10000 * 10000, m = dk / 100 * 100;
	sqlite3_stmt *st;
	long long before = 0, ymonths = 0, mdays = 0, ytot = 0, mtot = 0;
	int rc = 0;

	if (dk >= (int32_t)KEY_UNDATED) {
		/* undated documents come after every dated one */
		before = scalar2(s, "SELECT (SELECT n FROM period_count WHERE period = -1) - "
		                    "(SELECT n FROM period_count WHERE period = 0) + "
		                    "(SELECT count(*) FROM doc WHERE key >= ?1 AND key < ?2)",
		                 KEY_OF_DATE(KEY_UNDATED), key, e, &rc);
		*n = before;
		return rc < 0 ? -1 : 1;
	}
	before = scalar2(s, "SELECT total(n) FROM period_count WHERE period > 0 AND "
	                    "period < ?1 AND period % 10000 = 0", y, 0, e, &rc);
	st = rc < 0 ? NULL : store_prepare_cached(s, "SELECT period, n FROM period_count "
	                                      "WHERE period >= ?1 AND period < ?2", e);
	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, y);
	sqlite3_bind_int(st, 2, y + 10000);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int32_t p = sqlite3_column_int(st, 0);
		long long k = sqlite3_column_int64(st, 1);

		if (p == y) {
			ytot = k;
		} else if (p % 100 == 0) {
			ymonths += k;
			if (p == m)
				mtot = k;
			else if (p < m)
				before += k;
		} else if (p / 100 * 100 == m) {
			mdays += k;
			if (p < dk)
				before += k;
		}
	}
	store_release(s, st);
	if (dk != y)
		before += ytot - ymonths;     /* the year's year-only documents */
	if (dk % 100)
		before += mtot - mdays;       /* the month's month-only documents */
	before += scalar2(s, "SELECT count(*) FROM doc WHERE key >= ?1 AND key < ?2",
	                  KEY_OF_DATE(dk), key, e, &rc);
	*n = before;
	return rc < 0 ? -1 : 1;
}

int store_count_before(struct store *s, const struct query *q, enum store_sort sort,
                       const struct page_pos *pos, long long *n, struct err *e)
{
	struct sqlq c;
	struct sbuf extra = {0};
	int rc;

	if (pos && query_is_empty(q))
		return count_before_kept(s, pos->key, n, e);
	if (store_compile(s, q, &c, e) < 0)
		return -1;
	keyset(&extra, &c, sort == SORT_RANK && c.fts, pos, -1, 0);
	rc = count_rows(s, &c, sbuf_str(&extra), pos ? pos->rank : 0, 0, n, e);
	sbuf_free(&extra);
	sqlq_free(&c);
	return rc;
}

int store_seek_date(struct store *s, const struct query *q, int32_t ymd, int dir,
                    int64_t *key, struct err *e)
{
	struct sqlq c;
	struct sbuf sql = {0};
	const char *k;
	int rc;

	if (store_compile(s, q, &c, e) < 0)
		return -1;
	k = c.key;
	sbuf_printf(&sql, "SELECT %s FROM %s WHERE %s AND %s %s ? ORDER BY %s %s LIMIT 1",
	            k, sbuf_str(&c.from), sbuf_str(&c.where), k, dir > 0 ? ">=" : "<", k,
	            dir > 0 ? "ASC" : "DESC");
	sqlq_add_int(&c, dir > 0 ? KEY_OF_DATE(ymd) : KEY_OF_DATE(ymd + 1));
	rc = sqlq_one(s, &c, sbuf_str(&sql), key, "seeking a date", e);
	sbuf_free(&sql);
	sqlq_free(&c);
	if (rc == 2)
		return store_sqlerr(s, e, "seeking a date");
	return rc;
}

int store_neighbor(struct store *s, int64_t key, int dir, struct row *out, struct err *e)
{
	struct page_pos pos = { .key = key };
	struct rows rows = {0};
	int rc;

	memset(out, 0, sizeof *out);
	rc = store_page(s, NULL, SORT_DATE, &pos, dir, 0, 1, &rows, e);
	if (rc < 0)
		return -1;
	if (rows.n == 0) {
		rows_free(&rows);
		return 0;
	}
	*out = rows.v[0];
	rows.n = 0;
	rows_free(&rows);
	return 1;
}
