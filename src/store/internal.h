/* internal.h - what the store's own files share; nothing outside src/store
 * includes this. */
#ifndef FONDS_STORE_INTERNAL_H
#define FONDS_STORE_INTERNAL_H

#include <sqlite3.h>

#include "fonds/store.h"

/* A document's key (its rowid, and the full-text index's) orders
 * documents by date, then by arrival: the date key dk (yyyymmdd, unknown
 * parts 0) as a dense number, shifted left by KEY_SEQ_BITS, plus a
 * sequence number. Dense matters: FTS5 stores the gaps between the rowids
 * of each term's documents as varints, and yyyymmdd << 32 made the index
 * half as large again as consecutive rowids do. A date key has
 * 2^KEY_SEQ_BITS keys; a year without month has 33 times that (the slots
 * of "month 0, day 1..32", which no date uses); undated documents come
 * after every dated one, from KEY_UNDATED_BASE, with no limit. */
#define KEY_SEQ_BITS 16
#define KEY_UNDATED 99999999LL
#define KEY_DATED_BASE ((int64_t)1 << 32)          /* the key of date key 0 */
#define KEY_UNDATED_BASE ((int64_t)KEY_UNDATED << 32) /* above every dated key */
#define KEY_OF_DATE(dk) store_key_of_date(dk)
#define DATE_OF_KEY(k) store_date_of_key(k)

/* The first key of date key dk (any integer, not only a valid date:
 * search bounds such as yyyymmdd + 1 are monotonic too). */
static inline int64_t store_key_of_date(int64_t dk)
{
	int64_t y, rest, m, d;

	if (dk >= KEY_UNDATED)
		return KEY_UNDATED_BASE;
	/* floor division, so negative bounds stay in order */
	y = dk >= 0 ? dk / 10000 : -((-dk + 9999) / 10000);
	rest = dk - y * 10000;
	m = rest / 100 > 13 ? 13 : rest / 100;
	d = rest % 100 > 32 ? 32 : rest % 100;
	/* a multiplication, not a shift: bounds before year 0 are negative */
	return KEY_DATED_BASE + (y * 462 + m * 33 + d) * ((int64_t)1 << KEY_SEQ_BITS);
}

/* The date key of document key k. */
static inline int32_t store_date_of_key(int64_t k)
{
	int64_t o, y, m, d;

	if (k >= KEY_UNDATED_BASE)
		return (int32_t)KEY_UNDATED;
	o = (k - KEY_DATED_BASE) >> KEY_SEQ_BITS;
	y = o >= 0 ? o / 462 : -((-o + 461) / 462);
	m = (o - y * 462) / 33;
	d = m ? (o - y * 462) % 33 : 0; /* a year's extra slots */
	return (int32_t)(y * 10000 + m * 100 + d);
}

/* Prepared statements used on every path, prepared once at open. The
 * X-macro gives each an enum name and its SQL. */
