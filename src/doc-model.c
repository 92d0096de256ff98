/*
 * doc-model.c - the document model: storage, accessors, addresses and
 * footnote links.  Pure C: never prints, never exits except through
 * xmalloc's die() on out of memory, knows nothing of terminals or of the
 * formats documents come in (that is doc-import.c).
 *
 * Storage is compact on purpose (an 8 MB document must not cost ten times
 * that): every string of a document - block texts, labels, addresses,
 * metadata, dropped lines - lives in one arena buffer and blocks refer to
 * it by offset.  Offsets survive the arena's reallocations; doc_finish()
 * turns them into the pointers the accessors hand out, once.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "util.h"

#define NOFF	((size_t)-1)

struct blk {
	enum doc_kind	 kind;
	int		 level;
	long		 number;
	int		 section;
	size_t		 line;
	size_t		 page;		/* 1-based, 0: no pages */
	size_t		 parent;
	size_t		 label;		/* arena offsets, NOFF: none */
	size_t		 addr;
	size_t		 text;
	size_t		 text_len;
	size_t		 span0, nspan;	/* into spans */
	size_t		 fn0, nfn;	/* into fns */
	size_t		 ref0, nref;	/* into refs */
};

struct ispan {
	size_t			 start, end;
	enum doc_span_kind	 kind;
	size_t			 label;
};

struct drop {
	size_t		 line;
	const char	*reason;
	size_t		 text;
};

struct idiag {
	enum doc_diag_level	 level;
	size_t			 line;
	size_t			 msg;
};

struct doc {
	struct buf	 arena;
	struct blk	*b;
	size_t		 nb, cb;
	size_t		 npages;	/* 0: no form feed in the text */
	bool		 partial;	/* the first pages of a PDF only */
	struct ispan	*isp;
	size_t		 nisp, cisp;
	struct doc_span	*spans;		/* resolved isp, after finish */
	size_t		*fns;		/* arena offsets of labels */
	size_t		 nfns, cfns;
	const char	**fnp;		/* resolved fns */
	size_t		*refs;		/* block indexes */
	size_t		 nrefs;
	size_t		 meta_off[DOC_META_NFIELDS];
	struct doc_meta	 meta;
	struct drop	*drops;
	size_t		 ndrops, cdrops;
	struct idiag	*idiags;
	size_t		 ndiags, cdiags;
	struct doc_diag	*diags;
	size_t		*addr_ix;	/* blocks with addresses, sorted */
	size_t		 naddr;
	size_t		*fn_ix;		/* footnote blocks by label, line */
	size_t		 nfn_ix;
	bool		 restart;	/* numbering restarts per section */
	bool		 finished;
};

/* Appends n bytes and a NUL to the arena; returns their offset. */
static size_t
arena_add(struct doc *d, const char *s, size_t n)
{
	return buf_add_str(&d->arena, s, n);
}

static const char *
arena_str(const struct doc *d, size_t off)
{
	return off == NOFF ? NULL : d->arena.data + off;
}

struct doc *
doc_new(void)
{
	struct doc *d = xcalloc(1, sizeof *d);
	size_t i;

	buf_init(&d->arena);
	for (i = 0; i < DOC_META_NFIELDS; i++)
		d->meta_off[i] = NOFF;
	return d;
}

void
doc_free(struct doc *d)
{
	if (d == NULL)
		return;
	buf_free(&d->arena);
	free(d->b);
	free(d->isp);
	free(d->spans);
	free(d->fns);
	free(d->fnp);
	free(d->refs);
	free(d->drops);
	free(d->idiags);
	free(d->diags);
	free(d->addr_ix);
	free(d->fn_ix);
	free(d);
}

void
doc_reserve(struct doc *d, size_t bytes, size_t blocks)
{
	buf_grow(&d->arena, bytes);
	/* What was asked for: the buffer's capacity may be twice that. */
	util_prefault(d->arena.data + d->arena.len, bytes);
	if (blocks > d->cb) {
		d->cb = blocks;
		d->b = xreallocarray(d->b, d->cb, sizeof *d->b);
		util_prefault(d->b + d->nb, (d->cb - d->nb) * sizeof *d->b);
	}
}

