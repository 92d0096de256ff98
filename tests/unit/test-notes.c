/*
 * test-notes.c - the annotations of a document on real database files
 * and real documents: which stored document a text is (symbol family,
 * path, title block), annotations placed again on a revised text and
 * recorded for the new version, delete and undo, re-attaching an
 * orphan, reading positions and bookmarks, and the export formats with
 * a JSON round trip through store_import_json().
 *
 * Run from the repository root; the corpus is $HAMISH_CORPUS, by default
 * tests/corpus.  Scratch files go to a new directory under /tmp.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "anchor.h"
#include "doc.h"
#include "notes.h"
#include "store.h"
#include "tap.h"
#include "text.h"
#include "util.h"

#define S001	"001_9cffd64b9ac82079.txt"
#define S002	"002_a2ddec63a1cf2f60.txt"
#define S003	"003_50053b280e36211a.txt"

/* Words of paragraph 12 of seed 002, and the start of another one. */
#define QUOTE	"اعتماد القوانين والسياسات المناهضة للاتجار"
#define QUOTE2	"الجريمة المنظمة عبر الوطنية"

static const char *corpus;
static char dir[64];

static char *
slurp(const char *path, size_t *len)
{
	char *data = NULL, *cause = NULL;

	if (util_file_read(path, &data, len, &cause) != 0) {
		printf("# %s\n", cause);
		exit(1);
	}
	return data;
}

static void
spit(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		printf("# cannot write %s\n", path);
		exit(1);
	}
}

static char *
seed(const char *name)
{
	return xasprintf("%s/%s", corpus, name);
}

/* data with the first `from` replaced by `to` (caller frees). */
static char *
replace(const char *data, const char *from, const char *to)
{
	const char *p = strstr(data, from);
	struct buf b;

	if (p == NULL) {
		printf("# revision: '%s' not found\n", from);
		exit(1);
	}
	buf_init(&b);
	buf_add(&b, data, (size_t)(p - data));
	buf_adds(&b, to);
	buf_adds(&b, p + strlen(from));
	return buf_steal(&b);
}

static struct doc *
load(const char *path)
{
	char *cause = NULL;
	struct doc *d = doc_import_file(path, NULL, &cause);

	if (d == NULL) {
		printf("# %s: %s\n", path, cause);
		exit(1);
	}
	return d;
}

static struct notes *
open_notes(struct store *st, const struct doc *d, const char *path)
{
	char *cause = NULL;
	struct notes *ns = notes_open(st, d, path, &cause);

	if (ns == NULL) {
		printf("# notes_open: %s\n", cause);
		exit(1);
	}
	return ns;
}

/* The code point offset of words in block i, or (size_t)-1. */
static size_t
find_cp(const struct doc *d, size_t i, const char *words)
{
	size_t len;
	const char *t = doc_block_text(d, i, &len), *p = strstr(t, words);

	return p == NULL ? (size_t)-1 : utf8_count(t, (size_t)(p - t));
}

/* The text of code points [start, end) of block i (caller frees). */
static char *
block_slice(const struct doc *d, size_t i, size_t start, size_t end)
{
	size_t len, n;
	const char *t = doc_block_text(d, i, &len);
	uint32_t *cps = text_utf8_decode(t, len, 0, &n, NULL);
	struct buf b;

	buf_init(&b);
	if (start < end && end <= n)
		text_utf8_encode(&b, cps + start, end - start);
	free(cps);
	return buf_steal(&b) ?: xstrdup("");
}

static struct store *
db(const char *name)
{
	char *path = xasprintf("%s/%s", dir, name), *cause = NULL;
	struct store *st = store_open(path, &cause);

	if (st == NULL) {
		printf("# store_open: %s\n", cause);
		exit(1);
	}
	free(path);
	return st;
}

/* Checks that note i of ns sits on exactly the words want. */
static void
is_on(struct notes *ns, const struct doc *d, size_t i, const char *want,
    const char *what)
{
	const struct note *nt = notes_get(ns, i);
	char *got;

	if (!ok(nt != NULL && nt->status != ANCHOR_ORPHAN, "%s: placed",
	    what))
		return;
	got = block_slice(d, nt->block, nt->start, nt->end);
	is_str(got, want, "%s: on the words '%s'", what, want);
	free(got);
}