#define STORE_STATEMENTS(X)                                                   \
	X(ST_BEGIN, "BEGIN IMMEDIATE")                                        \
	X(ST_COMMIT, "COMMIT")                                                \
	X(ST_ROLLBACK, "ROLLBACK")                                            \
	X(ST_DOC_BY_ID, "SELECT key, derived FROM doc WHERE id = ?1")         \
	X(ST_DOC_BY_MATCH, "SELECT key, derived FROM doc WHERE match = ?1 LIMIT 1") \
	X(ST_DOC_MAXKEY, "SELECT max(key) FROM doc WHERE key BETWEEN ?1 AND ?2") \
	X(ST_DOC_INSERT, "INSERT INTO doc(key, id, derived, match, date_text, prec, dkey, "\
	  "first, last, range, title, summary, body, source, language, url, type, names, "\
	  "series, genre, recipient) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "\
	  "?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)") \
	X(ST_DOC_GET, "SELECT key, id, date_text, prec, dkey, first, last, range, title, "\
	  "summary, body, source, language, url, type, "                       \
	  "EXISTS (SELECT 1 FROM relation WHERE src = key) "                  \
	  " OR EXISTS (SELECT 1 FROM relation WHERE dst = key), "             \
	  "EXISTS (SELECT 1 FROM read_mark r WHERE r.id = doc.id), "          \
	  "EXISTS (SELECT 1 FROM bookmark b WHERE b.id = doc.id), "           \
	  "(SELECT text FROM note n WHERE n.id = doc.id), derived, names "      \
	  "FROM doc WHERE key = ?1")                                          \
	X(ST_LINK_INSERT, "INSERT OR IGNORE INTO link(src, target) VALUES (?1, ?2)") \
	X(ST_LINKS, "SELECT target FROM link WHERE src = ?1 AND kind = 0 ORDER BY target") \
	X(ST_CITES, "SELECT target, coalesce(reason, '') FROM link WHERE src = ?1 AND kind = 1 "\
	  "ORDER BY target")                                                  \
	X(ST_TOUCH, "INSERT OR IGNORE INTO temp.touched(key) VALUES (?1)")     \
	X(ST_STATE_GET, "SELECT value FROM state WHERE key = ?1")             \
	X(ST_STATE_SET, "INSERT INTO state(key, value) VALUES (?1, ?2) "      \
	  "ON CONFLICT(key) DO UPDATE SET value = excluded.value")            \
	X(ST_NEXT, "SELECT key FROM doc WHERE key > ?1 ORDER BY key LIMIT 1") \
	X(ST_PREV, "SELECT key FROM doc WHERE key < ?1 ORDER BY key DESC LIMIT 1") \
	X(ST_COUNT_ALL, "SELECT n FROM period_count WHERE period = -1")         \
	X(ST_PERSON_CERTAIN, "UPDATE person SET uncertain = 0 WHERE id = ?1 AND uncertain") \
	X(ST_PERSON_UNCERTAIN, "UPDATE person SET uncertain = 1 WHERE id = ?1") \
	X(ST_PERSON_BY_ALIAS, "SELECT person FROM person_alias WHERE fold = ?1 LIMIT 1") \
	X(ST_FTS_INSERT, "INSERT INTO doc_fts(rowid, title, summary, body, names, texts) "\
	  "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")                                 \
	X(ST_FTS_DELETE, "INSERT INTO doc_fts(doc_fts, rowid, title, summary, body, names, texts) "\
	  "VALUES ('delete', ?1, ?2, ?3, ?4, ?5, ?6)")                       \
	X(ST_FTS_CONTENT, "SELECT title, summary, body, names, texts FROM doc_content WHERE key = ?1") \
	X(ST_TEXT_INSERT, "INSERT INTO doc_text(doc, ord, kind, language, label, body) "\
	  "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")                                 \
	X(ST_TEXT_ANY, "SELECT 1 FROM doc_text WHERE doc = ?1 LIMIT 1")       \
	X(ST_TEXTS, "SELECT kind, language, label, body FROM doc_text WHERE doc = ?1 ORDER BY ord") \
	X(ST_CITE_INSERT, "INSERT OR IGNORE INTO link(src, target, kind, reason) "\
	  "VALUES (?1, ?2, 1, ?3)")                                          \
	X(ST_UNINDEXED_ADD, "INSERT OR IGNORE INTO temp.unindexed(key) VALUES (?1)") \
	X(ST_UNINDEXED_DEL, "DELETE FROM temp.unindexed WHERE key = ?1")         \
	X(ST_PERIOD_ADD, "INSERT INTO period_count(period, n) VALUES (?1, ?2) "  \
	  "ON CONFLICT(period) DO UPDATE SET n = n + excluded.n")             \
	X(ST_ALIASES_OF_PERSON, "SELECT name FROM person_alias WHERE person = ?1 ORDER BY kind, ord") \
	X(ST_VOCAB, "SELECT count(*) FROM (SELECT rowid FROM doc_fts "          \
	            "WHERE doc_fts MATCH ?1 LIMIT 1000)")                      \
	X(ST_ALIASES_OF_DOC, "SELECT a.name FROM doc_person l JOIN person_alias a "\
	  "ON a.person = l.person WHERE l.doc = ?1")

#define X_ENUM(name, sql) name,
enum store_stmt { STORE_STATEMENTS(X_ENUM) ST_COUNT };
#undef X_ENUM

/* Counts to add, by integer key: kept in memory during an import and
 * written at commit (periods, documents per name). */
struct deltas {
	struct delta {
		int64_t key;
		int64_t n;
		int used;
	} *v;
	size_t cap, n; /* cap is a power of two */
};

/* Folded names already looked up in this import, by facet kind. */
struct name_cache {
	struct name_slot {
		char *fold;
		int64_t id;
	} *v;
	size_t cap, n;
};

/* Per facet kind: the entity table and the statements to link names. */
struct facet_stmts {
	sqlite3_stmt *find;   /* SELECT id FROM person WHERE fold = ?1 */
	sqlite3_stmt *insert; /* INSERT INTO person(name, fold) ... RETURNING id */
	sqlite3_stmt *link;   /* INSERT OR IGNORE INTO doc_person(person, doc) */
	sqlite3_stmt *names;  /* SELECT name FROM doc_person JOIN person ... */
};

/* How many run-time statements a store keeps prepared (store_prepare_cached). */
#define STMT_CACHE_N 32

