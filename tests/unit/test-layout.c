/*
 * test-layout.c - the layout engine on small paragraphs whose correct
 * screen is known: line order, alignment, shaping, ligatures, harakat,
 * mirroring, tabs, symbols, long words, controls and the cell map.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "render.h"
#include "tap.h"
#include "text.h"
#include "util.h"
#include "view.h"
#include "doc.h"
#include "corpus.h"

/* Lays UTF-8 s out at width w; returns the rendered rows (caller frees). */
static char *
rows(const char *s, int w, enum lay_dir dir, int flags)
{
	struct lay_lines ll = { 0 };
	struct lay_para *lp;
	struct buf b;
	uint32_t *u;
	size_t n;

	u = text_utf8_decode(s, strlen(s), TEXT_NFC, &n, NULL);
	lp = lay_para_new(u, n, dir, flags);
	lay_para_wrap(lp, w, &ll);
	buf_init(&b);
	render_lines(&b, &ll, 0);
	lay_lines_free(&ll);
	lay_para_free(lp);
	free(u);
	return buf_steal(&b);
}

static struct lay_para *
para(const char *s, enum lay_dir dir)
{
	struct lay_para *lp;
	uint32_t *u;
	size_t n;

	u = text_utf8_decode(s, strlen(s), TEXT_NFC, &n, NULL);
	lp = lay_para_new(u, n, dir, 0);
	free(u);
	return lp;
}

static void
test_line_order(void)
{
	char *r;

	/* bidi.md section 1.9: paragraph levels, logical wrap, per-line
	 * reorder.  The fribidi CLI prints the last line first. */
	r = rows("ذكر التقرير أن Microsoft Windows يدعم العربية منذ عام "
	    "1995 تقريباً (انظر الملحق).", 24, LAY_DIR_AUTO_RTL, 0);
	is_str(r,
	    "Microsoft ﻥﺃ ﺮﻳﺮﻘﺘﻟﺍ ﺮﻛﺫ\n"
	    "ﺬﻨﻣ ﺔﻴﺑﺮﻌﻟﺍ ﻢﻋﺪﻳ Windows\n"
	    "   ﺮﻈﻧﺍ) ﺎًﺒﻳﺮﻘﺗ 1995 ﻡﺎﻋ\n"
	    "                .(ﻖﺤﻠﻤﻟﺍ\n",
	    "mixed paragraph at W=24: right order, right-aligned, mirrored");
	free(r);
	/* Line 2 starts with "Windows": per-line auto direction would
	 * make it LTR; the paragraph's level keeps it RTL. */
	r = rows("abc def ghi", 5, LAY_DIR_AUTO_RTL, 0);
	is_str(r, "abc\ndef\nghi\n", "LTR paragraph: left-aligned, no pad");
	free(r);
	r = rows("abc def", 5, LAY_DIR_RTL, 0);
	is_str(r, "  abc\n  def\n", "forced RTL right-aligns Latin");
	free(r);
	r = rows("123 456", 3, LAY_DIR_AUTO_RTL, 0);
	is_str(r, "123\n456\n", "no strong letter: RTL fallback");
	free(r);
	r = rows("123", 5, LAY_DIR_AUTO, 0);
	is_str(r, "123\n", "no strong letter, LTR fallback (UAX #9 P3)");
	free(r);
}

