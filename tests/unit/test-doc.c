/*
 * test-doc.c - the document model and importer against what a careful
 * reader finds in the four seed documents (../shared/README.md), their
 * re-encoded copies (tests/corpus/encoded/) and small inputs made here.
 *
 * Run from the repository root; the corpus is $HAMISH_CORPUS, by default
 * tests/corpus.
 */
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "tap.h"
#include "text.h"
#include "util.h"

#define S000	"000_81311ed4a92fdab7.txt"
#define S001	"001_9cffd64b9ac82079.txt"
#define S002	"002_a2ddec63a1cf2f60.txt"
#define S003	"003_50053b280e36211a.txt"

static const char *corpus;

static struct doc *
load(const char *name, const char *encoding)
{
	struct doc_import_opts o = { encoding, NULL };
	struct doc *d;
	char *path, *cause = NULL;

	path = xasprintf("%s/%s", corpus, name);
	d = doc_import_file(path, &o, &cause);
	if (!ok(d != NULL, "import %s", name))
		printf("#   %s\n", cause);
	free(cause);
	free(path);
	return d;
}

static struct doc *
import_str(const char *s, size_t n, char **cause)
{
	*cause = NULL;
	return doc_import(s, n, NULL, cause);
}

static size_t
count_kind(const struct doc *d, enum doc_kind k)
{
	size_t i, c = 0;

	for (i = 0; i < doc_block_count(d); i++)
		c += doc_block_kind(d, i) == k;
	return c;
}

/* Whether the paragraphs (of section sec, or all if sec < 0) are 1..n. */
static bool
paras_in_order(const struct doc *d, int sec, long n)
{
	size_t i;
	long want = 1;

	for (i = 0; i < doc_block_count(d); i++) {
		if (doc_block_kind(d, i) != DOC_PARA)
			continue;
		if (sec >= 0 && doc_block_section(d, i) != sec)
			continue;
		if (doc_block_number(d, i) != want)
			return false;
		want++;
	}
	return want == n + 1;
}

/* Whether any block's text contains needle. */
static bool
any_text_has(const struct doc *d, const char *needle)
{
	size_t i;

	for (i = 0; i < doc_block_count(d); i++)
		if (strstr(doc_block_text(d, i, NULL), needle) != NULL)
			return true;
	return false;
}

static long
addr(const struct doc *d, const char *a)
{
	return doc_addr_find(d, a);
}

/* Kind, address and section of every block: the structure. */
static char *
structure(const struct doc *d)
{
	struct buf b;
	size_t i;
	const char *a;

	buf_init(&b);
	for (i = 0; i < doc_block_count(d); i++) {
		a = doc_block_address(d, i);
		buf_addf(&b, "%d:%s:%d|", (int)doc_block_kind(d, i),
		    a != NULL ? a : "", doc_block_section(d, i));
	}
	return buf_steal(&b);
}

/* --- a small JSON validator, enough to check our own output ---------- */

static const char *json_value(const char *);

static const char *
json_ws(const char *p)
{
	while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
		p++;
	return p;
}

static const char *
json_string(const char *p)
{
	if (*p++ != '"')
		return NULL;
	while (*p != '"') {
		if ((unsigned char)*p < 0x20)
			return NULL;	/* raw control character */
		if (*p == '\\') {
			p++;
			if (*p == 'u') {
				int k;

				for (k = 1; k <= 4; k++)
					if (strchr("0123456789abcdefABCDEF",
					    p[k]) == NULL || p[k] == '\0')
						return NULL;
				p += 4;
			} else if (strchr("\"\\/bfnrt", *p) == NULL ||
			    *p == '\0')
				return NULL;
		}
		p++;
	}
	return p + 1;
}

static const char *
json_value(const char *p)
{
	p = json_ws(p);
	if (*p == '{' || *p == '[') {
		char close = *p == '{' ? '}' : ']';
		bool obj = *p == '{';

		p = json_ws(p + 1);
		if (*p == close)
			return p + 1;
		for (;;) {
			if (obj) {
				if ((p = json_string(json_ws(p))) == NULL)
					return NULL;
				p = json_ws(p);
				if (*p++ != ':')
					return NULL;
			}
			if ((p = json_value(p)) == NULL)
				return NULL;
			p = json_ws(p);
			if (*p == close)
				return p + 1;
			if (*p++ != ',')
				return NULL;
		}
	}
	if (*p == '"')
		return json_string(p);
	if (strncmp(p, "true", 4) == 0 || strncmp(p, "null", 4) == 0)
		return p + 4;
	if (strncmp(p, "false", 5) == 0)
		return p + 5;
	if (*p == '-' || (*p >= '0' && *p <= '9')) {
		p++;
		while (*p >= '0' && *p <= '9')
			p++;
		return p;
	}
	return NULL;
}

static bool
json_valid(const char *s)
{
	const char *e = json_value(s);

	return e != NULL && *json_ws(e) == '\0';
}

/* --- the seeds ---------------------------------------------------------- */

