/*
 * view.c - documents as rows of cells (see view.h).
 *
 * Knows the document model, the layout engine's plain values and the
 * theme's face numbers; nothing of terminals.  Both `hamish render` and
 * the reader draw from here, so what the golden files show is what the
 * reader paints.
 *
 * Geometry of a text row, right-to-left and left-to-right:
 *
 *    RTL   |        text text text text | label |  indent  |
 *    LTR   |  indent  | label | text text text text        |
 */
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "text.h"
#include "theme.h"
#include "util.h"
#include "view.h"

#define GUTTER		5	/* label "122" or "(أ)" and a space */
/* A block of more bytes is laid out window by window (layout-big.c):
 * only its lines are kept, and the cells of the window on screen. */
#define VIEW_BIG	(1 << 16)
#define FN_RULE		10	/* cells of the rule above the footnotes */

/*
 * Where a block goes on a row of `width` cells, from the start edge (the
 * right for right-to-left text): `indent` blank cells, a gutter of
 * `gutter` cells holding the label, then the text.
 */
struct geom {
	int	width;
	int	indent;
	int	gutter;
};

/* The width to lay a block's text out at (at least 1). */
static int
geom_text_width(const struct geom *g)
{
	int w = g->width - g->indent - g->gutter;

	return w < 1 ? 1 : w;
}

/* One block's layout, built on demand. */
struct vblk {
	struct lay_para	*lp;		/* the text's analysis, or NULL */
	struct lay_big	*big;		/* or that of a huge block's */
	char		*bigtext;	/* its text when not the doc's */
	/* For a block of many spans: their indices by start, and the
	 * greatest end up to each (view_row() looks at a row's alone). */
	size_t		*sidx, *smax;
	size_t		 nsidx;
	struct lay_para	*lab;		/* the label's, or NULL */
	struct lay_lines ll;		/* lines at `wrapped` */
	struct lay_lines lab_ll;
	int		 wrapped;	/* width ll is for; 0 none */
	struct geom	 g;
	size_t		 shift;		/* code points before the text */
};

struct view {
	const struct doc *d;
	int		 width;
	int		 flags;
	size_t		 n;
	struct vblk	*b;
	size_t		 first_fn;	/* first footnote block, or n */
	bool		 rtl_doc;	/* an Arabic document (doc_rtl) */
	size_t		*cum;		/* code points before block i */
	struct lay_lines tmp;		/* view_text_row() */
	struct doc_span	*rowsp;		/* view_row(): a row's spans */
	size_t		 caprowsp;
	struct lay_cell	*sorted;	/* VIEW_LOGICAL rows */
	size_t		 nsorted;
};

/* Whether s holds Arabic letters: U+0600-U+06FF (lead bytes D8-DB),
 * U+0750-U+077F (DD), presentation forms U+FB50-U+FEFF (EF AD-BB). */
static bool
has_arabic(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i;

	for (i = 0; i < len; i++)
		if ((p[i] >= 0xD8 && p[i] <= 0xDB) || p[i] == 0xDD ||
		    (p[i] == 0xEF && i + 1 < len && p[i + 1] >= 0xAD &&
		    p[i + 1] <= 0xBB))
			return true;
	return false;
}

/*
 * The document's language decides the base direction of its blocks, not
 * only their first strong letter: an Arabic document's footnote
 * "(36) A/69/269، المرفق." is right to left.  Arabic: the header says so,
 * or else more of the first blocks' letters are Arabic than Latin.
 */
static bool
doc_rtl(const struct doc *d)
{
	const struct doc_meta *m = doc_meta(d);
	const unsigned char *p;
	size_t i, k, len, ar = 0, lat = 0;

	if (m->language != NULL)
		return strcmp(m->language, "Arabic") == 0 ||
		    strcmp(m->language, "عربي") == 0;
	for (i = 0; i < doc_block_count(d) && ar + lat < 4000; i++) {
		p = (const unsigned char *)doc_block_text(d, i, &len);
		for (k = 0; k < len; k++) {
			if (p[k] >= 0xD8 && p[k] <= 0xDB)
				ar++;
			else if ((p[k] | 0x20) >= 'a' && (p[k] | 0x20) <= 'z')
				lat++;
		}
	}
	return ar > lat;
}

