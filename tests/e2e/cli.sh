#!/bin/sh
# tests/e2e/cli.sh - the reader's options before a command's name, as
# with git: `hamish --db X library` runs the library command on the
# database X (a real SQLite file, read back with sqlite3), and a file
# named like a command still opens as ./library or after --.
. tests/e2e/lib.sh

H=$(cd "$(dirname "$HAMISH")" && pwd)/$(basename "$HAMISH")
X=$T/x.db
mkdir "$T/lib" "$T/w"
printf 'A/C.3/79/L.1\n\nالجمعية العامة\n\n1 - فقرة أولى\n' >"$T/lib/d.txt"
printf 'A/C.3/79/L.2\n\nمجلس الأمن\n\n1 - نص الملف\n' >"$T/w/library"
printf '{"items": [{"id": "urn:uuid:0f0e0d0c-0b0a-4908-8706-050403020100", '\
'"type": "Annotation", "created": "2026-01-01T00:00:00.000Z", '\
'"modified": "2026-01-01T00:00:00.000Z", '\
'"body": {"type": "TextualBody", "value": "ملاحظة عامة"}, '\
'"target": {"source": "urn:hamish:text:0123456789abcdef", '\
'"selector": [{"type": "TextQuoteSelector", "exact": "فقرة", '\
'"prefix": "", "suffix": ""}]}, "hamish:style": "yellow", '\
'"hamish:document": {"family": null, '\
'"symbol": "A/C.3/79/L.1", "title": null}, '\
'"hamish:anchor": {"block": 0, "start": 0, "end": 4, '\
'"whole": false, "paragraph": "1", '\
'"paragraphHash": "0000000000000000", '\
'"documentHash": "0123456789abcdef", "status": "exact", '\
'"score": 1}}]}\n' >"$T/n.json"

# --- notes
"$H" --db "$X" notes import "$T/n.json" >/dev/null 2>"$T/err"
is $? 0 "--db X notes import: runs the notes command ($(cat "$T/err"))"
is "$(sqlite3 "$X" 'SELECT note FROM annotations')" "ملاحظة عامة" \
    "  the note is in X"
[ ! -e "$HAMISH_DB" ]
ok $? "  and not in \$HAMISH_DB"
"$H" --db "$X" notes export --format csv >"$T/before" 2>"$T/err"
is $? 0 "--db X notes export --format csv ($(cat "$T/err"))"
"$H" notes export --db "$X" --format csv >"$T/after"
cmp -s "$T/before" "$T/after" && grep -q 'ملاحظة عامة' "$T/before"
ok $? "  the same as notes export --db X, the note in it"
"$H" --db="$X" notes export --db "$T/y.db" --format csv >"$T/own" 2>&1
grep -q 'ملاحظة عامة' "$T/own"
is $? 1 "  the command's own --db after its name wins"

# --- library and refs
"$H" --db "$X" library --library "$T/lib" >"$T/out" 2>"$T/err"
is $? 0 "--db X library ($(cat "$T/err"))"
grep -q "^A/C.3/79/L.1	-	$T/lib/d.txt\$" "$T/out"
ok $? "  lists the library"
is "$(sqlite3 "$X" 'SELECT symbol FROM library')" "A/C.3/79/L.1" \
    "  indexed in X"
"$H" --db "$X" --library "$T/lib" library >"$T/out2" 2>&1
cmp -s "$T/out" "$T/out2"
ok $? "--db X --library DIR library: the same"
"$H" --lib "$T/lib" -eUTF-8 --exact --db "$X" library >"$T/out2" 2>&1
cmp -s "$T/out" "$T/out2"
ok $? "--lib DIR -eUTF-8 --exact --db X library: abbreviated, joined, ignored"
"$H" --db "$X" --library "$T/lib" refs "$T/lib/d.txt" >"$T/out" 2>"$T/err"
is $? 0 "--db X --library DIR refs FILE ($(cat "$T/err"))"

# --- commands with no use for --db ignore it
"$H" --db "$X" dump "$T/lib/d.txt" >"$T/out" 2>"$T/err"
is $? 0 "--db X dump FILE ($(cat "$T/err"))"
"$H" dump "$T/lib/d.txt" >"$T/want"
cmp -s "$T/out" "$T/want"
ok $? "  the same as dump FILE"
"$H" --keymap emacs --db "$X" render --width 40 "$T/lib/d.txt" \
    >"$T/out" 2>&1
"$H" render --width 40 "$T/lib/d.txt" >"$T/want"
cmp -s "$T/out" "$T/want"
ok $? "--keymap emacs --db X render --width 40 FILE"
"$H" --db "$X" --bogus library >/dev/null 2>"$T/err"
is $? 1 "an unknown option before a command: a usage error"
grep -q -- '--bogus' "$T/err"
ok $? "  that names it"

# --- compare into a pipe is diff's report, with the options it was given
printf 'الجمعية\n\n1 - كتب الطالب الدرس\n' >"$T/old.txt"
printf 'الجمعية\n\n1 - كَتَبَ الطالب الدرس\n' >"$T/new.txt"
"$H" diff --exact "$T/old.txt" "$T/new.txt" >"$T/want"
grep -q '1 changed' "$T/want"
ok $? "diff --exact: harakat added are a change"
"$H" compare --exact "$T/old.txt" "$T/new.txt" >"$T/out" 2>&1
cmp -s "$T/out" "$T/want"
ok $? "compare --exact into a pipe: the same report"
"$H" --exact compare "$T/old.txt" "$T/new.txt" >"$T/out" 2>&1
cmp -s "$T/out" "$T/want"
ok $? "--exact compare into a pipe: the same"

# --- a file named like a command
cd "$T/w" || exit 1
"$H" render library >"$T/want" 2>&1
grep -q 'ﺲﻠﺠﻣ' "$T/want"
ok $? "render library: the file"
for form in "./library" "-- library" "--db $X -- library" \
    "--db $X ./library"; do
	# shellcheck disable=SC2086 # the words of form
	"$H" $form >"$T/out" 2>&1
	cmp -s "$T/out" "$T/want"
	ok $? "hamish $form: opens the file (printed: not a terminal)"
done
"$H" library >"$T/out" 2>&1
grep -q 'ﺲﻠﺠﻣ' "$T/out"
is $? 1 "hamish library: still the command"
cd - >/dev/null || exit 1

"$HAMISH" --help | grep -q 'hamish \[reader options\] COMMAND' &&
    "$HAMISH" --help | grep -q 'hamish -- library' &&
    grep -q 'Ic hamish -- library' man/hamish.1 &&
    grep -q 'hamish --db x.db notes export' README.md
ok $? "--help, hamish(1) and README say so"

done_testing
