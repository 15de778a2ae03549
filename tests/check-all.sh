#!/bin/sh
# check-all.sh - build fonds from this checkout and run every test twice:
# once as shipped, once under AddressSanitizer and UBSan. Prints the
# closing line "N passed, N failed, N skipped" counted from the test
# harness's own result files.
#
# Usage: sh tests/check-all.sh        (from the top of the source tree)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
jobs=$(nproc 2>/dev/null || echo 2)
status=0

log() { printf '== %s\n' "$*"; }

if [ ! -x configure ] || [ configure.ac -nt configure ]; then
	log "autoreconf"
	autoreconf -fi >/dev/null || exit 2
fi

# run_suite NAME CONFIGURE-ARGS...: a fresh build directory, make check.
run_suite() {
	name=$1; shift
	dir="$top/_check/$name"
	rm -rf "$dir" && mkdir -p "$dir" || exit 2
	log "$name: configure $*"
	(cd "$dir" && "$top/configure" -q "$@" >/dev/null) || { echo "configure failed"; status=1; return; }
	log "$name: make"
	(cd "$dir" && make -s -j"$jobs" >/dev/null) || { echo "build failed"; status=1; return; }
	log "$name: make check"
	(cd "$dir" && make -s -j"$jobs" check) || status=1
}

run_suite plain --enable-werror
run_suite sanitizers --enable-sanitizers

pass=0 fail=0 skip=0
for trs in $(find "$top/_check" -name '*.trs'); do
	p=$(grep -c '^:test-result: PASS' "$trs")
	x=$(grep -c '^:test-result: XFAIL' "$trs")
	f=$(grep -c '^:test-result: FAIL' "$trs")
	xp=$(grep -c '^:test-result: XPASS' "$trs")
	er=$(grep -c '^:test-result: ERROR' "$trs")
	s=$(grep -c '^:test-result: SKIP' "$trs")
	pass=$((pass + p + x)); fail=$((fail + f + xp + er)); skip=$((skip + s))
done
[ "$fail" -eq 0 ] || status=1
[ "$pass" -gt 0 ] || { echo "no test ran"; status=1; }
for log in $(find "$top/_check" -name 'test-suite.log'); do
	if grep -q '^# FAIL: *[1-9]\|^# ERROR: *[1-9]' "$log"; then
		echo "---- failures in $log"; sed -n '/^FAIL\|^ERROR/,+40p' "$log" | head -200
	fi
done
echo "$pass passed, $fail failed, $skip skipped"
exit $status
