/* fuzz_html.c - import_html_text() over arbitrary bytes: NULL exactly
 * when the input holds no markup; otherwise valid UTF-8 (for valid
 * input), nothing blank at either end, at most one blank line in a row,
 * and the links listed as pairs of text and address. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

int fuzz_html(const uint8_t *data, size_t size)
{
	struct strlist links = { 0 };
	const char *s = (const char *)data;
	char *fixed = text_is_valid(s, size) ? NULL : text_repair(s, size);
	char *t;

	if (fixed) {
		s = fixed;
		size = strlen(fixed);
	}
	t = import_html_text(s, size, &links);
	FUZZ_CHECK(!t == !import_html_is_markup(s, size) || size > IMPORT_HTML_MAX,
	           "NULL when, and only when, there is no markup");
	if (t) {
		size_t n = strlen(t);

		FUZZ_CHECK(text_is_valid(t, n), "the text is valid UTF-8");
		FUZZ_CHECK(!strstr(t, "\n\n\n"), "at most one blank line in a row");
		FUZZ_CHECK(n == 0 || (t[0] != ' ' && t[0] != '\n' && t[n - 1] != ' ' &&
		                      t[n - 1] != '\n'), "nothing blank at either end");
	}
	FUZZ_CHECK(links.n % 2 == 0, "links come in pairs");
	for (size_t i = 0; i < links.n; i++)
		FUZZ_CHECK(text_is_valid(links.v[i], strlen(links.v[i])), "a link is valid UTF-8");
	free(t);
	free(fixed);
	strlist_clear(&links);
	return 0;
}

FUZZ_ENTRY(fuzz_html)
