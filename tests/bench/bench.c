/* bench.c - the harness behind `make bench`: measures fonds at N documents
 * against bare-SQLite floors on the same data, and prints one table.
 *
 *   bench --fonds PATH --gen PATH --cache DIR [-n N] [--quick] [--reimport]
 *
 * 1. The corpus (DIR/corpus-N.jsonl) is generated once by gen.
 * 2. It is imported once by `fonds import` into DIR/fonds-N.db; in the same
 *    run, the floor loads the same rows with jansson and bare SQLite into a
 *    plain table with the same columns and builds the same FTS5 index. Both
 *    times, both peak memories and the sizes are kept in DIR/fonds-N.import
 *    and reprinted (marked as cached) until the database is missing.
 * 3. The browser runs on a pseudo-terminal (120x40, TERM=xterm-256color)
 *    with FONDS_SETTLE_FD naming a pipe: fonds writes a byte there each time
 *    its screen has settled, so "key written -> byte read" is exact. The
 *    pty's output is drained all the while. Cold start is exec -> first byte.
 * 4. Floors, measured in the same run on the same data:
 *    - navigation keys (j k Space b G g): the same keys in less(1) on the
 *      collection exported as text (DIR/export-N.txt, one line per
 *      document, date and title, in date order), on a pty of the same
 *      size, from the key to less's prompt drawn again;
 *    - the other keys: the bare SQLite statements the operation needs (run
 *      on the same file with sqlite3 directly) plus the round trip of the
 *      null key, a key fonds does nothing with (pty, read, redraw, settle
 *      byte): the cheapest a key that draws a screen can be on this pty;
 *    - facet counts through store_facet(): the bare SQLite statement;
 *    - cold start: a program that opens the database, reads the first
 *      screen and writes the settle byte.
 *    The bare SQLite time is shown beside every floor (column sql).
 * 5. A key behind a slow query: a slow operation (a common-word search, a
 *    facet toggle on the broadest person) is sent, then 1 ms later j; the
 *    row is the time from j to the first screen fonds draws after it (what
 *    a user sees), and the note gives the time to the settled screen.
 * Every figure in the table is measured by this run, except the import
 *    rows when they come from the cache (then they say so). A key that
 *    gives no settled screen is counted (column fail) and fails its row.
 *
 *   bench --floor-start DB ROWS   (internal) the floor of a cold start:
 *   open the database, read the first page and its first document, write
 *   the settle byte, exit.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "fonds/query.h"
#include "fonds/store.h"
#include "fonds/util.h"

/* gen's long document: bench-0005000 (index LONG_AT), 500 KB of text */
#define LONG_AT 4999

#define COLS 120
#define LINES 40
#define PAGE_ROWS (LINES - 2) /* what one screen of the list shows at most */
#define SETTLE_FD 3
#define KEY_TIMEOUT_MS 60000    /* a key that takes longer did not settle */
#define QUICK_TIMEOUT_MS 20000  /* the same in --quick runs (10k documents) */

/* --- small things ---------------------------------------------------------- */

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* A list of samples in milliseconds. */
struct samples {
	double *v;
	size_t n, cap;
};

static void samples_add(struct samples *s, double ms)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->v = xrealloc(s->v, s->cap * sizeof *s->v);
	}
	s->v[s->n++] = ms;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Percentile p (0-100) by nearest rank; the median averages the middle
 * pair. NAN when empty. */
static double samples_pct(struct samples *s, double p)
{
	size_t k;

	if (!s->n)
		return NAN;
	qsort(s->v, s->n, sizeof *s->v, cmp_double);
	if (p == 50 && s->n % 2 == 0)
		return (s->v[s->n / 2 - 1] + s->v[s->n / 2]) / 2;
	if (p == 50)
		return s->v[s->n / 2];
	k = (size_t)ceil(p / 100.0 * (double)s->n);
	if (k < 1)
		k = 1;
	return s->v[k - 1];
}

static long long file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (long long)st.st_size : -1;
}

static int file_exists(const char *path)
{
	return access(path, F_OK) == 0;
}

static char *strf(const char *fmt, ...) FONDS_PRINTF(1, 2);

static char *strf(const char *fmt, ...)
{
	struct sbuf b = {0};
	va_list ap;

	va_start(ap, fmt);
	sbuf_vprintf(&b, fmt, ap);
	va_end(ap);
	return sbuf_take(&b);
}

static void fail(const char *fmt, ...) FONDS_PRINTF(1, 2) FONDS_NORETURN;

static void fail(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("bench: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

/* Format a duration in ms with three significant figures or so. */
static const char *fmt_ms(double ms, char *buf, size_t n)
{
	if (isnan(ms))
		snprintf(buf, n, "-");
	else if (ms < 0.1)
		snprintf(buf, n, "%.3f", ms);
	else if (ms < 10)
		snprintf(buf, n, "%.2f", ms);
	else if (ms < 100)
		snprintf(buf, n, "%.1f", ms);
	else
		snprintf(buf, n, "%.0f", ms);
	return buf;
}

/* --- the table ------------------------------------------------------------- */

enum target_kind {
	T_NONE,   /* informative */
	T_NAV,    /* navigation key: p99 <= 10 ms, <= 3x floor */
	T_NOBLOCK, /* a key behind a slow query: p99 <= 10 ms */
	T_START,  /* first screen: p99 <= 100 ms, <= 3x floor */
	T_UPDATE, /* facet and timeline updates: p99 <= 100 ms, <= 3x floor */
	T_SEARCH, /* search to first page: p95 <= 50 ms, <= 3x floor */
	T_IMPORT, /* import: <= 1.5x the floor's time */
	T_DBSIZE, /* database <= 2.5x the input */
	T_RSS     /* peak RSS browsing <= 32 MB */
};

/* What a row's floor is (see the comment at the top). */
enum floor_basis {
	FB_NONE,
	FB_SQL,     /* bare SQLite alone */
	FB_SQL_KEY, /* bare SQLite + the null key's round trip */
	FB_LESS,    /* the same key in less on the export */
	FB_EXEC     /* the floor program of a cold start */
};

struct result {
	char name[64];
	enum target_kind target;
	int measured;              /* 0: the row could not be measured */
	char why[256];             /* when not measured, or a note */
	struct samples t, f;       /* times of fonds and of bare SQLite (ms) */
	struct samples less;       /* times of less for the same key (ms) */
	struct samples settle;     /* behind a slow query: key -> settled */
	int has_floor;             /* f holds samples */
	enum floor_basis basis;
	double floor_ms;           /* the floor's median (ms); NAN when none */
	/* rows that are not times */
	char value[40], floor_value[40];
	double ratio;              /* NAN when none */
	int pass;                  /* 1 pass, 0 miss, -1 no target */
	int failures;              /* keys that never settled */
	char cached[64];           /* "(cached <date>)" for import rows */
};

struct table {
	struct result *v;
	size_t n, cap;
};

static struct result *table_add(struct table *t, const char *name,
                                enum target_kind k)
{
	struct result *r;

	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 32;
		t->v = xrealloc(t->v, t->cap * sizeof *t->v);
	}
	r = &t->v[t->n++];
	memset(r, 0, sizeof *r);
	snprintf(r->name, sizeof r->name, "%s", name);
	r->target = k;
	r->ratio = NAN;
	r->floor_ms = NAN;
	r->pass = -1;
	return r;
}

static struct result *table_find(struct table *t, const char *name)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->v[i].name, name) == 0)
			return &t->v[i];
	return NULL;
}

static void table_free(struct table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].t.v);
		free(t->v[i].f.v);
		free(t->v[i].less.v);
		free(t->v[i].settle.v);
	}
	free(t->v);
	memset(t, 0, sizeof *t);
}

static const char *target_text(enum target_kind k)
{
	switch (k) {
	case T_NAV: return "p99<=10ms, <=3x floor";
	case T_NOBLOCK: return "p99<=10ms";
	case T_START: return "p99<=100ms, <=3x floor";
	case T_UPDATE: return "p99<=100ms, <=3x floor";
	case T_SEARCH: return "p95<=50ms, <=3x floor";
	case T_IMPORT: return "<=1.5x floor time";
	case T_DBSIZE: return "<=2.5x input";
	case T_RSS: return "<=32 MB";
	default: return "-";
	}
}

/* The floor's median of row r by its basis; null_ms is the null key's
 * median round trip. NAN when the row has none. */
static double floor_of(struct result *r, double null_ms)
{
	double sql = r->has_floor && r->f.n ? samples_pct(&r->f, 50) : NAN;

	switch (r->basis) {
	case FB_LESS:
		return r->less.n ? samples_pct(&r->less, 50) : NAN;
	case FB_SQL_KEY:
		return isnan(null_ms) ? NAN : sql + null_ms;
	case FB_SQL:
	case FB_EXEC:
		return sql;
	default:
		return NAN;
	}
}

/* Decide PASS/MISS of a timed row from its samples. A key that gave no
 * settled screen fails the row, whatever the other samples say. */
static void judge_time(struct result *r, double null_ms)
{
	double med, p95, p99;
	int ok = 1;

	if (!r->measured || !r->t.n)
		return;
	med = samples_pct(&r->t, 50);
	p95 = samples_pct(&r->t, 95);
	p99 = samples_pct(&r->t, 99);
	r->floor_ms = floor_of(r, null_ms);
	if (!isnan(r->floor_ms) && r->floor_ms > 0)
		r->ratio = med / r->floor_ms;
	switch (r->target) {
	case T_NAV: ok = p99 <= 10; break;
	case T_NOBLOCK: ok = p99 <= 10; break;
	case T_START: ok = p99 <= 100; break;
	case T_UPDATE: ok = p99 <= 100; break;
	case T_SEARCH: ok = p95 <= 50; break;
	default: r->pass = -1; return;
	}
	if (r->target != T_NOBLOCK && !isnan(r->ratio) && r->ratio > 3.0)
		ok = 0;
	if (r->failures)
		ok = 0;
	r->pass = ok;
}

