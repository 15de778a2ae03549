#!/bin/sh
# valgrind.sh - browsing sessions under valgrind, with no leak and no
# invalid access: a headless session through every view (keys from a
# script), the same on a real pseudo-terminal ended by a key and by
# SIGTERM, and the commands over the hostile records. Skipped without
# valgrind, and for sanitizer builds (which valgrind cannot run).
. "${FONDS_SRCDIR:-.}/tests/faults/lib.sh"
need_ptyrun
command -v valgrind >/dev/null 2>&1 || skip_all "valgrind is not installed"
[ -z "$ASAN_BUILD" ] || skip_all "a sanitizer build: valgrind cannot run it"

VG="valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect"

# vg NAME CMD...: CMD under valgrind; passes when valgrind is silent.
vg() {
	name=$1
	shift
	# shellcheck disable=SC2086
	$VG --log-file="$tmp/$name.vg" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" </dev/null
	st=$?
	[ "$st" -ne 99 ] && [ ! -s "$tmp/$name.vg" ]
	ok "$name: no leak, no invalid access under valgrind (status $st)" [ $? -eq 0 ]
	diag "$tmp/$name.vg" 30
}

vg import "$FONDS_BIN" --db "$DB" import "$FONDS_DATADIR/sample.jsonl" \
	"$HOSTILE/hostile.jsonl" "$HOSTILE/hostile.csv" "$HOSTILE/hostile-page.txt"
is "the records are in" "$(doc_count)" 65
vg search "$FONDS_BIN" --db "$DB" search summary
vg show "$FONDS_BIN" --db "$DB" show h-csi
vg export "$FONDS_BIN" --db "$DB" export
vg people "$FONDS_BIN" --db "$DB" people

# The headless session: every view, a resize to too small and back.
cat >"$tmp/script" <<'EOF'
j
j
Enter
G
g
]
[
q
t
+
-
Enter
c
f
j
j
Enter
x
f
r
j
q
?
?
/
type korea
Enter
j
Enter
n
q
/
C-u
Enter
:
type open h-osc
Enter
Enter
q
q
g
resize 40x10
j
resize 30x8
resize 100x30
p
Enter
dump
Q
EOF
printf 'exit %d\n' 200 >"$tmp/wait"
"$PTYRUN" run -s 100x30 -o "$tmp/headless.raw" -t 240 "$tmp/wait" -- \
	env FONDS_UI_SCRIPT="$tmp/script" FONDS_UI_DUMP="$tmp/dump" FONDS_UI_SIZE=100x30 \
	$VG --log-file="$tmp/headless.vg" "$FONDS_BIN" --db "$DB" >/dev/null 2>&1
st=$?
[ "$st" -eq 0 ] && [ ! -s "$tmp/headless.vg" ]
ok "headless session through every view: clean under valgrind (status $st)" [ $? -eq 0 ]
diag "$tmp/headless.vg" 30
like "the session reached its end (the person view)" "$(cat "$tmp/dump" 2>/dev/null)" " person"

# On a pseudo-terminal: real keys, real resizes; ended by Q, then by
# SIGTERM in the middle of things.
cat >"$tmp/keys" <<'EOF'
settle 1000
keys jj\r
settle 300
keys Gg][q
settle 300
keys t+\r
settle 300
keys cf
settle 300
keys jj\rxf
settle 300
keys r
settle 300
keys jq??
settle 300
keys /korea\r
settle 500
keys j\rnq
settle 300
resize 40x10
settle 300
resize 30x8
settle 300
resize 100x30
settle 300
EOF
cp "$tmp/keys" "$tmp/keys-term"
printf 'keys Q\nexit 100\n' >>"$tmp/keys"
printf 'keys \\r\nsettle 300\nsignal TERM\nexit 100\n' >>"$tmp/keys-term"
for end in keys keys-term; do
	[ "$end" = keys ] && how=Q || how=SIGTERM
	"$PTYRUN" run -s 100x30 -o "$tmp/$end.raw" -t 240 "$tmp/$end" -- \
		$VG --log-file="$tmp/$end.vg" "$FONDS_BIN" --db "$DB" >"$tmp/$end.ptyrun" 2>&1
	st=$?
	[ "$st" -eq 0 ] && [ ! -s "$tmp/$end.vg" ]
	ok "terminal session ended by $how: clean under valgrind (status $st)" [ $? -eq 0 ]
	diag "$tmp/$end.vg" 30
	diag "$tmp/$end.ptyrun"
done

done_testing
