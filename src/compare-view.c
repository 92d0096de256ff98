/*
 * compare-view.c - the aligned rows of `hamish compare` (compare-view.h).
 *
 * Pure: no terminal, no I/O, nothing printed.  The diff says which
 * blocks pair up (diff.c); this file only lays the pairs out one under
 * the other, each side by its own view, as vimdiff fills the shorter
 * side of a hunk with filler lines.  Rows are counted per item when
 * first asked for and kept until cmpv_relayout(), so moving costs the
 * items passed over, never the whole document.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "compare-view.h"
#include "diff.h"
#include "doc.h"
#include "theme.h"
#include "util.h"

struct cmpv {
	struct diff	*d;
	const struct doc *doc[2];
	struct view	*v[2];
	bool		 fold;
	bool		 inl;

	struct cmpv_item *it;		/* the items, in order */
	size_t		 nit;
	size_t		*rows;		/* per item, 0: not counted yet */
	size_t		*pair_item;	/* per pair: its item */
	size_t		*away_item;	/* per pair: its marker, or NONE */
	size_t		*change;	/* change k -> its item */
	size_t		 nchange;
	size_t		 npairs;

	/* the inline document: pair p is blocks [ifirst[p], ifirst[p+1]) */
	struct doc	*idoc;
	struct view	*iv;
	size_t		*ifirst;	/* npairs + 1 */
	struct iseg	*iseg;		/* new text in the inline document, */
	size_t		 niseg;		/*   by new block and offset */
	size_t		 cap_iseg;
	struct view_mark *imark;	/* by pair: [imfirst[p], imfirst[p+1]) */
	size_t		*imfirst;
	size_t		 nimark;
	size_t		 cap_imark;
};

/* A run of len code points of new block nblock from nstart, shown in
 * block iblock of the inline document from istart. */
struct iseg {
	size_t	nblock;
	size_t	nstart;
	size_t	iblock;
	size_t	istart;
	size_t	len;
};

static size_t
side_count(const struct diff_pair *pr, int s)
{
	return s == CMPV_OLD ? pr->old_count : pr->new_count;
}

static size_t
side_first(const struct diff_pair *pr, int s)
{
	return s == CMPV_OLD ? pr->old_first : pr->new_first;
}

/* The items of the pairs in order, each moved pair's marker after the
 * pair holding the old block before it, then folded if asked. */