static void
test_000(void)
{
	struct doc *d = load(S000, NULL);
	size_t i, nsub = 0, orphans = 0;
	long b;

	if (d == NULL)
		return;
	is_int(count_kind(d, DOC_PARA), 122, "000: 122 paragraphs");
	ok(paras_in_order(d, -1, 122), "000: paragraphs 1..122 in order");
	for (i = 0; i < doc_block_count(d); i++) {
		if (doc_block_kind(d, i) != DOC_SUBPARA)
			continue;
		nsub++;
		orphans += doc_block_address(d, i) == NULL;
	}
	is_int(nsub, 65, "000: 60 lettered and 5 numbered sub-paragraphs");
	is_int(orphans, 0, "000: every sub-paragraph has an address");
	ok(!any_text_has(d, "[bookmark"), "000: bookmarks gone");
	ok(!any_text_has(d, "\t"), "000: no tabs left");
	is_int(count_kind(d, DOC_HEADING), 3, "000: three surviving headings");
	b = addr(d, "4");
	ok(b >= 0 && doc_block_section(d, (size_t)b) == 2,
	    "000: paragraph 4 is in section ثانيا (2)");
	ok(b >= 1 && doc_block_kind(d, (size_t)b - 1) == DOC_HEADING,
	    "000: the heading ثانيا comes just before paragraph 4");
	if (b >= 1)
		is_str(doc_block_label(d, (size_t)b - 1), "ثانيا",
		    "000: heading label as printed");

	/* Addresses in every spelling. */
	b = addr(d, "11(b)");
	ok(b >= 0 && doc_block_kind(d, (size_t)b) == DOC_SUBPARA,
	    "000: 11(b) is a sub-paragraph");
	if (b >= 0) {
		is_str(doc_block_label(d, (size_t)b), "(ب)", "000: its label");
		is_int(addr(d, "١١(ب)"), b, "000: ١١(ب)");
		is_int(addr(d, "11 (ب)"), b, "000: 11 (ب)");
		is_int(addr(d, "١١ (b)"), b, "000: ١١ (b)");
		is_int(doc_block_parent(d, (size_t)b), addr(d, "11"),
		    "000: 11(b) is attached to paragraph 11");
	}
	is_int(addr(d, "١٢"), addr(d, "12"), "000: ١٢ = 12");
	ok(addr(d, "12") >= 0, "000: 12 found");
	is_int(addr(d, "2.12"), addr(d, "12"),
	    "000: section-qualified 2.12 accepted");
	is_int(addr(d, "II.12"), addr(d, "12"), "000: II.12 accepted");
	is_int(addr(d, "4.12"), -1, "000: 4.12 is wrong: 12 is in 2");
	b = addr(d, "89(a)(i)");
	ok(b >= 0 && doc_block_level(d, (size_t)b) == 2,
	    "000: 89(a)(i) is a sub-sub-paragraph");
	if (b >= 0) {
		is_str(doc_block_label(d, (size_t)b), "’1‘", "000: ’1‘");
		is_int(addr(d, "89(a)(1)"), b, "000: 89(a)(1)");
		is_int(addr(d, "٨٩(أ)(١)"), b, "000: ٨٩(أ)(١)");
		is_int(addr(d, "89(أ)’1‘"), b, "000: 89(أ)’1‘");
		is_int(doc_block_parent(d, (size_t)b), addr(d, "89(a)"),
		    "000: 89(a)(i) is attached to 89(a)");
	}
	is_str(doc_block_address(d, (size_t)addr(d, "121(e)(iii)")),
	    "121(e)(iii)", "000: 121(e)(iii)");
	is_str(doc_block_label(d, (size_t)addr(d, "54(e)")), "(ه)",
	    "000: (ه) is e");
	is_int(addr(d, "123"), -1, "000: no paragraph 123");
	is_int(addr(d, "11(c)"), -1, "000: no 11(c)");
	is_int(addr(d, "0"), -1, "000: no paragraph 0");
	is_int(addr(d, "12x"), -1, "000: trailing junk refused");
	is_int(addr(d, ""), -1, "000: empty address refused");
	is_int(addr(d, "(b)"), -1, "000: a letter alone refused");
	doc_free(d);
}

