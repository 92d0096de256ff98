#!/bin/sh
# tests/e2e/notes.sh - annotations end to end: the real binary, real
# database files, the reader in a private tmux server.  Annotate seed
# 002 with the keys a user types (v w H, a, A, m, ', x, U, L, y), check
# what `hamish notes export` says, revise the text and check where the
# annotations land; a damaged, newer or read-only database; import and
# carry.
. tests/e2e/lib.sh
. tests/e2e/tmux.sh

export XDG_CONFIG_HOME="$T/config"
mkdir -p "$XDG_CONFIG_HOME/hamish"
DB=$T/notes.db

# export FORMAT [FILE...]: hamish notes export from $DB
export_notes() {
	_f=$1
	shift
	"$HAMISH" notes export --db "$DB" --format "$_f" "$@"
}
# goto ADDRESS: :ADDRESS Enter, waits for the status line to say so
goto() {
	tmux_keys ":$1"
	tmux_key Enter
	tmux_wait_for_text "¶ $1/"
}

# A copy of seed 002 is the draft a delegate annotates.
cp "$S002" "$T/draft.txt"

# --- the reader: highlight, note, list, delete, undo ------------------

# KEEP_DB: these readers share $DB (tmux.sh gives each its own else)
HAMISH_DB=$DB
KEEP_DB=1
tmux_start 100 30 "$HAMISH" "$T/draft.txt"
tmux_wait_for '%'
goto 12
tmux_keys v
tmux_wait_for_text 'Select:'
ok $? "v starts a selection and says how to extend it"
tmux_keys ww
tmux_keys H
tmux_wait_for_text 'Highlighted'
ok $? "w w H highlights three words"
tmux_status | grep -q '1 note'
ok $? "... the status line counts one annotation"
tmux_screen | head -n 1 | grep -q '|'
ok $? "... and the row has a marker in the gutter"
tmux_screen -e | head -n 1 | grep -q '48;5;186m'
ok $? "... and is drawn in the highlight's colours"
export_notes csv >"$T/a.csv"
grep -q '"12","exact","yellow","يمثّل القانون الدولي"' "$T/a.csv"
ok $? "export: the highlight is on the first three words of ¶12, exact"

goto 13
tmux_keys a
tmux_wait_for_text 'Note:'
tmux_keys 'ملاحظة عربية'
# the note as the reader lays out a right-to-left line: shaped (U+FExx
# presentation forms), in visual order
typed=$(printf 'ملاحظة عربية\n' | "$HAMISH" render --plain --width 40 |
    sed 's/^ *//')
note_typed() {	# the last row: "Note: " and the whole note, shaped
	case $(tmux_screen | tail -n 1) in
	"Note: "*"$typed") return 0 ;;
	esac
	return 1
}
# every letter typed, not only the first (the keys take a while under
# load): what the checks after this one read does not change under them
_tmux_poll 10 note_typed && printf '%s' "$typed" | grep -q "$(printf '\357\273')"
ok $? "the note is typed on the last row, shaped"
tmux_screen | tail -n 1 | grep -q ' $'
ok $((! $?)) "... right-aligned: it reaches the right edge"
tmux_key Enter
tmux_wait_for_text 'Note added'
ok $? "Enter saves the note on paragraph 13"
tmux_status | grep -q '2 notes'
ok $? "... two annotations now"
export_notes md >"$T/a.md"
grep -q '^## ¶ 13$' "$T/a.md" && grep -q '^ملاحظة عربية$' "$T/a.md"
ok $? "export md: the note under ¶ 13"

