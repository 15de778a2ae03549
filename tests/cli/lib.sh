# lib.sh - TAP helpers and fixtures for the CLI tests (POSIX sh).
#
# A test sources this file, then calls the helpers:
#   run CMD...          run a command; sets $out, $err (file contents) and $rc
#   fonds ARGS...       run the fonds under test on the test's database $DB
#   ok NAME CMD...      pass when CMD succeeds
#   is NAME GOT WANT    pass when the strings are equal
#   like NAME GOT PAT   pass when GOT contains the fixed string PAT
#   unlike NAME GOT PAT pass when it does not
#   skip_all REASON     skip the whole test
#   done_testing        print the plan; the exit status says whether all passed
# Every test works in its own directory $tmp, removed at exit.

: "${FONDS_SRCDIR:=.}"
. "$FONDS_SRCDIR/tests/lib.sh"

tap_tmpdir cli
# A private data home so that nothing touches the user's database.
XDG_DATA_HOME=$tmp/data
export XDG_DATA_HOME

# A JSON field of the stats of $DB.
stat_field() {
	"$FONDS_BIN" --db "$DB" stats --format json |
		sed -n "s/.*\"$1\":\\([^,}]*\\).*/\\1/p"
}

# Eight documents in fonds' JSON shape, written for these tests: day,
# month and year dates, one undated, accents, a link, Cyrillic.
write_fixture() {
	cat >"$1" <<'JSON'
{"id": "t-1950-0625", "date": "June 25, 1950", "title": "Report on the First Day of Fighting", "summary": "An account of the clashes along the parallel on the first morning, and of the orders given that afternoon.", "people": ["Terentii Shtykov"], "places": ["Korea"], "subjects": ["Korean War"], "collections": ["Test Collection"], "language": "Russian"}
{"id": "t-1950-0630", "date": "June 30, 1950", "title": "Telegram from Shtykov Asking for Supplies", "summary": "A request for ammunition, fuel and trucks for the advancing divisions.", "people": ["Terentii Shtykov"], "places": ["Korea", "Soviet Union"], "subjects": ["Military aid"], "collections": ["Test Collection"], "language": "Russian", "related": ["t-1950-0701"]}
{"id": "t-1950-0701", "date": "July 1, 1950", "title": "Draft Reply on the Supplies", "summary": "A draft answer promising part of the trucks and none of the fuel.", "people": ["Joseph Stalin"], "places": ["Soviet Union"], "subjects": ["Military aid"], "collections": ["Test Collection"], "language": "Russian"}
{"id": "t-1950-12", "date": "December 1950", "title": "Monthly Review of the Front", "summary": "Where the lines stood at the end of the year, province by province.", "places": ["Korea"], "subjects": ["Korean War"], "collections": ["Test Collection"], "language": "Russian"}
{"id": "t-1953-0603", "date": "June 3, 1953", "title": "Record of a Conversation with Ambassador Pásztor", "summary": "The Hungarian envoy reports on the mood in the capital after the armistice talks resumed.", "people": ["János Pásztor"], "places": ["Hungary", "North Korea"], "subjects": ["Diplomacy"], "collections": ["Other Papers"], "language": "Hungarian"}
{"id": "t-1956", "date": "1956", "title": "Annual Report of the Embassy for 1956", "summary": "A year of reconstruction: harvests, factories and the party congress.", "places": ["North Korea"], "subjects": ["Economy"], "collections": ["Other Papers"], "language": "Russian"}
{"id": "t-1974-1221", "date": "December 21, 1974", "title": "Письмо о переговорах", "summary": "A letter about the talks between North and South, written in Russian.", "people": ["Kim Il Sung"], "places": ["North Korea", "South Korea"], "subjects": ["Reunification"], "collections": ["Other Papers"], "language": "Russian"}
{"id": "t-undated", "title": "Notes on Liaison Officers", "summary": "Undated notes listing the liaison officers and the units they served with.", "places": ["Korea"], "subjects": ["Korean War"], "collections": ["Test Collection"], "language": "Russian"}
JSON
}
FIXTURE_DOCS=8

# The widest line of the text, in characters (not bytes).
max_width() {
	printf '%s\n' "$1" | while IFS= read -r tap_line; do
		printf '%s' "$tap_line" | wc -m
	done | sort -n | tail -1
}
