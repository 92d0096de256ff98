/*
 * test-compare.c - the model of the side-by-side view (compare-view.c):
 * items, aligned rows, filler, moving, changes, folds, the label map,
 * word marks, the one-column document and "did the words under this
 * annotation change".
 *
 * The documents are made here: N numbered paragraphs of pseudo-random
 * Arabic words (each paragraph its own words, so that pairing is by
 * content), and a revision of them with planted edits: a paragraph
 * inserted near the top (every later one renumbered), one reworded in
 * the middle of a sentence, one deleted, one moved to the end.  Both are
 * laid out at several widths, so that paragraphs wrap into different
 * numbers of rows on the two sides.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "rnd.h"
#include "compare-view.h"
#include "diff.h"
#include "doc.h"
#include "theme.h"
#include "util.h"
#include "view.h"

static const char *const words[] = {
	"الجمعية", "العامة", "تقرر", "تطلب", "الأمين", "العام", "تقرير",
	"تنفيذ", "القرار", "الدول", "الأعضاء", "التعاون", "المقرر", "الخاص",
	"حقوق", "الإنسان", "المرأة", "الطفل", "التنمية", "المستدامة",
	"الموارد", "المالية", "اللجنة", "الدورة", "المقبلة", "البرنامج",
	"الإقليمي", "الدولي", "المنظمات", "غير", "الحكومية", "الاتجار",
	"بالأشخاص", "مكافحة", "العنف", "التمييز", "الحماية", "المساعدة",
	"التقنية", "القدرات", "الوطنية", "الخطة", "العمل", "المتعلقة",
	"بالسلام", "والأمن", "الإنسانية", "اللاجئين", "المهاجرين",
};
#define NWORDS	(sizeof words / sizeof *words)
#define NPARA	24
#define INS_AT	2	/* inserted before old paragraph 3 (index 2) */
#define REWORD	6	/* old index reworded: word 4 replaced */
#define DEL	11	/* old index deleted */
#define MOVE	15	/* old index moved to the end */
#define NEWWORD	"المستجدة والمتزايدة في جميع أنحاء العالم"

/* Paragraph i's text: 8 to 30 words, its own pseudo-random choice. */
static char *
para_text(size_t i, size_t replace_word, const char *with)
{
	struct buf b;
	size_t n, k;

	rnd_state = 88172645463325252ULL + i * 7919;
	n = 8 + rnd(23);
	buf_init(&b);
	for (k = 0; k < n; k++) {
		if (k > 0)
			buf_addc(&b, ' ');
		buf_adds(&b, k == replace_word && with != NULL ? with :
		    words[rnd(NWORDS)]);
	}
	buf_adds(&b, ".");
	return buf_steal(&b);
}

static struct doc *
make_doc(bool revised)
{
	struct buf src;
	struct doc *d;
	size_t i, num = 1;
	char *t, *cause = NULL;

	buf_init(&src);
	for (i = 0; i < NPARA; i++) {
		if (revised && i == INS_AT) {
			t = para_text(1000, (size_t)-1, NULL);
			buf_addf(&src, "%zu - %s\n\n", num++, t);
			free(t);
		}
		if (revised && (i == DEL || i == MOVE))
			continue;
		t = para_text(i, revised && i == REWORD ? 4 : (size_t)-1,
		    NEWWORD);
		buf_addf(&src, "%zu - %s\n\n", num++, t);
		free(t);
	}
	if (revised) {
		t = para_text(MOVE, (size_t)-1, NULL);
		buf_addf(&src, "%zu - %s\n\n", num++, t);
		free(t);
	}
	d = doc_import(src.data, src.len, &(struct doc_import_opts){ NULL,
	    "t.txt", 0, false }, &cause);
	if (d == NULL)
		printf("# import: %s\n", cause);
	buf_free(&src);
	return d;
}