static const char *basis_text(enum floor_basis k)
{
	switch (k) {
	case FB_SQL: return "sql";
	case FB_SQL_KEY: return "sql+key";
	case FB_LESS: return "less";
	case FB_EXEC: return "exec";
	default: return "-";
	}
}

#define ROW_FMT "%-38s %9s %9s %9s %5s %4s %9s %-7s %8s %9s  %-22s %s"

static void print_table(struct table *t, FILE *fp)
{
	char a[32], b[32], c[32], d[32], e[32], n[16], x[16], q[32];
	int width;

	width = fprintf(fp, ROW_FMT, "operation", "median", "p95", "p99", "n",
	                "fail", "floor", "basis", "ratio", "sql", "target",
	                "result");
	fputc('\n', fp);
	for (int i = 0; i < width; i++)
		fputc('-', fp);
	fputc('\n', fp);
	for (size_t i = 0; i < t->n; i++) {
		struct result *r = &t->v[i];
		const char *res = r->pass < 0 ? "-" : r->pass ? "PASS" : "MISS";

		snprintf(x, sizeof x, "%d", r->failures);
		if (!r->measured) {
			fprintf(fp, ROW_FMT "\n", r->name, "n/a", "n/a", "n/a", "0", x,
			        "n/a", "-", "-", "-", target_text(r->target), "ERROR");
			continue;
		}
		if (r->value[0]) {
			if (isnan(r->ratio))
				snprintf(e, sizeof e, "-");
			else
				snprintf(e, sizeof e, "%.2fx", r->ratio);
			fprintf(fp, ROW_FMT "%s%s\n", r->name, r->value, "", "", "1", "",
			        r->floor_value[0] ? r->floor_value : "-", "", e, "",
			        target_text(r->target), res, r->cached[0] ? "  " : "",
			        r->cached);
			continue;
		}
		fmt_ms(samples_pct(&r->t, 50), a, sizeof a);
		fmt_ms(samples_pct(&r->t, 95), b, sizeof b);
		fmt_ms(samples_pct(&r->t, 99), c, sizeof c);
		fmt_ms(r->floor_ms, d, sizeof d);
		fmt_ms(r->has_floor && r->f.n ? samples_pct(&r->f, 50) : NAN, q, sizeof q);
		snprintf(n, sizeof n, "%zu", r->t.n);
		if (isnan(r->ratio))
			snprintf(e, sizeof e, "-");
		else
			snprintf(e, sizeof e, "%.1fx", r->ratio);
		fprintf(fp, ROW_FMT "\n", r->name, a, b, c, n, x, d,
		        basis_text(isnan(r->floor_ms) ? FB_NONE : r->basis), e, q,
		        target_text(r->target), res);
	}
}

/* --- running programs ------------------------------------------------------ */

/* Run argv with stdout to out_path and stderr to err_path (NULL:
 * inherit; the same path: one file for both); *wall_ms and *rss_kb
 * (ru_maxrss) of the child. Returns the exit status, or -1 when it did not
 * exit normally. */
static int run_prog(char *const argv[], const char *out_path,
                    const char *err_path, double *wall_ms, long *rss_kb)
{
	struct rusage ru;
	double t0 = now_ms();
	pid_t pid;
	int status;

	pid = fork();
	if (pid < 0)
		fail("fork: %s", strerror(errno));
	if (pid == 0) {
		int fd = -1;

		if (out_path) {
			fd = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
			if (fd < 0)
				_exit(127);
			dup2(fd, 1);
		}
		if (err_path) {
			if (!out_path || strcmp(out_path, err_path) != 0) {
				if (fd >= 0)
					close(fd);
				fd = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
				if (fd < 0)
					_exit(127);
			}
			dup2(fd, 2);
		}
		if (fd > 2)
			close(fd);
		execv(argv[0], argv);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0)
		fail("wait4: %s", strerror(errno));
	if (wall_ms)
		*wall_ms = now_ms() - t0;
	if (rss_kb)
		*rss_kb = ru.ru_maxrss;
	if (WIFSIGNALED(status))
		fprintf(stderr, "bench: %s was killed by signal %d (%s)%s\n", argv[0],
		        WTERMSIG(status), strsignal(WTERMSIG(status)),
		        WCOREDUMP(status) ? ", core dumped" : "");
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* --- the bench's context --------------------------------------------------- */

struct bench {
	const char *fonds, *gen, *cache, *self;
	long n;
	int quick, reimport;
	char *corpus, *db, *home;
	sqlite3 *sq;           /* the same db, opened by bench for the floors */
	struct table t;
	char common[64], rare[64];
	long long common_hits, rare_hits;
	char top_person[256];
	long long top_person_docs;
	long long ndocs;
	char load[64];          /* /proc/loadavg when the run started */
	/* key counts, the same for fonds and for less */
	int n_line, n_page, n_edge;
	double null_ms;         /* the null key's median round trip; NAN: none */
	long untimed_fails;     /* untimed keys that gave no settled screen */
	long extra_settles;     /* settle bytes that came with no key */
	char less_note[300];    /* how the less floors went */
};

static int reps(const struct bench *b, int full)
{
	return b->quick ? (full >= 20 ? 3 : 2) : full;
}

/* --- the corpus ------------------------------------------------------------ */

static void ensure_corpus(struct bench *b)
{
	char *tmp, *log, nbuf[32];
	double ms;
	char *argv[4];
	int rc;

	if (file_exists(b->corpus))
		return;
	tmp = strf("%s.part", b->corpus);
	log = strf("%s.log", b->corpus);
	snprintf(nbuf, sizeof nbuf, "%ld", b->n);
	argv[0] = (char *)b->gen;
	argv[1] = nbuf;
	argv[2] = NULL;
	fprintf(stderr, "bench: generating %ld documents into %s\n", b->n, b->corpus);
	rc = run_prog(argv, tmp, log, &ms, NULL);
	if (rc != 0)
		fail("%s failed (status %d): see %s", b->gen, rc, log);
	if (file_size(log) == 0)
		unlink(log);
	if (rename(tmp, b->corpus) < 0)
		fail("rename %s: %s", tmp, strerror(errno));
	fprintf(stderr, "bench: generated in %.1f s (%.0f MB)\n", ms / 1000,
	        (double)file_size(b->corpus) / 1e6);
	free(tmp);
	free(log);
}

/* --- the import floor: jansson + bare SQLite, same columns, same FTS5 ------ */

static void sq_exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail("%s: %s", sql, msg ? msg : "?");
}

static void join_list(struct sbuf *out, json_t *v)
{
	size_t i;
	json_t *it;

	if (!json_is_array(v))
		return;
	json_array_foreach(v, i, it) {
		if (!json_is_string(it))
			continue;
		if (out->len)
			sbuf_add(out, "; ");
		sbuf_add(out, json_string_value(it));
	}
}

