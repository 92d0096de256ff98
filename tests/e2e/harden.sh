# tests/e2e/harden.sh - hostile and careless input through the real
# binary (issue 15): what each command must still do with it.
. tests/e2e/lib.sh
. tests/e2e/tmux.sh
# a byte that must not reach standard error raw: ESC, BEL, C1 CSI
raw="$(printf '\033\\|\007\\|\302\233')"
noraw() {	# noraw FILE DESCRIPTION: no raw control in FILE
	LC_ALL=C grep -q "$raw" "$1"
	is $? 1 "$2"
}

# --- 2: ICU's guess names a charset it cannot convert (IBM420_ltr) ---
printf 'abc \241\270 def\n' >"$T/ibm.txt"
"$HAMISH" dump --json "$T/ibm.txt" >"$T/out" 2>"$T/err"
is $? 0 "two stray bytes: the file is read"
grep -q 'unknown encoding' "$T/err"
is $? 1 "no 'unknown encoding' for ICU's own guess"
grep -q '"text": "abc' "$T/out"
ok $? "the text is there"
# short random files with a few high bytes: none is refused
bad=0
i=0
while [ $i -lt 60 ]; do
	awk -v seed=$i 'BEGIN { srand(seed); n = 6 + int(rand() * 20)
	    for (k = 0; k < n; k++) {
		r = rand()
		if (r < 0.15) printf "%c", 128 + int(rand() * 128)
		else printf "%c", 97 + int(rand() * 26)
	    } printf "\n" }' >"$T/r.txt"
	LC_ALL=C "$HAMISH" outline "$T/r.txt" >/dev/null 2>"$T/err" ||
	    { bad=$((bad + 1)); sed 's/^/# /' "$T/err"; }
	i=$((i + 1))
done
is $bad 0 "60 random short files with stray bytes: all read"

# --- 3: render --plain decodes as every other command ---
printf '\377\376' >"$T/u16.txt"
printf 'سلام عليكم\n' | iconv -f UTF-8 -t UTF-16LE >>"$T/u16.txt"
printf 'سلام عليكم\n' >"$T/u8.txt"
"$HAMISH" render --plain --width 30 "$T/u8.txt" >"$T/want"
"$HAMISH" render --plain --width 30 "$T/u16.txt" >"$T/got" 2>"$T/err"
is $? 0 "render --plain: UTF-16 with a byte order mark is read"
cmp -s "$T/got" "$T/want"
ok $? "  as the same text as in UTF-8"
"$HAMISH" render --plain --width 30 --encoding UTF-16LE "$T/u16.txt" \
    >"$T/got" 2>"$T/err"
cmp -s "$T/got" "$T/want"
ok $? "  also with --encoding UTF-16LE"
printf 'سلام عليكم\n' | iconv -f UTF-8 -t WINDOWS-1256 >"$T/w.txt"
"$HAMISH" render --plain --width 30 --encoding windows-1256 "$T/w.txt" \
    >"$T/got" 2>"$T/err"
cmp -s "$T/got" "$T/want"
ok $? "render --plain --encoding windows-1256 is not ignored"
"$HAMISH" render --plain --width 30 --encoding no-such "$T/u8.txt" \
    >/dev/null 2>"$T/err"
is $? 2 "render --plain: an unknown --encoding exits 2, as elsewhere"
printf '\357\273\277سلام عليكم\n' >"$T/bom.txt"
"$HAMISH" render --plain --width 30 "$T/bom.txt" | cmp -s - "$T/want"
ok $? "  a UTF-8 byte order mark is dropped"

# --- 4: dump --json of an empty or blank file ---
: >"$T/empty.txt"
printf '  \n\t\n\n' >"$T/blank.txt"
for f in empty blank; do
	"$HAMISH" dump --json "$T/$f.txt" >"$T/out" 2>"$T/err"
	is $? 0 "dump --json of a $f file exits 0"
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if d["blocks"] == [] else 1)' "$T/out" 2>/dev/null
	ok $? "  and prints valid JSON with no blocks"
done

# --- 6: escape sequences on standard error ---
esc="$(printf 'x-\033]2;PWNED\007')"
printf 'a\377b\n' >"$T/$esc.txt"
"$HAMISH" outline "$T/$esc.txt" >/dev/null 2>"$T/err"
grep -q 'PWNED' "$T/err"
ok $? "a file name in a warning is shown"
noraw "$T/err" "  without its escape sequence"
"$HAMISH" render --plain "$T/$esc.txt" >/dev/null 2>"$T/err"
noraw "$T/err" "render --plain: the same"
"$HAMISH" outline "$T/nope-$esc" >/dev/null 2>"$T/err"
noraw "$T/err" "a file that does not exist: its name shown safely"
"$HAMISH" outline --encoding "$(printf 'k\033[2J')" "$S000" >/dev/null \
    2>"$T/err"
