/*
 * doc-extract.c - the source stage for text that pdftotext made of a PDF.
 *
 * poppler writes every right-to-left line between RLE (U+202B) and PDF
 * (U+202C), and every run of digits or Latin inside it between LRE
 * (U+202A) and PDF.  Inside such a left-to-right run the characters are
 * in visual order, and the neutral characters at its edges (spaces,
 * dashes, full stops) are the ones that stood to its left and right on
 * the page, which in a right-to-left line are the ones logically after
 * and before it.  A printed paragraph number "١ -" thus comes out as
 * RLE LRE " - ١" PDF, and "عام ٢٠١١. وقدرت" as "عام" LRE " .٢٠١١" PDF
 * "وقدرت".
 *
 *   visual run, as written:   [ leading neutrals ][ core ][ trailing ]
 *   logical order in an RTL   [ trailing, reversed ][ core ][ leading,
 *   line:                                                    reversed ]
 *
 * where the core runs from the first to the last strong left-to-right
 * letter or digit of the run (neutrals between two of them stay where
 * they are: "12-43534", "A/67/150", "United Nations, Geneva").  The
 * controls are then dropped, a kashida that the font gave a Latin letter
 * ("فعال" LRE "QQ" PDF "ة") with them (dl_kashida_drop()), and a haraka
 * that the extraction split from its letter by a space ("أولا ً") is put
 * back on it.
 *
 * What comes out is plain logical text, read by the same stages as any
 * other text.  Pure: no I/O, no ICU (classes through text.h).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "doc-assemble.h"
#include "doc-extract.h"
#include "doc-footnotes.h"
#include "doc-furniture.h"
#include "doc-labels.h"
#include "doc-lines.h"
#include "doc-words.h"
#include "text.h"
#include "util.h"

#define C_LRE	0x202A
#define C_RLE	0x202B
#define C_PDF	0x202C
#define MAX_DEPTH 16

static bool
is_control(uint32_t c)
{
	return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
	    c == 0x200E || c == 0x200F || c == 0x061C;
}

static bool
is_core(uint32_t c)
{
	enum text_bidi b = text_cp_bidi(c);

	return b == TEXT_BIDI_L || b == TEXT_BIDI_EN || b == TEXT_BIDI_AN;
}

bool
doc_extract_is(const char *s, size_t n)
{
	size_t i = 0, hits = 0, lines = 0;

	/* RLE at the start of a line, in the first lines that have text */
	while (i < n && lines < 200) {
		const char *lf = memchr(s + i, '\n', n - i);
		size_t e = lf != NULL ? (size_t)(lf - s) : n, k = i;

		/* -layout pads a line with spaces before its first column */
		while (k < e && (s[k] == ' ' || s[k] == '\t' || s[k] == '\f'))
			k++;
		if (e - k >= 3 && memcmp(s + k, "\xe2\x80\xab", 3) == 0)
			hits++;
		if (e > i)
			lines++;
		i = e + 1;
	}
	return hits >= 3 || (hits > 0 && hits * 4 >= lines);
}

/* Appends run[0..n) (visual, left to right) in logical RTL-line order. */
static void
run_flush(struct buf *out, const uint32_t *run, size_t n)
{
	size_t first = 0, last, k;

	while (first < n && !is_core(run[first]))
		first++;
	if (first == n) {		/* only neutrals: they read backwards */
		for (k = n; k > 0; k--)
			buf_add_utf8(out, run[k - 1]);
		return;
	}
	last = n - 1;
	while (!is_core(run[last]))
		last--;
	for (k = n; k > last + 1; k--)
		buf_add_utf8(out, run[k - 1]);
	for (k = first; k <= last; k++)
		buf_add_utf8(out, run[k]);
	for (k = first; k > 0; k--)
		buf_add_utf8(out, run[k - 1]);
}

