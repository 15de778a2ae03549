/* fuzz_fold.c - text_fold(): valid, trimmed, single-spaced, idempotent,
 * and blind to a trailing soft hyphen (which also sends ASCII input down
 * the general path, so the ASCII fast path is compared with it). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

#define SOFT_HYPHEN "\xC2\xAD"

int fuzz_fold(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	char *f, *ff, *shy, *fs;
	size_t len;

	f = text_fold(s);
	len = strlen(f);
	FUZZ_CHECK(text_is_valid(f, len), "fold is not valid UTF-8");
	FUZZ_CHECK(len == 0 || (f[0] != ' ' && f[len - 1] != ' '),
	           "fold \"%s\" is not trimmed", f);
	FUZZ_CHECK(strstr(f, "  ") == NULL, "fold \"%s\" has a double space", f);
	ff = text_fold(f);
	FUZZ_CHECK(strcmp(f, ff) == 0, "fold \"%s\" folds again to \"%s\"", f, ff);

	shy = xmalloc(strlen(s) + sizeof SOFT_HYPHEN);
	strcpy(shy, s);
	strcat(shy, SOFT_HYPHEN);
	fs = text_fold(shy);
	FUZZ_CHECK(strcmp(f, fs) == 0,
	           "fold \"%s\", with a soft hyphen after it \"%s\"", f, fs);
	free(fs);
	free(shy);
	free(ff);
	free(f);
	free(s);
	return 0;
}

FUZZ_ENTRY(fuzz_fold)