static void
items_build(struct cmpv *m)
{
	const struct diff_pair *pr;
	struct cmpv_item *raw;
	size_t np = m->npairs, *slot, *order, n = 0, i, j, k, p, a;

	free(m->it);
	free(m->rows);
	/* counting sort of the markers by their slot: 0 before every
	 * pair, p + 1 after pair p */
	slot = xcalloc(np + 2, sizeof *slot);
	for (p = 0; p < np; p++) {
		pr = diff_pair(m->d, p);
		if (pr->status == DIFF_MOVED) {
			a = pr->old_after == DIFF_NONE ? 0 : pr->old_after + 1;
			slot[a + 1]++;
		}
	}
	for (i = 1; i < np + 2; i++)
		slot[i] += slot[i - 1];
	order = xcalloc(slot[np + 1] + 1, sizeof *order);
	{
		size_t *fill = xcalloc(np + 1, sizeof *fill);

		for (p = 0; p < np; p++) {
			pr = diff_pair(m->d, p);
			if (pr->status != DIFF_MOVED)
				continue;
			a = pr->old_after == DIFF_NONE ? 0 : pr->old_after + 1;
			order[slot[a] + fill[a]++] = p;
		}
		free(fill);
	}
	raw = xcalloc(np + slot[np + 1] + 1, sizeof *raw);
	for (p = 0; p <= np; p++) {
		for (k = slot[p]; k < slot[p + 1]; k++)
			raw[n++] = (struct cmpv_item){ CMPV_AWAY, order[k], 1,
			    CMPV_NONE };
		if (p < np)
			raw[n++] = (struct cmpv_item){ CMPV_PAIR, p, 1,
			    CMPV_NONE };
	}
	free(order);
	free(slot);

	/* folds: the middle of each run of unchanged pairs, one pair of
	 * context kept next to a change or a marker */
	m->it = xcalloc(n + 1, sizeof *m->it);
	m->nit = 0;
	for (i = 0; i < n; i = j) {
		size_t lo, hi;

		if (!m->fold || raw[i].kind != CMPV_PAIR ||
		    diff_pair(m->d, raw[i].pair)->status != DIFF_SAME) {
			m->it[m->nit++] = raw[i];
			j = i + 1;
			continue;
		}
		for (j = i; j < n && raw[j].kind == CMPV_PAIR &&
		    diff_pair(m->d, raw[j].pair)->status == DIFF_SAME; j++)
			;
		lo = i + (i > 0);
		hi = j - (j < n);
		if (hi < lo + 2)
			lo = hi = j;	/* too short to fold */
		for (k = i; k < lo; k++)
			m->it[m->nit++] = raw[k];
		if (lo < hi)
			m->it[m->nit++] = (struct cmpv_item){ CMPV_FOLD,
			    raw[lo].pair, hi - lo, CMPV_NONE };
		for (k = hi; k < j; k++)
			m->it[m->nit++] = raw[k];
	}
	free(raw);

	m->rows = xcalloc(m->nit + 1, sizeof *m->rows);
	free(m->change);
	m->change = xcalloc(m->nit + 1, sizeof *m->change);
	m->nchange = 0;
	for (p = 0; p < np; p++)
		m->away_item[p] = CMPV_NONE;
	for (i = 0; i < m->nit; i++) {
		struct cmpv_item *e = &m->it[i];

		if (e->kind == CMPV_FOLD) {
			for (k = 0; k < e->npairs; k++)
				m->pair_item[e->pair + k] = i;
		} else if (e->kind == CMPV_AWAY)
			m->away_item[e->pair] = i;
		else {
			m->pair_item[e->pair] = i;
			if (diff_pair(m->d, e->pair)->status != DIFF_SAME) {
				e->change = m->nchange;
				m->change[m->nchange++] = i;
			}
		}
	}
}

struct cmpv *
cmpv_new(struct diff *d, struct view *vold, struct view *vnew)
{
	struct cmpv *m = xcalloc(1, sizeof *m);

	assert(d != NULL);
	m->d = d;
	m->doc[CMPV_OLD] = diff_old(d);
	m->doc[CMPV_NEW] = diff_new_doc(d);
	m->v[CMPV_OLD] = vold;
	m->v[CMPV_NEW] = vnew;
	m->npairs = diff_pair_count(d);
	m->pair_item = xcalloc(m->npairs + 1, sizeof *m->pair_item);
	m->away_item = xcalloc(m->npairs + 1, sizeof *m->away_item);
	items_build(m);
	return m;
}

void
cmpv_free(struct cmpv *m)
{
	if (m == NULL)
		return;
	free(m->it);
	free(m->rows);
	free(m->pair_item);
	free(m->away_item);
	free(m->change);
	view_free(m->iv);
	doc_free(m->idoc);
	free(m->ifirst);
	free(m->imark);
	free(m->imfirst);
	free(m->iseg);
	free(m);
}

/* The pair an item is about (a fold: its first). */
static size_t
item_pair(const struct cmpv *m, size_t i)
{
	return i < m->nit ? m->it[i].pair : 0;
}

static void
pos_to_pair(struct cmpv *m, struct cmpv_pos *pos, size_t p)
{
	if (pos == NULL)
		return;
	pos->item = m->nit > 0 && p < m->npairs ? m->pair_item[p] : 0;
	pos->row = 0;
}

void
cmpv_set_fold(struct cmpv *m, bool on, struct cmpv_pos *pos)
{
	size_t p = pos != NULL ? item_pair(m, pos->item) : 0;

	if (m->fold == on)
		return;
	m->fold = on;
	items_build(m);
	pos_to_pair(m, pos, p);
}

bool
cmpv_fold(const struct cmpv *m)
{
	return m->fold;
}

void
cmpv_relayout(struct cmpv *m)
{
	memset(m->rows, 0, (m->nit + 1) * sizeof *m->rows);
}

/* --- the inline document ------------------------------------------- */

