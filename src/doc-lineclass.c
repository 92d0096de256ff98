/*
 * doc-lineclass.c - what a line is, asked the same way by both
 * assemblers (doc-style-lines.c, doc-style-wrapped.c): page furniture
 * (job numbers, bar codes, footnote separators), a header field of the
 * front matter (Distr., date, language, symbol), and the footnote
 * markers it holds (⁽18⁾, ^(3), "word*", mirrored )3( in hard-wrapped
 * text), which the footnote parsers later believe.  Pure: no I/O.
 */
#include <stdio.h>
#include <string.h>

#include "doc-furniture.h"
#include "doc-import-int.h"

/* --- line classes ------------------------------------------------------ */

static bool
all_digits(const char *s, size_t n, size_t min, size_t max)
{
	size_t i;

	if (n < min || n > max)
		return false;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/*
 * Page furniture made of tokens only: job numbers, print dates (6
 * digits), "(A)", bar codes "*1908473*", page numbers "2/35".  At least
 * one job number or bar code, so a line "2/35" alone is not furniture.
 */
static bool
is_job_line(const char *s, size_t n)
{
	size_t i = 0, j;
	bool anchor = false;

	while (i < n) {
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i == n)
			break;
		j = i;
		while (j < n && s[j] != ' ' && s[j] != '\t')
			j++;
		if (dl_is_job(s + i, j - i))
			anchor = true;
		else if (j - i >= 9 && s[i] == '*' && s[j - 1] == '*' &&
		    all_digits(s + i + 1, j - i - 2, 7, 8))
			anchor = true;
		else if (all_digits(s + i, j - i, 6, 6))
			;
		else if (j - i == 3 && s[i] == '(' && s[i + 2] == ')' &&
		    s[i + 1] >= 'A' && s[i + 1] <= 'Z')
			;
		else {
			const char *sl = memchr(s + i, '/', j - i);

			if (sl == NULL || !all_digits(s + i,
			    (size_t)(sl - s - i), 1, 4) || !all_digits(sl + 1,
			    (size_t)(s + j - sl - 1), 1, 4))
				return false;
		}
		i = j;
	}
	return anchor;
}

static bool
is_separator(const char *s, size_t n)
{
	size_t i;

	if (n < 5)
		return false;
	for (i = 0; i < n; i++)
		if (s[i] != '_')
			return false;
	return true;
}

/* Page furniture of any style; *sep set for a footnote separator. */
bool
imp_is_furniture(const char *s, size_t n, bool wrapped, bool *sep)
{
	*sep = is_separator(s, n);
	if (*sep)
		return true;
	if (is_job_line(s, n))
		return true;
	if ((n == strlen("الرجاء إعادة استعمال الورق") &&
	    memcmp(s, "الرجاء إعادة استعمال الورق", n) == 0) ||
	    (n == 14 && memcmp(s, "Please recycle", 14) == 0))
		return true;
	/* A page number alone, in hard-wrapped text. */
	return wrapped && all_digits(s, n, 1, 4);
}