size_t
doc_block_add(struct doc *d, const struct doc_block_init *in)
{
	struct blk *b;
	size_t i;

	assert(!d->finished);
	if (d->nb == d->cb) {
		d->cb = d->cb == 0 ? 256 : d->cb * 2;
		d->b = xreallocarray(d->b, d->cb, sizeof *d->b);
	}
	b = &d->b[d->nb];
	memset(b, 0, sizeof *b);
	b->kind = in->kind;
	b->level = in->level;
	b->number = in->number;
	b->section = in->section;
	b->line = in->line;
	b->page = in->page;
	b->parent = in->parent;
	b->label = in->label != NULL ?
	    arena_add(d, in->label, strlen(in->label)) : NOFF;
	b->addr = NOFF;
	b->text = arena_add(d, in->text != NULL ? in->text : "",
	    in->text_len);
	b->text_len = in->text_len;
	b->span0 = d->nisp;
	b->fn0 = d->nfns;
	for (i = 0; i < in->nspans; i++) {
		const struct doc_span *sp = &in->spans[i];
		struct ispan *is;

		if (d->nisp == d->cisp) {
			d->cisp = d->cisp == 0 ? 256 : d->cisp * 2;
			d->isp = xreallocarray(d->isp, d->cisp, sizeof *d->isp);
		}
		is = &d->isp[d->nisp++];
		is->start = sp->start;
		is->end = sp->end;
		is->kind = sp->kind;
		is->label = sp->label != NULL ?
		    arena_add(d, sp->label, strlen(sp->label)) : NOFF;
		if (sp->kind == DOC_SPAN_FOOTREF && sp->label != NULL) {
			if (d->nfns == d->cfns) {
				d->cfns = d->cfns == 0 ? 64 : d->cfns * 2;
				d->fns = xreallocarray(d->fns, d->cfns,
				    sizeof *d->fns);
			}
			d->fns[d->nfns++] = is->label;
		}
	}
	b->nspan = d->nisp - b->span0;
	b->nfn = d->nfns - b->fn0;
	return d->nb++;
}

bool
doc_meta_set(struct doc *d, enum doc_meta_field f, const char *s, size_t n)
{
	assert(!d->finished && f < DOC_META_NFIELDS);
	if (d->meta_off[f] != NOFF)
		return false;
	d->meta_off[f] = arena_add(d, s, n);
	return true;
}

bool
doc_meta_isset(const struct doc *d, enum doc_meta_field f)
{
	return d->meta_off[f] != NOFF;
}

void
doc_meta_symbol_from_name(struct doc *d)
{
	d->meta.symbol_from_name = true;
}

void
doc_dropped_add(struct doc *d, size_t line, const char *reason,
    const char *s, size_t n)
{
	assert(!d->finished);
	if (d->ndrops == d->cdrops) {
		d->cdrops = d->cdrops == 0 ? 32 : d->cdrops * 2;
		d->drops = xreallocarray(d->drops, d->cdrops,
		    sizeof *d->drops);
	}
	d->drops[d->ndrops].line = line;
	d->drops[d->ndrops].reason = reason;
	d->drops[d->ndrops].text = arena_add(d, s, n);
	d->ndrops++;
}

void
doc_diag_add(struct doc *d, enum doc_diag_level level, size_t line,
    const char *fmt, ...)
{
	struct buf b;
	va_list ap;

	assert(!d->finished);
	if (d->ndiags == d->cdiags) {
		d->cdiags = d->cdiags == 0 ? 8 : d->cdiags * 2;
		d->idiags = xreallocarray(d->idiags, d->cdiags,
		    sizeof *d->idiags);
	}
	buf_init(&b);
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	d->idiags[d->ndiags].level = level;
	d->idiags[d->ndiags].line = line;
	d->idiags[d->ndiags].msg = arena_add(d, b.data != NULL ? b.data : "",
	    b.len);
	d->ndiags++;
	buf_free(&b);
}

/* --- letters and ordinals --------------------------------------------- */

