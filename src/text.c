/*
 * text.c - the only file that talks to ICU.
 *
 * Decoding goes UTF-8 -> UTF-32 in one pass (ill-formed sequences as
 * ICU's U8_NEXT delimits them), with ICU's NFC quick check riding on it:
 * a table of ICU's quick check properties skips the code points that
 * cannot matter (see line_maybe_not_nfc(); the importer's check works
 * the same way).  Only text that fails the check goes ICU's long way,
 * UTF-8 -> UTF-16 -> NFC -> UTF-32.  Character classes for
 * display are computed from ICU properties once per 256-code-point page
 * and cached, because layout asks for every code point of every
 * paragraph.  Break iterators are opened
 * once per kind and reused; opening one loads its rules and costs far
 * more than a paragraph.
 */
#include <assert.h>
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

/* The longest run of non-yes0 code points checked on its own. */
#define NFC_RUN_MAX	64
/*
 * The most non-starters in a row in stream-safe text (UAX #15, see
 * ss_utf16()): a longer run fails the quick check, so that its NFC is
 * stream-safe whichever path it takes.
 */
#define SS_MAX		30

/*
 * ICU's quick check of a run of code points that are not yes0 (see
 * line_maybe_not_nfc() below for why a run may be checked alone).
 */
static bool
cp_run_nfc(const uint32_t *s, size_t n)
{
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfc;
	UChar u[NFC_RUN_MAX];
	int32_t ulen = 0;
	size_t i;

	if (n > SS_MAX)
		return false;
	for (i = 0; i < n; i++)
		U16_APPEND_UNSAFE(u, ulen, s[i]);
	nfc = unorm2_getNFCInstance(&err);
	return U_SUCCESS(err) && unorm2_quickCheck(nfc, u, ulen, &err) ==
	    UNORM_YES && U_SUCCESS(err);
}

/* Whether the run s[0..n) of non-yes0 code points fails the check. */
static inline bool
run_fails(const uint32_t *s, size_t n)
{
	/* One code point: the check is its NFC_Quick_Check property. */
	if (n == 1 && s[0] <= 0xFFFF)
		return nfc_get(s[0]) == NFC_OTHER;
	return !cp_run_nfc(s, n);
}

/* Whether code point c, looked at by the quick check, is yes0. */
static inline bool
cp_yes0(uint32_t c)
{
	uint8_t v;

	if (c < 0x80)
		return true;
	if (c > 0xFFFF)
		return false;	/* never taken for yes0: checked by ICU */
	if ((v = nfc_get(c)) == 0)
		v = nfc_fill(c);
	return v == NFC_YES0;
}

/* What is left of a text for ICU's U8_NEXT (an int32_t length). */
#define U8_REST(r)	((int32_t)((r) > INT32_MAX ? INT32_MAX : (r)))

/*
 * UTF-8 straight to code points by ICU's U8_NEXT, each ill-formed sequence (a maximal
 * subpart, as ICU's u_strFromUTF8WithSub() counts them: ICU's U8_NEXT
 * decides) one U+FFFD counted in *nbad.  With nfc, also ICU's NFC quick
 * check the way the importer does it: runs of code points that are not
 * yes0 are checked alone.  Returns the count written to out (room for
 * len); *fail receives the start of the first run that fails the check
 * (then the text must go through ICU's normaliser from there), or the
 * count if none does.  Inlined twice, with and without nfc.
 */
