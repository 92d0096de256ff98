#!/bin/sh
# tests/e2e/pdf-reader.sh - a PDF in the full-screen reader (issue 13):
# it shows the first pages while the rest is read (src/ui-load.c), and
# what comes after them is there when it is asked for: the whole PDF's
# page count on the first screen, a jump to the last paragraph, a search
# hit on the last page, the end, the reading position and a highlight
# on the last page stored and restored.  The status line (second row
# from the bottom) reads "¶ ADDRESS/PARAGRAPHS  § SECTION  p. N/M  SYMBOL
# ... N%", "reading" for the per cent while the rest is read.
. tests/e2e/lib.sh
. tests/e2e/tmux.sh

p=tests/fixtures/pdf/report-amiri.pdf	# 20 pages, paragraph 43 on p. 20
export XDG_CONFIG_HOME="$T/config"
mkdir -p "$XDG_CONFIG_HOME/hamish"


tmux_start 80 24 "$HAMISH" "$p"
tmux_wait_for 'p\. 1/20'
ok $? "first screen: page 1 of the whole PDF's 20"
# no key: the rest is read and put in place on its own, and then the
# status line has its per cent and the paragraph count of the whole
tmux_wait_for '[0-9]+%'
ok $? "without a key, the whole document comes: a per cent"
tmux_status | grep -q 'reading'
ok $((!$?)) "... and 'reading' is gone"
tmux_keys ':43'
tmux_key Enter
tmux_wait_for_text '¶ 43/43'
ok $? ":43 goes to the last paragraph, of 43"
tmux_status | grep -q 'p\. 20/20'
ok $? "... on page 20 of 20"
tmux_screen | head -n 1 | grep -q '٤٣'
ok $? "... its label ٤٣ on the top row"
tmux_keys q
is "$(tmux_wait_exit)" 0 "q quits with status 0"

# keys at once, before the rest can have been read: each waits for it
tmux_start 80 24 "$HAMISH" "$p"
tmux_keys ':43'
tmux_key Enter
tmux_wait_for_text '¶ 43/43'
ok $? ":43 typed at once still finds the last paragraph"
tmux_keys g '/توافرها'
tmux_key Enter
tmux_wait_for 'p\. 20/20'
ok $? "a word only on the last page: found there (p. 20/20)"
tmux_screen | grep -q 'No match'
ok $((!$?)) "... with no 'No match'"
tmux_keys g G
tmux_wait_for '100%'
ok $? "G goes to the end of the whole document: 100%"
tmux_keys ':43'
tmux_key Enter
tmux_wait_for_text '¶ 43/43'
tmux_keys v
tmux_wait_for_text 'Select:'
tmux_keys ww H
tmux_wait_for_text 'Highlighted'
ok $? "three words of paragraph 43 highlighted"
tmux_keys q
is "$(tmux_wait_exit)" 0 "q quits with status 0"

# the position stored on page 20 is where the PDF opens again, and the
# highlight, anchored on the whole document, is there, in its place
KEEP_DB=1 tmux_start 80 24 "$HAMISH" "$p"
tmux_wait_for_text '¶ 43/43'
ok $? "opened again at the stored position: paragraph 43"
tmux_status | grep -q 'p\. 20/20'
ok $? "... on page 20 of 20"
tmux_status | grep -q '1 note'
ok $? "... with its one annotation"
tmux_status | grep -Eq 'review|orphan'
ok $((!$?)) "... in its place (none to review, no orphan)"
tmux_keys q
tmux_wait_exit >/dev/null
# and opened with no position (g: the top), the first pages come first,
# then the annotation with the whole
KEEP_DB=1 tmux_start 80 24 "$HAMISH" "$p"
tmux_wait_for_text '¶ 43/43'
tmux_keys g
tmux_wait_for 'p\. 1/20'
tmux_keys q
tmux_wait_exit >/dev/null
KEEP_DB=1 tmux_start 80 24 "$HAMISH" "$p"
tmux_wait_for '1 note'
ok $? "opened at the top: the annotation comes with the whole"
tmux_status | grep -Eq 'review|orphan'
ok $((!$?)) "... in its place"
tmux_keys q
tmux_wait_exit >/dev/null

# two long PDFs at once: each read whole on a thread of its own while
# the other's first pages are read (poppler takes them in turn)
q=tests/fixtures/pdf/resolution-kacst.pdf	# 15 pages
tmux_start 80 24 "$HAMISH" "$p" "$q"
tmux_wait_for 'p\. 1/20'
ok $? "two PDFs: the first shown, p. 1/20"
tmux_keys ':bn'
tmux_key Enter
tmux_wait_for 'p\. 1/15'
ok $? ":bn: the second, p. 1/15"
tmux_keys G
tmux_wait_for '100%'
ok $? "... G: its end"
tmux_keys q
is "$(tmux_wait_exit)" 0 "q quits with status 0"

# first pages without text (a blank or scanned cover), text after them:
# the first pages alone would be "no text layer", so the reader reads on
python3 - "$T/blank.pdf" <<'PY'
import sys
n = 10	# blank pages, more than the reader reads before its first screen
objs = ["<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [%s] /Count %d >>" %
        (" ".join("%d 0 R" % (3 + i) for i in range(n)), n)]
objs += ["<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
         "/Resources << >> /Contents %d 0 R >>" % (3 + n + i)
         for i in range(n)]
objs += ["<< /Length 0 >>\nstream\n\nendstream"] * n
out = b"%PDF-1.4\n"
offs = []
for i, o in enumerate(objs):
    offs.append(len(out))
    out += b"%d 0 obj\n%s\nendobj\n" % (i + 1, o.encode())
x = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
out += b"".join(b"%010d 00000 n \n" % o for o in offs)
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
    len(objs) + 1, x)
open(sys.argv[1], "wb").write(out)
PY
pdfunite "$T/blank.pdf" "$p" "$T/late.pdf" 2>/dev/null
tmux_start 80 24 "$HAMISH" "$T/late.pdf"
tmux_wait_for 'p\. [0-9]+/30 .*A/67/170'
ok $? "ten blank pages first: the reader opens the text (of 30 pages)"
tmux_keys q
is "$(tmux_wait_exit)" 0 "q quits with status 0"

# diff imports its two versions on two threads at once: two PDFs too
cp "$p" "$T/copy.pdf"
"$HAMISH" diff "$p" "$T/copy.pdf" >"$T/d"
is $? 0 "diff of a PDF and its copy: no changes"
done_testing
