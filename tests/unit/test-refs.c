/*
 * test-refs.c - cross-references (refs.c) and the regular expressions
 * under them (text-regex.c).
 *
 * On the four seed documents: every footnote marker reaches its body, the
 * resolutions and document symbols that are really in the text (lists
 * built by reading the seeds, see the comments) are found with the right
 * targets, and "paragraph 5 of article 9 of the Protocol" never jumps
 * inside the document.  On small documents written here: every
 * in-document paragraph form, Arabic and English, the instrument trap, a
 * paragraph that does not exist, numbering per section, backlinks and
 * both printers.  Every document also goes through check_all(), which
 * holds the invariants (a span's text is the reference's text, reading
 * order, the block and target indexes agree with a plain scan).
 *
 * Run from the repository root; the corpus is $HAMISH_CORPUS, by default
 * tests/corpus.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "refs.h"
#include "tap.h"
#include "corpus.h"
#include "rnd.h"
#include "text.h"
#include "util.h"



static struct doc *
load_text(const char *what, const char *s)
{
	struct doc *d;
	char *cause = NULL;

	d = doc_import(s, strlen(s), NULL, &cause);
	if (!ok(d != NULL, "import %s", what))
		printf("#   %s\n", cause);
	free(cause);
	return d;
}

/* The invariants every set of references holds. */
static void
check_all(const char *what, const struct doc *d, const struct refs *r)
{
	const struct ref *x, *prev = NULL;
	size_t i, b, k, n = refs_count(r), first, cnt, total = 0, got, want;
	size_t *out, bad = 0, badorder = 0, badidx = 0, badto = 0;
	size_t badkind = 0;
	char *t;

	out = xreallocarray(NULL, n + 1, sizeof *out);
	for (i = 0; i < n; i++) {
		x = refs_get(r, i);
		t = block_slice(d, x->block, x->start, x->end);
		if (x->start >= x->end || x->text == NULL ||
		    strcmp(t, x->text) != 0) {
			if (bad++ == 0)
				printf("#   ref %zu: span '%s', text '%s'\n", i,
				    t, x->text != NULL ? x->text : "(none)");
		}
		free(t);
		if (prev != NULL && (prev->block > x->block ||
		    (prev->block == x->block && prev->start > x->start)))
			badorder++;
		prev = x;
		if (x->target == NULL)
			bad++;
		switch (x->kind) {
		case REF_INSTRUMENT:
		case REF_SYMBOL:
		case REF_RES_GA:
		case REF_RES_SC:
		case REF_ARTICLE:
			if (x->target_block != -1)
				badkind++;
			break;
		case REF_PARA:
			if (x->target_block >= 0 &&
			    doc_block_kind(d, (size_t)x->target_block) !=
			    DOC_PARA &&
			    doc_block_kind(d, (size_t)x->target_block) !=
			    DOC_SUBPARA)
				badkind++;
			break;
		case REF_FOOTNOTE:
			if (x->target_block >= 0 &&
			    doc_block_kind(d, (size_t)x->target_block) !=
			    DOC_FOOTNOTE)
				badkind++;
			break;
		}
	}
	ok(bad == 0, "%s: the text of every span is its reference's text",
	    what);
	ok(badorder == 0, "%s: references in reading order", what);
	ok(badkind == 0, "%s: targets of the right kind; other documents' "
	    "never here", what);
	for (b = 0; b < doc_block_count(d); b++) {
		cnt = refs_in_block(r, b, &first);
		total += cnt;
		for (k = 0; k < cnt; k++)
			if (first + k >= n ||
			    refs_get(r, first + k)->block != b)
				badidx++;
	}
	ok(badidx == 0 && total == n, "%s: refs_in_block covers every "
	    "reference once", what);
	for (b = 0; b < doc_block_count(d); b++) {
		want = 0;
		got = refs_to(r, b, out, n);
		for (i = 0; i < n; i++)
			if (refs_get(r, i)->target_block == (long)b &&
			    (want >= got || out[want++] != i))
				badto++;
		if (want != got)
			badto++;
	}
	ok(badto == 0, "%s: refs_to agrees with the targets", what);
	free(out);
}

/* The first reference of kind k with target t (and text x, if not
 * NULL), or NULL. */
static const struct ref *
find(const struct refs *r, enum ref_kind k, const char *t, const char *x)
{
	const struct ref *y;
	size_t i;

	for (i = 0; i < refs_count(r); i++) {
		y = refs_get(r, i);
		if (y->kind == k && strcmp(y->target, t) == 0 &&
		    (x == NULL || strcmp(y->text, x) == 0))
			return y;
	}
	return NULL;
}

static size_t
count_kind(const struct refs *r, enum ref_kind k)
{
	size_t i, n = 0;

	for (i = 0; i < refs_count(r); i++)
		n += refs_get(r, i)->kind == k;
	return n;
}

/* One expected reference: address of its block, kind, text, target and
 * address of the target block (NULL: -1). */
struct want {
	const char	*source;
	enum ref_kind	 kind;
	const char	*text;
	const char	*target;
	const char	*here;
};

/* The references of d are exactly w[0..n), in order. */
static void
expect(const char *what, const struct doc *d, const struct refs *r,
    const struct want *w, size_t n)
{
	const struct ref *x;
	const char *src, *ta;
	size_t i;
	bool same;

	is_int(refs_count(r), n, "%s: %zu references", what, n);
	for (i = 0; i < n && i < refs_count(r); i++) {
		x = refs_get(r, i);
		src = doc_block_address(d, x->block);
		ta = x->target_block >= 0 ?
		    doc_block_address(d, (size_t)x->target_block) : NULL;
		same = x->kind == w[i].kind && src != NULL &&
		    strcmp(src, w[i].source) == 0 &&
		    strcmp(x->text, w[i].text) == 0 &&
		    strcmp(x->target, w[i].target) == 0 &&
		    (w[i].here == NULL ? x->target_block == -1 :
		    ta != NULL && strcmp(ta, w[i].here) == 0);
		if (!ok(same, "%s: %s %s '%s' -> %s (%s)", what, w[i].source,
		    ref_kind_name(w[i].kind), w[i].text, w[i].target,
		    w[i].here ? w[i].here : "-"))
			printf("#   got: %s %s '%s' -> %s (%s)\n",
			    src ? src : "-", ref_kind_name(x->kind), x->text,
			    x->target, ta ? ta : "-");
	}
	for (; i < refs_count(r); i++) {
		x = refs_get(r, i);
		printf("#   extra: %s '%s' -> %s\n", ref_kind_name(x->kind),
		    x->text, x->target);
	}
}

/* --- the seeds --------------------------------------------------------- */

/* Every footnote marker the importer saw is a reference to the footnote
 * with its label. */
