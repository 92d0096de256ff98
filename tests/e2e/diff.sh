#!/bin/sh
# tests/e2e/diff.sh - `hamish diff`: formats, exit statuses, bad input.
# The revision pairs are those of test-diff (made from the seeds with
# planted edits: build/test-diff --write DIR).
. tests/e2e/lib.sh
B=${B:-build}
S=$C/001_9cffd64b9ac82079.txt
"$B/test-diff" --write "$T"
O=$T/rev1-old.txt
N=$T/rev1-new.txt

"$HAMISH" diff "$S" "$S" >"$T/out"
is $? 0 "the same file twice: exit 0"
grep -q '^[0-9]* same, 0 changed, 0 moved, 0 inserted, 0 deleted' "$T/out"
ok $? "the same file twice: no changes in the counts"

"$HAMISH" diff "$O" "$N" >"$T/out"
is $? 1 "a revision: exit 1"
grep -q 'para inserted' "$T/out" && grep -q 'para moved' "$T/out" &&
    grep -q 'para split' "$T/out" && grep -q 'para merged' "$T/out" &&
    grep -q 'para deleted' "$T/out"
ok $? "text: inserted, deleted, moved, split and merged reported"
grep -q '^[0-9a-z()]* -> [0-9a-z()]*  para changed$' "$T/out"
ok $? "text: each change with both addresses"
grep -q '{+المستجدة+}' "$T/out"
ok $? "text: the inserted word marked"
grep -q 'spelling only' "$T/out"
ok $? "text: the respelling reported apart"

"$HAMISH" diff --format json "$O" "$N" >"$T/j"
is $? 1 "json: exit 1"
python3 - "$T/j" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
st = {p["status"] for p in d["pairs"]}
assert {"same", "changed", "moved", "inserted", "deleted", "split",
        "merged"} <= st, st
for p in d["pairs"]:
    assert p["kind"] in ("heading", "para", "subpara", "preamble",
                         "footnote", "text")
    assert isinstance(p["old"], list) and isinstance(p["new"], list)
    for s in p["old"] + p["new"]:
        assert isinstance(s["block"], int)
    if p["status"] == "inserted": assert p["old"] == []
    if p["status"] == "deleted": assert p["new"] == []
    for c in p["changes"]:
        assert "old" in c and "new" in c
assert any(c["new"] == "المستجدة" for p in d["pairs"] for c in p["changes"])
assert d["summary"]["same"] > 0 and d["summary"]["moved"] == 1
PY
ok $? "json: pairs with kind, status, old, new, changes; a summary"

"$HAMISH" diff --format md "$O" "$N" >"$T/md"
head -20 "$T/md" | grep -q '^- changed: [0-9]' &&
    grep -q '^| Old | New | Status | Text |$' "$T/md" &&
    grep -q '{++المستجدة ++}\|{++المستجدة++}' "$T/md"
ok $? "md: counts at the top, the table, CriticMarkup"

"$HAMISH" diff --format html "$O" "$N" >"$T/h.html"
grep -q '<html dir="rtl" lang="ar">' "$T/h.html" &&
    grep -q '<ins>' "$T/h.html" && grep -q '<del>' "$T/h.html"
ok $? "html: right to left, Arabic, <del> and <ins>"
! grep -qi 'src=\|href=\|@import\|url(' "$T/h.html"
ok $? "html: no external resources"
# document text escaped
printf '1 -\tنص <script>alert(1)</script> & "x"\n' >"$T/e1.txt"
printf '1 -\tنص <b>bold</b> & "y"\n' >"$T/e2.txt"
"$HAMISH" diff --format html "$T/e1.txt" "$T/e2.txt" >"$T/e.html"
! grep -q '<script>\|<b>' "$T/e.html" && grep -q '&lt;script&gt;' "$T/e.html"
ok $? "html: every piece of document text escaped"
printf '1 -\tنص \033[31mأحمر\n' >"$T/c1.txt"
printf '1 -\tنص \033[32mأحمر\n' >"$T/c2.txt"
"$HAMISH" diff "$T/c1.txt" "$T/c2.txt" >"$T/c.out"
! grep -q "$(printf '\033')" "$T/c.out"
ok $? "text: no escape sequence reaches the output"