static inline __attribute__((always_inline)) size_t
utf8_to_cp(const char *str, size_t len, bool nfc, uint32_t *out,
    size_t *nbad, size_t *fail)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, k = 0, run = 0, bad = 0;
	bool inrun = false, yes0;
	uint32_t c;
	UChar32 uc;
	int32_t j;

	*fail = SIZE_MAX;
	for (;;) {
		/*
		 * Outside a run, the common code points: ASCII, and others
		 * (Arabic) that are yes0.  Anything else takes the general
		 * path below, one code point at a time.
		 */
		while (!inrun && i < len) {
			c = s[i];
			if (c < 0x80) {
				out[k++] = c;
				i++;
				continue;
			}
			j = 0;
			U8_NEXT(s + i, j, U8_REST(len - i), uc);
			if (uc < 0 || (nfc && (uc > 0xFFFF ||
			    nfc_get((uint32_t)uc) != NFC_YES0)))
				break;	/* decoded again below */
			out[k++] = (uint32_t)uc;
			i += (size_t)j;
		}
		if (i >= len)
			break;
		c = s[i];
		if (c < 0x80) {
			i++;
			yes0 = true;
		} else {
			j = 0;
			U8_NEXT(s + i, j, U8_REST(len - i), uc);
			i += (size_t)j;
			if (uc < 0) {
				uc = 0xFFFD;
				bad++;
			}
			c = (uint32_t)uc;
			yes0 = !nfc || cp_yes0(c);
		}
		out[k] = c;
		if (!yes0) {
			if (!inrun)
				run = k;
			inrun = true;
		} else if (inrun) {
			inrun = false;
			if (*fail == SIZE_MAX && run_fails(out + run, k - run))
				*fail = run;
		}
		k++;
	}
	if (inrun && *fail == SIZE_MAX && run_fails(out + run, k - run))
		*fail = run;
	if (*fail == SIZE_MAX)
		*fail = k;
	*nbad = bad;
	return k;
}

/* Makes room for need code points in *buf (*cap of them now). */
static uint32_t *
cp_room(uint32_t **buf, size_t *cap, size_t need)
{
	if (*buf == NULL || *cap < need) {
		free(*buf);
		*cap = need < 64 ? 64 : need + need / 4;
		*buf = xreallocarray(NULL, *cap, sizeof **buf);
	}
	return *buf;
}

/*
 * UAX #15's stream-safe text format, so that NFC takes linear time: ICU
 * sorts the marks after a base by insertion, and 'a' followed by 200,000
 * marks of mixed classes took 16 s.  After SS_MAX code points in a row
 * that begin with a non-starter (a leading canonical combining class
 * other than 0) comes U+034F COMBINING GRAPHEME JOINER, a starter that
 * neither composes nor is drawn; so no run ICU sorts is longer.  Text
 * that has no such run is unchanged.
 */
#define SS_CGJ	0x034F

static inline bool
ss_nonstarter(UChar32 c)
{
	return c >= 0x300 && u_getIntPropertyValue(c,
	    UCHAR_LEAD_CANONICAL_COMBINING_CLASS) != 0;
}

/*
 * The n UTF-16 units at u in stream-safe form: u itself (*m = n) when it
 * is, else a new array (caller frees) of *m units.
 */
static UChar *
ss_utf16(UChar *u, int32_t n, int32_t *m)
{
	UChar *out = NULL;
	int32_t i = 0, prev, k = 0, run = 0;
	UChar32 c;

	*m = n;
	while (i < n) {
		prev = i;
		U16_NEXT(u, i, n, c);
		if (!ss_nonstarter(c))
			run = 0;
		else if (++run > SS_MAX) {
			if (out == NULL) {	/* one CGJ per SS_MAX units */
				out = xreallocarray(NULL, (size_t)n +
				    (size_t)n / SS_MAX + 1, sizeof *out);
				memcpy(out, u, (size_t)prev * sizeof *u);
				k = prev;
			}
			out[k++] = SS_CGJ;
			run = 1;
		}
		if (out != NULL) {
			memcpy(out + k, u + prev, (size_t)(i - prev) *
			    sizeof *u);
			k += i - prev;
		}
	}
	if (out == NULL)
		return u;
	*m = k;
	return out;
}

/*
 * Appends the NFC of the n code points at s to (*dst)[k..] (*dcap of
 * room, grown as needed, contents kept) with ICU's normaliser; returns
 * the new length.  room: code points still to come after these.
 */
