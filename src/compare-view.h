/*
 * compare-view.h - two versions of a document as aligned rows: the model
 * of `hamish compare`, pure C over diff.h and view.h (no terminal).
 *
 * The pairs of a diff, in its reading order, become items, one after
 * the other: a pair, a marker where a moved paragraph used to be (at its
 * old place, in the old column), or a fold of unchanged pairs.  Each item
 * takes rows, the same number in both columns:
 *
 *     new column            gutter        old column
 *    |                     |       |                     |  separator
 *    |   text of new 8     | 8 ← 9 |   text of old 9     |  pair
 *    |   ...               |changed|   ...               |
 *    |╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱|       |   the rest of old 9 |  filler
 *    |                     |       |                     |
 *    |╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱| 10 de |   text of old 10    |  deleted
 *
 * A pair's rows are those of its longer side; each side's blocks are
 * laid out by their own view (view.h: right-aligned, words whole), the
 * blank before its first block dropped, so that the two texts of a pair
 * start on the same row.  With `inline` on, one column instead: a
 * document made of the pairs (unchanged text once, deleted and inserted
 * words side by side in their faces), laid out by a view of its own.
 *
 * A place is a struct cmpv_pos: an item and a row of it.  Views are
 * borrowed and laid out lazily, so a first screen costs the pairs on it,
 * not the document.
 */
#ifndef HAMISH_COMPARE_VIEW_H
#define HAMISH_COMPARE_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "view.h"

struct buf;
struct diff;

#define CMPV_OLD	0
#define CMPV_NEW	1
#define CMPV_NONE	((size_t)-1)

enum cmpv_item_kind {
	CMPV_PAIR,	/* pair `pair` */
	CMPV_AWAY,	/* where moved pair `pair` was in the old version */
	CMPV_FOLD	/* unchanged pairs [pair, pair + npairs) */
};

/* An item, a plain value owned by the model. */
struct cmpv_item {
	enum cmpv_item_kind kind;
	size_t		 pair;
	size_t		 npairs;	/* CMPV_FOLD */
	size_t		 change;	/* CMPV_PAIR not same: its number
					   among the changes (0-based),
					   else CMPV_NONE */
};

struct cmpv_pos {
	size_t	item;
	size_t	row;
};

enum cmpv_row_kind {
	CMPV_ROW_GAP,	/* the blank row between items */
	CMPV_ROW_TEXT,	/* a row of a pair: a row of each side, or filler */
	CMPV_ROW_AWAY,	/* the marker's row (cmpv_away_text()) */
	CMPV_ROW_FOLD	/* the fold's row (cmpv_fold_text()) */
};

/* What one row shows, a plain value. */
struct cmpv_row {
	enum cmpv_row_kind kind;
	size_t		 item;
	size_t		 pair;
	size_t		 line;		/* TEXT: rows after the gap */
	/*
	 * TEXT: has[s] says if side s (CMPV_OLD, CMPV_NEW) has a row of its
	 * view here, at[s]; else filler.  missing[s]: that side has no
	 * block at all (an inserted or deleted pair).  Inline: side
	 * CMPV_NEW only, a row of the inline view (cmpv_inline_view()).
	 */
	bool		 has[2];
	bool		 missing[2];
	struct view_pos	 at[2];
};

struct cmpv;

/*
 * A model of diff d (borrowed, with its documents) shown by vold and
 * vnew (borrowed views of diff_old(d) and diff_new_doc(d); either
 * document may be NULL, an empty one, then its view too).  Returns the
 * model; free with cmpv_free().
 */
struct cmpv	*cmpv_new(struct diff *, struct view *, struct view *);
void		 cmpv_free(struct cmpv *);

/*
 * Folding: runs of at least two unchanged pairs become one item, but for
 * the pair next to a change on each side (context).  A fold opened or
 * closed keeps *pos (may be NULL) on the same pair.
 */
void		 cmpv_set_fold(struct cmpv *, bool, struct cmpv_pos *);
bool		 cmpv_fold(const struct cmpv *);
/*
 * One column, changes inline (on), or two (off), keeping *pos (may be
 * NULL) on the same pair.  The inline document and its view (width,
 * flags as view_new()) are made the first time and kept.
 */
