#!/bin/sh
# tests/bench/pty.sh - what reading costs over a slow link (ssh): the
# full-screen hamish against less, on the same documents, in the same
# invocation, both on an 80x24 pseudo-terminal (tests/bench/pty.c).
# For each: the first screen (ms until the output goes quiet, bytes), a
# line scroll ("j", LINES_N times) and a page ("Space", PAGES_N times):
# bytes and ms per key, CPU ms per key.  Each series starts from the top
# of a fresh run, so the pages measured are the first PAGES_N pages.
#
# A page's bytes are compared with the bytes of what it shows: the same
# program runs in a private tmux server, the same pages are captured
# (capture-pane -p) and their UTF-8 bytes counted, trailing blanks of
# each row dropped, leading blanks kept (they are cells shown), one byte
# per row for the line break.  Page bytes / shown bytes is what the
# redraw costs over the text itself.
#
# The peer is plain `less FILE` (wrapping lines, as hamish does; LESS,
# LESSOPEN and LESSCLOSE emptied, no history file).  Both get
# TERM=xterm-256color and LC_ALL=C.UTF-8.  A benchmark, not a test:
# it prints numbers and never fails on them.
# Environment: B (build directory), HAMISH, QUIET (ms, default 150),
# LINES_N (200), PAGES_N (30).
set -eu
B=${B:-build}
HAMISH=${HAMISH:-$B/hamish}
QUIET=${QUIET:-150}
LINES_N=${LINES_N:-200}
PAGES_N=${PAGES_N:-30}
OUT=tests/bench/out
mkdir -p "$OUT"
cc -O2 -o "$B/pty" tests/bench/pty.c -lutil

# The input: the four seeds repeated to about 8 MB.
. tests/bench/input.sh
small=$(ls tests/corpus/002_*.txt)

LESS=
LESSHISTFILE=-
export LESS LESSHISTFILE
unset LESSOPEN LESSCLOSE

sock=hamish-bench-$$
tmp=$(mktemp -d)
sockpath=
trap 'tm kill-server >/dev/null 2>&1 || true; rm -rf "$tmp"; [ -z "$sockpath" ] || rm -f "$sockpath"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# field NAME FILE: the value of NAME= in pty's output FILE ("" if none)
field() {
	awk -v k="$1=" '{ for (i = 1; i <= NF; i++) if (index($i, k) == 1) {
	    print substr($i, length(k) + 1); exit } }' "$2"
}

# tm ARG...: the private tmux server, UTF-8 whatever the locale
tm() {
	LANG=C.UTF-8 LC_ALL=C.UTF-8 tmux -u -L "$sock" -f /dev/null "$@"
}

# shown_bytes CMD...: the mean bytes shown on the first PAGES_N pages
# after the first screen (fewer if the document ends first), CMD run in
# an 80x24 tmux pane.  Polls: a page
# is in when the screen has changed and stayed the same for 0.1 s.
shown_bytes() {
	tm set-option -g status off \; \
	    set-option -g default-size 80x24 \; \
	    new-session -d -s b -x 80 -y 24 \
	    env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 "$@"
	sockpath=$(tm display-message -p '#{socket_path}')	# 3.3 leaves it
	prev=
	i=0
	total=0
	pages=0
	while [ "$i" -le "$PAGES_N" ]; do
		[ "$i" -gt 0 ] && tm send-keys -t b -l ' '
		# wait for a change (10 s at most for the first screen, 2 s
		# for a page), then for a still screen
		n=0
		end=
		while :; do
			cur=$(tm capture-pane -p -t b | sed 's/ *$//')
			[ "$cur" != "$prev" ] && [ -n "$cur" ] && break
			n=$((n + 1))
			if [ "$n" -gt 200 ] ||
			    { [ "$i" -gt 0 ] && [ "$n" -gt 40 ]; }; then
				end=1	# the end of the document: no change
				break
			fi
			sleep 0.05
		done
		# a short document ends before PAGES_N pages: the mean is
		# over the pages it has
		[ -n "$end" ] && [ "$i" -gt 0 ] && break
		while :; do
			sleep 0.1
			again=$(tm capture-pane -p -t b | sed 's/ *$//')
			[ "$again" = "$cur" ] && break
			cur=$again
		done
		prev=$cur
		if [ "$i" -gt 0 ]; then
			b=$(printf '%s\n' "$cur" | wc -c)
			total=$((total + b))
			pages=$((pages + 1))
		fi
		i=$((i + 1))
	done
	tm kill-server >/dev/null 2>&1 || :
	rm -f "$sockpath"
	echo $((total / (pages > 0 ? pages : 1)))
}