/* UTF-8 of the abjad sub-paragraph letters, in order (ordinal = i + 1). */
static const char *const abjad[] = {
	"أ", "ب", "ج", "د", "ه", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م",
	"ن", "س", "ع", "ف", "ص", "ق", "ر", "ش", "ت", "ث", "خ", "ذ", "ض",
	"ظ", "غ"
};

int
doc_abjad_ordinal(const char *s, size_t n)
{
	size_t i, k;

	/* "هـ": the letter with a tatweel (U+0640, D9 80) after it. */
	if (n == 4 && memcmp(s + 2, "\xd9\x80", 2) == 0)
		n = 2;
	if (n == 2 && memcmp(s, "ا", 2) == 0)
		return 1;	/* أ written without its hamza */
	for (i = 0; i < UTIL_NELEM(abjad); i++) {
		k = strlen(abjad[i]);
		if (k == n && memcmp(s, abjad[i], n) == 0)
			return (int)i + 1;
	}
	return 0;
}

/*
 * Copies s without tanween fath (U+064B, D9 8B), a space before it
 * included, and with the alef forms أ إ آ made ا, so that أولاً, أولا ً
 * (the tanween split off, as text copied from a PDF has it), أولا and
 * اولا compare equal.
 */
static size_t
ordinal_fold(const char *s, size_t n, char *out, size_t cap)
{
	size_t i = 0, k = 0;

	while (i < n && k + 2 <= cap) {
		unsigned char c = (unsigned char)s[i];

		if (c == 0xD9 && i + 1 < n && (unsigned char)s[i + 1] == 0x8B) {
			i += 2;
			continue;
		}
		if (c == ' ' && i + 2 < n && (unsigned char)s[i + 1] == 0xD9 &&
		    (unsigned char)s[i + 2] == 0x8B) {
			i += 3;
			continue;
		}
		if (c == 0xD8 && i + 1 < n && ((unsigned char)s[i + 1] == 0xA3
		    || (unsigned char)s[i + 1] == 0xA5 ||
		    (unsigned char)s[i + 1] == 0xA2)) {
			out[k++] = (char)0xD8;
			out[k++] = (char)0xA7;
			i += 2;
			continue;
		}
		out[k++] = s[i++];
	}
	return i < n ? 0 : k;
}

static int
word_lookup(const char *const *tab, size_t ntab, const char *s, size_t n,
    bool fold)
{
	char a[128], b[128];
	size_t na, nb, i;

	na = fold ? ordinal_fold(s, n, a, sizeof a) : n;
	if (!fold) {
		if (n > sizeof a)
			return 0;
		memcpy(a, s, n);
	}
	if (na == 0)
		return 0;
	for (i = 0; i < ntab; i++) {
		nb = fold ? ordinal_fold(tab[i], strlen(tab[i]), b, sizeof b) :
		    strlen(tab[i]);
		if (!fold)
			memcpy(b, tab[i], nb);
		if (na == nb && memcmp(a, b, na) == 0)
			return (int)i + 1;
	}
	return 0;
}

int
doc_ordinal_value(const char *s, size_t n)
{
	static const char *const tab[] = {
		"أولا", "ثانيا", "ثالثا", "رابعا", "خامسا", "سادسا",
		"سابعا", "ثامنا", "تاسعا", "عاشرا", "حادي عشر", "ثاني عشر",
		"ثالث عشر", "رابع عشر", "خامس عشر"
	};

	return word_lookup(tab, UTIL_NELEM(tab), s, n, true);
}

int
doc_letter_value(const char *s, size_t n)
{
	static const char *const tab[] = {
		"ألف", "باء", "جيم", "دال", "هاء", "واو", "زاي", "حاء",
		"طاء", "ياء", "كاف", "لام", "ميم", "نون", "سين", "عين",
		"فاء", "صاد", "قاف", "راء", "شين", "تاء", "ثاء", "خاء",
		"ذال", "ضاد", "ظاء", "غين"
	};

	return word_lookup(tab, UTIL_NELEM(tab), s, n, true);
}

