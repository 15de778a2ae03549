#!/bin/sh
# cite.sh - fonds cite and the bibliography exports, read by the programs
# historians use: pandoc --citeproc with Debian's Chicago style (CSL-JSON
# and BibTeX), biber --tool (BibTeX) and bibutils' ris2xml (RIS). A
# program that is missing skips its tests, and fails them in CI.
. "${FONDS_SRCDIR:-.}/tests/cli/lib.sh"

SOURCE_DATE_EPOCH=1796212800 # 2026-12-02 12:00 UTC
export SOURCE_DATE_EPOCH
DB=$tmp/c.db
cat >"$tmp/a.jsonl" <<'JSON'
{"id": "kr-1950-0708", "date": "July 8, 1950", "title": "Ciphered Telegram No. 405976 from Shtykov to Feng Xi [Stalin], transmitting letter from Kim Il Sung to Stalin", "summary": "Shtykov forwards Kim Il Sung's appeal.", "collections": ["Korean War 1950-1953"], "source": "AVPRF, f. 0100, op. 34, d. 18. Translated by Gary Goldberg.", "url": "https://digitalarchive.wilsoncenter.org/document/kr-1950-0708"}
{"id": "t-odd", "date": "1950-1953", "title": "Braces } { and % $ # & _ ^ ~ \\ and \u001b[31m an escape", "source": "Test Archive, box 3. Obtained by us.", "url": "https://example.org/doc?id=1&x=2"}
{"id": "t-plain", "title": "Undated Notes", "source": "Hungarian Foreign Ministry archive"}
JSON
fonds import "$tmp/a.jsonl" >/dev/null 2>&1
fonds import "$FONDS_SRCDIR/tests/data/tei/volume.xml" >/dev/null 2>&1

run fonds cite kr-1950-0708
is "cite exits 0" "$rc" 0
is "cite: a Chicago note by default" "$out" "Shtykov to Feng Xi [Stalin], “Ciphered Telegram No. 405976 from Shtykov to Feng Xi [Stalin], transmitting letter from Kim Il Sung to Stalin,” July 8, 1950, AVPRF, f. 0100, op. 34, d. 18. Translated by Gary Goldberg. Korean War 1950-1953, Wilson Center Digital Archive, accessed December 2, 2026, https://digitalarchive.wilsoncenter.org/document/kr-1950-0708."
run fonds cite --style chicago t-plain frus1999-00v99/d2
is "cite: one line per document" "$(printf '%s\n' "$out" | wc -l)" 2
like "cite: a FRUS document in its volume" "$out" "in Foreign Relations"
run fonds cite --style bibtex kr-1950-0708
like "cite --style bibtex" "$out" "@unpublished{kr-1950-0708,"
run fonds cite --style ris kr-1950-0708
like "cite --style ris" "$out" "TY  - UNPB"
run fonds cite --style csl-json kr-1950-0708
like "cite --style csl-json: an array" "$out" '[{"id":"kr-1950-0708","type":"manuscript"'
like "cite --style csl-json: archive_location" "$out" '"archive_location":"f. 0100, op. 34, d. 18"'
run fonds cite --style apa kr-1950-0708
is "an unknown style exits 2" "$rc" 2
like "an unknown style is named" "$err" 'unknown style "apa"'
run fonds cite no-such
is "an unknown id exits 2" "$rc" 2
run fonds cite
is "no id exits 2" "$rc" 2

