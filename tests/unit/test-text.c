/*
 * test-text.c - the ICU layer: decoding, NFC, classes, widths, breaks.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
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

static int
cmp_uchar(const void *a, const void *b)
{
	return (int)*(const UChar *)a - (int)*(const UChar *)b;
}

/* The longest run of code points that begin with a non-starter. */
static size_t
longest_nonstarters(const uint32_t *u, size_t n, size_t *ncgj)
{
	size_t i, run = 0, most = 0;

	*ncgj = 0;
	for (i = 0; i < n; i++) {
		if (u[i] == 0x034F)
			++*ncgj;
		if (u_getIntPropertyValue((UChar32)u[i],
		    UCHAR_LEAD_CANONICAL_COMBINING_CLASS) != 0) {
			if (++run > most)
				most = run;
		} else
			run = 0;
	}
	return most;
}

/*
 * UAX #15's stream-safe format before NFC (issue 15, item 1): 'a' and a
 * long run of marks of mixed classes get U+034F CGJ after every 30
 * non-starters, in both NFC paths (code points and the importer's
 * UTF-8), and are otherwise ICU's NFC: without the CGJs, the same text
 * up to canonical equivalence.  (The time is in make bench.)
 */
static void
test_stream_safe(void)
{
	static const uint32_t marks[] = { 0x64B, 0x64E, 0x650, 0x651, 0x652,
	    0x653, 0x654, 0x670, 0x300, 0x301, 0x316, 0x323 };
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);
	struct buf b, out, noc;
	uint32_t *u, *v;
	size_t n, m, i, k, ncgj, bad;
	UChar *u1, *u2, *n1, *n2;
	int32_t l1, l2, m1, m2;
	bool same;

	buf_init(&b);
	buf_init(&out);
	buf_init(&noc);
	buf_addc(&b, 'a');
	for (i = 0; i < 1000; i++)
		buf_add_utf8(&b, marks[rnd(UTIL_NELEM(marks))]);
	buf_addc(&b, 'b');
	u = text_utf8_decode(b.data, b.len, TEXT_NFC, &n, &bad);
	k = longest_nonstarters(u, n, &ncgj);
	ok(k <= 30 && ncgj >= 1000 / 30,
	    "NFC of 'a' and 1,000 marks: no more than 30 non-starters in "
	    "a row (%zu CGJs)", ncgj);
	/* Without the CGJs, canonically equivalent to the input. */
	for (i = 0; i < n; i++)
		if (u[i] != 0x034F)
			buf_add_utf8(&noc, u[i]);
	u1 = xreallocarray(NULL, 3 * b.len + 1, sizeof *u1);
	u2 = xreallocarray(NULL, 3 * b.len + 1, sizeof *u2);
	n1 = xreallocarray(NULL, 9 * b.len + 1, sizeof *n1);
	n2 = xreallocarray(NULL, 9 * b.len + 1, sizeof *n2);
	u_strFromUTF8(u1, (int32_t)(3 * b.len), &l1, b.data, (int32_t)b.len,
	    &err);
	u_strFromUTF8(u2, (int32_t)(3 * b.len), &l2, noc.data,
	    (int32_t)noc.len, &err);
	/* NFD of both: equivalence without asking ICU to sort 1,000 again */
	m1 = unorm2_normalize(unorm2_getNFDInstance(&err), u1, l1, n1,
	    (int32_t)(9 * b.len), &err);
	m2 = unorm2_normalize(unorm2_getNFDInstance(&err), u2, l2, n2,
	    (int32_t)(9 * b.len), &err);
	/* The CGJs stop marks moving past them: the same marks, in
	 * another order where classes differ across a CGJ. */
	same = U_SUCCESS(err) && m1 == m2 && u[n - 1] == 'b';
	if (same) {
		qsort(n1, (size_t)m1, sizeof *n1, cmp_uchar);
		qsort(n2, (size_t)m2, sizeof *n2, cmp_uchar);
		same = memcmp(n1, n2, (size_t)m1 * sizeof *n1) == 0;
	}
	ok(same, "the same marks, no mark lost or added");
	(void)nfc;
	/* The importer's path, UTF-8 to UTF-8, gives the same text. */
	ok(text_utf8_nfc(b.data, b.len, &out), "the importer's NFC changes "
	    "the run");
	v = text_utf8_decode(out.data, out.len, 0, &m, NULL);
	ok(m == n && memcmp(u, v, n * sizeof *u) == 0,
	    "the importer's NFC gives the same stream-safe text");
	free(v);
	/* Stream-safe NFC text is left as it is. */
	buf_reset(&out);
	ok(!text_utf8_nfc(out.data, 0, &out), "nothing to do on nothing");
	buf_reset(&noc);
	text_utf8_encode(&noc, u, n);
	same = !text_utf8_nfc(noc.data, noc.len, &out) || (out.len ==
	    noc.len && memcmp(out.data, noc.data, noc.len) == 0);
	ok(same, "stream-safe NFC text stays as it is");
	free(u);
	free(u1);
	free(u2);
	free(n1);
	free(n2);
	buf_free(&b);
	buf_free(&out);
	buf_free(&noc);
}