static void
check_footnotes(const char *name, const struct doc *d, const struct refs *r,
    size_t want)
{
	const struct doc_span *sp;
	const struct ref *x;
	size_t b, i, j, k, first, cnt, nspans = 0, good = 0;
	long fb;
	const char *lab;

	for (b = 0; b < doc_block_count(d); b++) {
		sp = doc_block_spans(d, b, &k);
		cnt = refs_in_block(r, b, &first);
		for (i = 0; i < k; i++) {
			if (sp[i].kind != DOC_SPAN_FOOTREF)
				continue;
			nspans++;
			x = NULL;
			for (j = 0; j < cnt && x == NULL; j++)
				if (refs_get(r, first + j)->start ==
				    sp[i].start)
					x = refs_get(r, first + j);
			if (x == NULL || x->kind != REF_FOOTNOTE ||
			    x->end != sp[i].end ||
			    strcmp(x->target, sp[i].label) != 0 ||
			    x->target_block < 0)
				continue;
			fb = x->target_block;
			lab = doc_block_label(d, (size_t)fb);
			if (doc_block_kind(d, (size_t)fb) == DOC_FOOTNOTE &&
			    lab != NULL && strcmp(lab, sp[i].label) == 0 &&
			    fb == doc_footnote_find(d, sp[i].label))
				good++;
		}
	}
	is_int(nspans, want, "%s: %zu footnote markers", name, want);
	is_int(good, nspans, "%s: each one a reference to the footnote with "
	    "its label", name);
	is_int(count_kind(r, REF_FOOTNOTE), nspans, "%s: and no other "
	    "footnote references", name);
}

/*
 * The document symbols of a seed, each exactly once per time it is
 * written in the body (page headers and the document's own symbol line
 * are page furniture, not text).  Built with
 *   grep -oP '(?<![A-Za-z0-9/._-])[A-Z]+(/[A-Za-z0-9.]+)+' on the block
 * texts of `hamish dump`, then read one by one.
 */
static void
check_symbols(const char *name, const struct refs *r,
    const char *const *want, size_t n)
{
	const struct ref *x;
	size_t i, k, seen;

	for (i = 0; i < n; i++) {
		seen = 0;
		for (k = 0; k < refs_count(r); k++) {
			x = refs_get(r, k);
			seen += x->kind == REF_SYMBOL &&
			    strcmp(x->target, want[i]) == 0 &&
			    strcmp(x->text, want[i]) == 0;
		}
		for (k = 0; k < i; k++)
			if (strcmp(want[k], want[i]) == 0)
				seen--;	/* listed twice: found twice */
		ok(seen >= 1, "%s: symbol %s", name, want[i]);
	}
	is_int(count_kind(r, REF_SYMBOL), n, "%s: %zu symbols, no others",
	    name, n);
}

static void
test_seed000(void)
{
	struct doc *d = load(S000);
	struct refs *r;
	const struct ref *x;
	size_t i, npara = 0;

	if (d == NULL)
		return;
	r = refs_find(d);
	check_all("000", d, r);
	check_footnotes("000", d, r, 0);
	check_symbols("000", r, NULL, 0);
	x = find(r, REF_RES_SC, "S/RES/1325 (2000)", NULL);
	ok(x != NULL && strcmp(x->text, "قرار مجلس الأمن 1325 (2000)") == 0,
	    "000: قرار مجلس الأمن 1325 (2000) -> S/RES/1325 (2000)");
	is_int(count_kind(r, REF_RES_GA), 0, "000: no Assembly resolution");
	/* Paragraph 30: "وبموجب الفقرة 5 من المادة 9 من بروتوكول ...". */
	x = find(r, REF_INSTRUMENT, "5", "الفقرة 5");
	ok(x != NULL && x->target_block == -1 &&
	    strcmp(doc_block_address(d, x->block), "30") == 0,
	    "000: الفقرة 5 من المادة 9 من بروتوكول: another instrument's");
	ok(find(r, REF_PARA, "5", NULL) == NULL,
	    "000: ... and never paragraph 5 of this document");
	ok(find(r, REF_ARTICLE, "9", "المادة 9") != NULL,
	    "000: المادة 9 an article");
	/* 11(b) quotes the Protocol: "الفقرة الفرعية (أ) من هذه المادة". */
	x = find(r, REF_INSTRUMENT, "(a)", "الفقرة الفرعية (أ)");
	ok(x != NULL && strcmp(doc_block_address(d, x->block), "11(b)") == 0,
	    "000: الفقرة الفرعية (أ) من هذه المادة: of the quoted article");
	for (i = 0; i < refs_count(r); i++)
		npara += refs_get(r, i)->kind == REF_PARA;
	is_int(npara, 0, "000: no paragraph of its own is referred to");
	x = find(r, REF_ARTICLE, "6", "المادة 6");
	ok(x != NULL && x->target_block == -1 &&
	    strcmp(doc_block_address(d, x->block), "1") == 0,
	    "000: paragraph 1, المادة 6 من اتفاقية ...: article 6");
	is_int(count_kind(r, REF_ARTICLE), 10, "000: 10 articles");
	refs_free(r);
	doc_free(d);
}

static void
test_seed001(void)
{
	/*
	 * In the text: قرارها 195/73, قرارها 293/64 (preamble); footnotes
	 * (10) القرار 7/76, (13) القرار 1/70, (14) القرار 1/79, (15) القرار
	 * 266/76, (19) القرار 181/76, (35) القرار 293/64, (38) القرار 2200
	 * ألف (د-21), of the 21st session (1966).  Footnote (9)'s
	 * "القرار 1/10" is resolution 10/1 of the Conference of the Parties
	 * (CTOC/COP/2020/10), not of the Assembly.
	 */
	static const struct { const char *text, *target; } res[] = {
		{ "قرارها 195/73", "A/RES/73/195" },
		{ "قرارها 293/64", "A/RES/64/293" },
		{ "القرار 7/76", "A/RES/76/7" },
		{ "القرار 1/70", "A/RES/70/1" },
		{ "القرار 1/79", "A/RES/79/1" },
		{ "القرار 266/76", "A/RES/76/266" },
		{ "القرار 181/76", "A/RES/76/181" },
		{ "القرار 293/64", "A/RES/64/293" },
		{ "القرار 2200 ألف (د-21)", "A/RES/2200(XXI)" }
	};
	static const char *const sym[] = {
		"CTOC/COP/2020/10", "E/2024/27", "A/79/161", "A/79/322",
		"A/79/161", "A/HRC/56/60", "A/69/269", "A/C.3/55/3"
	};
	struct doc *d = load(S001);
	struct refs *r;
	const struct ref *x;
	size_t i;

	if (d == NULL)
		return;
	r = refs_find(d);
	check_all("001", d, r);
	check_footnotes("001", d, r, 39);
	for (i = 0; i < UTIL_NELEM(res); i++) {
		x = find(r, REF_RES_GA, res[i].target, res[i].text);
		ok(x != NULL && x->target_block == -1, "001: %s -> %s",
		    res[i].text, res[i].target);
	}
	is_int(count_kind(r, REF_RES_GA), UTIL_NELEM(res),
	    "001: %zu resolutions, not القرار 1/10 of the Conference",
	    UTIL_NELEM(res));
	x = find(r, REF_RES_GA, "A/RES/70/1", NULL);
	ok(x != NULL && strcmp(doc_block_address(d, x->block), "fn13") == 0,
	    "001: the 2030 Agenda is cited in footnote 13");
	check_symbols("001", r, sym, UTIL_NELEM(sym));
	refs_free(r);
	doc_free(d);
}

