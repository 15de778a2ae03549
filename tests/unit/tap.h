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

static inline int done_testing(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
