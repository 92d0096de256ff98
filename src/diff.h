/*
 * diff.h - comparing two versions of a document: which block of the old
 * version became which block of the new one, and which words changed.
 *
 * Pure C over doc.h and text.h: no terminal, no SQLite, nothing printed.
 * The two documents are borrowed and must outlive the diff.  Blocks are
 * paired by their content, never by their number or label (labels are
 * metadata: a paragraph renumbered after an insertion is "same"), body
 * blocks with body blocks and footnotes with footnotes (footnote markers
 * in the text compare equal whatever their number).  diff.c says where
 * each idea comes from (Heckel, patience diff, Myers, diff-match-patch).
 *
 * What counts as a change (struct diff_opts): by default harakat,
 * tatweel, the digit system, white space, no-break spaces, invisible
 * format controls and presentation forms are not changes; letter
 * variants (hamza forms, alef maksura, teh marbuta, Farsi yeh/keheh,
 * Latin case) are changes, but "spelling" ones, flagged apart.  With
 * exact every code point counts.
 *
 * Offsets in struct diff_op count code points of doc_block_text() (NFC),
 * the offsets spans and layout cells use.
 */
#ifndef HAMISH_DIFF_H
#define HAMISH_DIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"

#define DIFF_NONE	((size_t)-1)

/* Options, a plain value; a NULL pointer means all defaults. */
struct diff_opts {
	bool	exact;		/* every code point counts, no folding */
};

enum diff_status {
	DIFF_SAME,	/* equal text after folding, whatever its number */
	DIFF_CHANGED,	/* reworded (or only respelled: pair.spelling) */
	DIFF_MOVED,	/* same or reworded text, elsewhere in the order */
	DIFF_INSERTED,	/* only in new: old_count 0 */
	DIFF_DELETED,	/* only in old: new_count 0 */
	DIFF_SPLIT,	/* one old block -> several new (new_count > 1) */
	DIFF_MERGED	/* several old blocks -> one new (old_count > 1) */
};
#define DIFF_NSTATUS	7

/*
 * One pair, a plain value owned by the diff.  Its blocks are consecutive:
 * old blocks [old_first, old_first + old_count) of the old document and
 * new blocks [new_first, new_first + new_count) of the new one; a count
 * of 0 (first DIFF_NONE) means none on that side.  Addresses and labels
 * come from the documents (doc_block_address(), doc_block_label()).
 */
struct diff_pair {
	enum doc_kind	 kind;		/* the new block's, else the old's */
	enum diff_status status;
	size_t		 old_first;
	size_t		 old_count;
	size_t		 new_first;
	size_t		 new_count;
	/* CHANGED or MOVED: the texts differ only by letter variants */
	bool		 spelling;
	/* MOVED: the texts are equal (after folding) */
	bool		 same_text;
	/* How much of the text the two sides share, 0..1 (1: same). */
	double		 similarity;
	/*
	 * MOVED: where the old block was, as the index of the pair that
	 * holds the old block just before it (DIFF_NONE: it was first),
	 * so that a view can say "moved from here" at the old place.
	 */
	size_t		 old_after;
};

/*
 * Word-level operations of a pair, in reading order.  EQUAL covers the
 * same text on both sides, DELETE text only in the old block, INSERT
 * only in the new; a replacement is a DELETE followed by an INSERT.
 * Each range is [start, end) code points of the text of block oblock
 * (old document) or nblock (new document); a DELETE's new range and an
 * INSERT's old range are empty, at the place where the other side's text
 * would be.  Ranges never split a grapheme cluster.
 */
enum diff_op_kind {
	DIFF_OP_EQUAL,
	DIFF_OP_DELETE,
	DIFF_OP_INSERT
};

struct diff_op {
	enum diff_op_kind kind;
	size_t		 oblock;	/* block of the old document */
	size_t		 ostart;
	size_t		 oend;
	size_t		 nblock;	/* block of the new document */
	size_t		 nstart;
	size_t		 nend;
	/* DELETE/INSERT: part of a replacement that is only a respelling */
	bool		 spelling;
};

/* Counts of pairs by status, plus spelling-only pairs (also counted in
 * changed or moved) and word operations (only once computed). */
struct diff_summary {
	size_t	 count[DIFF_NSTATUS];	/* indexed by enum diff_status */
	size_t	 spelling;
	size_t	 pairs;
};

struct diff;

/*
 * Compares old and new (borrowed: both must outlive the diff; either may
 * be NULL, an empty document: every block inserted or deleted).  Returns
 * the diff (caller frees with diff_free()); never fails.  Time and memory
 * are near-linear in the number of blocks and the size of the texts.
 */
struct diff	*diff_new(const struct doc *, const struct doc *,
		    const struct diff_opts *);
void		 diff_free(struct diff *);

const struct doc *diff_old(const struct diff *);
const struct doc *diff_new_doc(const struct diff *);

/* Pairs in reading order (the new document's, deleted blocks where they
 * stood), body blocks first, then footnotes; pointer borrowed until
 * diff_free(). */
size_t		 diff_pair_count(const struct diff *);
const struct diff_pair *diff_pair(const struct diff *, size_t);

/*
 * The word-level operations of pair i (computed on first call and kept:
 * not thread-safe).  *n receives their number; the array is borrowed
 * until diff_free().  A SAME pair has one EQUAL per block (none for empty
 * text), an INSERTED pair INSERTs, a DELETED pair DELETEs; SPLIT and
 * MERGED pairs compare the blocks of each side as one text, so oblock and
 * nblock change along the operations.
 */
const struct diff_op *diff_pair_ops(struct diff *, size_t, size_t *);

/* True unless every pair is SAME. */
bool		 diff_has_changes(const struct diff *);
const struct diff_summary *diff_summary(const struct diff *);

/* The pair that holds old block b (diff_pair_of_old) or new block b,
 * or DIFF_NONE. */
size_t		 diff_pair_of_old(const struct diff *, size_t);
size_t		 diff_pair_of_new(const struct diff *, size_t);

/* "same", "changed", ...: the names the JSON output uses (static). */
const char	*diff_status_name(enum diff_status);
/* "heading", "para", "subpara", "preamble", "footnote", "text". */
const char	*diff_kind_name(enum doc_kind);

#endif
