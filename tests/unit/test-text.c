/*
 * test-text.c - the ICU layer: decoding, NFC, classes, widths, breaks.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "rnd.h"
#include "tap.h"
#include "text.h"
#include "util.h"


static uint32_t *
dec(const char *s, size_t *n, size_t *nbad)
{
	return text_utf8_decode(s, strlen(s), TEXT_NFC, n, nbad);
}

static void
test_decode(void)
{
	uint32_t *u;
	size_t n, bad;

	u = dec("\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85", &n, &bad);
	ok(n == 4 && u[0] == 0x0633 && u[3] == 0x0645 && bad == 0,
	    "valid Arabic UTF-8 decodes to 4 code points");
	free(u);

	u = dec("a\xff" "b\xc3", &n, &bad);
	ok(n == 4 && u[1] == 0xFFFD && u[3] == 0xFFFD && bad == 2,
	    "a stray byte and a truncated sequence become U+FFFD, counted");
	free(u);

	u = dec("\xed\xa0\x80x", &n, &bad);	/* encoded surrogate */
	ok(n >= 2 && u[0] == 0xFFFD && u[n - 1] == 'x' && bad >= 1,
	    "an encoded surrogate is ill-formed");
	free(u);

	u = dec("\xc0\xaf", &n, &bad);		/* overlong '/' */
	ok(bad >= 1 && u[0] == 0xFFFD, "an overlong encoding is ill-formed");
	free(u);

	u = text_utf8_decode("a\0b", 3, TEXT_NFC, &n, &bad);
	ok(n == 3 && u[1] == 0, "NUL is decoded, not a terminator");
	free(u);

	u = text_utf8_decode("", 0, TEXT_NFC, &n, &bad);
	ok(n == 0 && bad == 0, "empty input decodes to nothing");
	free(u);
}

static void
test_nfc(void)
{
	uint32_t *u;
	size_t n;

	/* lam, alef, madda above -> lam, alef with madda (U+0622) */
	u = dec("\xd9\x84\xd8\xa7\xd9\x93", &n, NULL);
	ok(n == 2 && u[0] == 0x0644 && u[1] == 0x0622,
	    "NFC composes alef + madda into U+0622");
	free(u);
	u = text_utf8_decode("\xd9\x84\xd8\xa7\xd9\x93", 6, 0, &n, NULL);
	ok(n == 3, "without TEXT_NFC the text is kept as written");
	free(u);
	/* beh, shadda, fatha -> beh, fatha, shadda (canonical order) */
	u = dec("\xd8\xa8\xd9\x91\xd9\x8e", &n, NULL);
	ok(n == 3 && u[1] == 0x064E && u[2] == 0x0651,
	    "NFC puts fatha (ccc 30) before shadda (ccc 33)");
	free(u);
	u = dec("e\xcc\x81", &n, NULL);
	ok(n == 1 && u[0] == 0xE9, "e + combining acute composes to U+00E9");
	free(u);
}

static void
test_classes(void)
{
	is_int(text_cp_width('a'), 1, "ASCII letter is 1 cell");
	is_int(text_cp_width(0x0628), 1, "Arabic letter is 1 cell");
	is_int(text_cp_width(0xFEFB), 1, "lam-alef ligature is 1 cell");
	is_int(text_cp_width(0x064E), 0, "fatha is 0 cells");
	is_int(text_cp_width(0x0670), 0, "superscript alef is 0 cells");
	is_int(text_cp_width(0x200F), 0, "RLM is 0 cells");
	is_int(text_cp_width(0xFEFF), 0, "ZWNBSP is 0 cells");
	is_int(text_cp_width(0x4E00), 2, "CJK ideograph is 2 cells");
	is_int(text_cp_width(0xFF21), 2, "fullwidth A is 2 cells");
	is_int(text_cp_width(0x0600), 1,
	    "prepended concatenation mark U+0600 is visible, 1 cell");
	is_int(text_cp_width(0x10EFD), 0,
	    "Unicode 15 Arabic mark U+10EFD is 0 cells (glibc says -1)");
	ok(text_cp_class(0x1B) == TEXT_CLS_CONTROL, "ESC is a control");
	ok(text_cp_class(0x9B) == TEXT_CLS_CONTROL, "CSI (C1) is a control");
	ok(text_cp_class(0x200D) == TEXT_CLS_IGNORE, "ZWJ is ignorable");
	ok(text_cp_class(0x0651) == TEXT_CLS_MARK, "shadda is a mark");
	ok(text_cp_class(0x0378) == TEXT_CLS_INVALID, "unassigned is invalid");
	is_int(text_cp_visible(0x1B), 0x241B, "ESC shows as U+241B");
	is_int(text_cp_visible(0x00), 0x2400, "NUL shows as U+2400");
	is_int(text_cp_visible(0x7F), 0x2421, "DEL shows as U+2421");
	is_int(text_cp_visible(0x9B), 0xFFFD, "C1 CSI shows as U+FFFD");
	is_int(text_cp_visible(0x0628), 0x0628, "a letter shows as itself");
	ok(text_cp_is_space(' ') && text_cp_is_space('\t') &&
	    text_cp_is_space(0x2003), "space, tab and em space hang");
	ok(!text_cp_is_space(0xA0) && !text_cp_is_space(0x202F),
	    "no-break spaces do not hang");
}