static void bind_str(sqlite3_stmt *st, int i, json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (json_is_string(v))
		sqlite3_bind_text(st, i, json_string_value(v),
		                  (int)json_string_length(v), SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

/* Load the corpus into path; the child of the floor's measurement. */
static int floor_import(const char *corpus, const char *path)
{
	static const char *const lists[] = { "people", "places", "subjects",
	                                     "collections", "related" };
	sqlite3 *db;
	sqlite3_stmt *ins, *fts;
	FILE *fp = fopen(corpus, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long long key = 0;

	if (!fp)
		fail("%s: %s", corpus, strerror(errno));
	if (sqlite3_open(path, &db) != SQLITE_OK)
		fail("%s: cannot open", path);
	/* the same settings as the store */
	sq_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
	        "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -8000");
	sq_exec(db,
		"CREATE TABLE doc(key INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
		" date TEXT, title TEXT, summary TEXT, body TEXT, people TEXT,"
		" places TEXT, subjects TEXT, collections TEXT, language TEXT,"
		" source TEXT, related TEXT, names TEXT);"
		"CREATE VIRTUAL TABLE doc_fts USING fts5(title, summary, body, names,"
		" content='doc', content_rowid='key',"
		" tokenize='unicode61 remove_diacritics 2');");
	sq_exec(db, "BEGIN");
	if (sqlite3_prepare_v2(db, "INSERT INTO doc VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
	                       " ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)", -1, &ins,
	                       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO doc_fts(rowid, title, summary, body,"
	                       " names) VALUES (?1, ?2, ?3, ?4, ?5)", -1, &fts,
	                       NULL) != SQLITE_OK)
		fail("prepare: %s", sqlite3_errmsg(db));
	while ((len = getline(&line, &cap, fp)) > 0) {
		json_error_t jerr;
		json_t *o = json_loadb(line, (size_t)len, 0, &jerr);
		struct sbuf l[5] = {{0}}, names = {0};

		if (!o)
			fail("%s: %s", corpus, jerr.text);
		key++;
		for (int i = 0; i < 5; i++) {
			join_list(&l[i], json_object_get(o, lists[i]));
			if (i < 4 && l[i].len) {
				if (names.len)
					sbuf_add(&names, "; ");
				sbuf_add(&names, l[i].s);
			}
		}
		sqlite3_bind_int64(ins, 1, key);
		bind_str(ins, 2, o, "id");
		bind_str(ins, 3, o, "date");
		bind_str(ins, 4, o, "title");
		bind_str(ins, 5, o, "summary");
		bind_str(ins, 6, o, "text");
		for (int i = 0; i < 4; i++)
			sqlite3_bind_text(ins, 7 + i, sbuf_str(&l[i]), -1, SQLITE_TRANSIENT);
		bind_str(ins, 11, o, "language");
		bind_str(ins, 12, o, "source");
		sqlite3_bind_text(ins, 13, sbuf_str(&l[4]), -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 14, sbuf_str(&names), -1, SQLITE_TRANSIENT);
		if (sqlite3_step(ins) != SQLITE_DONE)
			fail("insert: %s", sqlite3_errmsg(db));
		sqlite3_reset(ins);
		sqlite3_bind_int64(fts, 1, key);
		bind_str(fts, 2, o, "title");
		bind_str(fts, 3, o, "summary");
		bind_str(fts, 4, o, "text");
		sqlite3_bind_text(fts, 5, sbuf_str(&names), -1, SQLITE_TRANSIENT);
		if (sqlite3_step(fts) != SQLITE_DONE)
			fail("insert fts: %s", sqlite3_errmsg(db));
		sqlite3_reset(fts);
		for (int i = 0; i < 5; i++)
			sbuf_free(&l[i]);
		sbuf_free(&names);
		json_decref(o);
	}
	sqlite3_finalize(ins);
	sqlite3_finalize(fts);
	sq_exec(db, "COMMIT");
	if (sqlite3_close(db) != SQLITE_OK)
		fail("close: %s", sqlite3_errmsg(db));
	free(line);
	fclose(fp);
	return 0;
}

/* --- the import and its cached record ---------------------------------------- */

struct import_rec {
	double fonds_ms, floor_ms;
	long fonds_rss, floor_rss;
	long long input, dbsize, floor_dbsize, docs;
	char date[40];
};

static char *import_rec_path(const struct bench *b)
{
	return strf("%s.import", b->db);
}

static int import_rec_read(const struct bench *b, struct import_rec *r)
{
	char *path = import_rec_path(b), line[256];
	FILE *fp = fopen(path, "r");
	int got = 0;

	free(path);
	if (!fp)
		return -1;
	memset(r, 0, sizeof *r);
	while (fgets(line, sizeof line, fp)) {
		char k[64], v[128];

		if (sscanf(line, "%63s %127[^\n]", k, v) != 2)
			continue;
		got++;
		if (!strcmp(k, "fonds_ms")) r->fonds_ms = atof(v);
		else if (!strcmp(k, "floor_ms")) r->floor_ms = atof(v);
		else if (!strcmp(k, "fonds_rss_kb")) r->fonds_rss = atol(v);
		else if (!strcmp(k, "floor_rss_kb")) r->floor_rss = atol(v);
		else if (!strcmp(k, "input_bytes")) r->input = atoll(v);
		else if (!strcmp(k, "db_bytes")) r->dbsize = atoll(v);
		else if (!strcmp(k, "floor_db_bytes")) r->floor_dbsize = atoll(v);
		else if (!strcmp(k, "documents")) r->docs = atoll(v);
		else if (!strcmp(k, "date")) snprintf(r->date, sizeof r->date, "%.39s", v);
		else got--;
	}
	fclose(fp);
	return got == 9 ? 0 : -1;
}

static void import_rec_write(const struct bench *b, const struct import_rec *r)
{
	char *path = import_rec_path(b);
	FILE *fp = fopen(path, "w");

	if (!fp)
		fail("%s: %s", path, strerror(errno));
	fprintf(fp, "fonds_ms %.1f\nfloor_ms %.1f\nfonds_rss_kb %ld\n"
	        "floor_rss_kb %ld\ninput_bytes %lld\ndb_bytes %lld\n"
	        "floor_db_bytes %lld\ndocuments %lld\ndate %s\n",
	        r->fonds_ms, r->floor_ms, r->fonds_rss, r->floor_rss, r->input,
	        r->dbsize, r->floor_dbsize, r->docs, r->date);
	fclose(fp);
	free(path);
}

static void remove_db(const char *path)
{
	char *w = strf("%s-wal", path), *s = strf("%s-shm", path);

	unlink(path);
	unlink(w);
	unlink(s);
	free(w);
	free(s);
}

static long long db_bytes(const char *path)
{
	char *w = strf("%s-wal", path);
	long long n = file_size(path), nw = file_size(w);

	free(w);
	return n + (nw > 0 ? nw : 0);
}

static long long count_docs(const char *path)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long long n = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM doc", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return n;
}

/* Import (fonds, then the floor) when the database or its record is
 * missing; either way fill *r. */
static void ensure_db(struct bench *b, struct import_rec *r, int *cached)
{
	char *argv[6], *log, *floor_db;
	double ms;
	long rss;
	int rc;
	pid_t pid;
	struct rusage ru;
	int status;
	time_t now;

	*cached = 0;
	if (!b->reimport && file_exists(b->db) && import_rec_read(b, r) == 0) {
		*cached = 1;
		return;
	}
	memset(r, 0, sizeof *r);
	remove_db(b->db);
	log = strf("%s.log", b->db);
	argv[0] = (char *)b->fonds;
	argv[1] = (char *)"--db";
	argv[2] = b->db;
	argv[3] = (char *)"import";
	argv[4] = b->corpus;
	argv[5] = NULL;
	fprintf(stderr, "bench: fonds import of %ld documents (log: %s)\n", b->n, log);
	rc = run_prog(argv, log, log, &ms, &rss);
	if (rc != 0)
		fail("fonds import failed (status %d): see %s", rc, log);
	r->fonds_ms = ms;
	r->fonds_rss = rss;
	r->dbsize = db_bytes(b->db);
	r->input = file_size(b->corpus);
	r->docs = count_docs(b->db);
	fprintf(stderr, "bench: fonds import: %.1f s\n", ms / 1000);

	floor_db = strf("%s/floor-import.db", b->cache);
	remove_db(floor_db);
	fprintf(stderr, "bench: floor import (jansson + bare SQLite + FTS5)\n");
	{
		double t0 = now_ms();

		pid = fork();
		if (pid < 0)
			fail("fork: %s", strerror(errno));
		if (pid == 0)
			_exit(floor_import(b->corpus, floor_db));
		if (wait4(pid, &status, 0, &ru) < 0 || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0)
			fail("the floor import failed");
		r->floor_ms = now_ms() - t0;
		r->floor_rss = ru.ru_maxrss;
	}
	r->floor_dbsize = db_bytes(floor_db);
	remove_db(floor_db);
	fprintf(stderr, "bench: floor import: %.1f s\n", r->floor_ms / 1000);
	now = time(NULL);
	strftime(r->date, sizeof r->date, "%Y-%m-%d %H:%M UTC", gmtime(&now));
	import_rec_write(b, r);
	free(floor_db);
	free(log);
}

/* --- SQL floors -------------------------------------------------------------- */

static sqlite3_stmt *prep(struct bench *b, const char *sql)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(b->sq, sql, -1, &st, NULL) != SQLITE_OK)
		fail("floor SQL: %s\n  %s", sqlite3_errmsg(b->sq), sql);
	return st;
}

/* Step st to the end, touching every column (as a program that shows the
 * rows would); returns the number of rows. */
static long drain(sqlite3_stmt *st)
{
	long n = 0;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int nc = sqlite3_column_count(st);

		for (int i = 0; i < nc; i++)
			(void)sqlite3_column_text(st, i);
		n++;
	}
	if (rc != SQLITE_DONE)
		fail("floor SQL: %s", sqlite3_errmsg(sqlite3_db_handle(st)));
	sqlite3_reset(st);
	return n;
}