/* The byte offset of code point cp of s (len bytes). */
static size_t
cp_byte(const char *s, size_t len, size_t cp)
{
	size_t i = 0;

	while (i < len && cp > 0) {
		i++;
		while (i < len && ((unsigned char)s[i] & 0xc0) == 0x80)
			i++;
		cp--;
	}
	return i;
}

/* Narrows code points [*start, *end) of s (len bytes) to leave out the
 * spaces at its ends: a word marked, not the space after it. */
static void
trim_cp(const char *s, size_t len, size_t *start, size_t *end)
{
	size_t b0 = cp_byte(s, len, *start);
	size_t b1 = b0 + cp_byte(s + b0, len - b0, *end - *start);

	while (b1 > b0 && s[b1 - 1] == ' ') {
		b1--;
		(*end)--;
	}
	while (b0 < b1 && s[b0] == ' ') {
		b0++;
		(*start)++;
	}
}

/* Appends code points [start, end) of block b of doc d to t; returns
 * how many. */
static size_t
add_range(struct buf *t, const struct doc *d, size_t b, size_t start,
    size_t end)
{
	size_t len, b0, b1;
	const char *s = doc_block_text(d, b, &len);

	b0 = cp_byte(s, len, start);
	b1 = b0 + cp_byte(s + b0, len - b0, end - start);
	buf_add(t, s + b0, b1 - b0);
	return utf8_count(s + b0, b1 - b0);
}

static void
imark_add(struct cmpv *m, size_t block, size_t start, size_t end, int face)
{
	if (end <= start)
		return;
	if (m->nimark == m->cap_imark) {
		m->cap_imark = m->cap_imark ? m->cap_imark * 2 : 64;
		m->imark = xreallocarray(m->imark, m->cap_imark,
		    sizeof *m->imark);
	}
	m->imark[m->nimark++] = (struct view_mark){ block, start, end, face };
}

static void
iseg_add(struct cmpv *m, size_t nblock, size_t nstart, size_t iblock,
    size_t istart, size_t len)
{
	if (len == 0)
		return;
	if (m->niseg == m->cap_iseg) {
		m->cap_iseg = m->cap_iseg ? m->cap_iseg * 2 : 64;
		m->iseg = xreallocarray(m->iseg, m->cap_iseg, sizeof *m->iseg);
	}
	m->iseg[m->niseg++] = (struct iseg){ nblock, nstart, iblock, istart,
	    len };
}

static int
iseg_cmp(const void *a, const void *b)
{
	const struct iseg *x = a, *y = b;

	if (x->nblock != y->nblock)
		return x->nblock < y->nblock ? -1 : 1;
	return x->nstart < y->nstart ? -1 : x->nstart > y->nstart;
}

/* bi, zeroed, with the kind, level, label, number, section and line of
 * block b of d (borrowed while d lives), and its parent's block in the
 * inline document by map (per block of d; NULL: no parent). */
static void
block_init(struct doc_block_init *bi, const struct doc *d, size_t b,
    const size_t *map)
{
	size_t par = doc_block_parent(d, b);

	memset(bi, 0, sizeof *bi);
	bi->kind = doc_block_kind(d, b);
	bi->level = doc_block_level(d, b);
	bi->label = doc_block_label(d, b);
	bi->number = doc_block_number(d, b);
	bi->section = doc_block_section(d, b);
	bi->line = doc_block_line(d, b);
	bi->parent = map != NULL && par != (size_t)-1 && map[par] != CMPV_NONE ?
	    map[par] : (size_t)-1;
}

/* Copies block b of side s into the inline document; map (per block of
 * that side) gives the parents. */
static size_t
copy_block(struct cmpv *m, int s, size_t b, size_t *map)
{
	const struct doc *d = m->doc[s];
	struct doc_block_init bi;
	size_t ns, k;

	block_init(&bi, d, b, map);
	bi.page = doc_block_page(d, b);
	bi.text = doc_block_text(d, b, &bi.text_len);
	bi.spans = doc_block_spans(d, b, &ns);
	bi.nspans = ns;
	k = doc_block_add(m->idoc, &bi);
	map[b] = k;
	return k;
}