run fonds export --format bibtex
is "export --format bibtex exits 0" "$rc" 0
printf '%s\n' "$out" >"$tmp/all.bib"
is "one entry per document" "$(grep -c '^@' "$tmp/all.bib")" 8
run fonds export --format ris
printf '%s\n' "$out" >"$tmp/all.ris"
is "export --format ris: one record each" "$(grep -c '^ER  - ' "$tmp/all.ris")" 8
run fonds export --format csl-json
printf '%s\n' "$out" >"$tmp/all.json"
run fonds export --format markdown id:kr-1950-0708
like "export --format markdown: a heading" "$out" "## Ciphered Telegram No. 405976"
like "export --format markdown: the citation" "$out" "AVPRF, f. 0100, op. 34, d. 18."
run fonds export --format bibtex id:t-odd OR id:t-plain
is "export of a query" "$(printf '%s\n' "$out" | grep -c '^@')" 2
run fonds export --format mods
is "an unknown format exits 2" "$rc" 2
like "the formats are named" "$err" "json, csv, bibtex, ris, csl-json or markdown"
ok "no raw escape in the BibTeX" sh -c '! grep -q "$(printf "\\033")" "$1"' sh "$tmp/all.bib"

# A document citing every entry, for pandoc.
keys=$(sed -n 's/^@[a-z]*{\(.*\),$/\1/p' "$tmp/all.bib")
{
	printf 'Notes.'
	i=0
	for k in $keys; do
		i=$((i + 1))
		printf '[^%d]' "$i"
	done
	printf '\n\n'
	i=0
	for k in $keys; do
		i=$((i + 1))
		printf '[^%d]: @%s\n' "$i" "$k"
	done
} >"$tmp/cites.md"

# need_prog NAME: 0 when the program is there; else a skip (a failure in CI).
need_prog() {
	if command -v "$1" >/dev/null 2>&1; then
		return 0
	fi
	if [ "${CI:-}" = true ]; then
		ok "$1 is installed (CI=true)" false
	else
		skip "$1 is not installed"
	fi
	return 1
}

csl=
for f in /usr/share/citation-style-language/styles/chicago-fullnote-bibliography.csl \
         /usr/share/citation-style-language/styles/chicago-fullnote-bibliography*.csl; do
	[ -f "$f" ] && { csl=$f; break; }
done
if need_prog pandoc; then
	if [ -z "$csl" ]; then
		if [ "${CI:-}" = true ]; then
			ok "the Chicago CSL style is installed (CI=true)" false
		else
			skip "no Chicago CSL style (citation-style-language-styles)"
		fi
	else
		for b in all.json all.bib; do
			run pandoc --citeproc --csl "$csl" --bibliography "$tmp/$b" -t plain "$tmp/cites.md"
			is "pandoc --citeproc reads $b" "$rc" 0
			unlike "pandoc: every citation of $b found" "$err" "not found"
			like "pandoc ($b): the archive's document" "$out" "Shtykov"
			like "pandoc ($b): the signature" "$out" "f. 0100, op. 34, d. 18"
			like "pandoc ($b): the volume" "$out" "Foreign Relations of the United States"
			like "pandoc ($b): its editors" "$out" "Ada Editor and Ben Compiler"
		done
		like "pandoc (CSL-JSON): the archive after the signature" "$out" "Digital Archive"
	fi
fi
if need_prog biber; then
	(cd "$tmp" && biber --tool --validate-datamodel --output-file=out.bib all.bib) >"$tmp/biber.log" 2>&1
	is "biber --tool accepts the BibTeX" "$?" 0
	unlike "biber: no errors" "$(cat "$tmp/biber.log")" "ERROR"
	is "biber wrote every entry" "$(grep -c '^@' "$tmp/out.bib")" 8
fi
if need_prog ris2xml; then
	run ris2xml "$tmp/all.ris"
	is "ris2xml reads the RIS" "$rc" 0
	is "ris2xml: every record" "$(printf '%s\n' "$out" | grep -c '<mods ')" 8
	like "ris2xml: a title" "$out" "Ciphered Telegram No. 405976"
	like "ris2xml: unpublished" "$out" "<genre authority=\"bibutilsgt\">unpublished</genre>"
	like "ris2xml: a chapter of a volume" "$out" "book chapter"
	unlike "ris2xml: every type known" "$err" "Did not recognize"
fi
done_testing
