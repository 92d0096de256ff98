# tests/e2e/pdf-words.sh - what the PDF front end makes of words and
# labels the glyph gaps do not show (doc-pdf.c): a space after a tanween
# in a tight justified line, after a sub-paragraph letter at the start of
# a line or after a tanween on its alef, a left-to-right footnote whose
# label is on its right, no break inside a word where poppler's boxes
# put a gap, and none where a kashida stretched a word the pages around
# have whole.
. tests/e2e/lib.sh
F=tests/fixtures/pdf
command -v python3 >/dev/null || { echo "1..0 # SKIP no python3"; exit 0; }
"$HAMISH" dump --json "$F/report-amiri.pdf" >"$T/d.json" 2>/dev/null
ok $? "report-amiri.pdf opens"
q() {	# q PYTHON-EXPRESSION over the blocks b: prints it
	python3 -c "import json, re, sys
b = json.load(open(sys.argv[1], encoding='utf-8'))['blocks']
print($1)" "$T/d.json"
}
is "$(q "sum('عملاًبقرار' in x['text'] for x in b)")" 0 \
    "no word glued after a tanween (عملاً بقرار)"
is "$(q "sum(x['text'].startswith('عملاً بقرار') for x in b)")" 1 \
    "... the words apart"
is "$(q "sum(x['kind'] == 'text' and x['text'].startswith('(ج)') for x in b)")" 0 \
    "no sub-paragraph letter glued to its text"
is "$(q "[x['kind'] for x in b if x['label'] == '(ج)'][:1]")" "['subpara']" \
    "(ج) is a sub-paragraph"
is "$(q "[x['kind'] for x in b if 'A/67/150' in x['text']]")" "['footnote']" \
    "the note 'A/67/150 *' is a footnote, not body text"
# poppler's boxes inside a run of Arabic are mirrored: a gap after a
# letter that joins nothing after it (ر و) is no word break for the
# letters whose boxes border it ("طر يق", "هو ية")
"$HAMISH" dump --json "$F/general-amiri-a5.pdf" >"$T/d.json" 2>/dev/null
ok $? "general-amiri-a5.pdf opens"
is "$(q "sum(x['text'].count('طر يق') + x['text'].count('هو ية') for x in b)")" 0 \
    "no word split after a ر or a و"
is "$(q "sum(x['text'].count('طريق') for x in b) >= 4")" True \
    "... the words whole (طريق)"
is "$(q "sum('ذلك عن طريق' in x['text'] for x in b) > 0")" True \
    "... and the spaces around them kept"
# a word LibreOffice stretched by kashida is two runs to poppler, with a
# gap as wide as a word space (doc-pdf.c): none is split before a ة or a
# ى, which only end words (tests/bench/pdf-words.py: 28% of the words
# split before, 25% after)
"$HAMISH" dump --json "$F/heldout-resolution-notonaskh-letter.pdf" \
    >"$T/d.json" 2>/dev/null
ok $? "heldout-resolution-notonaskh-letter.pdf opens"
is "$(q "sum(w[:1] in ('ة', 'ى') for x in b for w in x['text'].split())")" 0 \
    "no word split before a ة or a ى (الدولي ة)"
is "$(q "sum(x['text'].count('الدولية') for x in b) >= 5")" True \
    "... the words whole (الدولية)"
# fonts that give the kashida glyph the code of a Latin letter or a
# symbol (KacstOne AA, Hani @@, KacstLetter %%): the stretch goes, from
# the PDF and from pdftotext's text alike (dl_kashida_drop())
# and -raw, which cuts each stretched line into pieces at them
for f in resolution-kacst.pdf heldout-resolution-hani.pdf \
    heldout-resolution-hani.txt heldout-resolution-kacstletter-a5.layout.txt \
    resolution-kacst.raw.txt heldout-resolution-hani.raw.txt; do
	"$HAMISH" dump --json "$F/$f" >"$T/d.json" 2>/dev/null
	ok $? "$f opens"
	is "$(q "sum(len(re.findall(r'[\u0621-\u064a][\u064b-\u0652]*[A-Za-z@%]+ ?[\u0621-\u064a]', x['text'])) for x in b)")" 0 \
	    "$f: no kashida left as a letter or symbol inside a word"
	is "$(q "sum(x['text'].count('بالنساء') for x in b) >= 3")" True \
	    "$f: ... the words whole (بالنساء)"
done
# a tanween of fath before its alef ends its word after the alef (جزءًا
# من), one after its alef ends it there (مثلاً الفقر); a bare ال after it
# is the ل of a lam-alef poppler swapped (رجالاً as رجاًال), not a word
"$HAMISH" dump --json "$F/general-scheherazade.pdf" >"$T/d.json" 2>/dev/null
ok $? "general-scheherazade.pdf opens"
is "$(q "sum(x['text'].count('جزءًامن') for x in b), \
    sum(x['text'].count('جزءًا من') for x in b)")" "0 1" \
    "no word glued after ًا (جزءًا من)"
"$HAMISH" dump --json "$F/report-amiri.pdf" >"$T/d.json" 2>/dev/null
is "$(q "sum(x['text'].count('مثلاً الفقر') for x in b)")" 1 \
    "no word glued after اً (مثلاً الفقر)"
"$HAMISH" dump --json "$F/heldout-general-kacstoffice.pdf" >"$T/d.json" \
    2>/dev/null
is "$(q "sum(x['text'].count('رجاً ال') for x in b)")" 0 \
    "no bare ال split off after a tanween (رجاًال)"
# ... and one split where a kashida can be that the pages around have
# whole is joined, but only on a page where that is common: a page with
# no kashida keeps the space its gap shows ("تسلّم بأن", though the page
# has "تسلّمبأن" where a gap was missed)
"$HAMISH" dump --json "$F/resolution-kacst.pdf" >"$T/d.json" 2>/dev/null
ok $? "resolution-kacst.pdf opens"
is "$(q "sum(x['text'].count('تسلّم بأن') for x in b)")" 1 \
    "no space dropped on a page without kashida (تسلّم بأن)"
"$HAMISH" dump --json "$F/heldout-resolution-notonaskh-letter.pdf" \
    >"$T/d.json" 2>/dev/null
ok $? "heldout-resolution-notonaskh-letter.pdf opens"
is "$(q "10 * sum(x['text'].count('الاتج ار') for x in b) <= \
    sum(x['text'].count('الاتجار') for x in b)")" True \
    "words split by kashida joined where the pages around have them (الاتجار)"
done_testing