static void
test_shaping(void)
{
	char *r;

	r = rows("لا", 5, LAY_DIR_AUTO_RTL, 0);
	is_str(r, "    ﻻ\n", "lam-alef is one cell, no U+FEFF filler");
	free(r);
	r = rows("لَا", 5, LAY_DIR_AUTO_RTL, 0);
	is_str(r, "    ﻻَ\n", "lam + fatha + alef ligates (FriBidi does not)");
	free(r);
	r = rows("فَلَا", 5, LAY_DIR_AUTO_RTL, 0);
	is_str(r, "   ﻼَﻓَ\n", "medial lam + fatha + alef takes FEFC");
	free(r);
	r = rows("لّأ", 5, LAY_DIR_AUTO_RTL, 0);
	is_str(r, "    ﻷّ\n", "lam + shadda + alef-hamza ligates to FEF7");
	free(r);
	r = rows("الإسلام", 10, LAY_DIR_AUTO_RTL, 0);
	is_str(r, "     ﻡﻼﺳﻹﺍ\n", "two ligatures, five cells");
	free(r);
	r = rows("لا", 5, LAY_DIR_AUTO_RTL, LAY_NO_SHAPE);
	is_str(r, "   ال\n", "--no-shape keeps the letters, reordered");
	free(r);
	r = rows("بَيْت", 5, LAY_DIR_AUTO_RTL, 0);
	is_str(r, "  ﺖﻴْﺑَ\n", "harakat follow their base letter");
	free(r);
	r = rows("كـــتاب", 10, LAY_DIR_AUTO_RTL, 0);
	is_str(r, "   ﺏﺎﺘـــﻛ\n", "tatweel kept as written, joined");
	free(r);
	/* FriBidi's Unicode 10 tables make U+08D3 a strong R letter. */
	r = rows("كتب\xe0\xa3\x93", 5, LAY_DIR_AUTO_RTL, 0);
	is_str(r, "  ﺐ\xe0\xa3\x93ﺘﻛ\n",
	    "a Unicode 11 mark (U+08D3) stays on its base");
	free(r);
}

static void
test_mirroring_and_brackets(void)
{
	char *r;

	r = rows("قال (نص)", 10, LAY_DIR_AUTO_RTL, 0);
	is_str(r, "  (ﺺﻧ) ﻝﺎﻗ\n", "brackets mirrored in RTL");
	free(r);
	r = rows("انظر [الفقرة (أ)] «هنا»", 30, LAY_DIR_AUTO_RTL, 0);
	is_str(r, "       «ﺎﻨﻫ» [(ﺃ) ﺓﺮﻘﻔﻟﺍ] ﺮﻈﻧﺍ\n",
	    "nested brackets and guillemets mirrored");
	free(r);
	r = rows("الوثيقة A/67/150 (2012)", 30, LAY_DIR_AUTO_RTL, 0);
	is_str(r, "       A/67/150 (2012) ﺔﻘﻴﺛﻮﻟﺍ\n",
	    "a Latin symbol and a bracketed number form one LTR run");
	free(r);
}

static void
test_tabs_and_controls(void)
{
	char *r;
	size_t i;

	r = rows("1 -\tتنص", 20, LAY_DIR_AUTO_RTL, 0);
	is_str(r, "         ﺺﻨﺗ     - 1\n",
	    "tab counted from the right edge: 5 cells after \"1 -\"");
	free(r);
	r = rows("a\x1b[31mb\x07\x7f\xc2\x9b", 20, LAY_DIR_AUTO, 0);
	is_str(r, "a␛[31mb␇␡\xef\xbf\xbd\n",
	    "ESC, BEL, DEL and C1 CSI shown as visible symbols");
	for (i = 0; r[i] != '\0'; i++)
		if ((unsigned char)r[i] < 0x20 && r[i] != '\n')
			break;
	ok(r[i] == '\0', "no control byte in the output");
	free(r);
	r = rows("\xe2\x80\x8f\xd8\xa8\xe2\x80\x8d\xd8\xa8", 5,
	    LAY_DIR_AUTO_RTL, 0);
	is_str(r, "   ﺐﺑ\n", "RLM and ZWJ are not printed");
	free(r);
	r = rows("\xd9\x8e\xd8\xa8", 5, LAY_DIR_AUTO_RTL, 0);
	is_str(r, "   ﺏ◌َ\n", "a mark with no base sits on a dotted circle");
	free(r);
}