/* A changed, moved, split or merged pair as one block: the words of both
 * sides in reading order, each deletion and insertion marked. */
static void
build_changed(struct cmpv *m, size_t p, size_t *nmap)
{
	const struct diff_pair *pr = diff_pair(m->d, p);
	const struct doc *od = m->doc[CMPV_OLD], *nd = m->doc[CMPV_NEW];
	const struct diff_op *ops;
	struct doc_block_init bi;
	struct buf t;
	size_t nops, k, n, at = 0, ob = CMPV_NONE, nb = CMPV_NONE, blk;
	size_t base = pr->new_count > 0 ? pr->new_first : pr->old_first;
	const struct doc *bd = pr->new_count > 0 ? nd : od;
	enum diff_op_kind prev = DIFF_OP_EQUAL;
	struct { size_t s, e; int face; } *mk = NULL;
	struct iseg *sg;
	size_t nmk = 0, nsg = 0;

	buf_init(&t);
	ops = diff_pair_ops(m->d, p, &nops);
	mk = xcalloc(nops + 1, sizeof *mk);
	sg = xcalloc(nops + 1, sizeof *sg);
	for (k = 0; k < nops; k++) {
		const struct diff_op *o = &ops[k];
		bool sp_end = t.len > 0 && t.data[t.len - 1] == ' ';
		bool newblk = (o->kind == DIFF_OP_DELETE && ob != CMPV_NONE &&
		    o->oblock != ob) || (o->kind != DIFF_OP_DELETE &&
		    nb != CMPV_NONE && o->nblock != nb);

		/* a word deleted then one inserted, or the next block of a
		 * split or merge: a space between them, unmarked */
		if (t.len > 0 && !sp_end && (newblk ||
		    (o->kind == DIFF_OP_INSERT && prev == DIFF_OP_DELETE))) {
			buf_addc(&t, ' ');
			at++;
		}
		if (o->kind == DIFF_OP_DELETE) {
			n = add_range(&t, od, o->oblock, o->ostart, o->oend);
			ob = o->oblock;
		} else {
			n = add_range(&t, nd, o->nblock, o->nstart, o->nend);
			nb = o->nblock;
			if (o->kind == DIFF_OP_EQUAL)
				ob = o->oblock;
		}
		if (o->kind != DIFF_OP_DELETE && n > 0)
			sg[nsg++] = (struct iseg){ o->nblock, o->nstart, 0, at,
			    n };
		if (o->kind != DIFF_OP_EQUAL && n > 0) {
			mk[nmk].s = at;
			mk[nmk].e = at + n;
			trim_cp(t.data, t.len, &mk[nmk].s, &mk[nmk].e);
			mk[nmk].face = o->spelling ? TF_DIFF_SPELLING :
			    o->kind == DIFF_OP_DELETE ? TF_DIFF_DELETE :
			    TF_DIFF_INSERT;
			nmk++;
		}
		at += n;
		prev = o->kind;
	}
	block_init(&bi, bd, base, bd == nd ? nmap : NULL);
	bi.text = t.data != NULL ? t.data : "";
	bi.text_len = t.len;
	blk = doc_block_add(m->idoc, &bi);
	for (k = 0; k < pr->new_count; k++)
		nmap[pr->new_first + k] = blk;
	for (k = 0; k < nmk; k++)
		imark_add(m, blk, mk[k].s, mk[k].e, mk[k].face);
	for (k = 0; k < nsg; k++)
		iseg_add(m, sg[k].nblock, sg[k].nstart, blk, sg[k].istart,
		    sg[k].len);
	free(sg);
	free(mk);
	buf_free(&t);
}

