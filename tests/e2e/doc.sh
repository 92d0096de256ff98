# tests/e2e/doc.sh - outline, dump and the structured render of the four
# seed documents through the real binary.
. tests/e2e/lib.sh

# dump --json: the number of numbered paragraphs of each seed
for pair in "$S000 122" "$S001 52" "$S002 65" "$S003 197"; do
	f=${pair% *}; want=${pair#* }
	"$HAMISH" dump --json "$f" >"$T/j" 2>"$T/err"
	ok $? "dump $(basename "$f") exits 0"
	is "$(grep -c '"kind": "para"' "$T/j")" "$want" \
	    "$(basename "$f"): $want numbered paragraphs"
done
"$HAMISH" dump --json "$S001" >"$T/j"
is "$(grep -c '"kind": "footnote"' "$T/j")" 39 "001: 39 footnotes"
grep -q '"distribution": "Limited"' "$T/j"
ok $? "001: metadata from the header block"
"$HAMISH" dump "$S002" | grep -q '"date_iso": "2012-07-23"'
ok $? "002: the date, as metadata"
"$HAMISH" dump "$S003" | grep -q '"reason": "furniture"'
ok $? "003: dropped furniture is reported"

# outline: address, label as printed, first words
"$HAMISH" outline "$S002" >"$T/o"
ok $? "outline exits 0"
grep -q "^ *42	٤٢	" "$T/o"
ok $? "002: paragraph ٤٢ has address 42"
"$HAMISH" outline "$S003" | grep -q "^ *4.12	١٢	"
ok $? "003: numbering restarts: address 4.12"
is "$("$HAMISH" outline "$S003" | grep -c '^-')" 8 "003: eight sections"

# outline and dump never send control characters to a terminal
printf '1 - نص \033[31mأحمر\302\233\n' >"$T/esc.txt"
"$HAMISH" outline "$T/esc.txt" | LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')"
is $? 1 "outline: no raw escape from the document"
"$HAMISH" dump "$T/esc.txt" | LC_ALL=C grep -q "$(printf '\033\\|\302\233')"
is $? 1 "dump: ESC and C1 CSI escaped in JSON"

# re-encoded documents: same structure
for f in tests/corpus/encoded/*; do
	case $f in *.txt) ;; *) continue ;; esac
	n=$("$HAMISH" dump "$f" 2>/dev/null | grep -c '"kind": "para"')
	[ "$n" -gt 0 ]
	ok $? "$(basename "$f"): read, $n numbered paragraphs"
done
"$HAMISH" outline --encoding no-such-charset "$S000" >/dev/null 2>"$T/err"
is $? 2 "an unknown --encoding exits 2"
is "$(wc -l <"$T/err" | tr -d ' ')" 1 "with one line"

# render lays the model out: labels in the right gutter, headings ruled
"$HAMISH" render --width 70 "$S002" >"$T/r"
ok $? "render of 002 exits 0"
grep -q '    ١$' "$T/r"
ok $? "paragraph ١ has its label at the right edge"
grep -q '─' "$T/r"
ok $? "top-level headings are underlined"
"$HAMISH" render --width 70 "$S001" | grep -q '^ *─\{10\}$'
ok $? "001: footnotes set apart after a rule"
"$HAMISH" render --plain --width 70 "$S002" >"$T/p"
cmp -s "$T/p" "$T/r"
is $? 1 "--plain is the text as written, not the model"
done_testing
