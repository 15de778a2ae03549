/* fuzz_tei.c - import_tei() over arbitrary bytes: records as for the
 * other importers (valid UTF-8 everywhere, texts and citations too), and
 * a failing sink half-way frees everything. */
#include "config.h"

#include "fuzz.h"

int fuzz_tei(const uint8_t *data, size_t size)
{
	fuzz_import(import_tei, data, size);
	return 0;
}

FUZZ_ENTRY(fuzz_tei)
