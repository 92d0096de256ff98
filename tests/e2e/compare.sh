#!/bin/sh
# tests/e2e/compare.sh - `hamish compare OLD NEW` and `:compare FILE`,
# the real binary in a private tmux server.  The revision pair is test-
# diff's from seed 002 (build/test-diff --write DIR): paragraph 4
# inserted (the rest renumbered), 5 -> 6 reworded (الاستعراض، out,
# المستجدة in), 7 -> 8 respelled, old 8 deleted, 9 split, 12 and 13
# merged, 15 moved to the end; 7 changes in all.
#
# The screen: row 1 the heads of the two columns, then the text; at 140
# columns each column is 63 cells and the gutter 14 between them (cells
# 0-62 the left column, 77-139 the right one).  Columns are cut with
# python3 (tmux prints a cell as one character here: presentation forms,
# no wide characters in these documents).
. tests/e2e/lib.sh
. tests/e2e/tmux.sh
B=${B:-build}
"$B/test-diff" --write "$T" || exit 1
O=$T/rev2-old.txt
N=$T/rev2-new.txt
export XDG_CONFIG_HOME="$T/config"
mkdir -p "$XDG_CONFIG_HOME/hamish"


# side L|R|G ROW: the left column, the right one or the gutter of screen
# row ROW (1-based), trailing blanks dropped.
side() {
	tmux_screen | python3 -c '
import sys
rows = sys.stdin.read().split("\n")
import unicodedata
r = rows[int(sys.argv[2]) - 1] if int(sys.argv[2]) <= len(rows) else ""
lo, hi = {"L": (0, 63), "G": (63, 77), "R": (77, 140)}[sys.argv[1]]
x, part = 0, ""
for ch in r:
    # a mark or a format control takes no cell of its own
    if unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        if lo < x <= hi:
            part += ch
        continue
    if lo <= x < hi:
        part += ch
    x += 1
print(part.rstrip())' "$1" "$2" 2>/dev/null
}

# words: the Arabic on standard input in logical order: presentation
# forms made letters again (NFKC), each run of Arabic read right to left.
words() {
	python3 -c '
import sys, unicodedata, re
out = []
for line in sys.stdin.read().split("\n"):
    out.append(" ".join(unicodedata.normalize("NFKC", w[::-1])
                        for w in line.split()[::-1]))
print("\n".join(out))' 2>/dev/null
}

# --- the two columns, the old one on the right ---------------------------
tmux_start 140 30 "$HAMISH" compare "$O" "$N"
tmux_wait_for 'changes'
ok $? "hamish compare opens: the status line counts the changes"
tmux_status | grep -q '7 changes · 2 changed, 1 moved, 1 new, 1 deleted, 1 split, 1 merged, 1 spelling'
ok $? "... seven, by kind: changed, moved, new, deleted, split, merged, spelling"
side R 1 | grep -q '^old  '
ok $? "the right column's head names the old version"
side L 1 | grep -q '^new  '
ok $? "the left column's head names the new one"
side R 1 | grep -q 'rev2-old.txt'
ok $? "... with its file, as both have the same title"

# :20 is old 21 (one in, one out, one split, one merge, one moved to
# the end): both labels on the same row, and the same words row by
# row (an unchanged pair laid out at the same width)
tmux_keys ':20'
tmux_key Enter
tmux_wait_for_text '¶ 21 → 20'
ok $? ":20 goes to new paragraph 20 and its counterpart, old 21"
side L 2 | grep -q '٢٠$'
ok $? "... new 20's label on the first text row of the left column"
side R 2 | grep -q '٢١$'
ok $? "... old 21's on the same row of the right column"
side G 2 | grep -q '20 ← 21'
ok $? "... the gutter maps 20 ← 21"
same=0
for r in 2 3 4 5 6 7; do
	[ "$(side L $r | tr -d '٠-٩')" = "$(side R $r | tr -d '٠-٩')" ] ||
	    same=1
