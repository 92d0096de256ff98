/*
 * doc-inline.c - a block's inline markup -> clean text and spans: white
 * space collapsed, justification tatweel and bidi controls dropped,
 * **bold** and *italic*, footnote references ⁽18⁾, ^(3), )3( and
 * "word*" turned into spans (struct doc_span).  The NFC quick check
 * rides on the same scan.
 *
 * The hot loop of the importer (issue 3: at least 100 MB/s, see
 * BENCHMARKS.md): every character of every block goes through inl_run()
 * once; a block that needs no change is not copied.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc-import-int.h"
#include "text.h"

enum { STAR_LIT, STAR_BOLD, STAR_ITAL_OPEN, STAR_ITAL_CLOSE, STAR_MARK };

static void
inl_span(struct inl *in, size_t start, size_t end, enum doc_span_kind k,
    const char *lab, size_t labn)
{
	if (in->nspans == in->cspans) {
		in->cspans = in->cspans == 0 ? 16 : in->cspans * 2;
		in->spans = xreallocarray(in->spans, in->cspans,
		    sizeof *in->spans);
		in->laboff = xreallocarray(in->laboff, in->cspans,
		    sizeof *in->laboff);
	}
	in->spans[in->nspans].start = start;
	in->spans[in->nspans].end = end;
	in->spans[in->nspans].kind = k;
	in->spans[in->nspans].label = NULL;
	in->laboff[in->nspans] = NOFF;
	if (lab != NULL) {
		in->laboff[in->nspans] = in->labs.len;
		buf_add(&in->labs, lab, labn);
		buf_addc(&in->labs, '\0');
	}
	in->nspans++;
}

static bool
star_edge(uint32_t c)
{
	return c == 0 || is_ws(c) || c == '.' || c == ',' || c == 0x60C ||
	    c == 0x61B || c == ';' || c == ':' || c == ')' || c == '(';
}

/*
 * Gives every '*' of raw a role: "**" pairs are bold, a "*word ... word*"
 * pair is italic, a '*' after a word that closes nothing is a footnote
 * marker (if the document has a '*' footnote), anything else is literal.
 */
static void
star_roles(struct inl *in, const char *s, size_t n, bool star_fn,
    bool wrapped, size_t *nstars)
{
	size_t i, k, ns = 0, open_b = NOFF, open_i = NOFF;
	uint32_t prev, next;

	for (i = 0; i < n; i++) {
		if (s[i] != '*')
			continue;
		if (ns + 2 > in->cstars) {
			in->cstars = in->cstars == 0 ? 16 : in->cstars * 2;
			in->stars = xreallocarray(in->stars, in->cstars,
			    sizeof *in->stars);
			in->role = xreallocarray(in->role, in->cstars, 1);
		}
		k = i;
		prev = i > 0 ? dec_back(s, &k) : 0;
		if (i + 1 < n && s[i + 1] == '*') {
			in->stars[ns] = i;
			in->role[ns] = STAR_LIT;
			if (open_b != NOFF) {
				in->role[open_b] = STAR_BOLD;
				in->role[ns] = STAR_BOLD;
				open_b = NOFF;
			} else
				open_b = ns;
			ns++;
			i++;
			continue;
		}
		k = i + 1;
		next = k < n ? dec(s, n, &k) : 0;
		in->stars[ns] = i;
		in->role[ns] = STAR_LIT;
		if (open_i != NOFF && !is_ws(prev) && star_edge(next)) {
			in->role[open_i] = STAR_ITAL_OPEN;
			in->role[ns] = STAR_ITAL_CLOSE;
			open_i = NOFF;
		} else if (star_edge(prev) && next != 0 && !is_ws(next))
			open_i = ns;
		else if (star_fn && !is_ws(prev) && prev != 0 &&
		    star_edge(next))
			in->role[ns] = STAR_MARK;
		ns++;
	}
	/*
	 * Hard-wrapped text puts the marker of "word*" before the word:
	 * "*word".
	 */
	if (wrapped && star_fn && open_i != NOFF)
		in->role[open_i] = STAR_MARK;
	*nstars = ns;
}

/*
 * What an ASCII character means to imp_inline_parse()'s scan: 0
 * nothing, it is copied as it is; 1 it must be looked at (white space
 * and controls, '*', '^', DEL); 2 ')', looked at in hard-wrapped text
 * only (the mirrored marker ")3(").
 */
static const unsigned char inl_stop[128] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* 0x00 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* 0x10 */
	1, 0, 0, 0, 0, 0, 0, 0, 0, 2, 1, 0, 0, 0, 0, 0,	/* ' ' ) * */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0,	/* ^ */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1	/* DEL */
};