noraw "$T/err" "an --encoding value shown safely"
echo garbage >"$T/$esc.db"
"$HAMISH" notes export --db "$T/$esc.db" >/dev/null 2>"$T/err"
grep -q 'PWNED' "$T/err" && ! LC_ALL=C grep -q "$raw" "$T/err"
ok $? "a --db path shown safely"
"$HAMISH" render "--wid$(printf '\033[31m')th=3" "$S000" >/dev/null 2>"$T/err"
is $? 1 "an unknown option exits 1"
grep -q "unknown option --wid" "$T/err"
ok $? "  and is named"
noraw "$T/err" "  safely"
"$HAMISH" "--$(printf '\033]2;X\007')" "$S000" >/dev/null 2>"$T/err"
noraw "$T/err" "the reader's unknown option too"
"$HAMISH" dump "-$(printf '\033')" "$S000" >/dev/null 2>"$T/err"
noraw "$T/err" "a short option that is ESC"
"$HAMISH" diff "--bo$(printf '\033[2J')" "$S000" "$S000" >/dev/null 2>"$T/err"
is $? 2 "diff: an unknown option is trouble (2)"
noraw "$T/err" "  and is named safely"
printf '%%PDF-1.4\ngarbage\n' >"$T/$esc.pdf"
"$HAMISH" render --plain "$T/$esc.pdf" >/dev/null 2>"$T/err"
is $? 2 "render --plain of a damaged PDF exits 2"
grep -q 'PWNED' "$T/err"
ok $? "  naming the file"
noraw "$T/err" "  safely"

# --- 8: bidi overrides in outline: dropped (JSON escapes controls) ---
printf '1 - \342\200\256نص معكوس\342\200\254 ثم \342\201\246عزل\342\201\251\n' \
    >"$T/rlo.txt"
"$HAMISH" outline "$T/rlo.txt" >"$T/out"
grep -q 'نص معكوس' "$T/out"
ok $? "outline of a paragraph with RLO ... PDF shows its words"
LC_ALL=C grep -q "$(printf '\342\200[\252-\256]\\|\342\201[\246-\251]')" "$T/out"
is $? 1 "  without the override, embedding or isolate controls"