static void
test_001(void)
{
	struct doc *d = load(S001, NULL);
	const struct doc_meta *m;
	const struct doc_span *sp;
	size_t i, k, n, nfn = 0, attached = 0, split = 0;
	char lab[24];
	long f, b;
	bool refers, body_in_text = false;

	if (d == NULL)
		return;
	m = doc_meta(d);
	is_str(m->distribution, "Limited", "001: Distr.: Limited");
	is_str(m->date, "13 November 2024", "001: date");
	is_str(m->date_iso, "2024-11-13", "001: ISO date");
	is_str(m->language, "Arabic", "001: language");
	is_str(m->original, "English", "001: original language");
	is_str(m->title, "الاتجار بالنساء والفتيات", "001: title");
	ok(m->symbol == NULL, "001: no symbol in the text, none invented");
	is_int(count_kind(d, DOC_PREAMBLE), 38, "001: 38 preambular paragraphs");
	is_int(count_kind(d, DOC_PARA), 52, "001: 52 operative paragraphs");
	ok(paras_in_order(d, -1, 52), "001: operative paragraphs 1..52");
	/* The preamble comes before the operative part. */
	for (i = 0; i < doc_block_count(d); i++)
		if (doc_block_kind(d, i) == DOC_PREAMBLE ||
		    doc_block_kind(d, i) == DOC_PARA)
			break;
	ok(i < doc_block_count(d) && doc_block_kind(d, i) == DOC_PREAMBLE,
	    "001: the preamble comes first");

	/* Footnotes 1..39, each attached to a block that refers to it. */
	for (f = 1; f <= 39; f++) {
		snprintf(lab, sizeof lab, "%ld", f);
		b = doc_footnote_find(d, lab);
		if (b < 0)
			continue;
		nfn++;
		refers = false;
		for (k = 0; k < doc_block_ref_count(d, (size_t)b); k++) {
			size_t r = doc_block_ref(d, (size_t)b, k);

			for (i = 0; i < doc_block_fn_count(d, r); i++)
				refers |= strcmp(doc_block_fn(d, r, i), lab)
				    == 0;
		}
		attached += refers;
	}
	is_int(nfn, 39, "001: footnotes 1..39");
	is_int(count_kind(d, DOC_FOOTNOTE), 39, "001: and no other");
	is_int(attached, 39, "001: each attached to a block referring to it");
	is_int(doc_footnote_find(d, "٣"), doc_footnote_find(d, "3"),
	    "001: footnote lookup with Arabic-Indic digits");
	is_int(addr(d, "fn18"), doc_footnote_find(d, "18"),
	    "001: address fn18");
	b = doc_footnote_find(d, "22");
	ok(b >= 0 && strcmp(doc_block_text(d, (size_t)b, NULL),
	    "United Nations, Treaty Series, vols. 2171, 2173 and 2983, "
	    "No. 27531.") == 0, "001: mirrored footnote (22) put right");
	b = doc_footnote_find(d, "1");
	ok(b >= 0 && strstr(doc_block_text(d, (size_t)b, NULL), "(1)") ==
	    NULL, "001: footnote 1 without its repeated label");

	/* No footnote body left in the flow, no paragraph left split. */
	for (i = 0; i < doc_block_count(d); i++) {
		const char *t = doc_block_text(d, i, &n);
		enum doc_kind kd = doc_block_kind(d, i);

		if (kd == DOC_FOOTNOTE)
			continue;
		for (f = 0; f < (long)doc_block_count(d); f++)
			if (doc_block_kind(d, (size_t)f) == DOC_FOOTNOTE &&
			    strstr(t, doc_block_text(d, (size_t)f, NULL)))
				body_in_text = true;
		if ((kd == DOC_PARA || kd == DOC_PREAMBLE) && n >= 2 &&
		    strcmp(t + n - 2, "،") != 0 && strcmp(t + n - 2, "؛") != 0
		    && t[n - 1] != '.')
			split++;
	}
	ok(!body_in_text, "001: no block text holds a footnote body");
	is_int(split, 0, "001: every paragraph ends as a paragraph ends");
	b = addr(d, "33");
	ok(b >= 0 && strstr(doc_block_text(d, (size_t)b, NULL),
	    "بجرائم متصلة بالاتجار، وبالتعاون مع الجهات") != NULL,
	    "001: paragraph 33 joined across the page break");
	b = addr(d, "19");
	ok(b >= 0 && strstr(doc_block_text(d, (size_t)b, NULL),
	    "بمكافحة الاتجار، ومواصلة تنفيذ") != NULL,
	    "001: paragraph 19 joined across the page break");
	ok(any_text_has(d, "الجريمة المنظمة عبر الوطنية⁽³⁾"),
	    "001: preamble joined around footnotes (1) and (2)");
	ok(!any_text_has(d, "**"), "001: no ** left");

	/* Emphasis and markers as spans. */
	b = addr(d, "1");
	sp = doc_block_spans(d, (size_t)b, &n);
	ok(n >= 2 && sp[0].kind == DOC_SPAN_BOLD && sp[0].start == 0 &&
	    sp[0].end == 21, "001: paragraph 1 bold span [0, 21)");
	ok(n >= 2 && sp[1].kind == DOC_SPAN_FOOTREF &&
	    strcmp(sp[1].label, "20") == 0, "001: then footnote marker 20");
	if (n >= 2) {
		uint32_t *cps;
		size_t ncp;
		const char *t = doc_block_text(d, (size_t)b, &k);

		cps = text_utf8_decode(t, k, TEXT_NFC, &ncp, NULL);
		ok(sp[1].end <= ncp && cps[sp[1].start] == 0x207D &&
		    cps[sp[1].end - 1] == 0x207E,
		    "001: marker span covers ⁽²⁰⁾ in code points");
		free(cps);
	}
	b = doc_footnote_find(d, "1");
	sp = doc_block_spans(d, (size_t)b, &n);
	ok(n == 1 && sp[0].kind == DOC_SPAN_ITALIC,
	    "001: *Treaty Series* is italic");
	is_int(doc_dropped_count(d), 4, "001: four header lines to metadata");
	doc_free(d);
}