static void
test_seed002(void)
{
	/* عملاً بقرار الجمعية العامة ١٩٠/٦٥ (the summary), قرارها ١٩٠/٦٥
	 * (paragraph 1), القرار ٢٩٣/٦٤ and القرار ٢٢٨/٦٥ (paragraph 5). */
	static const char *const sym[] = {
		"A/65/209", "A/HRC/14/32", "A/HRC/17/35", "A/HRC/20/18",
		"A/HRC/15/20", "A/HRC/18/30", "A/67/150"
	};
	struct doc *d = load(S002);
	struct refs *r;
	const struct ref *x;

	if (d == NULL)
		return;
	r = refs_find(d);
	check_all("002", d, r);
	check_footnotes("002", d, r, 7);
	x = find(r, REF_RES_GA, "A/RES/65/190", "قرارها ١٩٠/٦٥");
	ok(x != NULL && strcmp(doc_block_address(d, x->block), "1") == 0,
	    "002: قرارها ١٩٠/٦٥ in paragraph ١ -> A/RES/65/190");
	ok(find(r, REF_RES_GA, "A/RES/65/190",
	    "بقرار الجمعية العامة ١٩٠/٦٥") != NULL,
	    "002: بقرار الجمعية العامة ١٩٠/٦٥ -> A/RES/65/190");
	ok(find(r, REF_RES_GA, "A/RES/64/293", "القرار ٢٩٣/٦٤") != NULL,
	    "002: القرار ٢٩٣/٦٤ -> A/RES/64/293");
	ok(find(r, REF_RES_GA, "A/RES/65/228", "القرار ٢٢٨/٦٥") != NULL,
	    "002: القرار ٢٢٨/٦٥ -> A/RES/65/228");
	is_int(count_kind(r, REF_RES_GA), 4, "002: 4 resolutions");
	check_symbols("002", r, sym, UTIL_NELEM(sym));
	refs_free(r);
	doc_free(d);
}

static void
test_seed003(void)
{
	/* The symbols of the body and footnotes; the running header
	 * CTOC/COP/WG.4/2019/5 is furniture.  CTOC/COP/WG.4/2019/4 is
	 * glued to the Arabic word after it (…/2019/4المعني), 2009/2 sits
	 * in mirrored parentheses, E/2002/68/Add.1 ends a sentence. */
	static const char *const sym[] = {
		"CTOC/COP/WG.4/2019/4", "CTOC/COP/WG.4/2009/2",
		"CTOC/COP/WG.4/2011/8", "CTOC/COP/WG.4/2019/1",
		"E/2002/68/Add.1"
	};
	struct doc *d = load(S003);
	struct refs *r;
	const struct ref *x;
	size_t i, bad = 0;

	if (d == NULL)
		return;
	r = refs_find(d);
	check_all("003", d, r);
	check_footnotes("003", d, r, 6);
	check_symbols("003", r, sym, UTIL_NELEM(sym));
	/* 2.26: "وفقاً للفقرة الفرعية (أ) من المادة البروتوكول". */
	x = find(r, REF_INSTRUMENT, "(a)", "للفقرة الفرعية (أ)");
	ok(x != NULL && strcmp(doc_block_address(d, x->block), "2.26") == 0,
	    "003: للفقرة الفرعية (أ) من المادة: another instrument's");
	for (i = 0; i < refs_count(r); i++)
		bad += refs_get(r, i)->kind == REF_PARA;
	is_int(bad, 0, "003: its paragraph words all cite other documents");
	refs_free(r);
	doc_free(d);
}

/* --- small documents --------------------------------------------------- */

static void
test_arabic_paragraphs(void)
{
	static const char txt[] =
	    "١ - تشير هذه الفقرة إلى الفقرة ٣ أدناه وإلى الفقرتين 2 و3، "
	    "وإلى الفقرة 12 غير الموجودة.\n\n"
	    "٢ - انظر الفقرات من 1 إلى 3 والفقرة 3 (ب) أعلاه، وكذلك "
	    "الفقرة الفرعية (أ) أدناه والفقرة الفرعية (ب) من الفقرة 3 "
	    "والفقرة ٣ (ب) ’2‘:\n\n"
	    "(أ) كما في الفقرة الفرعية (ب)؛\n\n"
	    "(ب) نص آخر؛\n\n"
	    "٣ - وبموجب الفقرة 5 من المادة 9 من بروتوكول منع الاتجار، "
	    "والفقرة 3 من القرار 190/65، والفقرة 2 من هذا التقرير، "
	    "والفقرة الفرعية (أ) من هذه المادة، وللفقرتين 1 و2 من "
	    "الاتفاقية، والمادة 6، الفقرة 2، والفقرة 1 (أ) و(ب) أعلاه.\n\n"
	    "(أ) بند أول؛\n\n"
	    "(ب) بند ثان يحيل إلى الفقرة الفرعية (أ)؛\n\n"
	    "’1‘ بند فرعي؛\n\n"
	    "’2‘ بند فرعي آخر.\n";
	static const struct want w[] = {
		{ "1", REF_PARA, "الفقرة ٣", "3", "3" },
		{ "1", REF_PARA, "الفقرتين 2", "2", "2" },
		{ "1", REF_PARA, "3", "3", "3" },
		{ "1", REF_PARA, "الفقرة 12", "12", NULL },
		{ "2", REF_PARA, "الفقرات من 1", "1", "1" },
		{ "2", REF_PARA, "3", "3", "3" },
		{ "2", REF_PARA, "والفقرة 3 (ب)", "3(b)", "3(b)" },
		{ "2", REF_PARA, "الفقرة الفرعية (أ)", "2(a)", "2(a)" },
		{ "2", REF_PARA, "والفقرة الفرعية (ب)", "3(b)", "3(b)" },
		{ "2", REF_PARA, "والفقرة ٣ (ب) ’2‘", "3(b)(ii)",
		    "3(b)(ii)" },
		{ "2(a)", REF_PARA, "الفقرة الفرعية (ب)", "2(b)", "2(b)" },
		{ "3", REF_INSTRUMENT, "الفقرة 5", "5", NULL },
		{ "3", REF_ARTICLE, "المادة 9", "9", NULL },
		{ "3", REF_INSTRUMENT, "والفقرة 3", "3", NULL },
		{ "3", REF_RES_GA, "القرار 190/65", "A/RES/65/190", NULL },
		{ "3", REF_PARA, "والفقرة 2", "2", "2" },
		{ "3", REF_INSTRUMENT, "والفقرة الفرعية (أ)", "(a)", NULL },
		{ "3", REF_INSTRUMENT, "وللفقرتين 1", "1", NULL },
		{ "3", REF_INSTRUMENT, "2", "2", NULL },
		{ "3", REF_ARTICLE, "والمادة 6", "6", NULL },
		{ "3", REF_INSTRUMENT, "الفقرة 2", "2", NULL },
		{ "3", REF_PARA, "والفقرة 1 (أ)", "1(a)", "1" },
		{ "3", REF_PARA, "(ب)", "1(b)", "1" },
		{ "3(b)", REF_PARA, "الفقرة الفرعية (أ)", "3(a)", "3(a)" },
	};
	struct doc *d = load_text("Arabic paragraphs", txt);
	struct refs *r;
	const struct ref *x;

	if (d == NULL)
		return;
	r = refs_find(d);
	check_all("ar", d, r);
	expect("ar", d, r, w, UTIL_NELEM(w));
	/* 1(a) does not exist: paragraph 1 has no sub-paragraphs, so the
	 * reference goes to the paragraph itself. */
	x = find(r, REF_PARA, "1(a)", NULL);
	ok(x != NULL && x->target_block == doc_addr_find(d, "1"),
	    "ar: 1(a), a sub-paragraph not found: paragraph 1 itself");
	refs_free(r);
	doc_free(d);
}

