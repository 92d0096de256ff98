/*
 * anchor.h - where an annotation sits, and finding it again in a revised
 * text.
 *
 * Pure C over doc.h and text.h: no SQLite (store.c keeps anchors), no
 * terminal.  An anchor follows the W3C Web Annotation model: a text
 * quote (the exact words, up to ANCHOR_CONTEXT code points before and
 * after them) and a position (the block, its address, code point offsets
 * in the block's text), plus a fingerprint of the block and a hash of the
 * whole document.  Resolving an anchor against a document, in order:
 *
 *   1. same document hash              -> the stored offsets   (exact)
 *   2. the quote at the stored place   -> done                 (exact)
 *   3. the exact quote in the block of the same address or fingerprint,
 *      then its neighbours, then anywhere; candidates scored by quote,
 *      prefix, suffix and distance                  (moved, or review
 *      when several places fit equally well)
 *   4. an approximate match (bounded edit distance, Myers' bit-parallel
 *      algorithm) on folded text (text_fold(), the search folding)
 *                                                   (fuzzy or review)
 *   5. nothing                                      (orphan, kept)
 *
 * Offsets count code points of doc_block_text(), as everywhere in
 * hamish.
 */
#ifndef HAMISH_ANCHOR_H
#define HAMISH_ANCHOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct doc;

#define ANCHOR_CONTEXT	32	/* code points of prefix and of suffix */

enum anchor_status {
	ANCHOR_EXACT,	/* same text, or the quote where it was */
	ANCHOR_MOVED,	/* the exact quote, found elsewhere */
	ANCHOR_FUZZY,	/* an approximate match that scored high */
	ANCHOR_REVIEW,	/* a weak or ambiguous match: "needs review" */
	ANCHOR_ORPHAN	/* no place found; the annotation is kept */
};

/* "exact", "moved", "fuzzy", "needs-review", "orphan" (static). */
const char	*anchor_status_name(enum anchor_status);
/* The status called name; false if there is none. */
bool		 anchor_status_parse(const char *, enum anchor_status *);

/*
 * An anchor, a plain value.  Made by anchor_make(), its strings are
 * owned by it (anchor_clear() frees them); a caller that fills one in
 * itself (store.c, from a row) keeps ownership of its strings and must
 * not call anchor_clear() unless they are heap copies.
 */
struct anchor {
	char		*para;		/* the block's address ("12",
					   "4.12(b)", "fn3"), or NULL */
	size_t		 block;		/* block index when made */
	size_t		 start;		/* code points of the block's text */
	size_t		 end;		/* exclusive; start < end */
	bool		 whole;		/* the whole block (paragraph note):
					   start 0, end its length */
	char		*exact;		/* UTF-8: the quoted text */
	char		*prefix;	/* up to ANCHOR_CONTEXT code points
					   before it in the block, "" at
					   the block's start */
	char		*suffix;	/* same, after it */
	uint64_t	 para_fp;	/* anchor_fingerprint() of the block */
	uint64_t	 doc_hash;	/* anchor_doc_hash() of the document */
};

/*
 * A document prepared for anchoring: the code points and folded text of
 * its blocks, computed lazily and kept.  d is borrowed and must outlive
 * it.
 */
struct anchor_doc;

struct anchor_doc *anchor_doc_new(const struct doc *);
void		 anchor_doc_free(struct anchor_doc *);
const struct doc *anchor_doc_doc(const struct anchor_doc *);
/*
 * A 64-bit hash of the document's blocks: kind, label and text of each,
 * in order.  Two files with the same blocks hash the same whatever their
 * encoding, line ends or page furniture.
 */
uint64_t	 anchor_doc_hash(struct anchor_doc *);
/*
 * What a document's text is like, to tell whether two texts that give
 * the same symbol are one document (a revision) or not (a file that
 * quotes or contains another): the ANCHOR_SKETCH smallest distinct
 * hashes of its word trigrams, as 16 hex digits each, in order (caller
 * frees).  anchor_sketch_similarity() of two sketches estimates the
 * share of trigrams the texts have in common (Jaccard, bottom-k
 * MinHash), from 0 to 1.
 */
#define ANCHOR_SKETCH	64
char		*anchor_doc_sketch(const struct doc *);
double		 anchor_sketch_similarity(const char *, const char *);
/* Code points before block i in the document's text: the texts of the
 * blocks joined by one "\n" (a TextPositionSelector's offsets). */
size_t		 anchor_doc_offset(struct anchor_doc *, size_t);

/* A 64-bit hash of len bytes of UTF-8 block text, folded (text_fold()):
 * harakat, tatweel and letter variants do not change it. */
uint64_t	 anchor_fingerprint(const char *, size_t);

/*
 * Fills *out with the anchor of code points [start, end) of block i
 * (start < end <= the block's length), or of the whole block if whole
 * (start and end are then ignored).  Strings owned by *out.
 */
void		 anchor_make(struct anchor_doc *, size_t, size_t, size_t, bool,
		    struct anchor *);
/* Frees what anchor_make() allocated; a zeroed anchor is fine. */
void		 anchor_clear(struct anchor *);

/* Where an anchor lands: a plain value. */
struct anchor_match {
	enum anchor_status status;
	size_t		 block;		/* unless orphan */
	size_t		 start;		/* code points of the block's text */
	size_t		 end;
	double		 score;		/* 0..1; 1 for exact */
};

/*
 * Finds anchor a in document ad (the order above).  Never lands on words
 * that merely look alike without saying so: a match that is ambiguous or
 * weak is ANCHOR_REVIEW, no match ANCHOR_ORPHAN.
 */
void		 anchor_resolve(struct anchor_doc *, const struct anchor *,
		    struct anchor_match *);

#endif