static void
test_002(void)
{
	static const char *const top[] = {
		"أولاً", "ثانياً", "ثالثاً", "رابعاً", "خامساً", "سادساً"
	};
	static const char *const sub4[] = {
		"ألف", "باء", "جيم", "دال", "هاء", "واو", "زاي", "حاء"
	};
	struct doc_import_opts o = { NULL, "some/where/A_67_170.txt" };
	struct doc *d = load(S002, NULL);
	const struct doc_meta *m;
	size_t i, n1 = 0, n4 = 0, n6 = 0, k;
	bool order1 = true, order4 = true, furn = false;
	const char *why;
	char *path, *cause = NULL;
	long b;

	if (d == NULL)
		return;
	m = doc_meta(d);
	ok(m->symbol == NULL, "002: no symbol (A/67/150 is a footnote's)");
	is_str(m->date, "23 July 2012", "002: date");
	is_str(m->date_iso, "2012-07-23", "002: ISO date");
	is_str(m->distribution, "General", "002: distribution");
	is_str(m->title, "الاتجار بالنساء والفتيات", "002: title");
	is_int(count_kind(d, DOC_PARA), 65, "002: 65 paragraphs");
	ok(paras_in_order(d, -1, 65), "002: paragraphs ١..٦٥ in order");
	for (i = 0; i < doc_block_count(d); i++) {
		if (doc_block_kind(d, i) != DOC_HEADING)
			continue;
		if (doc_block_level(d, i) == 1) {
			if (n1 >= 6 || strcmp(doc_block_label(d, i), top[n1]) ||
			    doc_block_section(d, i) != (int)n1 + 1)
				order1 = false;
			n1++;
		} else if (doc_block_section(d, i) == 4) {
			if (n4 >= 8 || strcmp(doc_block_label(d, i), sub4[n4]))
				order4 = false;
			n4++;
		} else if (doc_block_section(d, i) == 6)
			n6++;
	}
	is_int(n1, 6, "002: six top-level headings");
	ok(order1, "002: أولاً … سادساً in order, sections 1..6");
	is_int(n4, 8, "002: رابعاً has ألف … حاء");
	ok(order4, "002: in order");
	is_int(n6, 2, "002: سادساً has ألف and باء");
	b = addr(d, "12");
	ok(b >= 0 && doc_block_section(d, (size_t)b) == 4,
	    "002: paragraph ١٢ in section رابعاً");
	if (b >= 0)
		is_str(doc_block_label(d, (size_t)b), "١٢", "002: label ١٢");
	is_int(addr(d, "IV.12"), b, "002: IV.12");
	is_int(addr(d, "7(j)"), addr(d, "٧(ي)"), "002: 7(j) = ٧(ي)");
	ok(addr(d, "7(j)") >= 0, "002: 7(j) exists");
	is_str(doc_block_label(d, (size_t)addr(d, "7(e)")), "(هـ)",
	    "002: (هـ) is e");
	ok(any_text_has(d, "في مكان نشأتهم أو محل إقامتهم"),
	    "002: paragraph ٣ joined across the page break");
	ok(!any_text_has(d, "12-43534") &&
	    !any_text_has(d, "الرجاء إعادة استعمال الورق"),
	    "002: page furniture not in the text");
	for (k = 0; k < doc_dropped_count(d); k++)
		if (strstr(doc_dropped(d, k, NULL, &why), "12-43534") &&
		    strcmp(why, "furniture") == 0)
			furn = true;
	ok(furn, "002: job number reported as dropped furniture");
	b = doc_footnote_find(d, "*");
	ok(b >= 0 && strcmp(doc_block_text(d, (size_t)b, NULL),
	    "A/67/150") == 0, "002: footnote * is A/67/150");
	ok(b >= 0 && doc_block_ref_count(d, (size_t)b) == 1 &&
	    strstr(doc_block_text(d, doc_block_ref(d, (size_t)b, 0), NULL),
	    "المؤقت*") != NULL, "002: attached to the agenda item");
	is_int(count_kind(d, DOC_FOOTNOTE), 7, "002: footnotes * and ١..٦");
	b = doc_footnote_find(d, "3");
	ok(b >= 0 && doc_block_ref_count(d, (size_t)b) == 1 &&
	    doc_block_ref(d, (size_t)b, 0) == (size_t)addr(d, "11"),
	    "002: ^(٣) in paragraph ١١ refers to footnote ٣");
	ok(!any_text_has(d, "^("), "002: ^( markup gone");
	doc_free(d);

	path = xasprintf("%s/%s", corpus, S002);
	d = doc_import_file(path, &o, &cause);
	ok(d != NULL && doc_meta(d)->symbol != NULL &&
	    strcmp(doc_meta(d)->symbol, "A/67/170") == 0 &&
	    doc_meta(d)->symbol_from_name,
	    "002: symbol A/67/170 from a file name A_67_170.txt");
	doc_free(d);
	free(path);
	free(cause);
}

