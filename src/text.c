/*
 * text.c - the only file that talks to ICU.
 *
 * Decoding goes UTF-8 -> UTF-16 (ICU's substitution of ill-formed
 * sequences) -> NFC (skipped when the quick check says the text already
 * is) -> UTF-32.  The importer's NFC check avoids even the UTF-16: a
 * table of ICU's quick check properties lets it skip the code points
 * that cannot matter (see line_maybe_not_nfc()).  Character classes for
 * display are computed from ICU properties once per 256-code-point page
 * and cached, because layout asks for every code point of every
 * paragraph.  Break iterators are opened
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
#include <unicode/utf8.h>

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

void
text_utf8_visible(struct buf *b, const char *s, size_t n)
{
	int32_t i = 0, prev, len, clean = 0;
	UChar32 c;
	uint32_t v;

	if (n > INT32_MAX)
		die("text too large (%zu bytes)", n);
	if (n == 0)
		return;
	len = (int32_t)n;
	buf_grow(b, n);
	/* Characters that stay as they are are copied a run at a time. */
	while (i < len) {
		prev = i;
		U8_NEXT(s, i, len, c);
		if (c >= 0x20 && c < 0x7F)
			continue;
		if (c < 0)
			v = 0xFFFD;
		else if (c == '\t' || c == '\n')
			continue;
		else if ((v = text_cp_visible((uint32_t)c)) == (uint32_t)c)
			continue;
		buf_add(b, s + clean, (size_t)(prev - clean));
		buf_add_utf8(b, v);
		clean = i;
	}
	buf_add(b, s + clean, (size_t)(len - clean));
}

/* --- display classes --------------------------------------------------- */

/*
 * One byte of properties per code point, cached per 256-code-point page:
 * the display class in the low bits, TEXT_P_* flags above.
 */
#define P_CLS_MASK	0x07

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

static uint8_t
prop_compute(UChar32 c)
{
	uint8_t p = (uint8_t)cls_compute(c);
	int8_t gc = u_charType(c);

	if (c == ' ' || c == '\t' || (gc == U_SPACE_SEPARATOR &&
	    c != 0xA0 && c != 0x2007 && c != 0x202F))
		p |= TEXT_P_SPACE;	/* no-break spaces do not hang */
	if (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK))
		p |= TEXT_P_WORD;
	switch (u_getIntPropertyValue(c, UCHAR_LINE_BREAK)) {
	case U_LB_MANDATORY_BREAK:
	case U_LB_CARRIAGE_RETURN:
	case U_LB_LINE_FEED:
	case U_LB_NEXT_LINE:
		p |= TEXT_P_HARD;	/* UAX #14 LB4, LB5 */
		break;
	default:
		break;
	}
	return p;
}

/* Pages of 512 bytes: 256 property bytes, then 256 bidi classes. */
_Atomic(uint8_t *) text_prop_pages_[0x110000 >> 8];

unsigned
text_cp_props_slow(uint32_t c)
{
	uint8_t *page, *old = NULL;
	uint32_t i;
	UChar32 base;

	if (c > 0x10FFFF)
		return TEXT_CLS_INVALID;
	base = (UChar32)(c & ~0xFFu);
	page = xmalloc(512);
	for (i = 0; i < 256; i++) {
		page[i] = prop_compute(base + (UChar32)i);
		page[256 + i] = (uint8_t)u_charDirection(base + (UChar32)i);
	}
	/* Another thread may have filled the same page meanwhile. */
	if (!atomic_compare_exchange_strong_explicit(&text_prop_pages_[c >> 8],
	    &old, page, memory_order_acq_rel, memory_order_acquire)) {
		free(page);
		page = old;
	}
	return page[c & 0xFF];
}

enum text_cls
text_cp_class(uint32_t c)
{
	return (enum text_cls)(text_cp_props(c) & P_CLS_MASK);
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
	case TEXT_CLS_CONTROL:	/* C1 */
	case TEXT_CLS_INVALID:
		return 0xFFFD;
	default:
		return c;
	}
}

bool
text_cp_is_word(uint32_t c)
{
	return (text_cp_props(c) & TEXT_P_WORD) != 0;
}

bool
text_cp_is_space(uint32_t c)
{
	return (text_cp_props(c) & TEXT_P_SPACE) != 0;
}