done
ok $same "... and the rows of the two texts side by side are the same"

# v selects words of the new version (dark theme: background 61)
sel_on() {
	tmux_screen -e | head -n 28 | grep -q '48;5;61m'
}
sel_off() {
	! sel_on
}
tmux_keys v w
_tmux_poll 10 sel_on
ok $? "v w: words of the new version selected, on screen"
tmux_key Escape
_tmux_poll 10 sel_off
ok $? "Esc: the selection gone"

# ]c, [c and the change counter
tmux_keys g ']c'
tmux_wait_for_text 'change 1 of 7'
ok $? "]c from the top: change 1 of 7"
side G 2 | grep -q '4 new'
ok $? "... the inserted paragraph 4 at the top, the gutter says so"
side R 2 | grep -q '^╱*$' && side R 2 | grep -q '╱'
ok $? "... filler in the old column beside it"
tmux_keys ']c'
tmux_wait_for_text 'change 2 of 7'
ok $? "]c again: change 2 of 7"
side G 2 | grep -q '6 ← 5' && side G 3 | grep -q 'changed'
ok $? "... 6 ← 5, changed"
side L 2 | words | grep -q 'المستجدة'
ok $? "... the new word in the left column"
side R 2 | words | grep -q 'الاستعراض'
ok $? "... the old one in the right column, on the same row"
tmux_keys ']c' ']c'
tmux_wait_for_text 'change 4 of 7'
side G 2 | grep -q '8 deleted' && side L 2 | grep -q '╱'
ok $? "]c ]c: old 8 deleted, filler on the new side"
tmux_keys '[c'
tmux_wait_for_text 'change 3 of 7'
ok $? "[c goes back: change 3 of 7"
side G 3 | grep -q 'spelling'
ok $? "... the respelling, shown as such"
tmux_keys ']c' ']c' ']c' ']c'
tmux_wait_for_text 'change 7 of 7'
side G 2 | grep -q '65 ← 15' && side G 3 | grep -q 'moved'
ok $? "the last change: 15 moved to 65"
tmux_keys ']c'
tmux_wait_for_text 'No more changes below'
ok $? "]c after the last says so"
tmux_keys ':old 15'
tmux_key Enter
tmux_wait_for_text '¶ 15 → 65'
ok $? ":old 15: the old numbering, the moved paragraph beside its new place"
tmux_keys ':14'
tmux_key Enter
tmux_wait_for_text '¶ 15 moved down, to ¶ 65'
ok $? "where it was, after 14, a marker in the old column says where it went"
tmux_keys ':old 13'
tmux_key Enter
tmux_wait_for_text '¶ 12–13 → 13'
ok $? ":old 13: the merge of 12 and 13 into 13"
tmux_keys ':999'
tmux_key Enter
tmux_wait_for_text 'No paragraph 999 in the new version'
ok $? "an address neither has: a message"

# search, on the new version
tmux_keys g /
tmux_keys 'المستجدة'
tmux_key Enter
tmux_wait_for_text 'match 1 of 2'
tmux_status | grep -q '¶ 5 → 6'
ok $? "/ searches the new version: the columns go to the pair of the hit"
tmux_keys n
tmux_wait_for_text 'match 2 of 2'
tmux_status | grep -q '¶ 5 → 6'
[ $? -ne 0 ]
ok $? "n: the next hit, elsewhere"

# the change list
tmux_keys C
tmux_wait_for_text 'Changes: Enter goes to one'
ok $? "C lists the changes"
tmux_screen | grep -q '^5\. 9 → 9–10  split'
ok $? "... the split with both addresses"
tmux_keys gjjjj
tmux_key Enter
tmux_wait_for_text 'change 5 of 7'
ok $? "Enter on the fifth goes to it"