static size_t
nfc_append(const uint32_t *s, size_t n, uint32_t **dst, size_t *dcap,
    size_t k, size_t room)
{
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfc;
	UChar ubuf[64], nbuf[3 * 64 + 1], *u = ubuf, *norm = nbuf, *ss;
	int32_t ulen = 0, ncap, m, sslen;
	size_t i;

	nfc = unorm2_getNFCInstance(&err);
	if (U_FAILURE(err))
		die("ICU has no NFC data: %s", u_errorName(err));
	if (n > INT32_MAX / 8)
		die("text too large (%zu code points)", n);
	if (2 * n > UTIL_NELEM(ubuf)) {
		u = xreallocarray(NULL, 2 * n, sizeof *u);
		norm = xreallocarray(NULL, 6 * n + 1, sizeof *norm);
	}
	for (i = 0; i < n; i++)
		U16_APPEND_UNSAFE(u, ulen, s[i]);
	ss = ss_utf16(u, ulen, &sslen);	/* stream-safe: linear NFC */
	if (ss != u) {
		if (norm != nbuf)
			free(norm);
		norm = xreallocarray(NULL, 3 * (size_t)sslen + 1,
		    sizeof *norm);
	}
	/* NFC can grow text up to 3x. */
	ncap = 3 * sslen + 1;
	m = unorm2_normalize(nfc, ss, sslen, norm, ncap, &err);
	if (ss != u)
		free(ss);
	if (U_FAILURE(err))
		die("NFC failed: %s", u_errorName(err));
	if (*dcap < k + (size_t)m + room + 1) {
		*dcap = k + (size_t)m + room + 1;
		*dcap += *dcap / 4;
		*dst = xreallocarray(*dst, *dcap, sizeof **dst);
	}
	k += utf16_to_cp(norm, m, *dst + k);
	if (u != ubuf)
		free(u);
	if (norm != nbuf)
		free(norm);
	return k;
}

/*
 * NFC of the n code points of *buf (*cap of room), which are NFC before
 * from, a piece at a time: ICU has a normalisation boundary before every
 * yes0 code point (tests/unit/test-text.c checks it), so a run of others
 * that fails the quick check is normalised with the yes0 code point
 * before it (a letter may compose with its marks: alef and madda) and
 * the rest is left as it is.  Returns the new length.
 */
static size_t
nfc_pieces(uint32_t **buf, size_t *cap, size_t n, size_t from)
{
	const uint32_t *src = *buf;
	uint32_t *dst;
	size_t dcap, k, i, r, seg;

	dcap = n + n / 4 + 64;
	dst = xreallocarray(NULL, dcap, sizeof *dst);
	memcpy(dst, src, from * sizeof *src);
	/* Invariant: dcap >= k + (n - i), room for the rest as it is. */
	for (k = i = from; i < n; ) {
		if (cp_yes0(src[i])) {
			dst[k++] = src[i++];
			continue;
		}
		r = i;
		while (i < n && !cp_yes0(src[i]))
			i++;
		if (!run_fails(src + r, i - r)) {
			memcpy(dst + k, src + r, (i - r) * sizeof *src);
			k += i - r;
			continue;
		}
		/* src[r - 1] is yes0, copied as it is: take it back. */
		seg = r > 0 ? r - 1 : r;
		k -= r - seg;
		k = nfc_append(src + seg, i - seg, &dst, &dcap, k, n - i);
	}
	free(*buf);
	*buf = dst;
	*cap = dcap;
	return k;
}

size_t
text_utf8_decode_buf(const char *s, size_t len, int flags, uint32_t **buf,
    size_t *cap, size_t *nbad)
{
	size_t n, bad, fail;

	if (len > INT32_MAX / 2)
		die("text too large (%zu bytes)", len);
	/* Never more code points than bytes. */
	cp_room(buf, cap, len + 1);
	if (flags & TEXT_NFC)
		n = utf8_to_cp(s, len, true, *buf, &bad, &fail);
	else
		n = utf8_to_cp(s, len, false, *buf, &bad, &fail);
	if (nbad != NULL)
		*nbad = bad;
	if (fail < n)
		n = nfc_pieces(buf, cap, n, fail);
	return n;
}

uint32_t *
text_utf8_decode(const char *s, size_t len, int flags, size_t *n,
    size_t *nbad)
{
	uint32_t *out = NULL;
	size_t cap = 0;

	*n = text_utf8_decode_buf(s, len, flags, &out, &cap, nbad);
	return out;
}