# --- 5: notes import of JSON that is not UTF-8; export always valid ---
# note ID VALUE EXACT: an export of one note (VALUE and EXACT as JSON
# string contents, put in as they are)
note() {
	printf '{"items": [{"id": "urn:uuid:%s", ' \
	    "0f0e0d0c-0b0a-4908-8706-0504030201$1"
	printf '"type": "Annotation", "created": "2026-01-01T00:00:00.000Z", '
	printf '"modified": "2026-01-01T00:00:00.000Z", '
	printf '"body": {"type": "TextualBody", "value": "%s"}, ' "$2"
	printf '"target": {"source": "urn:hamish:text:0123456789abcdef", '
	printf '"selector": [{"type": "TextQuoteSelector", "exact": "%s", ' "$3"
	printf '"prefix": "", "suffix": ""}]}, "hamish:style": "yellow", '
	printf '"hamish:document": {"family": null, '
	printf '"symbol": "A/C.3/79/L.9", "title": null}, '
	printf '"hamish:anchor": {"block": 0, "start": 0, "end": 4, '
	printf '"whole": false, "paragraph": "1", '
	printf '"paragraphHash": "0000000000000000", '
	printf '"documentHash": "0123456789abcdef", "status": "exact", '
	printf '"score": 1}}]}\n'
}
# valid FILE: FILE is JSON, UTF-8 (python3 refuses anything else) with
# no raw control or bidi override, and its notes' texts on stdout
valid() {
	python3 -c 'import json, sys
b = open(sys.argv[1], "rb").read()
t = b.decode("utf-8")
bad = [c for c in t if ord(c) < 0x20 and c not in "\n" or
       0x7f <= ord(c) < 0xa0 or 0x202a <= ord(c) <= 0x202e or
       0x2066 <= ord(c) <= 0x2069]
d = json.loads(t)
for i in d["items"]:
    print(i["body"]["value"], "|", i["target"]["selector"][0]["exact"])
sys.exit(1 if bad else 0)' "$1"
}
note 00 "$(printf 'بايت \233 خام')" 'فقرة' >"$T/c1.json"
note 01 'نصف \ud800 زوج' 'نص \udc00' >"$T/sur.json"
note 02 '\u001b]2;X\u0007 \u202eمعكوس\u202c \u009b' 'كلمة' >"$T/ctl.json"
note 06 'قبل\u0000بعد' 'كلمة' >"$T/nul.json"
note 07 'شرطة \\u0000 مائلة' 'كلمة' >"$T/bs.json"
"$HAMISH" notes import --db "$T/u.db" "$T/c1.json" >"$T/out" 2>"$T/err"
is $? 0 "import: a raw 0x9B byte in a note is imported (replaced)"
grep -q '1 ill-formed UTF-8 sequence .*U+FFFD' "$T/err"
ok $? "  with a warning that counts it"
"$HAMISH" notes import --db "$T/u.db" "$T/sur.json" >"$T/out" 2>"$T/err"
is $? 0 "import: lone surrogate escapes are imported (replaced)"
grep -q '2 ill-formed UTF-8 sequences' "$T/err"
ok $? "  one U+FFFD each, counted"
"$HAMISH" notes import --db "$T/u.db" "$T/ctl.json" >/dev/null 2>&1
"$HAMISH" notes import --db "$T/u.db" "$T/nul.json" >/dev/null 2>"$T/err"
grep -q '1 ill-formed' "$T/err"
ok $? "import: a \\u0000 escape is replaced too (it would cut the note)"
"$HAMISH" notes import --db "$T/u.db" "$T/bs.json" >/dev/null 2>"$T/err"
is "$(cat "$T/err")" "" "  an escaped backslash before u0000 is not one"
"$HAMISH" notes export --db "$T/u.db" --format json >"$T/u.json"
is $? 0 "export --format json"
valid "$T/u.json" >"$T/vals"
ok $? "  is valid UTF-8 JSON with every control escaped"
grep -q '^بايت � خام | فقرة$' "$T/vals" &&
    grep -q '^نصف � زوج | نص �$' "$T/vals"
ok $? "  the stray byte and the surrogates as U+FFFD"
grep -q '^قبل�بعد | كلمة$' "$T/vals"
ok $? "  the NUL as U+FFFD, the note whole"
grep -qF 'شرطة \u0000 مائلة | كلمة' "$T/vals"
ok $? "  a backslash and u0000 as they were"
# a database that already holds bad bytes (an older import let them in)
sqlite3 "$T/u.db" "UPDATE annotations SET note = CAST(x'61c2209b62ed' ||
    x'a0801b5d323b5807' AS TEXT) WHERE uuid LIKE '%01'"
"$HAMISH" notes export --db "$T/u.db" --format json >"$T/u.json"
valid "$T/u.json" >"$T/vals"
ok $? "export from a database holding bad bytes: still valid JSON"
grep -q '^a� �b�' "$T/vals"
ok $? "  what is not UTF-8 shown as U+FFFD"
"$HAMISH" notes export --db "$T/u.db" --format md >"$T/u.md"
noraw "$T/u.md" "  Markdown: no raw control"
python3 -c 'import sys; open(sys.argv[1], "rb").read().decode("utf-8")' \
    "$T/u.md" 2>/dev/null
ok $? "  nor a byte that is not UTF-8"

# --- 8: bidi controls in what comes from the database, not a document:
# notes, their quotes, symbols and titles (Markdown, CSV), library titles
bidi="$(printf '\342\200[\252-\256]\|\342\201[\246-\251]')"
note 05 'ملاحظة \u202eمعكوسة\u202c ثم \u2067عزل\u2069' \
    '\u202bكلمة\u202c' |
    sed 's|"symbol": "A/C.3/79/L.9"|"symbol": "A/C.3/\\u202e79/L.9"|' \
    >"$T/bidi.json"
"$HAMISH" notes import --db "$T/bidi.db" "$T/bidi.json" >/dev/null
# and a time that is not one (import never writes such a thing)
sqlite3 "$T/bidi.db" "UPDATE annotations SET modified = char(0x202E) ||
    '20' || char(27) || '[2J6-01-01T00:00:00.000Z'"