# swap
tmux_keys s
tmux_wait_for_text 'The old version on the left'
side L 1 | grep -q '^old  '
ok $? "s puts the old version on the left"
side G 2 | grep -q '9 → 9–10'
ok $? "... and the gutter's arrow turns"
tmux_keys ':set noswap'
tmux_key Enter
tmux_wait_gone 'The old version on the left'
side R 1 | grep -q '^old  '
ok $? ":set noswap: on the right again"

# fold
tmux_keys g zi
tmux_wait_for_text 'unchanged paragraphs ⋯'
ok $? "zi folds the unchanged paragraphs"
tmux_status | grep -q 'folded'
ok $? "... the status line says so"
tmux_keys zi
tmux_wait_gone 'unchanged paragraphs ⋯'
ok $? "zi again unfolds them"

# help
tmux_keys h
tmux_wait_for_text 'normal mode'
tmux_keys G
tmux_wait_for_text 'compare mode'
ok $? "h: the help lists mode compare"
tmux_screen | grep -q '\]c .*change-next'
ok $? "... with ]c"
tmux_keys q
tmux_wait_gone 'compare mode'
tmux_keys q
is "$(tmux_wait_exit)" 0 "q quits hamish compare with status 0"

# --- --swap, resize, one column -----------------------------------------
tmux_start 140 30 "$HAMISH" compare --swap "$O" "$N"
tmux_wait_for 'changes'
side L 1 | grep -q '^old  '
ok $? "--swap: the old version on the left from the start"
tmux_keys ']c' ']c'
tmux_wait_for_text 'change 2 of 7'
tmux_resize 80 30
tmux_wait_for_text 'against'
ok $? "below 100 columns: one column, its head names both versions"
tmux_screen | words | grep 'المستجدة' | grep -q 'الاستعراض'
ok $? "... the old and the new word inline, on one row"
tmux_status | grep -q 'change 2 of 7'
ok $? "... still at change 2"
tmux_resize 140 30
tmux_wait_gone 'against'
side L 1 | grep -q '^old  '
ok $? "back to 140 columns: two columns again"
tmux_keys q
is "$(tmux_wait_exit)" 0 "q quits"

# --- without colour: the marks still read --------------------------------
# rows of the text only (not the status line, which is reversed anyway)
attrs_of() {	# attrs_of SGR: the words drawn with attribute SGR (7, 4)
	tmux_screen -e | head -n 26 | python3 -c '
import sys, re, unicodedata
want = sys.argv[1]
on = False
out = []
for line in sys.stdin.read().split("\n"):
    cur = ""
    for part in re.split(r"(\x1b\[[0-9;]*m)", line):
        if part.startswith("\x1b["):
            codes = part[2:-1].split(";")
            if codes == [""] or "0" in codes:
                on = False
            if want in codes:
                on = True
            continue
        if on:
            cur += part
        else:
            cur += " "
    out.append(cur)
for line in out:
    print(" ".join(unicodedata.normalize("NFKC", w[::-1])
                   for w in line.split()[::-1]))' "$1" 2>/dev/null
}
for how in NO_COLOR mono; do
	if [ $how = NO_COLOR ]; then
		tmux_start 140 30 env NO_COLOR=1 "$HAMISH" compare "$O" "$N"
	else
		tmux_start 140 30 "$HAMISH" compare --theme mono "$O" "$N"
	fi
	tmux_wait_for 'changes'
	tmux_keys ']c' ']c'
	tmux_wait_for_text 'change 2 of 7'
	tmux_screen -e | head -n 26 | grep -q '38;5;' 
	[ $? -ne 0 ]
	ok $? "$how: no colours on the text rows"
	attrs_of 7 | grep -q 'الاستعراض'
	ok $? "$how: the deleted word in reverse"
	attrs_of 4 | grep -q 'المستجدة'
	ok $? "$how: the inserted word underlined"
	attrs_of 7 | grep -q 'المستجدة'
	[ $? -ne 0 ]
	ok $? "$how: ... and not in reverse"
	tmux_keys q
	tmux_wait_exit >/dev/null