/* The pair whose old block is old index i (DIFF_NONE if none). */
static size_t
pair_of_old(struct diff *df, size_t i)
{
	return diff_pair_of_old(df, i);
}

/* Every item's rows and the model's rows agree with the pairs' blocks. */
static void
test_rows(struct diff *df, int width)
{
	struct view *vo = view_new(diff_old(df), width, 0);
	struct view *vn = view_new(diff_new_doc(df), width, 0);
	struct cmpv *m = cmpv_new(df, vo, vn);
	size_t i, np = diff_pair_count(df), pairs = 0, aways = 0, total = 0;
	size_t bad_align = 0, bad_rows = 0, bad_fill = 0, filler = 0;
	struct cmpv_pos p = { 0, 0 }, e;
	struct cmpv_row r;
	long moved;

	for (i = 0; i < cmpv_item_count(m); i++) {
		const struct cmpv_item *it = cmpv_item(m, i);
		const struct diff_pair *pr = diff_pair(df, it->pair);
		size_t rows = cmpv_item_rows(m, i), gap = i > 0, k, want[2];
		int s;

		total += rows;
		if (it->kind == CMPV_AWAY) {
			aways++;
			continue;
		}
		pairs++;
		/* each side: its blocks' rows, the blank before dropped */
		for (s = 0; s < 2; s++) {
			size_t first = s == CMPV_OLD ? pr->old_first :
			    pr->new_first;
			size_t n = s == CMPV_OLD ? pr->old_count :
			    pr->new_count;

			want[s] = 0;
			for (k = 0; k < n; k++)
				want[s] += view_block_rows(s == CMPV_OLD ? vo :
				    vn, first + k);
			if (n > 0 && first > 0)
				want[s]--;
		}
		if (rows != gap + (want[0] > want[1] ? want[0] : want[1]))
			bad_rows++;
		/* the two texts start on the pair's first row */
		p.item = i;
		p.row = gap;
		cmpv_row(m, &p, &r);
		for (s = 0; s < 2; s++) {
			size_t n = s == CMPV_OLD ? pr->old_count :
			    pr->new_count;
			size_t rs, re;

			if (n == 0) {
				if (r.has[s] || !r.missing[s])
					bad_fill++;
				continue;
			}
			if (!r.has[s] || !view_row_range(s == CMPV_OLD ? vo :
			    vn, &r.at[s], &rs, &re) || rs != 0)
				bad_align++;
		}
		/* past the shorter side: filler, not a row of the next
		 * block */
		for (p.row = gap; p.row < rows; p.row++) {
			cmpv_row(m, &p, &r);
			for (s = 0; s < 2; s++) {
				size_t line = p.row - gap;

				if (r.has[s] != (line < want[s]))
					bad_fill++;
				if (!r.has[s] && want[s] > 0)
					filler++;
			}
		}
	}
	is_int(pairs, np, "w=%d: every pair is an item once", width);
	is_int(aways, 1, "w=%d: one marker for the moved paragraph", width);
	is_int(bad_rows, 0, "w=%d: an item's rows are its longer side's",
	    width);
	is_int(bad_align, 0, "w=%d: both texts of a pair start on its first "
	    "row", width);
	is_int(bad_fill, 0, "w=%d: filler exactly where a side has no more "
	    "rows", width);
	printf("# w=%d: %zu filler rows\n", width, filler);
	/* moving: down to the end and back */
	p.item = p.row = 0;
	moved = cmpv_move(m, &p, 1000000);
	is_int(moved, (long)total - 1, "w=%d: the last row is rows - 1 down",
	    width);
	is_int(p.item, cmpv_item_count(m) - 1, "w=%d: ... on the last item",
	    width);
	e = cmpv_end(m, 10);
	moved = cmpv_move(m, &e, 9);
	is_int(moved, 9, "w=%d: cmpv_end(10) is 9 rows above the end", width);
	ok(e.item == p.item && e.row == p.row, "w=%d: ... the last row",
	    width);
	moved = cmpv_move(m, &p, -1000000);
	is_int(moved, -((long)total - 1), "w=%d: and back to the top", width);
	ok(p.item == 0 && p.row == 0, "w=%d: ... the first row", width);
	cmpv_free(m);
	view_free(vo);
	view_free(vn);
}