tmux_keys L
tmux_wait_for_text 'Annotations:'
ok $? "L lists the annotations"
tmux_screen | grep -q '12 ¶\|¶ 12' && tmux_screen | grep -q '13 ¶\|¶ 13'
ok $? "... of ¶12 and ¶13"
tmux_keys k
tmux_key Enter
tmux_wait_for_text '¶ 12/'
ok $? "Enter on the first goes to ¶12"
tmux_keys x
tmux_wait_for_text 'Deleted'
tmux_status | grep -q '1 note'
ok $? "x deletes the annotation at the top"
tmux_keys U
tmux_wait_for_text 'Brought back'
tmux_status | grep -q '2 notes'
ok $? "U brings it back"

# bookmarks: a letter here, a capital across documents
goto 20
tmux_keys mA
tmux_wait_for_text 'Bookmark A set'
ok $? "mA sets a global bookmark at ¶20"
tmux_keys g
tmux_wait_gone '¶ 20/'
tmux_keys "'A"
tmux_wait_for_text '¶ 20/'
ok $? "'A goes back to it"
tmux_keys q
tmux_wait_exit >/dev/null

tmux_start 100 30 "$HAMISH" "$T/draft.txt"
tmux_wait_for_text '¶ 20/'
ok $? "reopened: the reading position is restored (¶20)"
tmux_keys ':e '"$S001"
tmux_key Enter
tmux_wait_for '%'
tmux_keys "'A"
tmux_wait_for_text '¶ 20/'
ok $? "'A from another document opens the draft at ¶20"
tmux_keys q
tmux_wait_exit >/dev/null

# --- copy (OSC 52, into tmux's buffer) and the editor ---------------

cat >"$T/ed.sh" <<EOF
#!/bin/sh
stat -c %a "\$1" >"$T/ed-mode"
printf 'سطر من المحرر\nوسطر ثان\n' >>"\$1"
EOF
chmod +x "$T/ed.sh"
tmux_start 100 30 env EDITOR="$T/ed.sh" VISUAL= TMPDIR="$T" "$HAMISH" \
    "$T/draft.txt"
_tmux set-option -g set-clipboard on
tmux_wait_for '%'
goto 12
tmux_keys vwy
tmux_wait_for_text 'Copied'
is "$(_tmux show-buffer 2>/dev/null)" "يمثّل القانون" \
    "y copies the selected words in logical order (OSC 52)"
goto 30
tmux_keys A
tmux_wait_for_text 'Note added'
ok $? "A runs \$EDITOR without a shell and saves what it wrote"
is "$(cat "$T/ed-mode" 2>/dev/null)" 600 "... on a file of mode 0600"
ls "$T"/hamish-note-* >/dev/null 2>&1
ok $((! $?)) "... which is removed afterwards"
tmux_keys q
tmux_wait_exit >/dev/null
KEEP_DB=
export_notes md >"$T/b.md"
grep -q '^> سطر من المحرر$' "$T/b.md" && grep -q '^> وسطر ثان$' "$T/b.md"
ok $? "the note from the editor keeps its two lines"

# --- a revised draft --------------------------------------------------

# paragraph inserted before 1, 12 renumbered 40, words changed in 12
sed -e 's/^١ - /١ - فقرة جديدة أضيفت في التنقيح.\n\n١ مكرراً - /' \
    -e 's/^١٢ - /٤٠ - /' -e 's/ومن البلدان التي قدّمت/ومن الدول التي أرسلت/' \
    "$S002" >"$T/draft.txt"
export_notes csv "$T/draft.txt" >"$T/c.csv"
grep -q '"40","moved","yellow","يمثّل القانون الدولي"' "$T/c.csv"
ok $? "revised: the highlight moved with its words to ¶40"
grep -c '"orphan"' "$T/c.csv" | grep -q '^0$'
ok $? "... and nothing is orphaned"
sed -e 's/يمثّل القانون الدولي إلزاماً/يفرض القانون إلزاماً/' "$T/draft.txt" \
    >"$T/draft2.txt"
