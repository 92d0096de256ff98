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
#include <stddef.h>

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

/* How render_plain() lays out and where its rows go. */
struct render_plain_opts {
	int	 width;
	int	 lay_flags;	/* LAY_* of layout.h */
	int	 render_flags;	/* RENDER_MAP */
	/* If set, called whenever out holds 64 KB or more (to empty it). */
	void	(*flush)(void *, struct buf *);
	void	*flush_arg;
	/* Code points laid out at a time in a longer paragraph (0: the
	 * default, 65,536; see render-plain.c). */
	size_t	 window;
};

/*
 * Appends the rows of the plain paragraphs of the len bytes at s (see
 * doc_plain_next(): runs of non-blank lines), an empty row between two
 * paragraphs, to out.  Adds the number of invalid UTF-8 sequences (shown
 * as U+FFFD) to *nbad; returns the number of paragraphs.  Ranges that
 * doc_plain_split() gives render to the same rows as their whole, with
 * an empty row between two ranges that have paragraphs.
 */
size_t	render_plain(struct buf *, const char *, size_t,
	    const struct render_plain_opts *, size_t *);

#endif