static void
test_breaking(void)
{
	char *r;

	r = rows("انظر الوثيقتين A/HRC/20/18 و CTOC/COP/WG.4/2019/4", 22,
	    LAY_DIR_AUTO_RTL, 0);
	is_str(r,
	    "        ﻦﻴﺘﻘﻴﺛﻮﻟﺍ ﺮﻈﻧﺍ\n"
	    "         ﻭ A/HRC/20/18\n"
	    "  CTOC/COP/WG.4/2019/4\n",
	    "document symbols are never split across lines");
	free(r);
	r = rows("abcdefghij", 4, LAY_DIR_AUTO, 0);
	is_str(r, "abcd\nefgh\nij\n", "a word wider than W is cut at W");
	free(r);
	r = rows("ب\xd9\x8e\xd9\x91ببببب", 3, LAY_DIR_AUTO_RTL, 0);
	ok(strstr(r, "\xd9\x8e\xd9\x91") != NULL,
	    "a long word is cut only at grapheme boundaries");
	free(r);
	r = rows("aa  bb", 2, LAY_DIR_AUTO, 0);
	is_str(r, "aa\nbb\n", "trailing spaces hang, they are not counted");
	free(r);
	r = rows("كلمة الاتجار⁽²⁶⁾ هنا", 12, LAY_DIR_AUTO_RTL, 0);
	is_str(r, "        ﺔﻤﻠﻛ\n  ⁽²⁶⁾ﺭﺎﺠﺗﻻﺍ\n         ﺎﻨﻫ\n",
	    "a footnote marker stays on the line of its word");
	free(r);
	r = rows("\t”يقصد بعبارة", 10, LAY_DIR_AUTO_RTL, 0);
	is_str(r, "          \n     ﺪﺼﻘﻳ”\n    ﺓﺭﺎﺒﻌﺑ\n",
	    "a line may break after a tab, even before a quotation mark");
	free(r);
	r = rows("نص )١(عبر الوطنية", 10, LAY_DIR_AUTO_RTL, 0);
	is_str(r, " ﺮﺒﻋ)١( ﺺﻧ\n   ﺔﻴﻨﻃﻮﻟﺍ\n",
	    "no opportunity fits: break after a space, not mid-word");
	free(r);
	r = rows("one\xe2\x80\xa8two", 20, LAY_DIR_AUTO, 0);
	is_str(r, "one\ntwo\n", "U+2028 forces a line break");
	free(r);
	r = rows("see https://example.org/a/b", 12, LAY_DIR_AUTO, 0);
	is_str(r, "see https://\nexample.org/\na/b\n",
	    "a URL breaks after its slashes, not mid-word");
	free(r);
}

static void
test_map(void)
{
	struct lay_lines ll = { 0 };
	struct lay_para *lp;
	struct lay_span *sp = NULL;
	size_t n, i;

	/* "لا سلام": cells left to right 6 4-5 3 2 0-1 (bidi.md 1.10) */
	lp = para("لا سلام", LAY_DIR_AUTO_RTL);
	lay_para_wrap(lp, 10, &ll);
	ok(ll.nline == 1 && ll.ncell == 5, "لا سلام is 5 cells");
	ok(ll.cell[4].lmin == 0 && ll.cell[4].lmax == 1,
	    "the rightmost cell shows logical 0-1 (lam-alef)");
	ok(ll.cell[1].lmin == 4 && ll.cell[1].lmax == 5,
	    "the second cell shows logical 4-5");
	ok(ll.cell[0].x == 5 && ll.cell[4].x == 9,
	    "cells sit at columns 5..9 of 10");
	lay_lines_free(&ll);
	lay_para_free(lp);

	/* The logical range "عربي Eng" shows as two pieces. */
	lp = para("هذا نص عربي English text هنا", LAY_DIR_AUTO_RTL);
	lay_para_wrap(lp, 40, &ll);
	n = lay_range_spans(&ll, 7, 15, &sp);
	ok(n == 2, "a mixed-direction range maps to two spans (got %zu)", n);
	if (n == 2) {
		ok(sp[0].x1 - sp[0].x0 == 3 && sp[1].x1 - sp[1].x0 == 5,
		    "spans: \"Eng\" (3 cells) and \"عربي \" (5 cells)");
	}
	lay_lines_free(&ll);
	lay_para_free(lp);

	lp = para("واحد اثنان ثلاثة أربعة", LAY_DIR_AUTO_RTL);
	lay_para_wrap(lp, 11, &ll);
	ok(ll.nline == 2, "two lines at W=11");
	is_int(lay_line_of(&ll, 0), 0, "offset 0 is on line 0");
	is_int(lay_line_of(&ll, 17), 1, "offset 17 is on line 1");
	n = lay_range_spans(&ll, 0, 22, &sp);
	ok(n == 2 && sp[0].line == 0 && sp[1].line == 1,
	    "the whole paragraph is one span per line");
	for (i = 0; i < ll.nline; i++)
		ok(ll.cell[ll.line[i].cell + ll.line[i].ncell - 1].x +
		    1 == 11, "RTL line %zu ends at the right edge", i);
	lay_lines_free(&ll);
	lay_para_free(lp);
	free(sp);
}