# folding: harakat, tatweel, digits are not changes; --exact counts them
sed 's/الدول/الدوَل/; s/2030/٢٠٣٠/; s/العامة/العـامة/' "$S" >"$T/h.txt"
"$HAMISH" diff "$S" "$T/h.txt" >/dev/null
is $? 0 "harakat, tatweel and digits: no changes (exit 0)"
"$HAMISH" diff --exact "$S" "$T/h.txt" >/dev/null
is $? 1 "--exact: they are changes (exit 1)"

# bad input
"$HAMISH" diff "$S" "$T/missing.txt" 2>"$T/err" >/dev/null
is $? 2 "a missing file: exit 2"
is "$(wc -l <"$T/err" | tr -d ' ')" 1 "a missing file: one line"
printf 'abc\000\001\002def' >"$T/bin"
"$HAMISH" diff "$S" "$T/bin" 2>"$T/err" >/dev/null
is $? 2 "a binary file: exit 2"
is "$(wc -l <"$T/err" | tr -d ' ')" 1 "a binary file: one line"
: >"$T/empty.txt"
"$HAMISH" diff --format json "$T/empty.txt" "$S" >"$T/j" 2>/dev/null
is $? 1 "empty against full: exit 1"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); s=d["summary"]; assert s["inserted"]==s["pairs"]>0' "$T/j"
ok $? "empty against full: everything inserted"
"$HAMISH" diff "$T/empty.txt" "$T/empty.txt" >/dev/null
is $? 0 "empty against empty: exit 0"
"$HAMISH" diff "$C/000_81311ed4a92fdab7.txt" "$S" >/dev/null
is $? 1 "two unrelated documents: exit 1, in bounded time"
"$HAMISH" diff "$C/001_9cffd64b9ac82079.txt" "$C/encoded/001.utf16be.txt" \
    >/dev/null
is $? 0 "the same text in UTF-8 and UTF-16BE: no changes"
"$HAMISH" diff "$C/000_81311ed4a92fdab7.txt" \
    "$C/encoded/000.windows-1256.txt" >/dev/null
is $? 0 "the same text in UTF-8 and windows-1256: no changes"
"$HAMISH" diff "$C/003_50053b280e36211a.txt" \
    "$C/encoded/003.utf8-bom-crlf.txt" >/dev/null
is $? 0 "the same text with a BOM and CRLF line ends: no changes"
# windows-1256 has no keheh: 002's one keheh comes back a kaf
"$HAMISH" diff --format json "$C/002_a2ddec63a1cf2f60.txt" \
    "$C/encoded/002.windows-1256.txt" >"$T/j"
python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["summary"]; assert s["changed"]==s["spelling"]==1, s' "$T/j"
ok $? "windows-1256 lost a keheh: one change, a spelling one"
"$HAMISH" diff "$S" 2>"$T/err"
is $? 2 "one document only: exit 2 (trouble, not 1)"
"$HAMISH" diff --format xml "$S" "$S" 2>"$T/err"
is $? 2 "an unknown format: exit 2"
"$HAMISH" diff --bogus "$S" "$S" 2>"$T/err"
is $? 2 "an unknown option: exit 2"
is "$(wc -l <"$T/err" | tr -d ' ')" 1 "an unknown option: one line"

# documented
"$HAMISH" --help | grep -q 'hamish diff \[--format text|md|html|json\]' &&
    grep -q '^\.Cm diff' man/hamish.1 && grep -q '^\.Sh COMPARE' man/hamish.1
ok $? "diff is in --help and in hamish(1) (COMPARE)"

done_testing
