# tests/e2e/extract.sh - pdftotext's default and -layout extractions
# import with their numbered paragraphs (doc-extract.c: the embedding
# controls read for their order, then removed).
. tests/e2e/lib.sh
F=tests/fixtures/pdf
for f in report-amiri general-scheherazade resolution-kacst; do
	want=$(grep -c . "$F/$f.labels")
	for m in txt layout.txt; do
		got=$("$HAMISH" dump --json "$F/$f.$m" | grep -c '"kind": "para"')
		[ "$((got * 100))" -ge "$((want * 85))" ]
		ok $? "$f.$m: $got of $want numbered paragraphs"
	done
done
# footnotes at the foot of their pages, attached to their markers
for f in report-amiri resolution-kacst; do
	want=$(grep -o '<text:note ' "$F/$f.fodt" | wc -l)
	for m in txt layout.txt; do
		"$HAMISH" dump --json "$F/$f.$m" >"$T/d.json" 2>/dev/null
		got=$(grep -c '"kind": "footnote"' "$T/d.json")
		refs=$(grep -o '"footnotes": \["[^]]' "$T/d.json" | wc -l)
		[ "$((got * 100))" -ge "$((want * 80))" ] && [ "$got" -le "$want" ] &&
		    [ "$refs" -gt 0 ]
		ok $? "$f.$m: $got of $want footnotes, referred to from $refs blocks"
	done
done
# no embedding control left in the text
"$HAMISH" dump --json "$F/report-amiri.txt" | grep -q "$(printf '\342\200\253')"
ok $((! $?)) "no RLE left in the blocks"
done_testing
