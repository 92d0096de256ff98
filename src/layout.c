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

#define LAY_P_CLS	0x07	/* text_cp_props(): the class bits */
#define CLS(lp, i)	((enum text_cls)((lp)->prop[i] & LAY_P_CLS))
#define IS_SPACE(lp, i)	(((lp)->prop[i] & TEXT_P_SPACE) != 0)

/*
 * What the const analysis fills in when it is used, behind a pointer:
 * ICU's line break opportunities (TEXT_BRK_LINE; the document's tailoring
 * is applied where they are used, in last_opportunity()), n + 1 flags,
 * found the first time a line of the paragraph overflows (a paragraph
 * that fits on one line never pays for ICU's line iterator); and, for an
 * analysis that lay_para_renew() reuses, lay_para_wrap()'s working
 * arrays, kept so that the next paragraph need not allocate them.
 */
struct lay_brk {
	uint8_t			*flags;	/* room for cap_flags */
	size_t			 cap_flags;
	bool			 done;	/* flags[0..upto] are this text's */
	size_t			 upto;
	void			*wrap;	/* room for cap_wrap code points */
	size_t			 cap_wrap;
};

/*
 * What code point i of a paragraph becomes in a line's cells, decided
 * once per paragraph (it does not depend on the width): the hot loops of
 * lay_para_wrap() switch on one byte instead of asking again about tabs,
 * ligature fillers, classes and orphan marks.
 */
enum kind {
	K_NORMAL,	/* one cell, the shaped code point */
	K_WIDE,		/* two cells */
	K_VISIBLE,	/* one cell, a stand-in (control, unassigned) */
	K_ORPHAN,	/* one cell, a mark on a dotted circle */
	K_MARK,		/* no cell: a mark on the previous cell */
	K_MERGE,	/* no cell: shown by a neighbour (filler, ignorable) */
	K_TAB		/* spaces to the next tab stop */
};

/* Cells of each kind; a tab's depend on its column. */
static const uint8_t kind_cells[] = {
	[K_NORMAL] = 1, [K_WIDE] = 2, [K_VISIBLE] = 1, [K_ORPHAN] = 1,
	[K_MARK] = 0, [K_MERGE] = 0, [K_TAB] = 0,
};

/*
 * The arrays are allocated one by one on purpose: a single block per
 * paragraph saved a quarter of a percent of render's instructions but,
 * through heap fragmentation, raised the peak memory of the structured
 * render (view.c keeps a window of paragraphs) from 30 to 41 MB.
 *
 * lay_para_renew() reuses them for the next paragraph (they only grow):
 * besides the allocations themselves, every large malloc() makes glibc
 * consolidate the hundred-odd small run nodes FriBidi has just freed,
 * after which FriBidi's own mallocs take glibc's slow path.
 */
struct lay_para {
	size_t			 n;
	size_t			 cap;	/* room in each array, for n + 1 */
	bool			 reuse;	/* from lay_para_renew(): keep memory */
	size_t			 ntab;	/* tabs: up to 8 cells each */
	uint32_t		*text;	/* logical, as given */
	uint32_t		*shaped; /* logical, shaped and mirrored */
	FriBidiCharType		*types;
	FriBidiLevel		*levels; /* pristine: before L1 part 4 */
	FriBidiArabicProp	*ap;
	uint8_t			*prop;	/* text_cp_props(): flags of the
					 * text, class of the shaped text */
	uint8_t			*kind;	/* enum kind */
	struct lay_brk		*brk;	/* line breaks, found when needed */
	struct lay_brk		 brk_store;
	FriBidiParType		 base;	/* resolved */
};

/*
 * FriBidi's inputs per code point, cached because every paragraph asks
 * for every code point: the Bidi_Class (enum text_bidi, from ICU via
 * text.h), whether ICU calls it a paired bracket, whether FriBidi's own
 * table mirrors it, and FriBidi's joining type (what
 * fribidi_get_joining_types() would look up); and what layout asks of
 * text.h for every code point, its properties (text_cp_props()) and the
 * kind of cell its class makes, so that one lookup answers all.  The BMP
 * is a static table (nothing to free; filled on first use, by any
 * thread); other planes, rare in documents, are computed each time.
 */