/*
 * A line's top level, what stands outside every embedding, is in visual
 * order, left to right: pdftotext -layout writes the columns of a line
 * (a hanging paragraph number, the two halves of a justified line) as
 * embeddings side by side, and -raw writes every word, every piece of a
 * word and every neutral between them so.  Each is an item here: an
 * embedding (its inside already logical), a run of strong left-to-right
 * characters or digits with the neutrals between them ("12-43534"), or
 * one neutral.  In a right-to-left line (one with an RLE item) the items
 * are read from right to left:
 *
 *   -raw, visual:    [بقرار] [ً] [ ] [عملا]
 *   logical:         [عملا] [ ] [ً] [بقرار]   -> then harakat_join()
 *   -layout, visual: [text, left half] [   ] [text, right half] [ ] [- 28]
 *   logical:         [- 28 -> "28 -"] [ ] [right half] [   ] [left half]
 */
struct item {
	size_t	 off, len;	/* in the line buffer */
};

struct items {
	struct item	*v;
	size_t		 n, cap;
};

static void
item_add(struct items *it, size_t off, size_t len)
{
	if (len == 0)
		return;
	if (it->n == it->cap) {
		it->cap = it->cap == 0 ? 32 : it->cap * 2;
		it->v = xreallocarray(it->v, it->cap, sizeof *it->v);
	}
	it->v[it->n].off = off;
	it->v[it->n].len = len;
	it->n++;
}

/*
 * Top-level characters top[0..n) (code points, visual order) into lb as
 * items: leading and trailing neutrals one by one, the core as one.
 */
static void
top_flush(struct buf *lb, struct items *it, const uint32_t *top, size_t n)
{
	size_t first = 0, last, k, o;

	while (first < n && !is_core(top[first]))
		first++;
	last = first < n ? n - 1 : 0;
	while (first < n && !is_core(top[last]))
		last--;
	for (k = 0; k < n; k++) {
		o = lb->len;
		if (first < n && k >= first && k <= last) {
			for (; k <= last; k++)
				buf_add_utf8(lb, top[k]);
			k = last;
		} else
			buf_add_utf8(lb, top[k]);
		item_add(it, o, lb->len - o);
	}
}

/* One line s[0..n) into out, in logical order and without controls. */
static void
line_clean(struct buf *out, const char *s, size_t n, struct buf *runb,
    struct buf *topb, struct buf *lb, struct items *it)
{
	bool rtl[MAX_DEPTH];
	int depth = 0;
	size_t i = 0, nrun = 0, ntop = 0, emb = 0, k;
	bool any_rtl = false;

	buf_reset(runb);
	buf_reset(topb);
	buf_reset(lb);
	it->n = 0;
	while (i < n) {
		uint32_t c;
		bool in_ltr_run = depth >= 2 && !rtl[depth - 1] &&
		    rtl[depth - 2];

		/*
		 * Inside an embedding and outside a left-to-right run the
		 * text goes out as it is, up to the next control: each
		 * begins with the byte E2 (U+061C, the one that does not,
		 * poppler never writes).
		 */
		if (depth >= 1 && !in_ltr_run && (unsigned char)s[i] != 0xE2) {
			const char *q = memchr(s + i, 0xE2, n - i);
			size_t e = q != NULL ? (size_t)(q - s) : n;

			buf_add(lb, s + i, e - i);
			i = e;
			continue;
		}
		c = dl_dec(s, n, &i);

		if (c == C_RLE || c == C_LRE) {
			if (depth == 0) {
				top_flush(lb, it, (uint32_t *)topb->data,
				    ntop);
				ntop = 0;
				buf_reset(topb);
				emb = lb->len;
				if (c == C_RLE)
					any_rtl = true;
			}
			if (in_ltr_run && nrun > 0) {	/* nested: flush */
				run_flush(lb, (uint32_t *)runb->data, nrun);
				nrun = 0;
				buf_reset(runb);
			}
			if (depth < MAX_DEPTH)
				rtl[depth++] = c == C_RLE;
			continue;
		}
		if (c == C_PDF) {
			if (in_ltr_run) {
				run_flush(lb, (uint32_t *)runb->data, nrun);
				nrun = 0;
				buf_reset(runb);
			}
			if (depth > 0 && --depth == 0)
				item_add(it, emb, lb->len - emb);
			continue;
		}
		if (is_control(c))
			continue;
		if (in_ltr_run) {
			buf_add(runb, &c, sizeof c);
			nrun++;
			continue;
		}
		if (depth == 0) {
			buf_add(topb, &c, sizeof c);
			ntop++;
			continue;
		}
		buf_add_utf8(lb, c);
	}
	if (nrun > 0)
		run_flush(lb, (uint32_t *)runb->data, nrun);
	if (depth > 0)			/* an embedding left open */
		item_add(it, emb, lb->len - emb);
	top_flush(lb, it, (uint32_t *)topb->data, ntop);
	if (!any_rtl || it->n < 2) {
		for (k = 0; k < it->n; k++)
			buf_add(out, lb->data + it->v[k].off, it->v[k].len);
		return;
	}
	for (k = it->n; k > 0; k--)
		buf_add(out, lb->data + it->v[k - 1].off, it->v[k - 1].len);
}

