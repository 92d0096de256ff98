#!/bin/sh
# tests/bench/compare.sh - `hamish compare OLD NEW` (issue 12) over a
# pseudo-terminal, against vimdiff (`vim -d`) on the same pair, in the
# same invocation, both on a 140x40 pty (tests/bench/pty.c): two
# columns need 100 or more.  For each: the first screen (ms until the
# output goes quiet, bytes), "next change" (]c in both) CHANGES_N times
# and back ([c) as many, a line scroll (j in hamish, C-e in vim, which
# scrolls without moving the cursor first) LINES_N times and a page
# (Space in hamish, C-f in vim) PAGES_N times: bytes, ms and CPU ms per
# key.
#
# A page's bytes are compared with the bytes it shows, as pty.sh does
# for the reader: the same pages are captured in a private tmux server
# (capture-pane -p, trailing blanks of each row dropped, one byte per
# row for the line break) and their UTF-8 bytes counted.
#
# The pair: test-diff's revision of seed 001 (two drafts of about 80 KB,
# planted edits: an insertion, rewording, a deletion, a split, a merge,
# a move), and the 8 MB bench corpus against a copy with every 50th
# paragraph reworded (first screen only: the diff of the whole).  vim
# runs with no configuration (-u NONE -N -n -i NONE), TERM=xterm-256color
# and LC_ALL=C.UTF-8 for both.  A benchmark, not a test: it prints
# numbers and never fails on them.
# Environment: B, HAMISH, QUIET (ms, default 150), CHANGES_N (6),
# LINES_N (100), PAGES_N (20), BIG_N (50).
set -eu
B=${B:-build}
HAMISH=${HAMISH:-$B/hamish}
QUIET=${QUIET:-150}
CHANGES_N=${CHANGES_N:-6}
LINES_N=${LINES_N:-100}
PAGES_N=${PAGES_N:-20}
BIG_N=${BIG_N:-50}
OUT=${OUT:-tests/bench/out}
SIZE=140x40
mkdir -p "$OUT"
[ -x "$B/pty" ] || cc -O2 -o "$B/pty" tests/bench/pty.c -lutil
[ -x "$B/test-diff" ] || make --no-print-directory "$B/test-diff" >/dev/null
. tests/bench/input.sh
"$B/test-diff" --write "$OUT"
old=$OUT/rev1-old.txt new=$OUT/rev1-new.txt
ed=$OUT/seeds-8mb-edited.txt
if [ ! -f "$ed" ]; then
	awk 'NF && ++n % 50 == 0 { sub(/ال/, "الـمُعدَّل ال") } { print }' "$big" >"$ed"
fi

sock=hamish-bench-cmp-$$
tmp=$(mktemp -d)
sockpath=
trap 'tm kill-server >/dev/null 2>&1 || true; rm -rf "$tmp"; [ -z "$sockpath" ] || rm -f "$sockpath"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
export XDG_CONFIG_HOME="$tmp/config"	# no user keys or theme

field() {	# field NAME FILE [N]: NAME= on the Nth line that has it
	awk -v k="$1=" -v want="${3:-1}" '{ for (i = 1; i <= NF; i++)
	    if (index($i, k) == 1 && ++seen == want) {
	    print substr($i, length(k) + 1); exit } }' "$2"
}

tm() {
	LANG=C.UTF-8 LC_ALL=C.UTF-8 tmux -u -L "$sock" -f /dev/null "$@"
}

# shown_bytes KEY CMD...: the mean bytes shown on the first PAGES_N
# pages after the first screen, KEY (a tmux key) turning the page, CMD
# in a 140x40 tmux pane
shown_bytes() {
	key=$1
	shift
	tm set-option -g status off \; \
	    set-option -g default-size $SIZE \; \
	    new-session -d -s b -x 140 -y 40 \
	    env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 "$@"
	sockpath=$(tm display-message -p '#{socket_path}')
	prev=
	i=0
	total=0
	pages=0
	while [ "$i" -le "$PAGES_N" ]; do
		[ "$i" -gt 0 ] && tm send-keys -t b "$key"
		n=0
		end=
		while :; do
			cur=$(tm capture-pane -p -t b | sed 's/ *$//')
			[ "$cur" != "$prev" ] && [ -n "$cur" ] && break
			n=$((n + 1))
			if [ "$n" -gt 200 ] ||
			    { [ "$i" -gt 0 ] && [ "$n" -gt 40 ]; }; then
				end=1
				break
			fi
			sleep 0.05
		done
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

# measure NAME LINEKEY PAGEKEY TMUXPAGEKEY CMD...
measure() {
	name=$1 lk=$2 pk=$3 tk=$4
	shift 4
	export HAMISH_DB="$tmp/$name.db"
	rm -f "$HAMISH_DB"*
	"$B/pty" -s $SIZE -q "$QUIET" -k "$CHANGES_N,]c" -k "$CHANGES_N,[c" \
	    "$@" >"$tmp/$name.changes"
	rm -f "$HAMISH_DB"*
	"$B/pty" -s $SIZE -q "$QUIET" -k "$LINES_N,$lk" "$@" >"$tmp/$name.lines"
	rm -f "$HAMISH_DB"*
	"$B/pty" -s $SIZE -q "$QUIET" -k "$PAGES_N,$pk" "$@" >"$tmp/$name.pages"
	rm -f "$HAMISH_DB"*
	shown_bytes "$tk" "$@" >"$tmp/$name.shown"
}

row() {
	c=$tmp/$1.changes l=$tmp/$1.lines p=$tmp/$1.pages
	printf '  %-8s %7s %8s %8s %7s %8s %7s %8s %7s %8s %13s\n' "$1" \
	    "$(field first_ms "$c")" "$(field first_bytes "$c")" \
	    "$(field bytes_mean "$c")" "$(field ms_mean "$c")" \
	    "$(field bytes_mean "$l")" "$(field ms_mean "$l")" \
	    "$(field bytes_mean "$p")" "$(field ms_mean "$p")" \
	    "$(cat "$tmp/$1.shown")" \
	    "$(field cpu_ms_per_key "$c")/$(field cpu_ms_per_key "$l")/$(field cpu_ms_per_key "$p")"
}

ratio() {	# ratio WHAT A B
	awk -v t="$1" -v a="$2" -v b="$3" 'BEGIN {
	    if (b > 0) printf "  %s: %.2f\n", t, a / b
	    else printf "  %s: n/a\n", t }'
}

