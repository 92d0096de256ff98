/*
 * render.c - cells to text rows.  Knows the layout's plain values only;
 * no FriBidi, no ICU, no terminal.
 */
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "render.h"
#include "util.h"

/* Appends a cell: its base and marks (room made by the caller). */
static void
cell_put(struct buf *b, const struct lay_cell *c)
{
	int m;

	b->len += utf8_put(b->data + b->len, c->base);
	for (m = 0; m < c->nmarks; m++)
		b->len += utf8_put(b->data + b->len, c->marks[m]);
	b->data[b->len] = '\0';
}

void
render_lines(struct buf *b, const struct lay_lines *ll, int flags)
{
	const struct lay_line *ln;
	size_t li, k;
	int m, pad;

	for (li = 0; li < ll->nline; li++) {
		ln = &ll->line[li];
		if (flags & RENDER_MAP)
			buf_addf(b, "[%zu,%zu) ", ln->start, ln->end);
		pad = ln->ncell > 0 ? ll->cell[ln->cell].x :
		    (ll->rtl ? ll->width : 0);
		for (m = 0; m < pad; m++)
			buf_addc(b, ' ');
		/* Room for every code point at 4 bytes, then no checks. */
		buf_grow(b, ln->ncell * 4 * (1 + LAY_MARKS_MAX) + 1);
		for (k = 0; k < ln->ncell; k++)
			cell_put(b, &ll->cell[ln->cell + k]);
		b->data[b->len++] = '\n';
		b->data[b->len] = '\0';
	}
}

int
render_text_width(const struct render_geom *g)
{
	int w = g->width - g->indent - g->gutter;

	return w < 1 ? 1 : w;
}

/* Puts the cells of line ln of ll into slots, shifted right by dx. */
static void
slots_put(const struct lay_cell **slot, int width, const struct lay_lines *ll,
    size_t ln, int dx)
{
	const struct lay_line *l = &ll->line[ln];
	const struct lay_cell *c;
	size_t k;
	int x;

	for (k = 0; k < l->ncell; k++) {
		c = &ll->cell[l->cell + k];
		x = c->x + dx;
		if (x >= 0 && x + c->width <= width)
			slot[x] = c;
	}
}

void
render_block(struct buf *b, const struct lay_lines *ll,
    const struct lay_lines *label, const struct render_geom *g, int flags)
{
	const struct lay_cell **slot;
	int tw = render_text_width(g), W = g->width, x, last;
	int tdx, ldx;
	size_t li;

	/* Offsets of the text and the label columns within the row. */
	if (ll->rtl) {
		tdx = 0;
		ldx = tw + (label != NULL ? 1 : 0);
	} else {
		tdx = g->indent + g->gutter;
		ldx = g->indent;
	}
	if (W < tw)
		W = tw;
	slot = xcalloc((size_t)W, sizeof *slot);
	for (li = 0; li < ll->nline; li++) {
		memset(slot, 0, (size_t)W * sizeof *slot);
		slots_put(slot, W, ll, li, tdx);
		if (li == 0 && label != NULL && label->nline > 0)
			slots_put(slot, W, label, 0, ldx);
		if (flags & RENDER_MAP)
			buf_addf(b, "[%zu,%zu) ", ll->line[li].start,
			    ll->line[li].end);
		last = W;
		if (!ll->rtl)	/* no trailing spaces */
			for (last = W; last > 0 && slot[last - 1] == NULL;
			    last--)
				;
		for (x = 0; x < last; ) {
			if (slot[x] == NULL) {
				buf_addc(b, ' ');
				x++;
				continue;
			}
			buf_grow(b, 4 * (1 + LAY_MARKS_MAX));
			cell_put(b, slot[x]);
			x += slot[x]->width;
		}
		buf_addc(b, '\n');
	}
	free(slot);
}

void
render_rule(struct buf *b, int width, int n, bool rtl)
{
	int i;

	if (n > width)
		n = width;
	for (i = 0; rtl && i < width - n; i++)
		buf_addc(b, ' ');
	for (i = 0; i < n; i++)
		buf_add_utf8(b, 0x2500);
	buf_addc(b, '\n');
}
