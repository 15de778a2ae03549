/* dbtool.c - the little of the sqlite3 shell the fault tests need, so that
 * they do not depend on it being installed.
 *
 *   dbtool check DB        PRAGMA integrity_check, the full-text index's
 *                          own check and the document count against the
 *                          count table; prints "ok N" (N documents) and
 *                          exits 0, or prints the problems and exits 1
 *   dbtool sql DB SQL      run SQL, print each row's columns tab-separated
 *                          (creates DB when it does not exist)
 *   dbtool lock DB SECS    hold the write lock for SECS seconds: "locked"
 *                          is printed once it is held
 *
 * Exit status 2: the database could not be opened or the SQL failed.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "fonds/store.h"

static int row(void *arg, int n, char **v, char **names)
{
	(void)arg;
	(void)names;
	for (int i = 0; i < n; i++)
		printf("%s%s", i ? "\t" : "", v[i] ? v[i] : "");
	putchar('\n');
	return 0;
}

static int sql(sqlite3 *db, const char *q)
{
	char *msg = NULL;

	if (sqlite3_exec(db, q, row, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "dbtool: %s\n", msg ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		return 2;
	}
	return 0;
}

/* The first column of the first row of q as an integer; -1 on error. */
static long long scalar(sqlite3 *db, const char *q)
{
	sqlite3_stmt *st;
	long long v = -1;

	if (sqlite3_prepare_v2(db, q, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int check(sqlite3 *db)
{
	sqlite3_stmt *st;
	long long docs, counted;
	int bad = 0, rc;

	if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) !=
	    SQLITE_OK) {
		printf("integrity_check: %s\n", sqlite3_errmsg(db));
		return 1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);

		if (!t || strcmp(t, "ok") != 0) {
			printf("integrity_check: %s\n", t ? t : "(null)");
			bad = 1;
		}
	}
	if (rc != SQLITE_DONE) {
		printf("integrity_check: %s\n", sqlite3_errmsg(db));
		bad = 1;
	}
	sqlite3_finalize(st);
	if (sqlite3_exec(db, "INSERT INTO doc_fts(doc_fts, rank) "
	                 "VALUES('integrity-check', 1)", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		printf("full-text index: %s\n", sqlite3_errmsg(db));
		bad = 1;
	}
	docs = scalar(db, "SELECT count(*) FROM doc");
	counted = scalar(db, "SELECT n FROM period_count WHERE period = -1");
	if (docs < 0 || docs != counted) {
		printf("documents: %lld in the table, %lld counted\n", docs, counted);
		bad = 1;
	}
	if (!bad)
		printf("ok %lld\n", docs);
	return bad;
}

int main(int argc, char **argv)
{
	sqlite3 *db;
	int rc;

	if (argc < 3 || (strcmp(argv[1], "check") != 0 && argc < 4)) {
		fputs("usage: dbtool check DB | dbtool sql DB SQL | "
		      "dbtool lock DB SECONDS\n", stderr);
		return 2;
	}
	if (sqlite3_open_v2(argv[2], &db, SQLITE_OPEN_READWRITE |
	                    (strcmp(argv[1], "sql") == 0 ? SQLITE_OPEN_CREATE : 0),
	                    NULL) != SQLITE_OK) {
		fprintf(stderr, "dbtool: %s: %s\n", argv[2], sqlite3_errmsg(db));
		sqlite3_close(db);
		return 2;
	}
	sqlite3_busy_timeout(db, 10000);
	/* the full-text index names fonds' tokenizer */
	store_sqlite_setup(db);
	if (strcmp(argv[1], "check") == 0) {
		rc = check(db);
	} else if (strcmp(argv[1], "sql") == 0) {
		rc = sql(db, argv[3]);
	} else if (strcmp(argv[1], "lock") == 0) {
		rc = sql(db, "BEGIN IMMEDIATE; "
		         "INSERT OR REPLACE INTO state(key, value) VALUES ('dbtool', 'x')");
		if (rc == 0) {
			puts("locked");
			fflush(stdout);
			sleep((unsigned)atoi(argv[3]));
			rc = sql(db, "COMMIT");
		}
	} else {
		fprintf(stderr, "dbtool: unknown command %s\n", argv[1]);
		rc = 2;
	}
	sqlite3_close(db);
	return rc;
}
