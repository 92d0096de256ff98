/*
 * text.c - the only file that talks to ICU.
 *
 * Decoding goes UTF-8 -> UTF-16 (ICU's substitution of ill-formed
 * sequences) -> NFC (skipped when the quick check says the text already
 * is) -> UTF-32.  Character classes for display are computed from ICU
 * properties once per 256-code-point page and cached, because layout asks
 * for every code point of every paragraph.  Break iterators are opened
 * once per kind and reused; opening one loads its rules and costs far
 * more than a paragraph.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "text.h"
#include "util.h"

_Static_assert(TEXT_BIDI_PDI == (int)U_POP_DIRECTIONAL_ISOLATE,
    "enum text_bidi must follow UCharDirection");
_Static_assert(TEXT_BIDI_AL == (int)U_RIGHT_TO_LEFT_ARABIC,
    "enum text_bidi must follow UCharDirection");

/* Converts UTF-16 to code points; returns the count written to out. */
static size_t
utf16_to_cp(const UChar *u, int32_t n, uint32_t *out)
{
	int32_t i = 0;
	size_t k = 0;
	UChar32 c;

	while (i < n) {
		U16_NEXT(u, i, n, c);
		if (U_IS_SURROGATE(c))
			c = 0xFFFD;	/* unpaired surrogate from a decoder */
		out[k++] = (uint32_t)c;
	}
	return k;
}

uint32_t *
text_utf8_decode(const char *s, size_t len, int flags, size_t *n,
    size_t *nbad)
{
	UErrorCode err = U_ZERO_ERROR;
	UChar *u, *norm = NULL;
	int32_t ulen = 0, nsubs = 0, span;
	uint32_t *out;

	if (len > INT32_MAX / 2)
		die("text too large (%zu bytes)", len);
	/* UTF-16 never needs more units than UTF-8 has bytes. */
	u = xmalloc((len + 1) * sizeof *u);
	u_strFromUTF8WithSub(u, (int32_t)len + 1, &ulen, s, (int32_t)len,
	    0xFFFD, &nsubs, &err);
	if (U_FAILURE(err))
		die("UTF-8 conversion failed: %s", u_errorName(err));
	if (nbad != NULL)
		*nbad = (size_t)nsubs;

	if (flags & TEXT_NFC) {
		const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);

		if (U_FAILURE(err))
			die("ICU has no NFC data: %s", u_errorName(err));
		span = unorm2_spanQuickCheckYes(nfc, u, ulen, &err);
		if (U_SUCCESS(err) && span < ulen) {
			/* Normalise the tail; NFC can grow text up to 3x. */
			int32_t cap = span + (ulen - span) * 3 + 1, m;

			norm = xmalloc((size_t)cap * sizeof *norm);
			memcpy(norm, u, (size_t)span * sizeof *u);
			m = unorm2_normalize(nfc, u + span, ulen - span,
			    norm + span, cap - span, &err);
			if (U_FAILURE(err))
				die("NFC failed: %s", u_errorName(err));
			free(u);
			u = norm;
			ulen = span + m;
		}
	}
	out = xmalloc(((size_t)ulen + 1) * sizeof *out);
	*n = utf16_to_cp(u, ulen, out);
	free(u);
	return out;
}

void
text_utf8_encode(struct buf *b, const uint32_t *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		buf_add_utf8(b, s[i]);
}

/* --- display classes --------------------------------------------------- */

static uint8_t *cls_pages[0x110000 >> 8];

static enum text_cls
cls_compute(UChar32 c)
{
	int8_t gc = u_charType(c);
	int hst;

	if (gc == U_CONTROL_CHAR)
		return TEXT_CLS_CONTROL;
	if (gc == U_UNASSIGNED || gc == U_SURROGATE)
		return TEXT_CLS_INVALID;
	if (u_hasBinaryProperty(c, UCHAR_PREPENDED_CONCATENATION_MARK))
		return TEXT_CLS_NORMAL;	/* U+0600..0605: visible, 1 cell */
	if (gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK)
		return TEXT_CLS_MARK;
	hst = u_getIntPropertyValue(c, UCHAR_HANGUL_SYLLABLE_TYPE);
	if (hst == U_HST_VOWEL_JAMO || hst == U_HST_TRAILING_JAMO)
		return TEXT_CLS_MARK;	/* conjoining jamo join the lead */
	if (gc == U_FORMAT_CHAR || gc == U_LINE_SEPARATOR ||
	    gc == U_PARAGRAPH_SEPARATOR ||
	    u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT))
		return TEXT_CLS_IGNORE;
	switch (u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH)) {
	case U_EA_WIDE:
	case U_EA_FULLWIDTH:
		return TEXT_CLS_WIDE;
	default:
		return TEXT_CLS_NORMAL;
	}
}

enum text_cls
text_cp_class(uint32_t c)
{
	uint8_t *page;
	uint32_t i;

	if (c >= 0x20 && c < 0x7F)
		return TEXT_CLS_NORMAL;
	if (c > 0x10FFFF)
		return TEXT_CLS_INVALID;
	page = cls_pages[c >> 8];
	if (page == NULL) {
		page = xmalloc(256);
		for (i = 0; i < 256; i++)
			page[i] = (uint8_t)cls_compute(
			    (UChar32)((c & ~0xFFu) | i));
		cls_pages[c >> 8] = page;
	}
	return (enum text_cls)page[c & 0xFF];
}