static void
test_identity(void)
{
	char *p1 = seed(S001), *p2 = seed(S002), *p3 = seed(S003), *f, *t;
	struct doc *d1 = load(p1), *d2 = load(p2), *d3 = load(p3);
	struct store *st = db("id.db");
	struct notes *n1, *n2, *n3;

	f = notes_symbol_family("A/C.3/79/L.25/Rev.1");
	is_str(f, "A/C.3/79/L.25", "a revision's family drops /Rev.1");
	free(f);
	f = notes_symbol_family("A/C.3/79/L.25");
	is_str(f, "A/C.3/79/L.25", "an original is its own family");
	free(f);
	f = notes_symbol_family("A/67/170/Add.1");
	is_str(f, "A/67/170/Add.1", "an addendum is another document");
	free(f);
	ok(notes_symbol_family(NULL) == NULL, "no symbol, no family");

	t = notes_title_block(d1);
	ok(t != NULL && strstr(t, "الدورة التاسعة والسبعون") != NULL &&
	    strstr(t, "الاتجار بالنساء والفتيات") != NULL,
	    "seed 001's title block has its session and its title");
	free(t);
	t = notes_title_block(d3);
	ok(t != NULL, "seed 003 has a title block");
	free(t);

	n1 = open_notes(st, d1, p1);
	n2 = open_notes(st, d2, p2);
	n3 = open_notes(st, d3, p3);
	ok(notes_doc_id(n1) != notes_doc_id(n2),
	    "seeds 001 and 002 share a title but are two documents");
	ok(notes_doc_id(n3) != notes_doc_id(n1) &&
	    notes_doc_id(n3) != notes_doc_id(n2), "seed 003 is a third");
	notes_free(n1);
	n1 = open_notes(st, d1, p1);
	ok(notes_doc_id(n1) != notes_doc_id(n2) && notes_count(n1) == 0,
	    "seed 001 again: the same document, no annotations");
	notes_free(n1);
	notes_free(n2);
	notes_free(n3);
	store_close(st);
	doc_free(d1);
	doc_free(d2);
	doc_free(d3);
	free(p1);
	free(p2);
	free(p3);
}

/*
 * Annotate seed 002 (no symbol), overwrite the file with revisions and
 * reopen it from the same path, as a delegate whose draft was replaced.
 */