/* The marker of the moved paragraph stands where it was. */
static void
test_moved(struct diff *df, struct cmpv *m)
{
	size_t mp = pair_of_old(df, MOVE), before = pair_of_old(df, MOVE - 1);
	size_t i, away = CMPV_NONE;
	struct buf b;

	is_int(diff_pair(df, mp)->status, DIFF_MOVED, "old %d is moved",
	    MOVE + 1);
	for (i = 0; i < cmpv_item_count(m); i++)
		if (cmpv_item(m, i)->kind == CMPV_AWAY)
			away = i;
	if (!ok(away != CMPV_NONE, "the marker is an item"))
		return;
	is_int(cmpv_item(m, away)->pair, mp, "... of the moved pair");
	is_int(away, cmpv_item_of_pair(m, before) + 1, "... right after the "
	    "paragraph that came before it in the old version");
	buf_init(&b);
	cmpv_away_text(m, away, &b);
	is_str(b.data, "¶ 16 moved down, to ¶ 24", "the marker says where to");
	buf_reset(&b);
	cmpv_gutter(m, mp, 0, false, &b);
	is_str(b.data, "16 → 24", "the moved pair's label map");
	buf_reset(&b);
	cmpv_gutter(m, mp, 1, false, &b);
	is_str(b.data, "moved", "... its status");
	buf_reset(&b);
	cmpv_gutter(m, mp, 2, false, &b);
	is_str(b.data, "from above", "... and where it came from");
	buf_free(&b);
}

static void
test_gutter(struct diff *df, struct cmpv *m)
{
	struct buf b;
	size_t p;

	buf_init(&b);
	p = pair_of_old(df, 0);
	cmpv_gutter(m, p, 0, false, &b);
	is_str(b.data, "1", "an unchanged paragraph that kept its number");
	buf_reset(&b);
	cmpv_gutter(m, p, 1, false, &b);
	is_str(b.data, "", "... has no status");
	buf_reset(&b);
	p = pair_of_old(df, 4);
	cmpv_gutter(m, p, 0, false, &b);
	is_str(b.data, "5 → 6", "renumbered after the insertion: 5 → 6");
	buf_reset(&b);
	cmpv_gutter(m, p, 0, true, &b);
	is_str(b.data, "6 ← 5", "... drawn with the old on the right: 6 ← 5");
	buf_reset(&b);
	p = diff_pair_of_new(df, INS_AT);
	cmpv_gutter(m, p, 0, true, &b);
	is_str(b.data, "3 new", "the inserted paragraph: 3 new");
	buf_reset(&b);
	p = pair_of_old(df, DEL);
	cmpv_gutter(m, p, 0, true, &b);
	is_str(b.data, "12 deleted", "the deleted one: 12 deleted");
	buf_reset(&b);
	p = pair_of_old(df, REWORD);
	cmpv_gutter(m, p, 1, true, &b);
	is_str(b.data, "changed", "the reworded one: changed");
	buf_free(&b);
}

/* The code points [s, e) of block b of d. */
static char *
range_text(const struct doc *d, size_t b, size_t s, size_t e)
{
	size_t len, i = 0, cp = 0, b0 = 0;
	const char *t = doc_block_text(d, b, &len);

	for (i = 0; i <= len; i++) {
		if (i == len || ((unsigned char)t[i] & 0xc0) != 0x80) {
			if (cp == s)
				b0 = i;
			if (cp == e)
				return xstrndup(t + b0, i - b0);
			cp++;
		}
	}
	return xstrdup("");
}