enum text_bidi
text_cp_bidi(uint32_t c)
{
	if (c > 0x10FFFF)
		return TEXT_BIDI_L;
	text_cp_props(c);	/* makes sure the page exists */
	return (enum text_bidi)atomic_load_explicit(&text_prop_pages_[c >> 8],
	    memory_order_acquire)[256 + (c & 0xFF)];
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

static _Thread_local UBreakIterator *brk_cache[3]; /* char, word, line */

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

/*
 * The NFC quick check's table of the BMP (see line_maybe_not_nfc()
 * below), filled from ICU a 256-code-point page at a time: 0 not yet
 * known, then NFC_YES0 or NFC_OTHER.  64 KB of zeros that cost nothing
 * until a page is filled.  text.h reads it inline.
 */
#define NFC_YES0	1	/* NFC_Quick_Check Yes, combining class 0 */
#define NFC_OTHER	2	/* NFC_Quick_Check Maybe or No */
#define NFC_YES_CC	3	/* NFC_Quick_Check Yes, combining class > 0 */
_Atomic uint8_t text_nfc_bmp_[0x10000];

/*
 * Entries of text_nfc_bmp_ are read and written with relaxed atomics:
 * threads that fill the same page at once write the same values.
 */
static inline uint8_t
nfc_get(uint32_t c)
{
	return atomic_load_explicit(&text_nfc_bmp_[c], memory_order_relaxed);
}

void
text_thread_done(void)
{
	size_t i;

	for (i = 0; i < UTIL_NELEM(brk_cache); i++) {
		if (brk_cache[i] != NULL)
			ubrk_close(brk_cache[i]);
		brk_cache[i] = NULL;
	}
}

void
text_cleanup(void)
{
	size_t i;

	text_thread_done();
	for (i = 0; i < UTIL_NELEM(text_prop_pages_); i++)
		free(atomic_exchange(&text_prop_pages_[i], NULL));
}

/* --- charsets (doc importer) --- */

/*
 * Charset detection and conversion for the document importer.  The
 * includes sit here, with the code that needs them, so that the rest of
 * this file stays as it was.  Conversion goes through UTF-16, ICU's pivot.
 */
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#define TEXT_DETECT_MAX	(64 * 1024)

const char *
text_charset_detect(const char *s, size_t len, int *confidence)
{
	UErrorCode err = U_ZERO_ERROR;
	UCharsetDetector *csd;
	const UCharsetMatch *m;
	const char *name = NULL;

	if (confidence != NULL)
		*confidence = 0;
	csd = ucsdet_open(&err);
	if (U_FAILURE(err))
		return NULL;
	ucsdet_setText(csd, s, (int32_t)(len > TEXT_DETECT_MAX ?
	    TEXT_DETECT_MAX : len), &err);
	m = ucsdet_detect(csd, &err);
	if (U_SUCCESS(err) && m != NULL) {
		/* ICU's names are static strings, valid after close. */
		name = ucsdet_getName(m, &err);
		if (U_SUCCESS(err) && confidence != NULL)
			*confidence = ucsdet_getConfidence(m, &err);
		if (U_FAILURE(err))
			name = NULL;
	}
	ucsdet_close(csd);
	return name;
}

int
text_charset_to_utf8(const char *name, const char *s, size_t len,
    struct buf *out, size_t *nbad, char **cause)
{
	UErrorCode err = U_ZERO_ERROR;
	UConverter *cnv;
	UChar *u;
	int32_t ulen, i, n8 = 0;
	size_t bad = 0;

	if (nbad != NULL)
		*nbad = 0;
	if (len > INT32_MAX / 4)
		die("text too large (%zu bytes)", len);
	cnv = ucnv_open(name, &err);
	if (U_FAILURE(err)) {
		*cause = xasprintf("unknown encoding: %s", name);
		return -1;
	}
	/* Every byte of any charset ICU knows gives at most 2 UTF-16 units. */
	u = xmalloc((2 * len + 1) * sizeof *u);
	ulen = ucnv_toUChars(cnv, u, (int32_t)(2 * len + 1), s, (int32_t)len,
	    &err);
	ucnv_close(cnv);
	if (U_FAILURE(err))
		die("conversion from %s failed: %s", name, u_errorName(err));
	for (i = 0; i < ulen; i++)
		if (u[i] == 0xFFFD || u[i] == 0x1A)	/* ICU's substitutes */
			bad++, u[i] = 0xFFFD;
	err = U_ZERO_ERROR;
	u_strToUTF8WithSub(NULL, 0, &n8, u, ulen, 0xFFFD, NULL, &err);
	err = U_ZERO_ERROR;
	buf_grow(out, (size_t)n8);
	u_strToUTF8WithSub(out->data + out->len, n8 + 1, &n8, u, ulen, 0xFFFD,
	    NULL, &err);
	free(u);
	if (U_FAILURE(err))
		die("UTF-8 conversion failed: %s", u_errorName(err));
	out->len += (size_t)n8;
	out->data[out->len] = '\0';
	if (nbad != NULL)
		*nbad = bad;
	return 0;
}

/*
 * The NFC quick check without converting every line to UTF-16.
 *
 * ICU's quick check (Normalizer2Impl::composeQuickCheck, which follows
 * UAX #15's algorithm) passes over every code point whose NFC_Quick_Check
 * is Yes and whose canonical combining class is 0 ("yes0" below): such a
 * code point never makes a string not NFC, and what the check remembers
 * (the combining class before, for the canonical order of marks) starts
 * afresh after it.  So a string passes the quick check exactly when every
 * maximal run of other code points in it (harakat, hamza above, ...)
 * passes on its own, and then it is NFC.  The yes0 bit of each BMP code
 * point comes from ICU's properties (UCHAR_NFC_QUICK_CHECK and the
 * combining class), one 256-code-point page at a time; only the runs,
 * a code point or two each, go to ICU's quick check, and a run of one
 * code point not even there: the check of one code point is its
 * NFC_Quick_Check.  Arabic letters, digits and punctuation are all yes0:
 * a line of plain Arabic never reaches ICU.  Only a line that fails goes
 * to ICU's normaliser.
 */

/* Fills the page of c in text_nfc_bmp_ from ICU; returns c's entry. */
static uint8_t
nfc_fill(uint32_t c)
{
	UChar32 base = (UChar32)(c & 0xFF00), i;
	uint8_t v;

	for (i = 0; i < 256; i++) {
		if (u_getIntPropertyValue(base + i, UCHAR_NFC_QUICK_CHECK) !=
		    UNORM_YES)
			v = NFC_OTHER;
		else
			v = u_getCombiningClass(base + i) == 0 ? NFC_YES0 :
			    NFC_YES_CC;
		atomic_store_explicit(&text_nfc_bmp_[base + i], v,
		    memory_order_relaxed);
	}
	return nfc_get(c);
}

bool
text_cp_nfc_yes0_slow(uint32_t c)
{
	if (c > 0xFFFF)
		return false;	/* never taken for yes0: checked by ICU */
	if (nfc_get(c) == 0)
		nfc_fill(c);
	return nfc_get(c) == NFC_YES0;
}

/*
 * Decodes the code point at s[*i] (well-formed UTF-8, not ASCII) and
 * returns whether it is yes0.  Supplementary code points are never
 * taken for yes0: they go to ICU with their run.
 */
static inline bool
nfc_yes0_at(const unsigned char *s, size_t *i)
{
	const unsigned char *p = s + *i;
	uint32_t c;
	uint8_t v;

	if (p[0] < 0xE0) {
		*i += 2;
		c = ((uint32_t)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
	} else if (p[0] < 0xF0) {
		*i += 3;
		c = ((uint32_t)(p[0] & 0x0F) << 12) |
		    ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
	} else {
		*i += 4;
		return false;
	}
	if ((v = nfc_get(c)) == 0)
		v = nfc_fill(c);
	return v == NFC_YES0;
}

/* The longest run of non-yes0 code points checked on its own. */
#define NFC_RUN_MAX	64

bool
text_utf8_nfc_run(const char *s, size_t n)
{
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfc;
	const unsigned char *p = (const unsigned char *)s;
	UChar u[NFC_RUN_MAX];
	int32_t ulen = 0;
	uint32_t c;

	/*
	 * One code point, the common case (a shadda, a tanween): the quick
	 * check of a single code point is its NFC_Quick_Check property.
	 */
	if (n == 2 && (p[0] & 0xE0) == 0xC0) {
		c = ((uint32_t)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
		if (nfc_get(c) == 0)
			nfc_fill(c);
		if (nfc_get(c) != NFC_OTHER)
			return true;
	}
	if (n > NFC_RUN_MAX)	/* UTF-16 never has more units than bytes */
		return false;
	u_strFromUTF8(u, (int32_t)UTIL_NELEM(u), &ulen, s, (int32_t)n, &err);
	nfc = unorm2_getNFCInstance(&err);
	return U_SUCCESS(err) && unorm2_quickCheck(nfc, u, ulen, &err) ==
	    UNORM_YES && U_SUCCESS(err);
}

/*
 * Whether the line of well-formed UTF-8 that starts at str may be not
 * NFC; *end receives its length (up to the first '\n', or n).  "No" is
 * always right (see above); "maybe" sends the line to ICU's normaliser,
 * which returns it unchanged if it was NFC after all.
 */
static bool
line_maybe_not_nfc(const char *str, size_t n, size_t *end)
{
	const unsigned char *s = (const unsigned char *)str;
	const char *nl;
	size_t i = 0, k, start;

	while (i < n) {
		if (s[i] < 0x80) {
			if (s[i] == '\n')
				break;
			i++;
			continue;
		}
		start = k = i;
		if (nfc_yes0_at(s, &k)) {
			i = k;
			continue;
		}
		/* A run of code points that are not yes0: ask ICU. */
		i = k;
		while (i < n && s[i] >= 0x80) {
			k = i;
			if (nfc_yes0_at(s, &k))
				break;
			i = k;
		}
		if (!text_utf8_nfc_run(str + start, i - start)) {
			nl = memchr(str + i, '\n', n - i);
			*end = nl != NULL ? (size_t)(nl - str) : n;
			return true;
		}
	}
	*end = i;
	return false;
}

/* NFC of UTF-8 through ICU, appended to out. */
static void
nfc_icu(const char *s, size_t len, struct buf *out)
{
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfc;
	UChar *u, *norm;
	int32_t ulen = 0, cap, m, n8 = 0;

	if (len > INT32_MAX / 4)
		die("text too large (%zu bytes)", len);
	nfc = unorm2_getNFCInstance(&err);
	if (U_FAILURE(err))
		die("ICU has no NFC data: %s", u_errorName(err));
	u = xmalloc((len + 1) * sizeof *u);
	u_strFromUTF8WithSub(u, (int32_t)len + 1, &ulen, s, (int32_t)len,
	    0xFFFD, NULL, &err);
	if (U_FAILURE(err))
		die("UTF-8 conversion failed: %s", u_errorName(err));
	cap = ulen * 3 + 1;
	norm = xmalloc((size_t)cap * sizeof *norm);
	m = unorm2_normalize(nfc, u, ulen, norm, cap, &err);
	free(u);
	if (U_FAILURE(err))
		die("NFC failed: %s", u_errorName(err));
	u_strToUTF8(NULL, 0, &n8, norm, m, &err);
	err = U_ZERO_ERROR;
	buf_grow(out, (size_t)n8);
	u_strToUTF8(out->data + out->len, n8 + 1, &n8, norm, m, &err);
	free(norm);
	if (U_FAILURE(err))
		die("UTF-8 conversion failed: %s", u_errorName(err));
	out->len += (size_t)n8;
	out->data[out->len] = '\0';
}

bool
text_utf8_nfc(const char *s, size_t len, struct buf *out)
{
	const char *p = s, *e = s + len, *clean = s;
	bool changed = false;
	size_t n;

	/* Line by line: only the lines that may not be NFC go to ICU. */
	while (p < e) {
		if (line_maybe_not_nfc(p, (size_t)(e - p), &n)) {
			if (!changed)
				buf_grow(out, len);
			changed = true;
			buf_add(out, clean, (size_t)(p - clean));
			nfc_icu(p, n, out);
			clean = p + n;
		}
		p += n < (size_t)(e - p) ? n + 1 : n;	/* and its '\n' */
	}
	if (changed)
		buf_add(out, clean, (size_t)(e - clean));
	return changed;
}
