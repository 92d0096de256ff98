/*
 * view.h - a document as rows of cells on a screen of some width.
 *
 * Pure C, no terminal: the reader's backend paints these rows, `hamish
 * render` prints them as text.  A view lays blocks out lazily, the first
 * time a row of theirs is asked for, and keeps each block's analysis so
 * that a new width only re-wraps.  The rows of block i, top to bottom:
 *
 *    (blank)            between blocks, not before the first
 *    ──────────         before the first footnote only, and a blank
 *    text rows          the block laid out, label in the gutter of row 0
 *    ──────────         under a level-1 heading only
 *
 * A place in the document is a struct view_pos: a block and a row of it.
 * Offsets are code points of the block's own text (doc_block_text()),
 * whatever the view adds around it (a heading's "label - ").
 */
#ifndef HAMISH_VIEW_H
#define HAMISH_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "layout.h"

struct doc;

/* view_new() flags. */
#define VIEW_NO_SHAPE	0x1	/* no Arabic shaping: the terminal does it */
#define VIEW_LOGICAL	0x2	/* each row's cells in logical order, for
				   terminals that reorder lines themselves */
#define VIEW_WHOLE	0x4	/* every block laid out whole, even a huge
				   one (for the tests of layout-big.c) */

/* One cell of a row: a plain value.  base 0 marks the right half of a
 * wide cell (draw nothing there). */
struct view_cell {
	uint32_t	base;
	uint32_t	marks[LAY_MARKS_MAX];
	uint8_t		nmarks;
	uint8_t		width;		/* 1 or 2; 0 with base 0 */
	uint8_t		face;		/* enum theme_face */
};

/* A row of the document: block and row within the block. */
struct view_pos {
	size_t	block;
	size_t	row;
};

/* Code points [start, end) of block's text drawn with face: search
 * matches, highlights.  A plain value. */
struct view_mark {
	size_t	block;
	size_t	start;
	size_t	end;
	int	face;
};

struct view;

/* A view of d (borrowed: it must outlive the view) at width (>= 1). */
struct view	*view_new(const struct doc *, int, int);
void		 view_free(struct view *);
/* Re-wraps lazily at a new width. */
void		 view_set_width(struct view *, int);
int		 view_width(const struct view *);
const struct doc *view_doc(const struct view *);

/* Rows of block i (at least 1). */
size_t		 view_block_rows(struct view *, size_t);
/* -1, 0 or 1 as a is above, at or below b. */
int		 view_pos_cmp(const struct view_pos *, const struct view_pos *);
/*
 * Moves *pos by n rows (down if n > 0), stopping at the first and the
 * last row of the document; returns the rows actually moved (signed).
 */
long		 view_move(struct view *, struct view_pos *, long);
/* The position whose screen of n rows ends with the document's last
 * row (the first row if the document is shorter). */
struct view_pos	 view_end(struct view *, long);
/* The row holding offset off of block's text (its first row if the
 * offset is not on a text row). */
struct view_pos	 view_pos_of(struct view *, size_t, size_t);
/* The offset of the first code point shown on row pos, or of the next
 * text row's for a blank or rule row. */
size_t		 view_row_offset(struct view *, const struct view_pos *);
/* A text row's code points [*start, *end) of its block's text; false
 * for a blank or rule row. */
bool		 view_row_range(struct view *, const struct view_pos *,
		    size_t *, size_t *);
/* How far into the document pos is, 0..100, by code points. */
int		 view_percent(struct view *, const struct view_pos *);

/*
 * Fills out[0 .. width) with row pos: cells with their faces, marks
 * drawn over them (a later mark wins).  Returns true if the row is
 * right-to-left text (a text backend keeps its padding), false for a
 * left-to-right, blank or rule row.
 */
bool		 view_row(struct view *, const struct view_pos *,
		    const struct view_mark *, size_t, struct view_cell *);

/*
 * off[0 .. width): the code point of the block's text each column of
 * text row pos shows (its lowest, for a cluster), (size_t)-1 for blank
 * cells, the gutter and the label.  False if none (a blank or rule row).
 */
bool		 view_row_offsets(struct view *, const struct view_pos *,
		    size_t *);
/* Whether the document reads right to left (an Arabic document). */
bool		 view_rtl(const struct view *);

/*
 * The column of the blank cell between a text row's text and its gutter
 * (where the reader puts an annotation's marker), or -1 for a row
 * without gutter (headings, blank and rule rows).
 */
int		 view_gutter_col(struct view *, const struct view_pos *);

/*
 * Lays len bytes of UTF-8 out in direction dir at width cells, with the
 * view's flags, and fills out[0 .. width) with its visual line `line`
 * drawn in face: for status lines, prompts and lists.  *cursor (may be
 * NULL) receives the column where a cursor before logical offset `at`
 * goes on that line, or -1 if `at` is on another line.  Returns the
 * number of lines the text takes (at least 1).
 */
size_t		 view_text_row(struct view *, const char *, size_t,
		    enum lay_dir, int, int, size_t, size_t, int *,
		    struct view_cell *);

/* Frees the layouts of blocks further than keep blocks from center
 * (memory stays bounded on long documents). */
void		 view_trim(struct view *, size_t, size_t);
/* Frees the layouts of blocks [from, to) (they are laid out again when
 * asked for). */
void		 view_forget(struct view *, size_t, size_t);

#endif
