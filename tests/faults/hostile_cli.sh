#!/bin/sh
# hostile_cli.sh - the hostile records through the commands. On a
# terminal (a raw pseudo-terminal, every byte scanned): search, snippets,
# CSV, show, related, stats, timeline, people, person, and the messages
# that quote data, file names or arguments. Piped: JSON is exact and
# escaped (it parses back to the very strings imported, and survives an
# export-import-export round trip byte for byte), CSV is exact (it
# round-trips through import).
. "${FONDS_SRCDIR:-.}/tests/faults/lib.sh"
need_ptyrun

import_hostile "$DB" nohuge
is "the hostile records are in" "$(doc_count)" "$HOSTILE_DOCS"
HID=$(printf 'h-\033]0;PWNID\007-id')
EVIL=$(printf '\033]0;PWNARG\007\302\233\342\200\256')

# on_tty NAME CMD...: run CMD on a terminal 100 columns wide; its output
# (standard output and error, as a user sees them) goes to $tmp/NAME.raw
# and $out, and must pass the scan.
printf 'exit %d\n' $((20 * SLOW)) >"$tmp/wait"
on_tty() {
	name=$1
	shift
	"$PTYRUN" run -s 100x30 -o "$tmp/$name.raw" -t $((30 * SLOW)) "$tmp/wait" \
		-- "$@" >"$tmp/$name.ptyrun" 2>&1
	st=$?
	out=$(cat "$tmp/$name.raw")
	scan "$tmp/$name.raw" >"$tmp/$name.scan" && [ "$st" -lt 124 ]
	ok "$name on a terminal: nothing raw reaches it (exit $st)" [ $? -eq 0 ]
	diag "$tmp/$name.scan"
	diag "$tmp/$name.ptyrun"
}

on_tty search "$FONDS_BIN" --db "$DB" search
like "search: escapes shown as caret notation" "$out" '^[]0;PWNTITLE^G'
like "search: the hostile id is shown inert" "$out" 'h-^[]0;PWNID^G-id'
on_tty snippets "$FONDS_BIN" --db "$DB" search summary
like "snippets of hostile summaries" "$out" ' ^[[4242A^[[1;4242r'
on_tty csv "$FONDS_BIN" --db "$DB" search --format csv
on_tty json "$FONDS_BIN" --db "$DB" search --format json
like "JSON on a terminal is escaped" "$out" '\u001B]52;c;SGFja2Vk\u0007'
on_tty export "$FONDS_BIN" --db "$DB" export
on_tty export-csv "$FONDS_BIN" --db "$DB" export --format csv
on_tty stats "$FONDS_BIN" --db "$DB" stats
on_tty timeline "$FONDS_BIN" --db "$DB" timeline
on_tty people "$FONDS_BIN" --db "$DB" people
like "people: hostile names inert" "$out" 'Ivan ^[]0;PWNPERSON^GBravoman'
on_tty person "$FONDS_BIN" --db "$DB" person Vasily
like "person: a hostile name inert" "$out" 'Vasily ^[[4242mAlphaman'
for id in h-csi h-osc h-dcs h-c1 h-c0 h-bidi h-zw h-marks h-tab h-wide \
          h-date r-esc r-c1raw r-overlong r-invalid r-ctl r-bidi "$HID"; do
	on_tty show-$id "$FONDS_BIN" --db "$DB" show "$id"
	[ "$id" = h-csi ] || [ "$id" = "$HID" ] || continue
	on_tty related-$id "$FONDS_BIN" --db "$DB" related "$id"
done
on_tty show-page "$FONDS_BIN" --db "$DB" show "$("$FONDS_BIN" --db "$DB" search Sierra --format csv | sed -n '2s/,.*//p')"
like "a page record is shown inert" "$out" 'Sierra page ^[]0;PWNPAGETITLE^G'