/* Whether a well-formed code point that is yes0 starts at s[i]. */
static bool
cut_ok(const unsigned char *s, size_t len, size_t i)
{
	uint32_t c, min;
	size_t k, n;

	if (s[i] < 0x80)
		return text_cp_nfc_yes0(s[i]);
	if (s[i] >= 0xC2 && s[i] <= 0xDF)
		n = 2, c = s[i] & 0x1F, min = 0x80;
	else if (s[i] >= 0xE0 && s[i] <= 0xEF)
		n = 3, c = s[i] & 0x0F, min = 0x800;
	else if (s[i] >= 0xF0 && s[i] <= 0xF4)
		n = 4, c = s[i] & 0x07, min = 0x10000;
	else
		return false;
	if (len - i < n)
		return false;
	for (k = 1; k < n; k++) {
		if ((s[i + k] & 0xC0) != 0x80)
			return false;
		c = c << 6 | (s[i + k] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return false;
	return text_cp_nfc_yes0(c);
}

size_t
text_utf8_cut(const char *s, size_t len, size_t at)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;

	if (at >= len)
		return len;
	for (i = at; i > 0; i--)
		if (cut_ok(u, len, i))
			return i;
	for (i = at + 1; i < len; i++)
		if (cut_ok(u, len, i))
			return i;
	return len;
}

void
text_utf8_encode(struct buf *b, const uint32_t *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		buf_add_utf8(b, s[i]);
}

/* The bidi controls that push a direction onto what follows them:
 * embeddings, overrides, their PDF, isolates and their PDI. */
static inline bool
cp_bidi_push(UChar32 c)
{
	return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/* text_utf8_visible(), and with line also TAB, LF and CR as symbols. */
static void
utf8_visible(struct buf *b, const char *s, size_t n, bool line)
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
		else if ((c == '\t' || c == '\n') && !line)
			continue;
		else if (cp_bidi_push(c))
			v = 0;		/* dropped */
		else if ((v = text_cp_visible((uint32_t)c)) == (uint32_t)c)
			continue;
		buf_add(b, s + clean, (size_t)(prev - clean));
		if (v != 0)
			buf_add_utf8(b, v);
		clean = i;
	}
	buf_add(b, s + clean, (size_t)(len - clean));
}

void
text_utf8_visible(struct buf *b, const char *s, size_t n)
{
	utf8_visible(b, s, n, false);
}

void
text_utf8_visible_line(struct buf *b, const char *s, size_t n)
{
	utf8_visible(b, s, n, true);
}

size_t
text_utf8_valid(struct buf *b, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	int32_t i = 0, prev, len, clean = 0;
	size_t bad = 0;
	UChar32 c;

	if (n > INT32_MAX)
		die("text too large (%zu bytes)", n);
	len = (int32_t)n;
	buf_grow(b, n);
	while (i < len) {
		prev = i;
		if (u[i] == 0xED && i + 2 < len && u[i + 1] >= 0xA0 &&
		    u[i + 1] <= 0xBF && u[i + 2] >= 0x80 && u[i + 2] <= 0xBF) {
			i += 3;		/* a surrogate: one character */
			c = -1;
		} else
			U8_NEXT(s, i, len, c);
		if (c >= 0)
			continue;
		buf_add(b, s + clean, (size_t)(prev - clean));
		buf_add_utf8(b, 0xFFFD);
		bad++;
		clean = i;
	}
	buf_add(b, s + clean, (size_t)(len - clean));
	return bad;
}

size_t
text_utf8_clean(char *s, size_t n)
{
	int32_t i = 0, prev, len;
	size_t k = 0;
	UChar32 c;

	if (n > INT32_MAX)
		die("text too large (%zu bytes)", n);
	len = (int32_t)n;
	while (i < len) {
		prev = i;
		U8_NEXT(s, i, len, c);
		if (c < 0 || c == 0x7F || (c < 0x20 && c != '\t' &&
		    c != '\n') || (c >= 0x80 && c < 0xA0) || cp_bidi_push(c))
			continue;
		memmove(s + k, s + prev, (size_t)(i - prev));
		k += (size_t)(i - prev);
	}
	return k;
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
	/* Forget the text: our caller reuses or frees the buffer. */
	ubrk_setText(bi, NULL, 0, &err);
}