/* Lower-case Roman numeral of 1 <= n < 4000 into out. */
static void
roman(struct buf *out, long n)
{
	static const struct { int v; const char *s; } r[] = {
		{ 1000, "m" }, { 900, "cm" }, { 500, "d" }, { 400, "cd" },
		{ 100, "c" }, { 90, "xc" }, { 50, "l" }, { 40, "xl" },
		{ 10, "x" }, { 9, "ix" }, { 5, "v" }, { 4, "iv" }, { 1, "i" }
	};
	size_t i;

	for (i = 0; i < UTIL_NELEM(r); i++)
		while (n >= r[i].v) {
			buf_adds(out, r[i].s);
			n -= r[i].v;
		}
}

/* Value of a Roman numeral (either case), or 0 if s is not one. */
static long
roman_value(const char *s, size_t n)
{
	struct buf b;
	long v = 0, x, prev = 0;
	size_t i;
	bool same;

	for (i = n; i-- > 0;) {
		switch (s[i] | 0x20) {
		case 'i': x = 1; break;
		case 'v': x = 5; break;
		case 'x': x = 10; break;
		case 'l': x = 50; break;
		case 'c': x = 100; break;
		case 'd': x = 500; break;
		case 'm': x = 1000; break;
		default: return 0;
		}
		v += x < prev ? -x : x;
		if (x > prev)
			prev = x;
	}
	if (v <= 0 || v >= 4000)
		return 0;
	/* Only the canonical spelling: "iiii" or "vx" are not numerals. */
	buf_init(&b);
	roman(&b, v);
	same = b.len == n;
	for (i = 0; same && i < n; i++)
		same = (s[i] | 0x20) == b.data[i];
	buf_free(&b);
	return same ? v : 0;
}

/* --- finishing: addresses and footnote links -------------------------- */

static _Thread_local const struct doc *sort_doc;	/* qsort has no
					   context argument; imports may run
					   on several threads (doc-load.c) */

static int
addr_cmp(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = strcmp(sort_doc->arena.data + sort_doc->b[i].addr,
	    sort_doc->arena.data + sort_doc->b[j].addr);

	if (c != 0)
		return c;
	return i < j ? -1 : i > j;	/* stable: the first one wins */
}

static int
fn_cmp(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = strcmp(sort_doc->arena.data + sort_doc->b[i].label,
	    sort_doc->arena.data + sort_doc->b[j].label);

	if (c != 0)
		return c;
	return i < j ? -1 : i > j;
}

struct pair {
	size_t fn, blk;
};

static int
pair_cmp(const void *a, const void *b)
{
	const struct pair *p = a, *q = b;

	if (p->fn != q->fn)
		return p->fn < q->fn ? -1 : 1;
	return p->blk < q->blk ? -1 : p->blk > q->blk;
}

/* Footnote labels are stored in ASCII; digits of any script fold. */
static void
label_fold(struct buf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p != '\0') {
		/* U+0660..0669 (D9 A0..A9), U+06F0..06F9 (DB B0..B9) */
		if (p[0] == 0xD9 && p[1] >= 0xA0 && p[1] <= 0xA9) {
			buf_addc(out, (char)('0' + p[1] - 0xA0));
			p += 2;
		} else if (p[0] == 0xDB && p[1] >= 0xB0 && p[1] <= 0xB9) {
			buf_addc(out, (char)('0' + p[1] - 0xB0));
			p += 2;
		} else
			buf_addc(out, (char)*p++);
	}
}