static long long scalar(struct bench *b, const char *sql, const char *text)
{
	sqlite3_stmt *st = prep(b, sql);
	long long v = -1;

	if (text)
		sqlite3_bind_text(st, 1, text, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static sqlite3_stmt *prepf(struct bench *b, const char *fmt, ...) FONDS_PRINTF(2, 3);

static sqlite3_stmt *prepf(struct bench *b, const char *fmt, ...)
{
	struct sbuf sql = {0};
	sqlite3_stmt *st;
	va_list ap;

	va_start(ap, fmt);
	sbuf_vprintf(&sql, fmt, ap);
	va_end(ap);
	st = prep(b, sbuf_str(&sql));
	sbuf_free(&sql);
	return st;
}

/* The statements the floors use, prepared once. */
struct floors {
	sqlite3_stmt *next1, *page_after, *page_before, *first, *last, *doc,
		*names[FACET_NKINDS], *rel, *facet_all[FACET_NKINDS],
		*period1, *fts_page, *fts_facet, *fts_count, *pf_page, *pf_count,
		*pf_facet[FACET_NKINDS], *pf_decades, *texts;
};

static void floors_init(struct bench *b, struct floors *f)
{
	static const char *const tab[FACET_NKINDS] = {
		"person", "place", "subject", "collection", "language"
	};
	const char *cols = "key, id, date_text, prec, dkey, title";

	memset(f, 0, sizeof *f);
	f->next1 = prepf(b, "SELECT %s FROM doc WHERE key > ?1 ORDER BY key LIMIT 1", cols);
	f->page_after = prepf(b, "SELECT %s FROM doc WHERE key > ?1 ORDER BY key LIMIT %d", cols, PAGE_ROWS);
	f->page_before = prepf(b, "SELECT %s FROM doc WHERE key < ?1 ORDER BY key DESC LIMIT %d", cols, PAGE_ROWS);
	f->first = prepf(b, "SELECT %s FROM doc ORDER BY key LIMIT %d", cols, PAGE_ROWS);
	f->last = prepf(b, "SELECT %s FROM doc ORDER BY key DESC LIMIT %d", cols, PAGE_ROWS);
	f->doc = prep(b, "SELECT * FROM doc WHERE key = ?1");
	for (int i = 0; i < FACET_NKINDS; i++) {
		f->names[i] = prepf(b, "SELECT e.name FROM doc_%s l JOIN %s e ON e.id = l.%s"
		                           " WHERE l.doc = ?1", tab[i], tab[i], tab[i]);
		f->facet_all[i] = prepf(b, "SELECT name, ndocs FROM %s WHERE ndocs > 0"
		                               " ORDER BY ndocs DESC LIMIT 10", tab[i]);
		f->pf_facet[i] = prepf(b,
			"SELECT e.name, count(*) AS c FROM doc_person p"
			" JOIN doc_%s l ON l.doc = p.doc JOIN %s e ON e.id = l.%s"
			" WHERE p.person = ?1 GROUP BY l.%s ORDER BY c DESC LIMIT 10",
			tab[i], tab[i], tab[i], tab[i]);
	}
	f->rel = prep(b,
		"SELECT x.other, x.kind, x.strength, x.aux, d.id, d.title FROM ("
		" SELECT dst AS other, kind, strength, aux FROM relation WHERE src = ?1"
		" UNION ALL"
		" SELECT src, kind, strength, aux FROM relation WHERE dst = ?1"
		") x JOIN doc d ON d.key = x.other ORDER BY x.strength DESC LIMIT 200");
	f->period1 = prep(b, "SELECT n FROM period_count WHERE period = ?1");
	f->texts = prep(b, "SELECT * FROM doc_text WHERE doc = ?1");
	f->fts_page = prepf(b,
		"SELECT d.key, d.id, d.date_text, d.title,"
		" snippet(doc_fts, -1, '', '', '...', 10) FROM doc_fts"
		" JOIN doc d ON d.key = doc_fts.rowid WHERE doc_fts MATCH ?1"
		" ORDER BY doc_fts.rowid LIMIT %d", PAGE_ROWS);
	f->fts_count = prep(b, "SELECT count(*) FROM doc_fts WHERE doc_fts MATCH ?1");
	f->fts_facet = prep(b,
		"SELECT e.name, count(*) AS c FROM doc_fts f"
		" JOIN doc_person l ON l.doc = f.rowid JOIN person e ON e.id = l.person"
		" WHERE doc_fts MATCH ?1 GROUP BY l.person ORDER BY c DESC LIMIT 10");
	f->pf_page = prepf(b,
		"SELECT d.key, d.id, d.date_text, d.title FROM doc_person p"
		" JOIN doc d ON d.key = p.doc WHERE p.person = ?1 ORDER BY p.doc LIMIT %d",
		PAGE_ROWS);
	f->pf_count = prep(b, "SELECT count(*) FROM doc_person WHERE person = ?1");
	f->pf_decades = prep(b,
		"SELECT d.dkey / 100000, count(*) FROM doc_person p JOIN doc d ON d.key = p.doc"
		" WHERE p.person = ?1 AND d.prec > 0 GROUP BY 1");
}

static void floors_free(struct floors *f)
{
	sqlite3_stmt **p = (sqlite3_stmt **)f;

	for (size_t i = 0; i < sizeof *f / sizeof *p; i++)
		sqlite3_finalize(p[i]);
}

static void run_key(sqlite3_stmt *st, long long key)
{
	sqlite3_bind_int64(st, 1, key);
	drain(st);
}

/* The preview pane: the whole row of one document, its names and its
 * stored relations (what the preview shows). */
static void floor_preview(struct floors *f, long long key)
{
	run_key(f->doc, key);
	for (int i = 0; i < FACET_NKINDS; i++)
		run_key(f->names[i], key);
	run_key(f->rel, key);
}

/* The document view: the same as the preview (its documents of similar
 * text, found by fonds' bounded index probes, have no bare SQLite floor
 * here). */
static void floor_doc(struct floors *f, long long key)
{
	floor_preview(f, key);
}

/* The timeline of everything: the count of each period on screen, from
 * the table of counts kept at import (the years 1945-1991, or the months
 * of a screen from 1945). */
static void floor_timeline(struct floors *f, int months)
{
	if (months) {
		for (int m = 0; m < PAGE_ROWS; m++)
			run_key(f->period1, (1945 + m / 12) * 10000 + (m % 12 + 1) * 100);
	} else {
		for (int y = 1945; y <= 1991; y++)
			run_key(f->period1, y * 10000);
	}
}

/* The filter pane over everything: counts kept at import, decades. */
static void floor_filters_all(struct floors *f)
{
	for (int i = 0; i < FACET_NKINDS; i++)
		drain(f->facet_all[i]);
	floor_timeline(f, 0);
}

/* The filter pane and the list for person:P. */
static void floor_person_filter(struct floors *f, long long person)
{
	run_key(f->pf_page, person);
	run_key(f->pf_count, person);
	for (int i = 0; i < FACET_NKINDS; i++)
		run_key(f->pf_facet[i], person);
	run_key(f->pf_decades, person);
}

static void floor_search(struct floors *f, const char *word, long long key)
{
	sqlite3_bind_text(f->fts_page, 1, word, -1, SQLITE_TRANSIENT);
	drain(f->fts_page);
	floor_preview(f, key);
}

/* Keys of the first n documents in date order (what the session visits). */
static long long *first_keys(struct bench *b, long n, long *got)
{
	sqlite3_stmt *st = prep(b, "SELECT key FROM doc ORDER BY key LIMIT ?1");
	long long *v = xcalloc((size_t)n + 1, sizeof *v);
	long i = 0;

	sqlite3_bind_int64(st, 1, n);
	while (i < n && sqlite3_step(st) == SQLITE_ROW)
		v[i++] = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	*got = i;
	return v;
}

/* --- the browser on a pseudo-terminal ------------------------------------------ */

struct sess {
	pid_t pid;
	int master, settle;
	long long out_bytes;
	double first_out;       /* when output first came after a key (0: none) */
	const char *marker;     /* less: the prompt that ends a screen */
	size_t matched;         /* bytes of marker matched so far */
	double marker_at;       /* when marker was last seen (0: not yet) */
	long extra_settles;
	int gone;
	int timeout_ms;         /* how long a key may take to settle */
	struct rusage ru;
	long hwm_kb;
};

static void set_cloexec(int fd)
{
	fcntl(fd, F_SETFD, FD_CLOEXEC);
}

/* Start argv on a new pty of COLSxLINES with the settle pipe as fd 3. */
static int sess_spawn(struct sess *s, struct bench *b, char *const argv[])
{
	struct winsize ws = { LINES, COLS, 0, 0 };
	int p[2], m;
	char *slave;

	memset(s, 0, sizeof *s);
	s->master = s->settle = -1;
	s->timeout_ms = b->quick ? QUICK_TIMEOUT_MS : KEY_TIMEOUT_MS;
	m = posix_openpt(O_RDWR | O_NOCTTY);
	if (m < 0 || grantpt(m) < 0 || unlockpt(m) < 0 || !(slave = ptsname(m)))
		fail("cannot get a pseudo-terminal: %s", strerror(errno));
	slave = xstrdup(slave);
	set_cloexec(m);
	ioctl(m, TIOCSWINSZ, &ws);
	if (pipe(p) < 0)
		fail("pipe: %s", strerror(errno));
	set_cloexec(p[0]);
	set_cloexec(p[1]);
	s->pid = fork();
	if (s->pid < 0)
		fail("fork: %s", strerror(errno));
	if (s->pid == 0) {
		int sl;

		setsid();
		sl = open(slave, O_RDWR);
		if (sl < 0)
			_exit(127);
		ioctl(sl, TIOCSCTTY, 0);
		ioctl(sl, TIOCSWINSZ, &ws);
		dup2(sl, 0);
		dup2(sl, 1);
		dup2(sl, 2);
		if (sl > 2)
			close(sl);
		if (p[1] == SETTLE_FD)
			fcntl(SETTLE_FD, F_SETFD, 0);
		else
			dup2(p[1], SETTLE_FD);
		setenv("TERM", "xterm-256color", 1);
		setenv("FONDS_SETTLE_FD", "3", 1);
		setenv("HOME", b->home, 1);
		setenv("XDG_CONFIG_HOME", b->home, 1);
		setenv("XDG_DATA_HOME", b->home, 1);
		setenv("LANG", "C.UTF-8", 1);
		setenv("LC_ALL", "C.UTF-8", 1);
		setenv("TZ", "UTC", 1);
		unsetenv("LINES");
		unsetenv("COLUMNS");
		unsetenv("NO_COLOR");
		unsetenv("FONDS_UI_SCRIPT");
		unsetenv("FONDS_DB");
		/* less as it comes: no user options, history or input filter */
		setenv("LESSHISTFILE", "-", 1);
		unsetenv("LESS");
		unsetenv("LESSOPEN");
		unsetenv("LESSCLOSE");
		unsetenv("LESSKEY");
		unsetenv("LESSCHARSET");
		execv(argv[0], argv);
		_exit(127);
	}
	free(slave);
	close(p[1]);
	s->master = m;
	s->settle = p[0];
	fcntl(m, F_SETFL, O_NONBLOCK);
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	return 0;
}

/* Account for a chunk of the pty's output read at time at: the time of
 * the first output after a key, and the marker (when one is set; it must
 * not overlap itself, as a prompt word does not). */
static void sess_output(struct sess *s, const char *buf, ssize_t k, double at)
{
	s->out_bytes += k;
	if (!s->first_out)
		s->first_out = at;
	if (!s->marker)
		return;
	for (ssize_t i = 0; i < k; i++) {
		if (buf[i] == s->marker[s->matched])
			s->matched++;
		else
			s->matched = buf[i] == s->marker[0];
		if (!s->marker[s->matched]) {
			s->marker_at = at;
			s->matched = 0;
		}
	}
}

/* Pump the pty's output until a settle byte arrives, or with a marker set,
 * until the marker is seen (1, *at its time), the program ends (0) or
 * timeout_ms pass (-1). Output is read before the settle byte, so that
 * first_out is never later than the byte. */
static int sess_wait(struct sess *s, int timeout_ms, double *at)
{
	double end = now_ms() + timeout_ms;
	char buf[65536];

	for (;;) {
		struct pollfd pf[2];
		double left = end - now_ms();
		int r;

		if (s->marker && s->marker_at) {
			*at = s->marker_at;
			return 1;
		}
		if (left <= 0)
			return -1;
		pf[0].fd = s->master;
		pf[0].events = POLLIN;
		pf[1].fd = s->settle;
		pf[1].events = POLLIN;
		pf[0].revents = pf[1].revents = 0;
		r = poll(pf, 2, (int)left + 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			fail("poll: %s", strerror(errno));
		if (pf[0].revents & POLLIN) {
			double t = now_ms();
			ssize_t k;

			while ((k = read(s->master, buf, sizeof buf)) > 0)
				sess_output(s, buf, k, t);
			if (s->marker && s->marker_at)
				continue;
		}
		if (!s->marker && (pf[1].revents & POLLIN)) {
			ssize_t k = read(s->settle, buf, sizeof buf);

			if (k > 0) {
				*at = now_ms();
				s->extra_settles += k - 1;
				return 1;
			}
		}
		if ((pf[0].revents & (POLLHUP | POLLERR)) ||
		    (pf[1].revents & (POLLHUP | POLLERR))) {
			s->gone = 1;
			return 0;
		}
	}
}

/* Drain output and stray settle bytes without waiting. */
static void sess_drain(struct sess *s)
{
	char buf[65536];
	ssize_t k;

	while ((k = read(s->master, buf, sizeof buf)) > 0)
		sess_output(s, buf, k, now_ms());
	while ((k = read(s->settle, buf, sizeof buf)) > 0)
		s->extra_settles += k;
}

/* Write keys to the pty (draining its output meanwhile); 0, or -1. */
static int sess_write(struct sess *s, const char *keys)
{
	size_t n = strlen(keys), off = 0;

	while (off < n) {
		ssize_t w = write(s->master, keys + off, n - off);

		if (w < 0 && errno == EAGAIN) {
			sess_drain(s);
			continue;
		}
		if (w < 0)
			return -1;
		off += (size_t)w;
	}
	return 0;
}

/* Forget the output so far: what comes next is the answer to a key. */
static void sess_mark(struct sess *s)
{
	sess_drain(s);
	s->first_out = 0;
	s->matched = 0;
	s->marker_at = 0;
}

/* Send keys and wait for the screen to settle (fonds: the settle byte;
 * less: its prompt drawn again): the time in ms, or -1 when it did not
 * (the program ended or timed out). */
static double sess_key(struct sess *s, const char *keys)
{
	double t0, at;

	if (s->gone)
		return -1;
	sess_mark(s);
	t0 = now_ms();
	if (sess_write(s, keys) < 0)
		return -1;
	if (sess_wait(s, s->timeout_ms, &at) != 1)
		return -1;
	return at - t0;
}

/* sess_key, also giving in *first the time to the first output after
 * the keys (the first screen drawn: a long document's first lines come
 * before the rest is made, when idle). */
static double sess_key_first(struct sess *s, const char *keys, double *first)
{
	double t0 = now_ms(), ms = sess_key(s, keys);

	*first = ms >= 0 && s->first_out ? s->first_out - t0 : ms;
	if (*first > ms)
		*first = ms;
	return ms;
}

/* A key behind a slow operation: send op, then 1 ms later key (by then
 * fonds is inside the operation's query). *first_ms: key -> the first
 * output after it, the first screen drawn once the key was read;
 * *settle_ms: key -> the settled screen; *early: set when op had settled
 * before key was sent (then op was not slow). Returns 0, or -1 when no
 * settled screen came. */
static int sess_key_behind(struct sess *s, const char *op, const char *key,
                           double *first_ms, double *settle_ms, int *early)
{
	double t0, at, gap_end;
	char buf[4096];

	*early = 0;
	if (s->gone)
		return -1;
	sess_drain(s);
	if (sess_write(s, op) < 0)
		return -1;
	gap_end = now_ms() + 1.0;
	while (now_ms() < gap_end) {
		struct pollfd pf = { s->settle, POLLIN, 0 };

		if (poll(&pf, 1, 0) > 0 && read(s->settle, buf, sizeof buf) > 0)
			*early = 1;
	}
	sess_mark(s);
	t0 = now_ms();
	if (sess_write(s, key) < 0)
		return -1;
	if (sess_wait(s, s->timeout_ms, &at) != 1)
		return -1;
	*settle_ms = at - t0;
	*first_ms = (s->first_out ? s->first_out : at) - t0;
	return 0;
}

static long read_hwm(pid_t pid)
{
	char path[64], line[256];
	FILE *fp;
	long kb = -1;

	snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
	if (!(fp = fopen(path, "r")))
		return -1;
	while (fgets(line, sizeof line, fp))
		if (sscanf(line, "VmHWM: %ld", &kb) == 1)
			break;
	fclose(fp);
	return kb;
}

/* Quit (Q) and reap; the child's rusage in s->ru. */
static void sess_end(struct sess *s)
{
	int status;
	double at;
	const char *q = "Q";

	s->marker = NULL;
	if (!s->gone) {
		s->hwm_kb = read_hwm(s->pid);
		if (write(s->master, q, 1) < 0)
			s->gone = 1;
		while (sess_wait(s, 10000, &at) == 1)
			;
	}
	if (wait4(s->pid, &status, WNOHANG, &s->ru) == 0) {
		kill(s->pid, SIGTERM);
		wait4(s->pid, &status, 0, &s->ru);
	}
	close(s->master);
	close(s->settle);
}

/* Forget the last position and read marks, so that every session starts
 * the same way (at the top of the list). */
static void reset_state(struct bench *b)
{
	sqlite3_exec(b->sq, "DELETE FROM state WHERE key = 'last_id';"
	             "DELETE FROM read_mark; DELETE FROM bookmark", NULL, NULL, NULL);
}

/* Start fonds; the time to its first settled screen, or -1. */
static double start_fonds(struct bench *b, struct sess *s)
{
	char *argv[4];
	double t0, at;

	reset_state(b);
	argv[0] = (char *)b->fonds;
	argv[1] = (char *)"--db";
	argv[2] = b->db;
	argv[3] = NULL;
	t0 = now_ms();
	sess_spawn(s, b, argv);
	if (sess_wait(s, s->timeout_ms, &at) != 1)
		return -1;
	return at - t0;
}

/* The floor of a cold start, in a child exec'd like fonds: see main(). */
static int floor_start_main(const char *path, int rows)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long long first = 0;
	char *sql;
	ssize_t w;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return 1;
	sql = strf("SELECT key, id, date_text, prec, dkey, title FROM doc"
	           " ORDER BY key LIMIT %d", rows);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return 1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (!first)
			first = sqlite3_column_int64(st, 0);
		(void)sqlite3_column_text(st, 5);
	}
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(db, "SELECT * FROM doc WHERE key = ?1", -1, &st,
	                       NULL) != SQLITE_OK)
		return 1;
	sqlite3_bind_int64(st, 1, first);
	if (sqlite3_step(st) == SQLITE_ROW)
		(void)sqlite3_column_text(st, 7);
	sqlite3_finalize(st);
	sqlite3_close(db);
	w = write(SETTLE_FD, "s", 1);
	free(sql);
	return w == 1 ? 0 : 1;
}