struct view *
view_new(const struct doc *d, int width, int flags)
{
	struct view *v = xcalloc(1, sizeof *v);
	size_t i, len;
	const char *s;

	v->d = d;
	v->width = width < 1 ? 1 : width;
	v->flags = flags;
	v->n = doc_block_count(d);
	v->b = xcalloc(v->n > 0 ? v->n : 1, sizeof *v->b);
	v->cum = xcalloc(v->n + 1, sizeof *v->cum);
	v->first_fn = v->n;
	for (i = 0; i < v->n; i++) {
		s = doc_block_text(d, i, &len);
		v->cum[i + 1] = v->cum[i] + utf8_count(s, len);
		if (v->first_fn == v->n && doc_block_kind(d, i) == DOC_FOOTNOTE)
			v->first_fn = i;
	}
	v->rtl_doc = doc_rtl(d);
	return v;
}

static void
blk_clear(struct vblk *b)
{
	lay_para_free(b->lp);
	lay_big_free(b->big);
	free(b->bigtext);
	free(b->sidx);
	free(b->smax);
	lay_para_free(b->lab);
	lay_lines_free(&b->ll);
	lay_lines_free(&b->lab_ll);
	memset(b, 0, sizeof *b);
}

void
view_free(struct view *v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < v->n; i++)
		blk_clear(&v->b[i]);
	lay_lines_free(&v->tmp);
	free(v->rowsp);
	free(v->sorted);
	free(v->b);
	free(v->cum);
	free(v);
}

void
view_set_width(struct view *v, int width)
{
	v->width = width < 1 ? 1 : width;
}

int
view_width(const struct view *v)
{
	return v->width;
}

bool
view_rtl(const struct view *v)
{
	return v->rtl_doc;
}

const struct doc *
view_doc(const struct view *v)
{
	return v->d;
}

/* A new analysis of len bytes of UTF-8. */
static struct lay_para *
para_new(const char *s, size_t len, enum lay_dir dir, int flags)
{
	struct lay_para *lp;
	uint32_t *cps;
	size_t n;

	cps = text_utf8_decode(s, len, TEXT_NFC, &n, NULL);
	lp = lay_para_new(cps, n, dir,
	    (flags & VIEW_NO_SHAPE) ? LAY_NO_SHAPE : 0);
	free(cps);
	return lp;
}

/*
 * The label of footnote i as printed: the model keeps ASCII digits ("1"
 * for "(١)"), the marker in the text that refers to it keeps the digits
 * the document uses, which go back into the label.
 */
static void
footnote_label(const struct view *v, size_t i, struct buf *out)
{
	const char *label = doc_block_label(v->d, i), *t;
	const struct doc_span *sp;
	uint32_t zero = '0', *cp;
	size_t r, k, ns, n, len, c;

	if (label == NULL)
		return;
	for (r = 0; r < doc_block_ref_count(v->d, i) && zero == '0'; r++) {
		size_t rb = doc_block_ref(v->d, i, r);

		sp = doc_block_spans(v->d, rb, &ns);
		t = doc_block_text(v->d, rb, &len);
		cp = NULL;
		for (k = 0; k < ns && zero == '0'; k++) {
			if (sp[k].kind != DOC_SPAN_FOOTREF ||
			    sp[k].label == NULL ||
			    strcmp(sp[k].label, label) != 0)
				continue;
			if (cp == NULL)
				cp = text_utf8_decode(t, len, 0, &n, NULL);
			for (c = sp[k].start; c < sp[k].end && c < n; c++)
				if (cp[c] >= 0x660 && cp[c] <= 0x669)
					zero = 0x660;
				else if (cp[c] >= 0x6F0 && cp[c] <= 0x6F9)
					zero = 0x6F0;
		}
		free(cp);
	}
	for (; *label != '\0'; label++)
		if (*label >= '0' && *label <= '9')
			buf_add_utf8(out, zero + (uint32_t)(*label - '0'));
		else
			buf_addc(out, *label);
}

