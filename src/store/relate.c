/* relate.c - relations between documents: explicit links, the same people
 * within a short span of time, similar text. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* How far apart two documents may be to count as "the same people within
 * a short span of time", and how many such neighbours a document keeps. */
#define PEOPLE_SPAN_DAYS 14
#define PEOPLE_KEEP 5

/* What aux says of a REL_SERIES relation. */
enum { SERIES_NEXT, SERIES_SAME_MATTER };

static const char *const rel_names[] = {
	"link", "reply", "series", "people", "text", "cites"
};

const char *store_rel_name(enum rel_kind k)
{
	return (unsigned)k < ARRAY_LEN(rel_names) ? rel_names[k] : "?";
}

const char *store_rel_label(const struct relation *r)
{
	if (r->kind == REL_CITES && !r->forward)
		return "cited by";
	return store_rel_name(r->kind);
}

static int exec(struct store *s, const char *sql, struct err *e)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_sqlerr(s, e, "computing relations");
	return 0;
}

/* Explicit links whose source or target was touched. */
static int relate_links(struct store *s, struct err *e)
{
	/* link.kind 1 (a citation) becomes REL_CITES */
	_Static_assert(REL_CITES == 5, "relate_links writes REL_CITES as 5 * link.kind");
	return exec(s,
		"INSERT OR IGNORE INTO relation(src, dst, kind, strength) "
		"SELECT l.src, d.key, 5 * l.kind, 1.0 "
		"FROM temp.touched t JOIN link l ON l.src = t.key JOIN doc d ON d.id = l.target "
		"WHERE d.key <> l.src "
		"UNION ALL "
		"SELECT l.src, t.key, 5 * l.kind, 1.0 "
		"FROM temp.touched t JOIN doc d ON d.key = t.key JOIN link l ON l.target = d.id "
		"WHERE t.key <> l.src", e);
}

/* --- what titles say ------------------------------------------------- */

static const char *const month_words[] = {
	"january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december", "jan", "feb", "mar", "apr",
	"jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"
};

static int is_month_word(const char *w)
{
	for (size_t i = 0; i < ARRAY_LEN(month_words); i++)
		if (strcmp(w, month_words[i]) == 0)
			return 1;
	return 0;
}

static int has_digit(const char *w)
{
	for (; *w; w++)
		if (*w >= '0' && *w <= '9')
			return 1;
	return 0;
}

/* The folded words of s between start and the first of the stop words or
 * marks, at most max words. Caller frees; NULL when empty. */
static char *words_until(const char *s, size_t max)
{
	static const char *const stops[] = {
		"via", "regarding", "concerning", "about", "on", "attaching", "relaying",
		"transmitting", "with", "and", "in", "for"
	};
	char *fold;
	size_t cut = strcspn(s, ",([;:");
	char *head = xstrndup(s, cut);
	struct sbuf b = {0};
	size_t n = 0;

	fold = text_fold(head);
	free(head);
	for (char *w = strtok(fold, " "); w && n < max; w = strtok(NULL, " ")) {
		int stop = 0;

		for (size_t i = 0; i < ARRAY_LEN(stops); i++)
			stop |= strcmp(w, stops[i]) == 0;
		if (stop)
			break;
		if (b.len)
			sbuf_addc(&b, ' ');
		sbuf_add(&b, w);
		n++;
	}
	free(fold);
	return b.len ? sbuf_take(&b) : NULL;
}

void store_title_keys(const char *title, char **series, char **genre, char **recipient)
{
	char *fold, *from, *to;
	struct sbuf b = {0};
	int removed = 0, kept = 0;

	*series = *genre = *recipient = NULL;
	if (!title || !*title)
		return;
	/* series: the title without its dates and numbers */
	fold = text_fold(title);
	for (char *w = strtok(fold, " "); w; w = strtok(NULL, " ")) {
		if (has_digit(w) || is_month_word(w)) {
			removed++;
			continue;
		}
		if (b.len)
			sbuf_addc(&b, ' ');
		sbuf_add(&b, w);
		kept++;
	}
	free(fold);
	if (removed && kept >= 3)
		*series = sbuf_take(&b);
	sbuf_free(&b);

	/* "TYPE from SENDER to RECIPIENT" */
	from = strstr(title, " from ");
	if (!from)
		return;
	to = strstr(from + 6, " to ");
	{
		char *type = xstrndup(title, (size_t)(from - title));
		char *t = text_fold(type);

		free(type);
		/* a type is a few words, not a sentence */
		if (*t && strlen(t) < 60)
			*genre = t;
		else
			free(t);
	}
	if (to && *genre)
		*recipient = words_until(to + 4, 6);
	if (!*recipient) {
		free(*genre);
		*genre = NULL;
	}
}

/* --- candidates by shared people -------------------------------------- */

struct cand {
	int64_t key;
	double weight;
	int shared;
	int32_t slot;      /* its slot in the index */
	struct sbuf names;
};

/* Candidates, with an open-addressing index from key to position. */
#define CANDS_MAX 2048
#define CANDS_SLOTS 4096 /* a power of two, twice CANDS_MAX */

struct cands {
	struct cand *v;
	size_t n, cap;
	int32_t slot[CANDS_SLOTS]; /* position + 1, 0 when free */
};

/* Empty the set for the next document, keeping its memory. */
static void cands_reset(struct cands *c)
{
	for (size_t i = 0; i < c->n; i++) {
		sbuf_reset(&c->v[i].names);
		c->slot[c->v[i].slot] = 0;
	}
	c->n = 0;
}