static void
test_english_paragraphs(void)
{
	static const char txt[] =
	    "١ - See paragraph 2, paras. 1–3 and paragraphs 1 and 3 above, "
	    "paragraph 3(b), para 2, subparagraph (a) below, subparagraph "
	    "(b) of paragraph 3, paragraph 2 of article 6 of the "
	    "Convention, article 6, paragraph 2, of the Covenant, "
	    "paragraph 3 of the present report, Paragraphs 2 to 4 and "
	    "paragraph 9, paragraph 3 (b) (ii).\n\n"
	    "(أ) item.\n\n"
	    "٢ - Text.\n\n"
	    "٣ - Text.\n\n"
	    "(أ) item.\n\n"
	    "(ب) item.\n\n"
	    "’1‘ item.\n\n"
	    "’2‘ item.\n\n"
	    "٤ - Text.\n";
	static const struct want w[] = {
		{ "1", REF_PARA, "paragraph 2", "2", "2" },
		{ "1", REF_PARA, "paras. 1", "1", "1" },
		{ "1", REF_PARA, "3", "3", "3" },
		{ "1", REF_PARA, "paragraphs 1", "1", "1" },
		{ "1", REF_PARA, "3", "3", "3" },
		{ "1", REF_PARA, "paragraph 3(b)", "3(b)", "3(b)" },
		{ "1", REF_PARA, "para 2", "2", "2" },
		{ "1", REF_PARA, "subparagraph (a)", "1(a)", "1(a)" },
		{ "1", REF_PARA, "subparagraph (b)", "3(b)", "3(b)" },
		{ "1", REF_INSTRUMENT, "paragraph 2", "2", NULL },
		{ "1", REF_ARTICLE, "article 6", "6", NULL },
		{ "1", REF_ARTICLE, "article 6", "6", NULL },
		{ "1", REF_INSTRUMENT, "paragraph 2", "2", NULL },
		{ "1", REF_PARA, "paragraph 3", "3", "3" },
		{ "1", REF_PARA, "Paragraphs 2", "2", "2" },
		{ "1", REF_PARA, "4", "4", "4" },
		{ "1", REF_PARA, "paragraph 9", "9", NULL },
		{ "1", REF_PARA, "paragraph 3 (b) (ii)", "3(b)(ii)",
		    "3(b)(ii)" },
	};
	struct doc *d = load_text("English paragraphs", txt);
	struct refs *r;

	if (d == NULL)
		return;
	r = refs_find(d);
	check_all("en", d, r);
	expect("en", d, r, w, UTIL_NELEM(w));
	refs_free(r);
	doc_free(d);
}

/* Harakat, tatweel, hamza and alef maksura variants, prefixes. */
static void
test_variants(void)
{
	static const char txt[] =
	    "١ - انظر الفقرةَ 2، والفقـرات من ١ الى ٢، وللفقرتين ١ و٢ "
	    "أعلاه، وفقاً للفقرة ٢، وبالفقرة ١ إلي ٢ أدناه، "
	    "والفقرتان ١ حتى ٢.\n\n"
	    "٢ - نص.\n";
	static const struct want w[] = {
		{ "1", REF_PARA, "الفقرةَ 2", "2", "2" },
		{ "1", REF_PARA, "والفقـرات من ١", "1", "1" },
		{ "1", REF_PARA, "٢", "2", "2" },
		{ "1", REF_PARA, "وللفقرتين ١", "1", "1" },
		{ "1", REF_PARA, "٢", "2", "2" },
		{ "1", REF_PARA, "للفقرة ٢", "2", "2" },
		{ "1", REF_PARA, "وبالفقرة ١", "1", "1" },
		{ "1", REF_PARA, "٢", "2", "2" },
		{ "1", REF_PARA, "والفقرتان ١", "1", "1" },
		{ "1", REF_PARA, "٢", "2", "2" },
	};
	struct doc *d = load_text("variants", txt);
	struct refs *r;
	const char *t;

	if (d == NULL)
		return;
	t = doc_block_text(d, 0, NULL);
	ok(strstr(t, "الفقرةَ") != NULL,
	    "variants: the importer keeps the harakah");
	r = refs_find(d);
	check_all("variants", d, r);
	expect("variants", d, r, w, UTIL_NELEM(w));
	refs_free(r);
	doc_free(d);
}

/* Numbering that restarts in each section, as in seed 003. */
static void
test_sections(void)
{
	static const char txt[] =
	    "أولاً - الاجتماع الأول\n\n"
	    "١ - نص أول يشير إلى الفقرة ٢ أدناه.\n\n"
	    "٢ - نص ثان.\n\n"
	    "ثانياً - الاجتماع الثاني\n\n"
	    "١ - نص يشير إلى الفقرة 2 أدناه والفقرة ١ (أ) والفقرة 1.2 "
	    "والفقرة 5 والفقرة الفرعية (أ).\n\n"
	    "(أ) بند.\n\n"
	    "٢ - نص.\n";
	static const struct want w[] = {
		{ "1.1", REF_PARA, "الفقرة ٢", "1.2", "1.2" },
		{ "2.1", REF_PARA, "الفقرة 2", "2.2", "2.2" },
		{ "2.1", REF_PARA, "والفقرة ١ (أ)", "2.1(a)", "2.1(a)" },
		{ "2.1", REF_PARA, "والفقرة 1.2", "1.2", "1.2" },
		{ "2.1", REF_PARA, "والفقرة 5", "2.5", NULL },
		{ "2.1", REF_PARA, "والفقرة الفرعية (أ)", "2.1(a)", "2.1(a)" },
	};
	struct doc *d = load_text("sections", txt);
	struct refs *r;

	if (d == NULL)
		return;
	ok(doc_addr_find(d, "2.2") >= 0, "sections: numbering restarts");
	r = refs_find(d);
	check_all("sections", d, r);
	expect("sections", d, r, w, UTIL_NELEM(w));
	refs_free(r);
	doc_free(d);
}

