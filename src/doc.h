/*
 * doc.h - documents: from bytes to paragraphs.
 *
 * Pure C, no terminal.  For now the plain reading only: a paragraph is a
 * run of non-empty lines.
 */
#ifndef HAMISH_DOC_H
#define HAMISH_DOC_H

#include <stdbool.h>
#include <stddef.h>

struct buf;

/*
 * Iterator over the plain paragraphs of UTF-8 bytes: a paragraph is a run
 * of lines that are not blank (blank: only spaces and tabs), joined with
 * one space, line ends (LF, CRLF, CR) removed.  A plain value: set s and
 * len, zero the rest.  s is borrowed and must outlive the iteration.
 */
struct doc_plain {
	const char	*s;
	size_t		 len;
	size_t		 pos;	/* next byte to read */
	size_t		 line;	/* lines consumed so far */
};

/*
 * Replaces the contents of para with the next paragraph and returns true,
 * with *first set to the 1-based line it starts on; false at the end.
 */
bool	doc_plain_next(struct doc_plain *, struct buf *, size_t *);

#endif
