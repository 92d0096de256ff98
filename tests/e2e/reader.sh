#!/bin/sh
# tests/e2e/reader.sh - the full-screen reader, the real binary in a
# private tmux server: keys in with send-keys, the screen read back by
# polling capture-pane.  The status line (second row from the bottom)
# reads "¶ ADDRESS/PARAGRAPHS  § SECTION  SYMBOL ... N%".
. tests/e2e/lib.sh
. tests/e2e/tmux.sh

# has_forms: standard input holds Arabic presentation forms (U+FE70 to
# U+FEFF, UTF-8 EF B9 B0 .. EF BB BF): shaped text, as hamish draws it.
has_forms() {
	LC_ALL=C grep -q "$(printf '\357[\271\272\273]')"
}
# No user configuration leaks in.
export XDG_CONFIG_HOME="$T/config"
mkdir -p "$XDG_CONFIG_HOME/hamish"

# Every seed opens, and shows its first words in presentation forms.
for s in "$S000" "$S001" "$S002" "$S003"; do
	tmux_start 100 30 "$HAMISH" "$s"
	tmux_wait_for '[0-9]+%'
	ok $? "$(basename "$s") opens: a status line with a per cent"
	tmux_screen | has_forms
	ok $? "$(basename "$s"): shaped Arabic on screen"
	tmux_keys q
	is "$(tmux_wait_exit)" 0 "$(basename "$s"): q quits with status 0"
done

# Go to an address: :42 in seed 002, :4.12 in seed 003.
tmux_start 100 30 "$HAMISH" "$S002"
tmux_wait_for '%'
tmux_keys ':42'
tmux_key Enter
tmux_wait_for_text '¶ 42'
ok $? ":42 puts paragraph 42 at the top, the status line says so"
tmux_screen | head -n 1 | grep -q '٤٢'
ok $? "... its label ٤٢ is on the top row"
tmux_keys ':999'
tmux_key Enter
tmux_wait_for_text 'No paragraph 999'
ok $? "an unknown address says so"
tmux_status | grep -q '¶ 42'
ok $? "... and does not move"

# Resize 120 -> 40 columns keeps the top paragraph.
tmux_start 120 30 "$HAMISH" "$S002"
tmux_wait_for '%'
tmux_keys ':42'
tmux_key Enter
tmux_wait_for_text '¶ 42'
tmux_resize 40 30
tmux_wait_for '^.{0,38}[0-9]+% *$'
tmux_status | grep -q '¶ 42'
ok $? "after a resize to 40 columns paragraph 42 is still at the top"
tmux_resize 12 3
tmux_wait_for_text 'Terminal too'
ok $? "a tiny terminal shows a message, not garbage"
tmux_resize 120 30
tmux_wait_for_text '¶ 42'
ok $? "back to 120 columns, still at paragraph 42"

tmux_start 100 30 "$HAMISH" "$S003"
tmux_wait_for '%'
tmux_keys ':4.12'
tmux_key Enter
tmux_wait_for_text '¶ 4.12'
ok $? ":4.12 in seed 003 (numbering restarts per section)"

# Search, Arabic-aware: without the shadda, with it; exact tells apart.
# A hit is drawn in the match faces (dark theme: background colour 208
# or 226), a miss says "Pattern not found" on the last row.
# search PATTERN: searches from paragraph 4.12.  The outcome is polled
# for by the check that follows (the previous search's "match k of n"
# may still be on screen, so waiting for any outcome would race).
search() {
	tmux_keys ':4.12'
	tmux_key Enter
	tmux_wait_for_text '¶ 4.12'
	tmux_keys "/$1"
	tmux_key Enter
}
_highlighted() {
	tmux_screen -e | grep -q '48;5;\(208\|226\)m'
}
hits() {	# the screen has highlighted cells (waits up to 10 s for them)
	_tmux_poll 10 _highlighted
}
search 'الاتجار'
hits
ok $? "/الاتجار (no shadda) finds matches, highlighted on screen"
search 'الاتِّجار'
hits
ok $? "/الاتِّجار (shadda and kasra) finds matches too"
tmux_keys ':set exact'
tmux_key Enter
tmux_wait_for_text 'letter for letter'
search 'الاتَجار'
tmux_wait_for 'Pattern not found'
ok $? "with :set exact a wrong haraka no longer matches"
tmux_keys ':set noexact'
tmux_key Enter
search 'الاتَجار'
hits
ok $? "... and without it harakat are ignored: found"

