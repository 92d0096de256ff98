/*
 * text-fold.c - folding text for search and note anchoring.
 *
 * One pass over the code points, one table: the Arabic block (U+0600 to
 * U+06FF) goes through arabic_fold[] below, which holds every Arabic
 * equivalence hamish knows (a reader who types ا finds أ, إ, آ and ٱ; ى
 * and ي are one letter, so are ة and ه; ٦٥ is 65) and every mark it
 * ignores (harakat, Quranic marks, tatweel).  ASCII is lowercased inline
 * and only the rest goes to ICU's simple case folding, because a
 * document is mostly Arabic letters and ASCII spaces and this runs over
 * every code point of it.  text_fold_diff_cp() is the folding of version
 * comparison (diff.c), built on the same table.  Nothing here decodes,
 * allocates or knows about documents; the caller owns both arrays.
 */
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf16.h>

#include "text.h"
#include "util.h"

#define FOLD_DROP	0xFFFF	/* arabic_fold[]: drop the code point */

/*
 * What each code point of U+0600..U+06FF folds to, indexed by c - 0x600:
 * 0 leaves it alone, FOLD_DROP drops it, anything else replaces it.
 */
static const uint16_t arabic_fold[256] = {
	/* alef with madda, hamza above, hamza below; alef wasla */
	[0x22] = 0x0627, [0x23] = 0x0627, [0x25] = 0x0627, [0x71] = 0x0627,
	/* alef maksura -> yeh; teh marbuta -> heh */
	[0x49] = 0x064A,
	[0x29] = 0x0647,
	/* Arabic-Indic digits U+0660..U+0669 */
	[0x60] = '0', [0x61] = '1', [0x62] = '2', [0x63] = '3', [0x64] = '4',
	[0x65] = '5', [0x66] = '6', [0x67] = '7', [0x68] = '8', [0x69] = '9',
	/* Extended Arabic-Indic digits U+06F0..U+06F9 */
	[0xF0] = '0', [0xF1] = '1', [0xF2] = '2', [0xF3] = '3', [0xF4] = '4',
	[0xF5] = '5', [0xF6] = '6', [0xF7] = '7', [0xF8] = '8', [0xF9] = '9',
	/* tatweel */
	[0x40] = FOLD_DROP,
	/* honorifics and Quranic marks above U+0610..U+061A */
	[0x10] = FOLD_DROP, [0x11] = FOLD_DROP, [0x12] = FOLD_DROP,
	[0x13] = FOLD_DROP, [0x14] = FOLD_DROP, [0x15] = FOLD_DROP,
	[0x16] = FOLD_DROP, [0x17] = FOLD_DROP, [0x18] = FOLD_DROP,
	[0x19] = FOLD_DROP, [0x1A] = FOLD_DROP,
	/* harakat, tanween, shadda, sukun ... U+064B..U+065F */
	[0x4B] = FOLD_DROP, [0x4C] = FOLD_DROP, [0x4D] = FOLD_DROP,
	[0x4E] = FOLD_DROP, [0x4F] = FOLD_DROP, [0x50] = FOLD_DROP,
	[0x51] = FOLD_DROP, [0x52] = FOLD_DROP, [0x53] = FOLD_DROP,
	[0x54] = FOLD_DROP, [0x55] = FOLD_DROP, [0x56] = FOLD_DROP,
	[0x57] = FOLD_DROP, [0x58] = FOLD_DROP, [0x59] = FOLD_DROP,
	[0x5A] = FOLD_DROP, [0x5B] = FOLD_DROP, [0x5C] = FOLD_DROP,
	[0x5D] = FOLD_DROP, [0x5E] = FOLD_DROP, [0x5F] = FOLD_DROP,
	/* superscript (dagger) alef */
	[0x70] = FOLD_DROP,
	/* Quranic annotation marks U+06D6..U+06DC, U+06DF..U+06E4 */
	[0xD6] = FOLD_DROP, [0xD7] = FOLD_DROP, [0xD8] = FOLD_DROP,
	[0xD9] = FOLD_DROP, [0xDA] = FOLD_DROP, [0xDB] = FOLD_DROP,
	[0xDC] = FOLD_DROP,
	[0xDF] = FOLD_DROP, [0xE0] = FOLD_DROP, [0xE1] = FOLD_DROP,
	[0xE2] = FOLD_DROP, [0xE3] = FOLD_DROP, [0xE4] = FOLD_DROP,
	/* U+06E7..U+06E8, U+06EA..U+06ED */
	[0xE7] = FOLD_DROP, [0xE8] = FOLD_DROP,
	[0xEA] = FOLD_DROP, [0xEB] = FOLD_DROP, [0xEC] = FOLD_DROP,
	[0xED] = FOLD_DROP
};

