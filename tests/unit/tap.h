/* tap.h - a tiny TAP producer for the unit tests (one header, no library).
 *
 * ok(cond, name...) prints "ok N - name" or "not ok N - name" with the
 * place it failed; done_testing() prints the plan and returns the exit
 * status. Every test program mirrors one module of src/.
 */
#ifndef FONDS_TAP_H
#define FONDS_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap_n, tap_failed;

static inline int tap_ok(int cond, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d - ", cond ? "" : "not ", ++tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!cond) {
		tap_failed++;
		printf("#   failed at %s:%d\n", file, line);
	}
	fflush(stdout);
	return cond;
}

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

#define is_int(got, want, name)                                              \
	do {                                                                 \
		long long g_ = (long long)(got), w_ = (long long)(want);     \
		if (!ok(g_ == w_, "%s", name))                               \
			printf("#   got %lld, want %lld\n", g_, w_);         \
	} while (0)

#define is_str(got, want, name)                                              \
	do {                                                                 \
		const char *g_ = (got), *w_ = (want);                        \
		int same_ = (g_ && w_) ? strcmp(g_, w_) == 0 : g_ == w_;     \
		if (!ok(same_, "%s", name))                                  \
			printf("#   got \"%s\", want \"%s\"\n",              \
			       g_ ? g_ : "(null)", w_ ? w_ : "(null)");      \
	} while (0)

static inline void skip_all(const char *why)
{
	printf("1..0 # SKIP %s\n", why);
	exit(0);
}

static inline void skip(const char *why)
{
	printf("ok %d # SKIP %s\n", ++tap_n, why);
}

/* The seed pages (../shared/seeds) are missing: skip outside CI; in CI
 * (CI=true), which has them, that is a failure. */
static inline void skip_seeds(const char *why)
{
	const char *ci = getenv("CI");

	if (ci && strcmp(ci, "true") == 0) {
		printf("not ok %d - %s, and CI=true: the seeds must be there\n",
		       ++tap_n, why);
		tap_failed++;
		return;
	}
	skip(why);
}

/* The whole file at path, NUL-terminated, its length in *n (caller
 * frees), or NULL when it cannot be read. */
static inline char *tap_slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL, *nb;
	size_t len = 0, cap = 0, k;

	if (!f)
		return NULL;
	do {
		if (cap - len < 4097) {
			cap = cap ? 2 * cap : 8192;
			nb = realloc(buf, cap);
			if (!nb) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		k = fread(buf + len, 1, 4096, f);
		len += k;
	} while (k > 0);
	fclose(f);
	buf[len] = '\0';
	*n = len;
	return buf;
}

static inline int done_testing(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