# A prompt longer than the row shows the part being typed, the cursor
# at its end (not the first row of it, the cursor hidden).
tmux_start 40 10 "$HAMISH" "$S001"
tmux_wait_for '%'
tmux_keys '/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ'
tmux_wait_for_text 'EFGHIJ'
ok $? "a search pattern longer than the row shows its end"
is "$(_tmux display-message -p -t t '#{cursor_flag} #{cursor_x} #{cursor_y}')" \
    "1 6 9" "... with the cursor after it"
tmux_key Escape

# q leaves the terminal as it was; a signal restores it too.
cat >"$T/wrap.sh" <<EOF
printf 'BEFORE\n'
sh -c 'echo \$\$ >"$T/pid"; exec "$HAMISH" "$S001"'
echo "AFTER rc=\$?"
exec sleep 60
EOF
tmux_start 80 24 sh "$T/wrap.sh"
tmux_wait_for '%'
tmux_keys q
tmux_wait_for_text 'AFTER rc=0'
ok $? "q: hamish exits with status 0"
tmux_screen | has_forms
ok $((! $?)) "... and the shell's screen is back, no Arabic left on it"
tmux_screen | head -n 1 | grep -q '^BEFORE$'
ok $? "... with what was there before"
for sig in TERM HUP INT; do
	tmux_start 80 24 sh "$T/wrap.sh"
	tmux_wait_for '%'
	kill -"$sig" "$(cat "$T/pid")"
	tmux_wait_for_text 'AFTER rc='
	ok $? "SIG$sig: hamish goes"
	tmux_screen | has_forms
	ok $((! $?)) "SIG$sig: the terminal is restored"
done

# A document with escape sequences shows them inert.
printf 'نص \033]2;PWNED\007 و \033[31mأحمر\033[0m \033[2J\033c نهاية\n' \
    >"$T/esc.txt"
tmux_start 80 24 "$HAMISH" "$T/esc.txt"
tmux_wait_for '%'
tmux_screen | grep -q '␛'
ok $? "ESC shows as the visible symbol ␛"
tmux_screen | grep -q 'PWNED'
ok $? "... the text of the sequence is shown, not acted on"
title=$(_tmux display-message -p -t t '#{pane_title}')
case $title in *PWNED*) r=1 ;; *) r=0 ;; esac
ok $r "... the title was not changed ($title)"
tmux_screen -e | grep -q "$(printf '\033')\\[31m"
ok $((! $?)) "... no red from the document"

# Colours: the dark theme's 256 colours; none with NO_COLOR, where the
# status line is still set apart (reverse video).
tmux_start 100 30 "$HAMISH" "$S001"
tmux_wait_for '%'
tmux_screen -e | grep -q '38;5;'
ok $? "the dark theme draws in 256 colours"
tmux_start 100 30 env NO_COLOR=1 "$HAMISH" "$S001"
tmux_wait_for '%'
tmux_screen -e | grep -q '38;5;\|48;5;\|\[3[0-7]m'
ok $((! $?)) "NO_COLOR: no colours at all"
tmux_screen -e | tail -n 2 | grep -q "$(printf '\033')\\[7m"
ok $? "... the status line in reverse video instead"

# A keymap file with a bad line: a file:line warning, not fatal.
printf 'bind j line-down\nbind x pgae-down\nbind Q quit\n' \
    >"$XDG_CONFIG_HOME/hamish/keys"
tmux_start 100 30 "$HAMISH" "$S001"
tmux_wait_for_text 'keys:2:'
ok $? "a bad line in the user's keys starts with a file:line warning"
tmux_keys Q
is "$(tmux_wait_exit)" 0 "... and the good lines apply (Q quits)"
rm "$XDG_CONFIG_HOME/hamish/keys"

# The emacs keymap, by name.
tmux_start 100 30 "$HAMISH" --keymap emacs "$S002"
tmux_wait_for '%'
tmux_key M-x
tmux_keys '42'
tmux_key Enter
tmux_wait_for_text '¶ 42'
ok $? "--keymap emacs: M-x 42 goes to paragraph 42"

# Several files: :bn, :bp.
tmux_start 100 30 "$HAMISH" "$S002" "$S003"
tmux_wait_for_text '[1/2]'
ok $? "two files: the status line counts them"
tmux_keys ':bn'
tmux_key Enter
tmux_wait_for_text '[2/2]'
ok $? ":bn switches to the second"
tmux_keys ':bp'
tmux_key Enter
tmux_wait_for_text '[1/2]'
ok $? ":bp back to the first"

# A non-UTF-8 locale: one clear line that names the fix.
tmux_start 100 30 env LANG=C LC_ALL=C "$HAMISH" "$S001"
is "$(tmux_wait_exit)" 1 "a non-UTF-8 locale exits with status 1"
tmux_screen | tr -d '\n' | grep -q 'not UTF-8.*LANG=C.UTF-8'
ok $? "... saying what to set"

tmux_stop
done_testing