static void
test_revisions(void)
{
	char *src = seed(S002), *path = xasprintf("%s/draft.txt", dir);
	char *orig, *rev, *rev2, *cause = NULL;
	struct store *st = db("rev.db");
	struct notes *ns;
	struct doc *d, *d0 = load(src);
	size_t len, p12, p3, s, s2;
	int64_t id;
	long i;

	orig = slurp(src, &len);
	spit(path, orig, len);
	d = load(path);
	ns = open_notes(st, d, path);
	id = notes_doc_id(ns);
	p12 = (size_t)doc_addr_find(d, "12");
	p3 = (size_t)doc_addr_find(d, "3");
	s = find_cp(d, p12, QUOTE);
	s2 = find_cp(d, p12, QUOTE2);
	ok(s != (size_t)-1 && s2 != (size_t)-1, "the quotes are in ¶12");
	ok(notes_add(ns, p12, s, s + utf8_count(QUOTE, strlen(QUOTE)), false,
	    "yellow", NULL, NULL, &cause), "highlight words of ¶12");
	ok(notes_add(ns, p12, s2, s2 + utf8_count(QUOTE2, strlen(QUOTE2)),
	    false, NULL, "ملاحظة على الجريمة", NULL, &cause),
	    "a note on other words of ¶12");
	ok(notes_add(ns, p3, 0, 0, true, NULL, "فقرة مهمة", NULL, &cause),
	    "a note on the whole of ¶3");
	is_int(notes_count(ns), 3, "three annotations");
	i = notes_find(ns, p12, s + 2);
	if (i >= 0)
		is_on(ns, d, (size_t)i, QUOTE, "before any revision, the "
		    "highlight");
	ok(i >= 0 && notes_get(ns, (size_t)i)->sn->style != NULL &&
	    strcmp(notes_get(ns, (size_t)i)->sn->style, "yellow") == 0,
	    "notes_find finds the highlight inside its words");
	ok(notes_find(ns, p3, (size_t)-1) >= 0, "and the paragraph note");
	notes_free(ns);
	doc_free(d);

	/* the same text again: every annotation exact where it was */
	d = load(path);
	ns = open_notes(st, d, path);
	is_int(notes_count_status(ns, ANCHOR_EXACT), 3,
	    "reopened unchanged: all three exact");
	notes_free(ns);
	doc_free(d);

	/*
	 * Revision 1: a paragraph inserted before ¶1 and the numbers of
	 * ¶3 and ¶12 changed, words changed elsewhere in ¶12.
	 */
	rev = replace(orig, "١ - ", "١ - فقرة جديدة أضيفت في التنقيح الأول.\n\n"
	    "١ مكرراً - ");
	rev2 = replace(rev, "١٢ - ", "٤٠ - ");
	free(rev);
	rev = replace(rev2, "ومن البلدان التي قدّمت", "ومن الدول التي أرسلت");
	free(rev2);
	spit(path, rev, strlen(rev));
	d = load(path);
	ns = open_notes(st, d, path);
	is_int(notes_doc_id(ns), id, "the revision at the same path is a "
	    "version of the same document");
	is_int(notes_count(ns), 3, "all three annotations came along");
	is_int(notes_count_status(ns, ANCHOR_ORPHAN), 0, "none orphaned");
	for (size_t k = 0; k < notes_count(ns); k++) {
		const struct note *nt = notes_get(ns, k);

		if (nt->whole) {
			char *t = block_slice(d, nt->block, 0, 20);
			char *w = block_slice(d0, p3, 0, 20);

			is_str(t, w, "the paragraph note is on the old ¶3's "
			    "text");
			free(t);
			free(w);
		} else if (nt->sn->style != NULL)
			is_on(ns, d, k, QUOTE, "revision 1, the highlight");
		else
			is_on(ns, d, k, QUOTE2, "revision 1, the note");
	}
	notes_free(ns);
	doc_free(d);
	d = load(path);
	ns = open_notes(st, d, path);
	is_int(notes_count_status(ns, ANCHOR_EXACT) +
	    notes_count_status(ns, ANCHOR_MOVED), 3,
	    "revision 1 reopened: placed from the anchors stored for it");
	notes_free(ns);
	doc_free(d);

	/* Revision 2: one word of the highlighted words changed. */
	rev2 = replace(rev, "اعتماد القوانين", "اعتماد التشريعات");
	spit(path, rev2, strlen(rev2));
	d = load(path);
	ns = open_notes(st, d, path);
	for (size_t k = 0; k < notes_count(ns); k++) {
		const struct note *nt = notes_get(ns, k);

		if (nt->whole || nt->sn->style == NULL)
			continue;
		ok(nt->status == ANCHOR_FUZZY || nt->status == ANCHOR_REVIEW,
		    "a reworded highlight is fuzzy or needs review (%s)",
		    anchor_status_name(nt->status));
		if (nt->status != ANCHOR_ORPHAN) {
			char *t = block_slice(d, nt->block, nt->start,
			    nt->end);

			ok(strstr(t, "والسياسات المناهضة") != NULL,
			    "... and lands on the reworded words: '%s'", t);
			free(t);
		}
	}
	notes_free(ns);
	doc_free(d);
	free(rev2);

	/* Revision 3: the highlighted sentence gone: an orphan, kept. */
	rev2 = replace(rev, "في اعتماد القوانين والسياسات المناهضة للاتجار",
	    "");
	spit(path, rev2, strlen(rev2));
	d = load(path);
	ns = open_notes(st, d, path);
	is_int(notes_count(ns), 3, "revision 3: nothing is deleted");
	i = -1;
	for (size_t k = 0; k < notes_count(ns); k++)
		if (notes_get(ns, k)->sn->style != NULL)
			i = (long)k;
	ok(i >= 0 && notes_get(ns, (size_t)i)->status == ANCHOR_ORPHAN,
	    "the highlight of the deleted words is an orphan");
	ok(i == (long)notes_count(ns) - 1, "orphans are listed last");
	p12 = (size_t)doc_addr_find(d, "40");
	s = find_cp(d, p12, "التزام الدول");
	ok(i >= 0 && notes_reattach(ns, (size_t)i, p12, s,
	    s + utf8_count("التزام الدول", strlen("التزام الدول")), &cause),
	    "re-attach the orphan by hand");
	i = notes_find(ns, p12, s);
	ok(i >= 0 && notes_get(ns, (size_t)i)->status == ANCHOR_EXACT,
	    "it sits where it was put, exact");
	notes_free(ns);
	doc_free(d);
	d = load(path);
	ns = open_notes(st, d, path);
	is_int(notes_count_status(ns, ANCHOR_ORPHAN), 0,
	    "reopened: the re-attachment stayed");
	notes_free(ns);
	doc_free(d);

	free(rev2);
	free(rev);
	free(orig);
	free(path);
	free(src);
	doc_free(d0);
	store_close(st);
}

