/* store.h - the SQLite record store.
 *
 * One database file in WAL mode. Documents are stored with a rowid derived
 * from their date (the "key"), so rowid order is date order: keyset pages,
 * the first page of any full-text search and "next in time" are all cheap.
 * Nothing here loads the whole collection; every list is read a page at a
 * time, and counts come from summary tables where they can.
 *
 * Functions return 0 on success and -1 with e set on failure, unless said
 * otherwise. Strings handed out are owned by the structure they are in and
 * freed by its _free function.
 */
#ifndef FONDS_STORE_H
#define FONDS_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "fonds/query.h"
#include "fonds/record.h"
#include "fonds/text.h"
#include "fonds/util.h"

struct store;

/* Kinds of names linked to documents; lines up with enum qfield. */
enum facet {
	FACET_PERSON,
	FACET_PLACE,
	FACET_SUBJECT,
	FACET_COLLECTION,
	FACET_LANGUAGE,
	FACET_NKINDS
};

/* Human name of a facet kind, plural ("people", "places", ...). */
const char *store_facet_name(enum facet f);

enum store_open_flags {
	STORE_READONLY = 1 << 0, /* never write; fail if the file is missing */
	STORE_NOCREATE = 1 << 1  /* do not create a missing file */
};

/* The database path to use when none is given: $FONDS_DB, else
 * $XDG_DATA_HOME/fonds/fonds.db, else ~/.local/share/fonds/fonds.db.
 * Caller frees. */
char *store_default_path(void);

/* Open (creating the file and its directory unless flags forbid) and
 * migrate the schema forward. A file that is read-only for us is opened
 * read-only, never migrated, and so is one whose directory or disk cannot
 * take the files SQLite keeps beside it; a schema newer than this program
 * and an SQLite database of another program are errors (and left
 * untouched). *out is owned by the caller (store_close). */
int store_open(struct store **out, const char *path, int flags, struct err *e);

void store_close(struct store *s);

/* Make an SQLite connection (a sqlite3 *) that was not opened by
 * store_open able to read a fonds database's full-text index: register
 * the tokenizer it names (fonds_cjk). For tools and tests. Returns 0, or
 * -1 when it cannot be registered. */
int store_sqlite_setup(void *db);

/* 1 when the store was opened (or fell back to) read-only. */
int store_is_readonly(const struct store *s);

/* Why the store fell back to read-only ("you have no write permission on
 * the file", "its directory is read-only", "the disk is full", ...), or
 * NULL when it is writable or was opened read-only on purpose. The string
 * is static. */
const char *store_readonly_reason(const struct store *s);

/* 1 when the store holds no documents. */
int store_is_empty(struct store *s);

/* The file name it was opened with (owned by s). */
const char *store_path(const struct store *s);

/* Ask a running query on s to stop soon (safe from a signal handler or
 * another thread). The query then fails with "interrupted". */
void store_interrupt(struct store *s);

/* Call cb(arg) every few thousand SQLite steps while a query runs; when it
 * returns non-zero the query is interrupted. NULL removes it. */
void store_set_progress(struct store *s, int (*cb)(void *), void *arg);

/* Stop queries that run longer than usec microseconds (0: no limit).
 * A query stopped this way fails; its callers report partial results. */
void store_set_time_limit(struct store *s, int64_t usec);

/* Non-zero when the last failure was an interruption: 1 by a key or a
 * signal (the progress callback, store_interrupt), 2 by the time limit. */
int store_was_interrupted(const struct store *s);

/* Read several queries (those that draw a screen) in one transaction:
 * each query on its own takes and drops the database's read lock and
 * checks that the file did not change. Nothing is written in between;
 * the store_read_end of the outermost begin ends it (they nest). Does
 * nothing inside another transaction (an import). Returns 0, or -1 when it could not begin (the queries then
 * run on their own, as before). */
int store_read_begin(struct store *s);
void store_read_end(struct store *s);

/* Reset every query left part-read (a page cut short by a key or a
 * signal), so that no read transaction stays open and no interruption is
 * pending: the next statement runs to its end. For the way out, before
 * the last writes. */
