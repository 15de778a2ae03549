/* tokenize.c - the full-text index's tokenizer: unicode61 for words
 * separated by spaces, overlapping pairs for Chinese, Japanese and Korean.
 *
 * unicode61 makes a run of Han, Kana or Hangul one token: a Chinese
 * sentence, which has no spaces, is one "word", and a name inside it is
 * never found; a Korean word carries its particles (김일성은, 김일성의).
 * This tokenizer takes unicode61's tokens (folded, diacritics removed)
 * and splits every such run into overlapping pairs of characters:
 * 毛泽东同意 gives 毛泽 泽东 东同 同意. A query is split the same way,
 * and FTS5 matches the pairs of a term as a phrase, so 毛泽东 finds the
 * three characters wherever they stand. In a document the last
 * character of each run is also indexed alone, so that a query of one
 * character (search.c makes it a prefix) finds it at any place of a run.
 * Words in other scripts pass through untouched. BENCHMARKS measures
 * what this costs.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The tokenizer's name in the schema (tokenize = 'fonds_cjk unicode61 ...'). */
#define CJK_TOKENIZER "fonds_cjk"

struct cjk_tok {
	fts5_tokenizer parent;
	Fts5Tokenizer *inst;
};

/* The state of one xTokenize call. */
struct cjk_call {
	void *ctx;
	int flags;
	int (*emit)(void *ctx, int tflags, const char *tok, int n, int start, int end);
};

/* Decode the UTF-8 character at s[0..n); its length goes to *len. Bytes
 * are valid UTF-8 (FTS5's tokens are). */
static uint32_t decode(const unsigned char *s, int n, int *len)
{
	if (s[0] < 0x80 || n < 2) {
		*len = 1;
		return s[0];
	}
	if (s[0] < 0xE0) {
		*len = 2;
		return (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
	}
	if (s[0] < 0xF0 || n < 4) {
		*len = n < 3 ? n : 3;
		return n < 3 ? 0xFFFD : (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 |
		                         (s[2] & 0x3F);
	}
	*len = 4;
	return (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12 |
	       (uint32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
}

/* Split one unicode61 token that holds CJK characters. */
static int cjk_split(struct cjk_call *c, int tflags, const char *tok, int n, int start, int end)
{
	const unsigned char *s = (const unsigned char *)tok;
	/* offsets in the text when the token's bytes are the text's (no
	 * folding changed its length); else every piece gets the token's */
	int exact = end - start == n;
	int i = 0, rc = SQLITE_OK;

	while (i < n && rc == SQLITE_OK) {
		int len, j = i, chars = 0;
		uint32_t uc = decode(s + i, n - i, &len);

		if (!text_is_cjk(uc)) {
			/* a run of other characters: one token */
			while (j < n) {
				uc = decode(s + j, n - j, &len);
				if (text_is_cjk(uc))
					break;
				j += len;
			}
			rc = c->emit(c->ctx, tflags, tok + i, j - i, exact ? start + i : start,
			             exact ? start + j : end);
			i = j;
			continue;
		}
		/* a CJK run: pairs, and its last character alone in a document */
		{
			int prev = -1, prevlen = 0;

			while (j < n && rc == SQLITE_OK) {
				uc = decode(s + j, n - j, &len);
				if (!text_is_cjk(uc))
					break;
				if (prev >= 0)
					rc = c->emit(c->ctx, tflags, tok + prev, prevlen + len,
					             exact ? start + prev : start,
					             exact ? start + j + len : end);
				prev = j;
				prevlen = len;
				chars++;
				j += len;
			}
			if (rc == SQLITE_OK && (chars == 1 || !(c->flags & FTS5_TOKENIZE_QUERY)))
				rc = c->emit(c->ctx, tflags, tok + prev, prevlen,
				             exact ? start + prev : start, exact ? start + j : end);
		}
		i = j;
	}
	return rc;
}

/* unicode61 hands each token here. */
static int cjk_token(void *ctx, int tflags, const char *tok, int n, int start, int end)
{
	struct cjk_call *c = ctx;

	/* every CJK character is at U+1100 or above: a lead byte >= 0xE1 */
	for (int i = 0; i < n; i++)
		if ((unsigned char)tok[i] >= 0xE1)
			return cjk_split(c, tflags, tok, n, start, end);
	return c->emit(c->ctx, tflags, tok, n, start, end);
}

static int cjk_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int n,
                        int (*emit)(void *, int, const char *, int, int, int))
{
	struct cjk_tok *k = (struct cjk_tok *)t;
	struct cjk_call c = { ctx, flags, emit };

	return k->parent.xTokenize(k->inst, &c, flags, text, n, cjk_token);
}

/* Arguments: the parent tokenizer and its own ("unicode61
 * remove_diacritics 2"); unicode61 when none. */
static int cjk_create(void *api_ptr, const char **argv, int argc, Fts5Tokenizer **out)
{
	fts5_api *api = api_ptr;
	struct cjk_tok *k = sqlite3_malloc(sizeof *k);
	const char *parent = argc > 0 ? argv[0] : "unicode61";
	void *udata = NULL;
	int rc;

	if (!k)
		return SQLITE_NOMEM;
	memset(k, 0, sizeof *k);
	rc = api->xFindTokenizer(api, parent, &udata, &k->parent);
	if (rc == SQLITE_OK)
		rc = k->parent.xCreate(udata, argc > 1 ? argv + 1 : NULL, argc > 1 ? argc - 1 : 0,
		                       &k->inst);
	if (rc != SQLITE_OK) {
		sqlite3_free(k);
		return rc;
	}
	*out = (Fts5Tokenizer *)k;
	return SQLITE_OK;
}

static void cjk_delete(Fts5Tokenizer *t)
{
	struct cjk_tok *k = (struct cjk_tok *)t;

	if (k->inst)
		k->parent.xDelete(k->inst);
	sqlite3_free(k);
}

int store_register_tokenizer(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st;
	/* FTS5 keeps a copy of it */
	fts5_tokenizer tok = { cjk_create, cjk_delete, cjk_tokenize };

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (!api || api->iVersion < 2)
		return -1;
	return api->xCreateTokenizer(api, CJK_TOKENIZER, api, &tok, NULL) == SQLITE_OK ? 0 : -1;
}

int store_sqlite_setup(void *db)
{
	if (store_register_tokenizer(db) < 0)
		return -1;
	return store_register_functions(db);
}