static void cands_free(struct cands *c)
{
	cands_reset(c);
	for (size_t i = 0; i < c->cap; i++)
		sbuf_free(&c->v[i].names);
	free(c->v);
	free(c);
}

/* The candidate for key, added when new; NULL when the set is full. */
static struct cand *cands_get(struct cands *c, int64_t key)
{
	size_t h = (size_t)(hash64(&key, sizeof key, 0) & (CANDS_SLOTS - 1));

	while (c->slot[h]) {
		struct cand *x = &c->v[c->slot[h] - 1];

		if (x->key == key)
			return x;
		h = (h + 1) & (CANDS_SLOTS - 1);
	}
	if (c->n >= CANDS_MAX)
		return NULL; /* bounded work on very dense periods */
	if (c->n == c->cap) {
		size_t old = c->cap;

		array_reserve((void **)&c->v, &c->cap, c->n + 1, sizeof *c->v, 16);
		memset(c->v + old, 0, (c->cap - old) * sizeof *c->v);
	}
	c->v[c->n].key = key;
	c->v[c->n].weight = 0;
	c->v[c->n].shared = 0;
	c->v[c->n].slot = (int32_t)h;
	c->slot[h] = (int32_t)++c->n;
	return &c->v[c->n - 1];
}

static int cand_cmp(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->weight != y->weight)
		return (x->weight < y->weight) - (x->weight > y->weight);
	return (x->key > y->key) - (x->key < y->key);
}

/* Put the first n candidates in cand_cmp order at the front, in that
 * order: a document keeps a few of its candidates, often hundreds, and
 * sorting them all cost more than choosing the few. */
static void cands_best(struct cands *c, size_t n)
{
	for (size_t i = 0; i < n && i < c->n; i++) {
		size_t best = i;

		for (size_t j = i + 1; j < c->n; j++)
			if (cand_cmp(&c->v[j], &c->v[best]) < 0)
				best = j;
		if (best != i) {
			struct cand t = c->v[i];

			c->v[i] = c->v[best];
			c->v[best] = t;
		}
	}
}

/* Documents with keys in [lo, hi] that share people with document key,
 * each with the summed weight of the people they share: a person weighs
 * more the rarer they are in the collection. Only documents of day
 * precision, at most a few thousand. */
static void gather(sqlite3_stmt *persons, sqlite3_stmt *const near[2], int64_t key,
                   int64_t lo, int64_t hi, long ndocs, struct cands *c)
{
	sqlite3_reset(persons);
	sqlite3_bind_int64(persons, 1, key);
	while (sqlite3_step(persons) == SQLITE_ROW) {
		int64_t pid = sqlite3_column_int64(persons, 0);
		const char *name = (const char *)sqlite3_column_text(persons, 1);
		long pn = sqlite3_column_int64(persons, 2);
		double w = log((double)(ndocs + 1) / (double)(pn + 1));

		if (w <= 0.05)
			continue;
		/* the nearest documents of this person, later and earlier */
		for (int dir = 0; dir < 2; dir++) {
			sqlite3_stmt *st = near[dir];

			sqlite3_reset(st);
			sqlite3_bind_int64(st, 1, pid);
			sqlite3_bind_int64(st, 2, key);
			sqlite3_bind_int64(st, 3, dir ? lo : hi);
			while (sqlite3_step(st) == SQLITE_ROW) {
				int64_t other = sqlite3_column_int64(st, 0);
				struct cand *x;

				if (DATE_OF_KEY(other) % 100 == 0)
					continue; /* not of day precision */
				if (!(x = cands_get(c, other)))
					continue;
				x->weight += w;
				x->shared++;
				if (x->shared <= 3) {
					if (x->names.len)
						sbuf_add(&x->names, ", ");
					sbuf_add(&x->names, name);
				}
			}
			sqlite3_reset(st);
		}
	}
	sqlite3_reset(persons);
}

static long days_apart(int64_t a, int64_t b)
{
	return labs(text_day_number(DATE_OF_KEY(a)) - text_day_number(DATE_OF_KEY(b)));
}

static void apart_text(char *buf, size_t n, long apart)
{
	if (apart == 0)
		snprintf(buf, n, "same day");
	else if (apart == 1)
		snprintf(buf, n, "1 day apart");
	else
		snprintf(buf, n, "%ld days apart", apart);
}

/* How many documents have a type of document, by the type's hash: the
 * count (bounded) is the same for every document of one run, and common
 * types would otherwise be counted again for each of their documents.
 * A full table starts again (bounded memory). */
#define GENRE_SLOTS 65536 /* a power of two */

struct genre_counts {
	struct genre_count {
		sqlite3_int64 hash; /* 0: free (a hash of 0 is kept as 1) */
		long long n;
	} *v;
	size_t n;
};

/* The statements relations are computed with, prepared once per run. */
struct relate_ctx {
	struct store *s;
	long ndocs;
	sqlite3_stmt *persons, *near[2], *ins, *doc, *series_prev, *genre_near, *genre_count;
	sqlite3_stmt *title;
	struct cands *cands; /* reused from one document to the next */
	struct genre_counts genres;
};

/* A key of a title as the import stored it (doc.series, genre and
 * recipient: store_title_keys, hashed by store_bind_hash). */
struct title_key {
	int has;            /* the title has this key */
	sqlite3_int64 hash;
};

