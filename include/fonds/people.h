/* people.h - the name authority and the recognition of people in text.
 *
 * The authority (share/people.txt, then the user's own file) lists people
 * with a canonical name and the other forms documents use for them:
 * variants, cover names and names in other scripts. Every form is indexed
 * by its folded text (text_fold()), so "SHTYKOV", "Shytkov" and "Штыков"
 * all find Terentii Shtykov. The recognizer finds the authority's people
 * in a title and summary, and keeps names that only look like people
 * ("from X to Y", "Comrade X", "X (Stalin)") as uncertain ones.
 * No SQLite, no curses: depends on text/, util/ and libunistring alone.
 */
#ifndef FONDS_PEOPLE_H
#define FONDS_PEOPLE_H

#include <stddef.h>

#include "fonds/util.h"

/* One person of the authority. All strings are valid UTF-8, owned by the
 * authority. */
struct person_entry {
	char *name;               /* canonical name, never NULL */
	char *born;               /* "1912" or "1912-04-15"; NULL if unknown */
	char *died;               /* same form as born; NULL if unknown */
	char *role;               /* one line; NULL if none */
	struct strlist variants;  /* other spellings, in file order */
	struct strlist covers;    /* cover names */
	struct strlist scripts;   /* the name in other scripts */
};

struct authority_slot; /* private: one slot of the folded-form index */

/* A name authority: the persons in order of first definition and an index
 * from the folded form of every name, variant, cover and script form to
 * its person. Zero-initialise to use; free with authority_free(). */
struct authority {
	struct person_entry *v; /* the persons; read-only for callers */
	size_t n;               /* number of persons */
	/* private */
	size_t cap;
	struct authority_slot *slots;
	size_t nslots;   /* a power of two, or 0 when there is no index */
	size_t nused;    /* slots in use */
	size_t max_words; /* most words in an indexed form (capped) */
	size_t max_ideo;  /* most characters in a Han/Hangul-only form */
};

/* Read the authority file at path and merge it into a: a block whose name
 * matches (folded) a person already in a replaces each key it lists (all
 * lines of a repeated key together, so "variant:" lines replace every
 * variant) and keeps the rest, possibly respelling the canonical name; a
 * block with a new name adds a person. Lines that cannot be used (not
 * "key: value", a block that does not start with "name:", a bad born or
 * died, an empty value, invalid UTF-8) are reported through warn (may be
 * NULL) and skipped or repaired, and the rest of the file still applies;
 * unknown keys are ignored silently. warn(ctx, msg) gets one warning per
 * call, "PATH:LINE: what is wrong; what was done", valid during the call.
 * Returns 0 when the file was read, 1 when it does not exist and required
 * is 0 (a stays unchanged), -1 with e set when it cannot be read or is
 * required and missing. Entry pointers taken before the call may be
 * invalid after it. */
int authority_load(struct authority *a, const char *path, int required,
		   void (*warn)(void *ctx, const char *msg), void *ctx, struct err *e);

/* Merge the authority text buf[0..len) into a, as authority_load() does
 * for a file; name is used in warnings in place of the path. Invalid
 * UTF-8 is repaired (with a warning). */
void authority_load_buffer(struct authority *a, const char *name, const char *buf,
			   size_t len, void (*warn)(void *ctx, const char *msg), void *ctx);

/* The person that text names, by any of its forms compared folded ("shytkov",
 * "ШТЫКОВ", "V.N. Razuvaev", "Feng Xi"), or else by the form without its
 * initials and titles, as lists of persons write names ("Andrei A.
 * Gromyko", "Admiral Arleigh A. Burke"), or NULL. The entry belongs to a
 * and stays valid until the next load or authority_free(). */
const struct person_entry *authority_find(const struct authority *a, const char *text);

/* Append to out every form of p other than its canonical name (variants,
 * covers, scripts, in that order), skipping forms that fold the same as
 * one already in out or as the name. Copies; out owns them. */
void person_aliases(const struct person_entry *p, struct strlist *out);

/* Free everything a holds and leave it empty (zeroed, ready to reuse). */
void authority_free(struct authority *a);

/* The user's authority file: $XDG_CONFIG_HOME/fonds/people.txt when that
 * variable is an absolute path, else ~/.config/fonds/people.txt from
 * $HOME; NULL when neither is set. Caller frees. */
char *authority_default_user_path(void);

/* Find people in a document. Names already in people (from a structured
 * field) are first replaced by their canonical form when the authority
 * knows them (unknown ones are kept as they are) and duplicates dropped.
 * Then the canonical names of the authority's persons named in title and
 * summary (either may be NULL) are appended to people: any form, whole
 * words, compared folded, longest form first ("Kim Il Sung" is not also
 * "Kim"); Han and Hangul forms also match at the start of a Hangul word
 * ("김일성은") or inside Han text, and a one-word Cyrillic form in another
 * grammatical case ("Штыкову"). Names that look like people but that the
 * authority does not know (from "from X to Y", "X (Y)" beside a known
 * person, "Comrade X", "Ambassador X", "Lt. Gen. X" and other ranks and
 * offices) are appended to uncertain, without the rank and without a
 * possessive "'s"; institutions, places, months and document words are
 * never taken for people. Nothing is appended twice (compared folded, and
 * never to uncertain what people holds); order is of first appearance,
 * title first. a may be NULL (patterns alone). Any bytes are accepted;
 * time is linear in the length of the text. It only reads a: threads may
 * recognise with one authority at once, as long as nothing loads into it. */
void people_recognize(const struct authority *a, const char *title, const char *summary,
		      struct strlist *people, struct strlist *uncertain);

#endif
