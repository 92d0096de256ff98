/*
 * layout.c - the only file that talks to FriBidi.
 *
 * Order of operations (UAX #9 section 3.4, and fribidi_log2vis() with the
 * line breaking it leaves to the caller):
 *
 *   1. classes and brackets from ICU (FriBidi 1.0.8 carries Unicode 10
 *      tables and mistypes 65 Arabic code points in use today);
 *   2. embedding levels for the whole paragraph;
 *   3. joining, shaping and mirroring on the LOGICAL string, plus the
 *      lam-alef ligatures FriBidi misses when harakat sit between;
 *   4. line breaks chosen on the logical text, widths measured on the
 *      shaped text (greedy; trailing white space hangs);
 *   5. each line reordered alone from a fresh copy of the levels
 *      (fribidi_reorder_line() writes L1 into them), then cut into cells.
 *
 * Cell map of the ligature "لَا" (lam, fatha, alef), shaped logical
 * FEFF 064E FEFB, visual FEFB FEFF 064E after L3:
 *
 *     cell  [ FEFB + 064E ]   lmin 0, lmax 2
 *
 * The U+FEFF filler FriBidi leaves at the lam's index is never printed:
 * its index joins the ligature's cell.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include <fribidi.h>

#include "layout.h"
#include "text.h"
#include "util.h"

struct lay_para {
	size_t			 n;
	uint32_t		*text;	/* logical, as given */
	uint32_t		*shaped; /* logical, shaped and mirrored */
	FriBidiCharType		*types;
	FriBidiLevel		*levels; /* pristine: before L1 part 4 */
	FriBidiArabicProp	*ap;
	uint8_t			*brk;	/* TEXT_BRK_* flags, n + 1 */
	FriBidiParType		 base;	/* resolved */
};

static const FriBidiCharType bidi_map[] = {
	[TEXT_BIDI_L] = FRIBIDI_TYPE_LTR,	[TEXT_BIDI_R] = FRIBIDI_TYPE_RTL,
	[TEXT_BIDI_EN] = FRIBIDI_TYPE_EN,	[TEXT_BIDI_ES] = FRIBIDI_TYPE_ES,
	[TEXT_BIDI_ET] = FRIBIDI_TYPE_ET,	[TEXT_BIDI_AN] = FRIBIDI_TYPE_AN,
	[TEXT_BIDI_CS] = FRIBIDI_TYPE_CS,	[TEXT_BIDI_B] = FRIBIDI_TYPE_BS,
	[TEXT_BIDI_S] = FRIBIDI_TYPE_SS,	[TEXT_BIDI_WS] = FRIBIDI_TYPE_WS,
	[TEXT_BIDI_ON] = FRIBIDI_TYPE_ON,	[TEXT_BIDI_LRE] = FRIBIDI_TYPE_LRE,
	[TEXT_BIDI_LRO] = FRIBIDI_TYPE_LRO,	[TEXT_BIDI_AL] = FRIBIDI_TYPE_AL,
	[TEXT_BIDI_RLE] = FRIBIDI_TYPE_RLE,	[TEXT_BIDI_RLO] = FRIBIDI_TYPE_RLO,
	[TEXT_BIDI_PDF] = FRIBIDI_TYPE_PDF,	[TEXT_BIDI_NSM] = FRIBIDI_TYPE_NSM,
	[TEXT_BIDI_BN] = FRIBIDI_TYPE_BN,	[TEXT_BIDI_FSI] = FRIBIDI_TYPE_FSI,
	[TEXT_BIDI_LRI] = FRIBIDI_TYPE_LRI,	[TEXT_BIDI_RLI] = FRIBIDI_TYPE_RLI,
	[TEXT_BIDI_PDI] = FRIBIDI_TYPE_PDI,
};