size_t
text_fold(const uint32_t *s, size_t n, int flags, uint32_t *out,
    size_t *map)
{
	size_t i, k = 0;
	uint32_t c;
	uint16_t f;

	if (flags & TEXT_FOLD_EXACT) {
		if (n > 0)
			memcpy(out, s, n * sizeof *out);
		if (map != NULL)
			for (i = 0; i < n; i++)
				map[i] = i;
		return n;
	}
	for (i = 0; i < n; i++) {
		c = s[i];
		if (c < 0x80) {
			if (c - 'A' < 26)
				c += 'a' - 'A';
		} else if (c - 0x600 < 0x100) {
			if ((f = arabic_fold[c - 0x600]) == FOLD_DROP)
				continue;
			if (f != 0)
				c = f;
		} else if (c <= 0x10FFFF)
			c = (uint32_t)u_foldCase((UChar32)c,
			    U_FOLD_CASE_DEFAULT);
		out[k] = c;
		if (map != NULL)
			map[k] = i;
		k++;
	}
	return k;
}

/* Letter variants beyond search's table (text_fold_diff_cp()): waw and
 * yeh with hamza, Farsi yeh, keheh, heh goal. */
static uint32_t
spelling_extra(uint32_t c)
{
	switch (c) {
	case 0x0624: case 0x0626: return 0x0621;
	case 0x06CC: return 0x064A;
	case 0x06A9: return 0x0643;
	case 0x06C1: return 0x0647;
	default: return 0;
	}
}

/* Relaxed atomics: threads that fill an entry at once write one value
 * (the folding of a code point never changes). */
_Atomic uint32_t text_dfold_[2][TEXT_DFOLD_CACHED];

static size_t fold_diff(uint32_t, int, uint32_t *);

size_t
text_fold_diff_cp(uint32_t c, int flags, uint32_t *out)
{
	size_t m = fold_diff(c, flags, out);

	if (c < TEXT_DFOLD_CACHED && m <= 1)
		atomic_store_explicit(&text_dfold_[flags & TEXT_DFOLD_SPELLING]
		    [c], m == 0 ? TEXT_DFOLD_NONE : out[0],
		    memory_order_relaxed);
	return m;
}

static size_t
fold_diff(uint32_t c, int flags, uint32_t *out)
{
	const UNormalizer2 *nfkc;
	UErrorCode err = U_ZERO_ERROR;
	UChar u[32];
	uint32_t sub[TEXT_DFOLD_MAX];
	int32_t ulen, i;
	size_t k = 0, m, j;
	uint16_t f;
	UChar32 d;

	if (c < 0x80) {
		if ((flags & TEXT_DFOLD_SPELLING) && c - 'A' < 26)
			c += 'a' - 'A';
		else if (c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
		    c == '\v')
			c = ' ';
		out[0] = c;
		return 1;
	}
	if (c - 0x600 < 0x100) {
		f = arabic_fold[c - 0x600];
		if (f == FOLD_DROP)
			return 0;
		if (f >= '0' && f <= '9')
			c = f;			/* digits: always */
		else if (flags & TEXT_DFOLD_SPELLING) {
			if (f != 0)
				c = f;
			else if ((f = (uint16_t)spelling_extra(c)) != 0)
				c = f;
		}
		out[0] = c;
		return 1;
	}
	if (c - 0x8D3 < 0x2D && c != 0x8E2)
		return 0;	/* Arabic Extended-A marks */
	if (c == 0xA0 || c == 0x202F || c == 0x2007)
		c = ' ';		/* no-break spaces */
	if ((c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF)) {
		nfkc = unorm2_getNFKCInstance(&err);
		if (U_SUCCESS(err)) {
			ulen = unorm2_getDecomposition(nfkc, (UChar32)c, u,
			    (int32_t)UTIL_NELEM(u), &err);
			if (U_SUCCESS(err) && ulen > 0) {
				for (i = 0; i < ulen && k < TEXT_DFOLD_MAX;) {
					U16_NEXT(u, i, ulen, d);
					m = text_fold_diff_cp((uint32_t)d,
					    flags, sub);
					for (j = 0; j < m && k <
					    TEXT_DFOLD_MAX; j++)
						out[k++] = sub[j];
				}
				return k;
			}
		}
	}
	if (u_charType((UChar32)c) == U_FORMAT_CHAR)
		return 0;
	if (u_isUWhiteSpace((UChar32)c))
		c = ' ';
	else if ((flags & TEXT_DFOLD_SPELLING) && c <= 0x10FFFF)
		c = (uint32_t)u_foldCase((UChar32)c, U_FOLD_CASE_DEFAULT);
	out[0] = c;
	return 1;
}