done

# --- annotations go with the revision -------------------------------------
# In the reader, on the old version: a highlight of paragraph 5 (which
# the revision rewords) and a note on paragraph 8 (which it deletes).
tmux_start 100 30 "$HAMISH" "$O"
tmux_wait_for '%'
tmux_keys ':5'
tmux_key Enter
tmux_wait_for_text '¶ 5/'
tmux_keys H
tmux_wait_for_text '1 note'
tmux_keys ':8'
tmux_key Enter
tmux_wait_for_text '¶ 8/'
tmux_keys a
tmux_wait_for_text 'Note:'
tmux_keys 'kept for later'
tmux_key Enter
tmux_wait_for_text '2 notes'
ok $? "two annotations on the old version"
tmux_keys q
tmux_wait_exit >/dev/null
KEEP_DB=1 tmux_start 140 30 "$HAMISH" compare "$O" "$N"
tmux_wait_for 'changes'
tmux_status | grep -q '1 note, 1 on changed words, 1 orphan (:orphans)'
ok $? "compare: the highlight carried to the new version, on changed words; the note on the deleted paragraph an orphan"
tmux_screen | grep -q 'found no place in the new: :orphans'
ok $? "... the message says so"
tmux_keys ':6'
tmux_key Enter
tmux_wait_for_text '¶ 5 → 6'
side L 2 | grep -q '!'
ok $? "new 6 carries the highlight, marked ! where its words changed"
side R 2 | grep -q '!'
[ $? -ne 0 ]
ok $? "... on the new column only"
tmux_screen -e | head -n 26 | grep -q '48;5;244m'
ok $? "... drawn in the review style (dark theme: background 244)"
tmux_resize 80 30
tmux_wait_for_text 'against'
tmux_screen -e | head -n 26 | grep -q '48;5;244m'
ok $? "one column: the carried highlight on the inline text too"
tmux_resize 140 30
tmux_wait_gone 'against'

tmux_keys ':orphans'
tmux_key Enter
tmux_wait_for_text 'no place in the new one'
tmux_screen | grep -q 'old ¶ 8: «' && tmux_screen | grep -q 'note: kept for later'
ok $? ":orphans lists the old one's orphan, its old place, words and note"
tmux_keys q
tmux_wait_gone 'no place in the new one'
tmux_keys g L
tmux_wait_for_text 'Annotations'
tmux_key Enter
tmux_wait_for_text '¶ 5 → 6'
ok $? "L, Enter on the carried highlight: the columns go to its pair"
# a note made while comparing goes to the new version
tmux_keys ':30'
tmux_key Enter
tmux_wait_for_text '¶ 31 → 30'
tmux_keys a
tmux_wait_for_text 'Note:'
tmux_keys 'made while comparing'
tmux_key Enter
tmux_wait_for_text '2 notes'
ok $? "a note added while comparing"
tmux_keys q
tmux_wait_exit >/dev/null
"$HAMISH" notes export --format csv "$N" >"$T/new.csv" 2>/dev/null
grep 'made while comparing' "$T/new.csv" | grep -q '^"[^"]*","30",'
ok $? "... is on paragraph 30 of the new version"

# A new version whose title changed is another document to the store:
# comparing says it is a version of the old one, and the notes follow.
sed '1,3s/الاتجار/مكافحة الاتجار/' "$N" >"$T/retitled.txt"
KEEP_DB=1 tmux_start 140 30 "$HAMISH" compare "$O" "$T/retitled.txt"
tmux_wait_for 'changes'
tmux_status | grep -q 'notes\?, 1 on changed words'
ok $? "a retitled revision: the old version's annotations carried all the same"
tmux_keys q
tmux_wait_exit >/dev/null

