#!/bin/sh
# safety.sh - strings from the data never reach a terminal raw: escape
# sequences, C1 controls and bidi overrides are neutralized in text output
# (always) and escaped in JSON; behaviour on a terminal (through script(1)).
. "${FONDS_SRCDIR:-.}/tests/cli/lib.sh"

ESC=$(printf '\033')
C1=$(printf '\302\233')     # U+009B, CSI
RLO=$(printf '\342\200\256') # U+202E, right-to-left override
BEL=$(printf '\007')

# no_raw NAME TEXT: the text holds none of the dangerous characters.
no_raw() {
	case $2 in
	*"$ESC"* | *"$C1"* | *"$RLO"* | *"$BEL"*)
		tap_n=$((tap_n + 1)); tap_failed=$((tap_failed + 1))
		echo "not ok $tap_n - $1"
		printf '%s' "$2" | od -c | head -5 | sed 's/^/#   /' ;;
	*)
		tap_n=$((tap_n + 1)); echo "ok $tap_n - $1" ;;
	esac
}

cat >"$tmp/evil.jsonl" <<'JSON'
{"id": "evil-1", "date": "1951-01-01", "title": "Title \u001B]0;pwned\u0007 with \u001b[2J escapes \u009B31m and \u202E reversed", "summary": "Summary \u001b[31mred\u001b[0m and \u0085 NEL", "text": "Body \u001b[?1049h alt screen", "people": ["Evil \u001b[5m Person"], "places": ["Place \u009b2J"]}
{"id": "evil-2", "date": "1951-01-02", "title": "Plain neighbour of the escapes", "summary": "Nothing odd", "people": ["Evil \u001b[5m Person"], "related": ["evil-1"]}
JSON
fonds import "$tmp/evil.jsonl" >/dev/null 2>&1
is "the hostile records are imported" "$(doc_count)" 2

run fonds search
no_raw "search text output is sanitized" "$out"
like "search: escapes shown as caret notation" "$out" "^["
run fonds search escapes
no_raw "search with words is sanitized" "$out"
run fonds show evil-1
no_raw "show is sanitized" "$out"
like "show: still shows the words" "$out" "alt screen"
run fonds related evil-2
no_raw "related is sanitized" "$out"
run fonds show evil-2
no_raw "show of the neighbour (related list) is sanitized" "$out"
run fonds search --format json
no_raw "JSON escapes controls, C1 and bidi" "$out"
like "JSON: ESC escaped" "$out" '\u001B]0;pwned\u0007'
like "JSON: C1 escaped" "$out" '\u009B31m'
like "JSON: bidi escaped" "$out" '\u202E reversed'
run fonds show evil-1 --format json
no_raw "show json escapes" "$out"
run fonds related evil-2 --format json
no_raw "related json escapes" "$out"
run fonds show "$(printf 'x\033[2J')"
no_raw "a missing id is sanitized in the message" "$err"

# The same on a terminal, through script(1).
if ! command -v script >/dev/null 2>&1 ||
   ! script -qec true /dev/null </dev/null >/dev/null 2>&1; then
	skip "script(1) is not installed or cannot make a terminal"
	done_testing
fi
tty_run() {
	# script gives the command a terminal; its own output is the screen.
	# NO_COLOR: then any escape sequence in the output came from the data.
	out=$(NO_COLOR=1 COLUMNS=$1 script -qec "$2" /dev/null </dev/null 2>&1 | tr -d '\r')
}
tty_run 40 "\"$FONDS_BIN\" --db \"$DB\" search"
no_raw "search on a terminal is sanitized" "$out"
ok "search on a terminal is clipped to the width" test "$(max_width "$out")" -le 40
like "clipped titles end with an ellipsis" "$out" "…"
tty_run 60 "\"$FONDS_BIN\" --db \"$DB\" search escapes"
like "a text query shows a snippet line on a terminal" "$out" "
    "
tty_run 200 "\"$FONDS_BIN\" --db \"$DB\" search summary"
no_raw "snippets of hostile text are sanitized" "$out"
like "the snippet holds the match" "$out" "Summary"
out=$(COLUMNS=80 script -qec "\"$FONDS_BIN\" --db \"$DB\" search neighbour" /dev/null </dev/null 2>&1 | tr -d '\r')
like "matched words are bold on a terminal without NO_COLOR" "$out" "${ESC}[1mneighbour${ESC}[0m"
tty_run 80 "\"$FONDS_BIN\" --db \"$DB\" search --format csv"
no_raw "CSV on a terminal is sanitized" "$out"
tty_run 80 "\"$FONDS_BIN\" --db \"$DB\" search zanzibar"
like "nothing found says so on a terminal" "$out" "fonds: no documents match"
tty_run 80 "\"$FONDS_BIN\" --db \"$DB\" show evil-1"
no_raw "show on a terminal is sanitized" "$out"
tty_run 80 "\"$FONDS_BIN\" --db \"$DB\" import \"$tmp/evil.jsonl\""
like "import on a terminal still prints the summary" "$out" "0 new, 0 merged, 0 rejected"
# TERM=dumb: the browser all the same, in accessible mode (Q quits it)
out=$( (sleep 2; printf Q) | NO_COLOR=1 timeout 30 script -qec \
	"TERM=dumb \"$FONDS_BIN\" --db \"$DB\"" /dev/null 2>&1 | tr -d '\r')
like "TERM=dumb: the browser in accessible mode" "$out" "accessible mode"

done_testing
