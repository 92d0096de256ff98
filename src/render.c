/*
 * render.c - cells to text rows.  Knows the layout's plain values only;
 * no FriBidi, no ICU, no terminal.
 */
#include <stddef.h>

#include "layout.h"
#include "render.h"
#include "util.h"

/* Writes cp as UTF-8 at p (room for 4 bytes); returns the bytes used. */
static size_t
utf8_put(char *p, uint32_t cp)
{
	if (cp < 0x80) {
		p[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		p[0] = (char)(0xC0 | (cp >> 6));
		p[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		p[0] = (char)(0xE0 | (cp >> 12));
		p[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		p[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	p[0] = (char)(0xF0 | (cp >> 18));
	p[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	p[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	p[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

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
		/* Room for every code point at 4 bytes, then no checks. */
		buf_grow(b, ln->ncell * 4 * (1 + LAY_MARKS_MAX) + 1);
		for (k = 0; k < ln->ncell; k++) {
			c = &ll->cell[ln->cell + k];
			b->len += utf8_put(b->data + b->len, c->base);
			for (m = 0; m < c->nmarks; m++)
				b->len += utf8_put(b->data + b->len,
				    c->marks[m]);
		}
		b->data[b->len++] = '\n';
		b->data[b->len] = '\0';
	}
}