/* Whether c starts a new word after a tanween (not the alif it sits on). */
static bool
word_start(uint32_t c)
{
	enum text_bidi b = text_cp_bidi(c);

	if (c == 0x0627 || c == 0x0649 || (c >= 0x064B && c <= 0x0652))
		return false;
	return b == TEXT_BIDI_AL || b == TEXT_BIDI_L || b == TEXT_BIDI_EN ||
	    b == TEXT_BIDI_AN || c == '-';
}

/*
 * The tanween at b[*r] ends its word: copied to *w with the harakat after
 * it, and a space after them when the extraction glued the next word on
 * (the space it took went before the tanween: -raw "عملا ًبقرار").
 */
static void
tanween_space(struct buf *b, size_t *r, size_t *w)
{
	size_t j = *r, m;
	uint32_t c = 0;

	for (;;) {
		m = j;
		if (j >= b->len) {
			c = 0;
			break;
		}
		c = dl_dec(b->data, b->len, &j);
		if (!(c >= 0x064B && c <= 0x0652))
			break;
	}
	memmove(b->data + *w, b->data + *r, m - *r);
	*w += m - *r;
	*r = m;
	if (m < b->len && word_start(c) && *w < *r) {
		b->data[(*w)++] = ' ';	/* room: a space was dropped */
	}
}

/*
 * Drops a space (or several) before a combining haraka or a tanween,
 * which the extraction split from its letter: "أولا ً" -> "أولاً".
 */
static void
harakat_join(struct buf *b, size_t from)
{
	size_t r = from, w = from, q;
	const unsigned char *u = (const unsigned char *)b->data;

	/* most lines have no haraka after a space: a byte scan says so */
	for (q = from; q + 2 < b->len; q++)
		if (u[q] == ' ' && u[q + 1] == 0xD9 && u[q + 2] >= 0x8B &&
		    u[q + 2] <= 0x92)
			break;
	if (q + 2 >= b->len)
		return;

	while (r < b->len) {
		size_t j = r, k;
		uint32_t c = dl_dec(b->data, b->len, &j);

		if (c == ' ') {
			k = j;
			while (k < b->len && b->data[k] == ' ')
				k++;
			if (k < b->len && w > from) {
				size_t m = k;
				uint32_t d = dl_dec(b->data, b->len, &m);

				if (d >= 0x064B && d <= 0x0652) {
					r = k;	/* the spaces go */
					if (d <= 0x064D)
						tanween_space(b, &r, &w);
					continue;
				}
			}
		}
		memmove(b->data + w, b->data + r, j - r);
		w += j - r;
		r = j;
	}
	b->len = w;
}

/*
 * Whether the line s[i..e) ends in a stretch character X, the next (from
 * e + 1) starts with X, bidi controls aside: -raw cuts a printed line
 * into such pieces, in their visual order, wherever the font gave its
 * kashida the code of a Latin letter or a symbol.  A letter (strong left
 * to right to poppler) ends the line after its last embedding (".. PDF
 * A"); a symbol (neutral) begins that embedding ("RLE @ .. PDF").
 */
