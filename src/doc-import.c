/*
 * doc-import.c - from the bytes of a file to the document model: the
 * driver of the text importer's pipeline.  Each stage is a file:
 *
 *   doc-decode.c         bytes -> UTF-8: the file read and validated in
 *                        one go, BOM, UTF-16, legacy charsets (ICU's
 *                        guess), ill-formed bytes and NULs repaired
 *   (doc-extract.c ...)  pdftotext's text (any of its modes) -> the
 *                        canonical line-style text, by its own stages
 *                        (doc-lines.h has their picture); a PDF file's
 *                        lines, with their geometry, go through the
 *                        same stages in doc-pdf.c, whose text comes
 *                        back here
 *   doc-style-wrapped.c  the style told: hard-wrapped raw extraction
 *                        (003, numbers "-١" anywhere in a line) or line
 *                        style (imp_wrapped_detect())
 *   doc-style-lines.c    line style -> working blocks: one paragraph per
 *                        line (000) or per blank-line run (001, 002),
 *                        each line classified on its own
 *   doc-style-wrapped.c  or the hard-wrapped style -> working blocks:
 *                        lines joined until the next label in sequence
 *     doc-lineclass.c    what both ask of a line: furniture, header
 *                        fields, footnote markers
 *     doc-blocks.c       the working blocks: body and footnotes, each
 *                        block a list of pieces of source lines, nothing
 *                        copied
 *   doc-emit.c           working blocks -> struct doc: pages, title,
 *                        symbol; each block's pieces joined, NFC, and
 *   doc-inline.c         its inline markup turned into spans
 *
 * doc-import-int.h holds what the stages share.  Everything is one pass
 * over the lines (and one before it that tells the style) and a document
 * costs a handful of allocations: the input, the block and piece arrays,
 * and the document's own arena.
 *
 * Speed (issue 3: at least 100 MB/s, see BENCHMARKS.md): the bytes are
 * gone over as few times as possible, and a byte at a time as rarely as
 * possible.  Validation goes eight bytes at a time; the NFC quick check
 * rides on the inline markup scan, a code point at a time, and sends
 * only the rare block that may not be NFC to ICU; a block that needs no
 * change is not copied on its way to the arena; large arrays are
 * prefaulted in one system call.  The helpers every stage's loops call
 * are inline in doc-import-int.h.
 *
 * Never prints, never exits: problems are returned as a cause or kept as
 * diagnostics in the document.  The only talk to ICU is through text.h.
 */
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "doc-extract.h"
#include "doc-import-int.h"
#include "doc-pdf.h"
#include "util.h"