static void
test_marks(struct diff *df, struct cmpv *m)
{
	struct view_mark *mk = NULL;
	size_t cap = 0, n = 0, p = pair_of_old(df, REWORD), k;
	char *t;
	bool got_new = false, got_old = false;

	cmpv_marks(m, p, CMPV_NEW, &mk, &cap, &n);
	for (k = 0; k < n; k++) {
		t = range_text(diff_new_doc(df), mk[k].block, mk[k].start,
		    mk[k].end);
		if (mk[k].face == TF_DIFF_INSERT && strcmp(t, NEWWORD) == 0)
			got_new = true;
		free(t);
	}
	if (!ok(got_new && n == 1, "new side: the word put in, marked "
	    "inserted"))
		for (k = 0; k < n; k++) {
			t = range_text(diff_new_doc(df), mk[k].block,
			    mk[k].start, mk[k].end);
			printf("# mark %zu: face %d '%s'\n", k, mk[k].face, t);
			free(t);
		}
	n = 0;
	cmpv_marks(m, p, CMPV_OLD, &mk, &cap, &n);
	for (k = 0; k < n; k++)
		got_old |= mk[k].face == TF_DIFF_DELETE &&
		    mk[k].block == REWORD;
	ok(got_old && n == 1, "old side: the word taken out, marked deleted");
	n = 0;
	cmpv_marks(m, pair_of_old(df, 0), CMPV_NEW, &mk, &cap, &n);
	is_int(n, 0, "an unchanged pair has no marks");
	free(mk);
}

static void
test_changes(struct diff *df, struct cmpv *m)
{
	size_t k, i, n = cmpv_change_count(m), same = 0;

	for (i = 0; i < diff_pair_count(df); i++)
		same += diff_pair(df, i)->status == DIFF_SAME;
	is_int(n, diff_pair_count(df) - same, "changes: the pairs not same");
	is_int(n, 4, "... the four planted edits");
	for (k = 0; k + 1 < n; k++)
		if (cmpv_change_near(m, cmpv_change_item(m, k), 1) != k + 1 ||
		    cmpv_change_near(m, cmpv_change_item(m, k + 1), -1) != k)
			break;
	is_int(k + 1, n, "change_near steps through them in order");
	is_int(cmpv_change_near(m, cmpv_change_item(m, n - 1), 1), CMPV_NONE,
	    "none after the last");
	is_int(cmpv_change_near(m, cmpv_change_item(m, 0), -1), CMPV_NONE,
	    "none before the first");
	is_int(cmpv_change_near(m, 0, 1), cmpv_change_item(m, 0) > 0 ? 0 : 1,
	    "the first after the top");
}

static void
test_fold(struct diff *df, struct cmpv *m)
{
	struct cmpv_pos pos;
	size_t i, folded = 0, shown = 0, run = 0, longest = 0, p;

	p = pair_of_old(df, 20);
	pos.item = cmpv_item_of_pair(m, p);
	pos.row = 0;
	cmpv_set_fold(m, true, &pos);
	ok(cmpv_fold(m), "folded");
	for (i = 0; i < cmpv_item_count(m); i++) {
		const struct cmpv_item *it = cmpv_item(m, i);

		if (it->kind == CMPV_FOLD) {
			folded += it->npairs;
			ok(it->npairs >= 2, "a fold holds two pairs or more");
			run = 0;
		} else if (it->kind == CMPV_PAIR) {
			shown++;
			if (diff_pair(df, it->pair)->status == DIFF_SAME) {
				if (++run > longest)
					longest = run;
			} else
				run = 0;
		} else
			run = 0;
	}
	is_int(folded + shown, diff_pair_count(df), "folded and shown pairs "
	    "make all the pairs");
	ok(longest <= 3, "at most three unchanged pairs in a row (a run too "
	    "short to fold, or context)");
	is_int(cmpv_change_count(m), 4, "folding keeps the changes");
	is_int(cmpv_item(m, pos.item)->kind, CMPV_FOLD, "the place is now on "
	    "the fold holding its pair");
	{
		size_t f0 = cmpv_item(m, pos.item)->pair;
		size_t f1 = f0 + cmpv_item(m, pos.item)->npairs;

		cmpv_set_fold(m, false, &pos);
		ok(cmpv_item(m, pos.item)->pair >= f0 &&
		    cmpv_item(m, pos.item)->pair < f1 && f0 <= p && p < f1,
		    "unfolded: back on a pair of that fold");
	}
}