/* --- the measurements ------------------------------------------------------------ */

/* Record one key's time into row name (created on first use). */
static void record(struct bench *b, const char *name, enum target_kind k,
                   double ms)
{
	struct result *r = table_find(&b->t, name);

	if (!r)
		r = table_add(&b->t, name, k);
	if (ms < 0) {
		r->failures++;
		snprintf(r->why, sizeof r->why, "%d key(s) gave no settled screen "
		         "within %d s, or fonds ended", r->failures,
		         (b->quick ? QUICK_TIMEOUT_MS : KEY_TIMEOUT_MS) / 1000);
		return;
	}
	r->measured = 1;
	samples_add(&r->t, ms);
}

/* Time the statements (the rest of the arguments) n times into row name's
 * floor; i_ counts the repetitions. */
#define FLOOR(b, name, n, ...) do { \
	struct result *r_ = table_find(&(b)->t, (name)); \
	if (r_) { \
		r_->has_floor = 1; \
		if (r_->basis == FB_NONE) \
			r_->basis = FB_SQL_KEY; \
		for (int i_ = 0; i_ < (n); i_++) { \
			double t_ = now_ms(); \
			__VA_ARGS__; \
			samples_add(&r_->f, now_ms() - t_); \
		} \
	} \
} while (0)

static void import_rows(struct bench *b)
{
	struct import_rec r;
	struct result *x;
	int cached;
	double rate, frate;

	ensure_db(b, &r, &cached);
	b->ndocs = r.docs;
	rate = r.docs / (r.fonds_ms / 1000);
	frate = r.docs / (r.floor_ms / 1000);
	x = table_add(&b->t, "import rate (docs/s, FTS included)", T_IMPORT);
	x->measured = 1;
	snprintf(x->value, sizeof x->value, "%.0f/s", rate);
	snprintf(x->floor_value, sizeof x->floor_value, "%.0f/s", frate);
	x->ratio = r.fonds_ms / r.floor_ms;
	x->pass = x->ratio <= 1.5;
	if (cached)
		snprintf(x->cached, sizeof x->cached, "(cached %s)", r.date);

	x = table_add(&b->t, "import wall time (s)", T_NONE);
	x->measured = 1;
	snprintf(x->value, sizeof x->value, "%.1f", r.fonds_ms / 1000);
	snprintf(x->floor_value, sizeof x->floor_value, "%.1f", r.floor_ms / 1000);
	x->ratio = r.fonds_ms / r.floor_ms;
	if (cached)
		snprintf(x->cached, sizeof x->cached, "(cached %s)", r.date);

	x = table_add(&b->t, "database size (MB) vs input", T_DBSIZE);
	x->measured = 1;
	snprintf(x->value, sizeof x->value, "%.0f", (double)r.dbsize / 1e6);
	snprintf(x->floor_value, sizeof x->floor_value, "%.0f in", (double)r.input / 1e6);
	x->ratio = (double)r.dbsize / (double)r.input;
	x->pass = x->ratio <= 2.5;
	if (cached)
		snprintf(x->cached, sizeof x->cached, "(cached %s)", r.date);

	x = table_add(&b->t, "floor database size (MB) vs input", T_NONE);
	x->measured = 1;
	snprintf(x->value, sizeof x->value, "%.0f", (double)r.floor_dbsize / 1e6);
	snprintf(x->floor_value, sizeof x->floor_value, "%.0f in", (double)r.input / 1e6);
	x->ratio = (double)r.floor_dbsize / (double)r.input;
	if (cached)
		snprintf(x->cached, sizeof x->cached, "(cached %s)", r.date);

	x = table_add(&b->t, "peak RSS of the import (MB)", T_NONE);
	x->measured = 1;
	snprintf(x->value, sizeof x->value, "%.1f", r.fonds_rss / 1024.0);
	snprintf(x->floor_value, sizeof x->floor_value, "%.1f", r.floor_rss / 1024.0);
	x->ratio = (double)r.fonds_rss / (double)r.floor_rss;
	if (cached)
		snprintf(x->cached, sizeof x->cached, "(cached %s)", r.date);
}