for f in md csv; do
	"$HAMISH" notes export --db "$T/bidi.db" --format $f >"$T/bidi.$f"
	grep -q 'معكوسة' "$T/bidi.$f" && grep -q 'A/C.3/79/L.9' "$T/bidi.$f"
	ok $? "export --format $f: the note and the symbol are there"
	LC_ALL=C grep -q "$bidi" "$T/bidi.$f"
	is $? 1 "  without embeddings, overrides or isolates"
	noraw "$T/bidi.$f" "  nor the ESC of the modification time"
done
"$HAMISH" notes export --db "$T/bidi.db" --format json >"$T/bidi.out.json"
valid "$T/bidi.out.json" >"$T/vals"
ok $? "export --format json: the bidi controls escaped"
grep -q "$(printf '\342\200\256معكوسة')" "$T/vals"
ok $? "  and kept"
mkdir "$T/lib"
printf 'A/C.3/79/L.1\n\nالجمعية العامة\n\n1 - فقرة\n' >"$T/lib/d.txt"
"$HAMISH" library --db "$T/lib.db" --library "$T/lib" >/dev/null
# a title in the library's index with an override and an ESC (as a PDF's
# metadata or an older hamish may put there)
sqlite3 "$T/lib.db" "UPDATE library SET title = 'قبل' || char(0x202E) ||
    'بعد' || char(0x2067) || 'x' || char(27) || '[2J'"
"$HAMISH" library --db "$T/lib.db" --library "$T/lib" >"$T/out"
grep -q 'قبلبعدx␛\[2J' "$T/out"
ok $? "library: the title from the index is shown"
LC_ALL=C grep -q "$bidi" "$T/out"
is $? 1 "  without its override or isolate"
noraw "$T/out" "  nor its ESC"

# --- 11: database statuses ---
note 03 'ملاحظة' 'فقرة' >"$T/n.json"
"$HAMISH" notes import --db "$T/dmg.db" "$T/n.json" >/dev/null 2>&1
sz=$(stat -c %s "$T/dmg.db")
# every page after the first made 0xFF: the header reads, tables do not
head -c $((sz - 4096)) /dev/zero | tr '\0' '\377' |
    dd of="$T/dmg.db" bs=4096 seek=1 conv=notrunc 2>/dev/null
note 04 'أخرى' 'فقرة' >"$T/n2.json"
"$HAMISH" notes import --db "$T/dmg.db" "$T/n2.json" >/dev/null 2>"$T/err"
is $? 4 "import into a damaged database exits 4"
grep -q 'damaged' "$T/err" && [ "$(wc -l <"$T/err")" -eq 1 ]
ok $? "  with one line saying so"
"$HAMISH" notes export --db "$T/dmg.db" >/dev/null 2>&1
is $? 4 "  as export does"
printf '{"nothing": 1}' >"$T/x.json"
"$HAMISH" notes import --db "$T/dmg2.db" "$T/x.json" >/dev/null 2>&1
is $? 2 "import of a file that is no export still exits 2"
if nobody_init; then
	"$HAMISH" notes import --db "$T/ro.db" "$T/n.json" >/dev/null 2>&1
	chmod 444 "$T/ro.db"
	$AS_NOBODY "$NOBODY_HAMISH" notes import --db "$T/ro.db" \
	    "$T/n2.json" >/dev/null 2>"$T/err"
	is $? 4 "import into a read-only database exits 4"
	grep -q 'read-only' "$T/err"
	ok $? "  saying so"
else
	skip "import into a read-only database exits 4" "nobody unavailable"
	skip "  saying so" "nobody unavailable"
fi
"$HAMISH" notes import --db "$T/neg.db" "$T/n.json" >/dev/null 2>&1
sqlite3 "$T/neg.db" 'PRAGMA user_version = -1'
"$HAMISH" notes export --db "$T/neg.db" >/dev/null 2>"$T/err"
is $? 4 "user_version -1: exit 4"
grep -q 'newer' "$T/err"
is $? 1 "  not called made by a newer hamish"
grep -q 'damaged or not a hamish database' "$T/err"
ok $? "  but damaged or not a hamish database"
: >"$T/zero.db"
"$HAMISH" notes import --db "$T/zero.db" "$T/n.json" >"$T/out" 2>"$T/err"
is $? 0 "a 0-byte file at the database path: import works"
is "$(cat "$T/err")" \
    "hamish: $T/zero.db was an empty file: it is now a new database" \
    "  and says, in one line, that it made it a database"