static bool
kashida_cut(const char *s, size_t n, size_t i, size_t e)
{
	static const char pdf[] = "\xe2\x80\xac", rle[] = "\xe2\x80\xab";
	size_t k = e, m;
	char x;

	if (e >= n || k == i)
		return false;
	if (dl_stretch_char((unsigned char)s[k - 1])) {
		x = s[k - 1];
		while (k > i && s[k - 1] == x)
			k--;
		if (k - i < 3 || memcmp(s + k - 3, pdf, 3) != 0)
			return false;
	} else {
		/* RLE X ... PDF at the end of the line */
		if (k - i < 7 || memcmp(s + k - 3, pdf, 3) != 0)
			return false;
		for (m = k - 3; m > i + 3 && memcmp(s + m - 3, rle, 3) != 0 &&
		    memcmp(s + m - 3, pdf, 3) != 0; m--)
			;
		if (m < i + 3 || memcmp(s + m - 3, rle, 3) != 0 ||
		    !dl_stretch_char((unsigned char)s[m]))
			return false;
		x = s[m];
	}
	k = e + 1;
	while (k < n && s[k] == x)
		k++;
	return k > e + 1 && k + 3 <= n && memcmp(s + k, rle, 3) == 0;
}

void
doc_extract_clean(const char *s, size_t n, struct buf *out, size_t **srcno,
    size_t *nsrc)
{
	struct buf runb, topb, lb, joined;
	struct items it = { 0 };
	size_t i = 0, no = 1, cap = 0, nl = 0;

	buf_init(&runb);
	buf_init(&topb);
	buf_init(&lb);
	buf_init(&joined);
	buf_grow(out, n);
	if (srcno != NULL)
		*srcno = NULL;
	while (i < n) {
		const char *lf = memchr(s + i, '\n', n - i);
		size_t e = lf != NULL ? (size_t)(lf - s) : n, start = out->len;
		const char *ls = s + i;
		size_t ll = e - i, first = no;

		if (kashida_cut(s, n, i, e)) {
			buf_reset(&joined);
			do {	/* the pieces, in their order, as one line */
				buf_add(&joined, s + i, e - i);
				i = e + 1;
				no++;
				lf = memchr(s + i, '\n', n - i);
				e = lf != NULL ? (size_t)(lf - s) : n;
			} while (kashida_cut(s, n, i, e));
			buf_add(&joined, s + i, e - i);
			ls = joined.data;
			ll = joined.len;
		}
		line_clean(out, ls, ll, &runb, &topb, &lb, &it);
		dl_kashida_drop(out, start);
		harakat_join(out, start);
		if (srcno != NULL) {
			if (nl == cap) {
				cap = cap ? 2 * cap : 256;
				*srcno = xreallocarray(*srcno, cap,
				    sizeof **srcno);
			}
			(*srcno)[nl++] = first;
		}
		if (lf != NULL)
			buf_addc(out, '\n');
		i = e + 1;
		no++;
	}
	if (nsrc != NULL)
		*nsrc = nl;
	buf_free(&runb);
	buf_free(&topb);
	buf_free(&lb);
	buf_free(&joined);
	free(it.v);
}

void
doc_extract_canon(struct doc *d, const char *text, size_t tlen,
    struct buf *ext, struct buf *canon, size_t **lmap, size_t *nlmap)
{
	struct dl_doc dl;
	size_t i, *srcno, nsrc;

	buf_init(ext);
	buf_init(canon);
	doc_extract_clean(text, tlen, ext, &srcno, &nsrc);
	dl_mirrored_fix(ext, 0);	/* XeTeX's brackets, turned round */
	memset(&dl, 0, sizeof dl);
	dl_split(&dl, ext->data != NULL ? ext->data : "", ext->len);
	for (i = 0; i < dl.n && i < nsrc; i++)	/* lines -raw cut, joined */
		dl.v[i].no = srcno[i];
	free(srcno);
	dl_furniture(&dl);
	dl_labels(&dl);
	dl_footnotes(&dl);
	for (i = 0; i < dl.n; i++)
		if (dl.v[i].kind == DL_FURN)
			doc_dropped_add(d, dl.v[i].no, "furniture",
			    dl.v[i].s, dl.v[i].n);
	dl_assemble(&dl, canon, lmap, nlmap);
	dl_words_join(canon);
	dl_free(&dl);
}
