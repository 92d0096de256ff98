#!/bin/sh
# tests/e2e/expect.sh - what users expected and did not find (issue 14,
# expectations 1-4), the real binary in a private tmux server: notes in
# the margin at 120 columns and their absence at 80, highlights and
# notes apart in NO_COLOR, the word cursor, x and U, the mouse (SGR
# reports typed into the pane with send-keys -H, as a terminal sends
# them), :set nomouse and the config file, the Arabic keyboard layout.
. tests/e2e/lib.sh
. tests/e2e/tmux.sh

export XDG_CONFIG_HOME="$T/config"
mkdir -p "$XDG_CONFIG_HOME/hamish"

row() {		# row N (1: the top)
	tmux_screen | sed -n "${1}p"
}
goto() {
	tmux_keys ":$1"
	tmux_key Enter
	tmux_wait_for_text "¶ $1/"
}
# sgr B X Y [m]: the SGR mouse report of button code B at cell (X, Y),
# counted from 1, as the terminal sends it (M: press, m: release)
sgr() {
	_s=$(printf '\033[<%s;%s;%s%s' "$1" "$2" "$3" "${4:-M}" | od -An -tx1)
	# shellcheck disable=SC2086
	_tmux send-keys -t t -H $_s
}
# cursor: where the terminal's cursor is, "X Y" from 0
cursor() {
	_tmux display-message -p -t t '#{cursor_x} #{cursor_y}'
}
row_is() {	# row_is N TEXT: row N shows TEXT
	[ "$(row "$1")" = "$2" ]
}
cursor_row_is() {
	[ "$(cursor | cut -d' ' -f2)" = "$1" ]
}
# esc: Escape, then wait until the terminal's cursor is hidden (a key
# typed within 30 ms of Escape would be read as Meta and that key)
cursor_hidden() {
	[ "$(_tmux display-message -p -t t '#{cursor_flag}')" = 0 ]
}
esc() {
	tmux_key Escape
	_tmux_poll 5 cursor_hidden
}
flag_is() {	# flag_is VALUE: tmux's mouse_sgr_flag for the pane
	[ "$(_tmux display-message -p -t t '#{mouse_sgr_flag}')" = "$1" ]
}
export_csv() {
	"$HAMISH" notes export --db "$DB" --format csv
}

# A small Arabic resolution: ¶1 starts with a reference to ¶2, and the
# rows are known (render -w 80: ¶1 on row 3, ¶2 on row 5, the text's
# first letter in column 75, the gutter's mark in column 76).
printf 'الجمعية العامة\n\n١ - الفقرة ٢ أدناه تقرر ما يلي بشأن المسألة.\n\n٢ - تقرر أن تبقي المسألة قيد نظرها.\n' >"$T/res.txt"

# --- 1. notes in the margin -----------------------------------------

DB=$T/margin.db
HAMISH_DB=$DB
KEEP_DB=1
export HAMISH_DB KEEP_DB
tmux_start 120 40 "$HAMISH" "$S002"
tmux_wait_for '[0-9]+%'
goto 12
tmux_keys vwwa
tmux_wait_for_text 'Note:'
tmux_keys 'margin note one'
tmux_key Enter
tmux_wait_for_text 'Note added'
tmux_wait_for_text '│'
ok $? "120 columns: the margin's rule"
row 1 | grep -q 'margin note one.*│'
ok $? "... the note's text beside its paragraph's first row, left of the text"
row 1 | grep -q '│.*\*'
ok $? "... and the gutter's mark on the annotated row"
tmux_keys ':set nomargin'
tmux_key Enter
tmux_wait_gone '│'
ok $? ":set nomargin: the text takes the whole width"
tmux_screen | grep -q 'margin note one'
ok $((! $?)) "... no note beside it"
tmux_keys ':set margin'
tmux_key Enter
tmux_wait_for_text 'margin note one'
ok $? ":set margin: back"
# drawn80: one capture of the whole screen drawn again at 80x24, not of
# tmux's cut-down old one nor of one being drawn: the status line (it
# ends in the per cent) on row 23, and no margin's rule anywhere
drawn80() {
	tmux_screen >"$T/screen"
	[ "$(wc -l <"$T/screen")" -eq 24 ] &&
	    sed -n 23p "$T/screen" | grep -q '[0-9]%$' &&
	    ! grep -q '│' "$T/screen"
}
tmux_resize 80 24 && _tmux_poll 10 drawn80
ok $? "resized to 80: no margin"
grep -q 'margin note one' "$T/screen"
ok $((! $?)) "... no note text on the screen"
tmux_keys q
tmux_wait_exit >/dev/null

