#!/bin/sh
# people.sh - people and relations on the seed pages: variant spellings
# and cover names find their person, and the relations a reader sees
# (a reply, two notes to the same man, a journal series) are there.
. "${FONDS_SRCDIR:-.}/tests/cli/lib.sh"

need_seeds 004_961ba4dfd91e6592.txt
run fonds import "$FONDS_SEEDS"/0*.txt
is "importing the seeds exits 0" "$rc" 0

# The id of the document of a date whose title contains a word.
id_of() {
	fonds search "date:$1" "$2" --format csv | sed -n '2s/^\([^,]*\),.*/\1/p'
}

run fonds search razuvaev --limit 0
like "razuvaev finds the telegram signed Matveyev" "$out" "Telegram from Matveyev (Razuvayev V.N.) to Stalin"
like "razuvaev finds the draft to Matveyev (Razuvayev)" "$out" "Draft Telegram from Chanfu"
like "razuvaev finds the 1951 telegrams" "$out" "1951-11-19"
run fonds search shytkov --limit 0
like "shytkov finds Shtykov's telegrams" "$out" "Telegram from Shtykov to Gromyko and Stalin"
like "shytkov finds the one that spells him Shtykov only" "$out" "Feng Xi [Stalin]"
run fonds search gromkyo --limit 0
like "gromkyo finds Gromyko's telegram" "$out" "1951-11-19"
like "gromkyo finds the Kirk conversation" "$out" "Conversation with Gromyko"
run fonds search stalin --limit 0
like "stalin finds the telegram to Feng Xi" "$out" "to Feng Xi [Stalin]"
like "stalin finds Instantsia" "$out" "Instantsia (Stalin)"
run fonds search stalni
is "a misspelled word still finds something" "$rc" 0
like "stalni finds Stalin" "$out" "Stalin"

for n in Matveyev Razuvayev "V.N. Razuvaev" "Razuvayev V.N."; do
	run fonds person "$n" --format json
	like "$n is Vladimir Razuvaev" "$out" '"name":"Vladimir Razuvaev"'
done
for n in "Feng Xi" Filippov Instantsia Сталин; do
	run fonds person "$n" --format json
	like "$n is Joseph Stalin" "$out" '"name":"Joseph Stalin"'
done
# The text form: every label stands apart from its value (issue 12:
# "Appears withKim Il Sung").
run fonds person Stalin
ok "text: Appears with, a space, then the names" sh -c 'printf "%s\n" "$1" | grep -q "^Appears with  *[^ ]"' sh "$out"
labels=$(printf '%s\n' "$out" | grep -E "^(Variants|Documents|Appears with) ")
is "text: the values start in one column" "$(printf '%s\n' "$labels" | grep -Ec '^.{13} [^ ]')" "$(printf '%s\n' "$labels" | grep -c .)"
run fonds person Chanfu --format json
like "Chanfu is Nikolai Bulganin" "$out" '"name":"Nikolai Bulganin"'
run fonds person Shytkov --format json
like "Shytkov is Terentii Shtykov" "$out" '"name":"Terentii Shtykov"'
run fonds person Gromkyo --format json
like "Gromkyo is Andrei Gromyko" "$out" '"name":"Andrei Gromyko"'
run fonds person "Choe Yeonggeon" --format json
like "Choe Yeonggeon is Choe Yong-geon" "$out" '"name":"Choe Yong-geon"'

telegram=$(id_of 1950-09-27 Matveyev)
draft=$(id_of 1950-09-30 Chanfu)
ok "found the 27 September telegram and the 30 September draft" [ -n "$telegram" ] && [ -n "$draft" ]
run fonds related "$telegram" --format csv
like "the telegram is answered by the draft" "$out" "$draft"
like "as a reply" "$out" "answered by"
run fonds related "$draft" --format csv
like "the draft replies to the telegram" "$out" "reply to"

first=$(id_of 1953-04-14 Selivanov)
second=$(id_of 1953-04-18 Razuvaev)
run fonds related "$first"
like "the two notes to Beria are related" "$out" "$second"
like "as notes to the same man" "$out" "another Explanatory Note to L.P. Beria"

may2=$(id_of 1957-05-02 Puzanov)
may16=$(id_of 1957-05-16 Puzanov)
may29=$(id_of 1957-05-29 Puzanov)
july24=$(id_of 1957-07-24 Puzanov)
run fonds related "$may2"
like "2 May leads to 16 May" "$out" "next in series"
like "16 May is the next entry" "$out" "$may16"
run fonds related "$may16"
like "16 May goes back to 2 May" "$out" "$may2"
like "and on to 29 May" "$out" "$may29"
run fonds related "$may29"
like "29 May leads to 24 July" "$out" "$july24"
done_testing