/* Index into fn_ix of the first footnote labelled s, or nfn_ix. */
static size_t
fn_lower(const struct doc *d, const char *s)
{
	size_t lo = 0, hi = d->nfn_ix, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(d->arena.data + d->b[d->fn_ix[mid]].label, s) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void
link_footnotes(struct doc *d)
{
	struct pair *pairs;
	size_t i, k, j, np = 0, best;
	const char *lab;

	/* Footnote labels were stored folded to ASCII by the importer. */
	d->fn_ix = xreallocarray(NULL, d->nb + 1, sizeof *d->fn_ix);
	for (i = 0; i < d->nb; i++)
		if (d->b[i].kind == DOC_FOOTNOTE && d->b[i].label != NOFF)
			d->fn_ix[d->nfn_ix++] = i;
	sort_doc = d;
	qsort(d->fn_ix, d->nfn_ix, sizeof *d->fn_ix, fn_cmp);

	pairs = xreallocarray(NULL, d->nfns + 1, sizeof *pairs);
	for (i = 0; i < d->nb; i++) {
		for (k = 0; k < d->b[i].nfn; k++) {
			lab = d->arena.data + d->fns[d->b[i].fn0 + k];
			j = fn_lower(d, lab);
			best = NOFF;
			/*
			 * The body of a footnote follows its marker: take the
			 * first one with this label at or after the marker's
			 * line, else the last one before it.
			 */
			for (; j < d->nfn_ix && strcmp(lab, d->arena.data +
			    d->b[d->fn_ix[j]].label) == 0; j++) {
				best = d->fn_ix[j];
				if (d->b[best].line >= d->b[i].line)
					break;
			}
			if (best != NOFF) {
				pairs[np].fn = best;
				pairs[np].blk = i;
				np++;
			}
		}
	}
	qsort(pairs, np, sizeof *pairs, pair_cmp);
	d->refs = xreallocarray(NULL, np + 1, sizeof *d->refs);
	for (i = 0; i < np; i++) {
		if (i > 0 && pairs[i].fn == pairs[i - 1].fn &&
		    pairs[i].blk == pairs[i - 1].blk)
			continue;	/* two markers in one block */
		if (d->b[pairs[i].fn].nref == 0)
			d->b[pairs[i].fn].ref0 = d->nrefs;
		d->b[pairs[i].fn].nref++;
		d->refs[d->nrefs++] = pairs[i].blk;
	}
	free(pairs);
}

static void
make_addresses(struct doc *d)
{
	struct buf a;
	size_t i, p, npp = 0;
	long prev = 0;
	int prev_sec = 0;
	bool decrease = false, only_at_sections = true;
	struct blk *b;

	for (i = 0; i < d->nb; i++) {
		b = &d->b[i];
		if (b->kind != DOC_PARA)
			continue;
		if (b->number <= prev) {
			decrease = true;
			if (b->section == prev_sec)
				only_at_sections = false;
		}
		prev = b->number;
		prev_sec = b->section;
	}
	d->restart = decrease && only_at_sections;

	buf_init(&a);
	for (i = 0; i < d->nb; i++) {
		b = &d->b[i];
		buf_reset(&a);
		switch (b->kind) {
		case DOC_PREAMBLE:	/* preambular paragraphs: pp1, pp2 ... */
			buf_addf(&a, "pp%zu", ++npp);
			break;
		case DOC_PARA:
			if (d->restart && b->section > 0)
				buf_addf(&a, "%d.", b->section);
			buf_addf(&a, "%ld", b->number);
			break;
		case DOC_SUBPARA:
			p = b->parent;
			if (p == NOFF || p >= i || d->b[p].addr == NOFF)
				break;
			if (b->level == 1 && (b->number < 1 || b->number > 26))
				break;
			buf_adds(&a, d->arena.data + d->b[p].addr);
			buf_addc(&a, '(');
			if (b->level == 1)
				buf_addc(&a, (char)('a' + b->number - 1));
			else if (b->number >= 1 && b->number < 4000)
				roman(&a, b->number);
			else
				buf_addf(&a, "%ld", b->number);
			buf_addc(&a, ')');
			break;
		case DOC_FOOTNOTE:
			if (b->label != NOFF)
				buf_addf(&a, "fn%s", d->arena.data + b->label);
			break;
		default:
			break;
		}
		if (a.len > 0)
			b->addr = arena_add(d, a.data, a.len);
	}
	buf_free(&a);

	d->addr_ix = xreallocarray(NULL, d->nb + 1, sizeof *d->addr_ix);
	for (i = 0; i < d->nb; i++)
		if (d->b[i].addr != NOFF)
			d->addr_ix[d->naddr++] = i;
	sort_doc = d;
	qsort(d->addr_ix, d->naddr, sizeof *d->addr_ix, addr_cmp);
}

void
doc_finish(struct doc *d)
{
	size_t i;
	const char **m[DOC_META_NFIELDS];

	assert(!d->finished);
	make_addresses(d);
	link_footnotes(d);

	/* The arena is complete: resolve offsets into pointers. */
	d->spans = xreallocarray(NULL, d->nisp + 1, sizeof *d->spans);
	for (i = 0; i < d->nisp; i++) {
		d->spans[i].start = d->isp[i].start;
		d->spans[i].end = d->isp[i].end;
		d->spans[i].kind = d->isp[i].kind;
		d->spans[i].label = arena_str(d, d->isp[i].label);
	}
	d->fnp = xreallocarray(NULL, d->nfns + 1, sizeof *d->fnp);
	for (i = 0; i < d->nfns; i++)
		d->fnp[i] = arena_str(d, d->fns[i]);
	d->diags = xreallocarray(NULL, d->ndiags + 1, sizeof *d->diags);
	for (i = 0; i < d->ndiags; i++) {
		d->diags[i].level = d->idiags[i].level;
		d->diags[i].line = d->idiags[i].line;
		d->diags[i].msg = arena_str(d, d->idiags[i].msg);
	}
	m[DOC_META_SYMBOL] = &d->meta.symbol;
	m[DOC_META_DISTRIBUTION] = &d->meta.distribution;
	m[DOC_META_DATE] = &d->meta.date;
	m[DOC_META_DATE_ISO] = &d->meta.date_iso;
	m[DOC_META_LANGUAGE] = &d->meta.language;
	m[DOC_META_ORIGINAL] = &d->meta.original;
	m[DOC_META_TITLE] = &d->meta.title;
	m[DOC_META_ENCODING] = &d->meta.encoding;
	for (i = 0; i < DOC_META_NFIELDS; i++)
		*m[i] = arena_str(d, d->meta_off[i]);
	d->finished = true;
}

/* --- accessors --------------------------------------------------------- */

static const struct blk *
blk(const struct doc *d, size_t i)
{
	assert(d->finished && i < d->nb);
	return &d->b[i];
}

const struct doc_meta *
doc_meta(const struct doc *d)
{
	assert(d->finished);
	return &d->meta;
}

size_t
doc_block_count(const struct doc *d)
{
	return d->nb;
}

enum doc_kind
doc_block_kind(const struct doc *d, size_t i)
{
	return blk(d, i)->kind;
}

int
doc_block_level(const struct doc *d, size_t i)
{
	return blk(d, i)->level;
}

const char *
doc_block_label(const struct doc *d, size_t i)
{
	return arena_str(d, blk(d, i)->label);
}

const char *
doc_block_address(const struct doc *d, size_t i)
{
	return arena_str(d, blk(d, i)->addr);
}

long
doc_block_number(const struct doc *d, size_t i)
{
	return blk(d, i)->number;
}

int
doc_block_section(const struct doc *d, size_t i)
{
	return blk(d, i)->section;
}

const char *
doc_block_text(const struct doc *d, size_t i, size_t *len)
{
	const struct blk *b = blk(d, i);

	if (len != NULL)
		*len = b->text_len;
	return d->arena.data + b->text;
}

size_t
doc_block_page(const struct doc *d, size_t i)
{
	return blk(d, i)->page;
}

size_t
doc_page_count(const struct doc *d)
{
	return d->npages;
}

void
doc_pages_set(struct doc *d, size_t n)
{
	d->npages = n;
}

bool
doc_partial(const struct doc *d)
{
	return d->partial;
}

void
doc_partial_set(struct doc *d, bool on)
{
	d->partial = on;
}

size_t
doc_block_line(const struct doc *d, size_t i)
{
	return blk(d, i)->line;
}

size_t
doc_block_parent(const struct doc *d, size_t i)
{
	return blk(d, i)->parent;
}

const struct doc_span *
doc_block_spans(const struct doc *d, size_t i, size_t *n)
{
	const struct blk *b = blk(d, i);

	*n = b->nspan;
	return d->spans + b->span0;
}

size_t
doc_block_fn_count(const struct doc *d, size_t i)
{
	return blk(d, i)->nfn;
}

const char *
doc_block_fn(const struct doc *d, size_t i, size_t k)
{
	const struct blk *b = blk(d, i);

	assert(k < b->nfn);
	return d->fnp[b->fn0 + k];
}

size_t
doc_block_ref_count(const struct doc *d, size_t i)
{
	return blk(d, i)->nref;
}

size_t
doc_block_ref(const struct doc *d, size_t i, size_t k)
{
	const struct blk *b = blk(d, i);

	assert(k < b->nref);
	return d->refs[b->ref0 + k];
}

size_t
doc_dropped_count(const struct doc *d)
{
	return d->ndrops;
}

const char *
doc_dropped(const struct doc *d, size_t k, size_t *line, const char **why)
{
	assert(d->finished && k < d->ndrops);
	if (line != NULL)
		*line = d->drops[k].line;
	if (why != NULL)
		*why = d->drops[k].reason;
	return d->arena.data + d->drops[k].text;
}

size_t
doc_diag_count(const struct doc *d)
{
	return d->ndiags;
}

const struct doc_diag *
doc_diag(const struct doc *d, size_t k)
{
	assert(d->finished && k < d->ndiags);
	return &d->diags[k];
}

long
doc_footnote_find(const struct doc *d, const char *label)
{
	struct buf b;
	size_t j;
	long r = -1;

	assert(d->finished);
	buf_init(&b);
	label_fold(&b, label);
	if (b.len > 0) {
		j = fn_lower(d, b.data);
		if (j < d->nfn_ix && strcmp(b.data, d->arena.data +
		    d->b[d->fn_ix[j]].label) == 0)
			r = (long)d->fn_ix[j];
	}
	buf_free(&b);
	return r;
}

/* --- address lookup ---------------------------------------------------- */

static long
addr_lookup(const struct doc *d, const char *a)
{
	size_t lo = 0, hi = d->naddr, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(d->arena.data + d->b[d->addr_ix[mid]].addr, a);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < d->naddr &&
	    strcmp(d->arena.data + d->b[d->addr_ix[lo]].addr, a) == 0)
		return (long)d->addr_ix[lo];
	return -1;
}