static void
test_delete_undo(void)
{
	char *p = seed(S003), *cause = NULL;
	struct doc *d = load(p);
	struct store *st = db("undo.db");
	struct notes *ns = open_notes(st, d, p);
	size_t n;

	ok(notes_add(ns, 5, 0, 4, false, "green", NULL, NULL, &cause) &&
	    notes_add(ns, 6, 0, 0, true, NULL, "x", NULL, &cause),
	    "two annotations on seed 003");
	n = notes_count(ns);
	ok(notes_delete(ns, 0, &cause), "delete one");
	is_int(notes_count(ns), n - 1, "one less is shown");
	ok(notes_undo(ns, &cause), "undo");
	is_int(notes_count(ns), n, "it is back");
	ok(notes_set(ns, 0, NULL, NULL, &cause), "removing style and note");
	is_int(notes_count(ns), n - 1, "... deletes the annotation");
	ok(notes_undo(ns, &cause) && notes_count(ns) == n, "... undoably");
	/* every change goes back, newest first, adds too (an accidental a) */
	is_int(notes_undo_next(ns), NOTES_UNDO_ADD, "next: the last add");
	ok(notes_undo(ns, &cause) && notes_count(ns) == n - 1 &&
	    notes_find(ns, 6, (size_t)-1) < 0,
	    "undo takes back the note added last");
	ok(notes_undo(ns, &cause) && notes_count(ns) == n - 2,
	    "... then the highlight added first");
	ok(!notes_undo(ns, &cause) && cause != NULL &&
	    strstr(cause, "nothing to undo") != NULL,
	    "then there is nothing to undo");
	free(cause);
	cause = NULL;
	notes_free(ns);
	doc_free(d);
	free(p);
	store_close(st);
}

/* U takes back a style or text change, a re-attachment, and a group of
 * changes (a highlight over several paragraphs) at once. */
static void
test_undo_changes(void)
{
	char *p = seed(S003), *cause = NULL;
	struct doc *d = load(p);
	struct store *st = db("undo2.db");
	struct notes *ns = open_notes(st, d, p);
	const struct note *nt;
	long i;

	ok(notes_add(ns, 5, 0, 4, false, "green", NULL, NULL, &cause),
	    "a green highlight");
	ok(notes_set(ns, 0, "blue", "a note", &cause), "made blue, a note");
	is_int(notes_undo_next(ns), NOTES_UNDO_CHANGE, "next: the change");
	ok(notes_undo(ns, &cause), "undo the change");
	nt = notes_get(ns, 0);
	ok(nt != NULL && nt->sn->style != NULL &&
	    strcmp(nt->sn->style, "green") == 0 && nt->sn->text == NULL,
	    "green again, no note");
	ok(notes_reattach(ns, 0, 7, 0, 3, &cause), "re-attached to block 7");
	ok(notes_find(ns, 7, 1) >= 0, "... it is there");
	is_int(notes_undo_next(ns), NOTES_UNDO_REATTACH, "next: re-attach");
	ok(notes_undo(ns, &cause), "undo the re-attachment");
	i = notes_find(ns, 5, 1);
	ok(i >= 0 && notes_find(ns, 7, 1) < 0, "back on block 5");
	notes_group_begin(ns);
	ok(notes_add(ns, 8, 0, 3, false, "pink", NULL, NULL, &cause) &&
	    notes_add(ns, 9, 0, 3, false, "pink", NULL, NULL, &cause),
	    "two highlights as one group");
	notes_group_end(ns);
	is_int(notes_count(ns), 3, "three annotations");
	ok(notes_undo(ns, &cause) && notes_count(ns) == 1,
	    "one undo takes back the group");
	ok(notes_undo(ns, &cause) && notes_count(ns) == 0,
	    "the next one the first highlight");
	free(cause);
	notes_free(ns);
	doc_free(d);
	free(p);
	store_close(st);
}

