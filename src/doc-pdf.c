/*
 * doc-pdf.c - the PDF front end: pages -> line records -> the shared
 * stages of the import (doc-lines.h) -> canonical text.
 *
 * The only file that includes poppler's (and GLib's) headers.  Poppler
 * parses the PDF and gives, for each page, its characters in its own
 * reading order (logical order, bidi embedding controls around runs) and
 * one box per character, with the font and size of each run.  Its spaces
 * are not trusted: in a justified Arabic line it puts spaces inside
 * words (مث ل, the tanween of أولاً apart) and none between some words.
 * This file rebuilds the lines from the geometry, and no more:
 *
 *   characters  -> lines (poppler's pieces of one printed line merged),
 *                  top to bottom, each char with its box and size;
 *   spaces      -> from the gaps between the boxes as they sit on the
 *                  page, the gap a word break needs smaller where both
 *                  letters would have joined (a letter in initial or
 *                  medial form joins the next: a visible gap between two
 *                  such letters is a word break);
 *   markers     -> smaller raised digits in a body line, as ⁽¹⁸⁾;
 *   records     -> one struct dl_line a printed line, in reading order,
 *                  with its page and what the page shows of it: type
 *                  size against the body type, weight, top and bottom,
 *                  insets from the text block's edges (the edges and the
 *                  line pitch of body type found here).
 *
 * Then the stages that text goes through too, each with the evidence of
 * the geometry: furniture (doc-furniture.c: what repeats in the top or
 * bottom band of the pages, page and job numbers, barcodes); footnotes
 * (doc-footnotes.c: the smaller type after the last line of body type,
 * continued over a page break); labels (doc-labels.c); paragraphs
 * (doc-assemble.c: spacing, type changes, a short last line, the right
 * edge moving, the next number).
 *
 * The gaps cannot tell every word that kashida justification stretched:
 * where LibreOffice stretches a word (Noto Naskh, Scheherazade, Kayrawan
 * in the fixtures) by glyphs without Unicode, poppler leaves them out
 * and gives "الاتج|ار" as two runs with a gap as wide as a word space,
 * a space between them as between words.  What the writing says is
 * kept: ة and ى only end words, so no break goes before them (الدولي|ة);
 * and a word split where a kashida can be that the pages around have
 * whole is joined, on a page where that happens often enough to show
 * kashida at work (page_kashida_words()).  Where the font's ToUnicode
 * leaves the kashida glyphs out and poppler gives them as the letters
 * of the encoding (الاتجLLار, خاص@@ة), they are dropped, their boxes
 * kept (fills_mark()).
 *
 * One page of a right-to-left document, x growing to the right; a line's
 * "right" is where it starts, its "left" where a full line ends:
 *
 *      L                                   R
 *      |   ............................. ١ -|   first line: number hangs
 *      |............................    |      continuation: indented
 *      |        ........................    |  last line: short at L
 *
 * The text is what the text importer reads (doc-import.c): it never
 * prints, never exits, and knows nothing of the document model.
 */
#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <dlfcn.h>
#include <pthread.h>

#include <poppler.h>

#include "doc.h"
#include "doc-assemble.h"
#include "doc-footnotes.h"
#include "doc-furniture.h"
#include "doc-labels.h"
#include "doc-lines.h"
#include "doc-pdf.h"
#include "text.h"
#include "util.h"

/*
 * Poppler, and the GLib, cairo, NSS ... under it, is loaded the first
 * time a PDF is read, not when hamish starts: linked in, its 45
 * libraries cost about 5 ms of every run, PDF or not (BENCHMARKS.md,
 * "diff (issue 12)").  Each function this file calls is looked up once
 * (pdf_load()); the macros below make the names stand for the pointers,
 * so the code reads as if poppler were linked.  A call not listed here
 * fails to link (hamish no longer links poppler): add it to PDF_FUNCS.
 * PDF_LIB is the library's soname, from the Makefile.
 */
#ifndef PDF_LIB
#define PDF_LIB	"libpoppler-glib.so.8"
#endif
#define PDF_FUNCS(X) \
	X(g_bytes_new_static) X(g_bytes_unref) X(g_error_free) X(g_free) \
	X(g_log_set_handler) X(g_object_unref) X(g_utf8_get_char) \
	X(g_utf8_strlen) X(g_utf8_skip) X(poppler_error_quark) \
	X(poppler_document_new_from_bytes) \
	X(poppler_document_get_n_pages) X(poppler_document_get_page) \
	X(poppler_page_get_size) X(poppler_page_get_text_for_area) \
	X(poppler_page_get_text_layout_for_area) \
	X(poppler_page_get_text_attributes_for_area) \
	X(poppler_page_free_text_attributes)

#define PDF_PTR(f)	static __typeof__(&f) pdf_##f;
PDF_FUNCS(PDF_PTR)
#undef PDF_PTR

static pthread_once_t	 pdf_once = PTHREAD_ONCE_INIT;
static char		*pdf_error;	/* why poppler could not be had */
/*
 * One thread in poppler at a time, even with a document each: poppler
 * keeps state shared between documents that it does not lock (its sRGB
 * colour profile: ThreadSanitizer saw two threads create and free it).
 * Imports run on threads of their own (doc-load.c: the reader reading a
 * PDF whole, diff's two versions); they take turns here.
 */
static pthread_mutex_t	 pdf_lock = PTHREAD_MUTEX_INITIALIZER;