/* Whether imp_inline_parse() copies the ASCII character b as it is. */
static inline bool
inl_ascii_ordinary(unsigned char b, bool wrapped)
{
	return inl_stop[b] == 0 || (inl_stop[b] == 2 && !wrapped);
}

/*
 * Whether lead byte a and the byte b after it start a character that
 * imp_inline_parse() must look at: NBSP (C2 A0), tatweel (D9 80),
 * U+2000..U+207F (E2 80, E2 81: spaces, marks, ⁽) or U+FEC0..U+FEFF (EF
 * BB: the BOM).
 */
static inline bool
inl_special2(unsigned char a, unsigned char b)
{
	return (a == 0xC2 && b == 0xA0) || (a == 0xD9 && b == 0x80) ||
	    (a == 0xE2 && (b == 0x80 || b == 0x81)) ||
	    (a == 0xEF && b == 0xBB);
}

/*
 * Whether the character at s[j] (j < n, a character boundary) is copied
 * as it is; wrapped: the text is of the hard-wrapped style.
 */
static inline bool
inl_ordinary(const char *s, size_t n, size_t j, bool wrapped)
{
	unsigned char b = (unsigned char)s[j];

	if (b < 0x80)
		return inl_ascii_ordinary(b, wrapped);
	return j + 1 >= n || !inl_special2(b, (unsigned char)s[j + 1]);
}

/*
 * The end of the run of characters from s[i] (a character boundary)
 * that imp_inline_parse() copies as they are, single spaces between them
 * included: they need no collapsing.  *ncp receives the number of code
 * points in the run.  With nfc, the run is checked for NFC on the way,
 * a code point at a time (see text.h): the end is NOFF if it may be not
 * NFC.  The raw text is well-formed UTF-8.
 *
 * The hot loop of the importer: every character of every block goes
 * through it once, so two-byte characters (Arabic letters) are decoded
 * here rather than by dec().
 */
static size_t
inl_run(const char *s, size_t n, size_t i, bool wrapped, bool nfc, size_t *ncp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t j, k, e, f, d, cp = 0, checked = i;
	unsigned char b;
	uint32_t c;

	for (j = i; j < n; j = k, cp++) {
		b = u[j];
		if (b < 0x80) {
			k = j + 1;
			if (inl_ascii_ordinary(b, wrapped))
				continue;
			if (b == ' ' && j > i && k < n &&
			    inl_ordinary(s, n, k, wrapped))
				continue;
			break;
		}
		if (b < 0xE0 && j + 1 < n) {	/* Arabic letters: inline */
			c = ((uint32_t)(b & 0x1F) << 6) | (u[j + 1] & 0x3F);
			if (c == 0xA0 || c == 0x640)	/* NBSP, tatweel */
				break;
			k = j + 2;
		} else {
			if (j + 1 < n && inl_special2(b, u[j + 1]))
				break;
			d = j;
			c = dec(s, n, &d);
			k = d;
		}
		if (text_cp_nfc_yes0(c) || !nfc || j < checked)
			continue;
		/* A run of code points that are not yes0: ask ICU. */
		for (e = k; e < n && u[e] >= 0x80; e = f) {
			f = e;
			if (text_cp_nfc_yes0(dec(s, n, &f)))
				break;
		}
		if (!text_utf8_nfc_run(s + j, e - j))
			return NOFF;
		checked = e;
	}
	*ncp = cp;
	return j;
}

/*
 * Cleans the raw text s of a block into in->text, in->len and in->spans:
 * white space collapsed, tatweel runs (2+) removed, markup turned into
 * spans.  in->text is in->out, or s itself when nothing changed (valid
 * as long as s).  With nfc, checks on the way that s is NFC and returns
 * false, the result unfinished, if it may not be: the caller normalises
 * s and calls again without nfc.  Returns true otherwise.
 */
