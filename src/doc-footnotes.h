/*
 * doc-footnotes.h - the footnote stage: the notes at the foot of each page and their markers (doc-footnotes.c).
 * For the doc-*.c files only; the records are doc-lines.h's.
 */
#ifndef HAMISH_DOC_FOOTNOTES_H
#define HAMISH_DOC_FOOTNOTES_H

#include <stdbool.h>
#include <stddef.h>

#include "doc-lines.h"

/* Marks the footnote lines of d DL_NOTE, a note's first DL_LAB_NOTE
 * (after dl_labels()). */
void		 dl_footnotes(struct dl_doc *);
/* Whether line L has a marker of note v in it, or is one: "(v)" glued or
 * alone, or the number v alone; *at, *len: where, in L->s. */
bool		 dl_marker_find(const struct dl_line *, long, size_t *,
		    size_t *);

#endif