void store_end_queries(struct store *s);

/* --- import ---------------------------------------------------------- */

enum store_put_result { STORE_NEW, STORE_MERGED, STORE_SAME };

/* Start one import transaction (one per input file). */
int store_import_begin(struct store *s, struct err *e);

/* Add or merge one record. The id is the record's own or a stable one
 * derived from its date and title; a record whose id is already present,
 * or that has the same date and title as a stored one, is merged: fields
 * it has fill those that are missing. *result says which happened. The
 * record is not modified. */
int store_put(struct store *s, const struct record *r, int *result,
              struct err *e);

/* Recognise people in r as store_put() would (store_set_authority),
 * and mark r so that store_put() does not look again. It reads the
 * authority only, never the database, so another thread may prepare
 * records this way while this one stores others (the authority must not
 * change meanwhile). Without an authority r is left as it is. */
void store_recognize(const struct store *s, struct record *r);

/* Finish the import: resolve explicit links, recompute the relations of
 * the documents it touched, commit. */
int store_import_commit(struct store *s, struct err *e);

/* Abandon the import transaction; the store is as before it began. */
void store_import_rollback(struct store *s);

/* Derive the id the store gives a record that has none (caller frees). */
char *store_derive_id(const struct record *r);

/* --- reading documents ----------------------------------------------- */

/* One line of a list. */
struct row {
	int64_t key;        /* rowid, in date order */
	double rank;        /* bm25 rank (lower is better) when sorted by rank */
	char *id;
	struct date date;
	char *title;
	char *snippet;      /* with a text query: matching words in context */
	unsigned flags;     /* ROW_* */
};

enum row_flags {
	ROW_RELATED = 1 << 0,  /* has related documents */
	ROW_READ = 1 << 1,     /* marked read */
	ROW_BOOKMARK = 1 << 2, /* bookmarked */
	ROW_NOTE = 1 << 3      /* has a note */
};

struct rows {
	struct row *v;
	size_t n, cap;
};

void rows_free(struct rows *r);
void row_clear(struct row *r);

/* A whole document. */
struct doc {
	int64_t key;
	char *id;
	char *date_text;
	struct date date;
	char *title, *summary, *body, *source, *language, *url, *type;
	struct strlist names[FACET_NKINDS];
	unsigned flags; /* ROW_* */
	char *note;     /* the user's note, or NULL */
	struct strlist tags; /* the reader's tags, sorted */
	struct record_texts texts; /* transcripts, translations, notes, links, citation */
};

void doc_free(struct doc *d);

/* Look a document up by id (or, with key != 0, by key). Returns 1 and a
 * new doc in *out (caller frees), 0 when there is none, -1 on error. */
int store_get(struct store *s, const char *id, struct doc **out, struct err *e);
int store_get_key(struct store *s, int64_t key, struct doc **out, struct err *e);

enum store_sort { SORT_DATE, SORT_RANK };

/* A place in a sorted list (keyset pagination). */
struct page_pos {
	int64_t key;
	double rank;
};

/* Read up to n rows of the documents matching q in sort order, appended
 * to out. With dir > 0, the rows after pos (from the start when pos is
 * NULL); with dir < 0, the rows before pos (from the end when NULL),
 * still appended in ascending display order. With inclusive, the row at
 * pos itself is included. Rank order needs a text term in q (else date
 * order is used). Costs O(n) in date order. */
int store_page(struct store *s, const struct query *q, enum store_sort sort,
               const struct page_pos *pos, int dir, int inclusive, size_t n,
               struct rows *out, struct err *e);

/* Count the documents matching q into *n. Returns 1 when exact, 0 when
 * the time limit or an interruption stopped it (then *n is a lower bound),
 * -1 on error. Instant for the empty query and plain date ranges. */
int store_count(struct store *s, const struct query *q, long long *n,
                struct err *e);

