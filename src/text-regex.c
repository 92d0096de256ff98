/*
 * text-regex.c - ICU's regular expressions, in code points.
 *
 * A thin wrapper of uregex_*: the pattern is compiled once, the subject
 * is converted to UTF-16 once per text_regex_set(), and every offset is
 * translated between code points (what the rest of hamish counts) and
 * UTF-16 units (what ICU counts).  The translation tables exist only when
 * the subject holds a code point above U+FFFF; otherwise the two counts
 * are the same.  Nothing here knows about documents or references, and
 * nothing is cached between regexes: each owns its matcher and subject.
 *
 *   code points   a  b  𝑥     c          (𝑥 above U+FFFF)
 *   UTF-16        a  b  hi lo c
 *   u2cp          0  1  2  2  3  4       (one entry per unit, and the end)
 *   cp2u          0  1  2     4  5       (one entry per code point, and
 *                                         the end)
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/uregex.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "text.h"
#include "util.h"

struct text_regex {
	URegularExpression	*re;
	size_t			 ngroups;
	UChar			*u;	/* the subject in UTF-16, owned */
	int32_t			 ulen;
	size_t			 ucap;
	size_t			 n;	/* code points in the subject */
	size_t			*u2cp;	/* NULL: the identity */
	size_t			*cp2u;	/* NULL: the identity */
	size_t			 mapcap;
};

struct text_regex *
text_regex_new(const char *pattern, int flags, char **cause)
{
	struct text_regex *r;
	UErrorCode err = U_ZERO_ERROR;
	UParseError pe;
	UChar *upat;
	int32_t ulen = 0;
	uint32_t uflags = 0;
	URegularExpression *re;

	/* Preflight for the length, then convert. */
	u_strFromUTF8(NULL, 0, &ulen, pattern, -1, &err);
	if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err)) {
		*cause = xasprintf("regular expression: %s", u_errorName(err));
		return NULL;
	}
	err = U_ZERO_ERROR;
	upat = xreallocarray(NULL, (size_t)ulen + 1, sizeof *upat);
	u_strFromUTF8(upat, ulen + 1, NULL, pattern, -1, &err);
	if (U_FAILURE(err)) {
		free(upat);
		*cause = xasprintf("regular expression: %s", u_errorName(err));
		return NULL;
	}
	if (flags & TEXT_RE_CASELESS)
		uflags |= UREGEX_CASE_INSENSITIVE;
	if (flags & TEXT_RE_COMMENTS)
		uflags |= UREGEX_COMMENTS;
	memset(&pe, 0, sizeof pe);
	re = uregex_open(upat, ulen, uflags, &pe, &err);
	free(upat);
	if (U_FAILURE(err)) {
		*cause = xasprintf("regular expression: %s at line %d, "
		    "offset %d", u_errorName(err), (int)pe.line,
		    (int)pe.offset);
		return NULL;
	}
	r = xcalloc(1, sizeof *r);
	r->re = re;
	err = U_ZERO_ERROR;
	r->ngroups = (size_t)uregex_groupCount(re, &err);
	return r;
}

void
text_regex_free(struct text_regex *r)
{
	if (r == NULL)
		return;
	uregex_close(r->re);
	free(r->u);
	free(r->u2cp);
	free(r->cp2u);
	free(r);
}

size_t
text_regex_groups(const struct text_regex *r)
{
	return r->ngroups;
}