/* Column i of st as a title key. */
static struct title_key title_key_col(sqlite3_stmt *st, int i)
{
	struct title_key k = { sqlite3_column_type(st, i) != SQLITE_NULL, 0 };

	if (k.has)
		k.hash = sqlite3_column_int64(st, i);
	return k;
}

/* The number of documents of the type genre, counted no further than
 * ndocs / 10 + 1. */
static long long genre_count(struct relate_ctx *x, struct title_key genre)
{
	struct genre_counts *g = &x->genres;
	sqlite3_int64 h = genre.hash ? genre.hash : 1;
	size_t i;
	long long same = 0;

	if (!g->v)
		g->v = xcalloc(GENRE_SLOTS, sizeof *g->v);
	for (i = (size_t)h & (GENRE_SLOTS - 1); g->v[i].hash; i = (i + 1) & (GENRE_SLOTS - 1))
		if (g->v[i].hash == h)
			return g->v[i].n;
	sqlite3_reset(x->genre_count);
	sqlite3_bind_int64(x->genre_count, 1, genre.hash);
	sqlite3_bind_int64(x->genre_count, 2, x->ndocs / 10 + 1);
	if (sqlite3_step(x->genre_count) == SQLITE_ROW)
		same = sqlite3_column_int64(x->genre_count, 0);
	sqlite3_reset(x->genre_count);
	if (g->n * 2 >= GENRE_SLOTS) {
		memset(g->v, 0, GENRE_SLOTS * sizeof *g->v);
		g->n = 0;
		i = (size_t)h & (GENRE_SLOTS - 1);
	}
	g->v[i].hash = h;
	g->v[i].n = same;
	g->n++;
	return same;
}

/* Store a relation; aux says which reply cue or kind of series. */
static int insert_rel(struct relate_ctx *x, int64_t src, int64_t dst, enum rel_kind kind,
                      double strength, int aux, struct err *e)
{
	sqlite3_stmt *ins = x->ins;
	int rc;

	sqlite3_reset(ins);
	sqlite3_bind_int64(ins, 1, src);
	sqlite3_bind_int64(ins, 2, dst);
	sqlite3_bind_int(ins, 3, (int)kind);
	sqlite3_bind_double(ins, 4, strength);
	sqlite3_bind_int(ins, 5, aux);
	rc = sqlite3_step(ins);
	sqlite3_reset(ins);
	return rc == SQLITE_DONE ? 0 : store_sqlerr(x->s, e, "storing a relation");
}

/* The same people within PEOPLE_SPAN_DAYS of a document of day precision. */
static int relate_people_one(struct relate_ctx *x, int64_t key, int32_t dk, struct err *e)
{
	long day = text_day_number(dk);
	int64_t lo = KEY_OF_DATE(text_day_from_number(day - PEOPLE_SPAN_DAYS));
	int64_t hi = KEY_OF_DATE(text_day_from_number(day + PEOPLE_SPAN_DAYS) + 1) - 1;
	struct cands *c = x->cands;
	int rc = 0;

	gather(x->persons, x->near, key, lo, hi, x->ndocs, c);
	for (size_t i = 0; i < c->n; i++) {
		/* people who are in a large share of the collection are not
		 * enough on their own (about 40%: log(1 / 0.4) = 0.9) */
		if (c->v[i].weight < 0.9)
			c->v[i].weight = 0;
		c->v[i].weight /= 1.0 + days_apart(c->v[i].key, key) / 7.0;
	}
	cands_best(c, PEOPLE_KEEP);
	for (size_t i = 0; i < c->n && i < PEOPLE_KEEP && rc == 0; i++) {
		/* strength below an explicit link's 1.0 */
		double strength = 0.9 * (1.0 - exp(-c->v[i].weight / 4.0));
		int64_t a = key < c->v[i].key ? key : c->v[i].key;
		int64_t b = key < c->v[i].key ? c->v[i].key : key;

		if (c->v[i].weight <= 0)
			break;
		rc = insert_rel(x, a, b, REL_PEOPLE, strength, 0, e);
	}
	cands_reset(c);
	return rc;
}

/* Words that say a document answers, follows up or passes on another.
 * Stored relations name their cue by its index here: append only. */
static const struct {
	const char *cue;    /* folded, matched as whole words */
	const char *reason; /* seen from the later document */
	const char *rreason;
	int span;           /* days back to look */
} reply_cues[] = {
	{ "response to", "reply to", "answered by", 30 },
	{ "reply to", "reply to", "answered by", 30 },
	{ "in reply", "reply to", "answered by", 30 },
	{ "answer to", "reply to", "answered by", 30 },
	{ "draft response", "reply to", "answered by", 30 },
	{ "draft reply", "reply to", "answered by", 30 },
	{ "follow up", "follow-up to", "followed up by", 30 },
	{ "following up", "follow-up to", "followed up by", 30 },
	{ "relaying a letter", "relays", "relayed by", 60 },
	{ "relaying", "relays", "relayed by", 60 },
	{ "transmitting letter", "relays", "relayed by", 60 },
	{ "forwarding", "relays", "relayed by", 60 },
};

