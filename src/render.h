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

struct buf;
struct lay_lines;

#define RENDER_MAP	0x1	/* prefix each row with "[start,end) " */

/* Appends every row of ll to b, each ended by a newline. */
void	render_lines(struct buf *, const struct lay_lines *, int);

#endif