static void pick_words(struct bench *b)
{
	static const int common_rank = 100, rare_rank = 40000;
	const int ranks[2] = { common_rank, rare_rank };
	char *w[2] = { b->common, b->rare };

	for (int i = 0; i < 2; i++) {
		char *cmd = strf("'%s' --word %d", b->gen, ranks[i]);
		FILE *p = popen(cmd, "r");

		if (!p || !fgets(w[i], 64, p))
			fail("%s: no word", cmd);
		w[i][strcspn(w[i], "\n")] = '\0';
		pclose(p);
		free(cmd);
	}
	b->common_hits = scalar(b, "SELECT count(*) FROM doc_fts WHERE doc_fts MATCH ?1", b->common);
	b->rare_hits = scalar(b, "SELECT count(*) FROM doc_fts WHERE doc_fts MATCH ?1", b->rare);
}

static void cold_starts(struct bench *b)
{
	int n = reps(b, 30), lost = 0;
	struct result *r;
	char *argv[5], rows[16];

	for (int i = 0; i < n; i++) {
		struct sess s;
		double ms = start_fonds(b, &s);

		record(b, "cold start to first screen", T_START, ms);
		sess_end(&s);
	}
	/* the floor: exec, open, first page, first document, the byte */
	r = table_find(&b->t, "cold start to first screen");
	if (!r)
		return;
	r->has_floor = 1;
	r->basis = FB_EXEC;
	snprintf(rows, sizeof rows, "%d", PAGE_ROWS);
	argv[0] = (char *)b->self;
	argv[1] = (char *)"--floor-start";
	argv[2] = b->db;
	argv[3] = rows;
	argv[4] = NULL;
	for (int i = 0; i < n; i++) {
		struct sess s;
		double t0 = now_ms(), at;

		sess_spawn(&s, b, argv);
		if (sess_wait(&s, s.timeout_ms, &at) == 1)
			samples_add(&r->f, at - t0);
		else
			lost++;
		waitpid(s.pid, NULL, 0);
		close(s.master);
		close(s.settle);
	}
	if (lost)
		snprintf(r->why, sizeof r->why, "%d of %d floor starts gave no byte",
		         lost, n);
}

/* Repeat keys n times into row name. */
static void keys(struct bench *b, struct sess *s, const char *name,
                 enum target_kind k, const char *key, int n)
{
	for (int i = 0; i < n; i++)
		record(b, name, k, sess_key(s, key));
}

/* Untimed keys (getting somewhere); a key that does not settle is
 * counted (and reported), since what follows may be out of step. */
static void go(struct bench *b, struct sess *s, const char *key)
{
	if (sess_key(s, key) < 0)
		b->untimed_fails++;
}

/* A key behind a slow operation (see sess_key_behind), n times into row
 * name; undo (untimed keys, a NULL-ended list) puts things back after
 * each. */
static void behind(struct bench *b, struct sess *s, const char *name,
                   const char *op, const char *const *undo, int n)
{
	struct result *r;
	int early = 0;

	for (int i = 0; i < n; i++) {
		double first, settle;
		int e;

		if (sess_key_behind(s, op, "j", &first, &settle, &e) < 0) {
			record(b, name, T_NOBLOCK, -1);
		} else {
			record(b, name, T_NOBLOCK, first);
			if ((r = table_find(&b->t, name)))
				samples_add(&r->settle, settle);
			early += e;
		}
		for (const char *const *u = undo; *u; u++)
			go(b, s, *u);
	}
	r = table_find(&b->t, name);
	if (r && r->settle.n) {
		char a[32], c[32];

		fmt_ms(samples_pct(&r->settle, 50), a, sizeof a);
		fmt_ms(samples_pct(&r->settle, 99), c, sizeof c);
		snprintf(r->why, sizeof r->why, "j -> first screen after it; j -> "
		         "settled screen: median %s, p99 %s ms%s", a, c,
		         early ? "; the operation sometimes settled before j" : "");
	}
}