static void
pdf_load(void)
{
	void *h = dlopen(PDF_LIB, RTLD_LAZY | RTLD_LOCAL);
	const char *miss = NULL;

	if (h == NULL) {
		pdf_error = xasprintf("PDF files need %s (%s)", PDF_LIB,
		    dlerror());
		return;
	}
#define PDF_SYM(f) \
	if ((*(void **)&pdf_##f = dlsym(h, #f)) == NULL && miss == NULL) \
		miss = #f;
	PDF_FUNCS(PDF_SYM)
#undef PDF_SYM
	if (miss != NULL)
		pdf_error = xasprintf("PDF files need %s with %s", PDF_LIB,
		    miss);
	/* h stays open: poppler's objects live as long as the process */
}

/* Whether poppler is there; else *cause (caller frees) says why. */
static bool
pdf_ready(char **cause)
{
	pthread_once(&pdf_once, pdf_load);
	if (pdf_error == NULL)
		return true;
	*cause = xstrdup(pdf_error);
	return false;
}

#define g_bytes_new_static	pdf_g_bytes_new_static
#define g_bytes_unref		pdf_g_bytes_unref
#define g_error_free		pdf_g_error_free
#define g_free			pdf_g_free
#define g_log_set_handler	pdf_g_log_set_handler
#define g_object_unref		pdf_g_object_unref
#define g_utf8_get_char		pdf_g_utf8_get_char
#define g_utf8_strlen		pdf_g_utf8_strlen
#define g_utf8_skip		(*pdf_g_utf8_skip)
#define poppler_error_quark	pdf_poppler_error_quark
#define poppler_document_new_from_bytes pdf_poppler_document_new_from_bytes
#define poppler_document_get_n_pages pdf_poppler_document_get_n_pages
#define poppler_document_get_page pdf_poppler_document_get_page
#define poppler_page_get_size	pdf_poppler_page_get_size
#define poppler_page_get_text_for_area pdf_poppler_page_get_text_for_area
#define poppler_page_get_text_layout_for_area \
	pdf_poppler_page_get_text_layout_for_area
#define poppler_page_get_text_attributes_for_area \
	pdf_poppler_page_get_text_attributes_for_area
#define poppler_page_free_text_attributes \
	pdf_poppler_page_free_text_attributes

bool
doc_pdf_is(const char *s, size_t len)
{
	size_t n = len < 1024 ? len : 1024;
	size_t i;

	for (i = 0; i + 5 <= n; i++)
		if (s[i] == '%' && memcmp(s + i, "%PDF-", 5) == 0)
			return true;
	return false;
}

/* One character of a page, with its box (points, y down). */
struct glyph {
	uint32_t	 cp;
	float		 x1, y1, x2, y2, size;
	bool		 bold;
	bool		 mark;		/* combining: never a space before */
	signed char	 dir;		/* 1 RTL letter, -1 LTR, 0 neither */
	bool		 raised;	/* a footnote marker in the body */
	bool		 fill;		/* a kashida: its box, no text */
};

struct line {
	size_t		 g0, g1;	/* glyphs [g0, g1) of the page */
	float		 top, bot, left, right, size;
	bool		 bold;
	size_t		 t0, t1;	/* its text: bytes of page text */
};

#define READ_AHEAD	4	/* pages read past max_pages */
#define VOCAB_PAGES	2	/* kashida words: pages either side */
#define KASHIDA_PCT	3	/* ... on a page so many % of gaps join */
_Static_assert(VOCAB_PAGES <= READ_AHEAD, "the first pages read alone "
    "must have the words a page is read with");

struct page {
	struct glyph	*g;
	size_t		 ng;
	struct line	*l;
	size_t		 nl;
	struct buf	 text;
	float		 w, h;
	float		 R, L;		/* right and left edge of body text */
	bool		 rtl;		/* more Arabic letters than Latin */
};

struct pdf {
	struct page	*p;
	size_t		 np;
	float		 S;		/* body type size */
	float		 pitch;		/* baseline to baseline, body type */
};

static bool
is_bidi_control(uint32_t c)
{
	return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 &&
	    c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C;
}

static bool
is_rtl(uint32_t c)
{
	enum text_bidi b = text_cp_bidi(c);

	return b == TEXT_BIDI_R || b == TEXT_BIDI_AL;
}

/* Discards GLib's messages from poppler: a library never prints. */
static void
log_discard(const gchar *dom, GLogLevelFlags lv, const gchar *msg,
    gpointer arg)
{
	(void)dom, (void)lv, (void)msg, (void)arg;
}

/* A gap between glyph boxes on a line, and the glyphs on its sides. */
struct gap {
	float			 x1, x2;
	const struct glyph	*l, *r;
};

/*
 * The gap a word break needs between two letters, in ems: small where
 * both would join (in one word they touch), larger after a letter that
 * does not join the next (ا د ر و keep a side bearing inside a word).
 *
 * Inside a run of Arabic, poppler gives the boxes mirrored (the first
 * letter the box of the last glyph), so the glyphs whose boxes border a
 * gap need not be the letters on its sides: the gap in "طر|يق" borders
 * the boxes poppler gives ط and ق, two letters that join.  So the
 * letter before the gap in logical order, prev, is asked too: one that
 * joins nothing after it (ر و د ...) wants the larger gap, unless it is
 * a letter that only ends words (ة ى): after those any gap is a break.
 */
static float
gap_needed(const struct gap *g, const struct glyph *prev)
{
	const struct glyph *a = g->r, *b = g->l; /* a before b if RTL */
	uint32_t c = prev->cp;

	if (is_rtl(c) && c >= 0x621 && c <= 0x64A && c != 0x629 &&
	    c != 0x649 && !text_cp_joins_next(c) && text_cp_joins_prev(c))
		return 0.2f;
	if (is_rtl(a->cp) && is_rtl(b->cp) && text_cp_joins_next(a->cp) &&
	    text_cp_joins_prev(b->cp))
		return 0.12f;
	return 0.2f;
}


/* An Arabic letter that may start a word after a tanween (not the alef
 * or alef maksura a tanween of fath sits on: تعريفًا). */
static bool
word_start(uint32_t c)
{
	return is_rtl(c) && c != 0x627 && c != 0x649 &&
	    !(c >= 0x64B && c <= 0x652) && dl_digit(c) < 0;
}

/* Arabic letters from s[i] on, harakat between them left out. */
static size_t
letters_at(const char *s, size_t n, size_t i)
{
	size_t k = 0;

	while (i < n) {
		uint32_t c = dl_dec(s, n, &i);

		if (c >= 0x64B && c <= 0x652)
			continue;
		if (!(c >= 0x621 && c <= 0x64A) || c == 0x640)
			break;
		k++;
	}
	return k;
}

/*
 * Whether a word starts at s[i]: two letters or more, and not the bare
 * article "ال", which never stands alone.
 */
static bool
word_at(const char *s, size_t n, size_t i)
{
	size_t k = letters_at(s, n, i), j = i;

	if (k == 2 && dl_dec(s, n, &j) == 0x627 && dl_dec(s, n, &j) == 0x644)
		return false;
	return k > 1;
}

static bool
is_alef(uint32_t c)
{
	return c == 0x627 || c == 0x649 || c == 0x622 || c == 0x623 ||
	    c == 0x625;
}

/*
 * Spaces the glyph gaps cannot show but the writing does: a tanween ends
 * its word (a tight justified line printed "عملاً بقرار" with no gap the
 * rule above sees), and a sub-paragraph letter "(ج)" at the start of a
 * line stands apart from its text.  b[t0..) is one line, logical order.
 *
 * A tanween of fath before its alef (ًا, "جزءًا من") ends the word after
 * the alef; one after its alef (اً), or a tanween of kasr or damm, ends
 * it there, whatever letter comes next ("مثلاً الفقر").  One letter or a
 * bare "ال" after it is no word: where poppler swaps a lam-alef ligature
 * the ل of "مثلاً" follows its alef ("مثًال", "رجاًال"), and stays.
 */
static void
word_ends(struct buf *b, size_t t0)
{
	struct buf t;
	size_t i = t0, k, lab = 0, brk = 0;
	uint32_t base = 0;	/* the letter before, harakat left out */
	bool any = false;

	/* "(ج)" or "(هـ)" first: the byte after its ')' */
	if (b->len - t0 >= 4 && b->data[t0] == '(') {
		k = t0 + 1;
		while (k < b->len && k < t0 + 8 && b->data[k] != ')')
			k++;
		if (k < b->len && b->data[k] == ')' && k > t0 + 1 &&
		    (unsigned char)b->data[t0 + 1] >= 0xD8)
			lab = k + 1;
	}
	/*
	 * Most lines have no such place: it is looked for in the bytes
	 * before any copy (the line is valid UTF-8, made here, so D9 8B to
	 * D9 8D are a tanween wherever they are).
	 */
	k = lab;
	if (!(k > 0 && k < b->len && word_start(dl_dec(b->data, b->len,
	    &k)))) {
		for (k = t0; k + 2 < b->len; k++)
			if ((unsigned char)b->data[k] == 0xD9 &&
			    (unsigned char)b->data[k + 1] >= 0x8B &&
			    (unsigned char)b->data[k + 1] <= 0x8D)
				break;	/* a tanween: the whole pass below */
		if (k + 2 >= b->len)
			return;
	}
	buf_init(&t);
	while (i < b->len) {
		size_t j = i;
		uint32_t c = dl_dec(b->data, b->len, &j);

		if (i == brk && brk > t0) {
			buf_addc(&t, ' ');
			any = true;
		}
		buf_add(&t, b->data + i, j - i);
		if (j < b->len && ((c >= 0x64B && c <= 0x64D) || j == lab)) {
			size_t m = j;
			uint32_t nx = dl_dec(b->data, b->len, &m);

			if (word_start(nx)) {
				buf_addc(&t, ' ');
				any = true;
			} else if (j != lab && is_alef(nx) && (c != 0x64B ||
			    is_alef(base))) {
				if (word_at(b->data, b->len, j)) {
					buf_addc(&t, ' ');
					any = true;
				}
			} else if (j != lab && is_alef(nx)) {
				/* ًا: after the alef and its harakat */
				size_t q = m, r;

				while (q < b->len) {
					r = q;
					nx = dl_dec(b->data, b->len, &r);
					if (!(nx >= 0x64B && nx <= 0x652))
						break;
					q = r;
				}
				if (q < b->len && word_at(b->data, b->len, q))
					brk = q;
			}
		}
		if (!(c >= 0x64B && c <= 0x652))
			base = c;
		i = j;
	}
	if (any) {
		b->len = t0;
		buf_add(b, t.data, t.len);
	}
	buf_free(&t);
}

/* A word's direction: 1 right to left, -1 left to right, 0 neutral. */
static int
word_dir(const char *s, size_t n)
{
	size_t i = 0;
	int d = 0;

	/* a label "(12)" stays where it is: it hangs apart */
	if (n >= 3 && s[0] == '(' && s[n - 1] == ')' &&
	    dl_digits_only(s + 1, n - 2, 1, 4))
		return 0;
	while (i < n) {
		uint32_t c = dl_dec(s, n, &i);
		enum text_bidi bd = text_cp_bidi(c);

		if (c >= 0x2070 && c <= 0x209F)
			continue;	/* ⁽¹⁸⁾: a marker */
		if (c == 0xB9 || c == 0xB2 || c == 0xB3)
			continue;

		if (is_rtl(c))
			return 1;
		if (bd == TEXT_BIDI_L || bd == TEXT_BIDI_EN)
			d = -1;
	}
	return d;
}

/*
 * Poppler gives the words of a run of Latin or numbers inside a right-
 * to-left line right to left too ("Series, Treaty Nations, United"):
 * each run of two or more left-to-right words of bytes [t0, t1) of b is
 * put back in its own order.
 */
static size_t
ltr_runs(struct buf *b, size_t t0, size_t t1)
{
	size_t w0[256], w1[256], nw = 0, i = t0, j, k, r0, r1;
	struct buf tmp;

	while (i < t1 && nw < UTIL_NELEM(w0)) {
		while (i < t1 && b->data[i] == ' ')
			i++;
		if (i == t1)
			break;
		w0[nw] = i;
		while (i < t1 && b->data[i] != ' ')
			i++;
		/* a raised label glued to its text, "⁽¹⁸⁾38544" (a note's,
		 * as TeX sets it): two words */
		if (i - w0[nw] > 6 && memcmp(b->data + w0[nw], "⁽", 3) == 0) {
			size_t q = w0[nw] + 3;

			while (q + 3 <= i && memcmp(b->data + q, "⁾", 3) != 0)
				q++;
			if (q + 3 < i) {
				w1[nw++] = q + 3;
				if (nw == UTIL_NELEM(w0))
					break;
				w0[nw] = w1[nw - 1];
			}
		}
		/* a label glued to its text, "(1)United": two words */
		if (b->data[w0[nw]] == '(') {
			size_t q = w0[nw] + 1;

			while (q < i && b->data[q] >= '0' && b->data[q] <= '9')
				q++;
			if (q > w0[nw] + 1 && q + 1 < i && b->data[q] == ')') {
				w1[nw++] = q + 1;
				if (nw == UTIL_NELEM(w0))
					break;
				w0[nw] = q + 1;
			}
		}
		w1[nw++] = i;
	}
	if (i < t1)
		return t1;	/* too many words to bother */
	buf_init(&tmp);
	for (k = 0; k < nw; k = r1) {
		r0 = k;
		r1 = k + 1;
		if (word_dir(b->data + w0[k], w1[k] - w0[k]) < 0) {
			size_t last = k;

			for (j = k + 1; j < nw; j++) {
				int d = word_dir(b->data + w0[j], w1[j] -
				    w0[j]);

				if (d > 0)
					break;
				if (d < 0)
					last = j;
			}
			r1 = last + 1;
		}
		if (tmp.len > 0)
			buf_addc(&tmp, ' ');
		if (r1 - r0 < 2) {
			buf_add(&tmp, b->data + w0[r0], w1[r0] - w0[r0]);
			continue;
		}
		for (j = r1; j-- > r0;) {
			buf_add(&tmp, b->data + w0[j], w1[j] - w0[j]);
			if (j > r0)
				buf_addc(&tmp, ' ');
		}
	}
	b->len = t0;
	buf_add(b, tmp.data, tmp.len);
	buf_free(&tmp);
	return b->len;
}

/* The first of gaps g[0..n) (x1 ascending) with x1 >= x; n if none. */
static size_t
gap_first(const struct gap *g, size_t n, float x)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (g[mid].x1 >= x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/*
 * A character poppler gives between two letters but that cannot stand
 * there: a letter or digit of another script, or a symbol (not a
 * bracket, not punctuation that joins words: / . - :), those the text's
 * rule knows among them (dl_stretch_char(): % and # are no ON).
 */
static bool
fill_cp(uint32_t c)
{
	enum text_bidi bd = text_cp_bidi(c);
	uint32_t id;

	return bd == TEXT_BIDI_L || bd == TEXT_BIDI_EN || dl_stretch_char(c) ||
	    (bd == TEXT_BIDI_ON && text_cp_bracket(c, &id) == 0);
}

/*
 * The widest gap between the centres of the boxes of a and b, in ems of
 * size: of those a word break after prev needs (gap_needed()), or of
 * any if prev is NULL; 0 if none.  gaps[0..ng) are the line's.
 */
static float
gap_widest(const struct gap *gaps, size_t ng, const struct glyph *a,
    const struct glyph *b, float size, const struct glyph *prev)
{
	float lo = (a->x1 + a->x2) / 2, hi = (b->x1 + b->x2) / 2, best = 0;
	size_t k;

	if (lo > hi) {
		float t = lo;

		lo = hi;
		hi = t;
	}
	/* the gaps within [lo, hi]: a run of them (they go left to right),
	 * from the first that starts at lo to the last ending by hi */
	for (k = gap_first(gaps, ng, lo - 0.01f); k < ng &&
	    gaps[k].x2 <= hi + 0.01f; k++) {
		float w = (gaps[k].x2 - gaps[k].x1) / size;

		if (w > best && (prev == NULL || w >= gap_needed(&gaps[k],
		    prev)))
			best = w;
	}
	return best;
}

/*
 * Kashida glyphs the font's ToUnicode leaves out, given by poppler as
 * the character its encoding has at that code (الاتجLLار, خاص@@ة, JJ, 55,
 * AA in the fixtures): a run of characters that cannot stand inside an
 * Arabic word (fill_cp()), of the size of the letters on its sides,
 * between a letter that joins the next and one that joins the previous
 * -- where a tatweel goes -- with no gap a word break could be on
 * either side (a number between two words has a space on one side at
 * least: عام 2015م).  Their boxes stay (no gap, so no space) and their
 * text goes.  ln's glyphs are in logical order; gaps[0..ng) its gaps.
 */
static void
fills_mark(struct page *pg, const struct line *ln, const struct gap *gaps,
    size_t ng)
{
	struct glyph *g = pg->g;
	size_t i, j, k, p, last;

	for (i = ln->g0 + 1; i < ln->g1; i = j) {
		float e = 0.05f * g[i].size;

		j = i + 1;
		if (!fill_cp(g[i].cp))
			continue;
		for (p = i; p > ln->g0 && g[p - 1].mark; p--)
			;	/* harakat on the letter before */
		if (p == ln->g0 || !text_cp_joins_next(g[p - 1].cp))
			continue;
		for (last = i; j < ln->g1 && (fill_cp(g[j].cp) ||
		    g[j].mark); j++)
			if (!g[j].mark)
				last = j;	/* (harakat the stroke carries) */
		if (j == ln->g1 || !text_cp_joins_prev(g[j].cp) ||
		    fabsf(g[p - 1].size - g[i].size) >= e ||
		    fabsf(g[j].size - g[i].size) >= e ||
		    gap_widest(gaps, ng, &g[p - 1], &g[i], ln->size, NULL) >=
		    0.12f || gap_widest(gaps, ng, &g[last], &g[j], ln->size,
		    NULL) >= 0.12f)
			continue;
		for (k = i; k < j; k++)
			g[k].fill = !g[k].mark;
	}
}

/*
 * Appends the text of line ln of page pg to pg->text: poppler's order of
 * the characters, a space wherever the boxes between two consecutive
 * characters hold a gap wide enough for a word break, raised markers as
 * ⁽¹⁸⁾.
 */
static void
line_text(struct page *pg, struct line *ln)
{
	size_t n = ln->g1 - ln->g0, i, j, ng = 0;
	const struct glyph **v;
	struct dl_key *key;
	struct gap *gaps;
	float right = -1e9f;
	const struct glyph *rg = NULL, *base = NULL;
	struct buf *b = &pg->text;
	bool inmark = false;

	v = xreallocarray(NULL, n + 1, sizeof *v);
	key = xreallocarray(NULL, n + 1, sizeof *key);
	gaps = xreallocarray(NULL, n + 1, sizeof *gaps);
	/* the glyphs with a box, left to right */
	for (i = 0, j = 0; i < n; i++) {
		const struct glyph *g = &pg->g[ln->g0 + i];

		if (!g->mark && g->x2 > g->x1) {
			key[j].v = g->x1;
			key[j++].i = (uint32_t)i;
		}
	}
	dl_sort_keys(key, j);
	for (i = 0; i < j; i++)
		v[i] = &pg->g[ln->g0 + key[i].i];
	free(key);
	/* the gaps between them, left to right: each starts at or after
	 * the end of the one before (right only grows), so x1 and x2 both
	 * grow strictly from gap to gap */
	for (i = 0; i < j; i++) {
		if (rg != NULL && v[i]->x1 - right > 0.05f * ln->size) {
			gaps[ng].x1 = right;
			gaps[ng].x2 = v[i]->x1;
			gaps[ng].l = rg;
			gaps[ng].r = v[i];
			ng++;
		}
		if (v[i]->x2 > right) {
			right = v[i]->x2;
			rg = v[i];
		}
	}
	fills_mark(pg, ln, gaps, ng);
	ln->t0 = b->len;
	for (i = 0; i < n; i++) {
		const struct glyph *g = &pg->g[ln->g0 + i];
		int dv;

		if (g->fill)
			continue;	/* a kashida: its box only */
		if (i > 0 && !g->mark) {
			const struct glyph *a = &pg->g[ln->g0 + i - 1];
			/* (the letter before a tanween) */
			const struct glyph *pa = base != NULL ? base : a;
			float best = gap_widest(gaps, ng, a, g, ln->size, pa);

			if (inmark && !g->raised) {
				buf_add(b, "⁾", strlen("⁾"));
				inmark = false;
			}
			/* ة and ى only end a word: a gap before them is a
			 * kashida's (the top of the file) */
			if (best > 0 && !(g->raised && !inmark && i > 0) &&
			    g->cp != 0x629 && g->cp != 0x649)
				buf_addc(b, ' ');
		}
		if (!g->mark)
			base = g;
		if (g->raised) {
			static const char *const sup[] = { "⁰", "¹", "²",
			    "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };

			if (g->cp == '*') {
				if (inmark)
					buf_add(b, "⁾", strlen("⁾"));
				inmark = false;
				buf_addc(b, '*');
				continue;
			}
			if (!inmark) {
				buf_add(b, "⁽", strlen("⁽"));
				inmark = true;
			}
			if ((dv = dl_digit(g->cp)) >= 0)
				buf_adds(b, sup[dv]);
			continue;	/* brackets of the marker: ⁽ ⁾ */
		}
		buf_add_utf8(b, g->cp);
	}
	if (inmark)
		buf_add(b, "⁾", strlen("⁾"));
	dl_kashida_drop(b, ln->t0);
	word_ends(b, ln->t0);
	ln->t1 = pg->rtl ? ltr_runs(b, ln->t0, b->len) : b->len;
	free(v);
	free(gaps);
}

/* The most frequent of n values, give or take 0.75 point (sorts x). */
static float
mode_of(float *x, size_t n)
{
	return dl_mode(x, n, 0.75f);
}

/* A piece of a line as poppler cut it: glyphs [g0, g1) and extent. */
struct piece {
	size_t	 g0, g1;
	float	 top, bot, left, right;
	size_t	 cluster;
	long	 rtl;		/* strong RTL less LTR letters (cluster) */
	bool	 mark;		/* smaller digits raised inside a line */
};

static int
piece_cmp(const void *x, const void *y)
{
	const struct piece *a = x, *b = y;

	if (a->cluster != b->cluster)
		return a->cluster < b->cluster ? -1 : 1;
	if (a->mark != b->mark)	/* markers last: put in place after */
		return a->mark ? 1 : -1;
	if (a->rtl < 0)		/* a Latin line: left to right */
		return a->left < b->left ? -1 : a->left > b->left;
	return a->right > b->right ? -1 : a->right < b->right;
}

/* What a footnote marker is made of: digits of any script, '*', brackets. */
static bool
marker_glyph(uint32_t c)
{
	return dl_digit(c) >= 0 || c == '*' || c == '(' || c == ')';
}

/* Whether a piece holds only a marker's glyphs (a few of them). */
static bool
piece_marker_glyphs(const struct page *pg, const struct piece *p)
{
	size_t j;

	if (p->g1 == p->g0 || p->g1 - p->g0 > 12)
		return false;
	for (j = p->g0; j < p->g1; j++)
		if (!marker_glyph(pg->g[j].cp))
			return false;
	return true;
}

/*
 * The piece of a line that marker piece m sits in, raised: m is of
 * smaller type (a box less than 0.8 of the line's), its foot above the
 * line's by a tenth of the line's height at least, its head no higher
 * than half its own height over the line's, and it lies across the line
 * (or within a line's height of its ends: a marker after the last
 * word).  Of several, the one it overlaps most.  n: none.
 *
 *        ¹²            a raised marker: poppler's piece of its own,
 *   ___word____word__  inside the line's extent, not on its baseline
 */
static size_t
piece_host(const struct piece *v, size_t n, const struct piece *m)
{
	size_t j, best = n;
	float hm = m->bot - m->top, bestov = 0;

	for (j = 0; j < n; j++) {
		const struct piece *h = &v[j];
		float hh = h->bot - h->top, ov;

		if (h->mark || h == m || !(hm < 0.8f * hh))
			continue;
		if (!(m->bot < h->bot - 0.1f * hh && m->top > h->top -
		    0.5f * hm))
			continue;
		if (m->left < h->left - hh || m->right > h->right + hh)
			continue;
		ov = fminf(m->bot, h->bot) - fmaxf(m->top, h->top);
		if (ov > bestov) {
			bestov = ov;
			best = j;
		}
	}
	return best;
}

static float
glyph_dist(const struct glyph *g, float x)
{
	return x < g->x1 ? g->x1 - x : x > g->x2 ? x - g->x2 : 0;
}

/*
 * Where in line h[0..n) (logical order) a raised marker glyph m goes:
 * between the glyph before it, on the side the line starts from (right
 * of it in a right-to-left line), and the one after it on the other
 * side, never before a combining mark.  Inside a word poppler's boxes
 * may run either way, but all on one side of a marker between words;
 * where a left-to-right run crosses the marker there are several such
 * places: the one with the nearest glyphs.
 */
static size_t
marker_pos(const struct glyph *h, size_t n, const struct glyph *m, bool rtl)
{
	float x = (m->x1 + m->x2) / 2, best = 1e30f, nearest = 1e30f;
	const struct glyph *prev = NULL;
	size_t k, at = n, near = n;

	for (k = 0; k <= n; k++) {
		const struct glyph *next = k < n ? &h[k] : NULL;
		float d = 1e30f;
		bool before, after;

		if (next != NULL && next->mark)
			continue;
		before = prev == NULL || (rtl ? (prev->x1 + prev->x2) / 2 > x :
		    (prev->x1 + prev->x2) / 2 < x);
		after = next == NULL || (rtl ? (next->x1 + next->x2) / 2 < x :
		    (next->x1 + next->x2) / 2 > x);
		if (prev != NULL)
			d = glyph_dist(prev, x);
		if (next != NULL && glyph_dist(next, x) < d)
			d = glyph_dist(next, x);
		if (prev != NULL && glyph_dist(prev, x) < nearest) {
			nearest = glyph_dist(prev, x);
			near = k;
		}
		if (before && after && d < best) {
			best = d;
			at = k;
		}
		if (next != NULL)
			prev = next;
	}
	return best < 1e30f ? at : near;
}

/* A raised marker's glyph and where it goes in its line. */
struct mglyph {
	struct glyph	 g;
	size_t		 at;
};

static int
mglyph_cmp(const void *x, const void *y)
{
	const struct mglyph *a = x, *b = y;

	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	return a->g.x1 < b->g.x1 ? -1 : a->g.x1 > b->g.x1;
}

/*
 * Poppler cuts a printed line where a gap is wide (a hanging number and
 * its text, a raised marker, the two columns of a running header): the
 * pieces that share the line's height and do not overlap across become
 * one line again, right to left.  A raised marker that poppler read as
 * a line of its own (Noto Kufi, Al-Arabiya and Kayrawan raise them
 * higher; "4 3" above a line with two markers) lies across its line's
 * piece: its glyphs go into that line, each between the words it was
 * printed between (piece_host(), marker_pos()).
 */
static void
lines_merge(struct page *pg)
{
	struct piece *v;
	struct glyph *ng;
	size_t i, j, k, n = pg->nl, nc = 0;

	if (n < 2)
		return;
	v = xreallocarray(NULL, n, sizeof *v);
	for (i = 0; i < n; i++) {
		v[i].g0 = pg->l[i].g0;
		v[i].g1 = pg->l[i].g1;
		v[i].top = 1e9f, v[i].bot = -1e9f;
		v[i].left = 1e9f, v[i].right = -1e9f;
		for (j = v[i].g0; j < v[i].g1; j++) {
			const struct glyph *g = &pg->g[j];

			v[i].top = fminf(v[i].top, g->y1);
			v[i].bot = fmaxf(v[i].bot, g->y2);
			v[i].left = fminf(v[i].left, g->x1);
			v[i].right = fmaxf(v[i].right, g->x2);
		}
		v[i].cluster = (size_t)-1;
		v[i].mark = false;
	}
	for (i = 0; i < n; i++)
		if (piece_marker_glyphs(pg, &v[i]))
			v[i].mark = true;
	for (i = 0; i < n; i++)		/* a marker without a line: itself */
		if (v[i].mark && piece_host(v, n, &v[i]) == n)
			v[i].mark = false;
	for (i = 0; i < n; i++) {
		if (v[i].cluster != (size_t)-1 || v[i].mark)
			continue;
		v[i].cluster = nc;
		for (j = i + 1; j < n && j < i + 64; j++) {
			float ov, h;
			bool clash = false;

			if (v[j].cluster != (size_t)-1 || v[j].mark)
				continue;
			ov = fminf(v[i].bot, v[j].bot) - fmaxf(v[i].top,
			    v[j].top);
			h = fminf(v[i].bot - v[i].top, v[j].bot - v[j].top);
			if (!(ov >= 0.5f * h && h > 0))
				continue;
			for (k = 0; k < j && !clash; k++)
				if (v[k].cluster == nc && v[k].left <
				    v[j].right - 1 && v[j].left < v[k].right - 1)
					clash = true;
			if (!clash)
				v[j].cluster = nc;
		}
		nc++;
	}
	for (i = 0; i < n; i++)
		if (v[i].mark)
			v[i].cluster = v[piece_host(v, n, &v[i])].cluster;
	{
		long *dir = xcalloc(nc + 1, sizeof *dir), page = 0;
		bool *arabic = xcalloc(nc + 1, sizeof *arabic);

		for (i = 0; i < n; i++)
			for (j = v[i].g0; j < v[i].g1; j++) {
				enum text_bidi bd = text_cp_bidi(pg->g[j].cp);
				long r = is_rtl(pg->g[j].cp) ? 1 :
				    bd == TEXT_BIDI_L ? -1 : 0;

				dir[v[i].cluster] += r;
				page += r;
				if (r > 0)
					arabic[v[i].cluster] = true;
			}
		/* a line of a right-to-left page with any Arabic in it is
		 * read from the right, though most of it be a URL: its
		 * label "6" hangs on the right of "متاح من www..." */
		for (i = 0; i < n; i++)
			v[i].rtl = page > 0 && arabic[v[i].cluster] &&
			    dir[v[i].cluster] <= 0 ? 1 : dir[v[i].cluster];
		free(dir);
		free(arabic);
	}
	qsort(v, n, sizeof *v, piece_cmp);
	ng = xreallocarray(NULL, pg->ng + 1, sizeof *ng);
	k = 0;
	pg->nl = 0;
	for (i = 0; i < n; i = j) {
		struct line *ln = &pg->l[pg->nl++];

		memset(ln, 0, sizeof *ln);
		ln->g0 = k;
		for (j = i; j < n && v[j].cluster == v[i].cluster &&
		    !v[j].mark; j++) {
			memcpy(ng + k, pg->g + v[j].g0, (v[j].g1 - v[j].g0) *
			    sizeof *ng);
			k += v[j].g1 - v[j].g0;
		}
		if (j < n && v[j].cluster == v[i].cluster) {
			/* the raised markers, each glyph in its place */
			size_t m = 0, q, e = j, at, o;
			struct mglyph *mg;

			while (e < n && v[e].cluster == v[i].cluster)
				e++;
			for (q = j; q < e; q++)
				m += v[q].g1 - v[q].g0;
			mg = xreallocarray(NULL, m, sizeof *mg);
			for (m = 0, q = j; q < e; q++)
				for (o = v[q].g0; o < v[q].g1; o++, m++) {
					mg[m].g = pg->g[o];
					mg[m].at = marker_pos(ng + ln->g0,
					    k - ln->g0, &pg->g[o],
					    v[i].rtl >= 0);
				}
			qsort(mg, m, sizeof *mg, mglyph_cmp);
			for (q = m; q-- > 0;) {	/* from the end: in place */
				at = ln->g0 + mg[q].at;
				memmove(ng + at + 1, ng + at, (k - at) *
				    sizeof *ng);
				ng[at] = mg[q].g;
				k++;
			}
			free(mg);
			j = e;
		}
		ln->g1 = k;
	}
	free(pg->g);
	pg->g = ng;
	free(v);
}

/*
 * Poppler's order within a line may put a piece of it that stands apart
 * after the rest: a paragraph number hanging in the right margin of a
 * right-to-left page comes after the text of its line (Chromium's PDFs).
 * A glyph that lies wholly right of every glyph before it in the line,
 * by more than an em, starts a piece of its own there, and lines_merge()
 * puts the pieces of one line back in their order, right to left.  (A
 * left-to-right run inside the line never does: it stands left of the
 * text before it.)
 */
static void
lines_split(struct page *pg)
{
	size_t i, j, n = 0, cap = pg->nl + 8;
	struct line *v = xreallocarray(NULL, cap, sizeof *v);

	for (i = 0; i < pg->nl; i++) {
		struct line cur = pg->l[i];
		float right = -1e9f;
		const struct glyph *prev = NULL;

		for (j = cur.g0; j < pg->l[i].g1; j++) {
			const struct glyph *g = &pg->g[j];

			if (g->mark || !(g->x2 > g->x1))
				continue;
			/* or back at the right below the glyph before: the
			 * next printed line, which poppler ran on (TeX's
			 * notes) */
			if ((right > -1e9f && g->x1 > right + g->size) ||
			    (prev != NULL && g->x1 > prev->x2 + g->size &&
			    (g->y1 + g->y2) / 2 > prev->y2)) {
				if (n == cap) {
					cap *= 2;
					v = xreallocarray(v, cap, sizeof *v);
				}
				cur.g1 = j;	/* the piece before, and on */
				v[n++] = cur;
				cur.g0 = j;
				right = -1e9f;
			}
			if (g->x2 > right)
				right = g->x2;
			prev = g;
		}
		if (n == cap) {
			cap *= 2;
			v = xreallocarray(v, cap, sizeof *v);
		}
		cur.g1 = pg->l[i].g1;
		v[n++] = cur;
	}
	free(pg->l);
	pg->l = v;
	pg->nl = n;
}

/*
 * The words of a page, as hashes of their bytes: an open-addressing
 * set, 0 for an empty slot.
 */
struct wordset {
	uint64_t	*h;
	size_t		 cap;		/* a power of two */
};

static void
wordset_add(struct wordset *ws, uint64_t h)
{
	size_t i;

	h += h == 0;		/* 0 marks an empty slot */
	i = (size_t)h & (ws->cap - 1);

	while (ws->h[i] != 0 && ws->h[i] != h)
		i = (i + 1) & (ws->cap - 1);
	ws->h[i] = h;
}

static bool
wordset_has(const struct wordset *ws, uint64_t h)
{
	size_t i;

	h += h == 0;
	i = (size_t)h & (ws->cap - 1);

	while (ws->h[i] != 0) {
		if (ws->h[i] == h)
			return true;
		i = (i + 1) & (ws->cap - 1);
	}
	return false;
}

/*
 * The letters (and digits, harakat) a word of s[0..n) is made of,
 * without what stands around them: its first run of them, or its last
 * ("(الاتج" -> "الاتج"): [*w0, *w1), empty if none.
 */
static void
word_run(const char *s, size_t n, bool last, size_t *w0, size_t *w1)
{
	size_t i = 0, j;
	bool in = false;

	*w0 = *w1 = 0;
	while (i < n) {
		j = i;
		if (text_cp_is_word(dl_dec(s, n, &j))) {
			if (!in)
				*w0 = i;
			in = true;
			*w1 = j;
		} else if (in && !last)
			break;
		else
			in = false;
		i = j;
	}
}

/* The last code point of s[0..n), 0 if none. */
static uint32_t
last_cp(const char *s, size_t n)
{
	size_t i = n;

	if (n == 0)
		return 0;
	while (i > 0 && ((unsigned char)s[--i] & 0xC0) == 0x80)
		;
	return dl_dec(s, n, &i);
}

/*
 * The hashes of the words of page pg's lines (their letters, without
 * what stands around them): *n of them in *h (caller frees).
 */
static void
page_words(const struct page *pg, uint64_t **h, size_t *n)
{
	const char *d = pg->text.data;
	size_t i, cap = 0;

	*h = NULL;
	*n = 0;
	for (i = 0; i < pg->nl; i++) {
		size_t k = pg->l[i].t0, e = pg->l[i].t1;

		while (k < e) {
			size_t m = k, w0, w1;

			while (m < e && d[m] != ' ')
				m++;
			word_run(d + k, m - k, false, &w0, &w1);
			if (w1 > w0) {
				if (*n == cap) {
					cap = cap ? 2 * cap : 256;
					*h = xreallocarray(*h, cap, sizeof **h);
				}
				(*h)[(*n)++] = util_hash64(d + k + w0, w1 - w0,
				    UTIL_HASH64_INIT);
			}
			k = m + 1;
		}
	}
}

/*
 * A word the gaps split where LibreOffice stretched it by kashida
 * (الاتج ار: the glyphs that filled the gap have no text, so poppler
 * leaves them out) but that the pages around have whole (الاتجار): the
 * space goes.  Only between a letter that joins the next and one that
 * joins the previous, where a kashida can be -- never after a tanween or
 * other haraka, which ends its word -- and only for a word written so,
 * harakat and all.  ws holds the words of the pages around pg.
 */
static void
page_kashida_words(struct page *pg, const struct wordset *ws)
{
	struct buf t;
	size_t i, pass, cand = 0, join = 0;
	const char *d = pg->text.data;

	buf_init(&t);
	for (pass = 0; pass < 2; pass++) {
		if (pass == 1 && join * 100 < cand * KASHIDA_PCT)
			break;	/* not a page stretched by kashida */
		buf_reset(&t);
		for (i = 0; i < pg->nl; i++) {
			struct line *ln = &pg->l[i];
			size_t k = ln->t0, e = ln->t1, a0 = t.len;

			if (pass == 1)
				ln->t0 = t.len;
			for (; k < e; k++) {
				size_t m = k + 1, j = k + 1, p0, p1, w0, w1;
				uint32_t c, c2;

				if (d[k] != ' ') {
					buf_addc(&t, d[k]);
					continue;
				}
				while (m < e && d[m] != ' ')
					m++;
				c = last_cp(t.data + a0, t.len - a0);
				c2 = m > k + 1 ? dl_dec(d, m, &j) : 0;
				if (is_rtl(c) && text_cp_joins_next(c) &&
				    text_cp_joins_prev(c2)) {
					cand++;
					word_run(t.data + a0, t.len - a0, true,
					    &p0, &p1);
					word_run(d + k + 1, m - k - 1, false,
					    &w0, &w1);
					if (wordset_has(ws, util_hash64(d + k +
					    1, w1, util_hash64(t.data + a0 + p0,
					    p1 - p0, UTIL_HASH64_INIT)))) {
						join++;
						continue;	/* joined */
					}
				}
				buf_addc(&t, ' ');
				a0 = t.len;
			}
			if (pass == 1)
				ln->t1 = t.len;
		}
	}
	if (pass == 2) {
		buf_free(&pg->text);
		pg->text = t;
	} else
		buf_free(&t);
}

/*
 * The kashida words of every page (page_kashida_words()), each with the
 * words of the VOCAB_PAGES pages on either side of it: no more than
 * are read past the first pages (READ_AHEAD), so that a page reads the
 * same in the first pages, for the first screen, as in the whole.  The
 * words are those the gaps gave, before any page is joined.
 */
static void
pdf_kashida_words(struct pdf *P)
{
	uint64_t **h = xcalloc(P->np + 1, sizeof *h);
	size_t *n = xcalloc(P->np + 1, sizeof *n), i, j;
	struct wordset ws;

	for (i = 0; i < P->np; i++)
		page_words(&P->p[i], &h[i], &n[i]);
	ws.h = NULL;
	ws.cap = 0;
	for (i = 0; i < P->np; i++) {
		size_t lo = i > VOCAB_PAGES ? i - VOCAB_PAGES : 0, hi =
		    i + VOCAB_PAGES + 1 < P->np ? i + VOCAB_PAGES + 1 : P->np;
		size_t k, all = 0, cap = 64;

		for (j = lo; j < hi; j++)
			all += n[j];
		while (cap < 2 * all + 2)
			cap *= 2;
		if (cap > ws.cap) {
			free(ws.h);
			ws.h = xcalloc(cap, sizeof *ws.h);
		} else
			memset(ws.h, 0, cap * sizeof *ws.h);
		ws.cap = cap;
		for (j = lo; j < hi; j++)
			for (k = 0; k < n[j]; k++)
				wordset_add(&ws, h[j][k]);
		page_kashida_words(&P->p[i], &ws);
	}
	for (i = 0; i < P->np; i++)
		free(h[i]);
	free(h);
	free(n);
	free(ws.h);
}

/* Reads page i into pg; false if poppler has no text for it. */
static void
page_read(PopplerPage *pp, struct page *pg)
{
	PopplerRectangle *r = NULL, area;
	guint nr = 0, k = 0;
	GList *attrs, *a;
	char *t;
	const char *s;
	double w, h;
	size_t cap = 0, lcap = 0, i;
	struct line cur;
	float *sizes;
	const PopplerTextAttributes *bat = NULL;
	bool bold = false;

	memset(pg, 0, sizeof *pg);
	buf_init(&pg->text);
	poppler_page_get_size(pp, &w, &h);
	pg->w = (float)w;
	pg->h = (float)h;
	/*
	 * The whole page selected from its right edge: selected from the
	 * left, as poppler_page_get_text() does, poppler's selection of an
	 * RTL page leaves out a line that it reads left to right (one that
	 * starts with Western digits: "1 - ...").
	 */
	area.x1 = w + 1, area.y1 = -1, area.x2 = -1, area.y2 = h + 1;
	t = poppler_page_get_text_for_area(pp, &area);
	if (t == NULL)
		return;
	{
		/* and from the left edge, for a left-to-right page */
		PopplerRectangle a2 = { -1, -1, w + 1, h + 1 };
		char *t2 = poppler_page_get_text_for_area(pp, &a2);

		if (t2 != NULL && g_utf8_strlen(t2, -1) > g_utf8_strlen(t,
		    -1)) {
			g_free(t);
			t = t2;
			area = a2;
		} else
			g_free(t2);
	}
	if (!poppler_page_get_text_layout_for_area(pp, &area, &r, &nr))
		nr = 0, r = NULL;
	attrs = poppler_page_get_text_attributes_for_area(pp, &area);
	a = attrs;
	memset(&cur, 0, sizeof cur);
	/* The boxes and attributes count characters without the bidi
	 * controls that get_text() adds. */
	for (s = t; *s != '\0' && k < nr; s = g_utf8_next_char(s)) {
		gunichar c = g_utf8_get_char(s);
		PopplerTextAttributes *at;
		struct glyph *g;
		enum text_cls cls;
		enum text_bidi bd;

		if (is_bidi_control(c))
			continue;
		while (a != NULL && ((PopplerTextAttributes *)a->data)->
		    end_index < (int)k)
			a = a->next;
		at = a != NULL ? a->data : NULL;
		if (c == '\n') {
			if (pg->ng > cur.g0) {
				if (pg->nl == lcap) {
					lcap = lcap ? 2 * lcap : 64;
					pg->l = xreallocarray(pg->l, lcap,
					    sizeof *pg->l);
				}
				cur.g1 = pg->ng;
				pg->l[pg->nl++] = cur;
			}
			memset(&cur, 0, sizeof cur);
			cur.g0 = pg->ng;
			k++;
			continue;
		}
		if (c == ' ' || c == '\t' || c == 0xA0 || c < 0x20 ||
		    (c >= 0x7F && c < 0xA0) || c == 0xFFFD || c == 0xFEFF ||
		    (c >= 0xD800 && c < 0xE000) || c > 0x10FFFF) {
			k++;
			continue;
		}
		if (pg->ng == cap) {
			cap = cap ? 2 * cap : 1024;
			pg->g = xreallocarray(pg->g, cap, sizeof *pg->g);
		}
		g = &pg->g[pg->ng++];
		memset(g, 0, sizeof *g);
		g->cp = c;
		g->x1 = (float)fmin(r[k].x1, r[k].x2);
		g->x2 = (float)fmax(r[k].x1, r[k].x2);
		g->y1 = (float)fmin(r[k].y1, r[k].y2);
		g->y2 = (float)fmax(r[k].y1, r[k].y2);
		g->size = at != NULL && at->font_size > 0 ?
		    (float)at->font_size : g->y2 - g->y1;
		if (!(g->size > 0.5f && g->size < 1000))
			g->size = 10;
		if (at != bat) {	/* a run of attributes: many glyphs */
			bat = at;
			bold = at != NULL && at->font_name != NULL &&
			    (strstr(at->font_name, "Bold") != NULL ||
			    strstr(at->font_name, "bold") != NULL);
		}
		g->bold = bold;
		cls = text_cp_class(c);
		g->mark = cls == TEXT_CLS_MARK || cls == TEXT_CLS_IGNORE;
		bd = text_cp_bidi(c);
		g->dir = bd == TEXT_BIDI_R || bd == TEXT_BIDI_AL ? 1 :
		    bd == TEXT_BIDI_L ? -1 : 0;
		k++;
	}
	if (pg->ng > cur.g0) {
		if (pg->nl == lcap) {
			lcap = lcap ? 2 * lcap : 64;
			pg->l = xreallocarray(pg->l, lcap, sizeof *pg->l);
		}
		cur.g1 = pg->ng;
		pg->l[pg->nl++] = cur;
	}
	poppler_page_free_text_attributes(attrs);
	g_free(r);
	g_free(t);

	{
		long dir = 0;

		for (i = 0; i < pg->ng; i++)
			dir += pg->g[i].dir;
		pg->rtl = dir > 0;
	}
	if (pg->rtl)
		lines_split(pg);
	lines_merge(pg);
	/* Each line's geometry, type size and raised markers. */
	sizes = xreallocarray(NULL, pg->ng + 1, sizeof *sizes);
	for (i = 0; i < pg->nl; i++) {
		struct line *ln = &pg->l[i];
		size_t j, n = 0, nb = 0;
		float base;

		/* the type of its letters: in "عنه(15)،" the marker's
		 * smaller digits are more than the letters */
		for (j = ln->g0; j < ln->g1; j++)
			if (!marker_glyph(pg->g[j].cp))
				sizes[n++] = pg->g[j].size;
		if (n == 0)
			for (j = ln->g0; j < ln->g1; j++)
				sizes[n++] = pg->g[j].size;
		ln->size = mode_of(sizes, n);
		n = 0;
		ln->top = 1e9f, ln->bot = -1e9f;
		ln->left = 1e9f, ln->right = -1e9f;
		for (j = ln->g0; j < ln->g1; j++) {
			struct glyph *g = &pg->g[j];

			if (g->size < 0.8f * ln->size)
				continue;
			sizes[n++] = g->y2;
			nb += g->bold;
			if (g->y1 < ln->top)
				ln->top = g->y1;
		}
		base = n > 0 ? mode_of(sizes, n) : pg->g[ln->g0].y2;
		ln->bold = nb * 2 > n;
		for (j = ln->g0; j < ln->g1; j++) {
			struct glyph *g = &pg->g[j];

			g->raised = g->size < 0.8f * ln->size && g->y2 <
			    base - 0.15f * ln->size && (dl_digit(g->cp) >= 0
			    || g->cp == '*' || g->cp == '(' || g->cp == ')');
			if (g->x2 > g->x1 && !g->mark) {
				if (g->x1 < ln->left)
					ln->left = g->x1;
				if (g->x2 > ln->right)
					ln->right = g->x2;
			}
			if (g->y2 > ln->bot && !g->raised)
				ln->bot = g->y2;
		}
		if (ln->top > ln->bot)
			ln->top = ln->bot = pg->g[ln->g0].y1;
		if (ln->left > ln->right)
			ln->left = ln->right = pg->g[ln->g0].x1;
		/* A marker raised on its own: nothing to raise it from. */
		for (j = ln->g0; j < ln->g1; j++)
			if (!pg->g[j].raised)
				break;
		if (j == ln->g1)
			for (j = ln->g0; j < ln->g1; j++)
				pg->g[j].raised = false;
		line_text(pg, ln);
	}
	free(sizes);
}

/* Lines top to bottom, then right to left. */
static int
line_cmp(const void *x, const void *y)
{
	const struct line *a = x, *b = y;
	float ya = (a->top + a->bot) / 2, yb = (b->top + b->bot) / 2;

	if (fabsf(ya - yb) > 0.3f * fminf(a->size, b->size))
		return ya < yb ? -1 : 1;
	return a->right > b->right ? -1 : a->right < b->right;
}

/* The bytes of a line's text, trimmed. */
static const char *
ltext(const struct page *pg, const struct line *ln, size_t *n)
{
	const char *s = pg->text.data + ln->t0;

	*n = ln->t1 - ln->t0;
	while (*n > 0 && *s == ' ')
		s++, (*n)--;
	while (*n > 0 && s[*n - 1] == ' ')
		(*n)--;
	return s;
}

/* The body type: the size most characters have. */
static void
body_type(struct pdf *P)
{
	float *v = NULL;
	size_t n = 0, cap = 0, i, j, step;
	size_t total = 0;

	for (i = 0; i < P->np; i++)
		total += P->p[i].ng;
	/* a sample is enough, and keeps mode_of() small */
	step = total / 20000 + 1;
	for (i = 0; i < P->np; i++)
		for (j = 0; j < P->p[i].ng; j += step) {
			if (n == cap) {
				cap = cap ? 2 * cap : 256;
				v = xreallocarray(v, cap, sizeof *v);
			}
			v[n++] = P->p[i].g[j].size;
		}
	P->S = n > 0 ? mode_of(v, n) : 10;
	free(v);
}

static bool
body_size(const struct pdf *P, const struct line *ln)
{
	return ln->size >= 0.9f * P->S;
}

/* Right and left edges of a page's body text; the line pitch. */
static void
edges(struct pdf *P)
{
	float *v = NULL, *d = NULL;
	size_t i, j, n, nd = 0, cd = 0;

	for (i = 0; i < P->np; i++) {
		struct page *pg = &P->p[i];
		const struct line *prev = NULL;

		v = xreallocarray(v, pg->nl + 1, sizeof *v);
		for (j = 0, n = 0; j < pg->nl; j++)
			if (body_size(P, &pg->l[j]))
				v[n++] = pg->l[j].right;
		pg->R = n > 0 ? mode_of(v, n) : pg->w;
		for (j = 0, n = 0; j < pg->nl; j++)
			if (body_size(P, &pg->l[j]))
				v[n++] = pg->l[j].left;
		pg->L = n > 0 ? mode_of(v, n) : 0;
		for (j = 0; j < pg->nl; j++) {
			const struct line *ln = &pg->l[j];

			if (!body_size(P, ln))
				continue;
			if (prev != NULL && fabsf(prev->size - ln->size) < 0.5f &&
			    ln->top - prev->top > 0 && ln->top - prev->top <
			    3 * P->S && nd < 4000) {
				if (nd == cd) {
					cd = cd ? 2 * cd : 256;
					d = xreallocarray(d, cd, sizeof *d);
				}
				d[nd++] = ln->top - prev->top;
			}
			prev = ln;
		}
	}
	P->pitch = nd > 0 ? mode_of(d, nd) : 1.2f * P->S;
	free(v);
	free(d);
}

/*
 * The lines of the pages read as the records of the shared stages
 * (doc-lines.h), in reading order, each with its page and geometry in
 * ems of the body type; their text is borrowed from the pages'.
 */
static void
records(const struct pdf *P, struct dl_doc *d)
{
	size_t i, j, no = 0;

	d->geo = true;
	d->npages = P->np;
	d->pitch = P->pitch / P->S;
	for (i = 0; i < P->np; i++) {
		const struct page *pg = &P->p[i];

		for (j = 0; j < pg->nl; j++) {
			const struct line *ln = &pg->l[j];
			struct dl_line *L;
			size_t n;
			const char *s = ltext(pg, ln, &n);

			L = dl_push(d, s, n, i);
			L->no = ++no;
			L->size = ln->size / P->S;
			L->bold = ln->bold;
			L->top = ln->top / P->S;
			L->bot = ln->bot / P->S;
			L->ph = pg->h / P->S;
			L->lin = (ln->left - pg->L) / P->S;
			L->rin = (pg->R - ln->right) / P->S;
		}
	}
}

static void
pdf_free(struct pdf *P)
{
	size_t i;

	for (i = 0; i < P->np; i++) {
		free(P->p[i].g);
		free(P->p[i].l);
		buf_free(&P->p[i].text);
	}
	free(P->p);
}

/* Brackets drawn as their pair's mirrored glyph (XeTeX), turned round
 * where the pages read say so (dl_mirrored_fix()). */
static void
mirrored(struct pdf *P)
{
	size_t i, j, ev[2] = { 0, 0 };

	for (i = 0; i < P->np; i++)
		for (j = 0; j < P->p[i].nl; j++)
			dl_mirror_count(P->p[i].text.data + P->p[i].l[j].t0,
			    P->p[i].l[j].t1 - P->p[i].l[j].t0, ev);
	if (!dl_mirror_wanted(ev))
		return;
	for (i = 0; i < P->np; i++)
		for (j = 0; j < P->p[i].nl; j++)
			dl_mirror_swap(P->p[i].text.data + P->p[i].l[j].t0,
			    P->p[i].l[j].t1 - P->p[i].l[j].t0);
}

int
doc_pdf_text(const char *bytes, size_t len, size_t max_pages,
    struct buf *out, size_t *npages, char **cause)
{
	PopplerDocument *pd;
	GError *err = NULL;
	GBytes *gb;
	struct pdf P;
	struct dl_doc dl;
	size_t i, n, chars = 0, *map = NULL, nmap = 0;
	int np;

	assert(bytes != NULL || len == 0);
	if (!pdf_ready(cause))
		return -1;
	if (len > INT32_MAX) {
		*cause = xstrdup("PDF too large");
		return -1;
	}
	pthread_mutex_lock(&pdf_lock);
	g_log_set_handler("Poppler", G_LOG_LEVEL_MASK, log_discard, NULL);
	gb = g_bytes_new_static(bytes, len);
	pd = poppler_document_new_from_bytes(gb, NULL, &err);
	if (pd == NULL) {
		if (err != NULL && err->domain == POPPLER_ERROR &&
		    err->code == POPPLER_ERROR_ENCRYPTED)
			*cause = xstrdup("encrypted PDF (it needs a "
			    "password)");
		else
			*cause = xstrdup("damaged PDF (poppler cannot read "
			    "it)");
		if (err != NULL)
			g_error_free(err);
		g_bytes_unref(gb);
		pthread_mutex_unlock(&pdf_lock);
		return -1;
	}
	np = poppler_document_get_n_pages(pd);
	n = np > 0 ? (size_t)np : 0;
	if (npages != NULL)
		*npages = n;
	/* A few pages more than asked for: furniture is what repeats, and
	 * a footnote may go on over the page. */
	if (max_pages > 0 && max_pages + READ_AHEAD < n)
		n = max_pages + READ_AHEAD;
	memset(&P, 0, sizeof P);
	P.p = xcalloc(n + 1, sizeof *P.p);
	for (i = 0; i < n; i++) {
		PopplerPage *pp = poppler_document_get_page(pd, (int)i);

		if (pp == NULL) {
			memset(&P.p[i], 0, sizeof P.p[i]);
			buf_init(&P.p[i].text);
		} else {
			page_read(pp, &P.p[i]);
			g_object_unref(pp);
		}
		P.np = i + 1;
		chars += P.p[i].ng;
	}
	g_object_unref(pd);
	g_bytes_unref(gb);
	pthread_mutex_unlock(&pdf_lock);
	if (chars == 0) {
		pdf_free(&P);
		*cause = xstrdup(n == 0 ? "PDF without pages" :
		    "PDF without a text layer (scanned?)");
		return -1;
	}
	pdf_kashida_words(&P);
	mirrored(&P);
	for (i = 0; i < P.np; i++)
		if (P.p[i].nl > 1)	/* l is NULL on a page with no line */
			qsort(P.p[i].l, P.p[i].nl, sizeof *P.p[i].l,
			    line_cmp);
	body_type(&P);
	edges(&P);
	/* the stages, as for text; the PDF's notes are known by their
	 * type before any label is read */
	memset(&dl, 0, sizeof dl);
	records(&P, &dl);
	dl.upto = max_pages > 0 && max_pages < P.np ? max_pages : P.np;
	dl_furniture(&dl);
	dl_footnotes(&dl);
	dl_labels(&dl);
	dl_assemble(&dl, out, &map, &nmap);
	free(map);
	dl_free(&dl);
	pdf_free(&P);
	return 0;
}

struct doc *
doc_pdf_import(const char *bytes, size_t len,
    const struct doc_import_opts *o, char **cause)
{
	struct doc_import_opts opts;
	struct buf text;
	struct doc *d;
	size_t pages = 0;

	memset(&opts, 0, sizeof opts);
	if (o != NULL)
		opts = *o;
	buf_init(&text);
	if (doc_pdf_text(bytes, len, opts.max_pages, &text, &pages,
	    cause) != 0) {
		buf_free(&text);
		return NULL;
	}
	opts.from_pdf = true;
	opts.encoding = NULL;
	d = doc_import(text.data != NULL ? text.data : "", text.len, &opts,
	    cause);
	buf_free(&text);
	if (d != NULL) {
		/* the PDF's count, also when only its first pages are read
		 * or some pages have no text */
		doc_pages_set(d, pages);
		doc_partial_set(d, opts.max_pages > 0 &&
		    opts.max_pages < pages);
	}
	return d;
}