static void
test_resolutions(void)
{
	static const char txt[] =
	    "١ - اعتمدت الجمعية العامة القرارين 190/65 و228/65 والقرارات "
	    "١٩٠/٦٥ و٢٢٨/٦٥ و٢٩٣/٦٤، وقرارات مجلس الأمن 1325 (2000) "
	    "و1820 (2008)، وقرار مجلس حقوق الإنسان 17/1 والقرار 1/10 "
	    "وقراره 35/1 والقرار ٦٤/٢٩٣ وقرار المجلس 2004/35.\n\n"
	    "٢ - See resolution 65/190, General Assembly resolutions 65/190 "
	    "and 64/293, Security Council resolution 1325 (2000) and "
	    "resolutions 1820 (2008), 1888 (2009), Human Rights Council "
	    "resolution 17/1, Commission on the Status of Women resolution "
	    "56/1 and Economic and Social Council resolution 2004/35; "
	    "resolution 70/1 (the 2030 Agenda).\n";
	static const struct want w[] = {
		{ "1", REF_RES_GA, "القرارين 190/65", "A/RES/65/190", NULL },
		{ "1", REF_RES_GA, "228/65", "A/RES/65/228", NULL },
		{ "1", REF_RES_GA, "والقرارات ١٩٠/٦٥", "A/RES/65/190", NULL },
		{ "1", REF_RES_GA, "٢٢٨/٦٥", "A/RES/65/228", NULL },
		{ "1", REF_RES_GA, "٢٩٣/٦٤", "A/RES/64/293", NULL },
		{ "1", REF_RES_SC, "وقرارات مجلس الأمن 1325 (2000)",
		    "S/RES/1325 (2000)", NULL },
		{ "1", REF_RES_SC, "1820 (2008)", "S/RES/1820 (2008)", NULL },
		/* ٦٤/٢٩٣: 293 cannot be a session; read the other way. */
		{ "1", REF_RES_GA, "والقرار ٦٤/٢٩٣", "A/RES/64/293", NULL },
		{ "2", REF_RES_GA, "resolution 65/190", "A/RES/65/190", NULL },
		{ "2", REF_RES_GA, "General Assembly resolutions 65/190",
		    "A/RES/65/190", NULL },
		{ "2", REF_RES_GA, "64/293", "A/RES/64/293", NULL },
		{ "2", REF_RES_SC, "Security Council resolution 1325 (2000)",
		    "S/RES/1325 (2000)", NULL },
		{ "2", REF_RES_SC, "resolutions 1820 (2008)",
		    "S/RES/1820 (2008)", NULL },
		{ "2", REF_RES_SC, "1888 (2009)", "S/RES/1888 (2009)", NULL },
		/* In English session/number, even when both could be a
		 * session. */
		{ "2", REF_RES_GA, "resolution 70/1", "A/RES/70/1", NULL },
	};
	struct doc *d = load_text("resolutions", txt);
	struct refs *r;

	if (d == NULL)
		return;
	r = refs_find(d);
	check_all("res", d, r);
	expect("res", d, r, w, UTIL_NELEM(w));
	refs_free(r);
	doc_free(d);
}

/* The Assembly's resolutions before its 31st session, and those of its
 * special sessions. */
static void
test_old_resolutions(void)
{
	static const char txt[] =
	    "١ - انظر القرار 2200 ألف (د-21)، والقرارين 3201 (دإ-6) و217 "
	    "ألف (د-3)، والقرار دإ-26/2 وقرارها دإ-٢١/٢ والقرار 3379 "
	    "(د-٣٠). أما القرار 3600 (د-31) فلا.\n\n"
	    "٢ - See resolution 2200 A (XXI), resolutions 3201 (S-VI) and "
	    "217 A (III), resolution S-26/2 and resolution 1514 (XV); not "
	    "resolution 3379 (XXXI) nor resolution 12 (IIII).\n";
	static const struct want w[] = {
		{ "1", REF_RES_GA, "القرار 2200 ألف (د-21)", "A/RES/2200(XXI)",
		    NULL },
		{ "1", REF_RES_GA, "والقرارين 3201 (دإ-6)", "A/RES/3201(S-VI)",
		    NULL },
		{ "1", REF_RES_GA, "217 ألف (د-3)", "A/RES/217(III)", NULL },
		{ "1", REF_RES_GA, "والقرار دإ-26/2", "A/RES/S-26/2", NULL },
		{ "1", REF_RES_GA, "وقرارها دإ-٢١/٢", "A/RES/S-21/2", NULL },
		{ "1", REF_RES_GA, "والقرار 3379 (د-٣٠)", "A/RES/3379(XXX)",
		    NULL },
		{ "2", REF_RES_GA, "resolution 2200 A (XXI)", "A/RES/2200(XXI)",
		    NULL },
		{ "2", REF_RES_GA, "resolutions 3201 (S-VI)", "A/RES/3201(S-VI)",
		    NULL },
		{ "2", REF_RES_GA, "217 A (III)", "A/RES/217(III)", NULL },
		{ "2", REF_RES_GA, "resolution S-26/2", "A/RES/S-26/2", NULL },
		{ "2", REF_RES_GA, "resolution 1514 (XV)", "A/RES/1514(XV)",
		    NULL },
	};
	struct doc *d = load_text("old resolutions", txt);
	struct refs *r;

	if (d == NULL)
		return;
	r = refs_find(d);
	check_all("old res", d, r);
	expect("old res", d, r, w, UTIL_NELEM(w));
	refs_free(r);
	doc_free(d);
}

static void
test_symbols(void)
{
	static const char txt[] =
	    "١ - الوثائق A/C.3/79/L.25/Rev.1 وA/RES/70/1 وS/2020/123 "
	    "و(A/67/150/Corr.1) وE/CN.6/2024/L.3/Add.2، وليس 2019/4 ولا "
	    "1/2 ولا 19/12/2018 ولا HIV/AIDS ولا "
	    "http://x.org/ICAT/2010_paper.pdf، والوثيقة\u200fA/67/150\u200f "
	    "و)CTOC/COP/WG.4/2009/2( وCTOC/COP/WG.4/2019/4المعني "
	    "وA/HRC/20/18.\n";
	static const struct want w[] = {
		{ "1", REF_SYMBOL, "A/C.3/79/L.25/Rev.1", "A/C.3/79/L.25/Rev.1",
		    NULL },
		{ "1", REF_SYMBOL, "A/RES/70/1", "A/RES/70/1", NULL },
		{ "1", REF_SYMBOL, "S/2020/123", "S/2020/123", NULL },
		{ "1", REF_SYMBOL, "A/67/150/Corr.1", "A/67/150/Corr.1", NULL },
		{ "1", REF_SYMBOL, "E/CN.6/2024/L.3/Add.2",
		    "E/CN.6/2024/L.3/Add.2", NULL },
		{ "1", REF_SYMBOL, "A/67/150", "A/67/150", NULL },
		{ "1", REF_SYMBOL, "CTOC/COP/WG.4/2009/2",
		    "CTOC/COP/WG.4/2009/2", NULL },
		{ "1", REF_SYMBOL, "CTOC/COP/WG.4/2019/4",
		    "CTOC/COP/WG.4/2019/4", NULL },
		{ "1", REF_SYMBOL, "A/HRC/20/18", "A/HRC/20/18", NULL },
	};
	struct doc *d = load_text("symbols", txt);
	struct refs *r;

	if (d == NULL)
		return;
	r = refs_find(d);
	check_all("sym", d, r);
	expect("sym", d, r, w, UTIL_NELEM(w));
	refs_free(r);
	doc_free(d);
}

