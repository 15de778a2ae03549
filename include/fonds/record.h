/* record.h - one archival record as an importer produces it.
 *
 * A record owns every string it points to. Importers fill records and hand
 * them to a sink (usually the store); record_clear() frees and re-zeroes.
 */
#ifndef FONDS_RECORD_H
#define FONDS_RECORD_H

#include "fonds/text.h"
#include "fonds/util.h"

/* One text of a document besides its summary and body: a transcript, a
 * translation, a numbered note, a link's address, the citation of the
 * volume it is printed in. All strings are owned; only kind and body are
 * always set. */
struct record_text {
	char *kind;     /* one of the RECORD_TEXT_* names */
	char *language; /* "Russian", "English", ...; NULL when unknown */
	char *label;    /* a note's number, a link's text; NULL when none */
	char *body;
};

/* The kinds of texts (struct record_text.kind). */
#define RECORD_TEXT_ORIGINAL "original"       /* transcript in the original language */
#define RECORD_TEXT_TRANSLATION "translation"
#define RECORD_TEXT_NOTE "note"               /* a footnote; label is its mark */
#define RECORD_TEXT_LINK "link"               /* an address; label is the link's text */
#define RECORD_TEXT_CITATION "citation"       /* how to cite the volume it is in */

/* A growable array of texts, in document order. */
struct record_texts {
	struct record_text *v;
	size_t n, cap;
};

struct record {
	char *id;        /* source id, or NULL: the store derives a stable one */
	char *date_text; /* the date as written in the source, or NULL */
	struct date date;
	char *title;
	char *summary;
	char *body;      /* full text */
	char *source;
	char *language;  /* several languages joined with "; " */
	char *url;
	char *type;      /* "Telegram", "Memorandum", ... when the source says */
	struct strlist people;
	struct strlist places;
	struct strlist subjects;
	struct strlist collections;
	struct strlist related; /* ids of explicitly linked records */
	struct strlist uncertain; /* people named in passing (RECORD_PEOPLE_FOUND) */
	struct record_texts texts; /* transcripts, translations, notes, links */
	struct strlist cites;     /* ids of records this one cites (a reference) */
	struct strlist cite_why;  /* for each of cites, the sentence it stands in ("" if none) */
	long line;              /* line in the input where the record starts */
	unsigned flags;         /* RECORD_* */
};

/* Flags telling how a record's fields were obtained. */
enum record_flags {
	/* The source gave no title; title was made from the summary's first
	 * sentence (or its first words and an ellipsis). Show it as such. */
	RECORD_TITLE_DERIVED = 1 << 0,
	/* People were recognised in the title and summary (store_recognize):
	 * people holds the canonical names, uncertain the names in passing. */
	RECORD_PEOPLE_FOUND = 1 << 1,
	/* The text fields are plain text already (the TEI reader made them):
	 * import_emit does not look for HTML in them. */
	RECORD_PLAIN = 1 << 2
};

/* Free everything the record owns and zero it for reuse. */
void record_clear(struct record *r);

/* Set *field to a valid-UTF-8, trimmed copy of s[0..n) (NULL if empty),
 * freeing the old value. */
void record_set(char **field, const char *s, size_t n);

/* Free the texts of t and empty it. */
void record_texts_free(struct record_texts *t);

/* Append a text: repaired, trimmed copies of kind, language, label and
 * body (the last three may be NULL). Nothing is added when body is empty,
 * or when the record holds RECORD_MAX_TEXTS texts already. */
void record_add_text(struct record *r, const char *kind, const char *language,
                     const char *label, const char *body);

/* The most texts (notes, links, translations) a record keeps. */
#define RECORD_MAX_TEXTS 5000

/* Append a citation of record id target, with the sentence it stands in
 * (may be NULL), unless target is empty or cited already. */
void record_add_cite(struct record *r, const char *target, const char *why);

/* The most names a record keeps in one list: more is not a record a
 * reader can use, and checking for repeats stays cheap. */
#define RECORD_MAX_NAMES 1000

/* Append a trimmed, repaired copy of name to l unless empty, present, or
 * l already holds RECORD_MAX_NAMES names. */
void record_add_name(struct strlist *l, const char *name);

/* When r has no title but a summary (or else a body), make a title from
 * its first sentence, or from its first words cut at a word boundary with
 * an ellipsis when that sentence is long, and set RECORD_TITLE_DERIVED.
 * Does nothing when r has a title or no text. */
void record_derive_title(struct record *r);

/* 1 when the record has something to show: a title, summary or text.
 * Importers hand every record they parse to their sink, usable or not;
 * the sink rejects (and reports) the ones for which this is 0. */
int record_usable(const struct record *r);

#endif