echo "hamish compare against vim -d: $SIZE pty, TERM=xterm-256color, quiet" \
    "after $QUIET ms;"
echo "change = ]c x $CHANGES_N (then [c x $CHANGES_N), line = j (vim: C-e)" \
    "x $LINES_N, page = Space (vim: C-f) x $PAGES_N; means per key"
echo
echo "(a) two drafts: $old ($(wc -c <"$old" | tr -d ' ') bytes)," \
    "$new ($(wc -c <"$new" | tr -d ' ') bytes)"
printf '  %-8s %7s %8s %8s %7s %8s %7s %8s %7s %8s %13s\n' "" first first \
    change change line line page page shown "cpu ms"
printf '  %-8s %7s %8s %8s %7s %8s %7s %8s %7s %8s %13s\n' "" ms bytes \
    bytes ms bytes ms bytes ms bytes "chg/line/pg"
measure vim '\x05' '\x06' C-f vim -d -u NONE -N -n -i NONE "$old" "$new"
row vim
measure hamish j ' ' Space "$HAMISH" compare "$old" "$new"
row hamish
h=$tmp/hamish v=$tmp/vim
ratio "hamish/vim first screen ms" "$(field first_ms "$h.changes")" \
    "$(field first_ms "$v.changes")"
ratio "hamish/vim bytes per page" "$(field bytes_mean "$h.pages")" \
    "$(field bytes_mean "$v.pages")"
ratio "hamish page bytes / shown bytes (target <= 1.10)" \
    "$(field bytes_mean "$h.pages")" "$(cat "$h.shown")"
ratio "vim page bytes / shown bytes (for comparison)" \
    "$(field bytes_mean "$v.pages")" "$(cat "$v.shown")"
echo "  hamish compare first screen ms: $(field first_ms "$h.changes")" \
    "(target < 100)"
echo "  hamish cpu ms per key: change $(field cpu_ms_per_key "$h.changes")" \
    "and back $(field cpu_ms_per_key "$h.changes" 2), line" \
    "$(field cpu_ms_per_key "$h.lines"), page" \
    "$(field cpu_ms_per_key "$h.pages") (target < 5)"

echo
echo "(b) the 8 MB corpus against an edited copy (every 50th paragraph" \
    "reworded): first screen, then ]c x $BIG_N and Space x $BIG_N"
export HAMISH_DB="$tmp/big.db"
"$B/pty" -s $SIZE -q "$QUIET" -w 20000 -k "$BIG_N,]c" -k "$BIG_N, " \
    "$HAMISH" compare "$big" "$ed" >"$tmp/big.h"
"$B/pty" -s $SIZE -q "$QUIET" -w 20000 -k "$BIG_N,]c" -k "$BIG_N,\\x06" \
    vim -d -u NONE -N -n -i NONE "$big" "$ed" >"$tmp/big.v"
for w in hamish vim; do
	f=$tmp/big.$(echo $w | cut -c1)
	printf '  %-7s first screen %8s ms %6s bytes; ]c %6s ms %6s bytes' \
	    $w "$(field first_ms "$f")" "$(field first_bytes "$f")" \
	    "$(field ms_mean "$f")" "$(field bytes_mean "$f")"
	printf ' %s cpu ms; page %s cpu ms\n' "$(field cpu_ms_per_key "$f")" \
	    "$(field cpu_ms_per_key "$f" 2)"
done
ratio "hamish/vim first screen ms" "$(field first_ms "$tmp/big.h")" \
    "$(field first_ms "$tmp/big.v")"
