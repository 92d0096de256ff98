/*
 * refs.c - the cross-references of a document.
 *
 * Reads every block of a finished document and finds what it points to:
 * footnote markers (from the importer's DOC_SPAN_FOOTREF spans),
 * paragraphs of this document, paragraphs of other instruments, document
 * symbols, General Assembly and Security Council resolutions and
 * articles.  Everything but the footnotes is found by ICU regular
 * expressions through text_regex (text-regex.c): this file never includes
 * ICU, never prints and never touches a terminal or a store.
 *
 * Matching runs on the folded text of a block (text_fold(): harakat and
 * tatweel gone, أ إ آ -> ا, ة -> ه, ى -> ي, Arabic-Indic digits -> ASCII,
 * Latin lower case), so that one pattern covers الفقرة, الفقرةَ, الفقــرة
 * and "Paragraph", and ١٢ reads as 12; offsets are mapped back to the
 * block's own code points through the fold map.  Document symbols are
 * case-sensitive and ASCII, so they are matched on the text as it is.
 *
 * Each kind has one pattern for a whole phrase (keyword, list of items,
 * what follows) and one for the items inside the list, so that "one
 * reference per number written" falls out: the first reference's span
 * starts at the keyword, the others cover their item only.
 *
 *   الفقرات من 5 إلى 9 أعلاه          الفقرة 5 من المادة 9 من بروتوكول
 *   \______/\_/   \_/                 \_______/  -> instrument, not here
 *   ref 1 "الفقرات من 5"  ref 2 "9"     (and "المادة 9" an article)
 *
 * Detectors run in a fixed order (footnotes, symbols, Security Council,
 * General Assembly, paragraphs, articles) and a reference that would
 * overlap one already found in its block is dropped, so the more specific
 * reading wins.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "refs.h"
#include "text.h"
#include "util.h"

/* --- the patterns ------------------------------------------------------ */

/*
 * All but pat_symbol run on folded text (see above): Arabic words appear
 * here folded (الفقره, الي, الامن), Latin in lower case, digits ASCII.
 * They are compiled with TEXT_RE_COMMENTS: white space in them is
 * layout, \s matches the text's.
 */

/* No letter or mark just before: the start of a word. */
#define WB	"(?<![\\p{L}\\p{M}])"
/* و / ف, then ب / ك with ال, or لل (ل + ال), or a bare ب ل ك. */
#define AR_PFX	"(?:[وف]?(?:[بك]?ال|لل|[بلك])?)"
/* Between two items of a list: 3 و4, 3، 4 و5, من 5 إلى 9, 3-5. */
#define AR_SEP	"\\s*(?:[،,]\\s*(?:و\\s*)?|و\\s*|او\\s+|(?:الي|حتي)\\s+" \
		"|[-–—]\\s*)"
#define EN_SEP	"\\s*(?:,\\s*(?:(?:and|or)\\s+)?|(?:and|or|to|through)\\s+" \
		"|[-–—]\\s*)"
/* A sub-paragraph letter: (ب), (هـ) folded to (ه), (b). */
#define LETTER	"[[\\p{Arabic}&&\\p{L}][a-z]]"
#define SUB	"\\(\\s*" LETTER "\\s*\\)"
/* A sub-sub-paragraph: (ii), (2), ’2‘. */
#define SUB2	"(?:\\(\\s*(?:\\d{1,2}|[ivx]{1,5})\\s*\\)|’\\s*\\d{1,2}\\s*‘)"
/* A paragraph number, 12 or 4.12 (section 4), not the start of 65/190. */
#define NUM	"\\d{1,4}(?:\\.\\d{1,4})?(?![\\d/])"
#define ITEM	"(?:" NUM "(?:\\s*" SUB "(?:\\s*" SUB2 ")?)?" \
		"|" SUB "(?:\\s*" SUB2 ")?)"
/* 190/65, a General Assembly resolution; 1325 (2000), the Council's. */
#define PAIR	"\\d{1,4}\\s*/\\s*\\d{1,4}(?![\\d/])"
/*
 * The Assembly's resolutions before its 31st session: number, maybe a
 * part (ألف, باء ... folded; A, B ... lower-cased), and the session in
 * parentheses: 2200 ألف (د-21), 3201 (دإ-6) of a special session, 2200 A
 * (XXI), 3201 (S-VI).  And those of special sessions since: دإ-26/2,
 * S-26/2.
 */
#define GA_PART	"(?:الف|باء|جيم|دال|هاء|واو|زاي|حاء|طاء|[a-z])"
#define GA_OLD	"\\d{1,4}\\s*(?:" GA_PART "\\s*)?\\(\\s*(?:دا?\\s*-\\s*\\d{1,2}" \
		"|(?:s\\s*-\\s*)?[ivxl]{1,7})\\s*\\)"
#define GA_SPECIAL "(?:دا|s)\\s*-\\s*\\d{1,2}\\s*/\\s*\\d{1,3}(?![\\d/])"
#define GA_ITEM	"(?:" GA_OLD "|" GA_SPECIAL "|" PAIR ")"
#define SCPAIR	"\\d{1,5}\\s*\\(\\s*\\d{4}\\s*\\)"
/* An article number, maybe with a letter: 2 (ب). */
#define ANUM	"\\d{1,3}(?![\\d/])(?:\\s*" SUB ")?"

/*
 * What makes "الفقرة 5 من ..." a paragraph of another instrument: one of
 * these nouns after من (of an article, resolution, convention, protocol,
 * declaration, covenant, charter, report, document, annex, ...), or "من
 * هذه المادة" (of this article: a quoted article), or a symbol in
 * parentheses.  "من هذا التقرير" (of this report) stays here.
 */
#define AR_INSTR \
	"(\\s*[،,]?\\s*من\\s+(?:هذه\\s+الماده" \
	"|(?:ال|لل|بال)?(?:ماد|مواد|قرار|مقرر|اتفاق|بروتوكول|برتوكول" \
	"|اعلان|عهد|ميثاق|نظام|تقرير|وثيق|مرفق|توصي|مبادي|قواعد|خطه" \
	"|منهاج|برنامج|استنتاج|ملاحظ|صك|معاهد|تعليق|مدون|منطوق|ديباج" \
	"|مشروع|قانون|دستور|بيان|ورقه))" \
	"|\\s*\\(\\s*[a-z]{1,10}/)?"
/* "of" anything but this/the present report (resolution, ...). */
#define EN_INSTR \
	"(\\s*,?\\s+of\\s+(?!(?:this|the\\s+present)\\s+(?:report|resolution" \
	"|document|decision|note|paper|annex|recommendation" \
	"|general\\s+recommendation|chapter|section)\\b)" \
	"|\\s*\\(\\s*[a-z]{1,10}/)?"

/*
 * Paragraphs.  Groups: 1 an article written before (المادة 6، الفقرة 2:
 * another instrument), 2 the keyword, 3 "sub" in it, 4 the items, 5
 * above/below, 6 "of paragraph N" after sub-paragraph letters, 7 what
 * makes it another instrument's.
 */
#define P_ART	1
#define P_KW	2
#define P_SUB	3
#define P_ITEMS	4
#define P_OFPARA 6
#define P_INSTR	7
#define P_NGROUPS 8