static void
inline_build(struct cmpv *m, int width, int flags)
{
	size_t nb[2], *map[2], p, k, b, len;
	int s;

	m->idoc = doc_new();
	for (s = 0; s < 2; s++) {
		nb[s] = m->doc[s] != NULL ? doc_block_count(m->doc[s]) : 0;
		map[s] = xcalloc(nb[s] + 1, sizeof *map[s]);
		for (k = 0; k < nb[s]; k++)
			map[s][k] = CMPV_NONE;
	}
	m->ifirst = xcalloc(m->npairs + 1, sizeof *m->ifirst);
	m->imfirst = xcalloc(m->npairs + 1, sizeof *m->imfirst);
	for (p = 0; p < m->npairs; p++) {
		const struct diff_pair *pr = diff_pair(m->d, p);

		m->ifirst[p] = doc_block_count(m->idoc);
		m->imfirst[p] = m->nimark;
		switch (pr->status) {
		case DIFF_SAME:
		case DIFF_INSERTED:
			for (k = 0; k < pr->new_count; k++) {
				const char *t = doc_block_text(m->doc[CMPV_NEW],
				    pr->new_first + k, &len);

				b = copy_block(m, CMPV_NEW, pr->new_first + k,
				    map[CMPV_NEW]);
				iseg_add(m, pr->new_first + k, 0, b, 0,
				    utf8_count(t, len));
				if (pr->status == DIFF_INSERTED)
					imark_add(m, b, 0, utf8_count(t, len),
					    TF_DIFF_INSERT);
			}
			break;
		case DIFF_DELETED:
			for (k = 0; k < pr->old_count; k++) {
				const char *t = doc_block_text(m->doc[CMPV_OLD],
				    pr->old_first + k, &len);

				b = copy_block(m, CMPV_OLD, pr->old_first + k,
				    map[CMPV_OLD]);
				imark_add(m, b, 0, utf8_count(t, len),
				    TF_DIFF_DELETE);
			}
			break;
		default:
			build_changed(m, p, map[CMPV_NEW]);
			break;
		}
	}
	m->ifirst[m->npairs] = doc_block_count(m->idoc);
	m->imfirst[m->npairs] = m->nimark;
	if (m->niseg > 1)
		qsort(m->iseg, m->niseg, sizeof *m->iseg, iseg_cmp);
	doc_finish(m->idoc);
	free(map[0]);
	free(map[1]);
	m->iv = view_new(m->idoc, width > 0 ? width : 1, flags);
}

void
cmpv_set_inline(struct cmpv *m, bool on, int width, int flags,
    struct cmpv_pos *pos)
{
	size_t p = pos != NULL ? item_pair(m, pos->item) : 0;

	if (on && m->idoc == NULL)
		inline_build(m, width, flags);
	else if (on)
		view_set_width(m->iv, width > 0 ? width : 1);
	if (m->inl == on)
		return;
	m->inl = on;
	cmpv_relayout(m);
	if (pos != NULL && pos->item < m->nit &&
	    m->it[pos->item].kind == CMPV_PAIR)
		pos_to_pair(m, pos, p);
	else if (pos != NULL)
		pos->row = 0;
}

bool
cmpv_inline(const struct cmpv *m)
{
	return m->inl;
}

struct view *
cmpv_inline_view(const struct cmpv *m)
{
	return m->inl ? m->iv : NULL;
}

/* --- items and rows ------------------------------------------------ */

size_t
cmpv_item_count(const struct cmpv *m)
{
	return m->nit;
}

const struct cmpv_item *
cmpv_item(const struct cmpv *m, size_t i)
{
	assert(i < m->nit);
	return &m->it[i];
}

size_t
cmpv_item_of_pair(const struct cmpv *m, size_t p)
{
	assert(p < m->npairs);
	return m->pair_item[p];
}

/* Rows of blocks [first, first + n) of view v, the blank before the
 * first dropped. */
static size_t
blocks_rows(struct view *v, size_t first, size_t n)
{
	size_t r = 0, k;

	if (n == 0 || v == NULL)
		return 0;
	for (k = 0; k < n; k++)
		r += view_block_rows(v, first + k);
	return r - (first > 0);
}

size_t
cmpv_item_rows(struct cmpv *m, size_t i)
{
	const struct diff_pair *pr;
	size_t r, a, b;

	assert(i < m->nit);
	if (m->rows[i] != 0)
		return m->rows[i];
	if (m->it[i].kind != CMPV_PAIR)
		r = 1;
	else if (m->inl) {
		size_t p = m->it[i].pair;

		r = blocks_rows(m->iv, m->ifirst[p], m->ifirst[p + 1] -
		    m->ifirst[p]);
	} else {
		pr = diff_pair(m->d, m->it[i].pair);
		a = blocks_rows(m->v[CMPV_OLD], pr->old_first, pr->old_count);
		b = blocks_rows(m->v[CMPV_NEW], pr->new_first, pr->new_count);
		r = a > b ? a : b;
	}
	if (r == 0)
		r = 1;
	m->rows[i] = r + (i > 0);
	return m->rows[i];
}