static void browse_session(struct bench *b, struct floors *f)
{
	struct sess s;
	double ms;
	int rn = b->n_line, rp = b->n_page, re = b->n_edge,
	    rd = reps(b, 100), rt = reps(b, 100), rz = reps(b, 50),
	    rf = reps(b, 30), rs = reps(b, 30), rr = reps(b, 50);
	char *search_common = strf("/\025%s\r", b->common);
	char *search_rare = strf("/\025%s\r", b->rare);
	long nkeys;
	long long *k = first_keys(b, 4000, &nkeys), person;
	struct result *r;

	ms = start_fonds(b, &s);
	if (ms < 0) {
		r = table_add(&b->t, "browsing session", T_NONE);
		snprintf(r->why, sizeof r->why, "fonds did not start");
		sess_end(&s);
		free(k);
		free(search_common);
		free(search_rare);
		return;
	}
	keys(b, &s, "redraw (C-l): pty round trip, repaint", T_NONE, "\014", reps(b, 100));
	/* z is bound to nothing: fonds says so in the status line and redraws */
	keys(b, &s, "null key (z): no work, redraw", T_NONE, "z", reps(b, 100));
	keys(b, &s, "line down (j)", T_NAV, "j", rn);
	keys(b, &s, "line up (k)", T_NAV, "k", rn);
	keys(b, &s, "page down (Space)", T_NAV, " ", rp);
	keys(b, &s, "page up (b)", T_NAV, "b", rp);
	for (int i = 0; i < re; i++) {
		record(b, "bottom (G)", T_NAV, sess_key(&s, "G"));
		record(b, "top (g)", T_NAV, sess_key(&s, "g"));
	}
	for (int i = 0; i < rd; i++) {
		record(b, "open detail (Enter)", T_NAV, sess_key(&s, "\r"));
		record(b, "close detail (q)", T_NAV, sess_key(&s, "q"));
		go(b, &s, "j");
	}
	go(b, &s, "g");

	/* the timeline of everything: years, a step, zooming */
	for (int i = 0; i < rz; i++) {
		record(b, "timeline open (t)", T_UPDATE, sess_key(&s, "t"));
		if (i + 1 < rz)
			go(b, &s, "t");
	}
	for (int i = 0; i < rt; i++)
		record(b, "timeline step (l)", T_NAV, sess_key(&s, "l"));
	for (int i = 0; i < rt; i++)
		record(b, "timeline step back (h)", T_NAV, sess_key(&s, "h"));
	for (int i = 0; i < rz; i++) {
		record(b, "timeline zoom in (+)", T_UPDATE, sess_key(&s, "+"));
		record(b, "timeline zoom out (-)", T_UPDATE, sess_key(&s, "-"));
	}
	go(b, &s, "t");

	/* the filter pane: open it, toggle the first (broadest) person on and
	 * off; then j behind the toggle on, cleared (c) and the pane opened
	 * again on its first value each time */
	for (int i = 0; i < rz; i++) {
		record(b, "filters open (f)", T_UPDATE, sess_key(&s, "f"));
		if (i + 1 < rz)
			go(b, &s, "f");
	}
	go(b, &s, "j");
	for (int i = 0; i < rf; i++) {
		record(b, "facet toggle on (Enter)", T_UPDATE, sess_key(&s, "\r"));
		record(b, "facet toggle off (Enter)", T_UPDATE, sess_key(&s, "\r"));
	}
	{
		static const char *const undo[] = { "c", "f", "f", "j", NULL };

		behind(b, &s, "j behind a facet toggle (top person)", "\r", undo, rf);
	}
	go(b, &s, "f");

	/* searches typed in one go ("/", C-u, the word, Enter), then cleared */
	for (int i = 0; i < rs; i++) {
		record(b, "search, common word", T_SEARCH, sess_key(&s, search_common));
		record(b, "clear the search", T_SEARCH, sess_key(&s, "/\025\r"));
	}
	for (int i = 0; i < rs; i++) {
		record(b, "search, rare word", T_SEARCH, sess_key(&s, search_rare));
		go(b, &s, "/\025\r");
	}
	{
		static const char *const undo[] = { "/\025\r", "g", NULL };

		behind(b, &s, "j behind a common-word search", search_common, undo, rs);
	}

	/* related documents: from documents that have some */
	{
		sqlite3_stmt *st = prep(b,
			"SELECT EXISTS (SELECT 1 FROM relation WHERE src = ?1)"
			" OR EXISTS (SELECT 1 FROM relation WHERE dst = ?1)");
		long pos = 0;

		go(b, &s, "g");
		for (int i = 0; i < rr && pos < nkeys; pos++) {
			int has;

			sqlite3_bind_int64(st, 1, k[pos]);
			has = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
			sqlite3_reset(st);
			if (!has) {
				go(b, &s, "j");
				continue;
			}
			go(b, &s, "\r");
			record(b, "related list (r)", T_NAV, sess_key(&s, "r"));
			record(b, "jump to a related document (Enter)", T_NAV, sess_key(&s, "\r"));
			record(b, "back (Backspace)", T_NAV, sess_key(&s, "\177"));
			go(b, &s, "q");
			go(b, &s, "q");
			go(b, &s, "j");
			i++;
		}
		sqlite3_finalize(st);
	}
	/* a long document (gen's LONG_AT: 500 KB of text in some 1,200
	 * paragraphs, 160 pages and as many notes), when the collection has
	 * one: opened from the list, closed, paged down, to its end and back,
	 * and searched inside (n, the common word's matches) */
	if (b->n > LONG_AT) {
		char *open = strf(":open bench-%07d\r", LONG_AT + 1);

		go(b, &s, "/\025\r");
		for (int i = 0; i < rz; i++) {
			/* another document between: the long one's lines are
			 * made again each time */
			go(b, &s, ":open bench-0000001\r");
			go(b, &s, "q");
			/* the list may settle twice (its count when idle): a
			 * late byte must not end the next key's wait */
			usleep(50000);
			sess_drain(&s);
			double first, t = sess_key_first(&s, open, &first);

			record(b, "long document: open (:open)", T_UPDATE, t);
			record(b, "long document: open, first screen", T_UPDATE, first);
			record(b, "long document: close (q)", T_NAV, sess_key(&s, "q"));
		}
		go(b, &s, open);
		go(b, &s, "g");
		keys(b, &s, "long document: page down (Space)", T_NAV, " ", rp);
		for (int i = 0; i < re; i++) {
			record(b, "long document: end (G)", T_NAV, sess_key(&s, "G"));
			record(b, "long document: top (g)", T_NAV, sess_key(&s, "g"));
		}
		keys(b, &s, "long document: next reference (})", T_NAV, "}", rn);
		go(b, &s, "q");
		go(b, &s, search_common);
		go(b, &s, open);
		go(b, &s, "g");
		keys(b, &s, "long document: next match (n)", T_NAV, "n", rn);
		go(b, &s, "q");
		go(b, &s, "/\025\r");
		free(open);
	}
	sess_end(&s);
	r = table_add(&b->t, "peak RSS browsing (MB)", T_RSS);
	r->measured = s.ru.ru_maxrss > 0;
	snprintf(r->value, sizeof r->value, "%.1f", s.ru.ru_maxrss / 1024.0);
	r->pass = s.ru.ru_maxrss <= 32 * 1024;
	b->extra_settles += s.extra_settles;
	r = table_find(&b->t, "null key (z): no work, redraw");
	b->null_ms = r && r->t.n ? samples_pct(&r->t, 50) : NAN;

	/* the floors, on the same documents */
	person = scalar(b, "SELECT id FROM person ORDER BY ndocs DESC LIMIT 1", NULL);
	FLOOR(b, "line down (j)", rn, { long j = i_ % (nkeys - 1); run_key(f->next1, k[j]); floor_preview(f, k[j + 1]); });
	FLOOR(b, "line up (k)", rn, { long j = i_ % (nkeys - 1); run_key(f->next1, k[j]); floor_preview(f, k[j]); });
	FLOOR(b, "page down (Space)", rp, { run_key(f->page_after, k[i_ % nkeys]); floor_preview(f, k[i_ % nkeys]); });
	FLOOR(b, "page up (b)", rp, { run_key(f->page_before, k[nkeys - 1 - i_ % nkeys]); floor_preview(f, k[i_ % nkeys]); });
	FLOOR(b, "bottom (G)", re, { drain(f->last); floor_preview(f, k[0]); });
	FLOOR(b, "top (g)", re, { drain(f->first); floor_preview(f, k[0]); });
	FLOOR(b, "open detail (Enter)", rd, floor_doc(f, k[i_ % nkeys]));
	FLOOR(b, "close detail (q)", rd, floor_preview(f, k[i_ % nkeys]));
	FLOOR(b, "timeline open (t)", rz, floor_timeline(f, 0));
	FLOOR(b, "timeline step (l)", rt, floor_timeline(f, 0));
	FLOOR(b, "timeline step back (h)", rt, floor_timeline(f, 0));
	FLOOR(b, "timeline zoom in (+)", rz, floor_timeline(f, 1));
	FLOOR(b, "timeline zoom out (-)", rz, floor_timeline(f, 0));
	FLOOR(b, "filters open (f)", rz, floor_filters_all(f));
	FLOOR(b, "facet toggle on (Enter)", rf, floor_person_filter(f, person));
	FLOOR(b, "facet toggle off (Enter)", rf, { floor_filters_all(f); drain(f->first); });
	FLOOR(b, "search, common word", rs, floor_search(f, b->common, k[0]));
	FLOOR(b, "clear the search", rs, { drain(f->first); floor_preview(f, k[0]); });
	FLOOR(b, "search, rare word", rs, floor_search(f, b->rare, k[0]));
	FLOOR(b, "related list (r)", rr, { run_key(f->rel, k[i_ % nkeys]); floor_preview(f, k[i_ % nkeys]); });
	FLOOR(b, "jump to a related document (Enter)", rr, floor_doc(f, k[(i_ + 7) % nkeys]));
	FLOOR(b, "back (Backspace)", rr, { run_key(f->rel, k[i_ % nkeys]); floor_preview(f, k[i_ % nkeys]); });
	if (b->n > LONG_AT) {
		/* the long document: its row, names, relations and texts; a
		 * key within it reads nothing (the floor is the null key) */
		long long lk = scalar(b, "SELECT key FROM doc WHERE id = ?1", "bench-0005000");

		FLOOR(b, "long document: open (:open)", rz, { floor_doc(f, lk); run_key(f->texts, lk); });
		FLOOR(b, "long document: open, first screen", rz, { floor_doc(f, lk); run_key(f->texts, lk); });
		FLOOR(b, "long document: close (q)", rz, floor_preview(f, lk));
		FLOOR(b, "long document: page down (Space)", rp, (void)0);
		FLOOR(b, "long document: end (G)", re, (void)0);
		FLOOR(b, "long document: top (g)", re, (void)0);
		FLOOR(b, "long document: next reference (})", rn, (void)0);
		FLOOR(b, "long document: next match (n)", rn, (void)0);
	}
	free(k);
	free(search_common);
	free(search_rare);
}

/* --- the less floor of the navigation keys -------------------------------------- */

/* The first executable name in $PATH, or NULL; caller frees. */
static char *find_program(const char *name)
{
	const char *path = getenv("PATH");
	char *copy, *dir, *save = NULL, *found = NULL;

	if (!path || !*path)
		path = "/usr/bin:/bin";
	copy = xstrdup(path);
	for (dir = strtok_r(copy, ":", &save); dir && !found;
	     dir = strtok_r(NULL, ":", &save)) {
		char *p = strf("%s/%s", *dir ? dir : ".", name);

		if (access(p, X_OK) == 0)
			found = p;
		else
			free(p);
	}
	free(copy);
	return found;
}

/* The collection as text, one line per document as fonds' list shows it
 * (date, title), in date order: DIR/export-N.txt, written again when the
 * database is newer. Returns its path (caller frees), or NULL. */
static char *ensure_export(struct bench *b)
{
	char *path = strf("%s/export-%ld.txt", b->cache, b->n);
	char *tmp;
	struct stat sd, se;
	sqlite3_stmt *st;
	FILE *fp;
	int rc;

	if (stat(path, &se) == 0 && stat(b->db, &sd) == 0 &&
	    se.st_mtime >= sd.st_mtime && se.st_size > 0)
		return path;
	tmp = strf("%s.part", path);
	if (!(fp = fopen(tmp, "w")))
		fail("%s: %s", tmp, strerror(errno));
	st = prep(b, "SELECT date_text, title FROM doc ORDER BY key");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *d = sqlite3_column_text(st, 0);
		const unsigned char *t = sqlite3_column_text(st, 1);

		fprintf(fp, "%-12s %s\n", d ? (const char *)d : "",
		        t ? (const char *)t : "");
	}
	if (rc != SQLITE_DONE)
		fail("export: %s", sqlite3_errmsg(b->sq));
	sqlite3_finalize(st);
	if (fclose(fp) != 0 || rename(tmp, path) < 0)
		fail("%s: %s", path, strerror(errno));
	free(tmp);
	return path;
}

/* The same navigation keys, as many, in less on the export; less's times
 * become the floors of those rows. Without less the rows keep the bare
 * SQLite + null key floor, and the note says so. */
static void less_rows(struct bench *b)
{
	static const char *const marker = "FONDSBENCH";
	char *less = find_program("less"), *export, *argv[4], prompt[32];
	struct sess s;
	double at, t0;
	int lost = 0;
	struct {
		const char *row, *key;
		int n;
	} seq[] = {
		{ "line down (j)", "j", b->n_line },
		{ "line up (k)", "k", b->n_line },
		{ "page down (Space)", " ", b->n_page },
		{ "page up (b)", "b", b->n_page },
	};

	if (!less) {
		snprintf(b->less_note, sizeof b->less_note, "less not found in "
		         "PATH: the navigation keys' floor is bare SQLite + the null "
		         "key, not less");
		return;
	}
	export = ensure_export(b);
	snprintf(prompt, sizeof prompt, "-Ps%s", marker);
	argv[0] = less;
	argv[1] = prompt;
	argv[2] = export;
	argv[3] = NULL;
	t0 = now_ms();
	sess_spawn(&s, b, argv);
	s.marker = marker;
	if (sess_wait(&s, s.timeout_ms, &at) != 1) {
		snprintf(b->less_note, sizeof b->less_note, "%s showed no prompt: "
		         "the navigation keys' floor is bare SQLite + the null key",
		         less);
		sess_end(&s);
		free(less);
		free(export);
		return;
	}
	for (size_t i = 0; i < sizeof seq / sizeof *seq; i++) {
		struct result *r = table_find(&b->t, seq[i].row);

		for (int j = 0; j < seq[i].n; j++) {
			double ms = sess_key(&s, seq[i].key);

			if (ms < 0)
				lost++;
			else if (r)
				samples_add(&r->less, ms);
		}
	}
	for (int j = 0; j < b->n_edge; j++) {
		struct result *rg = table_find(&b->t, "bottom (G)");
		struct result *rt = table_find(&b->t, "top (g)");
		double ms = sess_key(&s, "G");

		if (ms < 0)
			lost++;
		else if (rg)
			samples_add(&rg->less, ms);
		ms = sess_key(&s, "g");
		if (ms < 0)
			lost++;
		else if (rt)
			samples_add(&rt->less, ms);
	}
	sess_end(&s);
	for (size_t i = 0; i < b->t.n; i++)
		if (b->t.v[i].less.n)
			b->t.v[i].basis = FB_LESS;
	snprintf(b->less_note, sizeof b->less_note, "less floor: %s -Ps%s on "
	         "%s (%.0f MB), first screen in %.1f ms%s", less, marker, export,
	         (double)file_size(export) / 1e6, at - t0,
	         lost ? "; some less keys showed no prompt (not counted)" : "");
	free(less);
	free(export);
}