/* One count of store_count_user: the documents of a query that the
 * reader marked, field QF_IS with "bookmarked" or "read", QF_HAS with
 * "note" or "excerpt", QF_TAG with a tag's name; rc as store_count's. */
struct store_user_count {
	enum qfield field;
	const char *value;
	long long n;
	int rc;
};

/* Count, for each of v[0..n), the documents matching q that the reader
 * marked so. The reader's table drives each count (it holds few documents
 * beside the collection: a mark in the filter pane costs what the marks
 * do, not what the list does), and q is compiled once for all. Returns 0,
 * or -1 with e set when q cannot be compiled (each rc says the rest). */
int store_count_user(struct store *s, const struct query *q,
                     struct store_user_count *v, size_t n, struct err *e);

/* Count the documents matching q into *n, stopping at limit: a bounded
 * probe of whether a result set is small (same return convention). */
int store_count_upto(struct store *s, const struct query *q, long long limit,
                     long long *n, struct err *e);

/* Count the documents of q that sort before pos, into *n (same return
 * convention as store_count). */
int store_count_before(struct store *s, const struct query *q,
                       enum store_sort sort, const struct page_pos *pos,
                       long long *n, struct err *e);

/* The key of the first document at or after day ymd in date order among
 * those matching q (dir > 0), or at or before (dir < 0). Returns 1 found,
 * 0 none, -1 error. */
int store_seek_date(struct store *s, const struct query *q, int32_t ymd,
                    int dir, int64_t *key, struct err *e);

/* The next (dir > 0) or previous document in time, ignoring filters.
 * Returns 1 found, 0 none, -1 error. */
int store_neighbor(struct store *s, int64_t key, int dir, struct row *out,
                   struct err *e);

/* --- counts ---------------------------------------------------------- */

struct bucket {
	int32_t period; /* yyyy0000, yyyymm00 or yyyymmdd */
	long long count;
};

/* Counts per period at the given precision between days from and to
 * (inclusive; 0 = the span of q's documents, store_query_span) for the
 * documents of q, one bucket for
 * every period in the span, empty ones included, in *out (caller frees).
 * Documents are counted in the period of their sort key; those of a
 * coarser precision than level are not counted at finer levels but are in
 * *coarse if not NULL. Returns 1 exact, 0 partial, -1 error. */
int store_timeline(struct store *s, const struct query *q,
                   enum date_prec level, int32_t from, int32_t to,
                   struct bucket **out, size_t *n, long long *coarse,
                   struct err *e);

/* The days the documents of q span, in *first and *last (date keys,
 * yyyymmdd with unknown parts 0; both 0 when nothing dated matches): the
 * bounds of q's date clauses where it has them, else the dates of the
 * first and last dated documents of q, two seeks in the index that drives
 * q (bounded by the time limit, never a pass over the set). */
int store_query_span(struct store *s, const struct query *q, int32_t *first,
                     int32_t *last, struct err *e);

/* Count q's undated documents into *n (those store_timeline never puts in
 * a period): kept at import for the empty query, else a range at the end
 * of q's index. Returns 1 exact, 0 interrupted, -1 error. */
int store_count_undated(struct store *s, const struct query *q, long long *n,
                        struct err *e);

struct facet_value {
	char *name;
	long long count;
};

/* The most frequent values of facet f among the documents of q, most
 * frequent first, at most limit, in *out (caller frees with
 * facet_values_free). Returns 1 exact, 0 partial, 2 estimated from a
 * sample (a set of more than 20000 documents: a bounded number of them,
 * spread over the dated span, with counts scaled to the set), -1 error. */
int store_facet(struct store *s, const struct query *q, enum facet f,
                size_t limit, struct facet_value **out, size_t *n,
                struct err *e);

/* store_facet, keeping only the values whose name holds text (case and
 * accents folded; NULL or "": every value), for a facet's "more" list
 * narrowed as one types. */
int store_facet_matching(struct store *s, const struct query *q, enum facet f,
                         const char *text, size_t limit, struct facet_value **out,
                         size_t *n, struct err *e);

void facet_values_free(struct facet_value *v, size_t n);

