/* fuzz.h - libFuzzer harnesses and the checks they share.
 *
 * Each harness is one function fuzz_TARGET(data, size) that feeds the
 * bytes to one entry point of libfonds and checks what comes out. Built
 * as a fuzzer (--enable-fuzzing), a harness file also defines
 * LLVMFuzzerTestOneInput and a failed check aborts, so that libFuzzer
 * saves the input; built into tests/unit/test_fuzz_regress (FUZZ_REPLAY
 * defined), a failed check prints a TAP diagnostic and is counted, and
 * the regression test replays saved inputs through the same functions.
 */
#ifndef FONDS_FUZZ_H
#define FONDS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "fonds/import.h"
#include "fonds/record.h"
#include "fonds/text.h"

/* The harnesses; each returns 0 (libFuzzer's convention). */
int fuzz_page(const uint8_t *data, size_t size);
int fuzz_json(const uint8_t *data, size_t size);
int fuzz_csv(const uint8_t *data, size_t size);
int fuzz_date(const uint8_t *data, size_t size);
int fuzz_query(const uint8_t *data, size_t size);
int fuzz_sanitize(const uint8_t *data, size_t size);
int fuzz_fold(const uint8_t *data, size_t size);
int fuzz_html(const uint8_t *data, size_t size);
int fuzz_tei(const uint8_t *data, size_t size);

/* Report a broken invariant at file:line: abort when fuzzing, count it
 * when replaying. */
void fuzz_fail(const char *file, int line, const char *fmt, ...)
	FONDS_PRINTF(3, 4);

/* How many checks failed since the last call (replay builds); resets. */
unsigned fuzz_failures(void);

#define FUZZ_CHECK(cond, ...)                                                \
	((cond) ? (void)0 : fuzz_fail(__FILE__, __LINE__, __VA_ARGS__))

/* A NUL-terminated copy of the input (an embedded NUL ends the string,
 * as it would for any C caller). Caller frees. */
char *fuzz_cstr(const uint8_t *data, size_t size);

/* Check the invariants of a date: undated is all zeros; otherwise first
 * and last are real days, first <= last, and key is first at the date's
 * precision. what names the date in messages. */
void fuzz_check_date(const struct date *d, const char *what);

/* Check a record handed to a sink: every string valid UTF-8, the date
 * consistent, a title whenever there is a summary or a body. */
void fuzz_check_record(const struct record *r);

/* Run an import parser over the input read through fmemopen(): once
 * with a sink that checks and frees every record, then, if there were
 * records, again with a sink that fails half-way (the error path must
 * free everything and report -1). */
void fuzz_import(int (*parse)(struct reader *, struct import_sink *, struct err *),
                 const uint8_t *data, size_t size);

/* Define the libFuzzer entry point for a harness (fuzzer builds only). */
#ifdef FUZZ_REPLAY
#define FUZZ_ENTRY(fn)
#else
#define FUZZ_ENTRY(fn)                                                       \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);        \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)         \
	{                                                                    \
		return fn(data, size);                                       \
	}
#endif

#endif