/* What `y` copies: text_utf8_clean() (issue 15, item 7). */
static void
test_clean(void)
{
	/* ESC [ 2 J, C1 CSI, BEL, RLO ... PDF, LRI ... PDI, LRE, RLE,
	 * LRO, FSI, RLI; kept: TAB, LF, LRM, RLM, ALM, ZWJ, letters. */
	static const char in[] =
	    "a\033[2Jb\302\233c\007\r\342\200\256\330\250\342\200\254 "
	    "\342\201\246x\342\201\251\t\342\200\252\342\200\253"
	    "\342\200\255\342\201\250\342\201\247\n"
	    "\342\200\216\342\200\217\330\234\342\200\215\177"
	    "\377z";
	static const char want[] =
	    "a[2Jbc\330\250 x\t\n\342\200\216\342\200\217\330\234"
	    "\342\200\215z";
	char s[sizeof in];
	size_t n, i;
	bool clean = true;

	memcpy(s, in, sizeof in);
	n = text_utf8_clean(s, sizeof in - 1);
	s[n] = '\0';
	is_str(s, want, "clean: controls, embeddings, overrides and isolates "
	    "go; TAB, LF, LRM, RLM, ALM and ZWJ stay");
	/* every code point from U+0000 to U+10FFFF, one at a time */
	for (uint32_t c = 0; c <= 0x10FFFF && clean; c++) {
		char u[4];
		bool drop = c < 0x20 ? c != '\t' && c != '\n' :
		    (c >= 0x7F && c < 0xA0) || (c >= 0x202A && c <= 0x202E) ||
		    (c >= 0x2066 && c <= 0x2069) || (c >= 0xD800 && c < 0xE000);

		n = utf8_put(u, c);
		i = text_utf8_clean(u, n);
		clean = i == (drop ? 0 : n);
		if (!clean)
			printf("#   U+%04X: %zu bytes left of %zu\n", c, i, n);
	}
	ok(clean, "clean: each code point alone dropped or kept as it is");
	n = text_utf8_clean(s, 0);
	is_int(n, 0, "clean: nothing stays nothing");
}

/* text_utf8_valid(), for notes import (issue 15, item 5). */
static void
test_valid(void)
{
	struct buf b;
	size_t bad;

	buf_init(&b);
	bad = text_utf8_valid(&b, "a\233b", 3);
	is_str(b.data, "a\357\277\275b", "valid: a raw 0x9B is U+FFFD");
	is_int(bad, 1, "valid: one replacement");
	buf_reset(&b);
	bad = text_utf8_valid(&b, "\355\240\200x\355\277\277", 7);
	is_str(b.data, "\357\277\275x\357\277\275",
	    "valid: a lone surrogate (from \"\\ud800\") is one U+FFFD");
	is_int(bad, 2, "valid: two surrogates, two replacements");
	buf_reset(&b);
	bad = text_utf8_valid(&b, "\300\257\360\237\230", 5);
	ok(bad >= 2 && strstr(b.data, "\300") == NULL &&
	    strstr(b.data, "\360") == NULL,
	    "valid: overlong and truncated sequences replaced");
	buf_reset(&b);
	bad = text_utf8_valid(&b, "سلام \360\237\230\200\302\233", 15);
	is_int(bad, 0, "valid: well-formed text (C1 included) is left");
	ok(b.len == 15 && memcmp(b.data, "سلام \360\237\230\200\302\233",
	    15) == 0, "valid: byte for byte");
	buf_free(&b);
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
	test_stream_safe();
	test_clean();
	test_valid();
	text_cleanup();
	return tap_done();
}