/* Facet counts through libfonds, for a broad and a narrow result set. */
static void facet_rows(struct bench *b, struct floors *f)
{
	struct store *s;
	struct err e;
	const char *words[2] = { b->common, b->rare };
	const char *names[2] = { "facet counts, broad set (store_facet)",
	                         "facet counts, narrow set (store_facet)" };
	int n = reps(b, 20);

	if (store_open(&s, b->db, STORE_READONLY, &e) < 0) {
		struct result *r = table_add(&b->t, names[0], T_UPDATE);

		snprintf(r->why, sizeof r->why, "%.150s", e.msg);
		return;
	}
	for (int w = 0; w < 2; w++) {
		struct query *q;
		struct result *r = table_add(&b->t, names[w], T_UPDATE);

		if (query_parse(words[w], &q, &e) < 0) {
			snprintf(r->why, sizeof r->why, "%.150s", e.msg);
			continue;
		}
		for (int i = 0; i < n; i++) {
			struct facet_value *v = NULL;
			size_t nv = 0;
			double t0 = now_ms();
			int rc = store_facet(s, q, FACET_PERSON, 10, &v, &nv, &e);

			if (rc < 0) {
				snprintf(r->why, sizeof r->why, "%.150s", e.msg);
				break;
			}
			record(b, names[w], T_UPDATE, now_ms() - t0);
			if (rc == 0)
				snprintf(r->why, sizeof r->why, "partial counts");
			facet_values_free(v, nv);
		}
		query_free(q);
		sqlite3_bind_text(f->fts_facet, 1, words[w], -1, SQLITE_TRANSIENT);
		FLOOR(b, names[w], n, drain(f->fts_facet));
		r->basis = FB_SQL;
	}
	store_close(s);
}

static char *load_average(char *buf, size_t n)
{
	FILE *c = fopen("/proc/loadavg", "r");
	float a = 0, b5 = 0, c15 = 0;

	snprintf(buf, n, "?");
	if (c) {
		if (fscanf(c, "%f %f %f", &a, &b5, &c15) == 3)
			snprintf(buf, n, "%.2f %.2f %.2f", a, b5, c15);
		fclose(c);
	}
	return buf;
}

static void print_machine(struct bench *b, FILE *fp)
{
	char line[512], model[256] = "?";
	long long mem = 0;
	FILE *c = fopen("/proc/cpuinfo", "r");
	struct utsname u;
	time_t now = time(NULL);
	char date[64];

	if (c) {
		while (fgets(line, sizeof line, c))
			if (sscanf(line, "model name : %255[^\n]", model) == 1)
				break;
		fclose(c);
	}
	if ((c = fopen("/proc/meminfo", "r"))) {
		if (fgets(line, sizeof line, c))
			sscanf(line, "MemTotal: %lld", &mem);
		fclose(c);
	}
	uname(&u);
	strftime(date, sizeof date, "%Y-%m-%d %H:%M UTC", gmtime(&now));
	fprintf(fp, "fonds benchmark, %ld documents, %s\n", b->n, date);
	fprintf(fp, "machine: %ld cores, %s, %.1f GB RAM, %s %s, SQLite %s\n",
	        sysconf(_SC_NPROCESSORS_ONLN), model, (double)mem / 1048576.0,
	        u.sysname, u.release, sqlite3_libversion());
	fprintf(fp, "load average (1, 5, 15 min) at the start: %s, at the end: %s\n",
	        b->load, load_average(line, sizeof line));
}

static void usage(void)
{
	fputs("usage: bench --fonds PATH --gen PATH --cache DIR [-n N] [--quick] "
	      "[--reimport]\n", stderr);
	exit(2);
}

int main(int argc, char **argv)
{
	struct bench b;
	struct floors f;
	char self[4096], line[64];
	ssize_t sl;
	int bad = 0;

	if (argc == 4 && strcmp(argv[1], "--floor-start") == 0)
		return floor_start_main(argv[2], atoi(argv[3]));

	memset(&b, 0, sizeof b);
	b.n = 1000000;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--fonds") && i + 1 < argc)
			b.fonds = argv[++i];
		else if (!strcmp(argv[i], "--gen") && i + 1 < argc)
			b.gen = argv[++i];
		else if (!strcmp(argv[i], "--cache") && i + 1 < argc)
			b.cache = argv[++i];
		else if (!strcmp(argv[i], "-n") && i + 1 < argc)
			b.n = atol(argv[++i]);
		else if (!strcmp(argv[i], "--quick"))
			b.quick = 1;
		else if (!strcmp(argv[i], "--reimport"))
			b.reimport = 1;
		else
			usage();
	}
	if (!b.fonds || !b.gen || !b.cache || b.n <= 0)
		usage();
	b.n_line = reps(&b, 100);
	b.n_page = reps(&b, 100);
	b.n_edge = reps(&b, 50);
	b.null_ms = NAN;
	sl = readlink("/proc/self/exe", self, sizeof self - 1);
	if (sl <= 0)
		fail("cannot find my own executable");
	self[sl] = '\0';
	b.self = self;
	signal(SIGPIPE, SIG_IGN);
	mkdir(b.cache, 0755);
	b.corpus = strf("%s/corpus-%ld.jsonl", b.cache, b.n);
	b.db = strf("%s/fonds-%ld.db", b.cache, b.n);
	b.home = strf("%s/home", b.cache);
	mkdir(b.home, 0755);

	load_average(b.load, sizeof b.load);
	ensure_corpus(&b);
	import_rows(&b);
	if (b.ndocs != b.n)
		fail("the database holds %lld documents, not %ld: delete %s and rerun",
		     b.ndocs, b.n, b.db);
	if (sqlite3_open_v2(b.db, &b.sq, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		fail("%s: cannot open", b.db);
	sqlite3_busy_timeout(b.sq, 5000);
	/* fonds' full-text index names its own tokenizer */
	store_sqlite_setup(b.sq);
	pick_words(&b);
	floors_init(&b, &f);
	fprintf(stderr, "bench: cold starts\n");
	cold_starts(&b);
	fprintf(stderr, "bench: browsing session\n");
	browse_session(&b, &f);
	fprintf(stderr, "bench: less on the export\n");
	less_rows(&b);
	fprintf(stderr, "bench: facet counts\n");
	facet_rows(&b, &f);
	floors_free(&f);

	for (size_t i = 0; i < b.t.n; i++) {
		judge_time(&b.t.v[i], b.null_ms);
		if (!b.t.v[i].measured || b.t.v[i].failures)
			bad++;
	}
	if (b.untimed_fails)
		bad++;
	print_machine(&b, stdout);
	printf("documents: %lld; common word \"%s\" in %lld, rare word \"%s\" in %lld; "
	       "top person in %lld\n\n", b.ndocs, b.common, b.common_hits, b.rare,
	       b.rare_hits,
	       scalar(&b, "SELECT max(ndocs) FROM person", NULL));
	print_table(&b.t, stdout);
	printf("\nTimes in ms from the key written to the settled screen (fonds on a "
	       "%dx%d pty; it writes a byte\nto FONDS_SETTLE_FD once the screen is "
	       "drawn and no work is left), or to the row read (SQLite).\n",
	       COLS, LINES);
	printf("n: samples; fail: keys with no settled screen within %d s (any "
	       "fails the row). p99 and p95 by nearest\nrank: with n < 100 "
	       "p99 is the maximum.\n",
	       (b.quick ? QUICK_TIMEOUT_MS : KEY_TIMEOUT_MS) / 1000);
	printf("floor (basis): less = the same key in less on the collection "
	       "as text, on a pty of the same size,\nkey -> its prompt drawn "
	       "again; sql+key = the bare SQLite statements the operation needs "
	       "plus the\nnull key's median round trip (%s ms: a key fonds does "
	       "nothing with, the cheapest key that draws\na screen on this "
	       "pty); sql = bare SQLite alone; exec = a program that opens the "
	       "database, reads\nthe first screen and writes the byte. "
	       "sql: the bare SQLite statements alone, median.\n",
	       fmt_ms(b.null_ms, line, sizeof line));
	printf("Ratio: median / floor (import: time / floor time; sizes: "
	       "database / input).\n");
	printf("j behind ...: the operation is sent, j 1 ms later; time from j to "
	       "the first screen drawn after it.\n");
	printf("The sql of a preview or a document is its row, names and stored "
	       "relations; open detail and jump\nalso find documents of similar "
	       "text in fonds, which that floor leaves out.\n");
	if (b.less_note[0])
		printf("note: %s\n", b.less_note);
	for (size_t i = 0; i < b.t.n; i++)
		if (b.t.v[i].why[0])
			printf("note: %s: %s\n", b.t.v[i].name, b.t.v[i].why);
	if (b.untimed_fails)
		printf("note: %ld untimed key(s) (moving between measurements) gave "
		       "no settled screen: later rows may be out of step\n",
		       b.untimed_fails);
	if (b.extra_settles)
		printf("note: %ld settle byte(s) came with no key\n", b.extra_settles);
	sqlite3_close(b.sq);
	table_free(&b.t);
	free(b.corpus);
	free(b.db);
	free(b.home);
	return bad ? 1 : 0;
}
