/* fuzz_json.c - import_json() over arbitrary bytes: JSON Lines, or a
 * top-level array when the first byte that is not white space is '['. */
#include "config.h"

#include "fuzz.h"

int fuzz_json(const uint8_t *data, size_t size)
{
	fuzz_import(import_json, data, size);
	return 0;
}

FUZZ_ENTRY(fuzz_json)
