# tests/e2e/pdf.sh - PDF files through the real binary (issue 13): known
# by content in outline, dump, render, refs and the library; bad PDFs
# refused with one line and exit status 2.
. tests/e2e/lib.sh
F=tests/fixtures/pdf
p=$F/report-amiri.pdf

"$HAMISH" outline "$p" >"$T/o" 2>/dev/null
ok $? "outline of a PDF exits 0"
grep -q "^ *42	٤٢	" "$T/o"
ok $? "outline: paragraph ٤٢ of the PDF"
cp "$p" "$T/report"		# no .pdf in the name: known by content
"$HAMISH" dump --json "$T/report" >"$T/j" 2>/dev/null
ok $? "dump of a PDF named 'report' exits 0"
is "$(grep -c '"kind": "para"' "$T/j")" "$(wc -l <"$F/report-amiri.labels" |
    tr -d ' ')" "dump: every numbered paragraph"
grep -q '"kind": "footnote"' "$T/j"
ok $? "dump: footnotes"
"$HAMISH" render --width 60 "$p" >"$T/r" 2>/dev/null
ok $? "render of a PDF exits 0"
"$HAMISH" render --plain --width 60 "$p" >"$T/r" 2>/dev/null
ok $? "render --plain of a PDF exits 0"
grep -q '12-43534' "$T/r"
ok $((!$?)) "render --plain: the job number is not in the text"
"$HAMISH" refs "$p" >/dev/null 2>&1
ok $? "refs of a PDF exits 0"

# a paragraph that goes on over a page break is one, on its first page
"$HAMISH" dump --json "$F/heldout-resolution-granada-a5.pdf" >"$T/g" 2>/dev/null
grep -q '"page": 3,.*"text": "وإذ تضع في اعتبارها التزامات الدول باتخاذ التدابير المناسبة، بما في ذلك التشريعي منها' "$T/g"
ok $? "a paragraph continued on the next page is one block"

# a piece of a line that poppler puts after the rest (a number hanging in
# the margin, a sub-paragraph label, the second half of a stretched word)
# back in its place, right to left (lines_split())
"$HAMISH" dump --json "$F/general-amiri-a5.pdf" >"$T/g" 2>/dev/null
grep -q '"kind": "subpara", "level": 2, .*"label": "’2‘", .*"text": "اتفاقية بشأن القضاء على العنف والتحرش' "$T/g"
ok $? "a sub-paragraph label ’2‘ poppler put at the end of its line"
"$HAMISH" dump --json "$F/chrome-background-scheherazade.pdf" >"$T/g" \
    2>/dev/null
grep -q '"label": "٥٠", .*"text": "م ما يلي' "$T/g"
ok $? "a paragraph number Chromium hangs in the margin, before its text"

# XeTeX's PDFs: brackets drawn as their pair's mirrored glyph turned
# round, notes whose labels are raised at their start (as Word sets them)
"$HAMISH" dump --json "$F/tex-report-amiri.pdf" >"$T/g" 2>/dev/null
grep -q '٤,٥ مليون نسمة (٢٢ في المائة)' "$T/g"
ok $? "brackets a producer mirrored, turned round"
is "$(grep -c '"kind": "footnote"' "$T/g")" 6 \
    "notes with raised labels: all six"

printf '%%PDF-1.4\nnothing here\n' >"$T/bad.pdf"
"$HAMISH" outline "$T/bad.pdf" >/dev/null 2>"$T/err"
is $? 2 "a damaged PDF: exit status 2"
is "$(wc -l <"$T/err" | tr -d ' ')" 1 "a damaged PDF: one line"
printf 'a text, though its name says PDF\n' >"$T/text.pdf"
"$HAMISH" outline "$T/text.pdf" >/dev/null 2>&1
ok $? "a text named *.pdf is read as text"

# the library indexes *.pdf, by the symbol in its header
mkdir -p "$T/lib"
cp "$F/background-furat.pdf" "$T/lib/"
"$HAMISH" library --library "$T/lib" --db "$T/db" >"$T/l" 2>&1
ok $? "library with a PDF exits 0"
grep -q 'background-furat.pdf' "$T/l"
ok $? "library lists the PDF"
done_testing
