/* test_cite.c - citations (cite/cite.c): what is read from a document's
 * title, source and volume citation, and the Chicago, BibTeX, RIS and
 * CSL-JSON forms, with hostile text. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "fonds/cite.h"
#include "fonds/record.h"
#include "tap.h"

/* 2026-12-02 12:00 UTC (TZ is pinned by the test environment) */
#define DAY 1796212800

static struct doc *mkdoc(const char *id, const char *date, const char *title,
                         const char *source, const char *url, const char *collection)
{
	struct doc *d = xcalloc(1, sizeof *d);

	d->id = xstrdup(id);
	d->date_text = date ? xstrdup(date) : NULL;
	text_parse_date(date ? date : "", &d->date);
	d->title = xstrdup(title);
	d->source = source ? xstrdup(source) : NULL;
	d->url = url ? xstrdup(url) : NULL;
	if (collection)
		strlist_add(&d->names[FACET_COLLECTION], collection);
	return d;
}

int main(void)
{
	struct doc *d;
	struct cite c;
	char *s;
	json_t *j;

	d = mkdoc("kr-1950-0708", "July 8, 1950",
	          "Ciphered Telegram No. 405976 from Shtykov to Feng Xi [Stalin], "
	          "transmitting letter from Kim Il Sung to Stalin",
	          "AVPRF, f. 0100, op. 34, d. 18. Translated by Gary Goldberg.",
	          "https://digitalarchive.wilsoncenter.org/document/1", "Korean War");
	cite_from_doc(&c, d);
	is_str(c.author, "Shtykov", "the writer from the title");
	is_str(c.recipient, "Feng Xi [Stalin]", "the addressee, brackets and all");
	is_str(c.archive, "AVPRF", "the archive from the source");
	is_str(c.location, "f. 0100, op. 34, d. 18", "the signature: f. op. d. do not end it");
	is_str(c.credit, "Translated by Gary Goldberg.", "the credit after it");
	is_str(c.publisher, "Wilson Center Digital Archive", "the Digital Archive publishes it");
	s = cite_chicago(&c, DAY);
	is_str(s, "Shtykov to Feng Xi [Stalin], \xe2\x80\x9c" "Ciphered Telegram No. 405976 from "
	       "Shtykov to Feng Xi [Stalin], transmitting letter from Kim Il Sung to Stalin,"
	       "\xe2\x80\x9d July 8, 1950, AVPRF, f. 0100, op. 34, d. 18. Translated by Gary "
	       "Goldberg. Korean War, Wilson Center Digital Archive, accessed December 2, 2026, "
	       "https://digitalarchive.wilsoncenter.org/document/1.", "a Chicago note");
	free(s);
	s = cite_bibtex(&c, DAY);
	ok(strstr(s, "@unpublished{kr-1950-0708,\n") != NULL, "BibTeX: a manuscript is @unpublished");
	ok(strstr(s, "  author = {{Shtykov}},\n") != NULL, "BibTeX: a literal name");
	ok(strstr(s, "  date = {1950-07-08},\n") != NULL, "BibTeX: an ISO date");
	ok(strstr(s, "  urldate = {2026-12-02},\n") != NULL, "BibTeX: the day accessed");
	ok(strstr(s, "howpublished = {AVPRF, f. 0100, op. 34, d. 18. Translated by Gary Goldberg. "
	          "Korean War, Wilson Center Digital Archive}") != NULL, "BibTeX: the archive and credit");
	free(s);
	s = cite_ris(&c, DAY);
	ok(strncmp(s, "TY  - UNPB\r\n", 12) == 0, "RIS: unpublished (a manuscript)");
	ok(strstr(s, "DA  - 1950/07/08/\r\n") != NULL, "RIS: the date");
	ok(strstr(s, "AN  - f. 0100, op. 34, d. 18\r\n") != NULL, "RIS: the signature");
	ok(strstr(s, "ER  - \r\n") != NULL, "RIS: the end of the record");
	free(s);
	j = cite_csl_json(&c, DAY);
	is_str(json_string_value(json_object_get(j, "type")), "manuscript", "CSL: manuscript");
	is_str(json_string_value(json_object_get(j, "archive")), "AVPRF", "CSL: archive");
	is_str(json_string_value(json_object_get(j, "archive_location")), "f. 0100, op. 34, d. 18",
	       "CSL: archive_location, as Zotero writes it");
	is_int(json_integer_value(json_array_get(json_array_get(json_object_get(json_object_get(j,
	       "issued"), "date-parts"), 0), 2)), 8, "CSL: the day of issue");
	json_decref(j);
	cite_free(&c);
	doc_free(d);

	/* a source without a comma before the signature, a Fond in words */
	d = mkdoc("x", "1950", "Letter, UNCURK Principal Secretary Kuzbari to UN Chef de Cabinet Narasimhan",
	          "RGASPI Fond 558, Opis 11, Delo 334, Listy 97-98. Obtained by Kathryn Weathersby.",
	          NULL, NULL);
	cite_from_doc(&c, d);
	is_str(c.archive, "RGASPI", "archive before Fond");
	is_str(c.location, "Fond 558, Opis 11, Delo 334, Listy 97-98", "the signature in words");
	is_str(c.author, "UNCURK Principal Secretary Kuzbari", "\"Letter, A to B\": the writer");
	is_str(c.recipient, "UN Chef de Cabinet Narasimhan", "and the addressee");
	s = cite_chicago(&c, DAY);
	ok(strstr(s, "accessed") == NULL, "no address: no access date");
	free(s);
	cite_free(&c);
	doc_free(d);

	/* an archive alone; no author in a title without from/to */
	d = mkdoc("y", NULL, "Record of Molotov's Conversation with US Ambassador Bohlen",
	          "Hungarian Foreign Ministry archive", NULL, NULL);
	cite_from_doc(&c, d);
	is_str(c.archive, "Hungarian Foreign Ministry archive", "an archive without a signature");
	ok(c.location == NULL && c.author == NULL, "no signature, no author");
	s = cite_chicago(&c, DAY);
	ok(strstr(s, "n.d.") != NULL, "undated: n.d.");
	free(s);
	cite_free(&c);
	doc_free(d);

	/* a FRUS document: the volume from its citation text */
	d = mkdoc("frus1955-57v23p2/d3", "January 8, 1955", "Telegram From the Embassy in Korea to the Department of State",
	          "Department of State, Central Files, 795B.00/1-855.", "https://history.state.gov/x/d3",
	          "Foreign Relations of the United States, 1955–1957, Korea, Volume XXIII, Part 2");
	{
		struct record r = {0};

		record_add_text(&r, RECORD_TEXT_CITATION, NULL, NULL,
		                "Foreign Relations of the United States, 1955–1957, Korea, Volume XXIII, "
		                "Part 2, ed. Louis J. Smith and Glenn W. LaFantasie (Washington: United "
		                "States Government Printing Office, 1993), Document 3, p. 3.");
		d->texts = r.texts;
	}
	cite_from_doc(&c, d);
	ok(c.in_volume, "printed in a volume");
	is_str(c.volume, "Foreign Relations of the United States, 1955–1957, Korea, Volume XXIII, Part 2", "its title");
	is_int(c.editors.n, 2, "two editors");
	if (c.editors.n == 2)
		is_str(c.editors.v[1], "Glenn W. LaFantasie", "the second editor");
	is_str(c.place, "Washington", "the place");
	is_str(c.volume_publisher, "United States Government Printing Office", "the publisher");
	is_str(c.year, "1993", "the year");
	is_str(c.number, "3", "the document number");
	is_str(c.page, "3", "the page");
	ok(c.collection == NULL, "the collection that is the volume is not said twice");
	s = cite_chicago(&c, DAY);
	ok(strstr(s, " document 3, in Foreign Relations of the United States, 1955–1957, Korea, Volume "
	          "XXIII, Part 2, ed. Louis J. Smith and Glenn W. LaFantasie (Washington: United States "
	          "Government Printing Office, 1993), 3, https://history.state.gov/x/d3.") != NULL,
	   "Chicago: the volume, editors, publication, page");
	free(s);
	s = cite_bibtex(&c, DAY);
	ok(strstr(s, "@incollection{frus1955-57v23p2/d3,") != NULL, "BibTeX: @incollection, the id as key");
	ok(strstr(s, "editor = {Louis J. Smith and Glenn W. LaFantasie}") != NULL, "BibTeX: editors");
	free(s);
	j = cite_csl_json(&c, DAY);
	is_str(json_string_value(json_object_get(j, "type")), "chapter", "CSL: a chapter");
	is_str(json_string_value(json_object_get(json_array_get(json_object_get(j, "editor"), 0),
	       "family")), "Smith", "CSL: an editor's family name");
	json_decref(j);
	cite_free(&c);
	doc_free(d);

	/* hostile text stays inert in BibTeX and RIS */
	d = mkdoc("a b{c}", "1950", "Braces } { and % $ # & _ ^ ~ \\ \x1b[31m\nline", NULL, NULL, NULL);
	cite_from_doc(&c, d);
	s = cite_bibtex(&c, DAY);
	ok(strstr(s, "@unpublished{a_b_c_,") != NULL, "BibTeX: a key of safe characters");
	ok(strstr(s, "title = {Braces \\textbraceright{} \\textbraceleft{} and \\% \\$ \\# \\& \\_ \\textasciicircum{} "
	          "\\textasciitilde{} \\textbackslash{}  [31m line},") != NULL,
	   "BibTeX: TeX's characters escaped, controls gone");
	free(s);
	s = cite_ris(&c, DAY);
	ok(strstr(s, "TI  - Braces } { and % $ # & _ ^ ~ \\  [31m line\r\n") != NULL,
	   "RIS: one line, no controls");
	free(s);
	cite_free(&c);
	doc_free(d);
	/* a date written in numbers is said as prose in a note; one written
	 * in words stays as the source wrote it */
	{
		static const struct { const char *in, *out; } dates[] = {
			{ "1950-06-26", "June 26, 1950" }, { "1950-06", "June 1950" },
			{ "1950", "1950" }, { "1950-1953", "1950\xe2\x80\x93" "1953" },
			{ "1950-06-01..1950-12", "June 1, 1950\xe2\x80\x93" "December 31, 1950" },
			{ "ca. July 1950", "ca. July 1950" }, { "30 September 1950", "30 September 1950" },
		};
		for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
			d = mkdoc("x", dates[i].in, "A note", NULL, NULL, NULL);
			cite_from_doc(&c, d);
			is_str(c.date, dates[i].out, dates[i].in);
			cite_free(&c);
			doc_free(d);
		}
		d = mkdoc("x", NULL, "Undated", NULL, NULL, NULL);
		cite_from_doc(&c, d);
		s = cite_chicago(&c, DAY);
		ok(strstr(s, "\xe2\x80\x9d n.d.") != NULL, "an undated note says n.d.");
		free(s);
		cite_free(&c);
		doc_free(d);
	}
	is_int(cite_style_parse("csl-json"), CITE_CSL_JSON, "style names");
	is_int(cite_style_parse("apa"), -1, "an unknown style");
	return done_testing();
}
