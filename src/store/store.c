/* store.c - opening the database, the statement cache, query bounds,
 * reading documents, small state (user data is in user.c). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

static const char *const stmt_sql[ST_COUNT] = {
#define X_SQL(name, sql) sql,
	STORE_STATEMENTS(X_SQL)
#undef X_SQL
};

static const char *const facet_names[FACET_NKINDS] = {
	"people", "places", "subjects", "collections", "languages"
};

const char *store_facet_name(enum facet f)
{
	return (unsigned)f < FACET_NKINDS ? facet_names[f] : "?";
}

char *store_default_path(void)
{
	const char *env = getenv("FONDS_DB");
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	struct sbuf b = {0};

	if (env && *env)
		return xstrdup(env);
	if (xdg && *xdg == '/')
		sbuf_printf(&b, "%s/fonds/fonds.db", xdg);
	else
		sbuf_printf(&b, "%s/.local/share/fonds/fonds.db",
		            home && *home ? home : ".");
	return sbuf_take(&b);
}

int store_sqlerr(struct store *s, struct err *e, const char *what)
{
	int code = sqlite3_errcode(s->db);

	if (code == SQLITE_INTERRUPT || s->interrupted) {
		if (!s->interrupted)
			s->interrupted = 1;
		return err_set(e, "%s: interrupted", what);
	}
	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		return err_set(e, "%s: the database is busy (another fonds is "
		               "writing to it); try again in a moment", what);
	if (code == SQLITE_FULL)
		return err_set(e, "%s: the disk is full; nothing was changed", what);
	if (code == SQLITE_READONLY)
		return err_set(e, "%s: the database is read-only", what);
	if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
		return err_set(e, "%s: %s is damaged or not a fonds database (%s): "
		               "restore it from a backup, or import the files again "
		               "into a new database", what, s->path, sqlite3_errmsg(s->db));
	return err_set(e, "%s: %s", what, sqlite3_errmsg(s->db));
}

static int progress_cb(void *arg)
{
	struct store *s = arg;

	if (s->deadline && clock_usec() > s->deadline) {
		s->interrupted = 2;
		return 1;
	}
	if (s->progress && s->progress(s->progress_arg)) {
		s->interrupted = 1;
		return 1;
	}
	return 0;
}

int store_should_stop(struct store *s)
{
	return progress_cb(s);
}

static int prepare_all(struct store *s, struct err *e)
{
	for (int i = 0; i < ST_COUNT; i++) {
		if (sqlite3_prepare_v3(s->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
		                       &s->st[i], NULL) != SQLITE_OK)
			return store_sqlerr(s, e, "reading the database's tables");
	}
	for (int f = 0; f < FACET_NKINDS; f++) {
		const char *t = store_facet_table[f];
		struct facet_stmts *fs = &s->fs[f];
		char sql[4][512];

		/* No RETURNING on the insert: SQLite runs RETURNING as a trigger,
		 * which makes the insert a statement transaction, and every
		 * statement savepoint flushes FTS5's pending terms. */
		snprintf(sql[0], sizeof sql[0], "SELECT id FROM %s WHERE fold = ?1", t);
		snprintf(sql[1], sizeof sql[1],
		         "INSERT INTO %s(name, fold) VALUES (?1, ?2)", t);
		snprintf(sql[2], sizeof sql[2],
		         "INSERT OR IGNORE INTO doc_%s(%s, doc) VALUES (?1, ?2)", t, t);
		snprintf(sql[3], sizeof sql[3],
		         "SELECT e.name FROM doc_%s l JOIN %s e ON e.id = l.%s "
		         "WHERE l.doc = ?1 ORDER BY e.name", t, t, t);
		sqlite3_stmt **dst[4] = { &fs->find, &fs->insert, &fs->link, &fs->names };
		for (int i = 0; i < 4; i++)
			if (sqlite3_prepare_v3(s->db, sql[i], -1, SQLITE_PREPARE_PERSISTENT,
			                       dst[i], NULL) != SQLITE_OK)
				return store_sqlerr(s, e, "reading the database's tables");
	}
	return 0;
}