static void
test_inline(struct diff *df, struct cmpv *m)
{
	struct cmpv_pos pos = { 0, 0 };
	struct cmpv_row r;
	struct view *iv;
	struct view_mark *mk = NULL;
	size_t cap = 0, n = 0, p = pair_of_old(df, REWORD), k, len;
	const char *t;
	char *old_word;
	bool del = false, ins = false;

	pos.item = cmpv_item_of_pair(m, p);
	cmpv_set_inline(m, true, 60, 0, &pos);
	iv = cmpv_inline_view(m);
	if (!ok(iv != NULL && cmpv_inline(m), "one column"))
		return;
	is_int(cmpv_item(m, pos.item)->pair, p, "the place stays on its pair");
	pos.row = 1;
	cmpv_row(m, &pos, &r);
	ok(r.kind == CMPV_ROW_TEXT && r.has[CMPV_NEW] && !r.has[CMPV_OLD],
	    "a row of the inline view");
	t = doc_block_text(view_doc(iv), r.at[CMPV_NEW].block, &len);
	old_word = xstrdup(doc_block_text(diff_old(df), REWORD, &len));
	t = doc_block_text(view_doc(iv), r.at[CMPV_NEW].block, &len);
	ok(strstr(t, NEWWORD) != NULL, "the changed pair's text has the new "
	    "word");
	cmpv_marks(m, p, CMPV_NEW, &mk, &cap, &n);
	for (k = 0; k < n; k++) {
		char *w = range_text(view_doc(iv), mk[k].block, mk[k].start,
		    mk[k].end);

		if (mk[k].face == TF_DIFF_INSERT)
			ins = strcmp(w, NEWWORD) == 0;
		if (mk[k].face == TF_DIFF_DELETE)
			del = *w != '\0' && strstr(old_word, w) != NULL &&
			    strstr(t, w) != NULL;
		free(w);
	}
	ok(ins && del, "... and the old one beside it, each in its face");
	free(old_word);
	free(mk);
	mk = NULL;
	cap = 0;
	/* an unchanged pair is the new text as it is */
	pos.item = cmpv_item_of_pair(m, pair_of_old(df, 0));
	pos.row = 0;
	cmpv_row(m, &pos, &r);
	{
		size_t l2;
		const char *a = doc_block_text(view_doc(iv),
		    r.at[CMPV_NEW].block, &len);
		const char *b = doc_block_text(diff_new_doc(df), 0, &l2);

		ok(len == l2 && memcmp(a, b, len) == 0, "an unchanged pair: "
		    "the text once");
	}
	/* an annotation's range of the new version, on the inline text */
	{
		size_t nb = diff_pair(df, p)->new_first, l3;
		const char *nt = doc_block_text(diff_new_doc(df), nb, &l3);
		size_t at = utf8_count(nt, (size_t)(strstr(nt, NEWWORD) - nt));
		struct view_mark in = { nb, at, at + utf8_count(NEWWORD,
		    strlen(NEWWORD)), TF_NOTE }, whole = { 0, 0, (size_t)-1,
		    TF_HL_GREEN };
		char *w;

		n = 0;
		cmpv_inline_range(m, &in, &mk, &cap, &n);
		w = n == 1 ? range_text(view_doc(iv), mk[0].block, mk[0].start,
		    mk[0].end) : xstrdup("");
		ok(n == 1 && mk[0].face == TF_NOTE && strcmp(w, NEWWORD) == 0,
		    "a note on the new words lands on them inline");
		free(w);
		n = 0;
		cmpv_inline_range(m, &whole, &mk, &cap, &n);
		nt = doc_block_text(diff_new_doc(df), 0, &l3);
		ok(n == 1 && mk[0].start == 0 && mk[0].end == utf8_count(nt,
		    l3) &&
		    mk[0].face == TF_HL_GREEN, "a highlight of an unchanged "
		    "paragraph covers its inline copy");
	}
	free(mk);
	cmpv_set_inline(m, false, 60, 0, NULL);
	ok(!cmpv_inline(m), "two columns again");
}