long
cmpv_move(struct cmpv *m, struct cmpv_pos *pos, long n)
{
	long moved = 0, step;
	size_t rows;

	if (m->nit == 0)
		return 0;
	while (n > 0) {
		rows = cmpv_item_rows(m, pos->item);
		if (pos->row + 1 < rows) {
			step = (long)(rows - 1 - pos->row);
			if (step > n)
				step = n;
			pos->row += (size_t)step;
		} else if (pos->item + 1 < m->nit) {
			pos->item++;
			pos->row = 0;
			step = 1;
		} else
			break;
		n -= step;
		moved += step;
	}
	while (n < 0) {
		if (pos->row > 0) {
			step = (long)pos->row;
			if (step > -n)
				step = -n;
			pos->row -= (size_t)step;
		} else if (pos->item > 0) {
			pos->item--;
			pos->row = cmpv_item_rows(m, pos->item) - 1;
			step = 1;
		} else
			break;
		n += step;
		moved -= step;
	}
	return moved;
}

struct cmpv_pos
cmpv_end(struct cmpv *m, long n)
{
	struct cmpv_pos pos = { 0, 0 };

	if (m->nit == 0)
		return pos;
	pos.item = m->nit - 1;
	pos.row = cmpv_item_rows(m, pos.item) - 1;
	if (n > 1)
		cmpv_move(m, &pos, -(n - 1));
	return pos;
}

/* Row `line` of blocks [first, first + n) of view v, the blank before
 * the first dropped; false past their rows. */
static bool
blocks_row(struct view *v, size_t first, size_t n, size_t line,
    struct view_pos *at)
{
	size_t k, skip = first > 0, r;

	for (k = 0; k < n && v != NULL; k++) {
		r = view_block_rows(v, first + k) - skip;
		if (line < r) {
			at->block = first + k;
			at->row = line + skip;
			return true;
		}
		line -= r;
		skip = 0;
	}
	return false;
}

void
cmpv_row(struct cmpv *m, const struct cmpv_pos *pos, struct cmpv_row *out)
{
	const struct cmpv_item *e;
	const struct diff_pair *pr;
	size_t gap;

	memset(out, 0, sizeof *out);
	out->item = pos->item;
	out->pair = CMPV_NONE;
	if (pos->item >= m->nit) {
		out->kind = CMPV_ROW_GAP;
		return;
	}
	e = &m->it[pos->item];
	out->pair = e->pair;
	gap = pos->item > 0;
	if (pos->row < gap) {
		out->kind = CMPV_ROW_GAP;
		return;
	}
	out->line = pos->row - gap;
	if (e->kind == CMPV_AWAY) {
		out->kind = CMPV_ROW_AWAY;
		return;
	}
	if (e->kind == CMPV_FOLD) {
		out->kind = CMPV_ROW_FOLD;
		return;
	}
	out->kind = CMPV_ROW_TEXT;
	pr = diff_pair(m->d, e->pair);
	if (m->inl) {
		out->has[CMPV_NEW] = blocks_row(m->iv, m->ifirst[e->pair],
		    m->ifirst[e->pair + 1] - m->ifirst[e->pair], out->line,
		    &out->at[CMPV_NEW]);
		return;
	}
	for (int s = 0; s < 2; s++) {
		out->missing[s] = side_count(pr, s) == 0;
		out->has[s] = blocks_row(m->v[s], side_first(pr, s),
		    side_count(pr, s), out->line, &out->at[s]);
	}
}

/* --- changes ------------------------------------------------------- */

size_t
cmpv_change_count(const struct cmpv *m)
{
	return m->nchange;
}

size_t
cmpv_change_item(const struct cmpv *m, size_t k)
{
	assert(k < m->nchange);
	return m->change[k];
}

