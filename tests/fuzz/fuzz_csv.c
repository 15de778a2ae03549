/* fuzz_csv.c - import_csv() over arbitrary bytes. */
#include "config.h"

#include "fuzz.h"

int fuzz_csv(const uint8_t *data, size_t size)
{
	fuzz_import(import_csv, data, size);
	return 0;
}

FUZZ_ENTRY(fuzz_csv)