static void
test_003(void)
{
	static const long want[] = { 23, 58, 0, 46, 44, 22, 2, 2 };
	static const char *const bad[] = {
		"V.19-08473", "/35", "___", "ـــ", "ــ", "CTOC/COP/WG.4/2019/5",
		"*1908473*", ")١(", ")٢("
	};
	struct doc *d = load(S003, NULL);
	size_t i, k, nhead = 0, total = 0;
	long got[9] = { 0 };
	bool order = true;

	if (d == NULL)
		return;
	is_str(doc_meta(d)->symbol, "CTOC/COP/WG.4/2019/5",
	    "003: symbol from the running header");
	for (i = 0; i < doc_block_count(d); i++) {
		if (doc_block_kind(d, i) == DOC_HEADING &&
		    doc_block_level(d, i) == 1) {
			nhead++;
			order &= doc_block_section(d, i) == (int)nhead;
		}
		if (doc_block_kind(d, i) == DOC_PARA &&
		    doc_block_section(d, i) >= 1 &&
		    doc_block_section(d, i) <= 8) {
			got[doc_block_section(d, i)]++;
			total++;
		}
	}
	is_int(nhead, 8, "003: eight sections");
	ok(order, "003: أولاً … ثامناً are sections 1..8");
	for (k = 0; k < 8; k++) {
		is_int(got[k + 1], want[k], "003: section %zu has %ld "
		    "recommendations", k + 1, want[k]);
		ok(paras_in_order(d, (int)k + 1, want[k]),
		    "003: numbered 1..%ld in order", want[k]);
	}
	is_int(total, 197, "003: 197 in all");
	is_int(count_kind(d, DOC_PARA), 197, "003: no other paragraph");
	for (k = 0; k < UTIL_NELEM(bad); k++)
		ok(!any_text_has(d, bad[k]), "003: no '%s' left in any block",
		    bad[k]);
	ok(doc_dropped_count(d) >= 10, "003: furniture reported as dropped");
	is_int(addr(d, "12"), -1, "003: 12 alone is ambiguous");
	ok(addr(d, "4.12") >= 0, "003: 4.12 found");
	is_int(addr(d, "IV.12"), addr(d, "4.12"), "003: IV.12");
	is_int(addr(d, "٤.١٢"), addr(d, "4.12"), "003: ٤.١٢");
	is_int(addr(d, "9.1"), -1, "003: no section 9");
	is_str(doc_block_label(d, (size_t)addr(d, "8.1(b)")), "(ب)",
	    "003: mirrored )(ب made (ب)");
	is_str(doc_block_label(d, (size_t)addr(d, "7.2(o)")), "(س)",
	    "003: (س) is o");
	is_int(count_kind(d, DOC_SUBPARA), 110, "003: 110 sub-paragraphs");
	ok(doc_footnote_find(d, "5") >= 0 &&
	    strstr(doc_block_text(d, (size_t)doc_footnote_find(d, "5"),
	    NULL), "إزاء الضحية.") != NULL,
	    "003: footnote (٥) kept whole across its lines");
	ok(any_text_has(d, "(١)"), "003: marker )١( made (١)");
	i = (size_t)doc_footnote_find(d, "4");
	ok(doc_block_ref_count(d, i) == 1 &&
	    doc_block_ref(d, i, 0) == (size_t)addr(d, "2.44"),
	    "003: footnote ٤ attached to 2.44");
	ok(strstr(doc_block_text(d, (size_t)addr(d, "2.44"), NULL),
	    "جيهية أخرى صادرة على الصعيد الإقليمي") != NULL,
	    "003: 2.44 goes on after the footnote block");
	doc_free(d);
}

/* Re-encoded copies: the same structure as the seed. */
static void
test_encoded(void)
{
	static const struct { const char *file, *seed, *enc; } t[] = {
		{ "encoded/000.utf16le.txt", S000, "UTF-16LE" },
		{ "encoded/000.windows-1256.txt", S000, "windows-1256" },
		{ "encoded/001.utf16be.txt", S001, "UTF-16BE" },
		{ "encoded/001.crlf.txt", S001, "UTF-8" },
		{ "encoded/002.windows-1256.txt", S002, "windows-1256" },
		{ "encoded/002.iso-8859-6.txt", S002, "ISO-8859-6" },
		{ "encoded/003.utf8-bom-crlf.txt", S003, "UTF-8" },
		{ "encoded/003.windows-1256-crlf.txt", S003, "windows-1256" },
	};
	struct doc *a, *b;
	char *sa, *sb;
	size_t i;

	for (i = 0; i < UTIL_NELEM(t); i++) {
		a = load(t[i].seed, NULL);
		b = load(t[i].file, NULL);
		if (a == NULL || b == NULL) {
			doc_free(a);
			doc_free(b);
			continue;
		}
		sa = structure(a);
		sb = structure(b);
		ok(strcmp(sa, sb) == 0, "%s: same structure as the seed",
		    t[i].file);
		is_str(doc_meta(b)->encoding, t[i].enc, "%s: read as %s",
		    t[i].file, t[i].enc);
		ok(!any_text_has(b, "\r"), "%s: no CR left", t[i].file);
		free(sa);
		free(sb);
		doc_free(a);
		doc_free(b);
	}
	/* A forced encoding, and an unknown one. */
	a = load("encoded/002.windows-1256.txt", "cp1256");
	ok(a != NULL && count_kind(a, DOC_PARA) == 65,
	    "--encoding cp1256 read");
	doc_free(a);
	{
		struct doc_import_opts o = { "no-such-charset", NULL };
		char *cause = NULL;

		a = doc_import("abc", 3, &o, &cause);
		ok(a == NULL && cause != NULL &&
		    strstr(cause, "no-such-charset") != NULL,
		    "unknown forced encoding is an error: %s",
		    cause ? cause : "");
		doc_free(a);
		free(cause);
	}
}