void		 cmpv_set_inline(struct cmpv *, bool, int, int,
		    struct cmpv_pos *);
bool		 cmpv_inline(const struct cmpv *);
/* The inline view, borrowed until cmpv_free() (NULL while two columns
 * are shown). */
struct view	*cmpv_inline_view(const struct cmpv *);
/* Forgets the rows counted: call after a view changed width. */
void		 cmpv_relayout(struct cmpv *);

size_t		 cmpv_item_count(const struct cmpv *);
/* Item i, borrowed until the items change (cmpv_set_fold()). */
const struct cmpv_item *cmpv_item(const struct cmpv *, size_t);
/* The item showing pair p (a fold for a folded one). */
size_t		 cmpv_item_of_pair(const struct cmpv *, size_t);
size_t		 cmpv_item_rows(struct cmpv *, size_t);

/* Moves *pos by n rows (down if n > 0) within the items; returns the
 * rows moved (signed). */
long		 cmpv_move(struct cmpv *, struct cmpv_pos *, long);
/* The place whose screen of n rows ends with the last row. */
struct cmpv_pos	 cmpv_end(struct cmpv *, long);
/* Row pos, described in *out. */
void		 cmpv_row(struct cmpv *, const struct cmpv_pos *,
		    struct cmpv_row *);

/* How many pairs are not the same (the changes ]c goes through). */
size_t		 cmpv_change_count(const struct cmpv *);
/* The item of change k (0-based). */
size_t		 cmpv_change_item(const struct cmpv *, size_t);
/* The first change after item i (dir > 0) or before it (dir < 0), as
 * its number, or CMPV_NONE. */
size_t		 cmpv_change_near(const struct cmpv *, size_t, int);

/*
 * Appends to *marks (grown as needed, *cap its room, *nm the count) the
 * marks of side s of pair p: deleted words on the old side, inserted
 * ones on the new (respelled ones in TF_DIFF_SPELLING), block numbers
 * of that side's document.  Inline: the marks of the pair's blocks of
 * the inline document (side ignored).
 */
void		 cmpv_marks(struct cmpv *, size_t, int, struct view_mark **,
		    size_t *, size_t *);

/*
 * Inline: appends the marks of the inline document that show mark mk,
 * a range of a block of the new version (end (size_t)-1: to its end),
 * as far as its text is there (words of the new version, not the old
 * ones shown beside them).  Nothing when two columns are shown.
 */
void		 cmpv_inline_range(struct cmpv *, const struct view_mark *,
		    struct view_mark **, size_t *, size_t *);

/*
 * The label map of pair p for the gutter, line by line: line 0 "9 → 8"
 * ("8 ← 9" with old_right: the old is drawn on the right), "9" alone
 * for an unchanged paragraph that kept its number (nothing if it has no
 * address), "8 new" inserted, "9 deleted"; line 1 the status ("changed", "spelling", "moved",
 * "split", "merged", "inserted", "deleted"); line 2 for a moved pair
 * where it came from ("from above", "from below").  Appends nothing for
 * a line there is not.  Addresses are the documents' (doc.h), "§" for a
 * heading, "·" for text without one.
 */
void		 cmpv_gutter(struct cmpv *, size_t, int, bool, struct buf *);
/* "¶ 9 moved down, to ¶ 12" for the marker item i. */
void		 cmpv_away_text(struct cmpv *, size_t, struct buf *);
/* "⋯ 14 unchanged paragraphs ⋯" for the fold item i. */
void		 cmpv_fold_text(struct cmpv *, size_t, struct buf *);
/* "¶ 9" (address of side s of pair p, first to last), "" if none. */
void		 cmpv_side_address(struct cmpv *, size_t, int, struct buf *);

/*
 * Whether the text of new block b under [start, end) changed from the
 * old version: words inserted there, or deleted between its ends (a
 * whole-block range: end (size_t)-1).  False for an unchanged pair.
 */
bool		 cmpv_range_changed(struct diff *, size_t, size_t, size_t);

#endif