/* Offsets are code points even after characters ICU counts twice. */
static void
test_astral(void)
{
	static const char txt[] =
	    "١ - \U0001D400\U0001D401 الفقرة 2 \U0001F600 A/67/150 "
	    "والفقرة ٢ً.\n\n"
	    "٢ - نص.\n";
	struct doc *d = load_text("astral", txt);
	struct refs *r;
	const struct ref *x;

	if (d == NULL)
		return;
	r = refs_find(d);
	check_all("astral", d, r);
	is_int(refs_count(r), 3, "astral: 3 references");
	if (refs_count(r) == 3) {
		x = refs_get(r, 0);
		ok(x->start == 3 && x->end == 11, "astral: الفقرة 2 at "
		    "[3, 11) (got [%zu, %zu))", x->start, x->end);
		x = refs_get(r, 1);
		ok(x->start == 14 && x->end == 22, "astral: A/67/150 at "
		    "[14, 22) (got [%zu, %zu))", x->start, x->end);
		x = refs_get(r, 2);
		is_str(x->text, "والفقرة ٢ً", "a mark on the last digit "
		    "belongs to the reference");
		is_str(x->target, "2", "... which is paragraph 2");
	}
	refs_free(r);
	doc_free(d);
}

/* --- backlinks and the printers ---------------------------------------- */

static void
test_backlinks(void)
{
	static const char txt[] =
	    "١ - انظر الفقرة 3 والفقرة 2.\n\n"
	    "٢ - انظر الفقرتين 3 و1.\n\n"
	    "٣ - نص لا يحيل إلى شيء.\n\n"
	    "٤ - See paragraphs 3 and 3.\n";
	struct doc *d = load_text("backlinks", txt);
	struct refs *r;
	size_t out[8], first, n;
	long b3, b1;

	if (d == NULL)
		return;
	r = refs_find(d);
	check_all("backlinks", d, r);
	b3 = doc_addr_find(d, "3");
	b1 = doc_addr_find(d, "1");
	n = refs_to(r, (size_t)b3, out, UTIL_NELEM(out));
	is_int(n, 4, "refs_to(3): four references");
	ok(n == 4 && refs_get(r, out[0])->block == (size_t)b1 &&
	    refs_get(r, out[1])->block == (size_t)b1 + 1 &&
	    refs_get(r, out[2])->block == (size_t)b3 + 1 &&
	    refs_get(r, out[3])->block == (size_t)b3 + 1 &&
	    refs_get(r, out[2])->start < refs_get(r, out[3])->start,
	    "refs_to(3): in reading order");
	is_int(refs_to(r, (size_t)b3, out, 1), 4, "refs_to with room for "
	    "one: still counts four");
	is_int(refs_to(r, (size_t)b3, NULL, 0), 4, "refs_to(max 0, NULL)");
	n = refs_to(r, (size_t)b1, out, UTIL_NELEM(out));
	ok(n == 1 && strcmp(refs_get(r, out[0])->text, "1") == 0,
	    "refs_to(1): the one from paragraph 2");
	is_int(refs_to(r, doc_block_count(d) + 5, out, 8), 0,
	    "refs_to a block that is not there: none");
	n = refs_in_block(r, (size_t)b1 + 1, &first);
	ok(n == 2 && strcmp(refs_get(r, first)->text, "الفقرتين 3") == 0 &&
	    strcmp(refs_get(r, first + 1)->text, "1") == 0,
	    "refs_in_block(paragraph 2): الفقرتين 3, 1");
	is_int(refs_in_block(r, (size_t)b3, &first), 0,
	    "refs_in_block(paragraph 3): none");
	ok(first < refs_count(r) &&
	    refs_get(r, first)->block == (size_t)b3 + 1 &&
	    (first == 0 || refs_get(r, first - 1)->block < (size_t)b3),
	    "... and *first is where they would be: paragraph 4's first");
	is_int(refs_in_block(r, 1000, &first), 0, "refs_in_block out of "
	    "range: none");
	is_int(first, refs_count(r), "... *first the count");
	refs_free(r);
	doc_free(d);
}

static int lib_calls;
static bool lib_bad_arg;

static bool
in_library(const char *target, void *arg)
{
	lib_calls++;
	if (arg != &lib_calls)
		lib_bad_arg = true;
	return strcmp(target, "A/67/150") == 0;
}

