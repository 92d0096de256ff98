#!/bin/sh
# tests/e2e/terminal.sh - what hamish sends to a terminal, byte for byte:
# the reader run under script(1) in a pseudo-terminal, its output kept.
# --bidi=app: explicit mode (BDSM reset, CSI 8 l) and LTR presentation
# (CSI 1 SP k) before anything else, implicit mode back (CSI 8 h, CSI 0
# SP k) at the very end; --bidi=terminal: neither, and logical text.
. tests/e2e/lib.sh
ESC=$(printf '\033')

# run OUT ARGS...: hamish ARGS in a pty, q pressed after a second
run() {
	out=$1
	shift
	(sleep 1; printf q) | LANG=C.UTF-8 TERM=xterm-256color timeout 20 \
	    script -qfec "$HAMISH $*" /dev/null >"$out" 2>&1
}

run "$T/app" "$S001"
ok $? "the reader runs and quits in a pseudo-terminal"
head -c 9 "$T/app" | od -An -c | tr -d ' \n' >"$T/head"
is "$(cat "$T/head")" '033[8l033[1k' "--bidi=app: CSI 8 l, CSI 1 SP k first"
tail -c 9 "$T/app" | od -An -c | tr -d ' \n' >"$T/tail"
is "$(cat "$T/tail")" '033[8h033[0k' "... CSI 8 h, CSI 0 SP k last"
LC_ALL=C grep -q "$(printf '\357[\271\272\273]')" "$T/app"
ok $? "... shaped text (presentation forms)"

run "$T/term" --bidi=terminal "$S001"
LC_ALL=C grep -q "${ESC}\\[8l" "$T/term"
ok $((! $?)) "--bidi=terminal: no CSI 8 l"
LC_ALL=C grep -q "$(printf '\357[\271\272\273]')" "$T/term"
ok $((! $?)) "... no presentation forms: the terminal shapes"
LC_ALL=C grep -q "$(printf '\330\247\331\204')" "$T/term"
ok $? "... logical Arabic letters (alef lam) instead"

# Inside tmux the sequences also go through its passthrough.
(sleep 1; printf q) | LANG=C.UTF-8 TERM=xterm-256color TMUX=/tmp/x,1,0 \
    timeout 20 script -qfec "$HAMISH $S001" /dev/null >"$T/tmux" 2>&1
LC_ALL=C grep -q "${ESC}Ptmux;${ESC}${ESC}\\[8l" "$T/tmux"
ok $? "inside tmux: CSI 8 l wrapped in the tmux passthrough"

# A terminal that goes away without a SIGHUP (not the controlling one):
# every read fails, and hamish must stop, not spin.
cc -o "$T/gone" tests/e2e/gone.c
LANG=C.UTF-8 TERM=xterm-256color "$T/gone" "$HAMISH" "$S001" >"$T/gone.out"
is "$(cat "$T/gone.out")" "exit 0" "a terminal gone without SIGHUP: hamish stops"

# An unknown keymap or theme, by name or as a file: one line, status 1.
LANG=C.UTF-8 TERM=xterm-256color timeout 20 script -qec \
    "$HAMISH --keymap nosuch $S001; echo rc=\$?; $HAMISH --theme $T/none \
    $S001; echo rc=\$?" /dev/null >"$T/bad" 2>&1
grep -q "no keymap called 'nosuch'" "$T/bad"
ok $? "an unknown keymap name is named, with the built-in ones"
grep -q "$T/none: No such file" "$T/bad"
ok $? "a theme file that is not there is named"
is "$(grep -c '^rc=1' "$T/bad")" 2 "... both exit with status 1"

# A TERM curses cannot use: one line naming it, its controls shown, not
# sent (this one would set the window title).
LANG=C.UTF-8 TERM="$(printf 'x\033]2;PWNED\007')" timeout 20 script -qec \
    "$HAMISH $S001; echo rc=\$?" /dev/null >"$T/badterm" 2>&1
grep -q 'cannot use this terminal (TERM=x' "$T/badterm"
ok $? "an unusable TERM is named in one line"
LC_ALL=C grep -q "${ESC}\\]2;" "$T/badterm"
ok $((! $?)) "... its escape sequence not written to the terminal"
grep -q '^rc=1' "$T/badterm"
ok $? "... exit status 1"

# check-terminal: the test line, no escape sequences when piped.
"$HAMISH" check-terminal >"$T/check"
ok $? "check-terminal runs"
grep -q 'سلام على العالم' "$T/check"
ok $? "... shows the logical test line"
LC_ALL=C grep -q "$(printf '\357[\271\272\273]')" "$T/check"
ok $? "... and the shaped one"
LC_ALL=C grep -q "$ESC" "$T/check"
ok $((! $?)) "... no escape sequence into a pipe"

# Not a terminal: the reader prints the document, like less.
"$HAMISH" render --width 80 "$S001" >"$T/r80"
COLUMNS=80 "$HAMISH" "$S001" >"$T/plain"
cmp -s "$T/plain" "$T/r80"
ok $? "hamish FILE into a pipe prints what render prints"
"$HAMISH" render --width 80 "$S002" >>"$T/r80"
COLUMNS=80 "$HAMISH" "$S001" "$S002" >"$T/plain2"
cmp -s "$T/plain2" "$T/r80"
ok $? "... and with two files, each in turn"
done_testing