struct store {
	sqlite3 *db;
	char *path;
	int readonly;
	const char *ro_reason; /* why it fell back to read-only (static), or NULL */
	int in_import;
	int rollback_journal; /* this import left WAL mode (put.c) */
	sqlite3_stmt *st[ST_COUNT];
	struct facet_stmts fs[FACET_NKINDS];
	int (*progress)(void *);
	void *progress_arg;
	int64_t time_limit;   /* microseconds, 0: none */
	int64_t deadline;     /* clock_usec() at which to stop, 0: none */
	int interrupted;      /* the last query was stopped */
	int32_t max_span;     /* largest span of any document, in years */
	struct deltas periods;             /* period_count changes of this import */
	struct deltas ndocs[FACET_NKINDS]; /* documents per name, changes */
	struct name_cache names[FACET_NKINDS];
	struct name_cache unsure;          /* persons named in passing (uncertain) */
	struct deltas last_key;            /* date key -> the last key given out */
	/* Name links of the documents this import added, not written yet:
	 * put.c writes them sorted by the link tables' keys, a batch at a
	 * time, rather than one random b-tree insert (two: the table and its
	 * index by document) per name as documents arrive. */
	struct pending_links {
		struct name_link {
			int64_t name, doc;
		} *v;
		size_t n, cap;
	} pending[FACET_NKINDS];
	size_t npending;                   /* links pending, of all kinds */
	struct deltas pending_docs;        /* the documents they link */
	const struct authority *authority; /* for recognising people; not owned */
	/* the last few misspelled words and the FTS5 terms they became */
	struct spell_cache {
		char *word;
		char *terms;
	} spell[8];
	unsigned spell_next;
	/* the documents the facet counts of the last query were made from:
	 * all of them, or a sample (facet.c) */
	struct facet_keys {
		char *query;       /* query_format() of the query, NULL: none */
		int64_t *v;
		size_t n;
		long long total;   /* documents in the whole set */
		int sampled;
	} fk;
	/* how many documents hold each word similar_docs probed (capped),
	 * so that the common words of a text are probed once a session */
	struct df_cache {
		struct df_entry {
			char *word;
			int32_t df;
		} *v;
		size_t cap, n;
	} dfc;
	/* statements built at run time (a page, a count, relations),
	 * prepared once a session: preparing one cost more than running it
	 * (store_prepare_cached) */
	struct stmt_cache {
		char *sql;         /* NULL: a free slot */
		sqlite3_stmt *st;
		uint64_t used;     /* sc_clock when last handed out */
		int busy;          /* handed out, not given back yet */
	} sc[STMT_CACHE_N];
	uint64_t sc_clock;
	int read_depth;        /* store_read_begin calls not ended yet */
	int read_txn;          /* the outermost of them opened a transaction */
};

/* Forget the cached word counts (relate.c). */
void store_df_cache_clear(struct store *s);

/* Whether a loop of many short statements should stop, as the progress
 * handler stops a long one (time limit, or the caller's progress test);
 * sets s->interrupted when so. */
int store_should_stop(struct store *s);

/* Append text to b as one FTS5 string (a phrase: nothing in it is read
 * as FTS5 syntax). */
void store_fts_quote(struct sbuf *b, const char *text);

/* Forget the facet keys (the data or the query changed). */
void store_facet_keys_clear(struct store *s);

/* How long a statement waits for another connection's write lock: long
 * for imports and commands, short for the user data the browser writes
 * (read marks, bookmarks, last position), which must never freeze the
 * screen behind an import that holds the lock for minutes. */
#define STORE_BUSY_MS 10000
#define STORE_USER_BUSY_MS 250

/* Refuse a database this fonds must not open or change: one written by a
 * newer fonds, or an SQLite database of another program. Runs before
 * anything is written to the file. */
int store_schema_check(struct store *s, struct err *e);

/* Bring the schema up to date (PRAGMA user_version), one step at a time. */
int store_migrate(struct store *s, struct err *e);

/* Table names of the facet kinds ("person", "place", ...). */
extern const char *const store_facet_table[FACET_NKINDS];

/* Fill e from the connection's last error, prefixed with what failed. */
int store_sqlerr(struct store *s, struct err *e, const char *what);

/* Reset and clear bindings of a cached statement and return it. */
sqlite3_stmt *store_stmt(struct store *s, enum store_stmt which);

/* Prepare a one-off statement; NULL with e set on failure. */
sqlite3_stmt *store_prepare(struct store *s, const char *sql, struct err *e);

/* A prepared statement for sql, from a cache of the last STMT_CACHE_N
 * distinct ones, for the statements each key runs (their SQL depends on
 * the query, so they cannot be in the table above). NULL with e set on
 * failure. Give it back with store_release, never finalize it. */
