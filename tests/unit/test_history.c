/* test_history.c - the history file: bounded, deduplicated, kept across
 * sessions, safe against a hostile file, written whole. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fonds/history.h"
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

static char *read_file(const char *path)
{
	struct sbuf b = {0};
	char buf[4096];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (!f)
		return xstrdup("");
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sbuf_addn(&b, buf, n);
	fclose(f);
	return b.s ? sbuf_take(&b) : xstrdup("");
}

/* The entries of l joined with '|'. */
static char *joined(const struct strlist *l)
{
	struct sbuf b = {0};

	for (size_t i = 0; i < l->n; i++) {
		if (i)
			sbuf_addc(&b, '|');
		sbuf_add(&b, l->v[i]);
	}
	return b.s ? sbuf_take(&b) : xstrdup("");
}

static void is_list(const struct strlist *l, const char *want, const char *name)
{
	char *got = joined(l);

	is_str(got, want, name);
	free(got);
}

static void test_add(void)
{
	struct strlist l = {0};

	history_add(&l, "kim", 3);
	history_add(&l, "stalin", 3);
	history_add(&l, "kim", 3);
	is_list(&l, "stalin|kim", "a repeated entry moves to the end, once");
	history_add(&l, "mao", 3);
	history_add(&l, "zhou", 3);
	is_list(&l, "kim|mao|zhou", "bounded: the oldest goes");
	history_add(&l, "", 3);
	history_add(&l, "a\nb", 3);
	history_add(&l, "esc\x1b[2J", 3);
	history_add(&l, "c1 \xc2\x9b", 3);
	history_add(&l, "bad \xff utf-8", 3);
	history_add(&l, NULL, 3);
	is_list(&l, "kim|mao|zhou", "empty, control characters and bad UTF-8 are not kept");
	history_add(&l, "P\xc3\xa1sztor \xe5\x8d\x97\xe6\x97\xa5", 3);
	is_list(&l, "mao|zhou|P\xc3\xa1sztor \xe5\x8d\x97\xe6\x97\xa5", "other scripts are");
	strlist_clear(&l);
}

static void test_round_trip(void)
{
	struct history h, g;
	struct err e;
	char *text;

	history_init(&h, 0);
	history_add(&h.search, "kim stalin", h.max);
	history_add(&h.search, "person:\"Kim Il Sung\" -armistice", h.max);
	history_add(&h.command, "goto 1950-09", h.max);
	ok(history_save(&h, path_in("state/fonds/history"), &e) == 0,
	   "saved, its directories made");
	text = read_file(path_in("state/fonds/history"));
	is_str(text, "/kim stalin\n/person:\"Kim Il Sung\" -armistice\n:goto 1950-09\n",
	       "one line an entry: / searches, : commands");
	free(text);
	{
		struct stat st;

		ok(stat(path_in("state/fonds/history"), &st) == 0 && (st.st_mode & 077) == 0,
		   "readable by its owner only");
	}
	history_init(&g, 0);
	is_int(history_load(&g, path_in("state/fonds/history"), &e), 0, "loaded, nothing skipped");
	is_list(&g.search, "kim stalin|person:\"Kim Il Sung\" -armistice", "the searches back");
	is_list(&g.command, "goto 1950-09", "the commands back");

	/* another session saved meanwhile: both are kept, ours newest */
	history_add(&g.search, "mao", g.max);
	ok(history_save(&g, path_in("state/fonds/history"), &e) == 0, "a second session saves");
	history_add(&h.search, "kim stalin", h.max);
	ok(history_save(&h, path_in("state/fonds/history"), &e) == 0, "the first saves again");
	history_free(&g);
	history_init(&g, 0);
	history_load(&g, path_in("state/fonds/history"), &e);
	is_list(&g.search, "mao|person:\"Kim Il Sung\" -armistice|kim stalin",
	        "the other session's entries kept, once each, ours last");
	history_free(&g);

	/* bounded when saved */
	history_free(&h);
	history_init(&h, 2);
	history_add(&h.search, "one", h.max);
	history_add(&h.search, "two", h.max);
	ok(history_save(&h, path_in("state/fonds/history"), &e) == 0, "saved with a bound of 2");
	history_init(&g, 2);
	history_load(&g, path_in("state/fonds/history"), &e);
	is_list(&g.search, "one|two", "the file keeps the bound");
	history_free(&g);
	history_free(&h);

	/* nothing left beside it */
	{
		char cmd[600];
		FILE *p;
		char line[64] = "";

		snprintf(cmd, sizeof cmd, "ls '%s' | wc -l", path_in("state/fonds"));
		p = popen(cmd, "r");
		if (p) {
			if (!fgets(line, sizeof line, p))
				line[0] = '\0';
			pclose(p);
		}
		is_int(atoi(line), 1, "no temporary file left beside it");
	}
}