/*
 * The text, label and geometry of block i, as `hamish render` has always
 * drawn them: headings "label - title" across the whole width, numbered
 * paragraphs and footnotes with their label in the gutter, sub-paragraphs
 * indented by level.
 */
static void
blk_analyse(struct view *v, size_t i)
{
	struct vblk *b = &v->b[i];
	const char *text, *label;
	struct buf t, l;
	enum lay_dir dir;
	size_t len;
	bool rtl;

	text = doc_block_text(v->d, i, &len);
	label = doc_block_label(v->d, i);
	buf_init(&t);
	buf_init(&l);
	b->g.indent = 0;
	b->g.gutter = GUTTER;
	switch (doc_block_kind(v->d, i)) {
	case DOC_HEADING:
		if (label != NULL)
			buf_addf(&t, "%s - ", label);
		b->shift = utf8_count(t.data != NULL ? t.data : "", t.len);
		label = NULL;
		b->g.gutter = 0;
		break;
	case DOC_SUBPARA:
		b->g.indent = GUTTER * doc_block_level(v->d, i);
		break;
	case DOC_FOOTNOTE:
		buf_addc(&l, '(');
		footnote_label(v, i, &l);
		buf_addc(&l, ')');
		label = l.data;
		break;
	case DOC_PARA:
		break;
	default:
		label = NULL;
		break;
	}
	dir = v->rtl_doc && has_arabic(text, len) ? LAY_DIR_RTL :
	    LAY_DIR_AUTO_RTL;
	if (len > VIEW_BIG && !(v->flags & VIEW_WHOLE)) {
		/* The doc's text as it is, or a copy with the prefix. */
		const char *bt = text;

		if (t.len > 0) {
			buf_add(&t, text, len);
			len = t.len;
			b->bigtext = buf_steal(&t);
			bt = b->bigtext;
		}
		b->big = lay_big_new(bt, len, dir, (v->flags & VIEW_NO_SHAPE) ?
		    LAY_NO_SHAPE : 0, VIEW_BIG);
		rtl = lay_big_dir(b->big) == LAY_DIR_RTL;
	} else {
		buf_add(&t, text, len);
		b->lp = para_new(t.data != NULL ? t.data : "", t.len, dir,
		    v->flags);
		rtl = lay_para_rtl(b->lp);
	}
	if (label != NULL && b->g.gutter > 1)
		b->lab = para_new(label, strlen(label),
		    rtl ? LAY_DIR_RTL : LAY_DIR_LTR, v->flags);
	buf_free(&t);
	buf_free(&l);
}

/* Block i analysed and wrapped at the view's width. */
static struct vblk *
blk_get(struct view *v, size_t i)
{
	struct vblk *b = &v->b[i];

	if (b->lp == NULL && b->big == NULL)
		blk_analyse(v, i);
	if (b->wrapped != v->width) {
		b->g.width = v->width;
		if (b->big != NULL)
			lay_big_wrap(b->big, geom_text_width(&b->g), &b->ll,
			    NULL, NULL);
		else
			lay_para_wrap(b->lp, geom_text_width(&b->g), &b->ll);
		if (b->lab != NULL)
			lay_para_wrap(b->lab, b->g.gutter - 1, &b->lab_ll);
		b->wrapped = v->width;
	}
	return b;
}

/* Rows before block i's text: the blank between blocks; the rule and a
 * blank before the footnotes. */
static size_t
rows_before(const struct view *v, size_t i)
{
	return (i > 0) + (i == v->first_fn ? 2 : 0);
}

static bool
has_rule_after(const struct view *v, size_t i)
{
	return doc_block_kind(v->d, i) == DOC_HEADING &&
	    doc_block_level(v->d, i) == 1;
}

static size_t
text_rows(const struct vblk *b)
{
	return b->ll.nline > 0 ? b->ll.nline : 1;
}

size_t
view_block_rows(struct view *v, size_t i)
{
	if (i >= v->n)
		return 1;
	return rows_before(v, i) + text_rows(blk_get(v, i)) +
	    has_rule_after(v, i);
}