static void
test_print(void)
{
	static const char txt[] =
	    "الجمعية العامة\n\n"
	    "١ - انظر الفقرة 2 والوثيقة A/67/150 والقرار 190/65 "
	    "والمادة 6.\n\n"
	    "٢ - انظر الفقرة\xc2\x85" "2 والوثيقة A/1/2\x1b[31m.\n";
	static const char want_text[] =
	    "1\tparagraph\tالفقرة 2\t2\there\n"
	    "1\tsymbol\tA/67/150\tA/67/150\tlibrary\n"
	    "1\tresolution\tوالقرار 190/65\tA/RES/65/190\t-\n"
	    "1\tarticle\tوالمادة 6\t6\t-\n"
	    "2\tparagraph\tالفقرة\xef\xbf\xbd" "2\t2\there\n"
	    "2\tsymbol\tA/1/2\tA/1/2\t-\n";
	static const char want_json[] =
	    "{\"refs\": [\n"
	    "{\"block\": 1, \"source\": \"1\", \"kind\": \"paragraph\", "
	    "\"start\": 5, \"end\": 13, \"text\": \"الفقرة 2\", "
	    "\"target\": \"2\", \"target_block\": 2, \"where\": \"here\"},\n"
	    "{\"block\": 1, \"source\": \"1\", \"kind\": \"symbol\", "
	    "\"start\": 23, \"end\": 31, \"text\": \"A/67/150\", "
	    "\"target\": \"A/67/150\", \"target_block\": null, "
	    "\"where\": \"library\"},\n"
	    "{\"block\": 1, \"source\": \"1\", \"kind\": \"resolution\", "
	    "\"start\": 32, \"end\": 46, \"text\": \"والقرار 190/65\", "
	    "\"target\": \"A/RES/65/190\", \"target_block\": null, "
	    "\"where\": \"-\"},\n"
	    "{\"block\": 1, \"source\": \"1\", \"kind\": \"article\", "
	    "\"start\": 47, \"end\": 56, \"text\": \"والمادة 6\", "
	    "\"target\": \"6\", \"target_block\": null, \"where\": \"-\"},\n"
	    "{\"block\": 2, \"source\": \"2\", \"kind\": \"paragraph\", "
	    "\"start\": 5, \"end\": 13, \"text\": \"الفقرة\\u00852\", "
	    "\"target\": \"2\", \"target_block\": 2, \"where\": \"here\"},\n"
	    "{\"block\": 2, \"source\": \"2\", \"kind\": \"symbol\", "
	    "\"start\": 23, \"end\": 28, \"text\": \"A/1/2\", "
	    "\"target\": \"A/1/2\", \"target_block\": null, "
	    "\"where\": \"-\"}]}\n";
	struct doc *d = load_text("print", txt);
	struct refs *r;
	struct buf b;
	size_t i;
	bool clean = true;

	if (d == NULL)
		return;
	r = refs_find(d);
	check_all("print", d, r);
	buf_init(&b);
	lib_calls = 0;
	refs_print(&b, d, r, false, in_library, &lib_calls);
	is_str(b.data, want_text, "refs_print, text");
	is_int(lib_calls, 3, "the library is asked about the symbols and "
	    "resolutions only");
	ok(!lib_bad_arg, "in_library gets its argument");
	for (i = 0; i < b.len; i++)
		if (((unsigned char)b.data[i] < 0x20 && b.data[i] != '\t' &&
		    b.data[i] != '\n') || b.data[i] == 0x7f ||
		    ((unsigned char)b.data[i] == 0xc2 && i + 1 < b.len &&
		    (unsigned char)b.data[i + 1] >= 0x80 &&
		    (unsigned char)b.data[i + 1] <= 0x9f))
			clean = false;
	ok(clean, "refs_print, text: no control character but TAB and LF");
	buf_reset(&b);
	refs_print(&b, d, r, true, in_library, &lib_calls);
	is_str(b.data, want_json, "refs_print, JSON");
	buf_reset(&b);
	refs_print(&b, d, r, false, NULL, NULL);
	ok(b.len > 0 && strstr(b.data, "library") == NULL,
	    "refs_print without a library: never \"library\"");
	buf_free(&b);
	refs_free(r);
	doc_free(d);

	d = load_text("no references", "١ - نص بلا إحالات.\n");
	if (d == NULL)
		return;
	r = refs_find(d);
	is_int(refs_count(r), 0, "no references: none found");
	buf_init(&b);
	refs_print(&b, d, r, true, NULL, NULL);
	is_str(b.data, "{\"refs\": []}\n", "no references: JSON");
	buf_reset(&b);
	refs_print(&b, d, r, false, NULL, NULL);
	is_int(b.len, 0, "no references: no text");
	buf_free(&b);
	refs_free(r);
	doc_free(d);
}

/* refs_find() and the exhaustive search give the same references. */
static bool
same_refs(const char *what, const struct doc *d)
{
	struct refs *fast, *slow;
	struct buf a, b;
	bool same;

	fast = refs_find(d);
	slow = refs_find_flags(d, REFS_EXHAUSTIVE);
	buf_init(&a);
	buf_init(&b);
	refs_print(&a, d, fast, true, NULL, NULL);
	refs_print(&b, d, slow, true, NULL, NULL);
	same = a.len == b.len && memcmp(a.data, b.data, a.len) == 0;
	if (!same)
		printf("# %s: %zu references fast, %zu exhaustive\n", what,
		    refs_count(fast), refs_count(slow));
	buf_free(&a);
	buf_free(&b);
	refs_free(fast);
	refs_free(slow);
	return same;
}

/* The JSON of refs_find_flags(d, flags) (caller frees). */
static char *
refs_json(const struct doc *d, int flags, size_t *n)
{
	struct refs *r = refs_find_flags(d, flags);
	struct buf b;

	buf_init(&b);
	refs_print(&b, d, r, true, NULL, NULL);
	*n = refs_count(r);
	refs_free(r);
	return buf_steal(&b);
}

/*
 * A huge block is read a window at a time (refs.c, scan_block()): the
 * four seeds joined into one block of some 400 KB give the references of
 * one pass over it, in windows of 256 KB and of 8 KB (some fifty seams,
 * where a reference may start in one window and end in the next).
 */
static void
test_windows(void)
{
	static const char *const seeds[] = { S000, S001, S002, S003 };
	struct buf t;
	struct doc *d;
	char *s, *cause = NULL, *whole, *big, *small;
	size_t len, i, k, nw, nb, ns;

	buf_init(&t);
	for (i = 0; i < UTIL_NELEM(seeds); i++) {
		s = corpus_read(seeds[i], &len);
		for (k = 0; s != NULL && k < len; k++)
			buf_addc(&t, s[k] == '\n' || s[k] == '\r' ? ' ' : s[k]);
		free(s);
	}
	d = doc_import(t.data, t.len, NULL, &cause);
	buf_free(&t);
	if (!ok(d != NULL, "windows: the seeds as one block")) {
		free(cause);
		return;
	}
	whole = refs_json(d, REFS_WHOLE, &nw);
	big = refs_json(d, 0, &nb);
	small = refs_json(d, REFS_SMALL_WINDOWS, &ns);
	ok(nw > 50 && strcmp(whole, big) == 0, "windows of 256 KB: the "
	    "%zu references of one pass (%zu)", nw, nb);
	ok(strcmp(whole, small) == 0, "windows of 8 KB: the same (%zu)", ns);
	free(whole);
	free(big);
	free(small);
	doc_free(d);

	/* References everywhere, so that seams fall inside them. */
	buf_init(&t);
	buf_adds(&t, "١ - ");
	for (i = 0; i < 1500; i++)
		buf_addf(&t, "%s%zu%s", i % 3 == 0 ? "بالمادة   " : i % 3 == 1 ?
		    "General Assembly resolutions 65/" : "الفقرات ", 100 + i % 800,
		    i % 3 == 0 ? " ، الفقرة 5 (أ) و(ب) من القرار 1325 (2000) "
		    "والوثيقة A/67/150/Add.1 " : i % 3 == 1 ? " and 66/12, " :
		    " و6 و7 أعلاه، ");
	buf_addc(&t, '\n');
	d = doc_import(t.data, t.len, NULL, &cause);
	buf_free(&t);
	if (!ok(d != NULL, "windows: a block of references")) {
		free(cause);
		return;
	}
	whole = refs_json(d, REFS_WHOLE, &nw);
	small = refs_json(d, REFS_SMALL_WINDOWS, &ns);
	ok(nw > 3000 && strcmp(whole, small) == 0, "windows of 8 KB across "
	    "references: the %zu of one pass (%zu)", nw, ns);
	free(whole);
	free(small);
	doc_free(d);
}

