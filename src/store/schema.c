/* schema.c - the database schema and its forward migrations.
 *
 * Migrations are an append-only list keyed on PRAGMA user_version: step i
 * takes a database from version i to i + 1, each in one transaction. A
 * fresh database runs them all. Never edit a step that has shipped; add
 * one.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "internal.h"

const char *const store_facet_table[FACET_NKINDS] = {
	"person", "place", "subject", "collection", "language"
};

/* Version 1: documents, names, relations, counts, user data. */
static const char schema_v1[] =
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;\n"
	/* key: the date key made dense, then a sequence number, so rowid
	 * order is date order (internal.h, KEY_OF_DATE).
	 * dkey: yyyymmdd with unknown parts 0; 0 when undated. first/last:
	 * the days the date covers. derived: the id was made by fonds.
	 * match: a hash of the folded date and title, to merge a record from another
	 * source. names: every linked name, for the full-text index. */
	"CREATE TABLE doc(\n"
	"  key INTEGER PRIMARY KEY,\n"
	"  id TEXT NOT NULL UNIQUE,\n"
	"  derived INTEGER NOT NULL DEFAULT 0,\n"
	"  match INTEGER,\n"
	"  date_text TEXT,\n"
	"  prec INTEGER NOT NULL DEFAULT 0,\n"
	"  dkey INTEGER NOT NULL DEFAULT 0,\n"
	"  first INTEGER NOT NULL DEFAULT 0,\n"
	"  last INTEGER NOT NULL DEFAULT 0,\n"
	"  range INTEGER NOT NULL DEFAULT 0,\n"
	"  title TEXT NOT NULL DEFAULT '',\n"
	"  summary TEXT, body TEXT, source TEXT, language TEXT, url TEXT,\n"
	"  type TEXT, names TEXT,\n"
	/* what the title says, hashed: a series, a document type, a recipient */
	"  series INTEGER, genre INTEGER, recipient INTEGER);\n"
	"CREATE INDEX doc_match ON doc(match);\n"
	"CREATE INDEX doc_series ON doc(series) WHERE series IS NOT NULL;\n"
	"CREATE INDEX doc_genre ON doc(genre, recipient) WHERE genre IS NOT NULL;\n"
	/* The full-text index reads its content from doc (external content);
	 * rowid order is date order, so the first page of a search by date
	 * streams out of the index without sorting. No prefix indexes: they
	 * serve only prefixes of exactly their length (ko*, kor*) and made
	 * the index half as large again (the database 2.9 times its input
	 * instead of 2.2); a prefix query merges the doclists of the words it
	 * names instead (20 ms for kor* at 100k documents). */
	"CREATE VIRTUAL TABLE doc_fts USING fts5(title, summary, body, names,\n"
	"  content='doc', content_rowid='key',\n"
	"  tokenize='unicode61 remove_diacritics 2');\n"
	"INSERT INTO doc_fts(doc_fts, rank) VALUES('rank', 'bm25(10.0, 4.0, 1.0, 6.0)');\n"
	/* FTS5 writes its pending terms out as a new segment when they pass
	 * hashsize (1 MB by default), and merges segments as they pile up:
	 * with 16 MB, building the index of a large import takes a third
	 * less time, for about 25 MB more memory while it is written. */
	"INSERT INTO doc_fts(doc_fts, rank) VALUES('hashsize', 16777216);\n"
	/* the index's vocabulary: how many documents hold each term */
	"CREATE VIRTUAL TABLE doc_vocab USING fts5vocab(doc_fts, 'row');\n"
	/* Counts per period: -1 all documents, 0 undated, yyyy0000 a year,
	 * yyyymm00 a month, yyyymmdd a day. A document counts in its year,
	 * and in its month and day when it has them. put.c keeps these and
	 * the index in step with doc (no triggers: a trigger makes every
	 * insert a statement transaction, which flushes FTS5's buffer). */
	"CREATE TABLE period_count(period INTEGER PRIMARY KEY, n INTEGER NOT NULL);\n"
	"INSERT INTO period_count VALUES (-1, 0);\n"
	/* Explicit links as the data wrote them (target ids may arrive in a
	 * later import), and relations between stored documents; the reason a
	 * reader sees is made when they are read (relate.c), from the kind
	 * and aux (which cue of a reply, which kind of series). */
	"CREATE TABLE link(\n"
	"  src INTEGER NOT NULL REFERENCES doc(key) ON DELETE CASCADE ON UPDATE CASCADE,\n"
	"  target TEXT NOT NULL, PRIMARY KEY (src, target)) WITHOUT ROWID;\n"
	"CREATE INDEX link_target ON link(target);\n"
	"CREATE TABLE relation(\n"
	"  src INTEGER NOT NULL REFERENCES doc(key) ON DELETE CASCADE ON UPDATE CASCADE,\n"
	"  dst INTEGER NOT NULL REFERENCES doc(key) ON DELETE CASCADE ON UPDATE CASCADE,\n"
	"  kind INTEGER NOT NULL, strength REAL NOT NULL,\n"
	"  aux INTEGER NOT NULL DEFAULT 0,\n"
	"  PRIMARY KEY (src, dst, kind)) WITHOUT ROWID;\n"
	"CREATE INDEX relation_dst ON relation(dst);\n"
	/* User data is keyed by document id, so that it survives a
	 * re-import that moves a document to another key. */
	"CREATE TABLE read_mark(id TEXT PRIMARY KEY, at INTEGER) WITHOUT ROWID;\n"
	"CREATE TABLE bookmark(id TEXT PRIMARY KEY, at INTEGER) WITHOUT ROWID;\n"
	"CREATE TABLE note(id TEXT PRIMARY KEY, text TEXT NOT NULL, at INTEGER) WITHOUT ROWID;\n"
	"CREATE TABLE state(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;\n"
	/* People carry what the name authority knows of them. */
	"CREATE TABLE person_alias(fold TEXT NOT NULL, person INTEGER NOT NULL,\n"
	"  kind INTEGER NOT NULL DEFAULT 0, name TEXT NOT NULL, ord INTEGER NOT NULL DEFAULT 0,\n"
	"  PRIMARY KEY (fold, person)) WITHOUT ROWID;\n";