int
view_pos_cmp(const struct view_pos *a, const struct view_pos *b)
{
	if (a->block != b->block)
		return a->block < b->block ? -1 : 1;
	if (a->row != b->row)
		return a->row < b->row ? -1 : 1;
	return 0;
}

long
view_move(struct view *v, struct view_pos *pos, long n)
{
	long moved = 0;
	size_t rows;

	if (v->n == 0)
		return 0;
	while (n > 0) {
		rows = view_block_rows(v, pos->block);
		if ((size_t)n <= rows - 1 - pos->row) {
			pos->row += (size_t)n;
			moved += n;
			break;
		}
		if (pos->block + 1 >= v->n) {
			moved += (long)(rows - 1 - pos->row);
			pos->row = rows - 1;
			break;
		}
		n -= (long)(rows - pos->row);
		moved += (long)(rows - pos->row);
		pos->block++;
		pos->row = 0;
	}
	while (n < 0) {
		if ((size_t)-n <= pos->row) {
			pos->row -= (size_t)-n;
			moved += n;
			break;
		}
		if (pos->block == 0) {
			moved -= (long)pos->row;
			pos->row = 0;
			break;
		}
		n += (long)pos->row + 1;
		moved -= (long)pos->row + 1;
		pos->block--;
		pos->row = view_block_rows(v, pos->block) - 1;
	}
	return moved;
}

struct view_pos
view_end(struct view *v, long n)
{
	struct view_pos p = { 0, 0 };

	if (v->n == 0)
		return p;
	p.block = v->n - 1;
	p.row = view_block_rows(v, p.block) - 1;
	if (n > 1)
		view_move(v, &p, -(n - 1));
	return p;
}

struct view_pos
view_pos_of(struct view *v, size_t block, size_t off)
{
	struct view_pos p = { block, 0 };
	struct vblk *b;

	if (block >= v->n)
		return view_end(v, 1);
	b = blk_get(v, block);
	p.row = rows_before(v, block);
	if (b->ll.nline > 0)
		p.row += lay_line_of(&b->ll, off + b->shift);
	return p;
}

bool
view_row_range(struct view *v, const struct view_pos *pos, size_t *start,
    size_t *end)
{
	struct vblk *b;
	size_t pre;

	if (pos->block >= v->n)
		return false;
	b = blk_get(v, pos->block);
	pre = rows_before(v, pos->block);
	if (pos->row < pre || pos->row - pre >= b->ll.nline)
		return false;
	*start = b->ll.line[pos->row - pre].start;
	*end = b->ll.line[pos->row - pre].end;
	*start = *start > b->shift ? *start - b->shift : 0;
	*end = *end > b->shift ? *end - b->shift : 0;
	return true;
}

size_t
view_row_offset(struct view *v, const struct view_pos *pos)
{
	struct vblk *b;
	size_t pre, li, start;

	if (pos->block >= v->n)
		return 0;
	b = blk_get(v, pos->block);
	if (b->ll.nline == 0)
		return 0;
	pre = rows_before(v, pos->block);
	li = pos->row < pre ? 0 : pos->row - pre;
	if (li >= b->ll.nline)
		li = b->ll.nline - 1;
	start = b->ll.line[li].start;
	return start > b->shift ? start - b->shift : 0;
}

int
view_percent(struct view *v, const struct view_pos *pos)
{
	size_t at;

	if (v->n == 0 || v->cum[v->n] == 0)
		return 100;
	at = v->cum[pos->block] + view_row_offset(v, pos);
	if (pos->block + 1 == v->n &&
	    pos->row + 1 >= view_block_rows(v, pos->block))
		return 100;
	return (int)(at * 100 / v->cum[v->n]);
}

static void
cells_blank(struct view_cell *out, int width)
{
	int x;

	for (x = 0; x < width; x++) {
		memset(&out[x], 0, sizeof out[x]);
		out[x].base = ' ';
		out[x].width = 1;
		out[x].face = TF_TEXT;
	}
}

static int
cmp_lmin(const void *a, const void *b)
{
	const struct lay_cell *x = a, *y = b;

	return x->lmin < y->lmin ? -1 : x->lmin > y->lmin;
}

/*
 * The cells of line li of ll, in visual order, or in logical order laid
 * from the same left edge for VIEW_LOGICAL.  Borrowed until the next call.
 */