/* doc_import(), valid as for imp_decode(). */
static struct doc *
import(const char *bytes, size_t len, size_t valid,
    const struct doc_import_opts *o, char **cause)
{
	struct imp im;
	struct inl in;
	struct buf conv, ext = { 0 }, canon = { 0 };
	size_t *lmap = NULL;
	struct lines it;
	struct line line;
	const char *text = NULL;
	size_t tlen = 0;
	bool any = false;

	/* PDF front end hook (doc-pdf.c): a PDF, known by its bytes, is
	 * turned into canonical text, which comes back here as text. */
	if ((o == NULL || !o->from_pdf) && doc_pdf_is(bytes, len))
		return doc_pdf_import(bytes, len, o, cause);

	memset(&im, 0, sizeof im);
	im.d = doc_new();
	buf_init(&conv);
	if (imp_decode(im.d, bytes, len, valid, o != NULL ? o->encoding : NULL,
	    &conv, &text, &tlen, cause) != 0) {
		buf_free(&conv);
		doc_free(im.d);
		return NULL;
	}
	/* An extraction by pdftotext: its own stages (doc-lines.h) make
	 * canonical text of it. */
	if (doc_extract_is(text, tlen)) {
		doc_extract_canon(im.d, text, tlen, &ext, &canon, &lmap,
		    &im.nlmap);
		im.lmap = lmap;
		text = canon.data != NULL ? canon.data : "";
		tlen = canon.len;
	}
	im.text = text;
	im.tlen = tlen;
	lines_init(&it, &im);
	while (!any && line_next(&it, &line)) {
		const char *s = line.s;
		size_t n = line.len;

		trim(&s, &n);
		any = n > 0;
	}
	if (!any) {
		*cause = xstrdup("empty document");
		buf_free(&conv);
		buf_free(&ext);
		buf_free(&canon);
		free(lmap);
		doc_free(im.d);
		return NULL;
	}
	buf_init(&im.labels);
	im.wrapped = imp_wrapped_detect(&im);
	/*
	 * At most one block starts on a line, and a line is one piece of a
	 * block in line style (two at most in the hard-wrapped style): the
	 * arrays are made that large at once, and their pages mapped at
	 * once.
	 */
	im.body.cap = im.body.cseg = im.nlines + 16;
	im.body.v = xreallocarray(NULL, im.body.cap, sizeof *im.body.v);
	im.body.seg = xreallocarray(NULL, im.body.cseg, sizeof *im.body.seg);
	util_prefault(im.body.v, im.body.cap * sizeof *im.body.v);
	util_prefault(im.body.seg, im.body.cseg * sizeof *im.body.seg);
	if (im.wrapped)
		imp_wrapped_assemble(&im);
	else
		imp_lines_assemble(&im);
	imp_title_find(&im);
	imp_pages_find(&im);
	imp_symbol_from_name(&im, o != NULL ? o->name : NULL);

	/* The text only shrinks on its way: one allocation. */
	doc_reserve(im.d, tlen + im.labels.len + 16 * (im.body.n +
	    im.fns.n) + 64, im.body.n + im.fns.n);
	memset(&in, 0, sizeof in);
	buf_init(&in.out);
	buf_init(&in.labs);
	imp_emit(&im, &im.body, &in);
	imp_emit(&im, &im.fns, &in);
	imp_inline_free(&in);
	doc_finish(im.d);

	free(im.body.v);
	free(im.fns.v);
	free(im.body.seg);
	free(im.fns.seg);
	free(im.ffline);
	buf_free(&im.labels);
	buf_free(&conv);
	buf_free(&ext);
	buf_free(&canon);
	free(lmap);
	return im.d;
}

struct doc *
doc_import(const char *bytes, size_t len, const struct doc_import_opts *o,
    char **cause)
{
	return import(bytes, len, NOFF, o, cause);
}

struct doc *
doc_import_file(const char *path, const struct doc_import_opts *o,
    char **cause)
{
	struct doc_import_opts opts;
	struct doc *d;
	char *data, *why;
	size_t len, valid;

	if (imp_file_read(path, &data, &len, &valid, cause) != 0)
		return NULL;
	memset(&opts, 0, sizeof opts);
	if (o != NULL)
		opts = *o;
	if (opts.name == NULL && strcmp(path, "-") != 0)
		opts.name = path;
	d = import(data, len, valid, &opts, &why);
	free(data);
	if (d == NULL) {
		*cause = xasprintf("%s: %s", strcmp(path, "-") == 0 ?
		    "standard input" : path, why);
		free(why);
	}
	return d;
}

int
doc_text_read(const char *path, const struct doc_import_opts *o,
    struct doc_text *t, char **cause)
{
	size_t len, valid;
	char *why = NULL;

	memset(t, 0, sizeof *t);
	if (imp_file_read(path, &t->raw_, &len, &valid, cause) != 0)
		return -1;
	t->conv_ = xmalloc(sizeof *t->conv_);
	buf_init(t->conv_);
	t->d = doc_new();
	if (imp_decode(t->d, t->raw_, len, valid,
	    o != NULL ? o->encoding : NULL,
	    t->conv_, &t->s, &t->len, &why) != 0) {
		*cause = xasprintf("%s: %s", strcmp(path, "-") == 0 ?
		    "standard input" : path, why);
		free(why);
		doc_text_free(t);
		return -1;
	}
	doc_finish(t->d);
	/* Decoded into conv: the bytes are no longer needed. */
	if (t->s < t->raw_ || t->s > t->raw_ + len) {
		free(t->raw_);
		t->raw_ = NULL;
	}
	return 0;
}

void
doc_text_free(struct doc_text *t)
{
	free(t->raw_);
	if (t->conv_ != NULL)
		buf_free(t->conv_);
	free(t->conv_);
	doc_free(t->d);
	memset(t, 0, sizeof *t);
}
