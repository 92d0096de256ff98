/*
 * doc-extract.h - the source stage for pdftotext's extractions
 * (doc-extract.c): bidi embedding controls read for the order they say,
 * then removed.  For the doc-*.c files only.
 */
#ifndef HAMISH_DOC_EXTRACT_H
#define HAMISH_DOC_EXTRACT_H

#include <stdbool.h>
#include <stddef.h>

struct buf;
struct doc;

/* Whether UTF-8 text s[0..n) (borrowed) reads like poppler's output:
 * right-to-left lines wrapped in RLE ... PDF. */
bool	doc_extract_is(const char *, size_t);
/*
 * Appends s[0..n) (valid UTF-8, borrowed) to out in logical order: each
 * left-to-right run of a right-to-left line with the neutrals at its
 * edges put back on their logical side, the embedding, override, isolate
 * and mark controls removed, a haraka split from its letter joined again.
 * Line ends are kept, but for those between the pieces of one printed
 * line that -raw cut at a kashida the font maps to a Latin letter or a
 * symbol (".. PDF A" then "A RLE .."), which are joined; if srcno is not NULL,
 * (*srcno)[k] (caller frees) is the source line, 1-based, that output
 * line k+1 starts on, for *nsrc lines.
 */
void	doc_extract_clean(const char *, size_t, struct buf *, size_t **,
	    size_t *);

/*
 * The whole pipeline for pdftotext's text (doc-lines.h has the picture):
 * text[0..tlen) (valid UTF-8, borrowed) cleaned into ext, its lines
 * read, furniture dropped (listed in d's dropped items with its source
 * line), labels, footnotes and paragraphs found, and written as
 * canonical text into canon for the line-style importer to read; ext
 * and canon are initialised here and freed by the caller.  *lmap (caller
 * frees) maps canon's lines to the source's, *nlmap their count.
 */
void	doc_extract_canon(struct doc *, const char *, size_t, struct buf *,
	    struct buf *, size_t **, size_t *);

#endif
