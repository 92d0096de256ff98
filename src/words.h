/*
 * words.h - the words of a document, for the reader's word cursor and
 * selection: the words lines break between (UAX #14), so "(2010)" is
 * one word with its brackets, "الدولي،" one with its comma (and ICU lets
 * a line break after a slash, so "(A/65/209)" is two: "(A/" "65/209)").  A word runs from a line-break opportunity to the spaces before
 * the next one.  Positions are (block, code point of the block's text);
 * moves cross paragraph ends, in reading (logical) order.
 *
 * Pure: the document and ICU's break iterator (through text.h), no
 * view, no terminal.
 */
#ifndef HAMISH_WORDS_H
#define HAMISH_WORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct doc;

/* A place in the text, a plain value. */
struct wpos {
	size_t	block;
	size_t	off;
};

struct words;

/* The words of d (borrowed: it must outlive them). */
struct words	*words_new(const struct doc *);
void		 words_free(struct words *);
/* -1, 0, 1 as a is before, at or after b. */
int		 wpos_cmp(const struct wpos *, const struct wpos *);
/* Block i's code points (*n of them), borrowed until the next call. */
const uint32_t	*words_text(struct words *, size_t, size_t *);
/* The start of the first word at or after p (p itself if one starts
 * there), later blocks too; false if there is none. */
bool		 words_at_or_after(struct words *, struct wpos *);
/* The start of the last word starting before p, earlier blocks too;
 * false if none. */
bool		 words_before(struct words *, struct wpos *);
/* The start of the word that holds p, else of the next one (as
 * words_at_or_after); false if neither. */
bool		 words_snap(struct words *, struct wpos *);
/* The next word's start after the word starting at p; false at the end. */
bool		 words_next(struct words *, struct wpos *);
/* The previous word's start; false at the first word. */
bool		 words_prev(struct words *, struct wpos *);
/* The end (exclusive, spaces not included) of the word starting at p. */
size_t		 words_end(struct words *, const struct wpos *);

#endif