static void
test_range_changed(struct diff *df)
{
	size_t nb = diff_pair(df, pair_of_old(df, REWORD))->new_first, len;
	const char *t = doc_block_text(diff_new_doc(df), nb, &len);
	const char *w = strstr(t, NEWWORD);
	size_t at = utf8_count(t, (size_t)(w - t)), wl = utf8_count(NEWWORD,
	    strlen(NEWWORD));

	ok(cmpv_range_changed(df, nb, at, at + wl), "a range on the new word "
	    "changed");
	ok(cmpv_range_changed(df, nb, 0, (size_t)-1), "the whole paragraph "
	    "changed");
	ok(cmpv_range_changed(df, nb, at > 3 ? at - 3 : 0, at + 1), "a range "
	    "overlapping it changed");
	ok(!cmpv_range_changed(df, nb, at + wl + 1, at + wl + 4), "a range "
	    "after it, on words kept, did not");
	ok(!cmpv_range_changed(df, 0, 0, (size_t)-1), "an unchanged paragraph "
	    "did not");
	ok(cmpv_range_changed(df, INS_AT, 0, 5), "an inserted paragraph did");
}

/* Block ib of the inline document is block b of d but for its text:
 * the same kind, level, label, number, section and line. */
static bool
same_block(const struct doc *id, size_t ib, const struct doc *d, size_t b)
{
	const char *l1 = doc_block_label(id, ib), *l2 = doc_block_label(d, b);

	return doc_block_kind(id, ib) == doc_block_kind(d, b) &&
	    doc_block_level(id, ib) == doc_block_level(d, b) &&
	    (l1 == l2 || (l1 != NULL && l2 != NULL && strcmp(l1, l2) == 0)) &&
	    doc_block_number(id, ib) == doc_block_number(d, b) &&
	    doc_block_section(id, ib) == doc_block_section(d, b) &&
	    doc_block_line(id, ib) == doc_block_line(d, b);
}

/* The one-column document keeps what the view shows of each block: its
 * label and number and, for a subparagraph, its paragraph, whether the
 * pair is unchanged (the block copied) or changed (the words rebuilt). */
