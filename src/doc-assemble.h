/*
 * doc-assemble.h - the paragraph stage: records to paragraphs, as canonical text (doc-assemble.c).
 * For the doc-*.c files only; the records are doc-lines.h's.
 */
#ifndef HAMISH_DOC_ASSEMBLE_H
#define HAMISH_DOC_ASSEMBLE_H

#include <stdbool.h>
#include <stddef.h>

#include "doc-lines.h"

struct buf;

/*
 * The body lines of d as canonical text into out, one block per line
 * with a blank line between, "N - text" for a numbered paragraph, the
 * notes of a page after the paragraph open at its end; map[k] is the
 * source line of canonical line k + 1 (caller frees), *nmap their
 * count.  Page breaks are form feeds on lines of their own before the
 * first block of the page.
 */
void		 dl_assemble(const struct dl_doc *, struct buf *, size_t **,
		    size_t *);

#endif