/* --- small inputs: errors, and the behaviours that must not regress --- */

static void
test_errors(void)
{
	struct doc *d;
	char *cause;

	d = import_str("", 0, &cause);
	ok(d == NULL && cause && strcmp(cause, "empty document") == 0,
	    "empty input: empty document");
	free(cause);
	d = import_str(" \n\t\r\n", 5, &cause);
	ok(d == NULL && cause && strcmp(cause, "empty document") == 0,
	    "blank input: empty document");
	free(cause);
	d = import_str("\xEF\xBB\xBF", 3, &cause);
	ok(d == NULL && cause != NULL, "a BOM alone: empty document");
	free(cause);
	d = import_str("PK\x03\x04\0\0binary", 12, &cause);
	ok(d == NULL && cause && strcmp(cause, "not a text document") == 0,
	    "NUL bytes: not a text document");
	free(cause);
	/* NUL bytes with a UTF-16 BOM are text. */
	d = import_str("\xFF\xFE" "1\0 \0-\0 \0x\0\n\0", 14, &cause);
	ok(d != NULL && count_kind(d, DOC_PARA) == 1,
	    "UTF-16LE with BOM is text");
	doc_free(d);
	d = doc_import_file("/nonexistent/file.txt", NULL, &cause);
	ok(d == NULL && cause != NULL, "unreadable file: %s",
	    cause ? cause : "");
	free(cause);
}

static void
test_small(void)
{
	static const char joined[] =
	    "1 - The first⁽¹⁾ paragraph goes on\n\n"
	    "(1) A footnote body.\n\n"
	    "and ends here.\n\n"
	    "2 - Second **bold** text*.\n\n"
	    "* The star footnote.\n";
	static const char furn[] =
	    "1 - Para one.\n"
	    "170812 150812 12-43534 (A)\n"
	    "2 - Para two.\n";
	static const char bad[] =
	    "1 - \xD8\xA3\xD9\x88\xD9\x84 \xFF ok\n";
	static const char ctl[] = "1 - a\x01" "b \"q\" \\\n";
	struct doc *d;
	struct buf b;
	char *cause;
	size_t n;
	long p;

	d = import_str(joined, sizeof joined - 1, &cause);
	ok(d != NULL, "small: imported");
	if (d == NULL)
		return;
	p = doc_addr_find(d, "1");
	is_str(doc_block_text(d, (size_t)p, NULL),
	    "The first⁽¹⁾ paragraph goes on and ends here.",
	    "small: paragraph re-joined around the footnote block");
	ok(doc_footnote_find(d, "1") >= 0, "small: footnote taken out");
	p = doc_addr_find(d, "2");
	is_str(doc_block_text(d, (size_t)p, &n), "Second bold text*.",
	    "small: ** removed, marker kept");
	is_int(doc_block_fn_count(d, (size_t)p), 1, "small: one marker");
	ok(doc_footnote_find(d, "*") >= 0 &&
	    doc_block_ref_count(d, (size_t)doc_footnote_find(d, "*")) == 1,
	    "small: the * footnote attached");
	doc_free(d);

	d = import_str(furn, sizeof furn - 1, &cause);
	is_int(doc_block_count(d), 2, "small: furniture line not a block");
	is_int(doc_dropped_count(d), 1, "small: and reported as dropped");
	ok(!any_text_has(d, "43534"), "small: nor in any text");
	doc_free(d);

	d = import_str(bad, sizeof bad - 1, &cause);
	ok(d != NULL && doc_diag_count(d) == 1 &&
	    doc_diag(d, 0)->level == DOC_DIAG_WARNING &&
	    doc_diag(d, 0)->line == 1, "small: invalid UTF-8 warned at line 1");
	ok(d != NULL && any_text_has(d, "\xEF\xBF\xBD"),
	    "small: replaced by U+FFFD");
	doc_free(d);

	d = import_str(ctl, sizeof ctl - 1, &cause);
	buf_init(&b);
	doc_json_print(&b, d);
	ok(json_valid(b.data), "small: JSON with control chars valid");
	ok(strstr(b.data, "a\\u0001b \\\"q\\\" \\\\") != NULL,
	    "small: escaped");
	buf_free(&b);
	doc_free(d);
}

/* The printers on every seed: JSON parses, outline has the right lines. */
/*
 * The canonical text of a PDF (what the PDF front end emits): logical
 * order, one paragraph per line, \f before each page after the first,
 * footnote bodies "(N) text" after a separator at the end of their
 * page, markers ⁽١⁾ in Arabic-Indic digits.  Pages from the form feeds.
 */
