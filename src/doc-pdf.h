/*
 * doc-pdf.h - the PDF front end: the pages of a PDF as the canonical text
 * the importer reads (doc-pdf.c, the only file that talks to poppler).
 */
#ifndef HAMISH_DOC_PDF_H
#define HAMISH_DOC_PDF_H

#include <stdbool.h>
#include <stddef.h>

struct buf;
struct doc;
struct doc_import_opts;

/* Whether len bytes are a PDF: "%PDF-" within the first 1,024 bytes,
 * as readers accept it (the content, never the file name). */
bool	doc_pdf_is(const char *, size_t);

/*
 * Appends to out the canonical text of the PDF in len bytes (borrowed,
 * only during the call), pages [0, max_pages) or all if max_pages is 0:
 * UTF-8 in logical order with no bidi controls; a form feed before each
 * page after the first; one paragraph per line, a blank line between
 * paragraphs, headings on their own line, a numbered paragraph starting
 * with its label as printed ("١ - ..."); footnote markers of the body as
 * ⁽¹⁸⁾; then, after a line "__________", the footnotes that start on the
 * page, one per line as "(18) text" (a footnote continued on the next
 * page joined); running headers, footers, page numbers, job numbers and
 * barcodes dropped.  *npages (may be NULL) receives the number of pages
 * of the whole PDF.  Returns 0, or -1 with *cause (caller frees, one
 * line): encrypted, damaged, or without a text layer (scanned).
 */
int	doc_pdf_text(const char *, size_t, size_t, struct buf *, size_t *,
	    char **);

/*
 * doc_import() of a PDF: its canonical text imported as text (opts as
 * for doc_import(), its max_pages honoured).  Returns the document
 * (caller frees with doc_free()) or NULL with *cause (caller frees).
 */
struct doc *doc_pdf_import(const char *, size_t,
	    const struct doc_import_opts *, char **);

#endif