"$HAMISH" notes export --db "$T/zero.db" >/dev/null 2>"$T/err"
is "$(wc -c <"$T/err")" 0 "  only once: it is a database now"
"$HAMISH" notes export --db "$T/new0.db" >/dev/null 2>"$T/err"
is "$(wc -c <"$T/err")" 0 "a database hamish creates itself: no such line"

# --- 9: an unknown keymap or theme in the config file: a warning ---
export XDG_CONFIG_HOME="$T/config"
mkdir -p "$XDG_CONFIG_HOME/hamish"
printf '# mine\nkeymap nosuch\033]2;PWNED\007\n' \
    >"$XDG_CONFIG_HOME/hamish/config"
tmux_start 200 30 "$HAMISH" "$S000"
tmux_wait_for_text 'config:2: no keymap called'
ok $? "config: an unknown keymap is a warning with file:line"
tmux_screen | grep 'config:2:' | grep -q "nosuch␛]2;PWNED␇'"
ok $? "  the name shown as the reader shows controls"
is "$(_tmux display-message -p -t t '#{pane_title}')" \
    "$(_tmux display-message -p -t t '#{host}')" \
    "  (it did not set the window title)"
tmux_screen | grep -q "PWNED␇': the default is used"
ok $? "  and says the default is used"
tmux_keys G
tmux_wait_for_text '100%'
ok $? "  G goes to the end: the default keymap is loaded"
tmux_keys q
is "$(tmux_wait_exit)" 0 "  the reader ran with the default keymap (q quits, 0)"
printf 'theme ../nope\n' >"$XDG_CONFIG_HOME/hamish/config"
tmux_start 100 30 "$HAMISH" "$S000"
tmux_wait_for_text 'config:1: '
ok $? "config: a theme file that cannot be read is a warning too"
tmux_keys q
is "$(tmux_wait_exit)" 0 "  the reader ran (q quits, 0)"
printf 'keymap emacs\ntheme no-such-theme\n' >"$XDG_CONFIG_HOME/hamish/config"
tmux_start 100 30 "$HAMISH" "$S000"
tmux_wait_for_text "config:2: no theme called 'no-such-theme'"
ok $? "config: an unknown theme, the keymap of the line before kept"
tmux_key 'M->'
tmux_wait_for_text '100%'
ok $? "  M-> goes to the end: the emacs keymap is loaded"
tmux_keys q
is "$(tmux_wait_exit)" 0 "  q quits (exit 0)"
rm "$XDG_CONFIG_HOME/hamish/config"
tmux_start 100 30 sh -c '"$1" --keymap nosuch "$2"; echo "exit $?"; sleep 30' \
    sh "$HAMISH" "$S000"
tmux_wait_for_text 'exit 1'
ok $? "--keymap NAME on the command line: still exit 1"

# --- 7: y (OSC 52) copies no control into the clipboard ---
# (the importer keeps ESC, BEL and C1 in the text, shown as symbols;
# text_utf8_clean(), test-text, drops the bidi controls too)
printf '1 - فقرة \033]2;PWNED\007 نص \302\233 هنا\033[2J آخر\n' \
    >"$T/copy.txt"
tmux_start 80 24 "$HAMISH" "$T/copy.txt"
_tmux set-option -g set-clipboard on
tmux_wait_for_text 'PWNED'
tmux_keys y
tmux_wait_for_text 'Copied'
_tmux show-buffer >"$T/clip" 2>/dev/null
grep -q 'فقرة .*PWNED نص  هنا\[2J آخر' "$T/clip"
ok $? "y copies the paragraph (OSC 52 into tmux's buffer)"
noraw "$T/clip" "  without its ESC, BEL or C1 CSI"
tmux_keys q
tmux_wait_exit >/dev/null

# --- 10: a full disk: the notes read-only, shown and exported ---
# The disk is made full by ulimit -f 0 (SIGXFSZ ignored, so a write past
# the limit fails with EFBIG): SQLite cannot make the -shm and -wal a
# WAL database needs even to be read, as on a disk with no room left.
mkdir "$T/full"
FDB=$T/full/n.db
"$HAMISH" notes import --db "$FDB" \
    tests/fuzz/seed-fuzz-notes-import/three.json >/dev/null