static const struct lay_cell *
line_cells(struct view *v, const struct lay_lines *ll, size_t li)
{
	const struct lay_line *ln = &ll->line[li];
	const struct lay_cell *c = &ll->cell[ln->cell];
	size_t k;
	int x;

	if (!(v->flags & VIEW_LOGICAL) || ln->ncell == 0)
		return c;
	if (ln->ncell > v->nsorted) {
		v->nsorted = ln->ncell;
		v->sorted = xreallocarray(v->sorted, v->nsorted,
		    sizeof *v->sorted);
	}
	memcpy(v->sorted, c, ln->ncell * sizeof *c);
	qsort(v->sorted, ln->ncell, sizeof *c, cmp_lmin);
	for (x = c[0].x, k = 0; k < ln->ncell; k++) {
		v->sorted[k].x = (uint16_t)x;
		x += v->sorted[k].width;
	}
	return v->sorted;
}

/* Puts cell c at column x of out with face. */
static void
cell_set(struct view_cell *out, int width, const struct lay_cell *c, int x,
    int face)
{
	struct view_cell *o;

	if (x < 0 || x + c->width > width)
		return;
	o = &out[x];
	o->base = c->base;
	memcpy(o->marks, c->marks, sizeof o->marks);
	o->nmarks = c->nmarks;
	o->width = c->width;
	o->face = (uint8_t)face;
	if (c->width == 2) {
		memset(&out[x + 1], 0, sizeof out[x + 1]);
		out[x + 1].face = (uint8_t)face;
	}
}

/*
 * The face of a text cell showing block offsets [lo, hi] of block i,
 * whose spans are sp[0..ns) (NULL for a heading: they do not count).
 * The caller looks the block up once per row, not once per cell.
 */
static int
text_face(size_t i, const struct doc_span *sp, size_t ns, size_t lo,
    size_t hi, const struct view_mark *marks, size_t nmarks)
{
	size_t k;
	int face = sp == NULL ? TF_HEADING : TF_TEXT;

	for (k = 0; k < ns; k++) {
		if (sp[k].start > hi || sp[k].end <= lo)
			continue;
		if (sp[k].kind == DOC_SPAN_FOOTREF)
			face = TF_FOOTREF;
		else if (face == TF_TEXT)
			face = sp[k].kind == DOC_SPAN_BOLD ? TF_BOLD :
			    TF_ITALIC;
	}
	for (k = 0; k < nmarks; k++)
		if (marks[k].block == i && marks[k].start <= hi &&
		    marks[k].end > lo)
			face = marks[k].face;
	return face;
}

#define ROW_SPANS_MIN	64	/* spans in a block worth an index */

static const struct doc_span *sort_sp;

static int
cmp_span_start(const void *a, const void *b)
{
	size_t x = sort_sp[*(const size_t *)a].start;
	size_t y = sort_sp[*(const size_t *)b].start;

	return x < y ? -1 : x > y;
}

static int
cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * The spans of block b (sp[0..ns), many) that meet block offsets
 * [lo, hi], in their own order, into v->rowsp: what text_face() needs
 * for one row, so that a huge block of many spans does not cost all of
 * them per cell.  Returns how many.
 */