/*
 * Rewrites what the user typed into ASCII: digits of any script become
 * ASCII, white space goes, an Arabic sub-paragraph letter becomes its
 * Latin letter, ’1‘ becomes (1).  Returns false on anything else that is
 * not ASCII.
 */
static bool
addr_fold(const char *s, struct buf *out)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *q;
	int ord;

	while (*p != '\0') {
		if (*p == ' ' || *p == '\t') {
			p++;
		} else if (*p < 0x80) {
			buf_addc(out, (char)*p++);
		} else if (p[0] == 0xD9 && p[1] >= 0xA0 && p[1] <= 0xA9) {
			buf_addc(out, (char)('0' + p[1] - 0xA0));
			p += 2;
		} else if (p[0] == 0xDB && p[1] >= 0xB0 && p[1] <= 0xB9) {
			buf_addc(out, (char)('0' + p[1] - 0xB0));
			p += 2;
		} else if (strncmp((const char *)p, "\xe2\x80\x99", 3) == 0) {
			buf_addc(out, '(');	/* ’ (strncmp: not past a NUL) */
			p += 3;
		} else if (strncmp((const char *)p, "\xe2\x80\x98", 3) == 0) {
			buf_addc(out, ')');	/* ‘ */
			p += 3;
		} else if ((p[0] == 0xD8 || p[0] == 0xD9) &&
		    (p[1] & 0xC0) == 0x80) {
			/* An Arabic letter, maybe with a tatweel: هـ */
			q = p + 2;
			if (q[0] == 0xD9 && q[1] == 0x80)
				q += 2;
			ord = doc_abjad_ordinal((const char *)p,
			    (size_t)(q - p));
			if (ord < 1 || ord > 26)
				return false;
			buf_addc(out, (char)('a' + ord - 1));
			p = q;
		} else
			return false;
	}
	return true;
}