#define CP_BIDI		0x001F	/* enum text_bidi */
#define CP_BRACKET	0x0020	/* text_cp_bracket() != 0 */
#define CP_MIRROR	0x0040	/* fribidi_get_mirror_char() is true */
#define CP_KNOWN	0x0080	/* the entry is filled */
#define CP_JOIN_SHIFT	8	/* fribidi_get_joining_type() above */
#define CP_PROP_SHIFT	16	/* text_cp_props() above */
#define CP_KIND_SHIFT	24	/* enum kind by class (tab: K_TAB) above */
#define CP_KIND_MASK	0x07
#define CP_ORPHANS	(1u << 27) /* a mark after it is an orphan */

_Static_assert(TEXT_BIDI_PDI <= CP_BIDI, "enum text_bidi fits CP_BIDI");
_Static_assert(sizeof(FriBidiJoiningType) == 1, "joining type is a byte");
_Static_assert(K_TAB <= CP_KIND_MASK, "enum kind fits CP_KIND_MASK");

/* Relaxed atomics: threads that fill an entry at once write one value. */
static _Atomic uint32_t cp_cache[0x10000];

static uint32_t
cp_info_compute(uint32_t c)
{
	/* Kinds by display class; marks and fillers are decided later. */
	static const uint8_t cls_kind[8] = {
		[TEXT_CLS_NORMAL] = K_NORMAL,	[TEXT_CLS_WIDE] = K_WIDE,
		[TEXT_CLS_MARK] = K_MARK,	[TEXT_CLS_IGNORE] = K_MERGE,
		[TEXT_CLS_CONTROL] = K_VISIBLE,	[TEXT_CLS_INVALID] = K_VISIBLE,
		[6] = K_VISIBLE,		[7] = K_VISIBLE,
	};
	uint32_t e = CP_KNOWN | text_cp_bidi(c), id, p, k;

	if (text_cp_bracket(c, &id) != 0)
		e |= CP_BRACKET;
	if (fribidi_get_mirror_char(c, NULL))
		e |= CP_MIRROR;
	e |= (uint32_t)fribidi_get_joining_type(c) << CP_JOIN_SHIFT;
	p = text_cp_props(c);
	e |= p << CP_PROP_SHIFT;
	k = c == '\t' ? K_TAB : cls_kind[p & LAY_P_CLS];
	e |= k << CP_KIND_SHIFT;
	/* Tabs and controls are drawn as other things: nothing to sit on. */
	if (k == K_TAB || (p & LAY_P_CLS) == TEXT_CLS_CONTROL)
		e |= CP_ORPHANS;
	return e;
}

static inline uint32_t
cp_info(uint32_t c)
{
	uint32_t e;

	if (c >= 0x10000)
		return cp_info_compute(c);
	e = atomic_load_explicit(&cp_cache[c], memory_order_relaxed);
	if (e == 0) {
		e = cp_info_compute(c);
		atomic_store_explicit(&cp_cache[c], e, memory_order_relaxed);
	}
	return e;
}

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

/*
 * FriBidi 1.0.8 ligates lam and alef only when they are adjacent; with a
 * haraka between (لَا) the pair stays two letters.  Do what it does for the
 * adjacent pair: filler at the lam, ligature at the alef, RTL levels only.
 * Called by para_kinds() for each initial or medial lam i (shaped), before
 * it looks at i: the alef it may change comes later.
 */