# --- :compare from the reader ----------------------------------------------
tmux_start 140 30 "$HAMISH" "$O"
tmux_wait_for '%'
tmux_keys ':compare '"$N"
tmux_key Enter
tmux_wait_for_text '7 changes'
ok $? ":compare FILE compares the document read (old) with FILE (new)"
side R 1 | grep -q '^old .*rev2-old.txt'
ok $? "... the one being read is the old one, on the right"
tmux_keys q
tmux_wait_for_text 'Comparison closed'
ok $? "q leaves the comparison, back to reading"
tmux_wait_for '[0-9]+%'
ok $? "... the reader's status line again"
tmux_keys q
is "$(tmux_wait_exit)" 0 "q quits the reader"

# --- the same file twice, an explicit bidi mode, bad input ----------------
tmux_start 140 30 "$HAMISH" compare "$O" "$O"
tmux_wait_for_text 'No changes'
ok $? "the same file twice: no changes"
tmux_keys q
tmux_wait_exit >/dev/null
: >"$T/empty.txt"
tmux_start 140 30 "$HAMISH" compare "$T/empty.txt" "$N"
tmux_wait_for 'changes'
tmux_status | grep -q '^ *change 1 of [0-9]* · [0-9]* new · '
ok $? "an empty file against a full one: every paragraph new"
side R 2 | grep -q '^╱╱*$'
ok $? "... the old column filler"
tmux_keys q
is "$(tmux_wait_exit)" 0 "... and q quits"
head -c 4000 "$HAMISH" >"$T/binary"
tmux_start 140 30 "$HAMISH" compare "$T/binary" "$N"
is "$(tmux_wait_exit)" 2 "a binary file: exit status 2"
tmux_screen | grep -q 'not a text document'
ok $? "... with one line saying why"
tmux_start 140 30 "$HAMISH" compare --bidi terminal "$O" "$N"
tmux_wait_for 'changes'
side L 1 | grep -q '^new  ' && side R 2 | LC_ALL=C grep -q "$(printf '\357[\271\272\273]')"
ok $? "--bidi terminal: the columns still in visual order, shaped"
tmux_keys q
tmux_wait_exit >/dev/null

# :compare in a reader started with --bidi=terminal: the terminal is
# switched to explicit mode (CSI 8 l) while the columns are up, back to
# implicit (CSI 8 h) when they go (the same pty run as terminal.sh's)
ESC=$(printf '\033')
(sleep 1; printf ':compare %s\r' "$N"; sleep 1; printf q; sleep 1; printf q) |
    LANG=C.UTF-8 TERM=xterm-256color timeout 20 \
    script -qfec "$HAMISH --bidi=terminal $O" /dev/null >"$T/term" 2>&1
LC_ALL=C grep -q "${ESC}\\[8l${ESC}\\[1 k" "$T/term"
ok $? "--bidi=terminal, :compare: explicit mode while comparing"
python3 -c '
import sys
t = open(sys.argv[1], "rb").read()
i = t.find(b"\x1b[8l\x1b[1 k")
sys.exit(0 if i >= 0 and t.find(b"\x1b[8h\x1b[0 k", i) > i else 1)' "$T/term"
ok $? "... and implicit again after it"

"$HAMISH" compare "$O" >/dev/null 2>"$T/err"
is $? 1 "one file: a usage error"
grep -q 'compare takes two files' "$T/err"
ok $? "... saying what compare takes"
"$HAMISH" compare "$O" "$T/missing.txt" </dev/null >/dev/null 2>"$T/err"
is $? 2 "not a terminal, a missing file: hamish diff's trouble status"
[ "$(wc -l <"$T/err")" -eq 1 ]
ok $? "... one line"
"$HAMISH" compare "$O" "$N" >"$T/out"
is $? 1 "not a terminal: the change report, exit 1 (changes)"
grep -q 'para moved' "$T/out"
ok $? "... hamish diff's text"

done_testing