sqlite3_stmt *store_prepare_cached(struct store *s, const char *sql, struct err *e);

/* Give back a statement of store_prepare_cached (reset, unbound); NULL
 * is ignored. */
void store_release(struct store *s, sqlite3_stmt *st);

/* Begin and end a bounded query: arms the time limit, clears the
 * interrupted flag. */
void store_query_start(struct store *s);
void store_query_end(struct store *s);

/* Bind a 63-bit hash of s (NULL when s is NULL): equality keys that
 * need not be stored in full. */
void store_bind_hash(sqlite3_stmt *st, int i, const char *s);

/* Bind a string that may be NULL (bound as NULL). */
void store_bind_text(sqlite3_stmt *st, int i, const char *s);

/* A copy of column i as a string, or NULL. */
char *store_col_dup(sqlite3_stmt *st, int i);

/* Fill a struct date from the columns prec, dkey, first, last, range
 * starting at column i. */
void store_col_date(sqlite3_stmt *st, int i, struct date *d);

/* A query compiled to SQL: "FROM ... WHERE ..." with its bindings. */
struct sqlq {
	struct sbuf from;
	struct sbuf where;
	struct sqlq_bind {
		int is_text;
		int64_t i;
		char *s;
	} *binds;
	size_t nbinds, capbinds;
	int fts;        /* the FROM clause joins doc_fts as f */
	int only_dates; /* only date clauses: counts can come from summaries */
	const char *key; /* the key expression: f.rowid, d.key or p.doc */
	char count_from[32]; /* a FROM for counting without doc, or "" */
	/* the FROM as its driving table and the join's condition on doc d
	 * ("doc_fts f", "d.key = f.rowid"), or "" when it is doc d alone */
	char drive_from[32], drive_on[32];
};

/* Compile q. Returns 0, or -1 with e set. */
int store_compile(struct store *s, const struct query *q, struct sqlq *c,
                  struct err *e);
void sqlq_free(struct sqlq *c);
void sqlq_add_int(struct sqlq *c, int64_t v);
void sqlq_add_text(struct sqlq *c, const char *v);
/* Bind c's values to st starting at parameter 1; returns the next index. */
int sqlq_bind(const struct sqlq *c, sqlite3_stmt *st);

/* Run sql (built on c, bound with c's values) as a bounded query and
 * read column 0 of its first row into *v. Returns 1 with a row, 0
 * without, 2 when interrupted, -1 with e set (what: what was being
 * done). */
int sqlq_one(struct store *s, const struct sqlq *c, const char *sql, int64_t *v,
             const char *what, struct err *e);

/* What a title says about the document's place among others: a series
 * key (the folded title without its dates and numbers: "journal of ...
 * puzanov for"), and for "TYPE from X to Y" titles the type and the
 * recipient, folded. Each is a new string or NULL. */
void store_title_keys(const char *title, char **series, char **genre,
                      char **recipient);

/* Every name linked to the document, with its people's other names, for
 * the full-text index. Caller frees; NULL when none. */
char *store_names_of(struct store *s, int64_t key);

/* Link r's people to the document: the record's own, those the
 * authority recognises in its title and summary, and uncertain ones (those
 * store_recognize found, when r is marked so). The links are written at
 * once, not held back as a new document's are (put.c). */
int store_link_people(struct store *s, const struct record *r, int64_t key, int *added,
                      struct sbuf *names, struct err *e);

/* During an import: take document key out of the full-text index, with
 * the values it was indexed with (read from doc), or off the list of those
 * still to be indexed; and put it on that list, to be indexed with its
 * values at commit. The index is written at commit, in key order: FTS5
 * flushes its buffer of pending terms whenever a rowid is smaller than the
 * last one, and documents arrive in no particular date order. */
int store_fts_delete(struct store *s, int64_t key, struct err *e);

/* Register the fonds_cjk tokenizer (tokenize.c) on db, which the
 * full-text index names: before the schema is read or made. Returns 0,
 * or -1 when SQLite's FTS5 does not let it be registered. */
int store_register_tokenizer(sqlite3 *db);

/* Register the SQL functions of user.c (fonds_fold) on db. Returns 0 or -1. */
int store_register_functions(sqlite3 *db);
int store_fts_insert(struct store *s, int64_t key, struct err *e);

/* Forget the import's caches and pending counts (after a rollback, or
 * when names were renumbered). */
void store_import_forget(struct store *s);

/* Note that an import changed document key (its relations are redone). */
int store_touch(struct store *s, int64_t key, struct err *e);

/* Compute and store the relations of the documents in temp.touched. */
int store_relate_touched(struct store *s, struct err *e);

#endif
