# tests/e2e/tmux.sh - drives the full-screen reader in a private tmux
# server, for the end-to-end suites (sourced after lib.sh).  Keys go in
# with send-keys; the screen comes back with capture-pane -p, polled
# until it shows what is expected.  No fixed sleeps: every wait polls
# for a condition and gives up after a timeout, showing the screen.
#
#	. tests/e2e/lib.sh
#	. tests/e2e/tmux.sh
#	tmux_start 80 24 "$HAMISH" "$T/doc.txt"
#	tmux_wait_for_text 'Distr.: General'
#	ok $? "the first screen shows the document"
#	tmux_keys q
#	is "$(tmux_wait_exit)" 0 "q quits with status 0"
#
# The server is `tmux -L hamish-test-PID-N -f /dev/null`: no user
# configuration, no status line (the pane is the whole W x H window),
# TERM=tmux-256color inside (screen-256color if that terminfo entry is
# missing; TMUX_TERM overrides), LANG and LC_ALL C.UTF-8.  The program
# is left on screen when it exits (remain-on-exit, with no "Pane is
# dead" line, which would scroll the screen) so its exit status and its
# last screen can be read.  Each tmux_start has a new server, N counting
# them: a server that is still exiting must not get the new commands.
# HAMISH_DB is a new file in T for each tmux_start, unless KEEP_DB is
# set.  Works with dash; POSIX sh only.
#
# tmux 3.3a (Debian 12): `set -g window-size manual` before the first
# session kills the server, so it is not set; resize-window sets it for
# its window itself.

_tmux_n=0			# servers started, for their names
_tmux_sock=hamish-test-$$-0	# the server's -L name
_tmux_path=			# and its socket file
_tmux_up=0
_tmux_watch=			# the watchdog's PID

_tmux() {
	LANG=C.UTF-8 LC_ALL=C.UTF-8 tmux -u -L "$_tmux_sock" -f /dev/null "$@"
}

# The EXIT trap: stop the server, then lib.sh's own cleanup (dash cannot
# read back the trap it set, `$(trap)`, so that is repeated here).
_tmux_atexit() {
	tmux_stop
	[ -z "${T:-}" ] || rm -rf "$T"
}

# _tmux_diag WHAT: says on stderr what timed out and shows the screen,
# each row as "#   |ROW|" (lib.sh's indentation for diagnostics).
_tmux_diag() {
	echo "# tmux: $1; the screen ($(_tmux display-message -p -t t \
	    '#{pane_width}x#{pane_height}, #{?pane_dead,exited,running}')):" >&2
	tmux_screen 2>&1 | sed 's/^/#   |/; s/$/|/' >&2
}

# _tmux_poll TIMEOUT_S CMD...: runs CMD every 0.05 s until it succeeds
# (0) or TIMEOUT_S seconds (a whole number) have gone by (1).
_tmux_poll() {
	_end=$(($(date +%s) + $1 + 1))	# + 1: date has whole seconds
	_i=$(($1 * 20))
	shift
	while ! "$@"; do
		_i=$((_i - 1))
		if [ "$_i" -lt 0 ] && [ "$(date +%s)" -ge "$_end" ]; then
			return 1
		fi
		sleep 0.05
	done
}

# tmux_start W H CMD [ARG...]: runs CMD (an argument vector, exec'd
# without a shell) in a fresh server, in a W x H window.  Stops any
# server this script started before.
tmux_start() {
	_w=$1
	_h=$2
	shift 2
	tmux_stop
	_tmux_n=$((_tmux_n + 1))
	_tmux_sock=hamish-test-$$-$_tmux_n
	trap _tmux_atexit EXIT
	trap 'exit 129' HUP
	trap 'exit 130' INT
	trap 'exit 143' TERM
	# each reader its own annotations database, so that a reading
	# position stored by one test does not move the next one;
	# KEEP_DB=1 reopens the last one (tests of what persists)
	if [ -z "${KEEP_DB:-}" ] || [ -z "${HAMISH_DB:-}" ]; then
		HAMISH_DB=$T/hamish-$_tmux_n.db
	fi
	export HAMISH_DB
	_term=${TMUX_TERM:-}
	if [ -z "$_term" ]; then
		_term=tmux-256color
		infocmp "$_term" >/dev/null 2>&1 || _term=screen-256color
	fi
	_tmux set-option -g status off \; \
	    set-option -g default-terminal "$_term" \; \
	    set-option -g default-size "${_w}x$_h" \; \
	    set-option -g remain-on-exit on \; \
	    set-option -g remain-on-exit-format '' \; \
	    new-session -d -s t -x "$_w" -y "$_h" \
	    env LANG=C.UTF-8 LC_ALL=C.UTF-8 "$@" || return 1
	_tmux_up=1
	_tmux_path=$(_tmux display-message -p '#{socket_path}')
	# a watchdog: if this script is killed (SIGKILL, where no trap
	# runs), the server, the program and T must not outlive it
	(
		while kill -0 "$$" 2>/dev/null; do
			sleep 1
		done
		_tmux kill-server
		rm -f "$_tmux_path"
		[ -z "${T:-}" ] || rm -rf "$T"	# lib.sh's trap did not run
	) </dev/null >/dev/null 2>&1 &
	_tmux_watch=$!
}

