/* test_fuzz_regress.c - replay the fuzzers' seed corpora and every saved
 * crash (tests/fuzz/corpus/TARGET/ and tests/fuzz/regress/TARGET/)
 * through the harness functions of tests/fuzz/, with all their checks,
 * and a few generated inputs too big to keep that must take linear time.
 * Built always, so that `make check` keeps found bugs fixed without
 * clang or libFuzzer. */
#include "config.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../fuzz/fuzz.h"
#include "tap.h"

static const struct {
	const char *name;
	int (*fn)(const uint8_t *, size_t);
} targets[] = {
	{ "page", fuzz_page },       { "json", fuzz_json },
	{ "csv", fuzz_csv },         { "date", fuzz_date },
	{ "query", fuzz_query },     { "sanitize", fuzz_sanitize },
	{ "fold", fuzz_fold },       { "html", fuzz_html },
	{ "tei", fuzz_tei },
};

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The regular files in dir, sorted (caller frees with strlist_clear). */
static int list_dir(const char *dir, struct strlist *out)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d)
		return -1;
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] != '.' && strcmp(de->d_name, "README") != 0)
			strlist_add(out, de->d_name);
	closedir(d);
	if (out->n)
		qsort(out->v, out->n, sizeof *out->v, cmp_names);
	return 0;
}

/* Replay every file of srcdir/tests/fuzz/kind/target; returns how many. */
static size_t replay(const char *srcdir, const char *kind, size_t t)
{
	struct strlist files = { 0 };
	struct sbuf dir = { 0 }, path = { 0 };
	size_t n = 0;

	sbuf_printf(&dir, "%s/tests/fuzz/%s/%s", srcdir, kind, targets[t].name);
	if (list_dir(sbuf_str(&dir), &files) < 0) {
		sbuf_free(&dir);
		return 0;
	}
	for (size_t i = 0; i < files.n; i++) {
		uint8_t *data;
		size_t size = 0;

		sbuf_reset(&path);
		sbuf_printf(&path, "%s/%s", sbuf_str(&dir), files.v[i]);
		data = (uint8_t *)tap_slurp(sbuf_str(&path), &size);
		if (!ok(data != NULL, "%s %s/%s: readable", targets[t].name, kind,
		        files.v[i]))
			continue;
		fuzz_failures();
		targets[t].fn(data, size);
		ok(fuzz_failures() == 0, "%s %s/%s (%zu bytes)", targets[t].name,
		   kind, files.v[i], size);
		free(data);
		n++;
	}
	strlist_clear(&files);
	sbuf_free(&path);
	sbuf_free(&dir);
	return n;
}

/* Build head, n items (item formatted with i, or with 0 when same is
 * set) separated by sep, tail. */
static void generate(struct sbuf *b, const char *head, const char *item,
                     const char *sep, const char *tail, int n, int same)
{
	sbuf_reset(b);
	sbuf_add(b, head);
	for (int i = 0; i < n; i++) {
		if (i)
			sbuf_add(b, sep);
		sbuf_printf(b, item, same ? 0 : i);
	}
	sbuf_add(b, tail);
}

/* Run the harness fn over b; failed checks are reported. (How long it
 * takes is for the benchmarks, not for a unit test: the lists these
 * build are capped at RECORD_MAX_NAMES, which keeps them linear.) */
static void run_generated(int (*fn)(const uint8_t *, size_t), const struct sbuf *b,
                          const char *what)
{
	fuzz_failures();
	fn((const uint8_t *)b->s, b->len);
	ok(fuzz_failures() == 0, "generated %s", what);
}

/* Inputs too big to keep as files, built here, that once took minutes
 * because a step was quadratic (a record with tens of thousands of
 * different names), beside the same size of one name repeated. */
static void replay_generated(void)
{
	enum { NAMES = 30000 };
	static const struct {
		const char *what;
		int (*fn)(const uint8_t *, size_t);
		const char *head, *item, *sep, *tail;
	} gen[] = {
		{ "json: 30000 people in a list", fuzz_json,
		  "{\"title\": \"t\", \"people\": [", "\"p%05d\"", ", ", "]}\n" },
		{ "json: 30000 languages in a string", fuzz_json,
		  "{\"title\": \"t\", \"language\": \"", "l%05d", ";", "\"}\n" },
		{ "csv: 30000 places in a field", fuzz_csv,
		  "title,places\nt,\"", "p%05d", ";", "\"\n" },
	};
	struct sbuf b = { 0 };

	for (size_t g = 0; g < ARRAY_LEN(gen); g++) {
		generate(&b, gen[g].head, gen[g].item, gen[g].sep, gen[g].tail,
		         NAMES, 1);
		run_generated(gen[g].fn, &b, "(all the same name)");
		generate(&b, gen[g].head, gen[g].item, gen[g].sep, gen[g].tail,
		         NAMES, 0);
		run_generated(gen[g].fn, &b, gen[g].what);
	}
	sbuf_free(&b);
}

int main(void)
{
	const char *srcdir = getenv("FONDS_SRCDIR");

	if (!srcdir || !*srcdir)
		skip_all("FONDS_SRCDIR is not set (run through make check)");
	for (size_t t = 0; t < ARRAY_LEN(targets); t++) {
		size_t seeds = replay(srcdir, "corpus", t);

		ok(seeds >= 3, "%s: %zu seed inputs in tests/fuzz/corpus/%s",
		   targets[t].name, seeds, targets[t].name);
		replay(srcdir, "regress", t);
	}
	/* the empty input, which no directory can hold as a visible file */
	for (size_t t = 0; t < ARRAY_LEN(targets); t++) {
		fuzz_failures();
		targets[t].fn((const uint8_t *)"", 0);
		ok(fuzz_failures() == 0, "%s: empty input", targets[t].name);
	}
	replay_generated();
	return done_testing();
}