/*
 * text_line_breaks(): the thread's line iterator, left where the last
 * call stopped, over its own UTF-16 copy of the text (the caller's array
 * may be freed or reused meanwhile; a call with from 0 always starts
 * afresh).  lb_s, lb_n and lb_pos say which text and where: a call that
 * goes on from there continues the iteration, any other call sets the
 * text again and asks ICU for the boundary following its start.
 */
static _Thread_local struct {
	const uint32_t	*s;
	size_t		 n;
	size_t		 pos;		/* the last boundary reported */
	bool		 live;		/* the iterator stands at pos */
	UChar		*u;
	size_t		*u2cp;		/* map, or NULL: no supplementary */
	int32_t		 ulen;
	size_t		*map;
	size_t		 ucap, mapcap;
} lb;

/* Sets the thread's line iterator on the n code points of s. */
static UBreakIterator *
lb_set(const uint32_t *s, size_t n)
{
	UErrorCode err = U_ZERO_ERROR;
	UBreakIterator *bi = brk_get(2, UBRK_LINE);
	size_t i;
	uint32_t any = 0;
	int32_t ulen = 0;

	if (lb.ucap < 2 * n + 1) {
		free(lb.u);
		lb.ucap = 2 * n + 1 + n / 2;
		lb.u = xreallocarray(NULL, lb.ucap, sizeof *lb.u);
	}
	for (i = 0; i < n; i++) {
		any |= s[i];
		lb.u[i] = (UChar)s[i];
	}
	lb.u2cp = NULL;
	if (any > 0xFFFF) {
		if (lb.mapcap < 2 * n + 1) {
			free(lb.map);
			lb.mapcap = 2 * n + 1 + n / 2;
			lb.map = xreallocarray(NULL, lb.mapcap,
			    sizeof *lb.map);
		}
		lb.u2cp = lb.map;
		for (i = 0; i < n; i++) {
			lb.u2cp[ulen] = i;
			if (s[i] > 0xFFFF) {
				lb.u[ulen++] = U16_LEAD(s[i]);
				lb.u2cp[ulen] = i;	/* never a boundary */
				lb.u[ulen++] = U16_TRAIL(s[i]);
			} else
				lb.u[ulen++] = (UChar)s[i];
		}
		lb.u2cp[ulen] = n;
	} else
		ulen = (int32_t)n;
	lb.ulen = ulen;
	ubrk_setText(bi, lb.u, ulen, &err);
	if (U_FAILURE(err))
		die("ICU break iterator: %s", u_errorName(err));
	lb.s = s;
	lb.n = n;
	return bi;
}

size_t
text_line_breaks(const uint32_t *s, size_t n, size_t from, size_t upto,
    uint8_t *flags)
{
	UBreakIterator *bi;
	int32_t p, u;
	size_t cp;

	assert(from <= n);
	if (n > INT32_MAX / 2)
		die("paragraph too long (%zu code points)", n);
	if (from >= n)
		return n;
	if (upto <= from)
		return from;
	if (from > 0 && lb.live && lb.s == s && lb.n == n && lb.pos == from)
		bi = brk_get(2, UBRK_LINE);	/* on from where it stopped */
	else {
		bi = lb_set(s, n);
		if (from == 0)
			p = ubrk_first(bi);
		else {
			/* The code point from in UTF-16 units. */
			u = (int32_t)from;
			if (lb.u2cp != NULL)
				for (u = 0; lb.u2cp[u] < from; u++)
					;
			p = ubrk_following(bi, u);
		}
		goto have;
	}
	for (;;) {
		p = ubrk_next(bi);
have:
		if (p == UBRK_DONE) {
			cp = n;
			break;
		}
		cp = lb.u2cp != NULL ? lb.u2cp[p] : (size_t)p;
		flags[cp] |= TEXT_BRK_LINE;
		if (p > 0 && p < lb.ulen &&
		    ubrk_getRuleStatus(bi) >= UBRK_LINE_HARD)
			flags[cp] |= TEXT_BRK_HARD;
		if (cp >= upto)
			break;
	}
	lb.pos = cp;
	lb.live = cp < n;
	return cp;
}