static void test_hostile(void)
{
	struct history h;
	struct err e;
	struct sbuf big = {0};

	history_init(&h, 0);
	is_int(history_load(&h, path_in("missing"), &e), 0, "a missing file: empty, no error");
	ok(h.search.n == 0 && h.command.n == 0, "and nothing loaded");

	{
		static const char hostile[] =
			"/ok one\n"
			"/\x1b]52;c;SGVsbG8=\x07\n"  /* OSC 52 */
			":\x1b[2Jclear\n"
			"/bad \xc0\xaf utf-8\n"
			"/with\0nul\n"
			"no prefix\n"
			"/\r\n"
			"\n"
			":goto 1956\n"
			"/last without newline";

		write_file(path_in("hostile"), hostile, sizeof hostile - 1);
	}
	is_int(history_load(&h, path_in("hostile"), &e), 6, "six bad lines skipped");
	is_list(&h.search, "ok one|last without newline", "the good searches kept");
	is_list(&h.command, "goto 1956", "the good command kept");
	history_free(&h);

	/* a line far too long, then a good one */
	for (int i = 0; i < 100000; i++)
		sbuf_addc(&big, 'x');
	sbuf_add(&big, "\n/after\n");
	write_file(path_in("long"), sbuf_str(&big), big.len);
	history_init(&h, 0);
	is_int(history_load(&h, path_in("long"), &e), 1, "a 100000-byte line skipped");
	is_list(&h.search, "after", "the next line read");
	history_free(&h);
	sbuf_free(&big);

	/* many lines: only the last megabyte read, the bound kept */
	{
		FILE *f = fopen(path_in("huge"), "w");

		for (int i = 0; f && i < 200000; i++)
			fprintf(f, "/search number %d\n", i);
		if (f)
			fclose(f);
	}
	history_init(&h, 0);
	ok(history_load(&h, path_in("huge"), &e) >= 0, "a 4 MB file read");
	is_int((long long)h.search.n, HISTORY_DEFAULT_MAX, "bounded");
	ok(h.search.n && strcmp(h.search.v[h.search.n - 1], "search number 199999") == 0,
	   "the newest last");
	history_free(&h);

	/* not a file */
	mkdir(path_in("adir"), 0700);
	history_init(&h, 0);
	ok(history_load(&h, path_in("adir"), &e) < 0 && strstr(e.msg, "not a regular file") &&
	   strstr(e.msg, "adir"), "a directory in its place: an error naming it (%s)", e.msg);
	ok(history_save(&h, path_in("adir"), &e) < 0 && strstr(e.msg, "adir"),
	   "and it is not written over");
	{
		struct stat st;

		ok(stat(path_in("adir"), &st) == 0 && S_ISDIR(st.st_mode), "the directory is intact");
	}
	history_free(&h);
	if (mkfifo(path_in("fifo"), 0600) == 0) {
		history_init(&h, 0);
		ok(history_load(&h, path_in("fifo"), &e) < 0, "a FIFO is refused, without waiting");
	} else {
		skip("no FIFO here");
	}
	history_free(&h);
}

static void test_default_path(void)
{
	char *p;

	setenv("XDG_STATE_HOME", "/x/state", 1);
	p = history_default_path();
	is_str(p, "/x/state/fonds/history", "$XDG_STATE_HOME/fonds/history");
	free(p);
	setenv("XDG_STATE_HOME", "relative", 1);
	setenv("HOME", "/home/h", 1);
	p = history_default_path();
	is_str(p, "/home/h/.local/state/fonds/history", "a relative XDG_STATE_HOME is ignored");
	free(p);
	unsetenv("XDG_STATE_HOME");
	p = history_default_path();
	is_str(p, "/home/h/.local/state/fonds/history", "else ~/.local/state/fonds/history");
	free(p);
	unsetenv("HOME");
	p = history_default_path();
	ok(p == NULL, "no HOME: none");
	free(p);
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(dir, sizeof dir, "%s/fonds-history-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		skip_all("no temporary directory");
	test_add();
	test_round_trip();
	test_hostile();
	test_default_path();
	{
		char cmd[600];

		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			printf("# could not remove %s\n", dir);
	}
	return done_testing();
}