static int read_meta(struct store *s)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(s->db, "SELECT value FROM meta WHERE key = 'max_span'",
	                       -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		s->max_span = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return 0;
}

/* How open_db() opens a database. */
enum open_mode {
	OPEN_WRITE,    /* read-write, creating the file */
	OPEN_READ,     /* read-only */
	OPEN_IMMUTABLE /* read-only without the -wal and -shm files, for a
	                * database whose directory or disk cannot take them */
};

/* Open (or reopen) s->db on path. Returns an SQLite code. */
static int open_db(struct store *s, const char *path, enum open_mode mode)
{
	int rc;

	if (s->db) {
		sqlite3_close_v2(s->db);
		s->db = NULL;
	}
	if (mode == OPEN_IMMUTABLE) {
		struct sbuf uri = {0};

		sbuf_add(&uri, "file:");
		for (const char *p = path; *p; p++) {
			if (*p == '%' || *p == '?' || *p == '#')
				sbuf_printf(&uri, "%%%02X", (unsigned char)*p);
			else
				sbuf_addc(&uri, *p);
		}
		sbuf_add(&uri, "?immutable=1");
		rc = sqlite3_open_v2(sbuf_str(&uri), &s->db, SQLITE_OPEN_READONLY |
		                     SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
		sbuf_free(&uri);
	} else {
		rc = sqlite3_open_v2(path, &s->db, (mode == OPEN_READ ? SQLITE_OPEN_READONLY :
		                     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
		                     SQLITE_OPEN_NOMUTEX, NULL);
	}
	if (s->db) {
		/* the full-text index's tokenizer, before anything reads it */
		store_register_tokenizer(s->db);
		store_register_functions(s->db);
		sqlite3_extended_result_codes(s->db, 0);
		sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
	}
	return rc;
}

/* Is it a database at all? Reading the schema tells. Returns an SQLite
 * code. */
static int probe(struct store *s)
{
	return sqlite3_exec(s->db, "SELECT count(*) FROM sqlite_master", NULL,
	                    NULL, NULL);
}

/* Whether an SQLite error on opening is about the files beside the
 * database (the -wal and -shm of WAL mode), which a read-only directory or
 * a full disk keeps SQLite from making. */
static int side_file_error(int code)
{
	return code == SQLITE_READONLY || code == SQLITE_CANTOPEN ||
	       code == SQLITE_IOERR || code == SQLITE_FULL || code == SQLITE_PERM;
}

/* Why SQLite could not make or use the files beside the database at
 * path, from the file system and the system's last error. */
static const char *side_file_reason(const char *path, int sys)
{
	struct statvfs fs;
	int known = statvfs(path, &fs) == 0;

	if (known && (fs.f_flag & ST_RDONLY))
		return "it is on a read-only file system";
	if (sys == ENOSPC || (known && fs.f_bavail == 0))
		return "the disk is full";
#ifdef EDQUOT
	if (sys == EDQUOT)
		return "the disk is full";
#endif
	return "its directory is read-only";
}

int store_open(struct store **out, const char *path, int flags, struct err *e)
{
	struct store *s;
	int rc;
	struct stat sb;
	int exists = stat(path, &sb) == 0;

	*out = NULL;
	if (exists && S_ISDIR(sb.st_mode))
		return err_set(e, "%s is a directory, not a database file", path);
	if (!exists && (flags & (STORE_READONLY | STORE_NOCREATE)))
		return err_set(e, "%s: no such database (create one with 'fonds import FILE')", path);
	if (!exists && path_make_parents(path, e) < 0)
		return -1;

	s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	s->readonly = (flags & STORE_READONLY) || (exists && access(path, W_OK) != 0);
	if (s->readonly && !(flags & STORE_READONLY))
		s->ro_reason = errno == EROFS ? "it is on a read-only file system" :
		               "you have no write permission on the file";
	rc = open_db(s, path, s->readonly ? OPEN_READ : OPEN_WRITE);
	if (rc != SQLITE_OK) {
		char *dir = xstrdup(path), *slash = strrchr(dir, '/');

		/* SQLite only says "unable to open database file": a new file
		 * fails for want of a writable directory */
		if (slash == dir)
			slash[1] = '\0';
		else if (slash)
			*slash = '\0';
		if (!exists && access(slash ? dir : ".", W_OK | X_OK) != 0)
			err_set(e, "cannot create %s: %s", path, strerror(errno));
		else
			err_set(e, "cannot open %s: %s", path,
			        s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
		free(dir);
		store_close(s);
		return -1;
	}
	if ((rc = probe(s)) != SQLITE_OK) {
		int code = sqlite3_errcode(s->db), sys = sqlite3_system_errno(s->db);

		if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT) {
			err_set(e, "%s is not a fonds database (or it is damaged); "
			        "give another file with --db", path);
			store_close(s);
			return -1;
		}
		/* A WAL database needs its -shm (and -wal) files to be read: in a
		 * read-only directory or on a full disk they cannot be made.
		 * Nothing can be written there anyway: read the file as it is. */
		if (exists && side_file_error(code)) {
			s->readonly = 1;
			s->ro_reason = side_file_reason(path, sys);
			if (open_db(s, path, OPEN_IMMUTABLE) == SQLITE_OK &&
			    probe(s) == SQLITE_OK)
				rc = SQLITE_OK;
		}
		if (rc != SQLITE_OK) {
			if (exists && side_file_error(code))
				err_set(e, "cannot read %s: %s (%s)", path,
				        side_file_reason(path, sys), sqlite3_errstr(code));
			else
				store_sqlerr(s, e, path);
			store_close(s);
			return -1;
		}
	}
	if (store_schema_check(s, e) < 0) {
		store_close(s);
		return -1;
	}
	/* A new file gives free pages back after each import (put.c). Only a
	 * file without tables can take this, and only a new one is asked: on
	 * another the pragma writes the header, which waits for any writer. */
	if (!s->readonly && (!exists || sb.st_size == 0))
		sqlite3_exec(s->db, "PRAGMA auto_vacuum = INCREMENTAL", NULL, NULL, NULL);
	if (!s->readonly && sqlite3_exec(s->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) != SQLITE_OK) {
		store_sqlerr(s, e, "switching to WAL mode");
		store_close(s);
		return -1;
	}
	sqlite3_exec(s->db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;"
	             "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -8000", NULL, NULL, NULL);
	/* Documents an import touched, for computing their relations, and
	 * those it has yet to add to the full-text index (put.c). */
	if (sqlite3_exec(s->db, "CREATE TEMP TABLE touched(key INTEGER PRIMARY KEY);"
	                 "CREATE TEMP TABLE unindexed(key INTEGER PRIMARY KEY)",
	                 NULL, NULL, NULL) != SQLITE_OK) {
		store_sqlerr(s, e, "opening the database");
		store_close(s);
		return -1;
	}
	if (store_migrate(s, e) < 0 || prepare_all(s, e) < 0) {
		store_close(s);
		return -1;
	}
	read_meta(s);
	sqlite3_progress_handler(s->db, 2000, progress_cb, s);
	*out = s;
	return 0;
}

static void stmt_cache_clear(struct store *s)
{
	for (struct stmt_cache *c = s->sc; c < s->sc + STMT_CACHE_N; c++) {
		sqlite3_finalize(c->st);
		free(c->sql);
		memset(c, 0, sizeof *c);
	}
}

void store_close(struct store *s)
{
	if (!s)
		return;
	for (int i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(s->st[i]);
	stmt_cache_clear(s);
	for (int f = 0; f < FACET_NKINDS; f++) {
		sqlite3_finalize(s->fs[f].find);
		sqlite3_finalize(s->fs[f].insert);
		sqlite3_finalize(s->fs[f].link);
		sqlite3_finalize(s->fs[f].names);
	}
	if (s->db) {
		/* optional: never wait for another writer to do it */
		sqlite3_busy_timeout(s->db, 0);
		if (!s->readonly)
			sqlite3_exec(s->db, "PRAGMA optimize", NULL, NULL, NULL);
		sqlite3_close_v2(s->db);
	}
	store_import_forget(s);
	store_facet_keys_clear(s);
	store_df_cache_clear(s);
	for (size_t i = 0; i < ARRAY_LEN(s->spell); i++) {
		free(s->spell[i].word);
		free(s->spell[i].terms);
	}
	free(s->path);
	free(s);
}

int store_is_readonly(const struct store *s)
{
	return s->readonly;
}

const char *store_readonly_reason(const struct store *s)
{
	return s->readonly ? s->ro_reason : NULL;
}

const char *store_path(const struct store *s)
{
	return s->path;
}

int store_is_empty(struct store *s)
{
	sqlite3_stmt *st = store_stmt(s, ST_COUNT_ALL);
	int empty = 1;

	if (sqlite3_step(st) == SQLITE_ROW)
		empty = sqlite3_column_int64(st, 0) == 0;
	sqlite3_reset(st);
	return empty;
}

void store_interrupt(struct store *s)
{
	s->interrupted = 1;
	sqlite3_interrupt(s->db);
}

void store_set_progress(struct store *s, int (*cb)(void *), void *arg)
{
	s->progress = cb;
	s->progress_arg = arg;
}

void store_set_time_limit(struct store *s, int64_t usec)
{
	s->time_limit = usec > 0 ? usec : 0;
}

int store_was_interrupted(const struct store *s)
{
	return s->interrupted;
}

/* Reset the statements left part-read. SQLite forgets an interruption
 * only when no statement is running: a pending one would fail the next. */
static void reset_busy(struct store *s)
{
	sqlite3_stmt *st = NULL;

	while ((st = sqlite3_next_stmt(s->db, st)) != NULL)
		if (sqlite3_stmt_busy(st))
			sqlite3_reset(st);
}

void store_query_start(struct store *s)
{
	s->interrupted = 0;
	s->deadline = s->time_limit ? clock_usec() + s->time_limit : 0;
}

void store_query_end(struct store *s)
{
	s->deadline = 0;
}

sqlite3_stmt *store_stmt(struct store *s, enum store_stmt which)
{
	sqlite3_stmt *st = s->st[which];

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

sqlite3_stmt *store_prepare(struct store *s, const char *sql, struct err *e)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		store_sqlerr(s, e, "preparing a query");
		return NULL;
	}
	return st;
}

sqlite3_stmt *store_prepare_cached(struct store *s, const char *sql, struct err *e)
{
	struct stmt_cache *c, *slot = NULL;
	sqlite3_stmt *st = NULL;

	for (c = s->sc; c < s->sc + STMT_CACHE_N; c++) {
		if (c->sql && strcmp(c->sql, sql) == 0) {
			if (c->busy)
				break; /* in use further up the stack: a one-off */
			c->busy = 1;
			c->used = ++s->sc_clock;
			return c->st;
		}
		/* a free slot, else the least recently used one not in use */
		if (!c->busy && (!slot || (slot->sql && (!c->sql || c->used < slot->used))))
			slot = c;
	}
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
	                       NULL) != SQLITE_OK) {
		sqlite3_finalize(st);
		store_sqlerr(s, e, "preparing a query");
		return NULL;
	}
	if (c < s->sc + STMT_CACHE_N || !slot)
		return st;
	sqlite3_finalize(slot->st);
	free(slot->sql);
	slot->sql = xstrdup(sql);
	slot->st = st;
	slot->busy = 1;
	slot->used = ++s->sc_clock;
	return st;
}

