/*
 * fuzz-pdf.c - libFuzzer target (make fuzz): arbitrary bytes through the
 * PDF path (doc-pdf.c, then the importer), with "%PDF-" put in front of
 * bytes that lack it so that every input reaches poppler.  Besides the
 * sanitizers' checks: a refusal has a one-line cause; the canonical text
 * is valid UTF-8 with no bidi control and no control character but
 * newline and form feed.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "doc-pdf.h"
#include "util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_text(const char *s, size_t n)
{
	size_t i = 0;

	if (utf8_count(s, n) == (size_t)-1)
		abort();
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 && c != '\n' && c != '\f')
			abort();
		/* U+202A..U+202E, U+2066..U+2069: E2 80 AA..AE, E2 81 A6..A9 */
		if (c == 0xE2 && i + 2 < n && (((unsigned char)s[i + 1] ==
		    0x80 && (unsigned char)s[i + 2] >= 0xAA &&
		    (unsigned char)s[i + 2] <= 0xAE) ||
		    ((unsigned char)s[i + 1] == 0x81 &&
		    (unsigned char)s[i + 2] >= 0xA6 &&
		    (unsigned char)s[i + 2] <= 0xA9)))
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf in, out;
	char *cause = NULL;
	struct doc *d;

	buf_init(&in);
	if (!doc_pdf_is((const char *)data, size))
		buf_adds(&in, "%PDF-1.4\n");
	buf_add(&in, data, size);
	buf_init(&out);
	if (doc_pdf_text(in.data, in.len, 0, &out, NULL, &cause) == 0)
		check_text(out.data != NULL ? out.data : "", out.len);
	else if (cause == NULL || strchr(cause, '\n') != NULL)
		abort();
	free(cause);
	cause = NULL;
	d = doc_import(in.data, in.len, NULL, &cause);
	if (d == NULL && (cause == NULL || strchr(cause, '\n') != NULL))
		abort();
	doc_free(d);
	free(cause);
	buf_free(&out);
	buf_free(&in);
	return 0;
}