static void
lamalef_across_marks(struct lay_para *lp, size_t i)
{
	uint32_t *s = lp->shaped, lig;
	size_t j, n = lp->n;

	if (i + 2 >= n)
		return;
	for (j = i + 1; j < n && lp->types[j] == FRIBIDI_TYPE_NSM; j++)
		;
	if (j == i + 1 || j == n)
		return;
	switch (s[j]) {
	case 0xFE82: lig = 0xFEF5; break;
	case 0xFE84: lig = 0xFEF7; break;
	case 0xFE88: lig = 0xFEF9; break;
	case 0xFE8E: lig = 0xFEFB; break;
	default: return;
	}
	if (!FRIBIDI_LEVEL_IS_RTL(lp->levels[i]) ||
	    lp->levels[i] != lp->levels[j])
		return;
	/* A medial lam (joined on its right) takes the final form. */
	s[j] = s[i] == 0xFEE0 ? lig + 1 : lig;
	s[i] = 0xFEFF;
	lp->ap[i] |= FRIBIDI_MASK_LIGATURED;
}

/* The lam half of a lam-alef ligature: shown by the alef's cell. */
static bool
is_lig_filler(const struct lay_para *lp, size_t i)
{
	return lp->shaped[i] == 0xFEFF &&
	    (lp->ap[i] & FRIBIDI_MASK_LIGATURED);
}

/*
 * The lam-alef ligatures across marks (when shaping), mirroring
 * (FriBidi's L4), then the display class and the kind of every code
 * point.  fribidi_shape_mirroring() would look up the mirror of every
 * code point at an odd level; the cache says which have one, so FriBidi
 * is called for those alone, with the same result.  (Arabic shaping and
 * the lam-alef ligatures only write presentation forms and U+FEFF, which
 * have no mirror, so doing them first changes nothing.)  prop[] holds
 * the properties of the text; the class bits become the shaped text's.
 *
 * A mark with nothing to sit on (paragraph start, or after a tab or a
 * control, which are drawn as other things; ignorables in between do not
 * count) is an orphan: it gets a dotted circle.
 */
static void
para_kinds(struct lay_para *lp, bool shape)
{
	/* Local copies: the byte stores below could alias lp's fields. */
	uint32_t *shaped = lp->shaped;
	FriBidiLevel *levels = lp->levels;
	const FriBidiArabicProp *ap = lp->ap;
	uint8_t *prop = lp->prop, *kind = lp->kind;
	size_t i, n = lp->n, ntab = 0;
	uint32_t c, e;
	bool orphan = true;	/* a mark here would be an orphan */
	unsigned k;

	for (i = 0; i < n; i++) {
		c = shaped[i];
		if (shape && c - 0xFEDF <= 1) {	/* initial or medial lam */
			lamalef_across_marks(lp, i);
			c = shaped[i];
		}
		e = cp_info(c);
		if (FRIBIDI_LEVEL_IS_RTL(levels[i]) && (e & CP_MIRROR)) {
			fribidi_shape_mirroring(levels + i, 1, shaped + i);
			c = shaped[i];
			e = cp_info(c);
		}
		prop[i] = (uint8_t)((prop[i] & ~LAY_P_CLS) |
		    ((e >> CP_PROP_SHIFT) & LAY_P_CLS));
		k = (e >> CP_KIND_SHIFT) & CP_KIND_MASK;
		if (k <= K_WIDE) {	/* the common case */
			kind[i] = (uint8_t)k;
			orphan = false;
			continue;
		}
		if (k == K_MERGE) {
			kind[i] = K_MERGE;
			/* The lam-alef filler sits on the alef; other
			 * ignorables are transparent to orphans. */
			if (c == 0xFEFF && (ap[i] & FRIBIDI_MASK_LIGATURED))
				orphan = false;
			continue;
		}
		if (k == K_MARK && orphan)
			k = K_ORPHAN;
		ntab += k == K_TAB;
		kind[i] = (uint8_t)k;
		orphan = (e & CP_ORPHANS) != 0;
	}
	lp->ntab = ntab;
}

/* Frees lp's per-code-point arrays. */
static void
para_arrays_free(struct lay_para *lp)
{
	free(lp->text);
	free(lp->shaped);
	free(lp->types);
	free(lp->levels);
	free(lp->ap);
	free(lp->prop);
	free(lp->kind);
}