static void
test_canonical(void)
{
	static const char t[] =
	    "أولاً - مقدمة\n\n"
	    "١ - نص الفقرة الأولى⁽١⁾.\n\n"
	    "٢ - نص الفقرة الثانية\n\n"
	    "__________\n"
	    "(1) حاشية أولى.\n"
	    "\f٣ - الفقرة الثالثة⁽٢⁾ تبدأ هنا، وتستمر\n\n"
	    "(أ) فقرة فرعية؛\n\n"
	    "__________\n"
	    "(2) حاشية ثانية.\n"
	    "\fفي الصفحة التالية.\n\n"
	    "٤ - الفقرة الرابعة.\n\f";
	struct doc *d;
	char *cause;
	long fn;

	d = import_str(t, sizeof t - 1, &cause);
	if (!ok(d != NULL, "canonical text imports"))
		return;
	is_int((long)doc_block_count(d), 9, "7 body blocks, 2 footnotes");
	is_int((long)doc_page_count(d), 3, "3 pages (the last \\f starts "
	    "none)");
	is_int(doc_block_kind(d, 0), DOC_HEADING, "the heading");
	is_int((long)doc_block_page(d, 0), 1, "... on page 1");
	is_int(doc_block_kind(d, 1), DOC_PARA, "paragraph ١");
	is_str(doc_block_label(d, 1), "١", "... labelled as printed");
	is_int(doc_block_fn_count(d, 1), 1, "... with its marker ⁽١⁾");
	is_int((long)doc_block_page(d, 2), 1, "paragraph ٢ on page 1");
	is_int(doc_block_number(d, 3), 3, "paragraph ٣");
	is_int((long)doc_block_page(d, 3), 2, "... on page 2");
	is_int(doc_block_kind(d, 4), DOC_SUBPARA, "(أ) a sub-paragraph");
	is_int((long)doc_block_parent(d, 4), 3, "... of paragraph ٣");
	is_int(doc_block_kind(d, 5), DOC_TEXT, "unnumbered text after it");
	is_int((long)doc_block_page(d, 5), 3, "... on page 3");
	is_int(doc_block_number(d, 6), 4, "paragraph ٤");
	fn = doc_footnote_find(d, "2");
	ok(fn == 8 && doc_block_ref_count(d, 8) == 1 &&
	    doc_block_ref(d, 8, 0) == 3, "footnote 2 refers back to "
	    "paragraph ٣");
	is_int((long)doc_block_page(d, 8), 2, "... and is on page 2");
	is_int(doc_diag_count(d), 0, "no diagnostic");
	doc_free(d);

	/* RLE "نص " LRE "12" PDF " فيه" RLI "." PDI PDF, as pdftotext. */
	d = import_str("\xE2\x80\xAB" "نص " "\xE2\x80\xAA" "12"
	    "\xE2\x80\xAC" " فيه" "\xE2\x81\xA7" "." "\xE2\x81\xA9"
	    "\xE2\x80\xAC" "\n", 34, &cause);
	ok(d != NULL && doc_block_count(d) == 1 &&
	    strcmp(doc_block_text(d, 0, NULL), "نص 12 فيه.") == 0,
	    "bidi embedding and isolate controls are removed from the text");
	doc_free(d);
	/* Found by fuzzing: U+0000 in UTF-16 text cut a block short. */
	d = import_str("\xFF\xFE" "a\0\0\0b\0\n\0", 10, &cause);
	ok(d != NULL && doc_block_count(d) == 1 &&
	    strcmp(doc_block_text(d, 0, NULL), "a\xEF\xBF\xBD" "b") == 0 &&
	    doc_diag_count(d) == 1, "a NUL character of UTF-16 text becomes "
	    "U+FFFD, with a warning");
	doc_free(d);
	d = import_str("1 - a\n\n2 - b\n", 12, &cause);
	ok(d != NULL && doc_page_count(d) == 0 && doc_block_page(d, 1) == 0,
	    "no form feed: no pages");
	doc_free(d);
	d = import_str("1 - a\r\n\f\r\n2 - b\r\n", 17, &cause);
	ok(d != NULL && doc_page_count(d) == 2 && doc_block_page(d, 1) == 2,
	    "CRLF; a form feed alone on its line starts the next line's page");
	doc_free(d);
}

static void
test_printers(void)
{
	static const char *const seeds[] = { S000, S001, S002, S003 };
	static const size_t lines[] = { 3 + 122, 52, 16 + 65, 8 + 197 };
	struct doc *d;
	struct buf b;
	size_t i, n;
	char *p;

	for (i = 0; i < UTIL_NELEM(seeds); i++) {
		if ((d = load(seeds[i], NULL)) == NULL)
			continue;
		buf_init(&b);
		doc_json_print(&b, d);
		ok(json_valid(b.data), "%s: JSON is valid", seeds[i]);
		ok(strstr(b.data, "\"kind\": \"para\"") != NULL,
		    "%s: JSON has paragraphs", seeds[i]);
		buf_reset(&b);
		doc_outline_print(&b, d);
		for (n = 0, p = b.data; p != NULL && *p != '\0'; p++)
			n += *p == '\n';
		is_int(n, lines[i], "%s: outline lines", seeds[i]);
		buf_free(&b);
		doc_free(d);
	}
	d = load(S003, NULL);
	if (d != NULL) {
		buf_init(&b);
		doc_outline_print(&b, d);
		ok(strstr(b.data, "\n  4.12\t١٢\t") != NULL,
		    "003: outline line for 4.12");
		buf_free(&b);
		doc_free(d);
	}
}