/* Rows of ll, rendered (caller frees). */
static char *
ll_rows(const struct lay_lines *ll)
{
	struct buf b;

	buf_init(&b);
	render_lines(&b, ll, RENDER_MAP);
	return buf_steal(&b);
}

/*
 * lay_para_renew() reuses one analysis for paragraph after paragraph
 * (longer and shorter ones, shaped or not) and lays each out as
 * lay_para_new() does; wrapping one analysis at several widths in turn,
 * with another paragraph's wrap in between, gives the same lines too
 * (ICU's line breaks are found a piece at a time).
 */
static void
test_renew(void)
{
	static const char *const texts[] = {
		"ذكر التقرير أن Microsoft Windows يدعم العربية منذ عام 1995 "
		"تقريباً (انظر الملحق).",
		"لَا إِلَٰهَ\tإِلَّا هو",
		"",
		"a",
		"see https://example.org/a/b and A/67/150 in ⁽¹⁸⁾ notes 😀 here",
		"واحد اثنان ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة عشرة "
		"أحد عشر اثنا عشر ثلاثة عشر أربعة عشر خمسة عشر",
		"\xd9\x8e orphan \x01 control \xe2\x80\x8f mark",
	};
	static const int widths[] = { 1, 5, 11, 24, 80 };
	static const uint32_t none[1];
	struct lay_lines a = { 0 }, b = { 0 }, c = { 0 };
	struct lay_para *re = NULL, *lp, *other;
	uint32_t *u;
	size_t n, i, k, same = 0, total = 0;
	char *ra, *rb;
	int flags;

	other = para(texts[5], LAY_DIR_AUTO_RTL);
	for (i = 0; i < 3 * UTIL_NELEM(texts); i++) {
		u = text_utf8_decode(texts[i % UTIL_NELEM(texts)],
		    strlen(texts[i % UTIL_NELEM(texts)]), TEXT_NFC, &n, NULL);
		flags = i >= 2 * UTIL_NELEM(texts) ? LAY_NO_SHAPE : 0;
		re = lay_para_renew(re, u, n, LAY_DIR_AUTO_RTL, flags);
		lp = lay_para_new(u, n, LAY_DIR_AUTO_RTL, flags);
		for (k = 0; k < 2 * UTIL_NELEM(widths); k++) {
			lay_para_wrap(re, widths[k % UTIL_NELEM(widths)], &a);
			if (k % 3 == 1)
				lay_para_wrap(other, 7, &c);
			lay_para_wrap(lp, widths[k % UTIL_NELEM(widths)], &b);
			ra = ll_rows(&a);
			rb = ll_rows(&b);
			total++;
			if (strcmp(ra, rb) == 0)
				same++;
			else
				printf("# text %zu width %d:\n%s# against\n%s",
				    i, widths[k % UTIL_NELEM(widths)], ra, rb);
			free(ra);
			free(rb);
		}
		lay_para_free(lp);
		free(u);
	}
	ok(same == total, "lay_para_renew() lays out as lay_para_new() "
	    "(%zu of %zu)", same, total);
	lay_para_free(re);
	lay_para_free(other);
	lay_para_free(lay_para_renew(NULL, none, 0, LAY_DIR_LTR, 0));
	lay_lines_free(&a);
	lay_lines_free(&b);
	lay_lines_free(&c);
}

/*
 * Marks whose base is not the line's first cell: after a space a line
 * may break before a mark (UAX #14 LB10), and an embedding can put a
 * mark before its base.  No line may then be wider than the width (the
 * line filler and the cells must agree), and a mark with no base on
 * its line sits on a dotted circle.  Found by tests/fuzz/fuzz-render.c.
 */