void
text_regex_set(struct text_regex *r, const uint32_t *s, size_t n)
{
	UErrorCode err = U_ZERO_ERROR;
	bool astral = false;
	size_t i, k = 0;

	if (n > INT32_MAX / 2)
		die("text too long for a regular expression (%zu code points)",
		    n);
	for (i = 0; i < n && !astral; i++)
		astral = s[i] > 0xFFFF;
	if (r->ucap < 2 * n + 1) {
		r->ucap = 2 * n + 1;
		r->u = xreallocarray(r->u, r->ucap, sizeof *r->u);
	}
	free(r->u2cp);
	free(r->cp2u);
	r->u2cp = r->cp2u = NULL;
	if (astral) {
		r->u2cp = xreallocarray(NULL, 2 * n + 1, sizeof *r->u2cp);
		r->cp2u = xreallocarray(NULL, n + 1, sizeof *r->cp2u);
	}
	for (i = 0; i < n; i++) {
		/* A surrogate or an out-of-range value is no scalar value:
		 * ICU must not see half a pair, so it becomes U+FFFD. */
		uint32_t c = s[i];

		if ((c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
			c = 0xFFFD;
		if (astral) {
			r->cp2u[i] = k;
			r->u2cp[k] = i;
		}
		if (c > 0xFFFF) {
			r->u[k++] = U16_LEAD(c);
			if (astral)
				r->u2cp[k] = i;
			r->u[k++] = U16_TRAIL(c);
		} else
			r->u[k++] = (UChar)c;
	}
	if (astral) {
		r->cp2u[n] = k;
		r->u2cp[k] = n;
	}
	r->u[k] = 0;
	r->ulen = (int32_t)k;
	r->n = n;
	uregex_setText(r->re, r->u, r->ulen, &err);
	if (U_FAILURE(err))
		die("ICU regular expression: %s", u_errorName(err));
}

void
text_regex_set_utf8(struct text_regex *r, const char *s, size_t len)
{
	uint32_t *cps;
	size_t n;

	cps = text_utf8_decode(s, len, 0, &n, NULL);
	text_regex_set(r, cps, n);
	free(cps);
}

static size_t
to_cp(const struct text_regex *r, int64_t u)
{
	return r->u2cp != NULL ? r->u2cp[u] : (size_t)u;
}

static int64_t
to_u(const struct text_regex *r, size_t cp)
{
	return (int64_t)(r->cp2u != NULL ? r->cp2u[cp] : cp);
}

/* The groups of the match just found into m[0 .. nm). */
static void
groups_get(struct text_regex *r, struct text_match *m, size_t nm)
{
	UErrorCode err = U_ZERO_ERROR;
	int64_t s, e;
	size_t g;

	for (g = 0; g < nm; g++) {
		m[g].start = m[g].end = TEXT_RE_NONE;
		if (g > r->ngroups)
			continue;
		s = uregex_start64(r->re, (int32_t)g, &err);
		e = uregex_end64(r->re, (int32_t)g, &err);
		if (U_FAILURE(err) || s < 0 || e < 0) {
			err = U_ZERO_ERROR;
			continue;
		}
		m[g].start = to_cp(r, s);
		m[g].end = to_cp(r, e);
	}
}

/* The region [from, to), lookaround seeing past it; false if empty. */
static bool
region_set(struct text_regex *r, size_t from, size_t *to)
{
	UErrorCode err = U_ZERO_ERROR;

	if (*to > r->n)
		*to = r->n;
	if (from > *to)
		return false;
	uregex_setRegion64(r->re, to_u(r, from), to_u(r, *to), &err);
	uregex_useTransparentBounds(r->re, true, &err);
	uregex_useAnchoringBounds(r->re, false, &err);
	if (U_FAILURE(err))
		die("ICU regular expression: %s", u_errorName(err));
	return true;
}

bool
text_regex_find(struct text_regex *r, size_t from, size_t to,
    struct text_match *m, size_t nm)
{
	UErrorCode err = U_ZERO_ERROR;

	if (!region_set(r, from, &to))
		return false;
	if (!uregex_findNext(r->re, &err) || U_FAILURE(err))
		return false;
	groups_get(r, m, nm);
	return true;
}

bool
text_regex_match_at(struct text_regex *r, size_t at, size_t to,
    struct text_match *m, size_t nm)
{
	UErrorCode err = U_ZERO_ERROR;

	if (!region_set(r, at, &to))
		return false;
	if (!uregex_lookingAt64(r->re, -1, &err) || U_FAILURE(err))
		return false;
	groups_get(r, m, nm);
	return true;
}
