/*
 * search.h - finding text in a document, Arabic-aware.
 *
 * Pure C, no terminal.  The document's blocks are folded once (the first
 * time a search runs, text_fold()) into one array, so that each step of
 * an incremental search is a scan of that array; hits are reported in
 * the block's own code point offsets, the ones layout cells carry.
 */
#ifndef HAMISH_SEARCH_H
#define HAMISH_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

struct doc;

/* One match: code points [start, end) of block's text. */
struct search_hit {
	size_t	block;
	size_t	start;
	size_t	end;
};

struct search;

/* A search over d (borrowed: it must outlive the search); free with
 * search_free(). */
struct search	*search_new(const struct doc *);
void		 search_free(struct search *);

/*
 * Sets what to look for: len bytes of UTF-8 (NFC-normalised here), folded
 * like the text unless exact.  Returns false, and matches nothing, when
 * the pattern is empty once folded (only harakat, say).
 */
bool		 search_set(struct search *, const char *, size_t, bool);

/*
 * The next hit: forward, the first one that starts at or after offset
 * off of block; backward, the last one that starts before it.  No
 * wrapping (the caller asks again from the other end).  Returns false if
 * there is none.
 */
bool		 search_find(struct search *, size_t, size_t, bool,
		    struct search_hit *);

/*
 * Every hit inside block, in order: up to max into hits; returns how
 * many there are.  What the reader highlights on screen.
 */
size_t		 search_block_hits(struct search *, size_t,
		    struct search_hit *, size_t);

#endif