static size_t
row_spans(struct view *v, struct vblk *b, const struct doc_span *sp,
    size_t ns, size_t lo, size_t hi)
{
	size_t i, j, n = 0, mid, l, h, *ix;

	if (b->sidx == NULL) {
		b->sidx = xreallocarray(NULL, ns, sizeof *b->sidx);
		b->smax = xreallocarray(NULL, ns, sizeof *b->smax);
		for (i = 0; i < ns; i++)
			b->sidx[i] = i;
		sort_sp = sp;	/* view.c runs in one thread */
		qsort(b->sidx, ns, sizeof *b->sidx, cmp_span_start);
		sort_sp = NULL;
		for (i = 0; i < ns; i++)
			b->smax[i] = i > 0 && b->smax[i - 1] >
			    sp[b->sidx[i]].end ? b->smax[i - 1] :
			    sp[b->sidx[i]].end;
		b->nsidx = ns;
	}
	/* The first span by start that starts after hi. */
	for (l = 0, h = ns; l < h; ) {
		mid = l + (h - l) / 2;
		if (sp[b->sidx[mid]].start <= hi)
			l = mid + 1;
		else
			h = mid;
	}
	ix = xreallocarray(NULL, l + 1, sizeof *ix);
	for (j = l; j > 0 && b->smax[j - 1] > lo; j--)
		if (sp[b->sidx[j - 1]].end > lo)
			ix[n++] = b->sidx[j - 1];
	qsort(ix, n, sizeof *ix, cmp_size);
	if (n > v->caprowsp) {
		v->caprowsp = n;
		v->rowsp = xreallocarray(v->rowsp, n, sizeof *v->rowsp);
	}
	for (i = 0; i < n; i++)
		v->rowsp[i] = sp[ix[i]];
	free(ix);
	return n;
}

bool
view_row(struct view *v, const struct view_pos *pos,
    const struct view_mark *marks, size_t nmarks, struct view_cell *out)
{
	const struct lay_cell *c;
	const struct lay_line *ln;
	const struct doc_span *sp;
	struct vblk *b;
	size_t pre, li, k, lo, hi, ns;
	int W = v->width, tw, tdx, ldx, x, n, widest;
	bool rtl;

	cells_blank(out, W);
	if (pos->block >= v->n)
		return false;
	b = blk_get(v, pos->block);
	rtl = b->ll.rtl;
	pre = rows_before(v, pos->block);
	if (pos->row < pre) {
		if (pos->block == v->first_fn && pos->row == pre - 2) {
			n = FN_RULE < W ? FN_RULE : W;
			for (x = W - n; x < W; x++) {
				out[x].base = 0x2500;
				out[x].face = TF_RULE;
			}
		}
		return false;
	}
	li = pos->row - pre;
	if (li >= b->ll.nline) {
		if (li >= text_rows(b) && has_rule_after(v, pos->block)) {
			for (widest = 0, k = 0; k < b->ll.nline; k++)
				if (b->ll.line[k].width > widest)
					widest = b->ll.line[k].width;
			n = widest < W ? widest : W;
			for (x = rtl ? W - n : 0; n-- > 0; x++) {
				out[x].base = 0x2500;
				out[x].face = TF_RULE;
			}
		}
		return false;
	}
	tw = geom_text_width(&b->g);
	if (rtl) {
		tdx = 0;
		ldx = tw + (b->lab != NULL ? 1 : 0);
	} else {
		tdx = b->g.indent + b->g.gutter;
		ldx = b->g.indent;
	}
	if (b->big != NULL) {	/* the cells of the window holding li */
		const struct lay_lines *wl;
		size_t first;

		wl = lay_big_window(b->big, li, &first);
		ln = &wl->line[li - first];
		c = line_cells(v, wl, li - first);
	} else {
		ln = &b->ll.line[li];
		c = line_cells(v, &b->ll, li);
	}
	if (doc_block_kind(v->d, pos->block) == DOC_HEADING) {
		sp = NULL;
		ns = 0;
	} else
		sp = doc_block_spans(v->d, pos->block, &ns);
	if (ns >= ROW_SPANS_MIN) {
		lo = ln->start > b->shift ? ln->start - b->shift : 0;
		hi = ln->end > b->shift ? ln->end - b->shift : 0;
		ns = row_spans(v, b, sp, ns, lo, hi);
		sp = v->rowsp;
	}
	for (k = 0; k < ln->ncell; k++) {
		lo = c[k].lmin > b->shift ? c[k].lmin - b->shift : 0;
		hi = c[k].lmax > b->shift ? c[k].lmax - b->shift : 0;
		cell_set(out, W, &c[k], c[k].x + tdx, text_face(pos->block,
		    sp, ns, lo, hi, marks, nmarks));
	}
	if (li == 0 && b->lab != NULL && b->lab_ll.nline > 0) {
		ln = &b->lab_ll.line[0];
		c = line_cells(v, &b->lab_ll, 0);
		for (k = 0; k < ln->ncell; k++)
			cell_set(out, W, &c[k], c[k].x + ldx, TF_LABEL);
	}
	return rtl;
}