static void
test_marks_at_line_start(void)
{
	static const char *const texts[] = {
		"Lana \xd9\x8f\xd9\x84 \xd8\xb3\xd9\x84 \xd8\xa7\xd9\x84",
		"\xd9\x83\xd9\x84 \xd9\x8e\xd9\x91\xd9\x93\xd9\x85 "
		    "\xd9\x83\xd9\x84",
		"\xef\xbf\xbd\xef\xbf\xbd\xe2\x80\xaa\xd9\x8c\x1b"
		    "\xef\xbf\xbd\xef\xbf\xbd",
		"ab \xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81" "cd ef",
	};
	struct lay_lines ll = { 0 };
	struct lay_para *lp;
	const struct lay_cell *c;
	uint32_t *u;
	size_t i, k, n, bad = 0, circles = 0;
	int w;

	for (i = 0; i < UTIL_NELEM(texts); i++) {
		u = text_utf8_decode(texts[i], strlen(texts[i]), TEXT_NFC, &n,
		    NULL);
		lp = lay_para_new(u, n, LAY_DIR_AUTO_RTL, 0);
		for (w = 2; w <= 12; w++) {
			lay_para_wrap(lp, w, &ll);
			for (k = 0; k < ll.nline; k++) {
				if (ll.line[k].width > w) {
					if (bad++ == 0)
						printf("#   text %zu, width %d, "
						    "line %zu: %d cells\n", i,
						    w, k, ll.line[k].width);
				}
				c = &ll.cell[ll.line[k].cell];
				if (ll.line[k].start > 0 && ll.line[k].ncell >
				    0 && text_cp_class(u[ll.line[k].start]) ==
				    TEXT_CLS_MARK)
					circles += c->base == 0x25CC ||
					    c[ll.line[k].ncell - 1].base ==
					    0x25CC;
			}
		}
		lay_para_free(lp);
		free(u);
	}
	ok(bad == 0, "marks at a line's start: no line wider than the width");
	ok(circles > 0, "a mark with no base on its line is on a dotted "
	    "circle (%zu lines)", circles);
	lay_lines_free(&ll);
}

/*
 * A huge paragraph is laid out window by window (render-plain.c, issue
 * 15 item 12): the rows and their offsets are those of one layout of the
 * whole.  The four seeds joined into one paragraph of some 200,000 code
 * points (Arabic, Latin, numbers, brackets, harakat) with windows of
 * 9,000, at several widths, shaped and not; and text_utf8_cut() pieces
 * decode as the whole does.
 */