struct store_stats {
	long long documents, undated, relations;
	long long names[FACET_NKINDS];
	/* date keys (yyyymmdd, unknown parts 0) of the first and last dated
	 * documents in date order; 0 when none */
	int32_t first, last;
};

int store_stats(struct store *s, struct store_stats *st, struct err *e);

/* The date keys of the first and last dated documents (0 when none): what
 * the browser needs of store_stats, read in two index lookups. */
int store_span(struct store *s, int32_t *first, int32_t *last, struct err *e);

/* --- relations ------------------------------------------------------- */

enum rel_kind {
	REL_LINK,   /* an explicit link in the data */
	REL_REPLY,  /* a reply, a follow-up, a relayed letter */
	REL_SERIES, /* the same series (journal entries, numbered notes) */
	REL_PEOPLE, /* the same people within a short span of time */
	REL_TEXT,   /* similar text */
	REL_CITES   /* a citation: a reference in the text or a note */
};

const char *store_rel_name(enum rel_kind k);

struct relation {
	enum rel_kind kind;
	int forward;      /* 1: this document is the relation's source (it
	                     cites the other), 0: the other is */
	double strength;  /* higher first */
	char *reason;     /* "reply to", "same people: Shtykov; 2 days apart" */
	struct row row;   /* the other document */
};

/* What store_related reads: the stored relations always; with
 * STORE_REL_SIMILAR also documents of similar text, found now (a few
 * milliseconds of index probes, which a preview can do without). */
enum { STORE_REL_STORED = 0, STORE_REL_SIMILAR = 1 };

/* The documents related to key, strongest first, in *out (caller frees
 * with relations_free); flags are STORE_REL_*. */
/* The name of relation r's kind as seen from its document: that of
 * store_rel_name, but "cited by" for a citation the other document makes. */
const char *store_rel_label(const struct relation *r);

int store_related(struct store *s, int64_t key, unsigned flags,
                  struct relation **out, size_t *n, struct err *e);

void relations_free(struct relation *v, size_t n);

/* Append to out the ids that document key links to explicitly, as the data
 * wrote them (also those not in the store yet), sorted. Cheap: for export
 * and round trips, where store_related() would compute similar text. */
int store_links(struct store *s, int64_t key, struct strlist *out,
                struct err *e);

/* Append to cites the ids that document key cites (a reference in its
 * text or notes, as the data wrote them, also those not in the store
 * yet), sorted, and to why the sentence each stands in ("" when none). */
int store_cites(struct store *s, int64_t key, struct strlist *cites,
                struct strlist *why, struct err *e);

/* Append the texts of document key (transcripts, translations, notes,
 * links, citation; struct record_text) to out, in document order. The
 * caller frees them (record_texts_free). */
int store_texts(struct store *s, int64_t key, struct record_texts *out, struct err *e);

/* Recompute the computed relations of every document (fonds relate). */
int store_relate_all(struct store *s, struct err *e);

/* --- people ---------------------------------------------------------- */

struct authority;

/* Recognise people with a (not owned; NULL: take the record's people as
 * they are) in every record store_put() adds from now on. */
void store_set_authority(struct store *s, const struct authority *a);

/* Store the authority's persons, their facts and their other names, and
 * make the full-text index know every document's people by all their
 * names. Does nothing when a is what was stored last, unless force.
 * A read-only store is left alone. */
int store_people_sync(struct store *s, const struct authority *a, int force,
                      struct err *e);

/* store_people_sync(force), then recognise people again in every
 * document (fonds people --reload); *changed counts documents that
 * gained a person. */
int store_people_reload(struct store *s, const struct authority *a,
                        long long *changed, struct err *e);

/* One person, as the person view shows them. */
struct person_info {
	int64_t id;
	char *name, *born, *died, *role; /* born, died, role may be NULL */
	int uncertain;          /* found only by the shape of a title */
	long long ndocs;
	struct strlist variants, covers, scripts;
	struct bucket *years;   /* documents per year (yyyy0000), dated only */
	size_t nyears;
	struct facet_value *with; /* the people they appear with most */
	size_t nwith;
};