bool
view_row_offsets(struct view *v, const struct view_pos *pos, size_t *off)
{
	const struct lay_cell *c;
	const struct lay_line *ln;
	struct vblk *b;
	size_t pre, li, k, lo;
	int W = v->width, tdx, x;
	bool any = false;

	for (x = 0; x < W; x++)
		off[x] = (size_t)-1;
	if (pos->block >= v->n)
		return false;
	b = blk_get(v, pos->block);
	pre = rows_before(v, pos->block);
	if (pos->row < pre || (li = pos->row - pre) >= b->ll.nline)
		return false;
	tdx = b->ll.rtl ? 0 : b->g.indent + b->g.gutter;
	ln = &b->ll.line[li];
	c = line_cells(v, &b->ll, li);
	for (k = 0; k < ln->ncell; k++) {
		lo = c[k].lmin > b->shift ? c[k].lmin - b->shift : 0;
		if (c[k].lmin < b->shift)
			continue;	/* a heading's "label - " */
		for (x = c[k].x + tdx; x < c[k].x + tdx + c[k].width &&
		    x < W; x++)
			if (x >= 0) {
				off[x] = lo;
				any = true;
			}
	}
	return any;
}

int
view_gutter_col(struct view *v, const struct view_pos *pos)
{
	struct vblk *b;
	size_t pre;

	if (pos->block >= v->n)
		return -1;
	b = blk_get(v, pos->block);
	pre = rows_before(v, pos->block);
	if (pos->row < pre || pos->row - pre >= b->ll.nline ||
	    b->g.gutter == 0)
		return -1;
	return b->ll.rtl ? geom_text_width(&b->g) :
	    b->g.indent + b->g.gutter - 1;
}

size_t
view_text_row(struct view *v, const char *s, size_t len, enum lay_dir dir,
    int face, int width, size_t line, size_t at, int *cursor,
    struct view_cell *out)
{
	struct lay_para *lp;
	const struct lay_line *ln;
	const struct lay_cell *c;
	size_t k, n;
	int minx, maxx;

	cells_blank(out, width);
	for (k = 0; k < (size_t)width; k++)
		out[k].face = (uint8_t)face;
	if (cursor != NULL)
		*cursor = -1;
	lp = para_new(s, len, dir, v->flags);
	n = lay_para_len(lp);
	lay_para_wrap(lp, width, &v->tmp);
	lay_para_free(lp);
	if (v->tmp.nline == 0 || line >= v->tmp.nline) {
		if (cursor != NULL && line == 0)
			*cursor = v->tmp.rtl ? width - 1 : 0;
		return v->tmp.nline > 0 ? v->tmp.nline : 1;
	}
	ln = &v->tmp.line[line];
	c = line_cells(v, &v->tmp, line);
	minx = width;
	maxx = 0;
	for (k = 0; k < ln->ncell; k++) {
		cell_set(out, width, &c[k], c[k].x, face);
		if (c[k].x < minx)
			minx = c[k].x;
		if (c[k].x + c[k].width > maxx)
			maxx = c[k].x + c[k].width;
		if (cursor != NULL && at < n && c[k].lmin <= at &&
		    at <= c[k].lmax)
			*cursor = c[k].x;
	}
	if (cursor != NULL && at >= n && line + 1 == v->tmp.nline) {
		if (ln->ncell == 0)
			*cursor = v->tmp.rtl ? width - 1 : 0;
		else
			*cursor = v->tmp.rtl ? minx - 1 : maxx;
		if (*cursor < 0)
			*cursor = 0;
		if (*cursor >= width)
			*cursor = width - 1;
	}
	return v->tmp.nline;
}

void
view_trim(struct view *v, size_t center, size_t keep)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		if ((v->b[i].lp != NULL || v->b[i].big != NULL) &&
		    (i + keep < center || i > center + keep))
			blk_clear(&v->b[i]);
}

void
view_forget(struct view *v, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to && i < v->n; i++)
		if (v->b[i].lp != NULL || v->b[i].big != NULL)
			blk_clear(&v->b[i]);
}
