#!/bin/sh
# tests/e2e/firsthour.sh - what a new user met in the first hour (issue
# 14), the real binary: options on the command line, and keys in a
# private tmux server at 80x24, 120x40 and 40x20.
. tests/e2e/lib.sh
. tests/e2e/tmux.sh

export XDG_CONFIG_HOME="$T/config"
mkdir -p "$XDG_CONFIG_HOME/hamish"


# An unknown option: one line, naming it, with the hint; status 1.
"$HAMISH" --bogus "$S002" >"$T/out" 2>"$T/err"
is "$?" 1 "--bogus: usage error, status 1"
is "$(wc -l <"$T/err" | tr -d ' ')" 1 "... one line on standard error"
grep -q "^hamish: unknown option --bogus (try hamish --help)$" "$T/err"
ok $? "... that names the option and the help ($(cat "$T/err"))"
"$HAMISH" --keymap 2>"$T/err"
grep -q "^hamish: option --keymap needs a value" "$T/err"
ok $? "a missing value says so ($(cat "$T/err"))"
"$HAMISH" render -Z "$S002" 2>"$T/err"
is "$(cat "$T/err")" "hamish: unknown option -Z for render (try hamish --help)" \
    "render -Z: one line"

# Raw mode: C-s and C-q reach hamish (no flow control), here the emacs
# keymap's C-s search.
for term in xterm-256color screen vt100; do
	TMUX_TERM=$term tmux_start 80 24 "$HAMISH" --keymap emacs "$S002"
	tmux_wait_for '[0-9]+%'
	tmux_key C-s
	tmux_wait_for '^/'
	ok $? "$term: C-s opens the search (flow control off)"
	tmux_keys 'الاتجار'
	tmux_key Enter
	tmux_key C-q
	tmux_wait_for_text '<C-q> is not bound'
	ok $? "$term: C-q reaches hamish too"
	tmux_key C-c
	tmux_wait_exit >/dev/null
	ok $? "$term: C-c still quits"
done

# Like less: a document down a pipe into a terminal is read, the keys
# coming from /dev/tty.
for size in "80 24" "40 20"; do
	tmux_start $size sh -c "cat '$S003' | exec '$HAMISH'"
	tmux_wait_for '[0-9]+%'
	ok $? "cat FILE | hamish ($size): the reader"
	tmux_status | grep -q 'CTOC/COP/WG'
	ok $? "... named by the document's symbol"
	tmux_keys ':4.12'
	tmux_key Enter
	tmux_wait_for_text '¶ 4.12'
	ok $? "... keys reach it from the terminal"
	tmux_keys q
	is "$(tmux_wait_exit)" 0 "... q quits with status 0"
done
n=$(cat "$S003" | "$HAMISH" | wc -l)
[ "$n" -gt 100 ]
ok $? "a pipe into a pipe is still printed ($n lines)"

# The status line at 40 columns cuts the symbol with an ellipsis, a space
# before the per cent; search counts its matches (120x40, NO_COLOR too).
tmux_start 40 20 "$HAMISH" "$S003"
tmux_wait_for '[0-9]+%'
tmux_keys ':4.12'
tmux_key Enter
tmux_wait_for_text '¶ 4.12/'
tmux_status | grep -q '… [0-9]*% *$'
ok $? "40x20: the name cut with an ellipsis, apart from the per cent ($(tmux_status))"
for nc in "" 1; do
	if [ -n "$nc" ]; then
		tmux_start 120 40 env NO_COLOR=1 "$HAMISH" "$S002"
	else
		tmux_start 120 40 "$HAMISH" "$S002"
	fi
	tmux_wait_for '[0-9]+%'
	tmux_keys '/الاتجار'
	tmux_wait_for 'match 1 of [0-9]+'
	ok $? "120x40${nc:+ NO_COLOR}: match 1 of n while typing"
	tmux_key Enter
	tmux_keys n
	tmux_wait_for 'match 2 of [0-9]+'
	ok $? "... n: match 2 of n"
	tmux_keys i
	tmux_wait_for_text 'Distribution:  General'
	ok $? "... i: the header"
done

done_testing
