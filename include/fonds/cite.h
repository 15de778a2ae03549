/* cite.h - citations of documents: Chicago notes-bibliography style for
 * archival documents and FRUS volumes, BibTeX (biblatex), RIS and
 * CSL-JSON as Zotero writes them (a manuscript with archive and
 * archive_location).
 *
 * struct cite is what a citation is made of, read from a document once:
 * the title as the archive gives it, the date as written, the author and
 * recipient when the title names them ("Telegram from Shtykov to
 * Stalin"), the archive and the signature from the source
 * ("AVPRF, f. 0100, op. 34, d. 18") with the credit that follows them
 * ("Translated by Gary Goldberg."), the collection, the publisher (the
 * Digital Archive, or the FRUS volume with its editors, place, publisher,
 * year, document number and page), the URL. Nothing here knows the store
 * beyond struct doc, nor the terminal: outputs are plain strings (or JSON
 * values) that the caller sanitizes where they reach a terminal.
 */
#ifndef FONDS_CITE_H
#define FONDS_CITE_H

#include <stdint.h>

#include "fonds/store.h"
#include "fonds/util.h"

struct cite {
	char *id, *title, *date, *author, *recipient;
	char *archive, *location, *credit;   /* from the source */
	char *collection, *publisher, *url;
	struct date when;                    /* the document's date */
	/* a document printed in a volume (FRUS) */
	int in_volume;
	char *volume, *place, *volume_publisher, *year, *number, *page;
	struct strlist editors;
};

enum cite_style { CITE_CHICAGO, CITE_BIBTEX, CITE_RIS, CITE_CSL_JSON, CITE_NSTYLES };

/* The style named s ("chicago", "bibtex", "ris", "csl-json"), or -1. */
int cite_style_parse(const char *s);

/* Fill c from document d (all strings copies; free with cite_free). */
void cite_from_doc(struct cite *c, const struct doc *d);
void cite_free(struct cite *c);

/* The day a citation says the document was accessed: $SOURCE_DATE_EPOCH
 * when set (reproducible output), else now, as Unix seconds. */
int64_t cite_today(void);

/* A Chicago full note (notes-bibliography style), one line. Caller frees. */
char *cite_chicago(const struct cite *c, int64_t accessed);

/* A Chicago bibliography entry, one line. Caller frees. */
char *cite_chicago_bib(const struct cite *c, int64_t accessed);

/* A biblatex entry (@unpublished for a manuscript, @incollection for a
 * document of a volume), ending in a newline. Caller frees. */
char *cite_bibtex(const struct cite *c, int64_t accessed);

/* A RIS record (UNPB, which Zotero reads as a manuscript, or CHAP) ending with "ER  - " and a newline.
 * Caller frees. */
char *cite_ris(const struct cite *c, int64_t accessed);

/* A CSL-JSON item: a new json_t * object (the caller releases it). */
void *cite_csl_json(const struct cite *c, int64_t accessed);

/* The BibTeX key of a document id: its letters, digits and '-', '_',
 * ':', '.', others as '_'. Caller frees. */
char *cite_key(const char *id);

#endif