void store_release(struct store *s, sqlite3_stmt *st)
{
	for (struct stmt_cache *c = s->sc; c < s->sc + STMT_CACHE_N; c++) {
		if (c->st == st && c->sql) {
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			c->busy = 0;
			return;
		}
	}
	sqlite3_finalize(st);
}

int store_read_begin(struct store *s)
{
	sqlite3_stmt *st;
	int rc;

	if (s->read_depth++ > 0 || !sqlite3_get_autocommit(s->db))
		return 0;
	st = store_prepare_cached(s, "BEGIN", NULL);
	if (!st)
		return -1;
	rc = sqlite3_step(st);
	store_release(s, st);
	s->read_txn = rc == SQLITE_DONE;
	return s->read_txn ? 0 : -1;
}

/* End the transaction the outermost store_read_begin opened, if any. */
static void read_finish(struct store *s)
{
	sqlite3_stmt *st;
	int rc;

	if (!s->read_txn)
		return;
	s->read_txn = 0;
	if (sqlite3_get_autocommit(s->db))
		return; /* ended already (an error rolled it back) */
	st = store_prepare_cached(s, "COMMIT", NULL);
	rc = st ? sqlite3_step(st) : SQLITE_ERROR;
	store_release(s, st);
	if (rc == SQLITE_DONE)
		return;
	/* a key or a signal interrupted the screen's queries, and the COMMIT
	 * with them: the transaction must end all the same, or whatever is
	 * written next would stay uncommitted in it */
	reset_busy(s);
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

void store_read_end(struct store *s)
{
	if (s->read_depth > 0 && --s->read_depth == 0)
		read_finish(s);
}

void store_end_queries(struct store *s)
{
	reset_busy(s);
	s->read_depth = 0;
	read_finish(s);
	s->interrupted = 0;
	s->deadline = 0;
}

void store_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

void store_bind_hash(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_int64(st, i, (sqlite3_int64)(hash64(s, strlen(s), 0) >> 1));
	else
		sqlite3_bind_null(st, i);
}

char *store_col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? xstrndup((const char *)t, (size_t)sqlite3_column_bytes(st, i)) : NULL;
}