static void
test_places(void)
{
	char *p1 = seed(S001), *p2 = seed(S002), *path = NULL, *cause = NULL;
	struct doc *d1 = load(p1), *d2 = load(p2);
	struct store *st = db("marks.db");
	struct notes *n1 = open_notes(st, d1, p1), *n2;
	struct store_place w;
	size_t block = 0, off = 0;
	bool found;

	ok(!notes_position_get(n1, &block, &off), "no position at first");
	ok(notes_position_set(n1, 7, 3, &cause), "store a position");
	notes_free(n1);
	n1 = open_notes(st, d1, p1);
	ok(notes_position_get(n1, &block, &off) && block == 7 && off == 3,
	    "it is restored");
	n2 = open_notes(st, d2, p2);
	ok(!notes_position_get(n2, &block, &off),
	    "another document has its own");
	ok(notes_mark_set(n1, 'a', 9, 0, &cause) &&
	    notes_mark_set(n1, 'B', 11, 2, &cause), "bookmarks a and B");
	ok(notes_mark_get(n2, 'a', &path, &w, &found, &cause) && !found,
	    "a is not a bookmark of another document");
	free(w.para);
	ok(notes_mark_get(n1, 'a', &path, &w, &found, &cause) && found &&
	    path == NULL && notes_place_find(n1, &w, &block, &off) &&
	    block == 9, "a in its own document");
	free(w.para);
	ok(notes_mark_get(n2, 'B', &path, &w, &found, &cause) && found &&
	    path != NULL && strstr(path, S001) != NULL,
	    "B from another document names seed 001's file");
	ok(notes_place_find(n1, &w, &block, &off) && block == 11 &&
	    off == 2, "... and its place there");
	free(w.para);
	free(path);
	notes_free(n1);
	notes_free(n2);
	doc_free(d1);
	doc_free(d2);
	free(p1);
	free(p2);
	store_close(st);
}

/* The first word of block i (caller frees). */
static char *
block_start(const struct doc *d, size_t i)
{
	size_t len, n = 0;
	const char *t = doc_block_text(d, i, &len);

	while (n < len && t[n] != ' ')
		n++;
	return xstrndup(t, n);
}

