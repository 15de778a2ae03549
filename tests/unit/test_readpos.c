/* test_readpos.c - the reading positions file: where each document was
 * left, bounded to the most recent, kept across sessions, merged with
 * another session's, safe against a hostile file, written whole. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fonds/readpos.h"
#include "tap.h"

static char dir[256];

static const char *path_in(const char *name)
{
	static char buf[512];

	snprintf(buf, sizeof buf, "%s/%s", dir, name);
	return buf;
}

static void write_file(const char *path, const char *data, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (f) {
		fwrite(data, 1, n, f);
		fclose(f);
	}
}

static int has(const struct readpos *p, const char *id, int text, int sect, size_t off)
{
	const struct readpos_entry *e = readpos_get(p, id);

	return e && e->text == text && e->sect == sect && e->off == off;
}

int main(void)
{
	struct readpos p, q;
	struct err e;
	char name[64];
	const char *f;
	int r;

	snprintf(dir, sizeof dir, "/tmp/fonds-readpos-XXXXXX");
	if (!mkdtemp(dir))
		skip_all("no temporary directory");

	/* set, get, newest last, bounded */
	readpos_init(&p, 3);
	readpos_set(&p, "a", 0, 2, 100);
	readpos_set(&p, "b", 1, 3, 7);
	readpos_set(&p, "c", 2, 0, 12);
	readpos_set(&p, "a", 0, 2, 250);
	ok(has(&p, "a", 0, 2, 250) && p.n == 3 && !strcmp(p.v[2].id, "a"),
	   "a document set again: its new place, the newest");
	readpos_set(&p, "d", 0, 1, 0);
	ok(p.n == 3 && !readpos_get(&p, "b") && has(&p, "d", 0, 1, 0),
	   "past the bound the oldest is forgotten");
	readpos_set(&p, "bad\nid", 0, 1, 5);
	readpos_set(&p, "", 0, 1, 5);
	readpos_set(&p, "\xff\xfe", 0, 1, 5);
	readpos_set(&p, "e", 7, 1, 5);
	ok(p.n == 3 && !readpos_get(&p, "e"), "ids that cannot be read back, bad texts: ignored");

	/* kept across sessions */
	f = path_in("state/fonds/positions");
	ok(readpos_save(&p, f, &e) == 0, "saved, making the directory");
	readpos_init(&q, 3);
	r = readpos_load(&q, f, &e);
	ok(r == 0 && q.n == 3 && has(&q, "a", 0, 2, 250) && has(&q, "c", 2, 0, 12) &&
	   has(&q, "d", 0, 1, 0), "read back whole (%d skipped)", r);
	ok(q.v[0].seq == 0 && q.seq == 0, "as read: not this session's");
	readpos_free(&q);

	/* another session's positions are kept; this one's win for its own */
	readpos_free(&p);
	readpos_init(&p, 3);
	readpos_load(&p, f, &e);
	readpos_init(&q, 3);
	readpos_load(&q, f, &e);
	readpos_set(&q, "x", 1, 4, 44);
	readpos_set(&p, "a", 1, 3, 9);
	ok(readpos_save(&q, f, &e) == 0 && readpos_save(&p, f, &e) == 0, "two sessions saved");
	readpos_free(&q);
	readpos_init(&q, 3);
	readpos_load(&q, f, &e);
	ok(has(&q, "x", 1, 4, 44) && has(&q, "a", 1, 3, 9) && q.n == 3,
	   "the other's document and ours, each at its last place");
	ok(!strcmp(q.v[2].id, "a") && !strcmp(q.v[1].id, "x"), "newest last");
	readpos_free(&q);
	readpos_free(&p);

	/* a hostile file: nothing but entries is read, nothing fails */
	f = path_in("hostile");
	{
		static const char data[] =
			"# a comment\n"
			"0 1 10 good\n"
			"9 1 10 badtext\n"
			"0 x 10 badsect\n"
			"0 1 -4 badoff\n"
			"0 1 99999999999999999999 huge\n"
			"0 1 10 \x1b[31mescape\n"
			"0 1 10\n"
			"garbage\n"
			"1 2 3 \xc3\x28\n"
			"0 1 10 nul\0here\n"
			"2 5 77 last, no newline";
		write_file(f, data, sizeof data - 1);
	}
	readpos_init(&q, 0);
	r = readpos_load(&q, f, &e);
	ok(r == 9 && q.n == 2 && has(&q, "good", 0, 1, 10) && has(&q, "last, no newline", 2, 5, 77),
	   "a hostile file: the two entries, 9 lines skipped (%d, %zu)", r, q.n);
	readpos_free(&q);
	{
		struct sbuf big = {0};

		for (int i = 0; i < 2000; i++)
			sbuf_addc(&big, 'x');
		sbuf_add(&big, "\n0 0 3 after\n");
		write_file(f, big.s, big.len);
		sbuf_free(&big);
	}
	readpos_init(&q, 0);
	r = readpos_load(&q, f, &e);
	ok(r == 1 && q.n == 1 && has(&q, "after", 0, 0, 3), "a line too long: skipped (%d)", r);
	readpos_free(&q);
	readpos_init(&q, 0);
	ok(readpos_load(&q, path_in("missing"), &e) == 0 && q.n == 0, "no file: nothing, no error");
	ok(readpos_load(&q, dir, &e) < 0 && strstr(e.msg, "not a regular file"),
	   "a directory in its place: an error: %s", e.msg);
	readpos_free(&q);

	/* the bound holds through save and load */
	readpos_init(&p, 0);
	for (int i = 0; i < READPOS_DEFAULT_MAX + 50; i++) {
		snprintf(name, sizeof name, "doc-%d", i);
		readpos_set(&p, name, 0, 1, (size_t)i);
	}
	f = path_in("many");
	readpos_save(&p, f, &e);
	readpos_init(&q, 0);
	readpos_load(&q, f, &e);
	ok(q.n == READPOS_DEFAULT_MAX && !readpos_get(&q, "doc-49") && readpos_get(&q, "doc-50") &&
	   has(&q, "doc-549", 0, 1, 549), "at most %d documents, the most recent", READPOS_DEFAULT_MAX);
	readpos_free(&q);
	readpos_free(&p);
	{
		/* no temporary file left behind */
		char cmd[600];

		snprintf(cmd, sizeof cmd, "ls %s | grep -q 'many\\.'", dir);
		ok(system(cmd) != 0, "no temporary file left");
		snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
		if (system(cmd) != 0)
			printf("# could not remove %s\n", dir);
	}
	return done_testing();
}
