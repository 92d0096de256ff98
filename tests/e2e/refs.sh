#!/bin/sh
# tests/e2e/refs.sh - cross-references end to end: `hamish refs` and
# `hamish library` on the seeds and on a library of two short documents
# that refer to each other, then the reader in a private tmux server:
# Tab between references, Enter (a paragraph shown over the text, a
# second Enter goes there; another document opened), Backspace and F
# back and forward across documents, r for the backlinks, :open.
. tests/e2e/lib.sh
. tests/e2e/tmux.sh

export XDG_CONFIG_HOME="$T/config"
mkdir -p "$XDG_CONFIG_HOME/hamish" "$T/lib" "$T/other"

# tab_to TEXT: presses Tab (up to 12 times, a second each at most)
# until the screen says TEXT
tab_to() {
	_tabs=0		# not _i: tmux.sh's polling uses that name
	while [ $_tabs -lt 12 ]; do
		tmux_key Tab
		_tabs=$((_tabs + 1))
		tmux_wait_for_text "$1" 1 2>/dev/null && return 0
	done
	tmux_wait_for_text "$1" 1
}

# --- hamish refs on the seeds ----------------------------------------

"$HAMISH" refs "$S001" >"$T/r001"
is $? 0 "refs on seed 001: exit status 0"
for r in A/RES/70/1 A/RES/79/1; do
	grep -q "	resolution	.*	$r	" "$T/r001"
	ok $? "seed 001: a resolution resolves to $r"
done
grep -q '	footnote	.*	here$' "$T/r001"
ok $? "seed 001: footnote markers resolve in the document"
"$HAMISH" refs "$S002" | grep -q '	A/RES/65/190	'
ok $? "seed 002: ١٩٠/٦٥ is resolution A/RES/65/190"
"$HAMISH" refs "$S000" | grep -q '	S/RES/1325 (2000)	'
ok $? "seed 000: Security Council resolution 1325 (2000)"
"$HAMISH" refs --json "$S002" >"$T/r.json"
head -c 9 "$T/r.json" | grep -q '^{"refs":'
ok $? "refs --json writes one object"
LC_ALL=C grep -q "$(printf '\033')" "$T/r001" "$T/r.json"
ok $((! $?)) "... and no escape character"

# --- a library of two documents ---------------------------------------

cat >"$T/lib/A_1_100.txt" <<'EOF'
١ - تشير هذه الوثيقة إلى التقرير A/1/200 وإلى الفقرة 2 أدناه.

٢ - فقرة ثانية يشار إليها في الفقرة 1 أعلاه.

٣ - الفقرة 5 من المادة 9 من البروتوكول لا تخص هذه الوثيقة، ولا A/99/999.
EOF
cat >"$T/lib/A_1_200.txt" <<'EOF'
١ - هذا التقرير يكمل الوثيقة A/1/100.
EOF

"$HAMISH" library --library "$T/lib" >"$T/lib.out"
grep -q "^A/1/100	" "$T/lib.out" && grep -q "^A/1/200	" "$T/lib.out"
ok $? "hamish library lists both documents by symbol (from their names)"
mkdir -p "$XDG_DATA_HOME/hamish/library"
printf '١ - نص.\n' >"$XDG_DATA_HOME/hamish/library/A_2_1.txt"
printf '١ - نص.\n' >"$T/other/E_2024_27.txt"
printf 'not a document\n' >"$T/other/E_2024_28.doc"
HAMISH_LIBRARY="$T/other:$T/nowhere" "$HAMISH" library >"$T/lib2.out"
grep -q '^A/2/1	' "$T/lib2.out" && grep -q '^E/2024/27	' "$T/lib2.out"
ok $? "the library has \$XDG_DATA_HOME/hamish/library and \$HAMISH_LIBRARY"
grep -q 'E/2024/28' "$T/lib2.out"
ok $((! $?)) "... only *.txt files, and a missing directory is no error"
"$HAMISH" refs "$T/lib/A_1_100.txt" >"$T/ra"
grep -q '	symbol	A/1/200	A/1/200	library$' "$T/ra"
ok $? "refs: A/1/200 resolves in the library (the file's directory)"
grep -q '	symbol	A/99/999	A/99/999	-$' "$T/ra"
ok $? "refs: A/99/999 does not"
grep -q '	paragraph	.*	2	here$' "$T/ra"
ok $? "refs: paragraph 2 resolves here"
grep -q '	instrument	' "$T/ra" && ! grep -q '	instrument	.*here$' "$T/ra"
ok $? "refs: paragraph 5 of article 9 is another instrument's"