cp "$T/draft2.txt" "$T/draft.txt"
export_notes csv "$T/draft.txt" >"$T/d.csv"
row=$(grep '"yellow"' "$T/d.csv")
case $row in
*'"fuzzy","yellow","'*القانون*) r=0 ;;	# on the reworded words
*'"needs-review","yellow"'* | *'"orphan","yellow"'*) r=0 ;;
*) r=1 ;;
esac
ok $r "reworded: the highlight is fuzzy on the new words, or needs " \
    "review, or is an orphan: never silently exact"
[ "$r" = 0 ] || echo "#   $row"

# --- import, carry ----------------------------------------------------

export_notes json >"$T/all.json"
"$HAMISH" notes import --db "$T/other.db" "$T/all.json" >"$T/imp1"
grep -q ': 3 added, 0 updated, 0 unchanged' "$T/imp1"
ok $? "import into an empty database adds all three"
"$HAMISH" notes import --db "$T/other.db" "$T/all.json" >"$T/imp2"
grep -q ': 0 added, 0 updated, 3 unchanged' "$T/imp2"
ok $? "importing the same file twice changes nothing"
printf '{"items": [' >"$T/bad.json"
"$HAMISH" notes import --db "$T/other.db" "$T/bad.json" 2>"$T/err"
is $? 2 "malformed JSON: exit status 2"
is "$(wc -l <"$T/err")" 1 "... one line of error"

# a revision under another name and another title: nothing ties it to
# the draft but the user's word
sed -e 's/^الاتجار بالنساء والفتيات$/الاتجار بالنساء والفتيات: تنقيح/' \
    -e 's/حثت الجمعية العامة/دعت الجمعية العامة/' "$T/draft.txt" \
    >"$T/new-name.txt"
rows() {	# rows FILE.csv: annotations in it (a note may span lines)
	grep -c '"[0-9a-f-]\{36\}"'"$(printf '\r')"'$' "$1"
}
export_notes csv "$T/new-name.txt" >"$T/e.csv"
is "$(rows "$T/e.csv")" 0 "a revision with another title and name is " \
    "another document at first"
"$HAMISH" notes carry --db "$DB" "$T/draft.txt" "$T/new-name.txt" \
    >"$T/carry"
grep -q 'new-name.txt: 3 annotations: ' "$T/carry"
ok $? "notes carry OLD NEW places OLD's annotations on NEW"
export_notes csv "$T/new-name.txt" >"$T/f.csv"
is "$(rows "$T/f.csv")" 3 "... and from then on NEW has them"

"$HAMISH" notes export --db "$DB" --format json --output "$T/out.json"
is "$(stat -c %a "$T/out.json")" 600 "--output writes a file of mode 0600"

# --- databases that cannot be used ------------------------------------

printf 'this is not a database\n' >"$T/bad.db"
cp "$T/bad.db" "$T/bad.orig"
"$HAMISH" notes export --db "$T/bad.db" 2>"$T/err"
is $? 4 "a non-SQLite file: exit status 4"
grep -q 'not a hamish database' "$T/err" && [ "$(wc -l <"$T/err")" = 1 ]
ok $? "... with one clear line"
cmp -s "$T/bad.db" "$T/bad.orig"
ok $? "... and the file is left untouched"
tmux_start 100 30 env HAMISH_DB="$T/bad.db" "$HAMISH" "$S002"
tmux_wait_for_text 'notes off'
ok $? "the reader still opens the document, 'notes off' in the status line"
tmux_screen | tail -n 1 | grep -q 'Annotations off'
ok $? "... and says why"
tmux_keys H
tmux_wait_for_text 'Annotations are off'
ok $? "H says annotations are off"
cmp -s "$T/bad.db" "$T/bad.orig"
ok $? "... and the file is still untouched"

sqlite3 "$T/new.db" 'PRAGMA user_version = 99; CREATE TABLE t(x);'
cp "$T/new.db" "$T/new.orig"
"$HAMISH" notes export --db "$T/new.db" 2>"$T/err"
is $? 4 "a database from a newer hamish is refused"
grep -q 'newer' "$T/err"
ok $? "... saying so"
cmp -s "$T/new.db" "$T/new.orig"
ok $? "... and it is not modified"