# tmux_keys TEXT...: types TEXT literally (no key names), each argument
# after the other with nothing between them.
tmux_keys() {
	_tmux send-keys -t t -l -- "$@"
}

# tmux_key NAME...: presses named keys as tmux spells them: Enter,
# Escape, Space, Tab, BSpace, Up, Down, Left, Right, Home, End, PageUp,
# PageDown (PPage/NPage), F1, C-l, M-x, ...
tmux_key() {
	_tmux send-keys -t t -- "$@"
}

# tmux_screen [CAPTURE-PANE-OPTION...]: prints the screen, exactly one
# line per row, trailing blanks dropped (-e adds the colours/attributes).
tmux_screen() {
	_tmux capture-pane -p -t t "$@"
}

_tmux_grep() {	# _tmux_grep GREP-OPTION PATTERN
	tmux_screen | grep -q "$1" -e "$2"
}

_tmux_grep_not() {
	! _tmux_grep "$1" "$2"
}

# tmux_wait_for PATTERN [TIMEOUT_S]: waits until a row of the screen
# matches the extended regular expression PATTERN (10 s by default);
# 1 on timeout, with the screen on stderr.
tmux_wait_for() {
	_tmux_poll "${2:-10}" _tmux_grep -E "$1" && return 0
	_tmux_diag "timed out after ${2:-10} s waiting for /$1/"
	return 1
}

# tmux_wait_for_text TEXT [TIMEOUT_S]: the same for a fixed string.
tmux_wait_for_text() {
	_tmux_poll "${2:-10}" _tmux_grep -F "$1" && return 0
	_tmux_diag "timed out after ${2:-10} s waiting for \"$1\""
	return 1
}

# tmux_wait_gone PATTERN [TIMEOUT_S]: waits until no row matches the
# extended regular expression PATTERN.
tmux_wait_gone() {
	_tmux_poll "${2:-10}" _tmux_grep_not -E "$1" && return 0
	_tmux_diag "timed out after ${2:-10} s waiting for /$1/ to go"
	return 1
}

# tmux_status: hamish's status line, the row above the last.
tmux_status() {
	tmux_screen | tail -n 2 | head -n 1
}

_tmux_status_grep() {	# _tmux_status_grep PATTERN
	tmux_status | grep -q -E -e "$1"
}

# tmux_wait_status PATTERN [TIMEOUT_S]: waits until hamish's status line
# (the row above the last) matches the extended regular expression
# PATTERN.  After a key, wait for what only the key can make appear
# there (the document's name, its position), not for text that may be
# on the screen already.
tmux_wait_status() {
	_tmux_poll "${2:-10}" _tmux_status_grep "$1" && return 0
	_tmux_diag "timed out after ${2:-10} s waiting for the status line" \
	    "to match /$1/"
	return 1
}

_tmux_size_is() {	# _tmux_size_is WxH
	[ "$(_tmux display-message -p -t t '#{pane_width}x#{pane_height}')" \
	    = "$1" ]
}

# tmux_resize W H: resizes the window (and so the pane; the program gets
# SIGWINCH) and waits until tmux reports the new size.  It does not wait
# for the program to redraw: wait for what the new screen shows.
tmux_resize() {
	_tmux resize-window -t t -x "$1" -y "$2" || return 1
	_tmux_poll 10 _tmux_size_is "${1}x$2" && return 0
	_tmux_diag "the pane did not become ${1}x$2"
	return 1
}

# tmux_pane_dead: true once the program has exited and tmux knows its
# exit status.  tmux marks the pane dead when the pty closes, and reaps
# the program when SIGCHLD comes; Debian's tmux (libutempter) can lose
# that signal (tmux/tmux#311: utempter's own SIGCHLD handler is in place
# while the dead pane's utmp record is removed), leaving a zombie and no
# status, about one exit in six here.  So a dead pane without a status
# gets the server a SIGCHLD of our own, which makes it reap.
tmux_pane_dead() {
	_s=$(_tmux display-message -p -t t \
	    '#{pane_dead}:#{pane_dead_status}#{pane_dead_signal}:#{pid}')
	case $_s in
	1:?*:*)	return 0 ;;
	1::*)	kill -CHLD "${_s##*:}" 2>/dev/null ;;	# #{pid}: the server
	esac
	return 1
}

# tmux_wait_exit [TIMEOUT_S]: waits until the program has exited and
# prints its exit status, or "signal-N" if a signal killed it; prints
# nothing and returns 1 on timeout.  Its last screen stays readable.
tmux_wait_exit() {
	if ! _tmux_poll "${1:-10}" tmux_pane_dead; then
		_tmux_diag "timed out after ${1:-10} s waiting for the exit"
		return 1
	fi
	_tmux display-message -p -t t \
	    '#{?pane_dead_signal,signal-#{pane_dead_signal},#{pane_dead_status}}'
}

# tmux_stop: kills the server and the program; harmless if none runs.
tmux_stop() {
	if [ "$_tmux_up" = 1 ]; then
		kill "$_tmux_watch" 2>/dev/null
		_tmux kill-server >/dev/null 2>&1
		_tmux_up=0
		# tmux 3.3 leaves its socket behind
		[ -n "$_tmux_path" ] && rm -f "$_tmux_path"
	fi
	return 0
}