/* Does the folded text contain cue as whole words? */
static int has_words(const char *fold, const char *cue)
{
	size_t n = strlen(cue);

	for (const char *p = strstr(fold, cue); p; p = strstr(p + 1, cue))
		if ((p == fold || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
			return 1;
	return 0;
}

/* A reply, follow-up or relayed letter: the earlier document, within the
 * cue's span, that shares the most (and rarest) people. */
static int relate_reply_one(struct relate_ctx *x, int64_t key, int32_t dk, const char *title,
                            const char *summary, struct err *e)
{
	struct sbuf text = {0};
	char *fold;
	int which = -1, rc = 0;

	sbuf_printf(&text, "%s %s", title ? title : "", summary ? summary : "");
	/* cues are in the first words of a summary, not deep in a text */
	if (text.len > 600)
		text.s[600] = '\0';
	fold = text_fold(sbuf_str(&text));
	sbuf_free(&text);
	for (size_t i = 0; i < ARRAY_LEN(reply_cues) && which < 0; i++)
		if (has_words(fold, reply_cues[i].cue))
			which = (int)i;
	free(fold);
	if (which >= 0) {
		long day = text_day_number(dk);
		int64_t lo = KEY_OF_DATE(text_day_from_number(day - reply_cues[which].span));
		struct cands *c = x->cands;

		gather(x->persons, x->near, key, lo, key - 1, x->ndocs, c);
		for (size_t i = 0; i < c->n; i++)
			c->v[i].weight /= 1.0 + days_apart(c->v[i].key, key) / 30.0;
		if (c->n)
			qsort(c->v, c->n, sizeof *c->v, cand_cmp);
		/* a relayed letter is a letter */
		size_t best = 0;
		int relay = strcmp(reply_cues[which].reason, "relays") == 0;

		for (; relay && best < c->n && best < 20; best++) {
			int letter = 0;

			sqlite3_reset(x->title);
			sqlite3_bind_int64(x->title, 1, c->v[best].key);
			if (sqlite3_step(x->title) == SQLITE_ROW) {
				char *t = text_fold((const char *)sqlite3_column_text(x->title, 0));

				letter = has_words(t, "letter");
				free(t);
			}
			sqlite3_reset(x->title);
			if (letter)
				break;
		}
		if (best < c->n && c->v[best].weight > 0.3 && (!relay || best < 20))
			rc = insert_rel(x, key, c->v[best].key, REL_REPLY, 0.95, which, e);
		cands_reset(c);
	}
	return rc;
}

/* Series: the previous document with the same title but for its dates
 * and numbers (journal entries, numbered reports); and the same type of
 * document to the same recipient within a month, when that type is not
 * common (two explanatory notes to the same man). The keys of the title
 * are those stored with the document, not made from its title again. */
static int relate_series_one(struct relate_ctx *x, int64_t key, struct title_key series,
                             struct title_key genre, struct title_key recipient,
                             struct err *e)
{
	int rc = 0;

	if (series.has) {
		sqlite3_reset(x->series_prev);
		sqlite3_bind_int64(x->series_prev, 1, series.hash);
		sqlite3_bind_int64(x->series_prev, 2, key);
		/* seen from the previous one, this is the next */
		if (sqlite3_step(x->series_prev) == SQLITE_ROW)
			rc = insert_rel(x, sqlite3_column_int64(x->series_prev, 0), key, REL_SERIES,
			                0.85, SERIES_NEXT, e);
		sqlite3_reset(x->series_prev);
	}
	if (rc == 0 && genre.has && recipient.has) {
		long long same = genre_count(x, genre);

		if (same * 10 <= x->ndocs) {
			long day = text_day_number(DATE_OF_KEY(key));
			int64_t lo = KEY_OF_DATE(text_day_from_number(day - 31));
			int64_t hi = KEY_OF_DATE(text_day_from_number(day + 31) + 1);

			sqlite3_reset(x->genre_near);
			sqlite3_bind_int64(x->genre_near, 1, genre.hash);
			sqlite3_bind_int64(x->genre_near, 2, recipient.hash);
			sqlite3_bind_int64(x->genre_near, 3, lo);
			sqlite3_bind_int64(x->genre_near, 4, hi);
			sqlite3_bind_int64(x->genre_near, 5, key);
			while (rc == 0 && sqlite3_step(x->genre_near) == SQLITE_ROW) {
				int64_t other = sqlite3_column_int64(x->genre_near, 0);

				/* one row per pair, whichever side was imported last */
				rc = insert_rel(x, key < other ? key : other, key < other ? other : key,
				                REL_SERIES, 0.8, SERIES_SAME_MATTER, e);
			}
			sqlite3_reset(x->genre_near);
		}
	}
	return rc;
}

static int relate_computed(struct store *s, struct err *e)
{
	struct relate_ctx x = { .s = s };
	sqlite3_stmt **all[] = { &x.persons, &x.near[0], &x.near[1], &x.ins, &x.doc, &x.series_prev,
	                         &x.genre_near, &x.genre_count, &x.title };
	long long ndocs = 0;
	int rc = -1, step;

	store_count(s, NULL, &ndocs, NULL);
	x.ndocs = (long)ndocs;
	x.cands = xcalloc(1, sizeof *x.cands);
	if (exec(s, "DELETE FROM relation WHERE kind IN (1, 2, 3) AND "
	         "(src IN (SELECT key FROM temp.touched) OR dst IN (SELECT key FROM temp.touched))",
	         e) < 0)
		return -1;
	x.doc = store_prepare(s, "SELECT d.key, d.dkey, d.prec, d.title, d.summary, "
	                      "d.series, d.genre, d.recipient FROM temp.touched t "
	                      "JOIN doc d ON d.key = t.key", e);
	x.persons = store_prepare(s, "SELECT p.id, p.name, p.ndocs FROM doc_person l "
	                          "JOIN person p ON p.id = l.person WHERE l.doc = ?1", e);
	/* the nearest few dozen on each side are plenty to rank */
	x.near[0] = store_prepare(s, "SELECT doc FROM doc_person WHERE person = ?1 "
	                          "AND doc > ?2 AND doc <= ?3 ORDER BY doc LIMIT 40", e);
	x.near[1] = store_prepare(s, "SELECT doc FROM doc_person WHERE person = ?1 "
	                          "AND doc < ?2 AND doc >= ?3 ORDER BY doc DESC LIMIT 40", e);
	x.ins = store_prepare(s, "INSERT OR REPLACE INTO relation(src, dst, kind, strength, "
	                      "aux) VALUES (?1, ?2, ?3, ?4, ?5)", e);
	x.series_prev = store_prepare(s, "SELECT key FROM doc WHERE series = ?1 AND key < ?2 "
	                              "ORDER BY key DESC LIMIT 1", e);
	x.genre_near = store_prepare(s, "SELECT key FROM doc WHERE genre = ?1 AND recipient = ?2 "
	                             "AND key >= ?3 AND key < ?4 AND key <> ?5 LIMIT 5", e);
	/* only whether the type is rare matters: count no further than that */
	x.genre_count = store_prepare(s, "SELECT count(*) FROM "
	                              "(SELECT 1 FROM doc WHERE genre = ?1 LIMIT ?2)", e);
	x.title = store_prepare(s, "SELECT title FROM doc WHERE key = ?1", e);
	for (size_t i = 0; i < ARRAY_LEN(all); i++)
		if (!*all[i])
			goto out;
	rc = 0;
	while (rc == 0 && (step = sqlite3_step(x.doc)) == SQLITE_ROW) {
		int64_t key = sqlite3_column_int64(x.doc, 0);
		int32_t dk = sqlite3_column_int(x.doc, 1);
		int prec = sqlite3_column_int(x.doc, 2);
		const char *title = (const char *)sqlite3_column_text(x.doc, 3);
		const char *summary = (const char *)sqlite3_column_text(x.doc, 4);

		if (prec == DATE_DAY) {
			rc = relate_people_one(&x, key, dk, e);
			if (rc == 0)
				rc = relate_reply_one(&x, key, dk, title, summary, e);
		}
		if (rc == 0 && prec > 0)
			rc = relate_series_one(&x, key, title_key_col(x.doc, 5),
			                       title_key_col(x.doc, 6), title_key_col(x.doc, 7), e);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = store_sqlerr(s, e, "computing relations");
out:
	for (size_t i = 0; i < ARRAY_LEN(all); i++)
		sqlite3_finalize(*all[i]);
	cands_free(x.cands);
	free(x.genres.v);
	return rc;
}

int store_relate_touched(struct store *s, struct err *e)
{
	if (relate_links(s, e) < 0 || relate_computed(s, e) < 0)
		return -1;
	return 0;
}

int store_relate_all(struct store *s, struct err *e)
{
	if (store_import_begin(s, e) < 0)
		return -1;
	if (exec(s, "INSERT OR IGNORE INTO temp.touched(key) SELECT key FROM doc", e) < 0) {
		store_import_rollback(s);
		return -1;
	}
	return store_import_commit(s, e);
}

/* --- reading relations ----------------------------------------------- */

void relations_free(struct relation *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].reason);
		row_clear(&v[i].row);
	}
	free(v);
}