static const char pat_para_ar[] =
	"(" WB AR_PFX "ماده \\s* \\d{1,3} \\s* [،,]? \\s*)?"
	"(" WB AR_PFX "فقر(?:ه|تين|تان|تي|ات)"
	    "(\\s+(?:ال)?فرعي(?:ه|تين|تان|ات))?)"
	"\\s* (?:رقم\\s*)? (?:من\\s+)?"
	"(" ITEM "(?:" AR_SEP ITEM ")*)"
	"(?:\\s*(اعلاه|ادناه))?"
	"(?:\\s+من\\s+(?:ال)?فقره\\s+(\\d{1,4})(?![\\d/]))?"
	AR_INSTR;

static const char pat_para_en[] =
	"(" WB "(?:article|art\\.) \\s* \\d{1,3} \\s* ,? \\s*)?"
	"(" WB "(sub-?\\s?)?(?:paragraphs?|paras?\\.|paras?(?=\\s*\\d)))"
	"\\s* (?:no\\.?\\s*)? (?:from\\s+)?"
	"(" ITEM "(?:" EN_SEP ITEM ")*)"
	"(?:\\s*(above|below))?"
	"(?:\\s*,?\\s+of\\s+(?:sub-?)?paragraph\\s+(\\d{1,4})(?![\\d/]))?"
	EN_INSTR;

/* One item of a paragraph list.  Groups: 1 number, 2 letter, 3 or 4
 * level 2; or 5 letter, 6 or 7 level 2 (a letter alone). */
static const char pat_item[] =
	"(\\d{1,4}(?:\\.\\d{1,4})?)(?![\\d/])"
	"(?:\\s*\\(\\s*(" LETTER ")\\s*\\)"
	    "(?:\\s*(?:\\(\\s*(\\d{1,2}|[ivx]{1,5})\\s*\\)"
	    "|’\\s*(\\d{1,2})\\s*‘))?)?"
	"|\\(\\s*(" LETTER ")\\s*\\)"
	    "(?:\\s*(?:\\(\\s*(\\d{1,2}|[ivx]{1,5})\\s*\\)"
	    "|’\\s*(\\d{1,2})\\s*‘))?";

/*
 * General Assembly resolutions.  Groups: 1 keyword, 2 the list.  The
 * Arabic keyword: القرار, قرار, قرارها (the Assembly's), القرارين,
 * القرارات, بقرار ...; not قراره (a council's, masculine).  Optionally
 * "الجمعية العامة" between.  In English, not after the name of another
 * body (Human Rights Council resolution 17/1).
 */
static const char pat_ga_ar[] =
	"(" WB AR_PFX "قرار(?:ها|ين|ان|ات|اتها|يها|ي)?)"
	"(?:\\s+(?:ال|لل)جمعيه\\s+العامه)? \\s* (?:رقم\\s*)?"
	"(" GA_ITEM "(?:" AR_SEP GA_ITEM ")*)";

static const char pat_ga_en[] =
	WB
	"(?<!(?:council|commission|committee|women|conference|parties"
	"|board|organization|council's)\\s)"
	"((?:general\\s+assembly\\s+)?resolutions?)"
	"\\s* (?:no\\.?\\s*)?"
	"(" GA_ITEM "(?:" EN_SEP GA_ITEM ")*)";

/* One Assembly resolution.  Groups: 1 and 2 a pair; 3 the number of an
 * old one, then 4 "دا" (a special session) and 5 the session in digits,
 * or 6 "s-" and 7 the session in Roman; 8 and 9 the session and number
 * of a special one. */
static const char pat_pair[] =
	"(\\d{1,4})\\s*/\\s*(\\d{1,4})"
	"|(\\d{1,4})\\s*(?:" GA_PART "\\s*)?\\(\\s*(?:(?:(دا)|د)\\s*-\\s*(\\d{1,2})"
	    "|(s\\s*-\\s*)?([ivxl]{1,7}))\\s*\\)"
	"|(?:دا|s)\\s*-\\s*(\\d{1,2})\\s*/\\s*(\\d{1,3})";

/* Security Council resolutions: N (YYYY), with or without the name of
 * the Council (no other body numbers its resolutions so).  Groups: 1
 * keyword, 2 the list. */
static const char pat_sc_ar[] =
	"(" WB AR_PFX "قرار(?:ها|ه|ين|ان|ات|اتها|اته|يها|ي)?"
	    "(?:\\s+مجلس\\s+الامن)?)"
	"\\s* (?:رقم\\s*)?"
	"(" SCPAIR "(?:" AR_SEP SCPAIR ")*)";

static const char pat_sc_en[] =
	"(" WB "(?:security\\s+council\\s+)?resolutions?)"
	"\\s* (?:no\\.?\\s*)?"
	"(" SCPAIR "(?:" EN_SEP SCPAIR ")*)";

static const char pat_scpair[] = "(\\d{1,5})\\s*\\(\\s*(\\d{4})\\s*\\)";

/* Articles: المادة 6, المادتين 3 و4, المواد من 3 إلى 5; article 6,
 * arts. 3 and 4.  Groups: 1 keyword, 2 the list. */
static const char pat_art_ar[] =
	"(" WB AR_PFX "(?:ماد(?:ه|تين|تان|تي)|مواد))"
	"\\s* (?:رقم\\s*)? (?:من\\s+)?"
	"(" ANUM "(?:" AR_SEP ANUM ")*)";

static const char pat_art_en[] =
	"(" WB "(?:articles?|arts?\\.))"
	"\\s* (?:no\\.?\\s*)?"
	"(" ANUM "(?:" EN_SEP ANUM ")*)";

static const char pat_anum[] = "(\\d{1,3})(?![\\d/])";

/*
 * Document symbols, on the text as written: a series of capitals (A, E,
 * S, CTOC, CEDAW ...) and at least one /part, parts of letters, digits
 * and inner dots or hyphens (C.3, WG.4, L.25, Rev.1, Add.1, S-26); at
 * least one digit somewhere.  Not after a letter, digit, slash, dot,
 * underscore or hyphen (2019/4, a URL's .../ICAT/2010_...), not before a
 * letter, digit or slash; a dot that ends a sentence is not taken.  The
 * Arabic around it does not matter (CTOC/COP/WG.4/2019/4المعني).
 */
static const char pat_symbol[] =
	"(?<![A-Za-z0-9/._\\-])"
	"(?=[A-Za-z0-9./\\-]*[0-9])"
	"[A-Z][A-Z0-9]*"
	"(?:/[A-Za-z0-9]+(?:[.\\-][A-Za-z0-9]+)*)+"
	"(?![A-Za-z0-9/])";

enum {
	RX_PARA_AR, RX_PARA_EN, RX_ITEM,
	RX_GA_AR, RX_GA_EN, RX_PAIR,
	RX_SC_AR, RX_SC_EN, RX_SCPAIR,
	RX_ART_AR, RX_ART_EN, RX_ANUM,
	RX_SYMBOL,
	RX_COUNT
};

static const char *const patterns[RX_COUNT] = {
	pat_para_ar, pat_para_en, pat_item,
	pat_ga_ar, pat_ga_en, pat_pair,
	pat_sc_ar, pat_sc_en, pat_scpair,
	pat_art_ar, pat_art_en, pat_anum,
	pat_symbol
};