/* Look a person up by any of their names (canonical, variant, cover,
 * other script; else a name that starts or ends with it). Returns 1 and
 * a new person_info (caller frees), 0 when nobody matches, -1 on error. */
int store_person(struct store *s, const char *name, struct person_info **out,
                 struct err *e);

void person_info_free(struct person_info *p);

/* One line of the people list; strings valid during the callback. */
struct person_row {
	const char *name, *born, *died, *role;
	long long ndocs;
	int uncertain;
};

/* Call cb for every person, known people first, then by number of
 * documents; a non-zero return stops. */
int store_people_list(struct store *s, int (*cb)(void *ctx, const struct person_row *p),
                      void *ctx, struct err *e);

/* The names by which document key's title, summary or text names the
 * people that q's text terms found only through another of their names
 * (a variant spelling, a cover name, another script: "filippov" finds
 * Stalin's telegrams, whose text says "Stalin"), appended to out as the
 * text writes them, each once. Terms the text holds add nothing. A few
 * index lookups of this one document. */
int store_doc_forms(struct store *s, int64_t key, const struct query *q,
                    struct strlist *out, struct err *e);

/* Append to out, each once and at most max, the names of people that
 * start with prefix (case and accents folded): canonical names, then
 * variants, cover names and names in other scripts. An index range. */
int store_complete_names(struct store *s, const char *prefix, size_t max,
                         struct strlist *out, struct err *e);

/* Append to out, in order and at most max, the document ids that start
 * with prefix (exactly). An index range. */
int store_complete_ids(struct store *s, const char *prefix, size_t max,
                       struct strlist *out, struct err *e);

/* --- user data (user.c) ---------------------------------------------
 *
 * The reader's own data, keyed by document id. Every write is one
 * transaction; on a read-only store, or one another program keeps
 * locked for more than a moment, it fails with a message saying so and
 * changes nothing (the caller keeps what it was given, such as a note's
 * text in a recovery file). */

int store_set_read(struct store *s, const char *id, int on, struct err *e);
int store_set_bookmark(struct store *s, const char *id, int on, struct err *e);

/* Set (or, with NULL or "", delete) the note on a document. The note it
 * replaces or deletes, when different, is kept as a version. */
int store_set_note(struct store *s, const char *id, const char *text,
                   struct err *e);

/* The note on document id into *text (caller frees) and its time (Unix
 * seconds) into *at when not NULL. Returns 1, 0 when there is none, -1. */
int store_note_get(struct store *s, const char *id, char **text, int64_t *at,
                   struct err *e);

/* An earlier version of a note: its text, when it was written, and when
 * a save or a delete replaced it. */
struct note_version {
	char *text;
	int64_t at, replaced;
};

/* Every earlier version of document id's note, newest first, in *out
 * (caller frees with note_versions_free). */
int store_note_history(struct store *s, const char *id, struct note_version **out,
                       size_t *n, struct err *e);
void note_versions_free(struct note_version *v, size_t n);

/* One excerpt: a passage of document id, with its page when known. */
struct excerpt {
	int64_t xid;  /* its number */
	char *id, *text, *page; /* page may be NULL */
	int64_t at;
};

/* Save a passage of document id (page may be NULL); its number in *xid
 * when not NULL. */
int store_excerpt_add(struct store *s, const char *id, const char *text,
                      const char *page, int64_t *xid, struct err *e);

/* Delete excerpt xid. Returns 1, 0 when there was none, -1. */
int store_excerpt_delete(struct store *s, int64_t xid, struct err *e);

/* The excerpts of document id (NULL: of every document) in the order
 * they were saved, in *out (caller frees with excerpts_free). */
int store_excerpts(struct store *s, const char *id, struct excerpt **out, size_t *n,
                   struct err *e);
void excerpts_free(struct excerpt *v, size_t n);

/* 0 when name can be a tag (1 to 64 bytes of UTF-8, no spaces, quotes or
 * controls, not starting with +, - or @), else -1 with e saying why. */
