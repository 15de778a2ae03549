/* fuzz_page.c - import_page() over arbitrary bytes, and format detection. */
#include "config.h"

#include "fuzz.h"

int fuzz_page(const uint8_t *data, size_t size)
{
	enum import_format f;

	/* detection looks at the name and the first bytes only */
	f = import_detect("fuzz", (const char *)data, size < 4096 ? size : 4096);
	FUZZ_CHECK(f == IMPORT_PAGE || f == IMPORT_JSON || f == IMPORT_CSV,
	           "import_detect returned %d", (int)f);
	fuzz_import(import_page, data, size);
	return 0;
}

FUZZ_ENTRY(fuzz_page)