static void
test_inline_blocks(void)
{
	static const char o_src[] =
	    "1 - الجمعية العامة تقرر تنفيذ القرار:\n\n"
	    "(أ) الدول الأعضاء التعاون المقرر الخاص حقوق الإنسان؛\n\n"
	    "(ب) المرأة الطفل التنمية المستدامة الموارد المالية.\n\n";
	static const char n_src[] =
	    "1 - الجمعية العامة تقرر تنفيذ القرار:\n\n"
	    "(أ) الدول الأعضاء التعاون المقرر الخاص حقوق الإنسان؛\n\n"
	    "(ب) المرأة الطفل التنمية المستدامة الموارد الإقليمية.\n\n";
	struct doc_import_opts o = { NULL, "t.txt", 0, false };
	struct doc *od, *nd;
	struct diff *df;
	struct view *vo, *vn;
	struct cmpv *m;
	struct cmpv_pos pos = { 0, 0 };
	struct cmpv_row r;
	const struct doc *id;
	char *cause = NULL;
	size_t b, ib[3];

	od = doc_import(o_src, sizeof o_src - 1, &o, &cause);
	nd = doc_import(n_src, sizeof n_src - 1, &o, &cause);
	if (!ok(od != NULL && nd != NULL && doc_block_count(nd) == 3 &&
	    doc_block_parent(nd, 1) == 0 && doc_block_parent(nd, 2) == 0,
	    "inline blocks: a paragraph and two subparagraphs")) {
		free(cause);
		doc_free(od);
		doc_free(nd);
		return;
	}
	df = diff_new(od, nd, NULL);
	vo = view_new(od, 40, 0);
	vn = view_new(nd, 40, 0);
	m = cmpv_new(df, vo, vn);
	cmpv_set_inline(m, true, 60, 0, &pos);
	id = view_doc(cmpv_inline_view(m));
	for (b = 0; b < 3; b++) {
		pos.item = cmpv_item_of_pair(m, diff_pair_of_new(df, b));
		pos.row = b > 0;	/* after the blank between blocks */
		cmpv_row(m, &pos, &r);
		ib[b] = r.has[CMPV_NEW] ? r.at[CMPV_NEW].block : (size_t)-1;
	}
	is_int(diff_pair(df, diff_pair_of_new(df, 2))->status, DIFF_CHANGED,
	    "inline blocks: the last subparagraph changed");
	ok(ib[0] != (size_t)-1 && same_block(id, ib[0], nd, 0) &&
	    doc_block_parent(id, ib[0]) == (size_t)-1,
	    "an unchanged paragraph's inline copy keeps its label and number");
	ok(ib[1] != (size_t)-1 && same_block(id, ib[1], nd, 1) &&
	    doc_block_parent(id, ib[1]) == ib[0],
	    "... an unchanged subparagraph its paragraph");
	ok(ib[2] != (size_t)-1 && same_block(id, ib[2], nd, 2) &&
	    doc_block_parent(id, ib[2]) == ib[0],
	    "... a changed one too");
	cmpv_free(m);
	view_free(vo);
	view_free(vn);
	diff_free(df);
	doc_free(od);
	doc_free(nd);
}

int
main(void)
{
	struct doc *od = make_doc(false), *nd = make_doc(true);
	struct diff *df;
	struct view *vo, *vn;
	struct cmpv *m;

	if (!ok(od != NULL && nd != NULL, "the two versions import"))
		return tap_done();
	is_int(doc_block_count(nd), NPARA, "the revision: one in, one out, "
	    "one moved");
	df = diff_new(od, nd, NULL);
	test_rows(df, 30);
	test_rows(df, 57);
	test_rows(df, 120);
	vo = view_new(od, 40, 0);
	vn = view_new(nd, 40, 0);
	m = cmpv_new(df, vo, vn);
	test_moved(df, m);
	test_gutter(df, m);
	test_marks(df, m);
	test_changes(df, m);
	test_fold(df, m);
	test_inline(df, m);
	test_range_changed(df);
	test_inline_blocks();
	cmpv_free(m);
	view_free(vo);
	view_free(vn);
	/* empty against full: every pair inserted, the old side filler */
	{
		struct diff *d2 = diff_new(NULL, nd, NULL);
		struct view *v2 = view_new(nd, 40, 0);
		struct cmpv *m2 = cmpv_new(d2, NULL, v2);
		struct cmpv_pos p = { 0, 0 };
		struct cmpv_row r;

		is_int(cmpv_change_count(m2), NPARA, "empty old: every "
		    "paragraph a change");
		cmpv_row(m2, &p, &r);
		ok(r.missing[CMPV_OLD] && !r.has[CMPV_OLD] && r.has[CMPV_NEW],
		    "... the old side missing");
		cmpv_set_inline(m2, true, 40, 0, &p);
		cmpv_row(m2, &p, &r);
		ok(r.has[CMPV_NEW], "... one column works too");
		cmpv_free(m2);
		view_free(v2);
		diff_free(d2);
	}
	diff_free(df);
	doc_free(od);
	doc_free(nd);
	return tap_done();
}
