/* internal.h - what authority.c shares with recognize.c. */
#ifndef FONDS_PEOPLE_INTERNAL_H
#define FONDS_PEOPLE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "fonds/people.h"

/* Longest indexed form, in words, that recognition looks for. */
#define PEOPLE_MAX_WORDS 8

/* Longest Han/Hangul-only form, in characters, looked for inside words. */
#define PEOPLE_MAX_IDEO 12

/* One slot of the index: a folded form and the person it names. */
struct authority_slot {
	char *key;     /* folded form, owned; NULL for an empty slot */
	size_t len;    /* strlen(key) */
	uint64_t hash; /* hash64(key, len, 0) */
	size_t entry;  /* index into authority.v, when is_form */
	unsigned char is_form;   /* key is a form of entry */
	unsigned char is_name;   /* key is the canonical name of entry */
	unsigned char is_prefix; /* key is the first word of a longer form */
};

/* The index of the person whose folded form is key[0..len), or -1. */
long authority_lookup(const struct authority *a, const char *key, size_t len);

/* As authority_lookup(); *prefix is set to whether key is also the first
 * word of a form of several words (recognition looks no further when it
 * is not). */
long authority_probe(const struct authority *a, const char *key, size_t len, int *prefix);

/* Whether uc is a Hangul syllable or jamo. */
int people_is_hangul(uint32_t uc);

/* Whether uc is a Han ideograph (CJK unified, extensions, compatibility). */
int people_is_han(uint32_t uc);

/* The same string as text_fold(s), faster on long texts; its length in
 * *len. Caller frees. */
char *people_fold(const char *s, size_t *len);

/* 0 when the recognizer's word tables are in bsearch() order, else -1
 * (for the unit tests). */
int people_check_tables(void);

#endif
