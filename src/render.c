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

/*
 * Writes c as UTF-8 at p (room for 4 bytes); returns the end.  util.c's
 * utf8_put() does the same, but a call per code point was a tenth of
 * render's time: this one is inlined into the loops below.
 */
static inline char *
put_utf8(char *p, uint32_t c)
{
	if (c < 0x80) {
		*p++ = (char)c;
	} else if (c < 0x800) {
		*p++ = (char)(0xC0 | (c >> 6));
		*p++ = (char)(0x80 | (c & 0x3F));
	} else if (c < 0x10000) {
		*p++ = (char)(0xE0 | (c >> 12));
		*p++ = (char)(0x80 | ((c >> 6) & 0x3F));
		*p++ = (char)(0x80 | (c & 0x3F));
	} else {
		*p++ = (char)(0xF0 | (c >> 18));
		*p++ = (char)(0x80 | ((c >> 12) & 0x3F));
		*p++ = (char)(0x80 | ((c >> 6) & 0x3F));
		*p++ = (char)(0x80 | (c & 0x3F));
	}
	return p;
}

/* Writes a cell, its base then its marks, at p; returns the end. */
static inline char *
cell_put(char *p, uint32_t base, const uint32_t *marks, int nmarks)
{
	int m;

	p = put_utf8(p, base);
	for (m = 0; m < nmarks; m++)
		p = put_utf8(p, marks[m]);
	return p;
}

void
render_lines(struct buf *b, const struct lay_lines *ll, int flags)
{
	const struct lay_line *ln;
	const struct lay_cell *c, *end;
	size_t li;
	char *p;
	int pad;

	for (li = 0; li < ll->nline; li++) {
		ln = &ll->line[li];
		if (flags & RENDER_MAP)
			buf_addf(b, "[%zu,%zu) ", ln->start, ln->end);
		pad = ln->ncell > 0 ? ll->cell[ln->cell].x :
		    (ll->rtl ? ll->width : 0);
		/* Room for the padding, every code point at 4 bytes and the
		 * newline, then no checks. */
		buf_grow(b, (size_t)pad + ln->ncell * 4 * (1 + LAY_MARKS_MAX) +
		    1);
		p = b->data + b->len;
		memset(p, ' ', (size_t)pad);
		p += pad;
		c = &ll->cell[ln->cell];
		for (end = c + ln->ncell; c < end; c++)
			p = cell_put(p, c->base, c->marks, c->nmarks);
		*p++ = '\n';
		*p = '\0';
		b->len = (size_t)(p - b->data);
	}
}

void
render_view(struct buf *b, struct view *v, size_t from, size_t to, int flags)
{
	struct view_cell *row;
	struct view_pos pos;
	size_t start, end;
	int W = view_width(v), x, last;
	char *p;
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
			p = b->data + b->len;
			for (x = 0; x < last; x++)
				if (row[x].base != 0)
					p = cell_put(p, row[x].base,
					    row[x].marks, row[x].nmarks);
			*p++ = '\n';
			*p = '\0';
			b->len = (size_t)(p - b->data);
		}
	}
	free(row);
}