void store_col_date(sqlite3_stmt *st, int i, struct date *d)
{
	d->prec = (enum date_prec)sqlite3_column_int(st, i);
	d->key = sqlite3_column_int(st, i + 1);
	d->first = sqlite3_column_int(st, i + 2);
	d->last = sqlite3_column_int(st, i + 3);
	d->range = sqlite3_column_int(st, i + 4);
}

void doc_free(struct doc *d)
{
	if (!d)
		return;
	free(d->id);
	free(d->date_text);
	free(d->title);
	free(d->summary);
	free(d->body);
	free(d->source);
	free(d->language);
	free(d->url);
	free(d->type);
	free(d->note);
	for (int f = 0; f < FACET_NKINDS; f++)
		strlist_clear(&d->names[f]);
	record_texts_free(&d->texts);
	strlist_clear(&d->tags);
	free(d);
}

int store_get_key(struct store *s, int64_t key, struct doc **out, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, ST_DOC_GET);
	struct doc *d;
	int rc;

	*out = NULL;
	sqlite3_bind_int64(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return store_sqlerr(s, e, "reading a document");
	d = xcalloc(1, sizeof *d);
	d->key = sqlite3_column_int64(st, 0);
	d->id = store_col_dup(st, 1);
	d->date_text = store_col_dup(st, 2);
	store_col_date(st, 3, &d->date);
	d->title = store_col_dup(st, 8);
	d->summary = store_col_dup(st, 9);
	d->body = store_col_dup(st, 10);
	d->source = store_col_dup(st, 11);
	d->language = store_col_dup(st, 12);
	d->url = store_col_dup(st, 13);
	d->type = store_col_dup(st, 14);
	d->flags = (sqlite3_column_int(st, 15) ? ROW_RELATED : 0) |
	           (sqlite3_column_int(st, 16) ? ROW_READ : 0) |
	           (sqlite3_column_int(st, 17) ? ROW_BOOKMARK : 0);
	d->note = store_col_dup(st, 18);
	if (d->note)
		d->flags |= ROW_NOTE;
	sqlite3_reset(st);
	for (int f = 0; f < FACET_NKINDS; f++) {
		sqlite3_stmt *ns = s->fs[f].names;

		sqlite3_reset(ns);
		sqlite3_bind_int64(ns, 1, key);
		while ((rc = sqlite3_step(ns)) == SQLITE_ROW)
			strlist_add(&d->names[f], (const char *)sqlite3_column_text(ns, 0));
		sqlite3_reset(ns);
		if (rc != SQLITE_DONE) {
			doc_free(d);
			return store_sqlerr(s, e, "reading a document's names");
		}
	}
	if (store_texts(s, key, &d->texts, e) < 0 ||
	    store_tags_of(s, d->id, &d->tags, e) < 0) {
		doc_free(d);
		return -1;
	}
	*out = d;
	return 1;
}

