/*
 * doc-words.h - the word stage: spaces pdftotext put inside words,
 * taken out where the document attests the whole word (doc-words.c).
 * For the doc-*.c files only.
 */
#ifndef HAMISH_DOC_WORDS_H
#define HAMISH_DOC_WORDS_H

#include "util.h"

/*
 * Joins, in the text of b (valid UTF-8, lines as the canonical text
 * has them), two Arabic words with one space between into one where
 * the document has the joined word at least twice and more often than
 * either part alone.  b's line ends stay.
 */
void	dl_words_join(struct buf *);

#endif
