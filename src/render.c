/*
 * render.c - cells to text rows.  Knows the layout's plain values only;
 * no FriBidi, no ICU, no terminal.
 */
#include <stddef.h>

#include "layout.h"
#include "render.h"
#include "util.h"

void
render_lines(struct buf *b, const struct lay_lines *ll, int flags)
{
	const struct lay_line *ln;
	const struct lay_cell *c;
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
		for (k = 0; k < ln->ncell; k++) {
			c = &ll->cell[ln->cell + k];
			buf_add_utf8(b, c->base);
			for (m = 0; m < c->nmarks; m++)
				buf_add_utf8(b, c->marks[m]);
		}
		buf_addc(b, '\n');
	}
}