/*
 * The hints that make refs_find() fast (refs.c) change nothing it finds:
 * on the seeds; on prefixes as long as the patterns allow, with white
 * space and commas run on between their words; and on the seeds cut and
 * spliced at random with keywords, digits, capitals and runs of spaces
 * put in.
 */
static void
test_hints(void)
{
	static const char *const seeds[] = { S000, S001, S002, S003 };
	static const char long_prefixes[] =
	    "١ - وبالمادة   6 ،   وبالفقرتين الفرعيتين 5 (أ) و(ب) أعلاه.\n\n"
	    "٢ - Article 12 ,  sub- paragraphs 3 (a) and 4 of paragraph 2.\n\n"
	    "٣ - General      Assembly   resolutions 65/190 and 66/12, "
	    "Security  Council resolution 1325 (2000).\n\n"
	    "٤ - ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH/1/Rev.2 "
	    "والمواد من 3 إلى 5 وarts. 4 and 5.\n";
	static const char *const bits[] = {
	    "الفقرة ", "فقرة", "الفقرات ", " قرار", "القرار ", "وبالقرار",
	    "المادة ", "المواد", " paragraph ", "para", "resolution ",
	    "General Assembly ", "article ", "art. ", "/", "A/", "S/RES/",
	    " 12", "5 (أ)", " 65/190", " 1325 (2000)", "   ", "\t", "، ",
	    ", ", " و", " من ", "(XXI)", "ABC", "-"
	};
	struct buf t;
	struct doc *d;
	char *s, *cause = NULL;
	size_t len, i, k, at, n, bad = 0, tries = 0;

	for (i = 0; i < UTIL_NELEM(seeds); i++) {
		if ((d = load(seeds[i])) == NULL)
			continue;
		ok(same_refs(seeds[i], d), "hints: %s as found exhaustively",
		    seeds[i]);
		doc_free(d);
	}
	if ((d = load_text("long prefixes", long_prefixes)) != NULL) {
		struct refs *r = refs_find(d);

		ok(refs_count(r) >= 10 && same_refs("long prefixes", d),
		    "hints: the longest prefixes, spaces run on (%zu found)",
		    refs_count(r));
		refs_free(r);
		doc_free(d);
	}
	buf_init(&t);
	for (i = 0; i < 40; i++) {
		s = corpus_read(seeds[i % 4], &len);
		if (s == NULL || len == 0) {
			free(s);
			continue;
		}
		buf_reset(&t);
		/* A few kilobytes from a random place, cut at a line. */
		at = rnd((uint32_t)len);
		while (at > 0 && s[at - 1] != '\n')
			at--;
		n = len - at < 6000 ? len - at : 6000;
		for (k = 0; k < n; k++) {
			buf_addc(&t, s[at + k]);
			if (s[at + k] == ' ' && rnd(6) == 0)
				buf_adds(&t, bits[rnd(UTIL_NELEM(bits))]);
		}
		free(s);
		if ((d = doc_import(t.data, t.len, NULL, &cause)) == NULL) {
			free(cause);
			cause = NULL;
			continue;
		}
		tries++;
		if (!same_refs("spliced", d))
			bad++;
		doc_free(d);
	}
	buf_free(&t);
	ok(tries >= 30 && bad == 0, "hints: %zu of %zu spliced documents "
	    "as found exhaustively", tries - bad, tries);
}

static void
test_kind_names(void)
{
	static const char *const names[] = {
		"footnote", "paragraph", "instrument", "symbol", "resolution",
		"sc-resolution", "article"
	};
	size_t i;
	bool same = true;

	for (i = 0; i < UTIL_NELEM(names); i++)
		same = same && strcmp(ref_kind_name((enum ref_kind)i),
		    names[i]) == 0;
	ok(same, "ref_kind_name: the seven names");
}

/* --- text_regex -------------------------------------------------------- */

static void
test_regex(void)
{
	/* 𝐀 a 𝐁 1 2 b: two code points ICU counts twice. */
	static const uint32_t s[] = { 0x1D400, 'a', 0x1D401, '1', '2', 'b' };
	struct text_regex *re;
	struct text_match m[4];
	char *cause = NULL;

	re = text_regex_new("(\\d+", 0, &cause);
	ok(re == NULL && cause != NULL && strstr(cause, "U_") != NULL,
	    "text_regex_new: a bad pattern, with a cause (%s)",
	    cause ? cause : "none");
	free(cause);

	re = text_regex_new("(\\d+)(x)?", 0, &cause);
	if (!ok(re != NULL, "text_regex_new"))
		return;
	is_int(text_regex_groups(re), 2, "two groups");
	text_regex_set(re, s, UTIL_NELEM(s));
	ok(text_regex_find(re, 0, UTIL_NELEM(s), m, 4) &&
	    m[0].start == 3 && m[0].end == 5 && m[1].start == 3 &&
	    m[1].end == 5 && m[2].start == TEXT_RE_NONE &&
	    m[3].start == TEXT_RE_NONE,
	    "offsets in code points after astral ones; groups that did not "
	    "match and groups beyond the pattern's are TEXT_RE_NONE");
	ok(text_regex_find(re, 0, 4, m, 1) && m[0].start == 3 &&
	    m[0].end == 4, "a match ends by the limit");
	ok(!text_regex_find(re, 5, 6, m, 1), "nothing from 5");
	ok(!text_regex_find(re, 4, 3, m, 1), "from > to: nothing");
	text_regex_set_utf8(re, "ب١٢٣", strlen("ب١٢٣"));
	ok(text_regex_find(re, 0, 100, m, 2) && m[1].start == 1 &&
	    m[1].end == 4, "UTF-8 subject; \\d takes Arabic-Indic digits");
	text_regex_free(re);

	re = text_regex_new("(?<=a)b", TEXT_RE_CASELESS, &cause);
	text_regex_set_utf8(re, "xAB", 3);
	ok(text_regex_find(re, 2, 3, m, 1) && m[0].start == 2,
	    "lookbehind sees before the start; caseless");
	text_regex_free(re);

	re = text_regex_new("a b  # a comment", TEXT_RE_COMMENTS, &cause);
	text_regex_set_utf8(re, "xab", 3);
	ok(text_regex_find(re, 0, 3, m, 1) && m[0].start == 1 &&
	    m[0].end == 3, "TEXT_RE_COMMENTS: layout and comments ignored");
	text_regex_free(re);
	text_regex_free(NULL);
}

int
main(void)
{
	test_regex();
	test_kind_names();
	test_seed000();
	test_seed001();
	test_seed002();
	test_seed003();
	test_arabic_paragraphs();
	test_english_paragraphs();
	test_variants();
	test_sections();
	test_resolutions();
	test_old_resolutions();
	test_symbols();
	test_astral();
	test_backlinks();
	test_print();
	test_hints();
	test_windows();
	text_cleanup();
	return tap_done();
}