# Messages that quote data, file names or arguments.
on_tty warn "$FONDS_BIN" --db "$tmp/w.db" import "$HOSTILE/hostile.jsonl"
like "an import warning quotes the data inert" "$out" 'PWNDATE'
printf '{"id": "x1", "title": \033]0;PWNJSON\007}\n' >"$tmp/bad.jsonl"
on_tty badjson "$FONDS_BIN" --db "$tmp/w.db" import "$tmp/bad.jsonl"
like "a JSON error quotes the bad token inert" "$out" "near '^['"
printf 'id,\033]0;PWNCOL\007,title\nx,y,z\n' >"$tmp/bad.csv"
on_tty badcsv "$FONDS_BIN" --db "$tmp/w.db" import "$tmp/bad.csv"
cp "$HOSTILE/hostile.jsonl" "$tmp/$EVIL.jsonl"
on_tty filename "$FONDS_BIN" --db "$tmp/w.db" import "$tmp/$EVIL.jsonl"
on_tty missing "$FONDS_BIN" --db "$DB" show "$EVIL"
on_tty query "$FONDS_BIN" --db "$DB" search "person:\"$EVIL"
on_tty date "$FONDS_BIN" --db "$DB" search --from "$EVIL"
on_tty format "$FONDS_BIN" --db "$DB" search --format "$EVIL"
on_tty option "$FONDS_BIN" --db "$DB" search "--$EVIL"
on_tty command "$FONDS_BIN" --db "$DB" "$EVIL"
on_tty dbpath "$FONDS_BIN" --db "$tmp/$EVIL" stats
on_tty nobody "$FONDS_BIN" --db "$DB" person "$EVIL"
like "messages show arguments inert" "$out" '^[]0;PWNARG^G'

# Piped JSON: exact and escaped.
"$FONDS_BIN" --db "$DB" export >"$tmp/e1.jsonl" 2>"$tmp/e1.err" && [ -s "$tmp/e1.jsonl" ]
ok "export writes JSON" [ $? -eq 0 ]
LC_ALL=C grep -q "$(printf '[\001-\011\013-\037\177]')" "$tmp/e1.jsonl"
ok "JSON holds no raw control character" [ $? -ne 0 ]
LC_ALL=C grep -q "$(printf '\302[\200-\237]\|\342\200[\252-\256]\|\342\201[\246-\251]')" "$tmp/e1.jsonl"
ok "JSON holds no raw C1 or bidi control" [ $? -ne 0 ]
like "JSON escapes OSC 52" "$(cat "$tmp/e1.jsonl")" '\u001B]52;c;SGFja2Vk\u0007'
like "JSON escapes bidi overrides" "$(cat "$tmp/e1.jsonl")" 'invoice_\u202Egnp.exe'
"$FONDS_BIN" --db "$tmp/rt.db" import "$tmp/e1.jsonl" >/dev/null 2>&1
"$FONDS_BIN" --db "$tmp/rt.db" export >"$tmp/e2.jsonl"
cmp -s "$tmp/e1.jsonl" "$tmp/e2.jsonl"
ok "JSON survives export, import, export byte for byte" [ $? -eq 0 ]
if command -v python3 >/dev/null 2>&1; then
	python3 - "$HOSTILE/hostile.jsonl" "$tmp/e1.jsonl" >"$tmp/py.out" 2>&1 <<'PY'
import json, sys
src = {}
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    src[r["id"]] = r
bad = 0
seen = 0
for line in open(sys.argv[2], encoding="utf-8"):
    r = json.loads(line)
    s = src.get(r["id"])
    if not s:
        continue
    seen += 1
    for f in ("title", "summary", "text"):
        if f in s and s[f] != r.get(f):
            # the store keeps text as imported, but for NUL (repaired)
            if "\u0000" in s[f] and s[f].replace("\u0000", "\ufffd") == r.get(f):
                continue
            print("%s.%s differs: %r != %r" % (r["id"], f, s[f][:80], (r.get(f) or "")[:80]))
            bad += 1
print("compared", seen)
sys.exit(1 if bad or seen < 12 else 0)
PY
	ok "JSON parses back to the very strings imported" [ $? -eq 0 ]
	diag "$tmp/py.out"
else
	skip "python3 is not installed: JSON not parsed back"
fi

# Piped CSV: exact (raw, as imported), and it round-trips through import.
# (Names holding a ";" cannot: CSV lists are "; "-separated.)
Q='id:h-csi OR id:h-dcs OR id:h-c1 OR id:h-bidi OR id:h-zw OR id:h-marks OR id:h-tab OR id:h-wide OR id:r-c1raw OR id:r-overlong OR id:r-ctl OR id:r-bidi'
"$FONDS_BIN" --db "$DB" export --format csv "$Q" >"$tmp/e1.csv"
like "CSV is exact: the escape is there, raw" "$(cat "$tmp/e1.csv")" "$(printf 'Alpha CSI \033[2J')"
"$FONDS_BIN" --db "$tmp/csv.db" import "$tmp/e1.csv" >"$tmp/csv.out" 2>&1
like "the exported CSV imports" "$(cat "$tmp/csv.out")" "12 new, 0 merged, 0 rejected"
"$FONDS_BIN" --db "$tmp/csv.db" export --format csv "$Q" >"$tmp/e2.csv"
cmp -s "$tmp/e1.csv" "$tmp/e2.csv"
ok "CSV survives export, import, export byte for byte" [ $? -eq 0 ]

done_testing