/* How many documents a word may be in and still count as rare, how many
 * distinct words of a document are probed and how many rare words are
 * kept: together they bound the cost of similar_docs whatever the size
 * of the collection. */
#define SIMILAR_DF_MAX 400
#define SIMILAR_PROBES 16 /* new words probed (each a few random reads cold) */
#define SIMILAR_WORDS_MAX 256 /* words of the text considered */
#define SIMILAR_WORDS 6
#define SIMILAR_KEEP 4

#define DF_CACHE_MAX 32768 /* words; emptied when full */

void store_df_cache_clear(struct store *s)
{
	for (size_t i = 0; i < s->dfc.cap; i++)
		free(s->dfc.v[i].word);
	free(s->dfc.v);
	memset(&s->dfc, 0, sizeof s->dfc);
}

static size_t df_slot(const struct df_cache *c, const char *w)
{
	uint64_t h = hash64(w, strlen(w), 0);

	for (size_t i = (size_t)h & (c->cap - 1);; i = (i + 1) & (c->cap - 1))
		if (!c->v[i].word || strcmp(c->v[i].word, w) == 0)
			return i;
}

/* The cached count of word w, or -1. */
static long df_get(struct store *s, const char *w)
{
	struct df_cache *c = &s->dfc;
	size_t i;

	if (!c->cap)
		return -1;
	i = df_slot(c, w);
	return c->v[i].word ? c->v[i].df : -1;
}

static void df_put(struct store *s, const char *w, long df)
{
	struct df_cache *c = &s->dfc;
	size_t i;

	if (2 * (c->n + 1) > c->cap) {
		store_df_cache_clear(s);
		c->cap = 2 * DF_CACHE_MAX;
		c->v = xcalloc(c->cap, sizeof *c->v);
	}
	i = df_slot(c, w);
	if (!c->v[i].word) {
		c->v[i].word = xstrdup(w);
		c->n++;
	}
	c->v[i].df = (int32_t)df;
}

struct sim_word {
	char *w;
	int64_t *keys; /* the documents that have it, at most SIMILAR_DF_MAX */
	size_t n;
};