int store_tag_valid(const char *name, struct err *e);

/* Put tag name on document id (on) or take it off. Tags match without
 * regard to ASCII case. Returns 1 when it changed something, 0 when not
 * (already so), -1. */
int store_tag(struct store *s, const char *id, const char *name, int on,
              struct err *e);

/* Append document id's tags, sorted, to out. */
int store_tags_of(struct store *s, const char *id, struct strlist *out,
                  struct err *e);

/* Every tag with the number of documents it is on, by name, in *out
 * (caller frees with facet_values_free). */
int store_tags(struct store *s, struct facet_value **out, size_t *n, struct err *e);

/* The marks as the query language writes them (is:bookmarked, has:note,
 * is:read, is:unread) with their numbers of documents, in *out (caller
 * frees with facet_values_free). */
int store_marks(struct store *s, struct facet_value **out, size_t *n, struct err *e);

/* 0 when name can name a saved search (letters, digits, '-', '_', '.';
 * at most 64), else -1 with e saying why. */
int store_saved_valid(const char *name, struct err *e);

/* Save query (checked: it must parse) under name, replacing one of that
 * name. */
int store_saved_set(struct store *s, const char *name, const char *query,
                    struct err *e);

/* Delete a saved search. Returns 1, 0 when there was none, -1. */
int store_saved_delete(struct store *s, const char *name, struct err *e);

/* The query text of saved search name into *query (caller frees).
 * Returns 1, 0 when there is none, -1. */
int store_saved_get(struct store *s, const char *name, char **query, struct err *e);

/* Every saved search by name: the names in *names (count -1; caller
 * frees with facet_values_free), their queries appended to queries. */
int store_saved_list(struct store *s, struct facet_value **names,
                     struct strlist *queries, size_t *n, struct err *e);

/* Replace every @NAME of q by the clauses of the saved search's query
 * (which may name others). Returns 1 with a new query in *out (caller
 * frees), 0 with *out NULL when q names none, -1 with e set for an
 * unknown name ("unknown saved search @x (fonds saved lists them)"), a
 * loop, an @NAME excluded or in an OR, or a tag:NAME no document has
 * ("unknown tag ..."). store_page, store_count and the rest expand a
 * query themselves; this is for checking one early. */
int store_query_expand(struct store *s, const struct query *q, struct query **out,
                       struct err *e);

/* 1 when the store holds a document of that id. */
int store_doc_exists(struct store *s, const char *id);

/* The kinds of the reader's data, for export and import. */
enum user_kind {
	USER_READ, USER_BOOKMARK, USER_NOTE, USER_NOTE_VERSION, USER_EXCERPT,
	USER_TAG, USER_SAVED, USER_NKINDS
};

/* One item: id is the document's (a saved search's name for USER_SAVED);
 * text the note, version, excerpt, tag name or query; extra an excerpt's
 * page; at when it was written, replaced when a version was replaced. */
struct user_item {
	enum user_kind kind;
	const char *id, *text, *extra;
	int64_t at, replaced;
};

/* Call cb for every item of the reader's data, kind by kind, each in a
 * stable order (the strings are valid during the call); a non-zero
 * return stops. */
int store_user_each(struct store *s, int (*cb)(void *ctx, const struct user_item *it),
                    void *ctx, struct err *e);

/* Add items of the reader's data between store_user_begin and
 * store_user_end (commit or not): what is there is kept (a mark, a tag,
 * a saved search of the same name, an identical version or excerpt); of
 * two different notes the newer is the note and the other a version.
 * store_user_put returns 1 when it added something, 0 when it was there. */
int store_user_begin(struct store *s, struct err *e);
int store_user_put(struct store *s, const struct user_item *it, struct err *e);
int store_user_end(struct store *s, int commit, struct err *e);

/* Small key/value state (last position, ...). store_state_get returns a
 * new string or NULL (caller frees). */
int store_state_set(struct store *s, const char *key, const char *value,
                    struct err *e);
char *store_state_get(struct store *s, const char *key);

#endif
