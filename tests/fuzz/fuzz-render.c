/*
 * fuzz-render.c - libFuzzer target (make fuzz): arbitrary bytes through
 * what `hamish render --plain` does to them (decoding, NFC, layout at a
 * width and with flags taken from the first two bytes, the rows), with
 * checks besides the sanitizers': the decoder agrees with ICU's own
 * conversion and normaliser; lines run in order over each paragraph and
 * none is wider than the width unless it is one grapheme cluster; no row
 * holds a control character.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "doc.h"
#include "layout.h"
#include "render.h"
#include "text.h"
#include "util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * UAX #15's stream-safe format, as the decoder applies it before NFC:
 * U+034F after each 30 code points in a row that begin with a
 * non-starter.  u has room for n + n / 30 units; returns the new length.
 */
static int32_t
stream_safe(UChar *u, int32_t n)
{
	UChar *t = xreallocarray(NULL, (size_t)n + 1, sizeof *t);
	int32_t i = 0, k = 0, p, run = 0;
	UChar32 c;

	memcpy(t, u, (size_t)n * sizeof *u);
	while (i < n) {
		p = i;
		U16_NEXT(t, i, n, c);
		if (c < 0x300 || u_getIntPropertyValue(c,
		    UCHAR_LEAD_CANONICAL_COMBINING_CLASS) == 0)
			run = 0;
		else if (++run > 30) {
			u[k++] = 0x034F;
			run = 1;
		}
		while (p < i)
			u[k++] = t[p++];
	}
	free(t);
	return k;
}

/* The decoder against ICU: code points, U+FFFD count, NFC. */
static void
check_decode(const char *s, size_t len)
{
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);
	UChar *u, *norm;
	uint32_t *cps, c32;
	size_t n, bad, i = 0;
	int32_t ulen = 0, nsubs = 0, m, j = 0;
	UChar32 c;

	cps = text_utf8_decode(s, len, TEXT_NFC, &n, &bad);
	u = xreallocarray(NULL, 3 * len + 1, sizeof *u);
	norm = xreallocarray(NULL, 9 * len + 1, sizeof *norm);
	u_strFromUTF8WithSub(u, (int32_t)(2 * len + 1), &ulen, s, (int32_t)len,
	    0xFFFD, &nsubs, &err);
	ulen = stream_safe(u, ulen);
	m = unorm2_normalize(nfc, u, ulen, norm, (int32_t)(9 * len + 1), &err);
	if (U_FAILURE(err) || bad != (size_t)nsubs)
		abort();
	while (j < m) {
		U16_NEXT(norm, j, m, c);
		c32 = (uint32_t)c;
		if (i >= n || cps[i++] != c32)
			abort();
	}
	if (i != n)
		abort();
	free(u);
	free(norm);
	free(cps);
}

/* No C0, C1 or DEL in the rows, and every row ends with a newline. */
static void
check_rows(const struct buf *b)
{
	uint32_t *cps;
	size_t n, i;

	if (b->len == 0)
		return;
	if (b->data[b->len - 1] != '\n')
		abort();
	cps = text_utf8_decode(b->data, b->len, 0, &n, NULL);
	for (i = 0; i < n; i++)
		if ((cps[i] < 0x20 && cps[i] != '\n') ||
		    (cps[i] >= 0x7F && cps[i] < 0xA0))
			abort();
	free(cps);
}

/*
 * Whether a line may end before cps[i], a grapheme boundary: not inside
 * a lam-alef ligature, which is one cell (marks may sit between).
 */
static bool
splittable(const uint32_t *cps, size_t i)
{
	size_t j = i;

	if (cps[i] != 0x622 && cps[i] != 0x623 && cps[i] != 0x625 &&
	    cps[i] != 0x627)
		return true;
	while (j > 0 && text_cp_class(cps[j - 1]) == TEXT_CLS_MARK)
		j--;
	return j == 0 || cps[j - 1] != 0x644;
}

/*
 * The lines of each paragraph at the width: in order, covering it, and
 * none wider than the width unless it holds a single grapheme cluster
 * (or lam-alef ligature; white space it hangs aside) that is wider:
 * layout never splits one.
 */
static void
check_lines(const char *s, size_t len, int width, int flags)
{
	struct doc_plain it = { s, len, 0, 0 };
	struct lay_lines ll = { 0 };
	struct lay_para *lp;
	struct buf para;
	uint32_t *cps;
	uint8_t *brk;
	size_t n, first, k, i, end, next;

	buf_init(&para);
	while (doc_plain_next(&it, &para, &first)) {
		cps = text_utf8_decode(para.data, para.len, TEXT_NFC, &n, NULL);
		lp = lay_para_new(cps, n, LAY_DIR_AUTO_RTL, flags);
		lay_para_wrap(lp, width, &ll);
		brk = xcalloc(n + 1, 1);
		text_breaks(cps, n, TEXT_BRK_GRAPHEME, brk);
		for (k = 0, next = 0; k < ll.nline; k++) {
			if (ll.line[k].start != next)
				abort();
			next = ll.line[k].end;
			if (ll.line[k].width <= width)
				continue;
			end = ll.line[k].end;
			while (end > ll.line[k].start &&
			    text_cp_is_space(cps[end - 1]))
				end--;
			for (i = ll.line[k].start + 1; i < end; i++)
				if ((brk[i] & TEXT_BRK_GRAPHEME) &&
				    splittable(cps, i))
					abort();
		}
		if (next != n)
			abort();
		free(brk);
		lay_para_free(lp);
		free(cps);
	}
	lay_lines_free(&ll);
	buf_free(&para);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct render_plain_opts o = { 1, 0, 0, NULL, NULL, 0 };
	struct buf out;
	size_t nbad = 0;

	if (size < 2 || memchr(data + 2, '\0', size - 2) != NULL)
		return 0;	/* hamish refuses NUL bytes */
	o.width = 1 + data[0] % 120;
	o.lay_flags = data[1] & 1 ? LAY_NO_SHAPE : 0;
	o.render_flags = data[1] & 2 ? RENDER_MAP : 0;
	check_decode((const char *)data + 2, size - 2);
	check_lines((const char *)data + 2, size - 2, o.width, o.lay_flags);
	buf_init(&out);
	render_plain(&out, (const char *)data + 2, size - 2, &o, &nbad);
	check_rows(&out);
	buf_free(&out);
	return 0;
}