struct sim_hit {
	int64_t key;
	double score;
};

static int hit_cmp_key(const void *a, const void *b)
{
	int64_t x = ((const struct sim_hit *)a)->key, y = ((const struct sim_hit *)b)->key;

	return x < y ? -1 : x > y;
}

static int hit_cmp_score(const void *a, const void *b)
{
	const struct sim_hit *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->key < y->key ? -1 : x->key > y->key;
}

/* Longer words first: they are the likelier to be rare. */
static int word_len_cmp(const void *a, const void *b)
{
	size_t x = strlen(*(char *const *)a), y = strlen(*(char *const *)b);

	return x < y ? 1 : x > y ? -1 : strcmp(*(char *const *)a, *(char *const *)b);
}

/* Read into keys (room for SIMILAR_DF_MAX + 1) the first documents that
 * have word w, with st the probe statement; returns how many. */
static size_t probe_word(sqlite3_stmt *st, struct sbuf *term, const char *w, int64_t *keys)
{
	size_t n = 0;

	term->len = 0;
	store_fts_quote(term, w);
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, sbuf_str(term), -1, SQLITE_STATIC);
	while (n <= SIMILAR_DF_MAX && sqlite3_step(st) == SQLITE_ROW)
		keys[n++] = sqlite3_column_int64(st, 0);
	return n;
}

/* Documents like d: those sharing at least two of its rarest words (in
 * at least one other document, in at most SIMILAR_DF_MAX overall),
 * scored by the words' rarity. Each word is probed by reading at most
 * SIMILAR_DF_MAX + 1 entries of its doclist, which also gives the
 * documents it is in, so no ranked query runs: bm25 over an OR query
 * would count every match of every phrase. Fills best[] (strongest
 * first); returns how many. */
static size_t similar_docs(struct store *s, const struct doc *d, int64_t ndocs,
                           struct sim_hit best[SIMILAR_KEEP])
{
	struct sim_word pick[SIMILAR_WORDS] = {{0}};
	size_t npick = 0, nhits = 0, nbest = 0;
	int64_t *keys = xmalloc((SIMILAR_DF_MAX + 1) * sizeof *keys);
	struct sim_hit *hits;
	struct sbuf text = {0}, term = {0};
	sqlite3_stmt *st;
	char *fold, *words[SIMILAR_WORDS_MAX];
	size_t nwords = 0;
	int probes = 0;

	st = store_prepare_cached(s, "SELECT rowid FROM doc_fts WHERE doc_fts MATCH ?1 LIMIT ?2", NULL);
	if (!st) {
		free(keys);
		return 0;
	}
	sqlite3_bind_int(st, 2, SIMILAR_DF_MAX + 1);
	sbuf_printf(&text, "%s %.2000s", d->title ? d->title : "", d->summary ? d->summary : "");
	fold = text_fold(sbuf_str(&text));
	sbuf_free(&text);
	/* the distinct candidate words, longest first */
	for (char *w = strtok(fold, " "); w && nwords < SIMILAR_WORDS_MAX; w = strtok(NULL, " "))
		if (strlen(w) >= 4 && !has_digit(w) && !strchr(w, '"'))
			words[nwords++] = w;
	qsort(words, nwords, sizeof *words, word_len_cmp);
	for (size_t wi = 0; wi < nwords && probes < SIMILAR_PROBES; wi++) {
		char *w = words[wi];
		size_t i, n = 0, worst = 0;
		long df;
		int probed = 0;

		if (wi && strcmp(words[wi - 1], w) == 0)
			continue;
		for (i = 0; i < npick && strcmp(pick[i].w, w) != 0; i++)
			;
		if (i < npick)
			continue;
		if ((df = df_get(s, w)) >= 0) {
			n = (size_t)df;
		} else {
			probes++;
			probed = 1;
			n = probe_word(st, &term, w, keys);
			df_put(s, w, (long)n);
		}
		if (n < 2 || n > SIMILAR_DF_MAX)
			continue;
		/* keep the rarest words seen so far */
		if (npick == SIMILAR_WORDS) {
			for (i = 1; i < npick; i++)
				if (pick[i].n > pick[worst].n)
					worst = i;
			if (n >= pick[worst].n)
				continue;
			free(pick[worst].keys);
		} else {
			worst = npick++;
		}
		pick[worst].w = w;
		pick[worst].n = n;
		pick[worst].keys = NULL;
		if (probed) {
			pick[worst].keys = xmalloc(n * sizeof *keys);
			memcpy(pick[worst].keys, keys, n * sizeof *keys);
		}
	}
	/* the documents of the rare words whose count came from the cache */
	for (size_t i = 0; i < npick; i++) {
		size_t n;

		if (pick[i].keys)
			continue;
		n = probe_word(st, &term, pick[i].w, keys);
		pick[i].n = n < SIMILAR_DF_MAX ? n : SIMILAR_DF_MAX;
		pick[i].keys = xmalloc((n ? n : 1) * sizeof *keys);
		memcpy(pick[i].keys, keys, pick[i].n * sizeof *keys);
	}
	store_release(s, st);
	sbuf_free(&term);
	free(keys);