tmux_start 80 24 "$HAMISH" "$S002"
tmux_wait_for '[0-9]+%'
goto 12
tmux_screen | grep -q 'margin note one\|│'
ok $((! $?)) "80 columns: no margin, no note text"
tmux_key Enter
tmux_wait_for_text 'margin note one'
ok $? "Enter on the marked passage shows the note"
tmux_wait_for_text 'Esc closes'
tmux_key Escape
tmux_wait_gone 'margin note one'
ok $? "... Esc closes it"
tmux_resize 130 30
tmux_wait_for_text 'margin note one'
ok $? "resized to 130: the note stands in the margin"
tmux_keys q
tmux_wait_exit >/dev/null

# Without colours, highlights and notes stay apart: reverse, underline.
DB=$T/nocolour.db
HAMISH_DB=$DB
tmux_start 80 24 env NO_COLOR=1 "$HAMISH" "$S002"
tmux_wait_for '[0-9]+%'
goto 12
tmux_keys vwH
tmux_wait_for_text 'Highlighted'
goto 13
tmux_keys vwa
tmux_wait_for_text 'Note:'
tmux_keys 'x'
tmux_key Enter
tmux_wait_for_text 'Note added'
esc_=$(printf '\033')
goto 12
row 1 | grep -q '|'
ok $? "NO_COLOR: the highlight's mark in the gutter"
tmux_screen -e | sed -n 1p | grep -q "$esc_\[7m"
ok $? "... its words reversed"
goto 13
row 1 | grep -q '\*'
ok $? "the note's mark in the gutter"
tmux_screen -e | sed -n 1p | grep -q "$esc_\[4m" &&
    ! tmux_screen -e | sed -n 1p | grep -q "$esc_\[7m"
ok $? "... its words underlined, nothing reversed"
tmux_keys q
tmux_wait_exit >/dev/null

# --- 2. the word cursor, VISUAL, x, U --------------------------------

DB=$T/cursor.db
HAMISH_DB=$DB
tmux_start 80 24 "$HAMISH" "$S002"
tmux_wait_for '[0-9]+%'
goto 12
tmux_key Left
tmux_wait_for_text 'Word cursor'
_tmux_poll 5 cursor_row_is 0
ok $? "Left: the word cursor on the first row ($(cursor))"
x0=$(cursor | cut -d' ' -f1)
cursor_left_of() {
	[ "$(cursor | cut -d' ' -f1)" -lt "$1" ]
}
tmux_key Left
_tmux_poll 5 cursor_left_of "$x0"
ok $? "Left again: the next word, to its left ($(cursor))"
tmux_key Down
_tmux_poll 5 cursor_row_is 1
ok $? "Down: the second row"
tmux_keys v
tmux_wait_for 'VISUAL'
ok $? "v: VISUAL in the status line"
tmux_keys wH
tmux_wait_for_text 'Highlighted'
tmux_status | grep -q VISUAL
ok $((! $?)) "... gone when the selection is done"
export_csv | grep -q '"12","exact","yellow","'
ok $? "the highlight is on ¶12"
export_csv | grep '"yellow"' | grep -q '"يمثّل'
ok $((! $?)) "... from the cursor's word on the second row, not the first word"
# two annotations on one word: x asks which
esc
tmux_keys vH
tmux_wait_for_text 'Highlighted'
tmux_keys vwwa
tmux_wait_for_text 'Note:'
tmux_keys 'n'
tmux_key Enter
tmux_wait_for_text '3 notes'
tmux_key Left
tmux_keys x
tmux_wait_for_text 'Several annotations here'
ok $? "x on a word with two annotations: which one?"
tmux_keys x
tmux_wait_for_text '2 notes'
ok $? "... x in the list deletes the one under the bar"
tmux_keys U
tmux_wait_for_text '3 notes'
ok $? "U brings it back"
esc
goto 14
tmux_keys a
tmux_wait_for_text 'Note:'
tmux_keys 'oops'
tmux_key Enter
tmux_wait_for_text '4 notes'
tmux_keys U
tmux_wait_for_text '3 notes'
ok $? "U takes back an accidental a"
tmux_keys q
tmux_wait_exit >/dev/null