/* Makes room in lp's arrays for n + 1 entries (their contents go). */
static void
para_room(struct lay_para *lp, size_t n)
{
	size_t cap;

	if (lp->text != NULL && lp->cap >= n + 1)
		return;
	cap = lp->reuse ? n + 1 + n / 4 : n + 1;
	para_arrays_free(lp);
	lp->cap = cap;
	lp->text = xreallocarray(NULL, cap, sizeof *lp->text);
	lp->shaped = xreallocarray(NULL, cap, sizeof *lp->shaped);
	lp->types = xreallocarray(NULL, cap, sizeof *lp->types);
	lp->levels = xreallocarray(NULL, cap, sizeof *lp->levels);
	lp->ap = xreallocarray(NULL, cap, sizeof *lp->ap);
	lp->prop = xmalloc(cap);
	lp->kind = xmalloc(cap);
}

/* The analysis of lay_para_new(), into lp's storage. */
static void
para_analyse(struct lay_para *lp, const uint32_t *text, size_t n,
    enum lay_dir dir, int flags)
{
	FriBidiBracketType *btypes;
	FriBidiCharType *types;
	FriBidiArabicProp *ap;
	uint8_t *prop;
	uint32_t id, e;
	size_t i;
	int bt;

	if (n > (size_t)INT32_MAX / 4)
		die("paragraph too long (%zu code points)", n);
	para_room(lp, n);
	lp->n = n;
	lp->brk = &lp->brk_store;
	lp->brk->done = false;
	memcpy(lp->text, text, n * sizeof *text);
	/* The bracket types live where the shaped text goes: they are done
	 * with once the levels are resolved. */
	btypes = lp->shaped;