size_t
cmpv_change_near(const struct cmpv *m, size_t i, int dir)
{
	size_t lo = 0, hi = m->nchange;

	/* the first change whose item is > i (binary search) */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (m->change[mid] <= i)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (dir > 0)
		return lo < m->nchange ? lo : CMPV_NONE;
	/* the last change whose item is < i */
	while (lo > 0 && m->change[lo - 1] >= i)
		lo--;
	return lo > 0 ? lo - 1 : CMPV_NONE;
}

void
cmpv_marks(struct cmpv *m, size_t p, int s, struct view_mark **marks,
    size_t *cap, size_t *nm)
{
	const struct diff_op *ops;
	size_t n, k;

	assert(p < m->npairs);
	if (m->inl) {
		if (m->imfirst == NULL)
			return;
		for (k = m->imfirst[p]; k < m->imfirst[p + 1]; k++) {
			if (*nm == *cap) {
				*cap = *cap ? *cap * 2 : 64;
				*marks = xreallocarray(*marks, *cap,
				    sizeof **marks);
			}
			(*marks)[(*nm)++] = m->imark[k];
		}
		return;
	}
	if (diff_pair(m->d, p)->status == DIFF_SAME)
		return;
	ops = diff_pair_ops(m->d, p, &n);
	for (k = 0; k < n; k++) {
		const struct diff_op *o = &ops[k];
		struct view_mark mk;

		if (s == CMPV_OLD && o->kind == DIFF_OP_DELETE)
			mk = (struct view_mark){ o->oblock, o->ostart, o->oend,
			    o->spelling ? TF_DIFF_SPELLING : TF_DIFF_DELETE };
		else if (s == CMPV_NEW && o->kind == DIFF_OP_INSERT)
			mk = (struct view_mark){ o->nblock, o->nstart, o->nend,
			    o->spelling ? TF_DIFF_SPELLING : TF_DIFF_INSERT };
		else
			continue;
		if (mk.end > mk.start) {
			size_t len;
			const char *t = doc_block_text(m->doc[s], mk.block,
			    &len);

			trim_cp(t, len, &mk.start, &mk.end);
		}
		if (mk.end <= mk.start)
			continue;
		if (*nm == *cap) {
			*cap = *cap ? *cap * 2 : 64;
			*marks = xreallocarray(*marks, *cap, sizeof **marks);
		}
		(*marks)[(*nm)++] = mk;
	}
}

void
cmpv_inline_range(struct cmpv *m, const struct view_mark *mk,
    struct view_mark **marks, size_t *cap, size_t *nm)
{
	size_t lo = 0, hi = m->niseg, k;

	if (!m->inl)
		return;
	/* the first segment of mk's block (binary search) */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (m->iseg[mid].nblock < mk->block)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (k = lo; k < m->niseg && m->iseg[k].nblock == mk->block; k++) {
		const struct iseg *g = &m->iseg[k];
		size_t s = mk->start > g->nstart ? mk->start : g->nstart;
		size_t e = mk->end < g->nstart + g->len ? mk->end :
		    g->nstart + g->len;

		if (s >= e)
			continue;
		if (*nm == *cap) {
			*cap = *cap ? *cap * 2 : 64;
			*marks = xreallocarray(*marks, *cap, sizeof **marks);
		}
		(*marks)[(*nm)++] = (struct view_mark){ g->iblock,
		    g->istart + (s - g->nstart), g->istart + (e - g->nstart),
		    mk->face };
	}
}

/* --- words for the gutter, markers and folds ----------------------- */

static void
block_address(const struct doc *d, size_t b, struct buf *out)
{
	const char *a = doc_block_address(d, b);

	if (a != NULL)
		buf_adds(out, a);
	else
		buf_adds(out, doc_block_kind(d, b) == DOC_HEADING ? "§" :
		    "·");
}

void
cmpv_side_address(struct cmpv *m, size_t p, int s, struct buf *out)
{
	const struct diff_pair *pr;
	size_t n;

	assert(p < m->npairs);
	pr = diff_pair(m->d, p);
	if ((n = side_count(pr, s)) == 0)
		return;
	block_address(m->doc[s], side_first(pr, s), out);
	if (n > 1) {
		buf_adds(out, "–");
		block_address(m->doc[s], side_first(pr, s) + n - 1, out);
	}
}