static void
test_bidi_props(void)
{
	uint32_t id = 0, id2 = 0;

	ok(text_cp_bidi(0x0628) == TEXT_BIDI_AL, "beh is AL");
	ok(text_cp_bidi(0x0661) == TEXT_BIDI_AN, "Arabic-Indic one is AN");
	ok(text_cp_bidi('1') == TEXT_BIDI_EN, "digit one is EN");
	/* FriBidi 1.0.8 (Unicode 10) types these as strong R. */
	ok(text_cp_bidi(0x08D3) == TEXT_BIDI_NSM,
	    "U+08D3 is NSM (Unicode 15), not R");
	ok(text_cp_bidi(0x0870) == TEXT_BIDI_AL, "U+0870 is AL, not R");
	is_int(text_cp_bracket('(', &id), 1, "( opens");
	is_int(id, '(', "( has id (");
	is_int(text_cp_bracket(')', &id2), 2, ") closes");
	is_int(id2, '(', ") pairs with (");
	is_int(text_cp_bracket('a', &id), 0, "a is no bracket");
	text_cp_bracket(0x2329, &id);
	text_cp_bracket(0x3009, &id2);
	ok(id == id2, "U+2329 and U+3009 pair (canonical equivalents)");
}

static void
test_breaks(void)
{
	uint8_t f[32];
	uint32_t s1[] = { 'a', 'b', ' ', 'c', 'd' };
	/* lam fatha alef space beh */
	uint32_t s2[] = { 0x0644, 0x064E, 0x0627, ' ', 0x0628 };
	uint32_t s3[] = { 'a', 0x2028, 'b' };
	uint32_t s4[] = { 0x1F600, 'x' };

	memset(f, 0, sizeof f);
	text_breaks(s1, 5, TEXT_BRK_LINE, f);
	ok((f[3] & TEXT_BRK_LINE) && !(f[1] & TEXT_BRK_LINE) &&
	    !(f[2] & TEXT_BRK_LINE), "line break after the space only");
	memset(f, 0, sizeof f);
	text_breaks(s1, 5, TEXT_BRK_WORD, f);
	ok((f[0] & f[2] & f[3] & f[5] & TEXT_BRK_WORD) &&
	    !(f[1] & TEXT_BRK_WORD), "word boundaries around ab, space, cd");
	memset(f, 0, sizeof f);
	text_breaks(s2, 5, TEXT_BRK_GRAPHEME, f);
	ok((f[0] & f[2] & f[3] & TEXT_BRK_GRAPHEME) &&
	    !(f[1] & TEXT_BRK_GRAPHEME),
	    "the fatha belongs to the lam's grapheme");
	memset(f, 0, sizeof f);
	text_breaks(s3, 3, TEXT_BRK_LINE, f);
	ok((f[2] & TEXT_BRK_HARD) && !(f[1] & TEXT_BRK_HARD),
	    "a line separator forces a break after it");
	memset(f, 0, sizeof f);
	text_breaks(s4, 2, TEXT_BRK_GRAPHEME, f);
	ok((f[0] & f[1] & f[2] & TEXT_BRK_GRAPHEME),
	    "astral code points map back to code point offsets");
}

/*
 * text_utf8_decode_buf() decodes UTF-8 itself; ICU is the reference:
 * u_strFromUTF8WithSub() for the code points and the count of U+FFFD,
 * unorm2_normalize() of the whole for NFC.  Random bytes biased towards
 * Arabic, harakat, other marks, lead bytes without their trails and
 * encoded surrogates, in one reused buffer that grows and shrinks.
 */