int
text_cp_width(uint32_t c)
{
	switch (text_cp_class(c)) {
	case TEXT_CLS_WIDE:
		return 2;
	case TEXT_CLS_MARK:
	case TEXT_CLS_IGNORE:
		return 0;
	default:
		return 1;
	}
}

uint32_t
text_cp_visible(uint32_t c)
{
	if (c < 0x20)
		return 0x2400 + c;	/* CONTROL PICTURES: ␀ .. ␟ */
	if (c == 0x7F)
		return 0x2421;		/* ␡ */
	switch (text_cp_class(c)) {
	case TEXT_CLS_CONTROL:
	case TEXT_CLS_INVALID:
		return 0xFFFD;
	default:
		return c;
	}
}

bool
text_cp_is_word(uint32_t c)
{
	return (U_GET_GC_MASK((UChar32)c) &
	    (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK)) != 0;
}

bool
text_cp_is_space(uint32_t c)
{
	if (c == ' ' || c == '\t')
		return true;
	if (c < 0x80 || c == 0xA0 || c == 0x2007 || c == 0x202F)
		return false;	/* no-break spaces do not hang */
	return u_charType((UChar32)c) == U_SPACE_SEPARATOR;
}

enum text_bidi
text_cp_bidi(uint32_t c)
{
	return (enum text_bidi)u_charDirection((UChar32)c);
}

int
text_cp_bracket(uint32_t c, uint32_t *id)
{
	int t;

	t = u_getIntPropertyValue((UChar32)c, UCHAR_BIDI_PAIRED_BRACKET_TYPE);
	if (t == U_BPT_NONE)
		return 0;
	*id = t == U_BPT_OPEN ? c : (uint32_t)u_getBidiPairedBracket((UChar32)c);
	/* Canonical equivalents pair with each other (UAX #9 BD16). */
	if (*id == 0x2329)
		*id = 0x3008;
	return t == U_BPT_OPEN ? 1 : 2;
}

/* --- break iterators --------------------------------------------------- */

static UBreakIterator *brk_cache[3];	/* character, word, line */

static UBreakIterator *
brk_get(int slot, UBreakIteratorType type)
{
	UErrorCode err = U_ZERO_ERROR;

	if (brk_cache[slot] == NULL) {
		brk_cache[slot] = ubrk_open(type, "ar", NULL, 0, &err);
		if (U_FAILURE(err))
			die("ICU break iterator: %s", u_errorName(err));
	}
	return brk_cache[slot];
}

static void
brk_run(UBreakIterator *bi, const UChar *u, int32_t ulen,
    const size_t *u2cp, uint8_t flag, bool line, uint8_t *flags)
{
	UErrorCode err = U_ZERO_ERROR;
	int32_t p;
	size_t cp;

	ubrk_setText(bi, u, ulen, &err);
	if (U_FAILURE(err))
		die("ICU break iterator: %s", u_errorName(err));
	for (p = ubrk_first(bi); p != UBRK_DONE; p = ubrk_next(bi)) {
		cp = u2cp != NULL ? u2cp[p] : (size_t)p;
		flags[cp] |= flag;
		if (line && p > 0 && p < ulen &&
		    ubrk_getRuleStatus(bi) >= UBRK_LINE_HARD)
			flags[cp] |= TEXT_BRK_HARD;
	}
	/* Forget the text: the buffer is freed by our caller. */
	ubrk_setText(bi, NULL, 0, &err);
}

void
text_breaks(const uint32_t *s, size_t n, unsigned kinds, uint8_t *flags)
{
	UChar *u;
	size_t *u2cp = NULL, i;
	int32_t ulen = 0;
	bool astral = false;

	if (n > INT32_MAX / 2)
		die("paragraph too long (%zu code points)", n);
	for (i = 0; i < n && !astral; i++)
		astral = s[i] > 0xFFFF;
	u = xmalloc((2 * n + 1) * sizeof *u);
	if (astral)
		u2cp = xmalloc((2 * n + 1) * sizeof *u2cp);
	for (i = 0; i < n; i++) {
		if (astral)
			u2cp[ulen] = i;
		if (s[i] > 0xFFFF) {
			u[ulen++] = U16_LEAD(s[i]);
			u2cp[ulen] = i;	/* never a boundary */
			u[ulen++] = U16_TRAIL(s[i]);
		} else
			u[ulen++] = (UChar)s[i];
	}
	if (astral)
		u2cp[ulen] = n;

	if (kinds & TEXT_BRK_GRAPHEME)
		brk_run(brk_get(0, UBRK_CHARACTER), u, ulen, u2cp,
		    TEXT_BRK_GRAPHEME, false, flags);
	if (kinds & TEXT_BRK_WORD)
		brk_run(brk_get(1, UBRK_WORD), u, ulen, u2cp,
		    TEXT_BRK_WORD, false, flags);
	if (kinds & (TEXT_BRK_LINE | TEXT_BRK_HARD))
		brk_run(brk_get(2, UBRK_LINE), u, ulen, u2cp,
		    TEXT_BRK_LINE, true, flags);
	free(u2cp);
	free(u);
}

void
text_cleanup(void)
{
	size_t i;

	for (i = 0; i < UTIL_NELEM(brk_cache); i++) {
		if (brk_cache[i] != NULL)
			ubrk_close(brk_cache[i]);
		brk_cache[i] = NULL;
	}
	for (i = 0; i < UTIL_NELEM(cls_pages); i++) {
		free(cls_pages[i]);
		cls_pages[i] = NULL;
	}
}