# measure NAME FILE CMD...: runs CMD FILE through pty twice (lines,
# pages) and in tmux; leaves NAME's numbers in $tmp/NAME.*
measure() {
	name=$1
	file=$2
	shift 2
	# each run opens at the top: a database of its own, so that no
	# reading position stored by the run before (or the user's) moves it
	export HAMISH_DB="$tmp/$name.db"
	rm -f "$HAMISH_DB" "$HAMISH_DB-wal" "$HAMISH_DB-shm"
	"$B/pty" -s 80x24 -q "$QUIET" -k "$LINES_N,j" "$@" "$file" \
	    >"$tmp/$name.lines"
	if grep -q exited_early "$tmp/$name.lines"; then
		return 1
	fi
	rm -f "$HAMISH_DB" "$HAMISH_DB-wal" "$HAMISH_DB-shm"
	"$B/pty" -s 80x24 -q "$QUIET" -k "$PAGES_N, " "$@" "$file" \
	    >"$tmp/$name.pages"
	rm -f "$HAMISH_DB" "$HAMISH_DB-wal" "$HAMISH_DB-shm"
	shown_bytes "$@" "$file" >"$tmp/$name.shown"
}

# row NAME: one line of the table
row() {
	l=$tmp/$1.lines
	p=$tmp/$1.pages
	printf '  %-7s %8s %8s %8s %7s %7s %8s %7s %7s %8s %8s\n' "$1" \
	    "$(field first_ms "$l")" "$(field first_bytes "$l")" \
	    "$(field bytes_mean "$l")" "$(field bytes_max "$l")" \
	    "$(field ms_mean "$l")" \
	    "$(field bytes_mean "$p")" "$(field ms_mean "$p")" \
	    "$(field ms_max "$p")" \
	    "$(cat "$tmp/$1.shown")" \
	    "$(field cpu_ms_per_key "$l")/$(field cpu_ms_per_key "$p")"
	s=$(($(field silent "$l") + $(field silent "$p")))
	[ "$s" -eq 0 ] || echo "  ($1: $s keys got no answer: the end?)"
}

ratio() {	# ratio WHAT A B
	awk -v t="$1" -v a="$2" -v b="$3" 'BEGIN {
	    if (b > 0) printf "  %s: %.2f\n", t, a / b
	    else printf "  %s: n/a\n", t }'
}

bench() {	# bench LABEL FILE
	echo
	echo "$1: $2, $(wc -c <"$2" | tr -d ' ') bytes"
	printf '  %-7s %8s %8s %8s %7s %7s %8s %7s %7s %8s %8s\n' "" \
	    "first" "first" "line" "line" "line" "page" "page" "page" \
	    "shown" "cpu ms"
	printf '  %-7s %8s %8s %8s %7s %7s %8s %7s %7s %8s %8s\n' "" \
	    "ms" "bytes" "bytes" "max" "ms" "bytes" "ms" "max ms" \
	    "bytes" "line/pg"
	measure less "$2" less
	row less
	if ! measure hamish "$2" "$HAMISH"; then
		echo "  hamish: not a full-screen program yet (it wrote" \
		    "$(field first_bytes "$tmp/hamish.lines") bytes and" \
		    "exited); skipped"
		return 0
	fi
	row hamish
	h=$tmp/hamish
	l=$tmp/less
	ratio "hamish/less bytes per line scroll" \
	    "$(field bytes_mean "$h.lines")" "$(field bytes_mean "$l.lines")"
	ratio "hamish/less bytes per page" \
	    "$(field bytes_mean "$h.pages")" "$(field bytes_mean "$l.pages")"
	ratio "hamish/less first screen ms" \
	    "$(field first_ms "$h.lines")" "$(field first_ms "$l.lines")"
	ratio "hamish page bytes / shown bytes (target <= 1.10)" \
	    "$(field bytes_mean "$h.pages")" "$(cat "$h.shown")"
	ratio "less page bytes / shown bytes (for comparison)" \
	    "$(field bytes_mean "$l.pages")" "$(cat "$l.shown")"
	echo "  hamish first screen ms: $(field first_ms "$h.lines")" \
	    "(target < 150)"
	echo "  hamish cpu ms per key: line $(field cpu_ms_per_key "$h.lines")," \
	    "page $(field cpu_ms_per_key "$h.pages") (target < 5)"
}

echo "reading over a slow link: 80x24 pty, TERM=xterm-256color," \
    "quiet after $QUIET ms;"
echo "line = \"j\" x $LINES_N, page = Space x $PAGES_N, each from the top;" \
    "bytes and ms are means per key"
bench "(a) the seeds repeated" "$big"
bench "(b) one document" "$small"