/* Reads digits at *p; returns their value or -1. */
static long
read_num(const char **p)
{
	long v = 0;
	const char *s = *p;

	if (*s < '0' || *s > '9')
		return -1;
	while (*s >= '0' && *s <= '9' && v < 100000)
		v = v * 10 + (*s++ - '0');
	*p = s;
	return v;
}

long
doc_addr_find(const struct doc *d, const char *addr)
{
	struct buf in, canon;
	const char *p, *q;
	long sec = -1, num, sub2, r = -1;
	int sub1 = 0;
	bool pp = false;

	assert(d->finished && addr != NULL);
	buf_init(&in);
	buf_init(&canon);
	if (!addr_fold(addr, &in) || in.len == 0)
		goto out;
	p = in.data;
	if ((p[0] | 0x20) == 'f' && (p[1] | 0x20) == 'n') {
		r = doc_footnote_find(d, p + 2);
		goto out;
	}
	/* pp3: the third preambular paragraph; op12: operative paragraph
	 * 12, the same as 12 */
	if ((p[0] | 0x20) == 'p' && (p[1] | 0x20) == 'p') {
		pp = true;
		p += 2;
	} else if ((p[0] | 0x20) == 'o' && (p[1] | 0x20) == 'p')
		p += 2;
	/* Section: digits or a Roman numeral, then a dot. */
	if ((q = strchr(p, '.')) != NULL) {
		if (*p >= '0' && *p <= '9') {
			sec = read_num(&p);
			if (p != q)
				goto out;
		} else if ((sec = roman_value(p, (size_t)(q - p))) == 0)
			goto out;
		p = q + 1;
	}
	if ((num = read_num(&p)) < 0)
		goto out;
	if (pp) {
		if (sec >= 0)
			goto out;
		buf_addf(&canon, "pp%ld", num);
	} else if (d->restart) {
		if (sec < 0)
			goto out;	/* ambiguous: which section? */
		buf_addf(&canon, "%ld.%ld", sec, num);
	} else
		buf_addf(&canon, "%ld", num);
	if (*p == '(') {
		p++;
		if ((*p | 0x20) < 'a' || (*p | 0x20) > 'z' || p[1] != ')')
			goto out;
		sub1 = *p | 0x20;
		buf_addf(&canon, "(%c)", sub1);
		p += 2;
		if (*p == '(') {
			p++;
			q = strchr(p, ')');
			if (q == NULL || q == p)
				goto out;
			if (*p >= '0' && *p <= '9') {
				sub2 = read_num(&p);
				if (p != q)
					goto out;
			} else if ((sub2 = roman_value(p, (size_t)(q - p))) ==
			    0)
				goto out;
			buf_addc(&canon, '(');
			roman(&canon, sub2);
			buf_addc(&canon, ')');
			p = q + 1;
		}
	}
	if (*p != '\0')
		goto out;
	r = addr_lookup(d, canon.data);
	if (r >= 0 && !d->restart && sec >= 0 &&
	    d->b[r].section != (int)sec)
		r = -1;
out:
	buf_free(&in);
	buf_free(&canon);
	return r;
}

size_t
doc_addr_sections(const struct doc *d, const char *addr, struct buf *out)
{
	struct buf in;
	const char *a, *dot;
	size_t i, n = 0;

	assert(d->finished && addr != NULL);
	buf_init(&in);
	if (!d->restart || !addr_fold(addr, &in) || in.len == 0 ||
	    in.data[0] < '0' || in.data[0] > '9' || strchr(in.data, '.') !=
	    NULL) {
		buf_free(&in);
		return 0;
	}
	/* the blocks in document order whose address is SECTION.addr */
	for (i = 0; i < d->nb; i++) {
		if (d->b[i].addr == NOFF || d->b[i].kind != DOC_PARA)
			continue;
		a = d->arena.data + d->b[i].addr;
		if ((dot = strchr(a, '.')) != NULL &&
		    strcmp(dot + 1, in.data) == 0) {
			buf_addf(out, "%s%s", n > 0 ? ", " : "", a);
			n++;
		}
	}
	buf_free(&in);
	return n;
}