/* The plain paragraphs of len bytes at s, each followed by '\036'. */
static void
plain_paras(struct buf *out, const char *s, size_t len)
{
	struct doc_plain it = { s, len, 0, 0 };
	struct buf para;
	size_t first;

	buf_init(&para);
	while (doc_plain_next(&it, &para, &first)) {
		buf_add(out, para.data, para.len);
		buf_addc(out, '\036');
	}
	buf_free(&para);
}

/*
 * doc_plain_split(s, len, from) for from = 0, step, 2 step, ... len: at
 * or after from, the start of a blank line or len, and the paragraphs
 * of the two sides are those of the whole.  Returns the failures.
 */
static size_t
split_check(const char *what, const char *s, size_t len, size_t step)
{
	struct buf whole, two;
	size_t from, p, bad = 0, cuts = 0;

	buf_init(&whole);
	buf_init(&two);
	plain_paras(&whole, s, len);
	for (from = 0; from <= len; from += step) {
		p = doc_plain_split(s, len, from);
		buf_reset(&two);
		plain_paras(&two, s, p);
		plain_paras(&two, s + p, len - p);
		if (p < from || p > len || two.len != whole.len ||
		    (whole.len > 0 &&
		    memcmp(two.data, whole.data, whole.len) != 0) ||
		    (p < len && p > 0 && s[p - 1] != '\n' && s[p - 1] != '\r')) {
			if (bad++ == 0)
				printf("#   %s: from %zu cut at %zu\n", what, from,
				    p);
		}
		cuts += p < len;
	}
	ok(bad == 0, "%s: %zu cuts (%zu inside), paragraphs kept", what,
	    (len + step) / step, cuts);
	buf_free(&whole);
	buf_free(&two);
	return bad;
}

static void
test_plain_split(void)
{
	static const char *const names[] = { S000, S001, S002, S003 };
	static const char small[] =
	    "a\r\nb\r\n\r\nc\rd\r\re\n \t\nf\n\ng h\r\n\t\r\n\r\n"
	    "\xD9\x84\xD8\xA7\n\n\n";
	struct buf b, naive;
	char *path, *data, *cause;
	size_t i, len;

	split_check("small, every byte", small, sizeof small - 1, 1);
	split_check("empty", "", 0, 1);
	split_check("no blank line", "one\ntwo\nthree", 13, 1);
	/* The check can fail: cutting anywhere does not keep paragraphs. */
	buf_init(&b);
	buf_init(&naive);
	plain_paras(&b, small, sizeof small - 1);
	plain_paras(&naive, small, 1);
	plain_paras(&naive, small + 1, sizeof small - 2);
	ok(naive.len != b.len || memcmp(naive.data, b.data, b.len) != 0,
	    "a cut inside a line would change the paragraphs");
	buf_free(&b);
	buf_free(&naive);
	for (i = 0; i < UTIL_NELEM(names); i++) {
		path = xasprintf("%s/%s", corpus, names[i]);
		if (util_file_read(path, &data, &len, &cause) != 0) {
			ok(false, "read %s: %s", names[i], cause);
			free(cause);
		} else {
			split_check(names[i], data, len, 331);
			free(data);
		}
		free(path);
	}
}

/*
 * Addresses that end inside a character (found by fuzz-addr, issue 15
 * item 15): "1(" and the first byte of an Arabic letter, or of a quote
 * mark, read past the end of the string.  Each is tried in a buffer of
 * its exact size, so that ASan (make check-asan) sees a read beyond it.
 */
static void
test_addr_truncated(void)
{
	static const char *const bad[] = {
		"1(\xd8\xa3)(1\xff", "1(\xd8", "1(\xd9", "\xd8", "12\xe2",
		"12\xe2\x80", "(\xd9\x80", "1(\xd8\xa3\xd9"
	};
	static const char txt[] = "1 - أول.\n\n(أ) فرعي؛\n\n2 - ثان.\n";
	struct doc *d;
	char *cause = NULL, *s;
	size_t i;
	bool none = true;

	d = doc_import(txt, sizeof txt - 1, NULL, &cause);
	if (!ok(d != NULL, "import for truncated addresses")) {
		free(cause);
		return;
	}
	for (i = 0; i < UTIL_NELEM(bad); i++) {
		s = xstrdup(bad[i]);
		none = none && doc_addr_find(d, s) == -1;
		free(s);
	}
	ok(none, "addresses cut inside a character find nothing");
	s = xstrdup("1(\xd8\xa3)");
	ok(doc_addr_find(d, s) >= 0, "... while 1(أ) is there");
	free(s);
	doc_free(d);
}

int
main(void)
{
	corpus = getenv("HAMISH_CORPUS");
	if (corpus == NULL || *corpus == '\0')
		corpus = "tests/corpus";
	test_000();
	test_001();
	test_002();
	test_003();
	test_encoded();
	test_errors();
	test_small();
	test_canonical();
	test_printers();
	test_plain_split();
	test_addr_truncated();
	text_cleanup();
	return tap_done();
}