static const char *const months[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

/* "13 November 2024" -> "2024-11-13" into iso[11]. */
static bool
parse_date(const char *s, size_t n, char *iso)
{
	size_t i = 0, k, m;
	long day = 0, year = 0;

	while (i < n && i < 2 && s[i] >= '0' && s[i] <= '9')
		day = day * 10 + (s[i++] - '0');
	if (i == 0 || i >= n || s[i] != ' ' || day < 1 || day > 31)
		return false;
	i++;
	for (m = 0; m < UTIL_NELEM(months); m++) {
		k = strlen(months[m]);
		if (i + k < n && memcmp(s + i, months[m], k) == 0 &&
		    s[i + k] == ' ')
			break;
	}
	if (m == UTIL_NELEM(months))
		return false;
	i += strlen(months[m]) + 1;
	if (n - i != 4 || !all_digits(s + i, 4, 4, 4))
		return false;
	for (k = 0; k < 4; k++)
		year = year * 10 + (s[i + k] - '0');
	snprintf(iso, 11, "%04ld-%02zu-%02ld", year, m + 1, day);
	return true;
}

/* Header fields: Distr.: General, a date, Arabic, Original: English. */
bool
imp_meta_take(struct imp *im, const char *s, size_t n)
{
	static const char *const langs[] = {
		"Arabic", "Chinese", "English", "French", "Russian", "Spanish"
	};
	const char *v;
	size_t i, vn;
	char iso[11];

	if (has_prefix(s, n, "Distr.")) {
		i = 6;
		while (i < n && (s[i] == ' ' || s[i] == ':'))
			i++;
		doc_meta_set(im->d, DOC_META_DISTRIBUTION, s + i, n - i);
		return true;
	}
	if (has_prefix(s, n, "Original:")) {
		v = s + 9;
		vn = n - 9;
		trim(&v, &vn);
		doc_meta_set(im->d, DOC_META_ORIGINAL, v, vn);
		return true;
	}
	for (i = 0; i < UTIL_NELEM(langs); i++)
		if (n == strlen(langs[i]) && memcmp(s, langs[i], n) == 0) {
			doc_meta_set(im->d, DOC_META_LANGUAGE, s, n);
			return true;
		}
	if (parse_date(s, n, iso)) {
		if (doc_meta_set(im->d, DOC_META_DATE, s, n))
			doc_meta_set(im->d, DOC_META_DATE_ISO, iso, 10);
		return true;
	}
	if (dl_is_symbol(s, n)) {
		doc_meta_set(im->d, DOC_META_SYMBOL, s, n);
		return true;
	}
	return false;
}

/* --- markers ------------------------------------------------------------ */

static void
mark_set(struct imp *im, long v)
{
	if (v >= 0 && v < MAX_MARK)
		im->marks[v / 8] |= (unsigned char)(1u << (v % 8));
	im->any_mark = true;
}

/*
 * Records a footnote marker that starts at s[i], if one does: ⁽18⁾,
 * ^(3), a word ending in '*' and, in hard-wrapped text, the mirrored )3(.
 */
static void
scan_mark_at(struct imp *im, const char *s, size_t n, size_t i)
{
	size_t k;
	uint32_t c, prev;
	long v;
	int dv;

	if ((unsigned char)s[i] == 0xE2 && !has_prefix(s + i, n - i, "⁽"))
		return;
	k = i;
	prev = ' ';
	if (i > 0)
		prev = dec_back(s, &k);
	k = i;
	c = dec(s, n, &k);
	if (c == 0x207D) {			/* ⁽ */
		v = 0;
		while (k < n) {
			size_t j = k;

			if ((dv = sup_digit(dec(s, n, &j))) < 0)
				break;
			v = v * 10 + dv;
			k = j;
		}
		mark_set(im, v);
	} else if ((c == '^' && k < n && s[k] == '(') ||
	    (c == ')' && im->wrapped)) {
		size_t j = c == '^' ? k + 1 : k;

		if (read_digits(s, n, &j, &v) && j < n &&
		    s[j] == (c == '^' ? ')' : '('))
			mark_set(im, v);
	} else if (c == '*' && prev != '*' && !is_ws(prev) &&
	    (k == n || s[k] == ' ' || s[k] == '\t' || s[k] == '.' ||
	    s[k] == ',')) {
		im->star_mark = true;
	}
}

/*
 * Records the footnote markers of a line of text.  Only four bytes can
 * start one: '*', '^', the lead byte of ⁽ and, in hard-wrapped text, ')'.  Each
 * is looked for with memchr(), which skips the rest of the line fast;
 * the order markers are found in does not matter.
 */
void
imp_marks_scan(struct imp *im, const char *s, size_t n)
{
	static const char starts[] = { '*', '^', '\xE2', ')' };
	const char *p;
	size_t k;

	for (k = 0; k < (im->wrapped ? 4u : 3u); k++)
		for (p = memchr(s, starts[k], n); p != NULL;
		    p = memchr(p + 1, starts[k], (size_t)(s + n - p - 1)))
			scan_mark_at(im, s, n, (size_t)(p - s));
}

/* "[bookmark: _Toc60753860]<TAB>" prefixes, however many. */
void
imp_bookmarks_strip(const char **s, size_t *n)
{
	const char *e;

	while (has_prefix(*s, *n, "[bookmark:") &&
	    (e = memchr(*s, ']', *n)) != NULL) {
		*n -= (size_t)(e + 1 - *s);
		*s = e + 1;
		trim(s, n);
	}
}