	/* every (document, word) pair, then one score per document */
	hits = xmalloc((npick * SIMILAR_DF_MAX + 1) * sizeof *hits);
	for (size_t i = 0; i < npick; i++) {
		double idf = log((double)(ndocs > 2 ? ndocs : 2) / (double)pick[i].n);

		for (size_t j = 0; j < pick[i].n; j++) {
			hits[nhits].key = pick[i].keys[j];
			hits[nhits++].score = idf;
		}
		free(pick[i].keys);
	}
	qsort(hits, nhits, sizeof *hits, hit_cmp_key);
	for (size_t i = 0, j; i < nhits; i = j) {
		double score = 0;

		for (j = i; j < nhits && hits[j].key == hits[i].key; j++)
			score += hits[j].score;
		if (j - i < 2 || hits[i].key == d->key)
			continue;
		hits[nbest].key = hits[i].key;
		hits[nbest++].score = score;
	}
	qsort(hits, nbest, sizeof *hits, hit_cmp_score);
	if (nbest > SIMILAR_KEEP)
		nbest = SIMILAR_KEEP;
	memcpy(best, hits, nbest * sizeof *hits);
	free(hits);
	free(fold);
	return nbest;
}

struct relvec {
	struct relation *v;
	size_t n, cap;
};

static struct relation *relvec_find(struct relvec *rv, int64_t key)
{
	for (size_t i = 0; i < rv->n; i++)
		if (rv->v[i].row.key == key)
			return &rv->v[i];
	return NULL;
}

static void relvec_add(struct relvec *rv, sqlite3_stmt *st, struct row *row,
                       enum rel_kind kind, int forward, double strength, const char *reason)
{
	struct relation *r = relvec_find(rv, row->key);

	(void)st;
	if (r) {
		/* one line per document: the strongest kind, every reason */
		size_t n = strlen(r->reason) + strlen(reason) + 3;

		r->reason = xrealloc(r->reason, n);
		strcat(strcat(r->reason, "; "), reason);
		row_clear(row);
		return;
	}
	ARRAY_RESERVE(rv->v, rv->n, rv->cap);
	r = &rv->v[rv->n++];
	r->kind = kind;
	r->forward = forward;
	r->strength = strength;
	r->reason = xstrdup(reason ? reason : "");
	r->row = *row;
}

static int rel_cmp(const void *a, const void *b)
{
	const struct relation *x = a, *y = b;

	if (x->strength != y->strength)
		return (x->strength < y->strength) - (x->strength > y->strength);
	return (x->row.key > y->row.key) - (x->row.key < y->row.key);
}

/* The type and the recipient of a "TYPE from X to RECIPIENT" title, as
 * written ("Explanatory Note", "L.P. Beria"), into type and recip. */
static int title_parts(const char *title, char *type, size_t nt, char *recip, size_t nr)
{
	static const char *const stops[] = { " via ", " regarding ", " concerning ",
	                                      " about ", " on ", " attaching ", " relaying ",
	                                      " transmitting ", " with ", " and ", " in ", " for " };
	const char *from = title ? strstr(title, " from ") : NULL;
	const char *to = from ? strstr(from + 6, " to ") : NULL;
	size_t n;

	if (!to)
		return 0;
	snprintf(type, nt, "%.*s", (int)(from - title), title);
	to += 4;
	n = strcspn(to, ",([;:");
	for (size_t i = 0; i < ARRAY_LEN(stops); i++) {
		const char *p = strstr(to, stops[i]);

		if (p && (size_t)(p - to) < n)
			n = (size_t)(p - to);
	}
	snprintf(recip, nr, "%.*s", (int)n, to);
	return 1;
}

/* The reason a reader is shown for a relation of document key (titled
 * title) with other; forward when key is the relation's source. */
static char *reason_of(sqlite3_stmt *shared, sqlite3_stmt *cite, int64_t key,
                       const char *title, int64_t other, enum rel_kind kind, int aux,
                       int forward)
{
	struct sbuf b = {0};
	int dated = DATE_OF_KEY(key) % 100 && DATE_OF_KEY(other) % 100 &&
	            DATE_OF_KEY(other) != KEY_UNDATED && DATE_OF_KEY(key) != KEY_UNDATED;
	char apart[40] = "";

	if (dated)
		apart_text(apart, sizeof apart, days_apart(key, other));
	switch (kind) {
	case REL_LINK:
		sbuf_add(&b, forward ? "linked in the source" : "links to this document");
		break;
	case REL_REPLY:
		if (aux < 0 || (size_t)aux >= ARRAY_LEN(reply_cues))
			aux = 0;
		sbuf_add(&b, forward ? reply_cues[aux].reason : reply_cues[aux].rreason);
		break;
	case REL_SERIES:
		if (aux == SERIES_NEXT) {
			sbuf_add(&b, forward ? "next in series" : "previous in series");
		} else {
			char type[120], recip[120];

			if (title_parts(title, type, sizeof type, recip, sizeof recip))
				sbuf_printf(&b, "another %s to %s", type, recip);
			else
				sbuf_add(&b, "on the same matter");
		}
		break;
	case REL_PEOPLE:
		sbuf_add(&b, "same people: ");
		sqlite3_reset(shared);
		sqlite3_bind_int64(shared, 1, key);
		sqlite3_bind_int64(shared, 2, other);
		for (int i = 0; sqlite3_step(shared) == SQLITE_ROW; i++)
			sbuf_printf(&b, "%s%s", i ? ", " : "",
			            (const char *)sqlite3_column_text(shared, 0));
		sqlite3_reset(shared);
		if (*apart) {
			sbuf_printf(&b, "; %s", apart);
			*apart = '\0';
		}
		break;
	case REL_TEXT:
		sbuf_add(&b, "similar text");
		break;
	case REL_CITES:
		sbuf_add(&b, forward ? "cites" : "cited by");
		/* the sentence the reference stands in */
		sqlite3_reset(cite);
		sqlite3_bind_int64(cite, 1, forward ? key : other);
		sqlite3_bind_int64(cite, 2, forward ? other : key);
		if (sqlite3_step(cite) == SQLITE_ROW && sqlite3_column_text(cite, 0))
			sbuf_printf(&b, ": %s", (const char *)sqlite3_column_text(cite, 0));
		sqlite3_reset(cite);
		break;
	}
	if (*apart)
		sbuf_printf(&b, " (%s)", apart);
	return sbuf_take(&b);
}

