/*
 * render.h - the text backend: laid-out lines as plain UTF-8 rows.
 *
 * What `hamish render` prints and what the golden tests compare: one row
 * per visual line, left to right, right-to-left paragraphs padded on the
 * left to exactly W cells, left-to-right ones with no trailing spaces.
 * Every code point written comes from a cell, so no control character
 * from a document can reach the output.
 */
#ifndef HAMISH_RENDER_H
#define HAMISH_RENDER_H

#include <stdbool.h>

struct buf;
struct lay_lines;

#define RENDER_MAP	0x1	/* prefix each row with "[start,end) " */

/* Appends every row of ll to b, each ended by a newline. */
void	render_lines(struct buf *, const struct lay_lines *, int);

/*
 * Where a block of a document goes on a row of `width` cells, a plain
 * value.  From the start edge (the right for right-to-left text): `indent`
 * blank cells, a gutter of `gutter` cells holding the label at its start
 * edge... then the text, laid out at width - indent - gutter:
 *
 *    RTL   |        text text text text | label |  indent  |
 *    LTR   |  indent  | label | text text text text        |
 */
struct render_geom {
	int	width;
	int	indent;
	int	gutter;
};

/* The width to lay a block's text out at for geometry g (at least 1). */
int	render_text_width(const struct render_geom *);
/*
 * Appends the rows of a block: text laid out at render_text_width(g), and
 * label (may be NULL) whose first line goes in the gutter of the first
 * row.  RTL rows are exactly g->width cells; LTR rows have no trailing
 * spaces.
 */
void	render_block(struct buf *, const struct lay_lines *,
	    const struct lay_lines *, const struct render_geom *, int);
/* Appends a rule of n U+2500 at the start edge of a row of width cells. */
void	render_rule(struct buf *, int, int, bool);

#endif