"$HAMISH" notes export --db "$FDB" --format csv >"$T/want.csv"
# full OUT ERR CMD...: CMD with no file allowed to grow, its standard
# output and error through pipes into OUT and ERR (files it could not
# write), its exit status in $T/rc
full() {
	_o=$1 _e=$2
	shift 2
	{ { (trap '' XFSZ; ulimit -f 0; exec "$@"); echo $? >"$T/rc"; } \
	    2>&1 >&3 | cat >"$_e"; } 3>&1 | cat >"$_o"
}
full "$T/got.csv" "$T/err" "$HAMISH" notes export --db "$FDB" --format csv
is "$(cat "$T/rc")" 0 "notes export on a full disk exits 0"
cmp -s "$T/want.csv" "$T/got.csv" && [ "$(wc -l <"$T/got.csv")" -gt 1 ]
ok $? "  and exports every note"
grep -q 'opened read-only: the disk is full' "$T/err"
ok $? "  saying the database was opened read-only"
ls "$T/full" | grep -q 'wal\|shm'
is $? 1 "  no -wal or -shm left beside it"
full "$T/got.json" /dev/null "$HAMISH" notes export --db "$FDB" \
    --format json
grep -q 'note, with a comma' "$T/got.json"
ok $? "  JSON too"
tmux_start 100 30 sh -c "trap '' XFSZ; ulimit -f 0; exec env \
    HAMISH_DB='$FDB' '$HAMISH' '$C/002_a2ddec63a1cf2f60.txt'"
tmux_wait_for_text 'Annotations read-only: the disk is full'
ok $? "the reader on a full disk: annotations read-only, and why"
tmux_keys L
tmux_wait_for_text 'note, with a comma'
ok $? "  its notes are listed"
tmux_keys q
tmux_wait_gone 'note, with a comma'
tmux_keys q
tmux_wait_exit >/dev/null
tmux_stop
ls "$T/full" | grep -q 'wal\|shm'
is $? 1 "  no -wal or -shm left after it"

# --- 12: one huge paragraph (11 MB, no blank line) ---
cat "$C"/0*.txt | tr '\n' ' ' >"$T/one"
cat "$T/one" "$T/one" "$T/one" "$T/one" >"$T/four"
cat "$T/four" "$T/four" "$T/four" "$T/four" >"$T/one"
: >"$T/huge.txt"
while [ "$(wc -c <"$T/huge.txt")" -lt 11000000 ]; do
	cat "$T/one" >>"$T/huge.txt"
done
echo " ENDMARK" >>"$T/huge.txt"
"$HAMISH" render --plain --width 80 --jobs 1 "$T/huge.txt" >"$T/j1.out"
is $? 0 "render --plain of an 11 MB paragraph, one thread"
if LC_ALL=C grep -q __asan_init "$HAMISH"; then
	echo "# skip: a sanitizer's shadow memory does not fit ulimit -v"
else
	# 200 MB of address space: threads that would not fit are not
	# started (a malloc arena reserves 64 MB each)
	(ulimit -v 200000 && exec "$HAMISH" render --plain --width 80 \
	    "$T/huge.txt") >"$T/jn.out" 2>"$T/err"
	is $? 0 "render --plain (threads) of it under ulimit -v 200000"
	cmp -s "$T/j1.out" "$T/jn.out"
	ok $? "  prints the rows of --jobs 1"
	(ulimit -v 200000 && exec "$HAMISH" render --plain --width 80 \
	    --jobs 4 "$T/huge.txt") >"$T/jn.out" 2>"$T/err"
	is $? 0 "  also with --jobs 4"
fi
tail -n 1 "$T/j1.out" | grep -q 'ENDMARK'
ok $? "  its last row is the paragraph's end"
"$HAMISH" render --width 80 "$T/huge.txt" >"$T/r.out"
is $? 0 "render (the structured view) of it"
[ "$(wc -l <"$T/r.out")" -ge "$(wc -l <"$T/j1.out")" ] &&
    tail -n 1 "$T/r.out" | grep -q 'ENDMARK'
ok $? "  every row, to the end"
# the reader: the first screen, then the end (its last window laid out
# again from the slices it was decoded in)
tmux_start 80 24 "$HAMISH" "$T/huge.txt"
tmux_wait_for '%'
ok $? "the reader opens it"
tmux_keys G
tmux_wait_for_text 'ENDMARK'
ok $? "  G shows its end"
tmux_keys g
tmux_wait_gone 'ENDMARK'
ok $? "  g goes back to the top"
tmux_keys q
tmux_wait_exit >/dev/null
tmux_stop
rm -f "$T/huge.txt" "$T/j1.out" "$T/jn.out" "$T/r.out" "$T/one" "$T/four"

done_testing