void
cmpv_gutter(struct cmpv *m, size_t p, int line, bool old_right,
    struct buf *out)
{
	const struct diff_pair *pr;
	struct buf a, b;

	assert(p < m->npairs);
	pr = diff_pair(m->d, p);
	if (line == 0) {
		bool oa = pr->old_count > 0 && doc_block_address(
		    m->doc[CMPV_OLD], pr->old_first) != NULL;
		bool na = pr->new_count > 0 && doc_block_address(
		    m->doc[CMPV_NEW], pr->new_first) != NULL;

		buf_init(&a);
		buf_init(&b);
		cmpv_side_address(m, p, CMPV_OLD, &a);
		cmpv_side_address(m, p, CMPV_NEW, &b);
		/* text without an address: the status alone, no "·" map */
		if (pr->status == DIFF_INSERTED)
			buf_addf(out, "%s%snew", na ? b.data : "", na ? " " :
			    "");
		else if (pr->status == DIFF_DELETED)
			buf_addf(out, "%s%sdeleted", oa ? a.data : "",
			    oa ? " " : "");
		else if (!oa && !na)
			;
		else if (pr->status == DIFF_SAME && strcmp(a.data, b.data) == 0)
			buf_adds(out, b.data);	/* kept its number */
		else if (old_right)
			buf_addf(out, "%s ← %s", b.data, a.data);
		else
			buf_addf(out, "%s → %s", a.data, b.data);
		buf_free(&a);
		buf_free(&b);
		return;
	}
	if (line == 1) {
		switch (pr->status) {
		case DIFF_CHANGED:
			buf_adds(out, pr->spelling ? "spelling" : "changed");
			break;
		case DIFF_MOVED:
			buf_adds(out, "moved");
			break;
		case DIFF_SPLIT:
			buf_adds(out, "split");
			break;
		case DIFF_MERGED:
			buf_adds(out, "merged");
			break;
		default:
			break;
		}
		return;
	}
	if (line == 2 && pr->status == DIFF_MOVED &&
	    m->away_item[p] != CMPV_NONE)
		buf_adds(out, m->away_item[p] < m->pair_item[p] ?
		    "from above" : "from below");
}

void
cmpv_away_text(struct cmpv *m, size_t i, struct buf *out)
{
	struct buf a, b;
	size_t p;

	assert(i < m->nit && m->it[i].kind == CMPV_AWAY);
	p = m->it[i].pair;
	buf_init(&a);
	buf_init(&b);
	cmpv_side_address(m, p, CMPV_OLD, &a);
	cmpv_side_address(m, p, CMPV_NEW, &b);
	buf_addf(out, "¶ %s moved %s, to ¶ %s", a.data, m->pair_item[p] > i ?
	    "down" : "up", b.data);
	buf_free(&a);
	buf_free(&b);
}

void
cmpv_fold_text(struct cmpv *m, size_t i, struct buf *out)
{
	assert(i < m->nit && m->it[i].kind == CMPV_FOLD);
	buf_addf(out, "⋯ %zu unchanged paragraphs ⋯", m->it[i].npairs);
}

bool
cmpv_range_changed(struct diff *d, size_t b, size_t start, size_t end)
{
	const struct diff_op *ops;
	size_t p = diff_pair_of_new(d, b), n, k;

	if (p == DIFF_NONE || diff_pair(d, p)->status == DIFF_SAME)
		return false;
	ops = diff_pair_ops(d, p, &n);
	for (k = 0; k < n; k++) {
		const struct diff_op *o = &ops[k];

		if (o->nblock != b)
			continue;
		if (o->kind == DIFF_OP_INSERT && o->nend > o->nstart &&
		    o->nstart < end && o->nend > start)
			return true;
		if (o->kind == DIFF_OP_DELETE && o->oend > o->ostart &&
		    (end == (size_t)-1 || (o->nstart > start &&
		    o->nstart < end)))
			return true;
	}
	return false;
}