static void
test_windows(void)
{
	static const char *const seeds[] = { S000, S001, S002, S003 };
	static const int widths[] = { 80, 37, 7 };
	struct render_plain_opts o = { 80, 0, RENDER_MAP, NULL, NULL, 0 };
	struct buf para, whole, win;
	uint32_t *a, *b, *p;
	char *s;
	size_t len, i, k, n, na, nb, nbad = 0, cut, at, bad = 0;

	buf_init(&para);
	for (i = 0; i < 4; i++) {
		s = corpus_read(seeds[i], &len);
		for (k = 0; s != NULL && k < len; k++)
			if (s[k] != '\n' && s[k] != '\r')
				buf_addc(&para, s[k]);
			else if (para.len > 0 && para.data[para.len - 1] != ' ')
				buf_addc(&para, ' ');
		free(s);
	}
	if (!ok(para.len > 100000, "windows: a paragraph of %zu bytes",
	    para.len)) {
		buf_free(&para);
		return;
	}
	for (i = 0; i < 2 * UTIL_NELEM(widths); i++) {
		o.width = widths[i / 2];
		o.lay_flags = i % 2 ? LAY_NO_SHAPE : 0;
		buf_init(&whole);
		buf_init(&win);
		o.window = SIZE_MAX;
		render_plain(&whole, para.data, para.len, &o, &nbad);
		o.window = 9000;
		render_plain(&win, para.data, para.len, &o, &nbad);
		ok(whole.len > 0 && whole.len == win.len &&
		    memcmp(whole.data, win.data, whole.len) == 0,
		    "windows of 9,000 code points: the rows of the whole "
		    "paragraph, width %d%s", o.width,
		    i % 2 ? ", not shaped" : "");
		buf_free(&whole);
		buf_free(&win);
	}
	/* The structured render: a huge block window by window. */
	{
		struct doc *d;
		struct view *vw;
		char *cause = NULL;
		int k2;

		d = doc_import(para.data, para.len, NULL, &cause);
		free(cause);
		for (k2 = 0; d != NULL && k2 < 2; k2++) {
			buf_init(&whole);
			buf_init(&win);
			vw = view_new(d, k2 ? 37 : 80, VIEW_WHOLE);
			render_view(&whole, vw, 0, doc_block_count(d),
			    RENDER_MAP);
			view_free(vw);
			/* at 37 after a first layout at 80: a resize */
			vw = view_new(d, 80, 0);
			if (k2) {
				render_view(&win, vw, 0, doc_block_count(d),
				    RENDER_MAP);
				buf_reset(&win);
				view_set_width(vw, 37);
			}
			render_view(&win, vw, 0, doc_block_count(d),
			    RENDER_MAP);
			view_free(vw);
			ok(whole.len > 100000 && whole.len == win.len &&
			    memcmp(whole.data, win.data, whole.len) == 0,
			    "render: a block of %zu bytes window by window, "
			    "the rows of one layout, width %d%s", para.len,
			    k2 ? 37 : 80, k2 ? " (after 80)" : "");
			buf_free(&whole);
			buf_free(&win);
		}
		doc_free(d);
	}
	a = text_utf8_decode(para.data, para.len, TEXT_NFC, &na, NULL);
	p = xreallocarray(NULL, na + 64, sizeof *p);
	for (i = 0; i < 50; i++) {
		at = (size_t)((i * 7919u * 104729u) % para.len);
		cut = text_utf8_cut(para.data, para.len, at);
		b = text_utf8_decode(para.data, cut, TEXT_NFC, &nb, NULL);
		memcpy(p, b, nb * sizeof *b);
		free(b);
		b = text_utf8_decode(para.data + cut, para.len - cut, TEXT_NFC,
		    &n, NULL);
		if (nb + n != na || memcmp(p, a, nb * sizeof *a) != 0 ||
		    memcmp(b, a + nb, n * sizeof *a) != 0)
			bad++;
		free(b);
	}
	ok(bad == 0, "text_utf8_cut: 50 cuts, the pieces decode as the whole");
	/* Ill-formed bytes in three windows: all three counted. */
	{
		struct buf bp;
		size_t nb3 = 0;

		buf_init(&bp);
		buf_add(&bp, para.data, para.len);
		size_t at3[3] = { 1000, para.len / 2, para.len - 1000 };

		for (k = 0; k < 3; k++) {	/* a space: one byte */
			while (bp.data[at3[k]] != ' ')
				at3[k]++;
			bp.data[at3[k]] = (char)0xFF;
		}
		buf_init(&win);
		o.window = 9000;
		render_plain(&win, bp.data, bp.len, &o, &nb3);
		is_int((int)nb3, 3, "windows: ill-formed bytes counted in "
		    "every window");
		buf_free(&win);
		buf_free(&bp);
	}
	/* Marks: a cut never falls inside a run a stream-safe CGJ or NFC
	 * would see across. */
	buf_reset(&para);
	buf_adds(&para, "a");
	for (i = 0; i < 300; i++)
		buf_adds(&para, i % 3 == 0 ? "\xcc\x81" : i % 3 == 1 ?
		    "\xd9\x8b" : "\xd6\xb0");
	buf_adds(&para, "b c");
	cut = text_utf8_cut(para.data, para.len, 100);
	ok(cut == para.len - 3, "text_utf8_cut: not inside 300 marks, "
	    "before the next starter (%zu)", cut);
	free(a);
	free(p);
	buf_free(&para);
}

int
main(void)
{
	test_line_order();
	test_shaping();
	test_mirroring_and_brackets();
	test_tabs_and_controls();
	test_breaking();
	test_map();
	test_renew();
	test_marks_at_line_start();
	test_windows();
	text_cleanup();
	return tap_done();
}