/*
 * What keeps the search linear and fast (issue 15, item 13).  ICU tries a
 * pattern at every position of a block, and these, which begin with a
 * lookbehind and optional prefixes, cannot be skipped ahead: 12 patterns
 * at every code point made `refs` ten times slower than reading the
 * document.  But every match of a phrase pattern holds one of its stems
 * (the keyword: فقر, قرار, ماد/مواد, para, resolution, art; a symbol's
 * first slash), and before the stem it holds at most lead word code
 * points (letters, marks, digits; anything else, white space or a comma,
 * may run on): a prefix such as وبال, "ماده 6،" or "general assembly".
 * So a match that starts at or after from starts no earlier than the
 * point lead word code points before the first stem after from, and the
 * pattern is tried only at the positions from there up to the stem, then
 * up to the next stem, and so on: the same leftmost match ICU's own
 * search finds (tests/unit/test-refs.c checks that on the corpus), at a
 * few dozen tries per keyword.  A symbol's prefix is capitals and digits,
 * any number of them and no other word code point.
 *
 *   ... و  ب  ا  ل  ف  ق  ر  ه     5 ...
 *       ^ tried from here    ^ stem
 */
#define LEAD	24		/* the longest prefix: 15, generalassembly */

struct hint {
	const char	*stem[2];	/* UTF-8, folded as the text is */
	int		 lead;		/* word code points before it */
};

static const struct hint hints[RX_COUNT] = {
	[RX_PARA_AR] = { { "فقر", NULL }, LEAD },
	[RX_PARA_EN] = { { "para", NULL }, LEAD },
	[RX_GA_AR] = { { "قرار", NULL }, LEAD },
	[RX_GA_EN] = { { "resolution", NULL }, LEAD },
	[RX_SC_AR] = { { "قرار", NULL }, LEAD },
	[RX_SC_EN] = { { "resolution", NULL }, LEAD },
	[RX_ART_AR] = { { "ماد", "مواد" }, LEAD },
	[RX_ART_EN] = { { "art", NULL }, LEAD },
	[RX_SYMBOL] = { { "/", NULL }, 0 },
};

/* The General Assembly numbers its resolutions session/number since
 * its 31st session (1976); before, 3379 (XXX). */
#define GA_SESSION_MIN	31
#define GA_SESSION_MAX	120
#define GA_NUMBER_MAX	999
/* Before: 30 sessions, resolutions numbered on to 3536; special
 * sessions, numbered by session since the 31st. */
#define GA_OLD_NUMBER_MAX	3600
#define GA_SPECIAL_MAX		40

/* --- the references ---------------------------------------------------- */

struct refs {
	struct ref	*v;
	size_t		 n;
	size_t		 cap;
	/* While building: offsets of text and target in strs. */
	size_t		*off;
	struct buf	 strs;		/* NUL-terminated strings */
	size_t		 nblocks;
	size_t		*first;		/* per block: its first reference */
	size_t		*count;		/* per block: how many */
	size_t		*by_target;	/* refs with a target block, sorted */
	size_t		 nby;
};

/* One block being read. */
struct scan {
	const struct doc	*d;
	struct refs		*r;
	struct text_regex	*rx[RX_COUNT];
	bool			 restart;	/* numbered per section */
	size_t			 block;
	size_t			 block_first;	/* its first ref in r->v */
	/* The block spoke of "sub-paragraph (a) of this article": its
	 * other bare sub-paragraphs are that article's too. */
	bool			 sub_elsewhere;
	bool			 exhaustive;	/* no hints: REFS_EXHAUSTIVE */
	bool			 set[RX_COUNT];	/* subject set for the block */
	struct stem {			/* the hints' stems, each once */
		uint32_t	*cp;
		size_t		 len;
		unsigned	 mask;	/* bit k: a stem of regex k */
	}			 stem[2 * RX_COUNT];
	size_t			 nstem;
	/* By c % 1024, the stems that may begin with code point c: bit i
	 * for stem[i]; [0] folded text, [1] as written. */
	uint16_t		 first[2][1024];
	/* Where stems begin in the block: [0] folded, [1] as written
	 * (symbols); built once a block when first asked. */
	struct occ {
		size_t	pos;
		unsigned mask;		/* bit k: a stem of regex k */
	}			*occ[2];
	size_t			 nocc[2], occcap[2];
	bool			 occ_built[2];
	size_t			 cursor[RX_COUNT];	/* into occ */
	/* A huge block is read a window at a time (see scan_block()):
	 * cps[0] is its code point off; references start in [lo, hi) of
	 * the window (cps), [flo, fhi) of the folded text; carry[k] is
	 * where pattern k goes on (block offset); refs from check_first on
	 * are those an overlap is looked for in. */
	size_t			 off, lo, hi, flo, fhi;
	size_t			 carry[RX_COUNT];
	size_t			 check_first;
	size_t			 wbytes;	/* a window's bytes */
	bool			 slash;		/* the window holds a '/' */
	uint32_t		*cps;		/* the window's code points */
	size_t			 n;
	uint32_t		*f;		/* folded */
	size_t			 nf;
	size_t			*map;		/* folded index -> cps index */
	size_t			 cap;
};

static const char *const kind_names[] = {
	"footnote", "paragraph", "instrument", "symbol", "resolution",
	"sc-resolution", "article"
};

const char *
ref_kind_name(enum ref_kind k)
{
	assert((size_t)k < UTIL_NELEM(kind_names));
	return kind_names[k];
}

/*
 * Folded offsets to the block's code points: a span [a, b) of the folded
 * text starts where its first code point came from and ends after the
 * last one's source, with the combining marks that sit on it (folding
 * dropped them; they belong to the reference).
 */
static size_t
orig_start(const struct scan *sc, size_t a)
{
	return a < sc->nf ? sc->map[a] : sc->n;
}

static size_t
orig_end(const struct scan *sc, size_t b)
{
	size_t e;

	if (b == 0)
		return 0;
	e = sc->map[b - 1] + 1;
	while (e < sc->n && text_cp_class(sc->cps[e]) == TEXT_CLS_MARK)
		e++;
	return e;
}

/*
 * Adds a reference of the current block over code points [start, end)
 * with target (copied) unless it overlaps one found before.  Returns
 * whether it was added.
 */
static bool
ref_add(struct scan *sc, enum ref_kind kind, size_t start, size_t end,
    const char *target, long target_block)
{
	struct refs *r = sc->r;
	struct ref *x;
	size_t i;

	assert(start < end && end <= sc->n);
	for (i = sc->check_first; i < r->n; i++)
		if (sc->off + start < r->v[i].end &&
		    r->v[i].start < sc->off + end)
			return false;
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 64;
		r->v = xreallocarray(r->v, r->cap, sizeof *r->v);
		r->off = xreallocarray(r->off, 2 * r->cap, sizeof *r->off);
	}
	x = &r->v[r->n];
	memset(x, 0, sizeof *x);
	x->kind = kind;
	x->block = sc->block;
	x->start = sc->off + start;
	x->end = sc->off + end;
	x->target_block = target_block;
	r->off[2 * r->n] = r->strs.len;
	text_utf8_encode(&r->strs, sc->cps + start, end - start);
	buf_addc(&r->strs, '\0');
	r->off[2 * r->n + 1] = buf_add_str(&r->strs, target, strlen(target));
	r->n++;
	return true;
}

