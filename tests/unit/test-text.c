/*
 * test-text.c - the ICU layer: decoding, NFC, classes, widths, breaks.
 */
#include <stdlib.h>
#include <string.h>

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

int
main(void)
{
	test_decode();
	test_nfc();
	test_classes();
	test_bidi_props();
	test_breaks();
	text_cleanup();
	return tap_done();
}
