#!/bin/sh
# tests/e2e/help.sh - the help list (F1, h) in a real tmux: each entry a
# row, and a row cut at the terminal's edge ends in "…", never in a word
# cut off there.  What the entries say in full comes from a terminal wide
# enough for all of them.
. tests/e2e/lib.sh
. tests/e2e/tmux.sh

export XDG_CONFIG_HOME="$T/config"	# no user keymap

# list_rows: the rows above the status line, trailing blanks dropped
list_rows() {
	tmux_screen | sed '$d' | sed '$d'
}

# The help in full: 300 columns, more rows than it has entries.
tmux_start 300 200 "$HAMISH" "$S001"
tmux_wait_for '[0-9]+%'
tmux_key F1
tmux_wait_for_text 'Help: the keys of this keymap'
ok $? "F1 opens the help"
list_rows >"$T/full"
tmux_stop
long=$(awk 'length($0) > 80' "$T/full" | wc -l)
[ "$long" -gt 0 ]
ok $? "the help has lines longer than 80 columns ($long)"

# check_rows W: every row in $T/rows is an entry in full, or the start
# of one followed by "…"; prints the rows that are neither, and counts
# the cut ones in $T/ncut.
check_rows() {
	awk -v w="$1" -v ncut="$T/ncut" '
	    NR == FNR { full[$0] = 1; line[NR] = $0; n = NR; next }
	    { if ($0 in full) next
	      cut = 0
	      if (sub(/…$/, "")) {
		for (i = 1; i <= n; i++)
			if (index(line[i], $0) == 1) { cut = 1; break }
	      }
	      if (cut) { c++; next }
	      print "#   not an entry, nor one cut with …: |" $0 "|"; bad = 1 }
	    END { print c + 0 > ncut; exit bad }' "$T/full" "$T/rows"
}

for size in "80 24" "40 20"; do
	set -- $size
	tmux_start "$1" "$2" "$HAMISH" "$S001"
	tmux_wait_for '[0-9]+%'
	tmux_keys h
	tmux_wait_for_text 'Help: the keys'
	ok $? "$1x$2: h opens the help"
	list_rows >"$T/rows"
	check_rows "$1"
	ok $? "$1x$2: the first screen's rows are whole or end in …"
	first=$(cat "$T/ncut")
	tmux_key End
	tmux_wait_for '^  comparing: +:set swap'
	ok $? "$1x$2: End shows the last entry"
	list_rows >"$T/rows"
	check_rows "$1"
	ok $? "$1x$2: the last screen's rows are whole or end in …"
	[ "$first" -gt 0 ] && [ "$(cat "$T/ncut")" -gt 0 ]
	ok $? "$1x$2: some rows were cut ($first, then $(cat "$T/ncut"))"
	tmux_keys q
	tmux_wait_gone 'Help: the keys'
	ok $? "$1x$2: q closes the help"
	tmux_keys q
	is "$(tmux_wait_exit)" 0 "$1x$2: q quits"
done

done_testing