static bool
is_ascii_alnum(uint32_t c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static bool
is_symbol_char(uint32_t c)
{
	return is_ascii_alnum(c) || c == '/' || c == '.' || c == '-';
}

/* Superscripts that make up footnote markers such as ⁽¹⁸⁾. */
static bool
is_superscript(uint32_t c)
{
	return c == 0xB9 || c == 0xB2 || c == 0xB3 || c == 0x2070 ||
	    (c >= 0x2074 && c <= 0x207E);
}

/*
 * Tailors ICU's line break opportunities for documents:
 *   - ICU allows a break after the slash of "A/67/150"; a document symbol
 *     is one word to its readers.  In a run of ASCII letters, digits and
 *     ./- that starts with a capital letter (A/, S/RES/, CTOC/COP/...),
 *     no break after a slash; URLs (lower case) keep their breaks;
 *   - a footnote marker (⁽¹⁸⁾) stays on the line of its word;
 *   - a tab is white space: a line may break after it (ICU's rule LB19
 *     forbids it before the quotation mark of `\t”يقصد`).
 */
static void
tailor_breaks(const uint32_t *t, size_t n, uint8_t *brk)
{
	size_t i, run = 0;

	for (i = 0; i < n; i++) {
		if (i > 0 && t[i - 1] == '\t' &&
		    text_cp_class(t[i]) != TEXT_CLS_MARK)
			brk[i] |= TEXT_BRK_LINE;
		if (i > 0 && is_superscript(t[i]) &&
		    !text_cp_is_space(t[i - 1]))
			brk[i] &= (uint8_t)~TEXT_BRK_LINE;
		if (!is_symbol_char(t[i])) {
			run = i + 1;
			continue;
		}
		if (i > run && t[i - 1] == '/' && is_ascii_alnum(t[i]) &&
		    t[run] >= 'A' && t[run] <= 'Z')
			brk[i] &= (uint8_t)~TEXT_BRK_LINE;
	}
}

/*
 * FriBidi 1.0.8 ligates lam and alef only when they are adjacent; with a
 * haraka between (لَا) the pair stays two letters.  Do what it does for the
 * adjacent pair: filler at the lam, ligature at the alef, RTL levels only.
 */
static void
lamalef_across_marks(struct lay_para *lp)
{
	uint32_t *s = lp->shaped, lig;
	size_t i, j;

	for (i = 0; i + 2 < lp->n; i++) {
		if (s[i] != 0xFEDF && s[i] != 0xFEE0)
			continue;
		for (j = i + 1; j < lp->n && lp->types[j] == FRIBIDI_TYPE_NSM;
		    j++)
			;
		if (j == i + 1 || j == lp->n)
			continue;
		switch (s[j]) {
		case 0xFE82: lig = 0xFEF5; break;
		case 0xFE84: lig = 0xFEF7; break;
		case 0xFE88: lig = 0xFEF9; break;
		case 0xFE8E: lig = 0xFEFB; break;
		default: continue;
		}
		if (!FRIBIDI_LEVEL_IS_RTL(lp->levels[i]) ||
		    lp->levels[i] != lp->levels[j])
			continue;
		/* A medial lam (joined on its right) takes the final form. */
		s[j] = s[i] == 0xFEE0 ? lig + 1 : lig;
		s[i] = 0xFEFF;
		lp->ap[i] |= FRIBIDI_MASK_LIGATURED;
		i = j;
	}
}

struct lay_para *
lay_para_new(const uint32_t *text, size_t n, enum lay_dir dir, int flags)
{
	struct lay_para *lp;
	FriBidiBracketType *btypes;
	uint32_t id;
	size_t i;
	int bt;

	if (n > (size_t)INT32_MAX / 4)
		die("paragraph too long (%zu code points)", n);
	lp = xcalloc(1, sizeof *lp);
	lp->n = n;
	lp->text = xreallocarray(NULL, n + 1, sizeof *lp->text);
	memcpy(lp->text, text, n * sizeof *text);
	lp->shaped = xreallocarray(NULL, n + 1, sizeof *lp->shaped);
	memcpy(lp->shaped, text, n * sizeof *text);
	lp->types = xreallocarray(NULL, n + 1, sizeof *lp->types);
	lp->levels = xreallocarray(NULL, n + 1, sizeof *lp->levels);
	lp->ap = xreallocarray(NULL, n + 1, sizeof *lp->ap);
	lp->brk = xcalloc(n + 1, 1);
	btypes = xreallocarray(NULL, n + 1, sizeof *btypes);

	for (i = 0; i < n; i++) {
		lp->types[i] = bidi_map[text_cp_bidi(text[i])];
		btypes[i] = FRIBIDI_NO_BRACKET;
		if (lp->types[i] == FRIBIDI_TYPE_ON &&
		    (bt = text_cp_bracket(text[i], &id)) != 0)
			btypes[i] = (id & FRIBIDI_BRACKET_ID_MASK) |
			    (bt == 1 ? FRIBIDI_BRACKET_OPEN_MASK : 0);
	}
	switch (dir) {
	case LAY_DIR_AUTO:	lp->base = FRIBIDI_PAR_ON; break;
	case LAY_DIR_AUTO_RTL:	lp->base = FRIBIDI_PAR_WRTL; break;
	case LAY_DIR_LTR:	lp->base = FRIBIDI_PAR_LTR; break;
	case LAY_DIR_RTL:	lp->base = FRIBIDI_PAR_RTL; break;
	}
	if (n > 0 && fribidi_get_par_embedding_levels_ex(lp->types, btypes,
	    (FriBidiStrIndex)n, &lp->base, lp->levels) == 0)
		die("fribidi: cannot resolve embedding levels");
	if (n == 0)
		lp->base = dir == LAY_DIR_LTR || dir == LAY_DIR_AUTO ?
		    FRIBIDI_PAR_LTR : FRIBIDI_PAR_RTL;
	free(btypes);

	fribidi_get_joining_types(text, (FriBidiStrIndex)n, lp->ap);
	fribidi_join_arabic(lp->types, (FriBidiStrIndex)n, lp->levels, lp->ap);
	fribidi_shape(FRIBIDI_FLAG_SHAPE_MIRRORING |
	    ((flags & LAY_NO_SHAPE) ? 0 : FRIBIDI_FLAGS_ARABIC),
	    lp->levels, (FriBidiStrIndex)n, lp->ap, lp->shaped);
	if (!(flags & LAY_NO_SHAPE))
		lamalef_across_marks(lp);

	text_breaks(text, n, TEXT_BRK_LINE | TEXT_BRK_GRAPHEME, lp->brk);
	tailor_breaks(text, n, lp->brk);
	return lp;
}

void
lay_para_free(struct lay_para *lp)
{
	if (lp == NULL)
		return;
	free(lp->text);
	free(lp->shaped);
	free(lp->types);
	free(lp->levels);
	free(lp->ap);
	free(lp->brk);
	free(lp);
}

size_t
lay_para_len(const struct lay_para *lp)
{
	return lp->n;
}

bool
lay_para_rtl(const struct lay_para *lp)
{
	return FRIBIDI_IS_RTL(lp->base);
}

/* The lam half of a lam-alef ligature: shown by the alef's cell. */
static bool
is_lig_filler(const struct lay_para *lp, size_t i)
{
	return lp->shaped[i] == 0xFEFF &&
	    (lp->ap[i] & FRIBIDI_MASK_LIGATURED);
}

/*
 * A mark with nothing to sit on (paragraph start, or after a tab or a
 * control, which are drawn as other things) gets a dotted circle.
 */
static bool
is_orphan_mark(const struct lay_para *lp, size_t i)
{
	while (i > 0 && text_cp_class(lp->shaped[i - 1]) == TEXT_CLS_IGNORE &&
	    !is_lig_filler(lp, i - 1))
		i--;
	if (i == 0)
		return true;
	return lp->text[i - 1] == '\t' ||
	    text_cp_class(lp->text[i - 1]) == TEXT_CLS_CONTROL;
}

/*
 * Cells code point i adds when it starts at column col of its line,
 * counted in logical order from the start edge.  Cell building below must
 * agree with this function exactly.
 */
static int
cp_cells(const struct lay_para *lp, size_t i, int col)
{
	if (lp->text[i] == '\t')
		return 8 - col % 8;
	if (is_lig_filler(lp, i))
		return 0;
	switch (text_cp_class(lp->shaped[i])) {
	case TEXT_CLS_MARK:
		return is_orphan_mark(lp, i) ? 1 : 0;
	case TEXT_CLS_IGNORE:
		return 0;
	case TEXT_CLS_WIDE:
		return 2;
	default:
		return 1;
	}
}

/* Pass state of lay_para_wrap(). */
struct wrap {
	const struct lay_para	*lp;
	struct lay_lines	*out;
	size_t			 cap_line;
	size_t			 cap_cell;
	uint8_t			*wd;	/* cells of each code point */
	FriBidiLevel		*lev;	/* levels, L1 applied per line */
	FriBidiChar		*vis;	/* visual string */
	FriBidiStrIndex		*map;	/* visual -> logical */
	uint32_t		 pend_min; /* indices waiting for a cell */
	uint32_t		 pend_max;
	bool			 pend;
};

static struct lay_cell *
cell_new(struct wrap *w, uint32_t base, int width, size_t l)
{
	struct lay_lines *o = w->out;
	struct lay_cell *c;

	if (o->ncell == w->cap_cell) {
		w->cap_cell = w->cap_cell == 0 ? 64 : w->cap_cell * 2;
		o->cell = xreallocarray(o->cell, w->cap_cell, sizeof *o->cell);
	}
	c = &o->cell[o->ncell++];
	memset(c, 0, sizeof *c);
	c->base = base;
	c->width = (uint8_t)width;
	c->lmin = c->lmax = (uint32_t)l;
	if (w->pend) {
		if (w->pend_min < c->lmin)
			c->lmin = w->pend_min;
		if (w->pend_max > c->lmax)
			c->lmax = w->pend_max;
		w->pend = false;
	}
	return c;
}

/* Lets the previous cell of the line (or the next one) show index l. */
static void
cell_merge(struct wrap *w, size_t first, size_t l)
{
	struct lay_cell *c;

	if (w->out->ncell > first) {
		c = &w->out->cell[w->out->ncell - 1];
		if (l < c->lmin)
			c->lmin = (uint32_t)l;
		if (l > c->lmax)
			c->lmax = (uint32_t)l;
	} else if (!w->pend) {
		w->pend = true;
		w->pend_min = w->pend_max = (uint32_t)l;
	} else {
		if (l < w->pend_min)
			w->pend_min = (uint32_t)l;
		if (l > w->pend_max)
			w->pend_max = (uint32_t)l;
	}
}

static void
cell_mark(struct wrap *w, size_t first, uint32_t mark, size_t l)
{
	struct lay_cell *c;

	if (w->out->ncell == first)	/* cannot happen: orphans handled */
		c = cell_new(w, 0x25CC, 1, l);
	else
		c = &w->out->cell[w->out->ncell - 1];
	if (c->nmarks < LAY_MARKS_MAX)
		c->marks[c->nmarks++] = mark;
	cell_merge(w, first, l);
}

/* Reorders line [s, e) and cuts it into cells; trailing space hangs. */
static void
line_emit(struct wrap *w, size_t s, size_t e)
{
	const struct lay_para *lp = w->lp;
	struct lay_lines *o = w->out;
	struct lay_line *ln;
	struct lay_cell *c;
	size_t trim = e, v, l, first = o->ncell;
	uint32_t ch;
	int k, width = 0;

	while (trim > s && text_cp_is_space(lp->text[trim - 1]))
		trim--;
	if (e > s && fribidi_reorder_line(FRIBIDI_FLAG_REORDER_NSM,
	    lp->types, (FriBidiStrIndex)(e - s), (FriBidiStrIndex)s, lp->base,
	    w->lev, w->vis, w->map) == 0)
		die("fribidi: cannot reorder a line");
	w->pend = false;
	for (v = s; v < e; v++) {
		l = (size_t)w->map[v];
		if (l >= trim)
			continue;
		ch = w->vis[v];
		if (lp->text[l] == '\t') {
			for (k = 0; k < w->wd[l]; k++)
				cell_new(w, ' ', 1, l);
			continue;
		}
		if (is_lig_filler(lp, l)) {
			cell_merge(w, first, l);
			continue;
		}
		switch (text_cp_class(ch)) {
		case TEXT_CLS_MARK:
			if (is_orphan_mark(lp, l)) {
				c = cell_new(w, 0x25CC, 1, l);
				c->marks[c->nmarks++] = ch;
			} else
				cell_mark(w, first, ch, l);
			break;
		case TEXT_CLS_IGNORE:
			cell_merge(w, first, l);
			break;
		case TEXT_CLS_WIDE:
			cell_new(w, ch, 2, l);
			break;
		default:
			cell_new(w, text_cp_visible(ch), 1, l);
			break;
		}
	}
	for (v = first; v < o->ncell; v++) {
		o->cell[v].x = (uint16_t)(width > UINT16_MAX ? UINT16_MAX :
		    width);
		width += o->cell[v].width;
	}
	if (o->nline == w->cap_line) {
		w->cap_line = w->cap_line == 0 ? 8 : w->cap_line * 2;
		o->line = xreallocarray(o->line, w->cap_line, sizeof *o->line);
	}
	ln = &o->line[o->nline++];
	ln->start = s;
	ln->end = e;
	ln->cell = first;
	ln->ncell = o->ncell - first;
	ln->width = width;
	/* Right-align: shift the cells by the padding. */
	if (o->rtl && width < o->width)
		for (v = first; v < o->ncell; v++)
			o->cell[v].x = (uint16_t)(o->cell[v].x +
			    (o->width - width));
}

/*
 * Where to cut a word wider than the line: the last grapheme boundary in
 * (s, i] (i is the first code point that did not fit), never between the
 * two halves of a lam-alef ligature.  At least one grapheme is taken.
 */
static size_t
split_word(const struct lay_para *lp, size_t s, size_t i)
{
	size_t g, k;

	for (g = i; g > s; g--) {
		if (!(lp->brk[g] & TEXT_BRK_GRAPHEME))
			continue;
		for (k = g; k > s && text_cp_class(lp->shaped[k - 1]) ==
		    TEXT_CLS_MARK; k--)
			;
		if (k > s && is_lig_filler(lp, k - 1))
			continue;
		return g;
	}
	for (g = s + 1; g < lp->n; g++)
		if ((lp->brk[g] & TEXT_BRK_GRAPHEME) &&
		    !is_lig_filler(lp, g - 1))
			break;
	return g;
}

void
lay_para_wrap(const struct lay_para *lp, int width, struct lay_lines *out)
{
	struct wrap w;
	size_t n = lp->n, s, i, best, ws_best;
	int col, fit;
	bool hard, over;

	assert(width >= 1);
	memset(out, 0, sizeof *out);
	out->width = width;
	out->rtl = lay_para_rtl(lp);
	memset(&w, 0, sizeof w);
	w.lp = lp;
	w.out = out;
	w.wd = xmalloc(n + 1);
	w.lev = xreallocarray(NULL, n + 1, sizeof *w.lev);
	w.vis = xreallocarray(NULL, n + 1, sizeof *w.vis);
	w.map = xreallocarray(NULL, n + 1, sizeof *w.map);
	memcpy(w.lev, lp->levels, n * sizeof *w.lev);
	memcpy(w.vis, lp->shaped, n * sizeof *w.vis);
	for (i = 0; i < n; i++)
		w.map[i] = (FriBidiStrIndex)i;

	s = 0;
	do {
		col = fit = 0;
		best = ws_best = s;
		hard = over = false;
		for (i = s; i < n; ) {
			w.wd[i] = (uint8_t)cp_cells(lp, i, col);
			col += w.wd[i];
			if (!text_cp_is_space(lp->text[i]))
				fit = col;
			if (fit > width) {
				over = true;
				break;
			}
			i++;
			if (i < n && (lp->brk[i] & TEXT_BRK_HARD)) {
				best = i;
				hard = true;
				break;
			}
			if (lp->brk[i] & TEXT_BRK_LINE)
				best = i;
			else if (i < n && text_cp_is_space(lp->text[i - 1]) &&
			    !text_cp_is_space(lp->text[i]) &&
			    text_cp_class(lp->text[i]) != TEXT_CLS_MARK)
				ws_best = i;
		}
		if (!over && !hard)
			best = n;
		else if (over && best == s)
			/* No opportunity fits: after white space rather than
			 * inside a word (UAX #14 LB13 forbids " )"), else
			 * between graphemes. */
			best = ws_best > s ? ws_best : split_word(lp, s, i);
		line_emit(&w, s, best);
		s = best;
	} while (s < n);

	free(w.wd);
	free(w.lev);
	free(w.vis);
	free(w.map);
}

void
lay_lines_free(struct lay_lines *ll)
{
	if (ll == NULL)
		return;
	free(ll->line);
	free(ll->cell);
	memset(ll, 0, sizeof *ll);
}

int
lay_para_reorder(const struct lay_para *lp, size_t start, size_t end,
    bool nsm, uint8_t *levels, size_t *map)
{
	FriBidiLevel *lev;
	FriBidiStrIndex *m;
	size_t i;

	assert(start <= end && end <= lp->n);
	lev = xreallocarray(NULL, lp->n + 1, sizeof *lev);
	m = xreallocarray(NULL, lp->n + 1, sizeof *m);
	memcpy(lev, lp->levels, lp->n * sizeof *lev);
	for (i = 0; i < lp->n; i++)
		m[i] = (FriBidiStrIndex)i;
	if (end > start && fribidi_reorder_line(nsm ?
	    FRIBIDI_FLAG_REORDER_NSM : 0, lp->types,
	    (FriBidiStrIndex)(end - start), (FriBidiStrIndex)start, lp->base,
	    lev, NULL, m) == 0)
		die("fribidi: cannot reorder a line");
	for (i = start; i < end; i++) {
		levels[i] = lev[i];
		map[i - start] = (size_t)m[i];
	}
	free(lev);
	free(m);
	return FRIBIDI_DIR_TO_LEVEL(lp->base);
}

size_t
lay_line_of(const struct lay_lines *ll, size_t i)
{
	size_t lo = 0, hi = ll->nline, mid;

	if (ll->nline == 0)
		return 0;
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (ll->line[mid].start <= i)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

size_t
lay_range_spans(const struct lay_lines *ll, size_t start, size_t end,
    struct lay_span **out)
{
	const struct lay_cell *c;
	size_t n = 0, cap = 0, li, k;
	struct lay_span *sp = *out;
	bool open;

	if (start >= end || ll->nline == 0)
		return 0;
	for (li = lay_line_of(ll, start); li < ll->nline &&
	    ll->line[li].start < end; li++) {
		open = false;
		for (k = 0; k < ll->line[li].ncell; k++) {
			c = &ll->cell[ll->line[li].cell + k];
			if (c->lmin >= end || c->lmax < start) {
				open = false;
				continue;
			}
			if (open && sp[n - 1].x1 == c->x) {
				sp[n - 1].x1 = c->x + c->width;
				continue;
			}
			if (n == cap) {
				cap = cap == 0 ? 8 : cap * 2;
				sp = xreallocarray(sp, cap, sizeof *sp);
			}
			sp[n].line = li;
			sp[n].x0 = c->x;
			sp[n].x1 = c->x + c->width;
			n++;
			open = true;
		}
	}
	*out = sp;
	return n;
}