bool
imp_inline_parse(struct inl *in, const char *s, size_t n, bool wrapped,
    bool star_fn, bool nfc)
{
	size_t i = 0, k, cp = 0, si = 0, ns = 0, bold = NOFF, ital = NOFF;
	size_t j, st, ncp;
	uint32_t c;
	bool space = false, stars = false;
	char lab[16];
	size_t labn;
	long v;
	int dv;

	buf_reset(&in->out);
	buf_reset(&in->labs);
	in->nspans = 0;

#define EMIT_SPACE() do {						\
	if (space && in->out.len > 0) {					\
		buf_addc(&in->out, ' ');				\
		cp++;							\
	}								\
	space = false;							\
} while (0)

	while (i < n) {
		/* A run of ordinary characters is copied in one go. */
		if ((j = inl_run(s, n, i, wrapped, nfc, &ncp)) == NOFF)
			return false;
		if (j == n && i == 0) {
			/* All of it (most blocks): no copy. */
			in->text = s;
			in->len = n;
			return true;
		}
		if (j > i) {
			EMIT_SPACE();
			buf_add(&in->out, s + i, j - i);
			cp += ncp;
			i = j;
			continue;
		}
		k = i;
		c = dec(s, n, &k);
		/*
		 * Every other character but c that is taken below is one
		 * of a few known to be yes0 (ASCII, tatweel, superscript
		 * digits and parentheses, Arabic-Indic digits).
		 */
		if (nfc && !text_cp_nfc_yes0(c))
			return false;
		if (is_ws(c)) {
			space = true;
			i = k;
			continue;
		}
		/*
		 * Bidi embeddings, overrides and isolates (pdftotext wraps
		 * every line and every run of digits in them): the text is
		 * in logical order, they only get in the way.
		 */
		if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 &&
		    c <= 0x2069)) {
			i = k;
			continue;
		}
		if (c == 0x640 && k < n && has_prefix(s + k, n - k, "ـ")) {
			while (k < n && has_prefix(s + k, n - k, "ـ"))
				k += 2;
			i = k;		/* justification: a run of tatweel */
			continue;
		}
		/* The roles of the stars, at the first one (few blocks). */
		if (c == '*' && !stars) {
			star_roles(in, s, n, star_fn, wrapped, &ns);
			stars = true;
		}
		if (c == '*' && si < ns && in->stars[si] == i) {
			int role = in->role[si];

			if (role == STAR_BOLD) {
				si++;
				if (bold == NOFF) {
					EMIT_SPACE();
					bold = cp;
				} else {
					inl_span(in, bold, cp, DOC_SPAN_BOLD,
					    NULL, 0);
					bold = NOFF;
				}
				i += 2;
				continue;
			}
			si++;
			if (role == STAR_ITAL_OPEN) {
				EMIT_SPACE();
				ital = cp;
				i = k;
				continue;
			}
			if (role == STAR_ITAL_CLOSE) {
				if (ital != NOFF)
					inl_span(in, ital, cp,
					    DOC_SPAN_ITALIC, NULL, 0);
				ital = NOFF;
				i = k;
				continue;
			}
			EMIT_SPACE();
			buf_addc(&in->out, '*');
			if (role == STAR_MARK)
				inl_span(in, cp, cp + 1, DOC_SPAN_FOOTREF,
				    "*", 1);
			cp++;
			if (role == STAR_LIT && i + 1 < n && s[i + 1] == '*') {
				buf_addc(&in->out, '*');	/* lone ** */
				cp++;
				k++;
			}
			i = k;
			continue;
		}
		if (c == 0x207D) {				/* ⁽18⁾ */
			labn = 0;
			j = k;
			while (j < n) {
				size_t j2 = j;

				if ((dv = sup_digit(dec(s, n, &j2))) < 0)
					break;
				if (labn < sizeof lab - 1)
					lab[labn++] = (char)('0' + dv);
				j = j2;
			}
			if (labn > 0 && has_prefix(s + j, n - j, "⁾")) {
				j += 3;
				EMIT_SPACE();
				st = cp;
				buf_add(&in->out, s + i, j - i);
				cp += 2 + labn;
				inl_span(in, st, cp, DOC_SPAN_FOOTREF, lab,
				    labn);
				i = j;
				continue;
			}
		}
		if ((c == '^' && k < n && s[k] == '(') ||
		    (wrapped && c == ')')) {		/* ^(3) and )3( */
			j = c == '^' ? k + 1 : k;
			st = j;
			if (read_digits(s, n, &j, &v) && j < n &&
			    s[j] == (c == '^' ? ')' : '(')) {
				EMIT_SPACE();
				labn = (size_t)snprintf(lab, sizeof lab, "%ld",
				    v);
				buf_addc(&in->out, '(');
				buf_add(&in->out, s + st, j - st);
				buf_addc(&in->out, ')');
				inl_span(in, cp, cp + 2 + utf8_count(s + st,
				    j - st), DOC_SPAN_FOOTREF, lab, labn);
				cp += 2 + utf8_count(s + st, j - st);
				i = j + 1;
				continue;
			}
		}
		EMIT_SPACE();
		buf_add(&in->out, s + i, k - i);
		cp++;
		i = k;
	}
#undef EMIT_SPACE
	if (bold != NOFF)
		inl_span(in, bold, cp, DOC_SPAN_BOLD, NULL, 0);
	for (j = 0; j < in->nspans; j++)
		if (in->laboff[j] != NOFF)
			in->spans[j].label = in->labs.data + in->laboff[j];
	in->text = in->out.data != NULL ? in->out.data : "";
	in->len = in->out.len;
	return true;
}

void
imp_inline_free(struct inl *in)
{
	buf_free(&in->out);
	buf_free(&in->labs);
	free(in->spans);
	free(in->laboff);
	free(in->stars);
	free(in->role);
}