	types = lp->types;
	ap = lp->ap;
	prop = lp->prop;
	for (i = 0; i < n; i++) {
		e = cp_info(text[i]);
		types[i] = bidi_map[e & CP_BIDI];
		ap[i] = (FriBidiArabicProp)(e >> CP_JOIN_SHIFT);
		prop[i] = (uint8_t)(e >> CP_PROP_SHIFT);
		btypes[i] = FRIBIDI_NO_BRACKET;
		if ((e & CP_BRACKET) && types[i] == FRIBIDI_TYPE_ON &&
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

	memcpy(lp->shaped, text, n * sizeof *text);
	/* lp->ap holds the joining types (fribidi_get_joining_types()). */
	fribidi_join_arabic(lp->types, (FriBidiStrIndex)n, lp->levels, lp->ap);
	if (!(flags & LAY_NO_SHAPE)) {
		/* Mirroring is left to para_kinds(), where it is cheaper. */
		fribidi_shape(FRIBIDI_FLAGS_ARABIC, lp->levels,
		    (FriBidiStrIndex)n, lp->ap, lp->shaped);
	}
	para_kinds(lp, !(flags & LAY_NO_SHAPE));
}

struct lay_para *
lay_para_new(const uint32_t *text, size_t n, enum lay_dir dir, int flags)
{
	struct lay_para *lp;

	lp = xcalloc(1, sizeof *lp);
	para_analyse(lp, text, n, dir, flags);
	return lp;
}

struct lay_para *
lay_para_renew(struct lay_para *lp, const uint32_t *text, size_t n,
    enum lay_dir dir, int flags)
{
	if (lp == NULL) {
		lp = xcalloc(1, sizeof *lp);
		lp->reuse = true;
	}
	para_analyse(lp, text, n, dir, flags);
	return lp;
}

void
lay_para_free(struct lay_para *lp)
{
	if (lp == NULL)
		return;
	para_arrays_free(lp);
	free(lp->brk_store.flags);
	free(lp->brk_store.wrap);
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

/* Pass state of lay_para_wrap(). */
struct wrap {
	const struct lay_para	*lp;
	struct lay_lines	*out;
	uint8_t			*wd;	/* cells of each tab, by column */
	FriBidiLevel		*lev;	/* levels, L1 applied per line */
	FriBidiStrIndex		*map;	/* visual -> logical */
};

/*
 * State of line_emit() while it makes one line's cells.  A local of
 * line_emit() whose address the inlined helpers below do not let out,
 * so that the compiler keeps it in registers: the byte stores into the
 * cells could alias anything in memory and would make it reload.
 */
struct emit {
	struct lay_cell		*cell;	/* the lines' cells */
	size_t			 nc;	/* cells used */
	size_t			 cap;	/* of the cells */
	size_t			 first;	/* this line's first cell */
	int			 x;	/* columns used on this line */
	uint32_t		 pend_min; /* indices waiting for a cell */
	uint32_t		 pend_max;
	bool			 pend;
	/* Marks seen before any cell of the line: their base is on the
	 * line (line_first_base()) but another embedding level put them
	 * first; they go on the next cell, as counted. */
	uint32_t		 pmarks[LAY_MARKS_MAX];
	int			 npm;
};

/*
 * The first code point of the line that starts at s and ends by e that
 * is not merged into a neighbour (the lam of a lam-alef ligature counts:
 * its marks sit on the ligature), or e.  If it is a mark, its base is on
 * the line before (the break came after a space: UAX #14 LB10 lets a
 * line break between a space and its mark), so it is shown as an orphan,
 * on a dotted circle that takes a cell, and the marks after it sit on
 * that, as para_kinds() does at the start of a paragraph.
 */
static size_t
line_first_base(const struct lay_para *lp, size_t s, size_t e)
{
	while (s < e && lp->kind[s] == K_MERGE && !is_lig_filler(lp, s))
		s++;
	return s;
}

/*
 * A new cell at the end of the line.  lay_para_wrap() made room for the
 * most cells the paragraph can take, so there is no check here.
 */
static inline __attribute__((always_inline)) struct lay_cell *
cell_new(struct emit *m, uint32_t base, int width, size_t l)
{
	struct lay_cell *c;
	int i;

	assert(m->nc < m->cap);
	c = &m->cell[m->nc++];
	c->base = base;
	c->width = (uint8_t)width;
	c->nmarks = 0;
	c->x = (uint16_t)(m->x > UINT16_MAX ? UINT16_MAX : m->x);
	m->x += width;
	c->lmin = c->lmax = (uint32_t)l;
	if (m->pend) {
		if (m->pend_min < c->lmin)
			c->lmin = m->pend_min;
		if (m->pend_max > c->lmax)
			c->lmax = m->pend_max;
		m->pend = false;
	}
	if (m->npm > 0) {	/* marks that came first (cell_mark()) */
		for (i = 0; i < m->npm && c->nmarks < LAY_MARKS_MAX; i++)
			c->marks[c->nmarks++] = m->pmarks[i];
		m->npm = 0;
	}
	return c;
}

/* Lets the previous cell of the line (or the next one) show index l. */
static inline __attribute__((always_inline)) void
cell_merge(struct emit *m, size_t l)
{
	struct lay_cell *c;

	if (m->nc > m->first) {
		c = &m->cell[m->nc - 1];
		if (l < c->lmin)
			c->lmin = (uint32_t)l;
		if (l > c->lmax)
			c->lmax = (uint32_t)l;
	} else if (!m->pend) {
		m->pend = true;
		m->pend_min = m->pend_max = (uint32_t)l;
	} else {
		if (l < m->pend_min)
			m->pend_min = (uint32_t)l;
		if (l > m->pend_max)
			m->pend_max = (uint32_t)l;
	}
}

static inline __attribute__((always_inline)) void
cell_mark(struct emit *m, uint32_t mark, size_t l)
{
	struct lay_cell *c;

	if (m->nc == m->first) {	/* on the next cell */
		if (m->npm < LAY_MARKS_MAX)
			m->pmarks[m->npm++] = mark;
		cell_merge(m, l);
		return;
	}
	c = &m->cell[m->nc - 1];
	if (c->nmarks < LAY_MARKS_MAX)
		c->marks[c->nmarks++] = mark;
	cell_merge(m, l);
}

/*
 * Reorders line [s, e) and cuts it into cells; trailing space hangs.
 * FriBidi reorders only the visual -> logical map: the code point shown
 * at visual position v is shaped[map[v]], so no visual copy of the text
 * is needed.
 */
static void
line_emit(struct wrap *w, size_t s, size_t e)
{
	const struct lay_para *lp = w->lp;
	const uint32_t *shaped = lp->shaped;
	const uint8_t *kind = lp->kind;
	const FriBidiStrIndex *map = w->map;
	struct lay_lines *o = w->out;
	struct lay_line *ln;
	struct lay_cell *c;
	struct emit m;
	size_t trim = e, v, l, base = line_first_base(lp, s, e);
	uint32_t ch;
	int k, pad;

	while (trim > s && IS_SPACE(lp, trim - 1))
		trim--;
	for (v = s; v < e; v++)
		w->map[v] = (FriBidiStrIndex)v;
	if (e > s && fribidi_reorder_line(FRIBIDI_FLAG_REORDER_NSM,
	    lp->types, (FriBidiStrIndex)(e - s), (FriBidiStrIndex)s, lp->base,
	    w->lev, NULL, w->map) == 0)
		die("fribidi: cannot reorder a line");
	m.cell = o->cell;
	m.nc = m.first = o->ncell;
	m.cap = o->cap_cell;
	m.x = 0;
	m.pend = false;
	m.pend_min = m.pend_max = 0;
	m.npm = 0;
	for (v = s; v < e; v++) {
		l = (size_t)map[v];
		if (l >= trim)
			continue;
		ch = shaped[l];
		switch ((enum kind)kind[l]) {
		case K_NORMAL:
			cell_new(&m, ch, 1, l);
			break;
		case K_MARK:
			if (l != base) {
				cell_mark(&m, ch, l);
				break;
			}
			c = cell_new(&m, 0x25CC, 1, l);	/* no base here */
			if (c->nmarks < LAY_MARKS_MAX)
				c->marks[c->nmarks++] = ch;
			break;
		case K_MERGE:
			cell_merge(&m, l);
			break;
		case K_WIDE:
			cell_new(&m, ch, 2, l);
			break;
		case K_ORPHAN:
			c = cell_new(&m, 0x25CC, 1, l);
			if (c->nmarks < LAY_MARKS_MAX)
				c->marks[c->nmarks++] = ch;
			break;
		case K_VISIBLE:
			cell_new(&m, text_cp_visible(ch), 1, l);
			break;
		case K_TAB:
			for (k = 0; k < w->wd[l]; k++)
				cell_new(&m, ' ', 1, l);
			break;
		}
	}
	if (m.npm > 0)	/* no cell came: cannot happen, see above */
		cell_new(&m, 0x25CC, 1, m.pend ? m.pend_min : s);
	o->ncell = m.nc;
	if (o->nline == o->cap_line) {
		o->cap_line = o->cap_line < 8 ? 8 : o->cap_line * 2;
		o->line = xreallocarray(o->line, o->cap_line, sizeof *o->line);
	}
	ln = &o->line[o->nline++];
	ln->start = s;
	ln->end = e;
	ln->cell = m.first;
	ln->ncell = m.nc - m.first;
	ln->width = m.x;
	/* Right-align: shift the cells by the padding. */
	if (o->rtl && m.x < o->width) {
		pad = o->width - m.x;
		for (c = m.cell + m.first; c < m.cell + m.nc; c++)
			c->x = (uint16_t)(c->x + pad);
	}
}

/*
 * Where to cut a word wider than the line: the last grapheme boundary in
 * (s, i] (i is the first code point that did not fit), never between the
 * two halves of a lam-alef ligature.  At least one grapheme is taken.
 * Rare, so grapheme boundaries are found only here, around the cut.
 */
static size_t
split_word(const struct lay_para *lp, size_t s, size_t i)
{
	size_t e = i + 64 < lp->n ? i + 64 : lp->n, g, k;
	uint8_t *gb = xcalloc(e - s + 1, 1);

	text_breaks(lp->text + s, e - s, TEXT_BRK_GRAPHEME, gb);
	if (e < lp->n)
		gb[e - s] = 0;	/* the end of the window is no boundary */
	for (g = i; g > s; g--) {
		if (!gb[g - s])
			continue;
		for (k = g; k > s && CLS(lp, k - 1) == TEXT_CLS_MARK; k--)
			;
		if (k > s && is_lig_filler(lp, k - 1))
			continue;
		goto out;
	}
	for (g = s + 1; g < e; g++)
		if (gb[g - s] && !is_lig_filler(lp, g - 1))
			break;
out:
	free(gb);
	return g;
}

/*
 * ICU's line break opportunities (before tailoring), complete for
 * positions 0..i at least.  Found as far as needed only: the last line
 * of a paragraph does not overflow and needs none.
 */
static const uint8_t *
brk_flags(const struct lay_para *lp, size_t i)
{
	struct lay_brk *b = lp->brk;

	if (!b->done) {
		if (b->flags == NULL || b->cap_flags < lp->n + 1) {
			free(b->flags);
			b->cap_flags = lp->cap;	/* >= n + 1 */
			b->flags = xmalloc(b->cap_flags);
		}
		memset(b->flags, 0, lp->n + 1);
		b->upto = 0;
		b->done = true;
	}
	if (b->upto < i)
		b->upto = text_line_breaks(lp->text, lp->n, b->upto, i,
		    b->flags);
	return b->flags;
}

/*
 * The last break opportunity in (s, i], or s (s <= i < n).  The tailoring
 * is applied here, to the few positions looked at, rather than to every
 * opportunity of the paragraph up front.
 */
static size_t
last_opportunity(const struct lay_para *lp, size_t s, size_t i)
{
	const uint8_t *f = brk_flags(lp, i);

	assert(s <= i && i < lp->n);
	for (; i > s; i--)
		if ((f[i] & TEXT_BRK_LINE) && !text_break_unwanted(lp->text, i))
			return i;
	return s;
}

/*
 * The last position in (s, i] that follows white space (a tab if tab,
 * other white space if not) and is neither white space nor a mark, or s.
 */
static size_t
after_space(const struct lay_para *lp, size_t s, size_t i, bool tab)
{
	for (; i > s; i--)
		if (IS_SPACE(lp, i - 1) && (lp->text[i - 1] == '\t') == tab &&
		    !IS_SPACE(lp, i) && CLS(lp, i) != TEXT_CLS_MARK)
			return i;
	return s;
}

void
lay_para_wrap(const struct lay_para *lp, int width, struct lay_lines *out)
{
	lay_para_wrap_range(lp, width, 0, lp->n, out);
}

size_t
lay_para_wrap_range(const struct lay_para *lp, int width, size_t from,
    size_t until, struct lay_lines *out)
{
	struct wrap w;
	const uint8_t *kind = lp->kind, *prop = lp->prop;
	size_t n = lp->n, s, i, best, need, t;
	unsigned p, k;
	int col, fit;
	bool hard, over;

	assert(width >= 1);
	out->nline = out->ncell = 0;	/* storage kept for reuse */
	/* One cell per code point at most, but up to 8 for a tab. */
	need = n + 7 * lp->ntab + 1;
	if (out->cap_cell < need) {
		out->cap_cell = need;
		out->cell = xreallocarray(out->cell, out->cap_cell,
		    sizeof *out->cell);
	}
	out->width = width;
	out->rtl = lay_para_rtl(lp);
	memset(&w, 0, sizeof w);
	w.lp = lp;
	w.out = out;
	/* One block: the map, then the levels, then the tab widths. */
	if (!lp->reuse)
		w.map = xreallocarray(NULL, n + 1, sizeof *w.map +
		    sizeof *w.lev + 1);
	else {
		if (lp->brk->wrap == NULL || lp->brk->cap_wrap < n + 1) {
			free(lp->brk->wrap);
			lp->brk->cap_wrap = lp->cap;	/* >= n + 1 */
			lp->brk->wrap = xreallocarray(NULL, lp->cap,
			    sizeof *w.map + sizeof *w.lev + 1);
		}
		w.map = lp->brk->wrap;
	}
	w.lev = (FriBidiLevel *)(w.map + n + 1);
	w.wd = (uint8_t *)(w.lev + n + 1);
	memcpy(w.lev, lp->levels, n * sizeof *w.lev);

	assert(from <= n);
	s = from;
	do {
		/*
		 * A mark first on the line is an orphan here and takes a cell
		 * (line_first_base()); only merged code points, of no cell,
		 * come before it, so the line may as well start with it.
		 */
		t = line_first_base(lp, s, n);
		col = t < n && kind[t] == K_MARK;
		fit = 0;
		best = s;
		hard = over = false;
		for (i = s; i < n; ) {
			k = kind[i];
			if (k == K_TAB)
				col += w.wd[i] = (uint8_t)(8 - col % 8);
			else
				col += kind_cells[k];
			p = prop[i];
			if (!(p & TEXT_P_SPACE))
				fit = col;
			if (fit > width) {
				over = true;
				break;
			}
			i++;
			if (i == n)
				break;
			if (p & TEXT_P_HARD) {
				best = i;
				hard = true;
				break;
			}
		}
		if (!over && !hard)
			best = n;
		else if (over) {
			best = last_opportunity(lp, s, i);
			/* After a tab a line may always break (ICU's LB19
			 * forbids it before the quote of `\t”يقصد`). */
			if (lp->ntab > 0 && (t = after_space(lp, s, i, true)) >
			    best)
				best = t;
			/* None fits: after other white space rather than
			 * inside a word (UAX #14 LB13 forbids " )"), else
			 * between graphemes. */
			if (best == s && (best = after_space(lp, s, i, false)) ==
			    s)
				best = split_word(lp, s, i);
		}
		line_emit(&w, s, best);
		s = best;
	} while (s < n && s < until);

	if (!lp->reuse)
		free(w.map);
	return s;
}

enum lay_dir
lay_dir_resolve(const uint32_t *text, size_t n, enum lay_dir dir)
{
	FriBidiCharType *types = NULL;
	FriBidiParType base = FRIBIDI_PAR_ON;
	size_t len = 0, i, want;

	if (dir == LAY_DIR_LTR || dir == LAY_DIR_RTL)
		return dir;
	/*
	 * FriBidi's P2-P3 on a prefix that doubles: a strong character
	 * found in a prefix (outside isolates, which FriBidi skips to their
	 * end or to the prefix's) is the paragraph's first.
	 */
	for (want = n < 4096 ? n : 4096; base == FRIBIDI_PAR_ON && len < n;
	    want = want > n / 2 ? n : 2 * want) {
		types = xreallocarray(types, want, sizeof *types);
		for (i = len; i < want; i++)
			types[i] = bidi_map[cp_info(text[i]) & CP_BIDI];
		len = want;
		base = fribidi_get_par_direction(types, (FriBidiStrIndex)len);
	}
	free(types);
	if (base == FRIBIDI_PAR_LTR)
		return LAY_DIR_LTR;
	if (base == FRIBIDI_PAR_RTL)
		return LAY_DIR_RTL;
	return dir == LAY_DIR_AUTO ? LAY_DIR_LTR : LAY_DIR_RTL;
}

size_t
lay_context_start(const uint32_t *text, size_t s, size_t max)
{
	size_t c = s;
	uint32_t b;

	while (c > 0 && s - c < max) {
		c--;
		b = cp_info(text[c]) & CP_BIDI;
		if (b == TEXT_BIDI_L || b == TEXT_BIDI_R || b == TEXT_BIDI_AL)
			break;
	}
	return c;
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