# --- 3. the mouse ----------------------------------------------------

DB=$T/mouse.db
HAMISH_DB=$DB
tmux_start 80 24 "$HAMISH" "$S002"
tmux_wait_for '[0-9]+%'
_tmux_poll 5 flag_is 1
ok $? "the reader asks for SGR mouse reports"
fourth=$(row 4)
sgr 65 10 5
_tmux_poll 5 row_is 1 "$fourth"
ok $? "the wheel down scrolls three rows"
sgr 64 10 5
_tmux_poll 5 row_is 4 "$fourth"
ok $? "... up, back"
tmux_keys ':set nomouse'
tmux_key Enter
_tmux_poll 5 flag_is 0
ok $? ":set nomouse: no more reports asked for"
tmux_keys ':set mouse'
tmux_key Enter
_tmux_poll 5 flag_is 1
ok $? ":set mouse: again"
tmux_keys q
tmux_wait_exit >/dev/null

echo 'set nomouse' >"$XDG_CONFIG_HOME/hamish/config"
tmux_start 80 24 "$HAMISH" "$S002"
tmux_wait_for '[0-9]+%'
flag_is 0
ok $? "config 'set nomouse': no mouse from the start"
tmux_keys q
tmux_wait_exit >/dev/null
rm "$XDG_CONFIG_HOME/hamish/config"

tmux_start 80 24 "$HAMISH" "$T/res.txt"
tmux_wait_for '[0-9]+%'
sgr 0 74 3
sgr 0 74 3 m
tmux_wait_for_text 'Enter: go there'
ok $? "a click on the reference to ¶2 follows it (¶2 shown)"
tmux_screen | grep -q 'ﺎﻫﺮﻈﻧ'
ok $? "... its text"
sgr 0 10 10
tmux_wait_gone 'Enter: go there'
ok $? "a click closes it"
# a drag from ¶2's first word over three words selects them
sgr 0 74 5
sgr 32 65 5
sgr 32 65 5 m
tmux_wait_for_text 'Selected'
ok $? "a drag selects words"
tmux_keys H
tmux_wait_for_text 'Highlighted'
export_csv | grep -q '"yellow","تقرر أن تبقي"'
ok $? "... the three words dragged over ($(export_csv | grep yellow))"
# a click on ¶1's gutter mark opens its note (¶1 on the top row now)
esc
goto 1
tmux_keys a
tmux_wait_for_text 'Note:'
tmux_keys 'gutter note'
tmux_key Enter
tmux_wait_for_text 'Note added'
sgr 0 76 1
tmux_wait_for_text 'gutter note'
ok $? "a click on the gutter's mark shows the note"
tmux_key Escape
tmux_wait_gone 'gutter note'
tmux_keys q
tmux_wait_exit >/dev/null

# --- 4. the Arabic keyboard layout -----------------------------------

DB=$T/langmap.db
HAMISH_DB=$DB
tmux_start 80 24 "$HAMISH" "$S002"
tmux_wait_for '[0-9]+%'
fourth=$(row 4)
tmux_keys 'تتت'
_tmux_poll 5 row_is 1 "$fourth"
ok $? "ت ت ت (the keys of j) scroll three rows"
tmux_keys 'ن'
_tmux_poll 5 row_is 2 "$fourth"
ok $? "ن (k) one back"
tmux_keys 'ظ'
tmux_wait_for '^/'
ok $? "ظ (/) opens the search"
tmux_keys 'الاتجار'
tmux_wait_for 'match 1 of'
ok $? "... where Arabic is typed as it is"
tmux_key Enter
tmux_keys 'ض'
is "$(tmux_wait_exit)" 0 "ض (q) quits"

done_testing
