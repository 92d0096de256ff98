/*
 * view-margin.h - where notes go in the margin beside the text: each
 * beside the row its passage starts on, pushed down when the one above
 * takes those rows, cut when the next one's row comes, left out when the
 * screen ends.  Pure arithmetic on rows, no text, no terminal.
 *
 *   row  text column                       │ margin
 *    0   يمثّل القانون الدولي إلزاماً ...      │* a note on the first
 *    1   ... ...                           │  words, two lines
 *    2   *... the words of a second note   │* the second note, cut…
 *    3   ... a third one                   │* the third
 */
#ifndef HAMISH_VIEW_MARGIN_H
#define HAMISH_VIEW_MARGIN_H

#include <stddef.h>

/* A note to place, a plain value. */
struct margin_item {
	int	anchor;		/* the screen row its passage starts on */
	int	lines;		/* the rows its text takes (>= 1) */
};

/* Where it went, a plain value. */
struct margin_place {
	int	row;		/* its first row */
	int	shown;		/* rows of it shown; 0: left out */
};

/*
 * Places the n items, in the order given (by anchor, the caller sorts),
 * on rows [0, rows): item i starts at its anchor or at the first row the
 * items before it left free, whichever is lower, and takes its lines but
 * not the row the next item's anchor is on if that would push the next
 * one down (it keeps one line at least); an item with no row left is
 * left out.  Returns how many were left out.
 */
size_t		 margin_place(const struct margin_item *, size_t, int,
		    struct margin_place *);

#endif