static void
test_export(void)
{
	char *p = seed(S002), *cause = NULL, *json, *words;
	struct doc *d = load(p);
	struct store *st = db("ex.db"), *st2;
	struct notes *ns = open_notes(st, d, p);
	struct store_import_stats s;
	struct notes_export x;
	struct buf out;
	size_t p12 = (size_t)doc_addr_find(d, "12");
	size_t q = find_cp(d, p12, QUOTE);
	enum notes_format f;

	ok(notes_format_parse("md", &f) && f == NOTES_MD &&
	    notes_format_parse("csv", &f) && f == NOTES_CSV &&
	    notes_format_parse("json", &f) && f == NOTES_JSON &&
	    !notes_format_parse("pdf", &f), "format names");
	notes_add(ns, p12, q, q + utf8_count(QUOTE, strlen(QUOTE)), false,
	    "yellow", "سطر أول\nسطر \"ثان\" \033[31m", NULL, &cause);
	notes_add(ns, 3, 0, 0, true, NULL, "note, with a comma", NULL, &cause);
	buf_init(&out);
	notes_export_begin(&x, &out, NOTES_MD);
	notes_export_add(&x, ns, p, NULL);
	notes_export_end(&x);
	buf_addc(&out, '\0');
	ok(strstr(out.data, "## ¶ 12\n") != NULL, "Markdown: a section per "
	    "paragraph address");
	ok(strstr(out.data, "<blockquote dir=\"rtl\" lang=\"ar\">" QUOTE
	    "</blockquote>\n") != NULL, "... the quote, right to left where "
	    "Markdown renders HTML");
	ok(strstr(out.data, "> سطر أول\n> ") != NULL, "... a note of several "
	    "lines as a block quote");
	ok(strstr(out.data, "\nnote, with a comma\n") != NULL, "... one line: "
	    "as it is");
	ok(strchr(out.data, '\033') == NULL, "... no raw escape");
	words = block_start(d, 3);
	ok(doc_block_address(d, 3) == NULL && strstr(out.data, "block ") ==
	    NULL && strstr(out.data, words) != NULL && strstr(out.data,
	    "## «") != NULL, "... a place without an address by its words "
	    "(«%s»), not the importer's block number", words);
	free(words);
	ok(strstr(out.data, "highlight yellow · in place") != NULL,
	    "... style and status in words");
	ok(strncmp(out.data, "# ", 2) == 0 && strstr(out.data, "الاتجار "
	    "بالنساء والفتيات") < strchr(out.data, '\n') && strstr(out.data,
	    "الاتجار بالنساء والفتيات") != NULL && strstr(out.data, p) >
	    strchr(out.data, '\n'), "... titled by the document's title, "
	    "not its path");

	buf_reset(&out);
	notes_export_begin(&x, &out, NOTES_CSV);
	notes_export_add(&x, ns, p, NULL);
	notes_export_end(&x);
	buf_addc(&out, '\0');
	ok(strncmp(out.data, "document,address,status,style,quote,note,",
	    41) == 0, "CSV: a header");
	ok(strstr(out.data, "\"\"ثان\"\"") != NULL, "... quotes doubled");
	ok(strstr(out.data, "\"note, with a comma\"") != NULL,
	    "... fields quoted");
	ok(strchr(out.data, '\033') == NULL, "... no raw escape");

	buf_reset(&out);
	notes_export_begin(&x, &out, NOTES_JSON);
	notes_export_add(&x, ns, p, NULL);
	notes_export_end(&x);
	buf_addc(&out, '\0');
	json = out.data;
	ok(strstr(json, "\"type\": \"TextQuoteSelector\", \"exact\": \""
	    QUOTE "\"") != NULL, "JSON: a TextQuoteSelector");
	ok(strstr(json, "\"type\": \"TextPositionSelector\"") != NULL,
	    "... a TextPositionSelector");
	ok(strstr(json, "\\u001b[31m") != NULL, "... escapes kept, escaped");
	ok(strstr(json, "\"hamish:address\": \"12\"") != NULL &&
	    strstr(json, "\"hamish:status\": \"exact\"") != NULL,
	    "... address and status");

	st2 = db("ex2.db");
	ok(store_import_json(st2, json, strlen(json), &s, &cause) &&
	    s.added == 2, "imported into another database: 2 added");
	ok(store_import_json(st2, json, strlen(json), &s, &cause) &&
	    s.added == 0 && s.updated == 0 && s.unchanged == 2,
	    "imported twice: nothing changes");
	notes_free(ns);
	ns = open_notes(st2, d, p);
	is_int(notes_count(ns), 2, "the other database places both on the "
	    "text");
	is_on(ns, d, notes_find(ns, p12, q) < 0 ? 0 :
	    (size_t)notes_find(ns, p12, q), QUOTE, "the imported highlight");
	notes_free(ns);
	store_close(st2);
	buf_free(&out);
	doc_free(d);
	free(p);
	store_close(st);
}

int
main(void)
{
	char cmd[96];

	corpus = getenv("HAMISH_CORPUS") ? getenv("HAMISH_CORPUS") :
	    "tests/corpus";
	snprintf(dir, sizeof dir, "/tmp/hamish-notes-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return 1;
	test_identity();
	test_revisions();
	test_delete_undo();
	test_undo_changes();
	test_places();
	test_export();
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	text_cleanup();
	return tap_done();
}