/* The value of the ASCII digits at folded [a, b) (stops at anything
 * else), capped so that it cannot overflow. */
static long
fnum(const struct scan *sc, size_t a, size_t b)
{
	long v = 0;

	for (; a < b && sc->f[a] >= '0' && sc->f[a] <= '9'; a++)
		if (v < 1000000)
			v = v * 10 + (long)(sc->f[a] - '0');
	return v;
}

static bool
has(const struct text_match *m)
{
	return m->start != TEXT_RE_NONE;
}

/* --- matching --------------------------------------------------------- */

/* The subject of regex k: the block as written (symbols) or folded. */
static const uint32_t *
subject(const struct scan *sc, int k, size_t *n)
{
	*n = k == RX_SYMBOL ? sc->n : sc->nf;
	return k == RX_SYMBOL ? sc->cps : sc->f;
}

/* Regex k with the current block as its subject (set once a block). */
static struct text_regex *
regex(struct scan *sc, int k)
{
	const uint32_t *t;
	size_t n;

	if (!sc->set[k]) {
		t = subject(sc, k, &n);
		text_regex_set(sc->rx[k], t, n);
		sc->set[k] = true;
	}
	return sc->rx[k];
}

/* Makes stem (UTF-8) one of regex k's. */
static void
stem_add(struct scan *sc, int k, const char *stem)
{
	struct stem *st;
	uint32_t *cp, c;
	size_t i, len;

	cp = text_utf8_decode(stem, strlen(stem), 0, &len, NULL);
	assert(len > 0);
	for (i = 0; i < sc->nstem; i++) {
		st = &sc->stem[i];
		if (st->len == len && memcmp(st->cp, cp, len * sizeof *cp) ==
		    0 && k != RX_SYMBOL && !(st->mask & 1u << RX_SYMBOL)) {
			st->mask |= 1u << k;
			free(cp);
			return;
		}
	}
	assert(sc->nstem < UTIL_NELEM(sc->stem) && sc->nstem < 16);
	st = &sc->stem[sc->nstem++];
	st->cp = cp;
	st->len = len;
	st->mask = 1u << k;
	c = cp[0];
	sc->first[k == RX_SYMBOL][c & 1023] |= (uint16_t)(1u << (sc->nstem -
	    1));
}

/* Lists where stems begin in subject w (0 folded, 1 as written). */
static void
occ_build(struct scan *sc, int w)
{
	const uint32_t *t = w ? sc->cps : sc->f;
	const struct stem *st;
	size_t n = w ? sc->n : sc->nf, i, j;
	unsigned mask, cand;
	int k;

	sc->nocc[w] = 0;
	if (w == 1 && !sc->slash)	/* a symbol's stem: memchr() said */
		n = 0;
	for (i = 0; i < n; i++) {
		if ((cand = sc->first[w][t[i] & 1023]) == 0)
			continue;
		mask = 0;
		for (; cand != 0; cand &= cand - 1) {
			k = __builtin_ctz(cand);
			st = &sc->stem[k];
			if (t[i] != st->cp[0] || st->len > n - i)
				continue;
			for (j = 1; j < st->len && t[i + j] == st->cp[j];)
				j++;
			if (j == st->len)
				mask |= st->mask;
		}
		if (mask == 0)
			continue;
		if (sc->nocc[w] == sc->occcap[w]) {
			sc->occcap[w] = sc->occcap[w] ? 2 * sc->occcap[w] : 64;
			sc->occ[w] = xreallocarray(sc->occ[w], sc->occcap[w],
			    sizeof *sc->occ[w]);
		}
		sc->occ[w][sc->nocc[w]].pos = i;
		sc->occ[w][sc->nocc[w]++].mask = mask;
	}
	sc->occ_built[w] = true;
}

/* The first position at or after from where a stem of k begins, or n.
 * From only grows within a block. */
static size_t
stem_next(struct scan *sc, int k, size_t n, size_t from)
{
	int w = k == RX_SYMBOL;
	size_t *c = &sc->cursor[k];

	if (!sc->occ_built[w])
		occ_build(sc, w);
	while (*c < sc->nocc[w] && (sc->occ[w][*c].pos < from ||
	    !(sc->occ[w][*c].mask & 1u << k)))
		++*c;
	return *c < sc->nocc[w] ? sc->occ[w][*c].pos : n;
}

/* Whether c may run on before a stem uncounted (see hints). */
static bool
lead_free(int k, uint32_t c)
{
	if (k == RX_SYMBOL)
		return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	return !text_cp_is_word(c);
}

/* The earliest start of a match of k whose stem is at p. */
static size_t
lead_back(int k, const uint32_t *t, size_t p)
{
	int words = 0;

	while (p > 0) {
		if (!lead_free(k, t[p - 1]) && words++ == hints[k].lead)
			break;
		p--;
	}
	return p;
}

/*
 * The next match of regex k at or after *from, ending by to; moves *from
 * past it (or to the end when there is none).  A phrase pattern (to is
 * then the end of the block) is tried only where its hint allows.
 */
static bool
match_any(struct scan *sc, int k, size_t *from, size_t to,
    struct text_match *m, size_t nm)
{
	const uint32_t *t;
	size_t n, p, q;

	if (sc->exhaustive || hints[k].stem[0] == NULL) {
		if (!text_regex_find(regex(sc, k), *from, to, m, nm))
			return false;
		*from = m[0].end > m[0].start ? m[0].end : m[0].start + 1;
		return true;
	}
	t = subject(sc, k, &n);
	assert(to == n);
	for (p = stem_next(sc, k, n, *from); p < n;
	    p = stem_next(sc, k, n, *from)) {
		q = lead_back(k, t, p);
		for (q = q > *from ? q : *from; q <= p; q++)
			if (text_regex_match_at(regex(sc, k), q, n, m, nm)) {
				*from = m[0].end > m[0].start ? m[0].end :
				    m[0].start + 1;
				return true;
			}
		*from = p + 1;
	}
	*from = n;
	return false;
}

/* Subject index i of regex k as a block offset, and back (the first
 * index at or after block offset b, not before the window's start). */
static size_t
to_block(const struct scan *sc, int k, size_t i)
{
	if (k == RX_SYMBOL)
		return sc->off + i;
	return sc->off + (i < sc->nf ? sc->map[i] : sc->n);
}