# read-only for the user: as root, file modes bind only once hamish runs
# as nobody (setpriv), and nobody must get to the file and the document:
# copies in T (nobody_init), not the checkout, which may be closed to it
if nobody_init; then
	mkdir "$T/ro"
	cp "$DB" "$T/ro/ro.db"
	cp "$S001" "$T/ro/s001.txt"
	chmod 0444 "$T/ro/ro.db" "$T/ro/s001.txt"
	chmod 0755 "$T/ro"
	sum=$(md5sum <"$T/ro/ro.db")
	$AS_NOBODY "$NOBODY_HAMISH" notes export --db "$T/ro/ro.db" \
	    --format csv >"$T/ro.csv"
	is $? 0 "a read-only database can still be exported"
	grep -q 'يمثّل القانون الدولي' "$T/ro.csv"
	ok $? "... with what it holds"
	tmux_start 100 30 $AS_NOBODY env HAMISH_DB="$T/ro/ro.db" \
	    "$NOBODY_HAMISH" "$T/ro/s001.txt"
	tmux_wait_for_text 'read-only'
	ok $? "the reader says the annotations are read-only"
	tmux_keys H
	tmux_wait_for_text 'Not saved'
	ok $? "H on a read-only database: a clear message"
	tmux_keys q
	tmux_wait_exit >/dev/null
	is "$(md5sum <"$T/ro/ro.db")" "$sum" "... and the file is unchanged"
	ls "$T/ro" | grep -q 'wal\|shm'
	ok $((! $?)) "... and no -wal or -shm was left beside it"
else
	for t in "a read-only database can still be exported" \
	    "... with what it holds" \
	    "the reader says the annotations are read-only" \
	    "H on a read-only database: a clear message" \
	    "... and the file is unchanged" \
	    "... and no -wal or -shm was left beside it"; do
		skip "$t" "nobody cannot run hamish here"
	done
fi

# --- a note with escape sequences is shown inert ----------------------

sed 's/"value": "[^"]*"/"value": "\\u001b[2J\\u001b]2;PWNED\\u0007 خطر"/' \
    "$T/all.json" >"$T/esc.json"
"$HAMISH" notes import --db "$T/esc.db" "$T/esc.json" >/dev/null
cp "$S002" "$T/esc.txt"
tmux_start 100 30 env HAMISH_DB="$T/esc.db" "$HAMISH" "$T/esc.txt"
tmux_wait_for '%'
tmux_keys L
tmux_wait_for_text 'Annotations:'
tmux_wait_for_text 'PWNED'
tmux_screen | grep 'PWNED' | grep -q '␛'
ok $? "a note's escape sequence is shown as a visible symbol"
tmux_screen | sed -n '5,28p' | grep -q '[^ ]'
ok $((! $?)) "... a short list leaves nothing of the text under it"
is "$(_tmux display-message -p -t t '#{pane_title}')" \
    "$(_tmux display-message -p -t t '#{host}')" \
    "... and did not set the window title"
tmux_keys q q
tmux_wait_exit >/dev/null

# --- the documentation says what the code does -------------------------

for o in --db --format --output; do
	"$HAMISH" --help | grep -q -- "$o" && grep -q -- "Fl -${o#--}" man/hamish.1
	ok $? "$o is in --help and in hamish(1)"
done
for c in export import carry; do
	"$HAMISH" --help | grep -q "hamish notes $c" &&
	    grep -q "^\.Cm notes $c" man/hamish.1
	ok $? "notes $c is in --help and in hamish(1)"
done
"$HAMISH" notes 2>/dev/null
is $? 1 "notes without a command: a usage error"
"$HAMISH" notes frob 2>/dev/null
is $? 1 "notes frob: a usage error"

done_testing
