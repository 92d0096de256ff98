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
struct view;

#define RENDER_MAP	0x1	/* prefix each row with "[start,end) " */

/* Appends every row of ll to b, each ended by a newline. */
void	render_lines(struct buf *, const struct lay_lines *, int);

/*
 * Appends the rows of blocks [from, to) of view v (see view.h): right-to-
 * left rows exactly the view's width, others without trailing spaces.
 * RENDER_MAP puts the block offsets [start,end) before each text row.
 */
void	render_view(struct buf *, struct view *, size_t, size_t, int);

#endif