static size_t
from_block(const struct scan *sc, int k, size_t b)
{
	size_t lo = 0, hi = sc->nf, mid, c;

	c = b > sc->off ? b - sc->off : 0;
	if (k == RX_SYMBOL)
		return c;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (sc->map[mid] < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Where phrase regex k starts in this window (see struct scan). */
static size_t
phrase_from(const struct scan *sc, int k)
{
	size_t i = from_block(sc, k, sc->carry[k]);
	size_t lo = k == RX_SYMBOL ? sc->lo : sc->flo;

	return i > lo ? i : lo;
}

/*
 * The next match of regex k at or after *from, ending by to; moves *from
 * past it.  A phrase regex (a hint's, run over the window: to is its
 * end) takes only a match that starts before the window's hi, and
 * leaves in carry where the next window goes on.
 */
static bool
next_match(struct scan *sc, int k, size_t *from, size_t to,
    struct text_match *m, size_t nm)
{
	size_t hi = k == RX_SYMBOL ? sc->hi : sc->fhi, before = *from;

	if (hints[k].stem[0] == NULL)
		return match_any(sc, k, from, to, m, nm);
	if (!match_any(sc, k, from, to, m, nm)) {
		sc->carry[k] = to_block(sc, k, hi);
		return false;
	}
	if (m[0].start >= hi) {	/* the next window's */
		sc->carry[k] = to_block(sc, k, m[0].start > before ?
		    m[0].start : before);
		return false;
	}
	sc->carry[k] = to_block(sc, k, *from);
	return true;
}

/* --- footnotes --------------------------------------------------------- */

static void
scan_footnotes(struct scan *sc)
{
	const struct doc_span *sp;
	size_t i, ns;

	sp = doc_block_spans(sc->d, sc->block, &ns);
	for (i = 0; i < ns; i++) {
		if (sp[i].kind != DOC_SPAN_FOOTREF || sp[i].label == NULL ||
		    sp[i].start >= sp[i].end || sp[i].start < sc->off + sc->lo ||
		    sp[i].start >= sc->off + sc->hi ||
		    sp[i].end > sc->off + sc->n)
			continue;
		ref_add(sc, REF_FOOTNOTE, sp[i].start - sc->off,
		    sp[i].end - sc->off, sp[i].label,
		    doc_footnote_find(sc->d, sp[i].label));
	}
}

/* --- symbols ----------------------------------------------------------- */

static void
scan_symbols(struct scan *sc)
{
	struct text_match m;
	struct buf t;
	size_t from = 0;

	buf_init(&t);
	from = phrase_from(sc, RX_SYMBOL);
	while (next_match(sc, RX_SYMBOL, &from, sc->n, &m, 1)) {
		buf_reset(&t);
		text_utf8_encode(&t, sc->cps + m.start, m.end - m.start);
		ref_add(sc, REF_SYMBOL, m.start, m.end, t.data, -1);
	}
	buf_free(&t);
}

/* --- resolutions ------------------------------------------------------- */

/*
 * Reads a pair a/b as a General Assembly resolution: in Arabic text
 * number/session (190/65), in English session/number (65/190).  The other
 * order is taken only when the written one cannot be a resolution and the
 * swapped one is unmistakable (a number above any session: ٦٤/٢٩٣ in a
 * PDF extraction).  False when it is not an Assembly resolution at all
 * (1/10 of a conference, 17/1 of the Human Rights Council, 2004/35 of the
 * Economic and Social Council).
 */
static bool
ga_resolution(long a, long b, bool arabic, long *session, long *number)
{
	long s = arabic ? b : a, n = arabic ? a : b;

	if (s >= GA_SESSION_MIN && s <= GA_SESSION_MAX && n >= 1 &&
	    n <= GA_NUMBER_MAX) {
		*session = s;
		*number = n;
		return true;
	}
	if (n >= GA_SESSION_MIN && n <= GA_SESSION_MAX &&
	    s > GA_SESSION_MAX && s <= GA_NUMBER_MAX) {
		*session = n;
		*number = s;
		return true;
	}
	return false;
}

/* Appends n (1 .. 89) in capital Roman numerals. */
static void
roman_write(struct buf *b, long n)
{
	static const char *const ones[] = {
		"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"
	};

	if (n >= 50) {
		buf_addc(b, 'L');
		n -= 50;
	} else if (n >= 40) {
		buf_adds(b, "XL");
		n -= 40;
	}
	for (; n >= 10; n -= 10)
		buf_addc(b, 'X');
	buf_adds(b, ones[n]);
}

static long
roman_digit(uint32_t c)
{
	return c == 'i' ? 1 : c == 'v' ? 5 : c == 'x' ? 10 : c == 'l' ? 50 : 0;
}

/* The value of a Roman numeral of folded (lower-case) letters [a, b),
 * 1 to 89; 0 if it is not one written the usual way (iv, not iiii). */
static long
roman_value(const struct scan *sc, size_t a, size_t b)
{
	struct buf w;
	long v = 0, d, next;
	size_t i;
	bool usual;

	for (i = a; i < b; i++) {
		d = roman_digit(sc->f[i]);
		next = i + 1 < b ? roman_digit(sc->f[i + 1]) : 0;
		v += d < next ? -d : d;
	}
	if (v < 1 || v > 89)
		return 0;
	buf_init(&w);
	roman_write(&w, v);
	usual = w.len == b - a;
	for (i = 0; usual && i < w.len; i++)
		usual = (uint32_t)(w.data[i] | 0x20) == sc->f[a + i];
	buf_free(&w);
	return usual ? v : 0;
}

/*
 * The symbol of an Assembly resolution of the old or special-session
 * kind (pat_pair's groups 3 to 9 in it): A/RES/2200(XXI), A/RES/3201(S-VI),
 * A/RES/S-26/2.  NULL (caller frees the rest) when the numbers cannot be
 * one.
 */
static char *
ga_other(const struct scan *sc, const struct text_match *it)
{
	struct buf t;
	long num, ses;
	bool special;

	if (has(&it[8])) {
		ses = fnum(sc, it[8].start, it[8].end);
		num = fnum(sc, it[9].start, it[9].end);
		if (ses < 1 || ses > GA_SPECIAL_MAX || num < 1)
			return NULL;
		return xasprintf("A/RES/S-%ld/%ld", ses, num);
	}
	num = fnum(sc, it[3].start, it[3].end);
	special = has(&it[4]) || has(&it[6]);
	ses = has(&it[5]) ? fnum(sc, it[5].start, it[5].end) :
	    roman_value(sc, it[7].start, it[7].end);
	if (num < 1 || num > GA_OLD_NUMBER_MAX || ses < 1 ||
	    ses >= (special ? GA_SPECIAL_MAX : GA_SESSION_MIN))
		return NULL;
	buf_init(&t);
	buf_addf(&t, "A/RES/%ld(%s", num, special ? "S-" : "");
	roman_write(&t, ses);
	buf_addc(&t, ')');
	return t.data;
}


/*
 * A list of resolutions, General Assembly (pairs) or Security Council
 * (N (YYYY)): phrase regex k (1 keyword, 2 list), items regex ki (1 and
 * 2 the two numbers).
 */
static void
scan_resolutions(struct scan *sc, int k, int ki, bool sc_res, bool arabic)
{
	struct text_match m[3], it[10];
	size_t from = 0, ifrom, start;
	long a, b, s, n;
	bool first;
	char *t;

	from = phrase_from(sc, k);
	while (next_match(sc, k, &from, sc->nf, m, UTIL_NELEM(m))) {
		first = true;
		ifrom = m[2].start;
		while (next_match(sc, ki, &ifrom, m[2].end, it,
		    UTIL_NELEM(it))) {
			start = first ? m[1].start : it[0].start;
			first = false;
			a = fnum(sc, it[1].start, it[1].end);
			b = fnum(sc, it[2].start, it[2].end);
			if (sc_res)
				t = xasprintf("S/RES/%ld (%ld)", a, b);
			else if (!has(&it[1]))
				t = ga_other(sc, it);
			else if (ga_resolution(a, b, arabic, &s, &n))
				t = xasprintf("A/RES/%ld/%ld", s, n);
			else
				t = NULL;
			if (t == NULL)
				continue;
			ref_add(sc, sc_res ? REF_RES_SC : REF_RES_GA,
			    orig_start(sc, start), orig_end(sc, it[0].end), t,
			    -1);
			free(t);
		}
	}
}

/* --- articles ---------------------------------------------------------- */

static void
scan_articles(struct scan *sc, int k)
{
	struct text_match m[3], it[2];
	size_t from = 0, ifrom, start;
	bool first;
	char *t;

	from = phrase_from(sc, k);
	while (next_match(sc, k, &from, sc->nf, m, UTIL_NELEM(m))) {
		first = true;
		ifrom = m[2].start;
		while (next_match(sc, RX_ANUM, &ifrom, m[2].end, it,
		    UTIL_NELEM(it))) {
			start = first ? m[1].start : it[0].start;
			first = false;
			t = xasprintf("%ld", fnum(sc, it[1].start, it[1].end));
			ref_add(sc, REF_ARTICLE, orig_start(sc, start),
			    orig_end(sc, it[0].end), t, -1);
			free(t);
		}
	}
}

/* --- paragraphs -------------------------------------------------------- */

/* One paragraph as written: [sec.]num(sub)(sub2). */
struct item {
	long	sec;		/* 4 of "4.12", or -1 */
	long	num;		/* -1: none written, a letter alone */
	int	sub;		/* 1 for (a) or (أ); 0 none */
	char	sub2[16];	/* "ii" for (ii), (2) or ’2‘; "" none */
};

/* Appends the lower-case Roman numeral of 1 <= n < 40 (a sub-sub-
 * paragraph). */
static void
roman_small(char *out, size_t size, long n)
{
	static const char *const ones[] = {
		"", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"
	};
	size_t k = 0;
	const char *p;

	while (n >= 10 && k + 1 < size) {
		out[k++] = 'x';
		n -= 10;
	}
	for (p = ones[n % 10]; *p != '\0' && k + 1 < size; p++)
		out[k++] = *p;
	out[k] = '\0';
}

/* The ordinal of the sub-paragraph letter at folded span g: Latin a = 1,
 * Arabic in the abjad order of UN documents; 0 if it is neither. */
static int
letter_ordinal(const struct scan *sc, const struct text_match *g)
{
	struct buf t;
	uint32_t c = sc->f[g->start];
	size_t a, b;
	int ord;

	if (c >= 'a' && c <= 'z')
		return (int)(c - 'a' + 1);
	a = orig_start(sc, g->start);
	b = orig_end(sc, g->end);
	buf_init(&t);
	text_utf8_encode(&t, sc->cps + a, b - a);
	ord = t.len > 0 ? doc_abjad_ordinal(t.data, t.len) : 0;
	buf_free(&t);
	return ord >= 1 && ord <= 26 ? ord : 0;
}

/* Level 2 from the folded span g: digits to Roman, Roman as written. */
static void
sub2_read(const struct scan *sc, const struct text_match *g, char *out,
    size_t size)
{
	size_t i, k = 0;

	if (sc->f[g->start] >= '0' && sc->f[g->start] <= '9') {
		roman_small(out, size, fnum(sc, g->start, g->end) % 40);
		return;
	}
	for (i = g->start; i < g->end && k + 1 < size; i++)
		out[k++] = (char)sc->f[i];
	out[k] = '\0';
}

/* Reads an item of pat_item (groups in m); false if it says nothing. */
static bool
item_read(const struct scan *sc, const struct text_match *m, struct item *x)
{
	const struct text_match *let, *l2a, *l2b;
	size_t i;

	memset(x, 0, sizeof *x);
	x->sec = x->num = -1;
	if (has(&m[1])) {
		x->num = fnum(sc, m[1].start, m[1].end);
		for (i = m[1].start; i < m[1].end; i++)
			if (sc->f[i] == '.') {
				x->sec = x->num;
				x->num = fnum(sc, i + 1, m[1].end);
				break;
			}
		let = &m[2], l2a = &m[3], l2b = &m[4];
	} else
		let = &m[5], l2a = &m[6], l2b = &m[7];
	if (has(let))
		x->sub = letter_ordinal(sc, let);
	if (x->sub > 0 && has(l2a))
		sub2_read(sc, l2a, x->sub2, sizeof x->sub2);
	else if (x->sub > 0 && has(l2b))
		sub2_read(sc, l2b, x->sub2, sizeof x->sub2);
	return x->num >= 0 || x->sub > 0;
}

/* The paragraph a block is part of: itself, or the paragraph above its
 * sub-paragraphs; -1 for anything else. */
static long
para_of(const struct doc *d, size_t b)
{
	size_t guard = 0;

	while (doc_block_kind(d, b) == DOC_SUBPARA && guard++ < 8) {
		b = doc_block_parent(d, b);
		if (b == (size_t)-1)
			return -1;
	}
	return doc_block_kind(d, b) == DOC_PARA ? (long)b : -1;
}

/* Appends (sub)(sub2) of x. */
static void
subs_write(struct buf *a, const struct item *x)
{
	if (x->sub > 0) {
		buf_addf(a, "(%c)", 'a' + x->sub - 1);
		if (x->sub2[0] != '\0')
			buf_addf(a, "(%s)", x->sub2);
	}
}

/*
 * A reference to paragraph x written at [start, end) of the block.  Of
 * another instrument: the paragraph as written, never looked up.  Here:
 * the canonical address (a letter alone: of the paragraph the block is
 * in; in a document numbered per section: of the block's section), the
 * block at it, or failing that - a sub-paragraph the importer did not
 * see - the paragraph itself; -1 when there is no such paragraph.
 */
static void
para_ref(struct scan *sc, const struct item *x, bool instrument,
    size_t start, size_t end)
{
	const struct doc *d = sc->d;
	struct buf a;
	size_t baselen;
	long base, tb;
	int sec;
	const char *target;

	buf_init(&a);
	if (instrument) {
		if (x->num >= 0 && x->sec >= 0)
			buf_addf(&a, "%ld.", x->sec);
		if (x->num >= 0)
			buf_addf(&a, "%ld", x->num);
		subs_write(&a, x);
		ref_add(sc, REF_INSTRUMENT, start, end, a.data, -1);
		buf_free(&a);
		return;
	}
	sec = doc_block_section(d, sc->block);
	if (x->num < 0) {
		if ((base = para_of(d, sc->block)) >= 0 &&
		    doc_block_address(d, (size_t)base) != NULL)
			buf_adds(&a, doc_block_address(d, (size_t)base));
	} else if (x->sec >= 0)
		buf_addf(&a, "%ld.%ld", x->sec, x->num);
	else if (sc->restart && sec > 0)
		buf_addf(&a, "%d.%ld", sec, x->num);
	else
		buf_addf(&a, "%ld", x->num);
	baselen = a.len;
	subs_write(&a, x);
	tb = a.len > 0 ? doc_addr_find(d, a.data) : -1;
	if (tb >= 0 && doc_block_address(d, (size_t)tb) != NULL)
		target = doc_block_address(d, (size_t)tb);
	else {
		target = a.data;
		if (baselen > 0 && baselen < a.len) {
			char *p = xstrndup(a.data, baselen);

			tb = doc_addr_find(d, p);
			free(p);
		}
	}
	ref_add(sc, REF_PARA, start, end, target, tb);
	buf_free(&a);
}

static void
scan_paragraphs(struct scan *sc, int k)
{
	struct text_match m[P_NGROUPS], it[8];
	struct item x;
	size_t from = 0, ifrom, start;
	long last_num, last_sec, ofpara;
	bool first, instrument;

	from = phrase_from(sc, k);
	while (next_match(sc, k, &from, sc->nf, m, UTIL_NELEM(m))) {
		instrument = has(&m[P_ART]) || has(&m[P_INSTR]);
		ofpara = has(&m[P_OFPARA]) ?
		    fnum(sc, m[P_OFPARA].start, m[P_OFPARA].end) : -1;
		last_num = last_sec = -1;
		first = true;
		ifrom = m[P_ITEMS].start;
		while (next_match(sc, RX_ITEM, &ifrom, m[P_ITEMS].end, it,
		    UTIL_NELEM(it))) {
			start = first ? m[P_KW].start : it[0].start;
			first = false;
			if (!item_read(sc, it, &x))
				continue;
			if (x.num >= 0) {
				last_num = x.num;
				last_sec = x.sec;
			} else if (last_num >= 0) {
				/* الفقرة 12 (أ) و(ب): (ب) is 12(b) */
				x.num = last_num;
				x.sec = last_sec;
			} else if (ofpara >= 0)
				x.num = ofpara;
			else if (instrument)
				sc->sub_elsewhere = true;
			para_ref(sc, &x, instrument || (x.num < 0 &&
			    sc->sub_elsewhere), orig_start(sc, start),
			    orig_end(sc, it[0].end));
		}
	}
}

/* --- the document ------------------------------------------------------ */

/*
 * A window of a block: the references starting in bytes [bs, be) of
 * text, read with what comes before them from ba and after them to bb
 * (lookbehind, the prefixes before a keyword, a list running on).
 */
static void
scan_window(struct scan *sc, const char *text, size_t ba, size_t bs,
    size_t be, size_t bb, size_t cps_at_bs)
{
	uint32_t *p[3];
	size_t np[3], k;
	int i;

	sc->slash = memchr(text + ba, '/', bb - ba) != NULL;
	p[0] = text_utf8_decode(text + ba, bs - ba, 0, &np[0], NULL);
	p[1] = text_utf8_decode(text + bs, be - bs, 0, &np[1], NULL);
	p[2] = text_utf8_decode(text + be, bb - be, 0, &np[2], NULL);
	sc->n = np[0] + np[1] + np[2];
	if (sc->cap < sc->n + 1) {
		sc->cap = sc->n + 1;
		sc->f = xreallocarray(sc->f, sc->cap, sizeof *sc->f);
		sc->map = xreallocarray(sc->map, sc->cap, sizeof *sc->map);
	}
	free(sc->cps);
	sc->cps = xreallocarray(NULL, sc->n + 1, sizeof *sc->cps);
	for (i = 0, k = 0; i < 3; k += np[i], i++) {
		memcpy(sc->cps + k, p[i], np[i] * sizeof *sc->cps);
		free(p[i]);
	}
	sc->off = cps_at_bs - np[0];
	sc->lo = np[0];
	sc->hi = np[0] + np[1];
	sc->nf = text_fold(sc->cps, sc->n, 0, sc->f, sc->map);
	sc->flo = from_block(sc, RX_PARA_AR, sc->off + sc->lo);
	sc->fhi = sc->hi == sc->n ? sc->nf : from_block(sc, RX_PARA_AR,
	    sc->off + sc->hi);
	for (i = 0; i < RX_COUNT; i++) {
		sc->set[i] = false;	/* regex() sets what it needs */
		sc->cursor[i] = 0;
	}
	sc->occ_built[0] = sc->occ_built[1] = false;

	scan_footnotes(sc);
	scan_symbols(sc);
	scan_resolutions(sc, RX_SC_AR, RX_SCPAIR, true, true);
	scan_resolutions(sc, RX_SC_EN, RX_SCPAIR, true, false);
	scan_resolutions(sc, RX_GA_AR, RX_PAIR, false, true);
	scan_resolutions(sc, RX_GA_EN, RX_PAIR, false, false);
	scan_paragraphs(sc, RX_PARA_AR);
	scan_paragraphs(sc, RX_PARA_EN);
	scan_articles(sc, RX_ART_AR);
	scan_articles(sc, RX_ART_EN);
}

/*
 * A block is read a window of about wbytes at a time (issue 15, item
 * 12: a block of 11 MB took 24 times its size in code points, folded
 * text, maps and a UTF-16 copy per pattern), with WIN_BEFORE bytes
 * before it and WIN_AFTER after, cut where decoding the pieces is
 * decoding the whole (text_utf8_cut()).  A reference is found in the
 * window it starts in, and each pattern goes on in the next window where
 * it stopped, so what is found is what one pass over the block finds,
 * but for a reference of more than WIN_AFTER bytes, cut at its window's
 * end, and a prefix of more than WIN_BEFORE before a keyword.
 */
#define WIN_BYTES	(256 * 1024)
#define WIN_BEFORE	2048
#define WIN_AFTER	(16 * 1024)

static void
scan_block(struct scan *sc, size_t b)
{
	const char *text;
	size_t len, bs = 0, be, ba, bb, cps = 0, prev;
	int k;

	sc->block = b;
	sc->block_first = sc->check_first = sc->r->n;
	sc->sub_elsewhere = false;
	for (k = 0; k < RX_COUNT; k++)
		sc->carry[k] = 0;
	text = doc_block_text(sc->d, b, &len);
	if (text == NULL)
		text = "", len = 0;
	do {
		be = len - bs > sc->wbytes ? bs + text_utf8_cut(text + bs,
		    len - bs, sc->wbytes) : len;
		ba = bs > WIN_BEFORE ? text_utf8_cut(text, len, bs -
		    WIN_BEFORE) : 0;
		if (ba > bs)
			ba = bs;
		bb = len - be > WIN_AFTER ? be + text_utf8_cut(text + be,
		    len - be, WIN_AFTER) : len;
		prev = sc->r->n;
		scan_window(sc, text, ba, bs, be, bb, cps);
		sc->check_first = prev;	/* refs of the last window on */
		cps += sc->hi - sc->lo;
		bs = be;
	} while (bs < len);
}

static const struct refs *sort_refs;

/* Reading order: block, then start, then end. */
static int
reading_cmp(const void *a, const void *b)
{
	const struct ref *x = &sort_refs->v[*(const size_t *)a];
	const struct ref *y = &sort_refs->v[*(const size_t *)b];

	if (x->block != y->block)
		return x->block < y->block ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return 0;
}

/* By target block, then reading order (the index). */
static int
target_cmp(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	long x = sort_refs->v[i].target_block, y = sort_refs->v[j].target_block;

	if (x != y)
		return x < y ? -1 : 1;
	return i < j ? -1 : i > j;
}

/* Puts the references in reading order, points their strings into
 * strs and builds the per-block and per-target indexes. */
static void
refs_index(struct refs *r)
{
	struct ref *v;
	size_t *perm, i, next;

	perm = xreallocarray(NULL, r->n + 1, sizeof *perm);
	for (i = 0; i < r->n; i++)
		perm[i] = i;
	sort_refs = r;
	qsort(perm, r->n, sizeof *perm, reading_cmp);
	v = xreallocarray(NULL, r->n + 1, sizeof *v);
	for (i = 0; i < r->n; i++) {
		v[i] = r->v[perm[i]];
		v[i].text = r->strs.data + r->off[2 * perm[i]];
		v[i].target = r->strs.data + r->off[2 * perm[i] + 1];
	}
	free(r->v);
	free(r->off);
	r->off = NULL;
	r->v = v;
	r->cap = r->n;

	r->first = xcalloc(r->nblocks + 1, sizeof *r->first);
	r->count = xcalloc(r->nblocks + 1, sizeof *r->count);
	for (i = r->n; i-- > 0;) {
		r->first[v[i].block] = i;
		r->count[v[i].block]++;
	}
	/* A block without references: where they would be, the first
	 * reference of a later block (or the count), so that a caller may
	 * walk on from there. */
	for (i = r->nblocks, next = r->n; i-- > 0;) {
		if (r->count[i] > 0)
			next = r->first[i];
		else
			r->first[i] = next;
	}
	r->by_target = perm;
	r->nby = 0;
	for (i = 0; i < r->n; i++)
		if (v[i].target_block >= 0)
			r->by_target[r->nby++] = i;
	qsort(r->by_target, r->nby, sizeof *r->by_target, target_cmp);
	sort_refs = NULL;
}

/* The block numbering restarts in each section (addresses "4.12"). */
static bool
doc_restarts(const struct doc *d)
{
	const char *a;
	size_t i;

	for (i = 0; i < doc_block_count(d); i++)
		if (doc_block_kind(d, i) == DOC_PARA &&
		    (a = doc_block_address(d, i)) != NULL &&
		    strchr(a, '.') != NULL)
			return true;
	return false;
}

struct refs *
refs_find(const struct doc *d)
{
	return refs_find_flags(d, 0);
}

struct refs *
refs_find_flags(const struct doc *d, int flags)
{
	struct scan sc;
	struct refs *r;
	char *cause = NULL;
	size_t b, i;
	int k, s;

	assert(d != NULL);
	r = xcalloc(1, sizeof *r);
	buf_init(&r->strs);
	r->nblocks = doc_block_count(d);
	memset(&sc, 0, sizeof sc);
	sc.d = d;
	sc.r = r;
	sc.restart = doc_restarts(d);
	sc.exhaustive = (flags & REFS_EXHAUSTIVE) != 0;
	sc.wbytes = flags & REFS_WHOLE ? SIZE_MAX / 2 : flags &
	    REFS_SMALL_WINDOWS ? 8192 : WIN_BYTES;
	for (k = 0; k < RX_COUNT; k++) {
		sc.rx[k] = text_regex_new(patterns[k], TEXT_RE_COMMENTS,
		    &cause);
		if (sc.rx[k] == NULL)	/* a bug in a pattern above */
			die("refs pattern %d: %s", k, cause);
		for (s = 0; s < 2 && hints[k].stem[s] != NULL; s++)
			stem_add(&sc, k, hints[k].stem[s]);
	}
	for (b = 0; b < r->nblocks; b++)
		scan_block(&sc, b);
	for (k = 0; k < RX_COUNT; k++) {
		text_regex_free(sc.rx[k]);
	}
	for (i = 0; i < sc.nstem; i++)
		free(sc.stem[i].cp);
	free(sc.occ[0]);
	free(sc.occ[1]);
	free(sc.cps);
	free(sc.f);
	free(sc.map);
	/* The strings stay where they are from here on. */
	buf_addc(&r->strs, '\0');
	refs_index(r);
	return r;
}

void
refs_free(struct refs *r)
{
	if (r == NULL)
		return;
	free(r->v);
	free(r->off);
	buf_free(&r->strs);
	free(r->first);
	free(r->count);
	free(r->by_target);
	free(r);
}

size_t
refs_count(const struct refs *r)
{
	return r->n;
}

const struct ref *
refs_get(const struct refs *r, size_t i)
{
	assert(i < r->n);
	return &r->v[i];
}

/* For a block without references *first is where they would be: the
 * index of the first reference after it, or refs_count(). */
size_t
refs_in_block(const struct refs *r, size_t b, size_t *first)
{
	if (first != NULL)
		*first = b < r->nblocks ? r->first[b] : r->n;
	return b < r->nblocks ? r->count[b] : 0;
}

size_t
refs_to(const struct refs *r, size_t b, size_t *out, size_t max)
{
	size_t lo = 0, hi = r->nby, mid, n;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((size_t)r->v[r->by_target[mid]].target_block < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (n = 0; lo + n < r->nby &&
	    (size_t)r->v[r->by_target[lo + n]].target_block == b; n++)
		if (n < max)
			out[n] = r->by_target[lo + n];
	return n;
}

/* --- printing ---------------------------------------------------------- */

/* A field of the text format: no TAB or line end that would break the
 * columns, no control character that would reach a terminal. */
static void
field_add(struct buf *b, const char *s)
{
	struct buf t;
	size_t i;

	buf_init(&t);
	buf_adds(&t, s);
	for (i = 0; i < t.len; i++)
		if (t.data[i] == '\t' || t.data[i] == '\n' ||
		    t.data[i] == '\r')
			t.data[i] = ' ';
	text_utf8_visible(b, t.data != NULL ? t.data : "", t.len);
	buf_free(&t);
}

/* "here", "library" or "-".  Only symbols and resolutions are asked of
 * the library: a paragraph or article number is no document's name. */
static const char *
ref_where(const struct ref *x, bool (*in_library)(const char *, void *),
    void *arg)
{
	if (x->target_block >= 0)
		return "here";
	if (in_library != NULL && (x->kind == REF_SYMBOL ||
	    x->kind == REF_RES_GA || x->kind == REF_RES_SC) &&
	    in_library(x->target, arg))
		return "library";
	return "-";
}

void
refs_print(struct buf *b, const struct doc *d, const struct refs *r,
    bool json, bool (*in_library)(const char *, void *), void *arg)
{
	const struct ref *x;
	const char *src;
	size_t i;

	if (json)
		buf_adds(b, "{\"refs\": [");
	for (i = 0; i < r->n; i++) {
		x = &r->v[i];
		src = doc_block_address(d, x->block);
		if (json) {
			buf_addf(b, "%s\n{\"block\": %zu, \"source\": ",
			    i > 0 ? "," : "", x->block);
			buf_add_json(b, src);
			buf_addf(b, ", \"kind\": \"%s\", \"start\": %zu, "
			    "\"end\": %zu, \"text\": ", ref_kind_name(x->kind),
			    x->start, x->end);
			buf_add_json(b, x->text);
			buf_adds(b, ", \"target\": ");
			buf_add_json(b, x->target);
			if (x->target_block >= 0)
				buf_addf(b, ", \"target_block\": %ld",
				    x->target_block);
			else
				buf_adds(b, ", \"target_block\": null");
			buf_addf(b, ", \"where\": \"%s\"}",
			    ref_where(x, in_library, arg));
			continue;
		}
		field_add(b, src != NULL ? src : "-");
		buf_addf(b, "\t%s\t", ref_kind_name(x->kind));
		field_add(b, x->text);
		buf_addc(b, '\t');
		field_add(b, x->target);
		buf_addf(b, "\t%s\n", ref_where(x, in_library, arg));
	}
	if (json)
		buf_adds(b, "]}\n");
}