int store_related(struct store *s, int64_t key, unsigned flags,
                  struct relation **out, size_t *n, struct err *e)
{
	struct relvec rv = {0};
	sqlite3_stmt *st, *shared, *cite;
	struct doc *d = NULL;
	int rc;

	*out = NULL;
	*n = 0;
	if (store_get_key(s, key, &d, e) < 0)
		return -1;
	st = store_prepare_cached(s,
		"SELECT x.other, x.kind, x.strength, x.aux, x.forward, d.id, d.prec, d.dkey, "
		"d.first, d.last, d.range, d.title FROM ("
		" SELECT dst AS other, kind, strength, aux, 1 AS forward FROM relation WHERE src = ?1"
		" UNION ALL"
		" SELECT src, kind, strength, aux, 0 FROM relation WHERE dst = ?1"
		") x JOIN doc d ON d.key = x.other ORDER BY x.strength DESC, d.key LIMIT 200", e);
	shared = store_prepare_cached(s,
		"SELECT p.name FROM doc_person a JOIN doc_person b ON b.person = a.person "
		"AND b.doc = ?2 JOIN person p ON p.id = a.person WHERE a.doc = ?1 "
		"ORDER BY p.ndocs, p.name LIMIT 3", e);
	cite = store_prepare_cached(s,
		"SELECT l.reason FROM doc d JOIN link l ON l.target = d.id AND l.src = ?1 "
		"WHERE d.key = ?2 AND l.kind = 1", e);
	if (!st || !shared || !cite) {
		store_release(s, st);
		store_release(s, shared);
		store_release(s, cite);
		doc_free(d);
		return -1;
	}
	sqlite3_bind_int64(st, 1, key);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct row row = {0};
		char *reason;

		row.key = sqlite3_column_int64(st, 0);
		row.id = store_col_dup(st, 5);
		store_col_date(st, 6, &row.date);
		row.title = store_col_dup(st, 11);
		row.flags = ROW_RELATED;
		reason = reason_of(shared, cite, key, d ? d->title : NULL, row.key,
		                   (enum rel_kind)sqlite3_column_int(st, 1), sqlite3_column_int(st, 3),
		                   sqlite3_column_int(st, 4));
		relvec_add(&rv, st, &row, (enum rel_kind)sqlite3_column_int(st, 1),
		           sqlite3_column_int(st, 4), sqlite3_column_double(st, 2), reason);
		free(reason);
	}
	store_release(s, st);
	store_release(s, shared);
	store_release(s, cite);
	if (rc != SQLITE_DONE) {
		relations_free(rv.v, rv.n);
		doc_free(d);
		return store_sqlerr(s, e, "reading relations");
	}

	/* Similar text, computed now: the few documents sharing most of the
	 * document's rarer words. Bounded in work, not only in time. */
	if (d && (flags & STORE_REL_SIMILAR)) {
		struct sim_hit best[SIMILAR_KEEP];
		long long ndocs = 0;
		size_t nbest;

		store_count(s, NULL, &ndocs, NULL);
		/* one read transaction for the probes (each statement would
		 * otherwise take and drop the file's read lock) */
		int in_txn = sqlite3_get_autocommit(s->db) &&
		             sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;

		nbest = similar_docs(s, d, ndocs, best);
		st = nbest ? store_prepare_cached(s, "SELECT id, prec, dkey, first, last, range, title "
		                              "FROM doc WHERE key = ?1", e) : NULL;
		for (size_t i = 0; st && i < nbest; i++) {
			struct row row = {0};

			sqlite3_reset(st);
			sqlite3_bind_int64(st, 1, best[i].key);
			if (sqlite3_step(st) != SQLITE_ROW)
				continue;
			row.key = best[i].key;
			row.id = store_col_dup(st, 0);
			store_col_date(st, 1, &row.date);
			row.title = store_col_dup(st, 6);
			relvec_add(&rv, st, &row, REL_TEXT, 1,
			           0.3 * (1.0 - exp(-best[i].score / 20.0)), "similar text");
		}
		store_release(s, st);
		if (in_txn)
			sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
	}
	doc_free(d);
	if (rv.n)
		qsort(rv.v, rv.n, sizeof *rv.v, rel_cmp);
	*out = rv.v;
	*n = rv.n;
	return 0;
}

int store_links(struct store *s, int64_t key, struct strlist *out,
                struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, ST_LINKS);
	int rc;

	sqlite3_bind_int64(st, 1, key);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		strlist_add(out, (const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, e, "reading links");
	return 0;
}

int store_cites(struct store *s, int64_t key, struct strlist *cites,
                struct strlist *why, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, ST_CITES);
	int rc;

	sqlite3_bind_int64(st, 1, key);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		strlist_add(cites, (const char *)sqlite3_column_text(st, 0));
		strlist_add(why, (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, e, "reading citations");
	return 0;
}
