/*
 * render.c - cells to text rows.  Knows the layout's plain values only;
 * no FriBidi, no ICU, no terminal.
 */
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "render.h"
#include "util.h"
#include "view.h"

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

void
render_view(struct buf *b, struct view *v, size_t from, size_t to, int flags)
{
	struct view_cell *row;
	struct view_pos pos;
	size_t start, end;
	int W = view_width(v), x, last, m;
	bool rtl;

	row = xcalloc((size_t)W, sizeof *row);
	for (pos.block = from; pos.block < to; pos.block++) {
		for (pos.row = 0; pos.row < view_block_rows(v, pos.block);
		    pos.row++) {
			rtl = view_row(v, &pos, NULL, 0, row);
			if ((flags & RENDER_MAP) &&
			    view_row_range(v, &pos, &start, &end))
				buf_addf(b, "[%zu,%zu) ", start, end);
			last = W;
			if (!rtl)	/* no trailing spaces */
				while (last > 0 && row[last - 1].base == ' ')
					last--;
			buf_grow(b, (size_t)last * 4 * (1 + LAY_MARKS_MAX) +
			    2);
			for (x = 0; x < last; x++) {
				if (row[x].base == 0)
					continue;
				b->len += utf8_put(b->data + b->len,
				    row[x].base);
				for (m = 0; m < row[x].nmarks; m++)
					b->len += utf8_put(b->data + b->len,
					    row[x].marks[m]);
			}
			b->data[b->len++] = '\n';
			b->data[b->len] = '\0';
		}
	}
	free(row);
}