/* Version 2: the texts of a document (transcripts and translations with
 * their language, numbered notes, links' addresses, the citation of its
 * volume), citations with the sentence they stand in, and a full-text
 * index that reads those texts too and splits Chinese, Japanese and
 * Korean into pairs of characters (tokenize.c). The index reads its
 * content through a view, so the texts are stored once. */
static const char schema_v2[] =
	"CREATE TABLE doc_text(id INTEGER PRIMARY KEY,\n"
	"  doc INTEGER NOT NULL REFERENCES doc(key) ON DELETE CASCADE ON UPDATE CASCADE,\n"
	"  ord INTEGER NOT NULL, kind TEXT NOT NULL, language TEXT, label TEXT,\n"
	"  body TEXT NOT NULL);\n"
	"CREATE UNIQUE INDEX doc_text_doc ON doc_text(doc, ord);\n"
	/* kind 0: a link of the data; 1: a citation (cites / cited by) */
	"ALTER TABLE link ADD COLUMN kind INTEGER NOT NULL DEFAULT 0;\n"
	"ALTER TABLE link ADD COLUMN reason TEXT;\n"
	"CREATE VIEW doc_content AS SELECT key, title, summary, body, names,\n"
	"  (SELECT group_concat(b, char(10)) FROM (SELECT t.body AS b FROM doc_text t\n"
	"   WHERE t.doc = doc.key AND t.kind IN ('original', 'translation', 'note')\n"
	"   ORDER BY t.ord)) AS texts FROM doc;\n"
	"DROP TABLE doc_vocab;\n"
	"DROP TABLE doc_fts;\n"
	"CREATE VIRTUAL TABLE doc_fts USING fts5(title, summary, body, names, texts,\n"
	"  content='doc_content', content_rowid='key',\n"
	"  tokenize='fonds_cjk unicode61 remove_diacritics 2');\n"
	"INSERT INTO doc_fts(doc_fts, rank) VALUES('rank', 'bm25(10.0, 4.0, 1.0, 6.0, 1.0)');\n"
	"INSERT INTO doc_fts(doc_fts, rank) VALUES('hashsize', 16777216);\n"
	"CREATE VIRTUAL TABLE doc_vocab USING fts5vocab(doc_fts, 'row');\n"
	"INSERT INTO doc_fts(doc_fts) VALUES('rebuild');\n";

/* Version 3: the reader's own data beyond marks and the current note:
 * every earlier version of a note (written when a save or a delete
 * replaces it: nothing a reader wrote is lost), excerpts of a document
 * (its id, the passage, the page when known), tags (the reader's labels,
 * matched without regard to ASCII case) and saved searches (a name for a
 * query's text). Keyed by document id, as the marks are. */