int store_get(struct store *s, const char *id, struct doc **out, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, ST_DOC_BY_ID);
	int64_t key;
	int rc;

	*out = NULL;
	store_bind_text(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return store_sqlerr(s, e, "looking up a document");
	key = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return store_get_key(s, key, out, e);
}

int store_state_set(struct store *s, const char *key, const char *value, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (s->readonly)
		return err_set(e, "the database is read-only: nothing was saved");
	st = store_stmt(s, ST_STATE_SET);
	store_bind_text(st, 1, key);
	store_bind_text(st, 2, value);
	sqlite3_busy_timeout(s->db, STORE_USER_BUSY_MS);
	rc = sqlite3_step(st);
	sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, e, "saving state");
	return 0;
}

char *store_state_get(struct store *s, const char *key)
{
	sqlite3_stmt *st = store_stmt(s, ST_STATE_GET);
	char *v = NULL;

	store_bind_text(st, 1, key);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = store_col_dup(st, 0);
	sqlite3_reset(st);
	return v;
}

/* The first and last dated documents' date keys: undated documents have
 * date key 0, so they sort first, and the first dated one is found by
 * seeking past them; keys beyond 99999999 are not dates. */
#define SPAN_SQL \
	"(SELECT dkey FROM doc WHERE key >= (1 << 32) AND prec > 0 ORDER BY key LIMIT 1)," \
	" (SELECT dkey FROM doc WHERE key < (99999999 << 32) ORDER BY key DESC LIMIT 1)"

