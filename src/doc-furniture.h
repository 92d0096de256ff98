/*
 * doc-furniture.h - the furniture stage: lines marked furniture: tokens, repetition at page edges, page numbers (doc-furniture.c).
 * For the doc-*.c files only; the records are doc-lines.h's.
 */
#ifndef HAMISH_DOC_FURNITURE_H
#define HAMISH_DOC_FURNITURE_H

#include <stdbool.h>
#include <stddef.h>

#include "doc-lines.h"

/* Marks the furniture lines of d DL_FURN. */
void		 dl_furniture(struct dl_doc *);
/* Whether a line s[0..n) of tokens is page furniture of its own (job
 * number, barcode, N/M with M the page count npages when known, 0 if
 * not), wherever it stands. */
bool		 dl_furniture_line(const char *, size_t, size_t);
/* "A/67/170", "CTOC/COP/WG.4/2019/5": a document symbol; "12-43534",
 * "V.19-04312": a job number. */
bool		 dl_is_symbol(const char *, size_t);
bool		 dl_is_job(const char *, size_t);
/* The band of a PDF's line: 1 the top sixth of its page, 2 the bottom
 * sixth, 0 between them or no geometry. */
int		 dl_band(const struct dl_line *);

#endif