tmux_start 100 30 "$HAMISH" "$T/lib/A_1_100.txt"
tmux_wait_for 'A/1/100'
tmux_key Tab
tmux_wait_for_text '→ document, in the library A/1/200'
ok $? "Tab goes to the first reference and says where it goes"
tmux_screen -e | grep -q '48;5;117m'
ok $? "... drawn in the ref-current face"
# The text of either document names the other: only the status line,
# which names the document shown, says that a key has taken effect.
tmux_key Enter
tmux_wait_for_text 'A/1/200: '
tmux_wait_status 'A/1/200'
ok $? "Enter opens the other document from the library"
tmux_key BSpace
tmux_wait_status 'A/1/100'
ok $? "Backspace goes back to the first document"
tmux_keys F
tmux_wait_status 'A/1/200'
ok $? "F goes forward again"
tmux_key C-o
tmux_wait_status 'A/1/100'
ok $? "C-o goes back too"
tab_to '→ paragraph 2'
ok $? "Tab goes on to the reference to paragraph 2"
tab_to '→ paragraph 1'
tmux_key BTab
tmux_wait_for_text '→ paragraph 2'
ok $? "S-Tab goes to the reference before"
tmux_key Enter
tmux_wait_for_text '¶ 2 — Enter: go there'
ok $? "Enter shows paragraph 2 over the text"
tmux_screen | grep -q "$(printf '\357\273')"
ok $? "... shaped"
tmux_key Enter
tmux_wait_for_text '¶ 2/'
tmux_status | grep -q '¶ 2/'
ok $? "a second Enter goes there"
tmux_key BSpace
tmux_wait_for_text '¶ 1/'
ok $? "and Backspace comes back to paragraph 1"

tmux_keys ':2'
tmux_key Enter
tmux_wait_for_text '¶ 2/'
tmux_keys r
tmux_wait_for_text 'Backlinks:'
ok $? "r lists what refers to paragraph 2"
tmux_screen | head -n 1 | grep -q '1 ¶\|¶ 1'
ok $? "... paragraph 1"
tmux_key Enter
tmux_wait_for_text '¶ 1/'
ok $? "Enter goes to it"

tmux_keys ':3'
tmux_key Enter
tmux_wait_for_text '¶ 3/'
tab_to 'another instrument'
tmux_key Enter
tmux_wait_for_text 'not of this document'
tmux_status | grep -q '¶ 3/'
ok $? "a paragraph of another instrument: said, and no jump"
tab_to 'not in the library A/99/999'
tmux_key Enter
tmux_wait_for_text 'A/99/999 is not in the library'
ok $? "a symbol not in the library: one line says so"

tmux_keys ':open A/1/200'
tmux_key Enter
tmux_wait_for ' A/1/200'
ok $? ":open A/1/200 opens it"
tmux_keys ':open A/5/5'
tmux_key Enter
tmux_wait_for_text 'A/5/5 is not in the library'
ok $? ":open of an unknown symbol says so"
tmux_keys q
tmux_wait_exit >/dev/null

# a footnote opens over the text
tmux_start 100 30 "$HAMISH" "$S002"
tmux_wait_for '%'
tab_to '→ footnote'
ok $? "Tab reaches a footnote marker of seed 002"
tmux_key Enter
tmux_wait_for_text 'Footnote '
ok $? "Enter shows the footnote over the text"
tmux_key Escape
tmux_wait_gone 'Footnote .* Enter: go there'
ok $? "Esc closes it"
tmux_keys q
tmux_wait_exit >/dev/null

# --- the documentation says what the code does -------------------------

for c in refs library; do
	"$HAMISH" --help | grep -q "hamish $c" &&
	    grep -q "^\\.Cm $c" man/hamish.1
	ok $? "$c is in --help and in hamish(1)"
done
"$HAMISH" --help | grep -q -- '--library' &&
    grep -q -- 'Fl -library' man/hamish.1
ok $? "--library is in --help and in hamish(1)"

done_testing