int store_span(struct store *s, int32_t *first, int32_t *last, struct err *e)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT " SPAN_SQL, e);
	int rc;

	*first = *last = 0;
	if (!st)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*first = sqlite3_column_int(st, 0);
		*last = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return store_sqlerr(s, e, "reading the span of the dates");
	return 0;
}

int store_stats(struct store *s, struct store_stats *stt, struct err *e)
{
	sqlite3_stmt *st;
	struct sbuf sql = {0};
	int rc;

	memset(stt, 0, sizeof *stt);
	sbuf_add(&sql, "SELECT (SELECT n FROM period_count WHERE period = -1),"
	         " (SELECT n FROM period_count WHERE period = 0),"
	         " (SELECT count(*) FROM relation), " SPAN_SQL);
	for (int f = 0; f < FACET_NKINDS; f++)
		sbuf_printf(&sql, ", (SELECT count(*) FROM %s WHERE ndocs > 0)",
		            store_facet_table[f]);
	st = store_prepare(s, sbuf_str(&sql), e);
	sbuf_free(&sql);
	if (!st)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		stt->documents = sqlite3_column_int64(st, 0);
		stt->undated = sqlite3_column_int64(st, 1);
		stt->relations = sqlite3_column_int64(st, 2);
		stt->first = sqlite3_column_int(st, 3);
		stt->last = sqlite3_column_int(st, 4);
		for (int f = 0; f < FACET_NKINDS; f++)
			stt->names[f] = sqlite3_column_int64(st, 5 + f);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return store_sqlerr(s, e, "reading statistics");
	return 0;
}

int store_texts(struct store *s, int64_t key, struct record_texts *out, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, ST_TEXTS);
	int rc;

	sqlite3_bind_int64(st, 1, key);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct record r = {0};

		/* record_add_text copies; the texts are moved to out */
		r.texts = *out;
		record_add_text(&r, (const char *)sqlite3_column_text(st, 0),
		                (const char *)sqlite3_column_text(st, 1),
		                (const char *)sqlite3_column_text(st, 2),
		                (const char *)sqlite3_column_text(st, 3));
		*out = r.texts;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, e, "reading the texts of a document");
	return 0;
}