static void
test_decode_icu(void)
{
	static const char *const pieces[] = {
		"\xd8\xa7", "\xd9\x84", "\xd9\x8e", "\xd9\x91", "\xd9\x93",
		"\xd9\x94", "\xd9\x95", "\xd9\x8b", "\xd9\x90", "\xd9\x92",
		"\xd8\xa9", "a", " ", "\t", "\r", "e\xcc\x81", "\xcc\x81",
		"\xcc\xa3", "\xe0\xa4\xa4", "\xe0\xa5\x8d", "\xea\xb0\x80",
		"\xe1\x86\xa8", "\xf0\x9f\x98\x80", "\xf0\x9d\x85\x97",
		"\xf0\x9d\x85\xa5", "\xe2\x80\x8f", "\xef\xbb\xbf",
		"\xc0\xaf", "\xed\xa0\x80", "\xe0\x80", "\xf4\x90\x80\x80",
		"\xc3", "\xe2\x82", "\xf0\x9f\x98", "\x80", "\xff", "\xfe",
		"\xe0\xa0", "\xf0\x90", "\xd8\xa7\xd9\x93", "\xe0\xa5\x98",
		"\xef\xac\xaa", "\xcd\x84",
	};
	UErrorCode err;
	const UNormalizer2 *nfc;
	UChar u[2048], norm[6200];
	uint32_t *buf = NULL, *ref = NULL, *one;
	char bytes[1024];
	size_t cap = 0, n, bad, len, i, k, nref, same = 0, runs = 400;
	int32_t ulen, nsubs, m, j;
	UChar32 c;
	int flags;

	err = U_ZERO_ERROR;
	nfc = unorm2_getNFCInstance(&err);
	ref = xreallocarray(NULL, 6200, sizeof *ref);
	for (i = 0; i < runs; i++) {
		len = 0;
		k = 1 + rnd(i % 7 == 0 ? 300 : 24);
		while (k-- > 0) {
			const char *p = pieces[rnd(UTIL_NELEM(pieces))];

			if (len + strlen(p) >= sizeof bytes)
				break;
			memcpy(bytes + len, p, strlen(p));
			len += strlen(p);
		}
		flags = i % 3 == 0 ? 0 : TEXT_NFC;
		n = text_utf8_decode_buf(bytes, len, flags, &buf, &cap, &bad);

		err = U_ZERO_ERROR;
		u_strFromUTF8WithSub(u, (int32_t)UTIL_NELEM(u), &ulen, bytes,
		    (int32_t)len, 0xFFFD, &nsubs, &err);
		if (flags & TEXT_NFC) {
			m = unorm2_normalize(nfc, u, ulen, norm,
			    (int32_t)UTIL_NELEM(norm), &err);
			memcpy(u, norm, (size_t)m * sizeof *u);
			ulen = m;
		}
		for (nref = 0, j = 0; j < ulen; ) {
			U16_NEXT(u, j, ulen, c);
			ref[nref++] = (uint32_t)c;
		}
		if (U_SUCCESS(err) && n == nref && bad == (size_t)nsubs &&
		    memcmp(buf, ref, n * sizeof *buf) == 0)
			same++;
		else
			printf("# differs from ICU: flags %d, %zu bytes\n",
			    flags, len);
		/* The allocating call gives the same. */
		one = text_utf8_decode(bytes, len, flags, &k, NULL);
		if (k != n || memcmp(one, buf, n * sizeof *one) != 0)
			same = 0;
		free(one);
	}
	ok(same == runs, "decoding and NFC as ICU's, %zu random texts", runs);
	free(buf);
	free(ref);
}

/*
 * text.c normalises only the pieces of a text that fail the quick check,
 * cut before yes0 code points; that is right because ICU has an NFC
 * boundary before each of them.
 */
static void
test_nfc_boundaries(void)
{
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);
	uint32_t c, bad = 0, yes0 = 0;

	for (c = 0; c <= 0xFFFF; c++) {
		if (c >= 0xD800 && c <= 0xDFFF)
			continue;
		if (!text_cp_nfc_yes0(c))
			continue;
		yes0++;
		if (!unorm2_hasBoundaryBefore(nfc, (UChar32)c))
			bad++;
	}
	ok(U_SUCCESS(err) && yes0 > 50000 && bad == 0,
	    "ICU has an NFC boundary before every yes0 code point (%u)",
	    yes0);
}

/*
 * text_line_breaks() a piece at a time gives text_breaks()' line flags,
 * whether it goes on where it stopped or starts again (another text in
 * between, supplementary code points, a hard break).
 */
static void
test_line_breaks_pieces(void)
{
	static const uint32_t alphabet[] = {
		0x0627, 0x0644, 0x0645, 0x064E, ' ', ' ', ' ', '-', '/', '(',
		')', '1', '2', ',', 'a', 'b', 0x1F600, 0x2028, '\t', 0x201D,
		0x00A0, 0x3001, 0x4E00, 0x0661,
	};
	uint32_t s[400], other[] = { 'x', ' ', 'y' };
	uint8_t want[401], got[401], tmp[4];
	size_t n, r, upto, i, k, same = 0, runs = 200;

	for (i = 0; i < runs; i++) {
		n = 1 + rnd(UTIL_NELEM(s));
		for (k = 0; k < n; k++)
			s[k] = alphabet[rnd(UTIL_NELEM(alphabet))];
		memset(want, 0, n + 1);
		text_breaks(s, n, TEXT_BRK_LINE, want);
		memset(got, 0, n + 1);
		for (r = 0; r < n; ) {
			upto = r + 1 + rnd(40);
			r = text_line_breaks(s, n, r, upto, got);
			if (rnd(4) == 0) {	/* the iterator goes elsewhere */
				memset(tmp, 0, sizeof tmp);
				text_line_breaks(other, 3, 0, 3, tmp);
			}
		}
		if (memcmp(want, got, n + 1) == 0)
			same++;
	}
	ok(same == runs, "line breaks a piece at a time, %zu texts", runs);
}

int
main(void)
{
	test_decode();
	test_nfc();
	test_classes();
	test_bidi_props();
	test_breaks();
	test_decode_icu();
	test_nfc_boundaries();
	test_line_breaks_pieces();
	text_cleanup();
	return tap_done();
}