static const char schema_v3[] =
	"CREATE TABLE note_version(id TEXT NOT NULL, text TEXT NOT NULL,\n"
	"  at INTEGER, replaced INTEGER NOT NULL);\n"
	"CREATE INDEX note_version_id ON note_version(id, replaced);\n"
	"CREATE TABLE excerpt(xid INTEGER PRIMARY KEY, id TEXT NOT NULL,\n"
	"  text TEXT NOT NULL, page TEXT, at INTEGER NOT NULL);\n"
	"CREATE INDEX excerpt_id ON excerpt(id);\n"
	"CREATE TABLE tag(name TEXT NOT NULL COLLATE NOCASE, id TEXT NOT NULL,\n"
	"  at INTEGER, PRIMARY KEY (name, id)) WITHOUT ROWID;\n"
	"CREATE INDEX tag_id ON tag(id);\n"
	"CREATE TABLE saved_search(name TEXT PRIMARY KEY COLLATE NOCASE,\n"
	"  query TEXT NOT NULL, at INTEGER) WITHOUT ROWID;\n";

/* The name tables, one per facet kind, made from one template. */
static void schema_facets(struct sbuf *b)
{
	for (int f = 0; f < FACET_NKINDS; f++) {
		const char *t = store_facet_table[f];

		sbuf_printf(b,
			"CREATE TABLE %s(id INTEGER PRIMARY KEY, name TEXT NOT NULL,\n"
			"  fold TEXT NOT NULL UNIQUE, ndocs INTEGER NOT NULL DEFAULT 0%s);\n"
			"CREATE INDEX %s_ndocs ON %s(ndocs);\n"
			"CREATE TABLE doc_%s(\n"
			"  %s INTEGER NOT NULL REFERENCES %s(id),\n"
			"  doc INTEGER NOT NULL REFERENCES doc(key) ON DELETE CASCADE ON UPDATE CASCADE,\n"
			"  PRIMARY KEY (%s, doc)) WITHOUT ROWID;\n"
			"CREATE INDEX doc_%s_doc ON doc_%s(doc, %s);\n",
			t, f == FACET_PERSON ? ",\n  born TEXT, died TEXT, role TEXT, uncertain INTEGER NOT NULL DEFAULT 0" : "",
			t, t, t, t, t, t, t, t, t);
	}
}

/* The fonds schema version this program writes. */
#define SCHEMA_VERSION 3

/* The first column of the first row of sql as an integer, or -1. */
static long long schema_scalar(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

int store_schema_check(struct store *s, struct err *e)
{
	long long version = schema_scalar(s, "PRAGMA user_version");
	long long objects = schema_scalar(s, "SELECT count(*) FROM sqlite_master");

	if (version < 0 || objects < 0)
		return store_sqlerr(s, e, "reading the schema version");
	if (version > SCHEMA_VERSION)
		return err_set(e, "%s: the database was written by a newer fonds "
		               "(schema %lld; this fonds knows %d): upgrade fonds to open it",
		               s->path, version, SCHEMA_VERSION);
	/* fonds sets user_version when it creates its tables: tables without
	 * it belong to another program, whose file must not be touched */
	if (version == 0 && objects > 0)
		return err_set(e, "%s is an SQLite database of another program, not a "
		               "fonds database; nothing was changed (give another file "
		               "with --db)", s->path);
	return 0;
}

/* Run every migration step from the database's version up. */
int store_migrate(struct store *s, struct err *e)
{
	sqlite3_stmt *st;
	int version, target = SCHEMA_VERSION;
	char *msg = NULL;
	struct sbuf sql = {0};
	int rc;

	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return store_sqlerr(s, e, "reading the schema version");
	rc = sqlite3_step(st);
	version = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return store_sqlerr(s, e, "reading the schema version");

	if (version > target)
		return err_set(e, "%s: the database was written by a newer fonds "
		               "(schema %d; this fonds knows %d): upgrade fonds to open it",
		               s->path, version, target);
	if (version == target)
		return 0;
	if (s->readonly)
		return err_set(e, "%s: the database needs an upgrade (schema %d to %d) "
		               "but is read-only: open it once with write access",
		               s->path, version, target);

	sbuf_add(&sql, "BEGIN IMMEDIATE;\n");
	if (version < 1) {
		sbuf_add(&sql, schema_v1);
		schema_facets(&sql);
	}
	if (version < 2)
		sbuf_add(&sql, schema_v2);
	if (version < 3)
		sbuf_add(&sql, schema_v3);
	sbuf_printf(&sql, "PRAGMA user_version = %d;\nCOMMIT;\n", target);
	rc = sqlite3_exec(s->db, sbuf_str(&sql), NULL, NULL, &msg);
	sbuf_free(&sql);
	if (rc != SQLITE_OK) {
		err_set(e, "%s: cannot create or upgrade the schema: %s", s->path,
		        msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}