/*
 * text_breaks()' UTF-16 copy of the text and its map back to code points,
 * per thread and only growing (text_thread_done() frees them): a large
 * allocation per paragraph costs more than the malloc itself (layout.c
 * says why).
 */
static _Thread_local UChar *brk_u;
static _Thread_local size_t *brk_u2cp;
static bool
brk_ascii_alnum(uint32_t c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static bool
brk_symbol_char(uint32_t c)
{
	return brk_ascii_alnum(c) || c == '/' || c == '.' || c == '-';
}

/* Superscripts that make up footnote markers such as ⁽¹⁸⁾. */
static bool
brk_superscript(uint32_t c)
{
	return c == 0xB9 || c == 0xB2 || c == 0xB3 || c == 0x2070 ||
	    (c >= 0x2074 && c <= 0x207E);
}

/*
 * True where ICU allows a line break before t[b] but a document does not
 * (what the layout and the reader's words both follow):
 *   - after the slash of a document symbol ("A/67/150" is one word to
 *     its readers): in a run of ASCII letters, digits and ./- starting
 *     with a capital letter (A/, S/RES/, CTOC/COP/...); URLs, in lower
 *     case, keep ICU's breaks after slashes;
 *   - before a footnote marker (⁽¹⁸⁾), which stays with its word.
 * (A tab is the opposite case, see lay_para_wrap().)
 */
bool
text_break_unwanted(const uint32_t *t, size_t b)
{
	size_t r;

	if (brk_superscript(t[b]) && !text_cp_is_space(t[b - 1]))
		return true;
	if (t[b - 1] != '/' || !brk_ascii_alnum(t[b]))
		return false;
	for (r = b - 1; r > 0 && brk_symbol_char(t[r - 1]); r--)
		;
	return t[r] >= 'A' && t[r] <= 'Z';
}

static _Thread_local size_t brk_ucap, brk_mapcap;

void
text_breaks(const uint32_t *s, size_t n, unsigned kinds, uint8_t *flags)
{
	UChar *u;
	size_t *u2cp = NULL, i;
	int32_t ulen = 0;
	uint32_t any = 0;

	if (n > INT32_MAX / 2)
		die("paragraph too long (%zu code points)", n);
	if (brk_ucap < 2 * n + 1) {
		free(brk_u);
		brk_ucap = 2 * n + 1 + n / 2;
		brk_u = xreallocarray(NULL, brk_ucap, sizeof *brk_u);
	}
	u = brk_u;
	/* Copied as if all were BMP; supplementary code points, and only
	 * they, have bits above 16.  Four at a time: this loop was a fifth
	 * of the cost of line breaking. */
	for (i = 0; i + 4 <= n; i += 4) {
		any |= s[i] | s[i + 1] | s[i + 2] | s[i + 3];
		u[i] = (UChar)s[i];
		u[i + 1] = (UChar)s[i + 1];
		u[i + 2] = (UChar)s[i + 2];
		u[i + 3] = (UChar)s[i + 3];
	}
	for (; i < n; i++) {
		any |= s[i];
		u[i] = (UChar)s[i];
	}
	if (any <= 0xFFFF)
		ulen = (int32_t)n;
	else {
		if (brk_mapcap < 2 * n + 1) {
			free(brk_u2cp);
			brk_mapcap = 2 * n + 1 + n / 2;
			brk_u2cp = xreallocarray(NULL, brk_mapcap,
			    sizeof *brk_u2cp);
		}
		u2cp = brk_u2cp;
		for (i = 0; i < n; i++) {
			u2cp[ulen] = i;
			if (s[i] > 0xFFFF) {
				u[ulen++] = U16_LEAD(s[i]);
				u2cp[ulen] = i;	/* never a boundary */
				u[ulen++] = U16_TRAIL(s[i]);
			} else
				u[ulen++] = (UChar)s[i];
		}
		u2cp[ulen] = n;
	}

	if (kinds & TEXT_BRK_GRAPHEME)
		brk_run(brk_get(0, UBRK_CHARACTER), u, ulen, u2cp,
		    TEXT_BRK_GRAPHEME, false, flags);
	if (kinds & TEXT_BRK_WORD)
		brk_run(brk_get(1, UBRK_WORD), u, ulen, u2cp,
		    TEXT_BRK_WORD, false, flags);
	if (kinds & (TEXT_BRK_LINE | TEXT_BRK_HARD)) {
		lb.live = false;	/* the iterator is text_line_breaks()' */
		brk_run(brk_get(2, UBRK_LINE), u, ulen, u2cp,
		    TEXT_BRK_LINE, true, flags);
	}
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
	free(brk_u);
	free(brk_u2cp);
	brk_u = NULL;
	brk_u2cp = NULL;
	brk_ucap = brk_mapcap = 0;
	free(lb.u);
	free(lb.map);
	memset(&lb, 0, sizeof lb);
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

/* Whether ICU can open a converter for the charset called name. */
static bool
charset_usable(const char *name)
{
	UErrorCode err = U_ZERO_ERROR;
	UConverter *cnv = ucnv_open(name, &err);

	ucnv_close(cnv);
	return U_SUCCESS(err);
}

/*
 * ICU's guesses, best first; the first that ICU can also convert from
 * (the detector knows charsets such as IBM420_ltr that no converter
 * does: a file with two stray bytes was refused for it).
 */
const char *
text_charset_detect(const char *s, size_t len, int *confidence)
{
	UErrorCode err = U_ZERO_ERROR;
	UCharsetDetector *csd;
	const UCharsetMatch **m;
	const char *name = NULL, *cand;
	int32_t nm = 0, i;

	if (confidence != NULL)
		*confidence = 0;
	csd = ucsdet_open(&err);
	if (U_FAILURE(err))
		return NULL;
	ucsdet_setText(csd, s, (int32_t)(len > TEXT_DETECT_MAX ?
	    TEXT_DETECT_MAX : len), &err);
	m = ucsdet_detectAll(csd, &nm, &err);
	for (i = 0; U_SUCCESS(err) && m != NULL && i < nm && name == NULL;
	    i++) {
		/* ICU's names are static strings, valid after close. */
		cand = ucsdet_getName(m[i], &err);
		if (U_FAILURE(err) || !charset_usable(cand))
			continue;
		name = cand;
		if (confidence != NULL)
			*confidence = ucsdet_getConfidence(m[i], &err);
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
	if (ulen > SS_MAX)	/* not stream-safe, maybe (ss_utf16()) */
		return false;
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
nfc_icu_piece(const char *s, size_t len, struct buf *out)
{
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfc;
	UChar *u, *norm, *ss;
	int32_t ulen = 0, cap, m, n8 = 0, sslen;

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
	if ((ss = ss_utf16(u, ulen, &sslen)) != u) {	/* linear NFC */
		free(u);
		u = ss;
		ulen = sslen;
	}
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

/*
 * The same a piece at a time, cut where NFC of the pieces is NFC of the
 * whole (text_utf8_cut()): one line of 11 MB took 5 times its size in
 * UTF-16 copies at once.
 */
#define NFC_PIECE	(1 << 16)

static void
nfc_icu(const char *s, size_t len, struct buf *out)
{
	size_t cut;

	while (len > NFC_PIECE) {
		cut = text_utf8_cut(s, len, NFC_PIECE);
		nfc_icu_piece(s, cut, out);
		s += cut;
		len -= cut;
	}
	nfc_icu_piece(s, len, out);
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

bool
text_cp_joins_next(uint32_t c)
{
	int t = u_getIntPropertyValue((UChar32)c, UCHAR_JOINING_TYPE);

	return t == U_JT_DUAL_JOINING || t == U_JT_JOIN_CAUSING;
}

bool
text_cp_joins_prev(uint32_t c)
{
	int t = u_getIntPropertyValue((UChar32)c, UCHAR_JOINING_TYPE);

	return t == U_JT_DUAL_JOINING || t == U_JT_JOIN_CAUSING ||
	    t == U_JT_RIGHT_JOINING;
}
