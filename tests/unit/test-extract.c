/*
 * test-extract.c - the stages of the import for pdftotext's text, each
 * on its own (doc-lines.h has the picture): the source stage (controls
 * read for their order: default, -layout columns, -raw words), lines and
 * pages, furniture, labels and their sequence, paragraphs; then the
 * whole pipeline through doc_import().
 */
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "doc-extract.h"
#include "doc-assemble.h"
#include "doc-footnotes.h"
#include "doc-furniture.h"
#include "doc-labels.h"
#include "doc-lines.h"
#include "doc-words.h"
#include "tap.h"
#include "util.h"

#define R	"\xe2\x80\xab"		/* RLE */
#define L	"\xe2\x80\xaa"		/* LRE */
#define P	"\xe2\x80\xac"		/* PDF */

static char *
clean(const char *s)
{
	struct buf b;

	buf_init(&b);
	doc_extract_clean(s, strlen(s), &b, NULL, NULL);
	buf_addc(&b, '\0');
	return buf_steal(&b);
}

static void
test_source(void)
{
	const char *x;
	char *t;

	t = clean(R L " - ١" P "في قرارها" P);
	is_str(t, "١ - في قرارها", "default: the number before its dash");
	free(t);
	t = clean(R "التقرير السابق (" L ".)A/65/209" P P);
	is_str(t, "التقرير السابق (A/65/209).", "default: a Latin run");
	free(t);
	/* -layout: columns side by side, in visual order */
	t = clean(R "يسار" P "     " R "يمين" P "   " R L "- 28" P P);
	is_str(t, "28 -   يمين     يسار", "-layout: columns read right to left");
	free(t);
	/* -raw: words and pieces of words in visual order */
	t = clean(R "العامة" P " " R "جمعية" P R "ل" P R "ا" P);
	is_str(t, "الجمعية العامة", "-raw: words and their pieces reversed");
	free(t);
	t = clean(R "بقرار" P "ً " R "عملا" P);
	is_str(t, "عملاً بقرار", "-raw: the tanween back on its word, the "
	    "space after it");
	free(t);
	t = clean(R "مقدمة" P " -ً " R "أولا" P);
	is_str(t, "أولاً - مقدمة", "-raw: a heading's tanween and dash");
	free(t);
	t = clean(R "تعريف ًا وفع ّالة" P);
	is_str(t, "تعريفًا وفعّالة", "a tanween on its alif, a shadda: no "
	    "space");
	free(t);
	t = clean("United Nations, Treaty Series 12");
	is_str(t, "United Nations, Treaty Series 12", "a Latin line as it is");
	free(t);
	x = R "a" P "\n" R "b" P "\n" R "c" P "\n";
	ok(doc_extract_is(x, strlen(x)), "poppler's text known by its RLEs");
	ok(!doc_extract_is("a\nb\nc\n", 6), "plain text is not");
	x = "   " R "a" P "\n  " R "b" P "\n " R "c" P "\n";
	ok(doc_extract_is(x, strlen(x)),
	    "-layout's lines, padded with spaces first");
}

/* A kashida that the font gave a Latin letter or a symbol's code. */
static void
test_kashida(void)
{
	static const struct {
		const char *in, *want, *what;
	} c[] = {
		{ R "باألش" L "AA" P "خاص" L " ،" P "وبخاص" L "A" P "ة" P,
		    "باألشخاص، وبخاصة", "a kashida drawn as Latin letters goes" },
		{ R "االتج%%ار" P, "االتجار", "or as a symbol" },
		{ R "الكامل %%ة والمنظم %% %ات وجمي%% ع" P,
		    "الكاملة والمنظمات وجميع",
		    "and the spaces pdftotext put beside it" },
		{ R "فعّ" L "LL" P "ال" P, "فعّال", "after a shadda too" },
		{ R "ق" L "QQ" P "ّدرت" P, "قّدرت",
		    "before a haraka put after it" },
		{ R "إلى" L "QQ" P "جانب" P, "إلىQQجانب",
		    "not after a letter that joins nothing after it" },
		{ R "هذا" L "QQ" P "جانب" P, "هذاQQجانب", "not after an alif" },
		{ R "في" L "ABC" P "جانب" P, "فيABCجانب",
		    "not a Latin word of several letters" },
		{ R "الكامل %% والمنظم" P, "الكامل %% والمنظم",
		    "not with spaces on both sides" },
		{ R "النهائي.وفي" P, "النهائي.وفي",
		    "a full stop with no space after it stays" },
		/* -raw cuts a stretched line into pieces at them */
		{ R "@اء" P "\n" "@" R "بالنس" P " " R "@ار" P "\n" "@" R "االتج"
		    P "\n", "االتجار بالنساء\n", "-raw: the pieces of a line "
		    "joined, where it is a symbol (at the start of the line's "
		    "last embedding)" },
		{ R "اره" P "A\n" R "باعتب" P, "Aاره\nباعتب",
		    "not a line whose next does not go on with the letter" },
	};
	const char *raw = R "اره" P "A\n" "A" R "باعتب" P " ،" R "ال" P "A\n"
	    "A" R "واألطف" P " " R "إن" P "\n" R "التالي" P "\n";
	struct buf b;
	size_t i, *no = NULL, nno = 0;
	char *t;

	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		t = clean(c[i].in);
		is_str(t, c[i].want, "%s", c[i].what);
		free(t);
	}
	buf_init(&b);
	doc_extract_clean(raw, strlen(raw), &b, &no, &nno);
	buf_addc(&b, '\0');
	is_str(b.data, "إن واألطفال، باعتباره\nالتالي\n",
	    "-raw: a line cut at its kashidas (Latin letters) joined");
	ok(nno == 2 && no[0] == 1 && no[1] == 4,
	    "... the next line still its source line (4)");
	buf_free(&b);
	free(no);
}

/* Brackets drawn as their pair's mirrored glyph (XeTeX, and -raw). */
static void
test_mirrored(void)
{
	struct buf b;
	char s[16] = "ق (أ) ل";

	buf_init(&b);
	buf_adds(&b, "نسمة )٢٢ في المائة( كانوا\nالفقرة )أ( من\n"
	    "نص )ب( و )ج(\nالوثيقة )A/67/150( و )Treaty (1990) text(\n");
	ok(dl_mirrored_fix(&b, 0), "brackets that face away from the Arabic "
	    "they touch: mirrored");
	buf_addc(&b, '\0');
	is_str(b.data, "نسمة (٢٢ في المائة) كانوا\nالفقرة (أ) من\n"
	    "نص (ب) و (ج)\nالوثيقة (A/67/150) و (Treaty (1990) text)\n",
	    "... turned round, but for one between two Latin letters");
	buf_reset(&b);
	buf_adds(&b, "نسمة )٢٢ في المائة( كانوا\nالفقرة (أ) من\n"
	    "نص (ب) و (ج)\nنص )د(\n");
	ok(!dl_mirrored_fix(&b, 0), "not where as many face it");
	buf_free(&b);
	dl_mirror_swap(s, strlen(s));
	is_str(s, "ق )أ( ل", "dl_mirror_swap() turns a line's round");
}

static void
test_lines(void)
{
	const char *s = "  one  two \n\n\fthree\n\f";
	struct dl_doc d = { 0 };

	dl_split(&d, s, strlen(s));
	is_int(d.n, 4, "four lines");
	is_int(d.npages, 2, "two pages (the last form feed ends a page)");
	is_int(d.v[0].width, 7, "width: white space runs count once");
	ok(d.v[0].n == 8 && memcmp(d.v[0].s, "one  two", 8) == 0,
	    "lines trimmed");
	ok(d.v[1].kind == DL_BLANK && d.v[2].page == 1 && d.v[2].no == 3,
	    "blank lines; a form feed starts a page");
	dl_free(&d);
}

/* A paged text: lines joined with \n, "\f" items start pages. */
static void
doc_of(struct dl_doc *d, struct buf *b, const char *const *v, size_t n)
{
	size_t i;

	buf_reset(b);
	for (i = 0; i < n; i++) {
		buf_adds(b, v[i]);
		if (strcmp(v[i], "\f") != 0)
			buf_addc(b, '\n');
	}
	memset(d, 0, sizeof *d);
	dl_split(d, b->data, b->len);
}

static size_t
find(const struct dl_doc *d, const char *s)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->v[i].n == strlen(s) && memcmp(d->v[i].s, s,
		    d->v[i].n) == 0)
			return i;
	return (size_t)-1;
}

static void
test_furniture(void)
{
	static const char *const pages[] = {
		"الجمعية العامة", "نص الصفحة الأولى", "A/67/150",
		"1/3 12-43534", "*1243534*", "\f",
		"A/67/170", "23 July 2012", "نص الصفحة الثانية", "2", "2/3",
		"\f",
		"A/67/170", "24 July 2012", "نص الصفحة الثالثة", "3", "3/3",
		"\f",
	};
	struct dl_doc d;
	struct buf b;

	ok(dl_furniture_line("2/20 12-43534", 13, 20), "page and job number");
	ok(dl_furniture_line("12 43534 1/6", 12, 6),
	    "a job number -raw cut in two, beside N/M");
	ok(!dl_furniture_line("12 43534", 8, 6), "numbers alone are not");
	ok(dl_furniture_line("1/20", 4, 20), "N/M with M the page count");
	ok(!dl_furniture_line("4/4", 3, 20), "a decision 4/4 is not");
	ok(!dl_furniture_line("A/67/170", 8, 3), "a symbol alone: no anchor");
	ok(dl_furniture_line("-6-  20-15478", 13, 9),
	    "a page number - N - beside a job number");
	ok(dl_furniture_line("- 3 - 24 21045", 14, 14),
	    "- N - and a job number -raw cut in two");
	ok(dl_furniture_line("3 12 43534", 10, 22),
	    "a bare page number and a cut job number");
	ok(!dl_furniture_line("40 12 43534", 11, 22),
	    "... not a number past the page count");
	ok(dl_furniture_line("3/63 .19 04312", 14, 63),
	    "N/M and V.19-04312 with its letter cut off");
	ok(dl_furniture_line("12  24-21045", 12, 27),
	    "a bare page number beside a job number");
	ok(dl_furniture_line("- 2015478 * *", 13, 11),
	    "a barcode whose stars -raw set apart");
	ok(!dl_furniture_line("2015478", 7, 11), "... not its digits alone");
	ok(!dl_furniture_line("في 12 43534 - 3 -", 20, 22),
	    "a word among them: text");
	buf_init(&b);
	doc_of(&d, &b, pages, UTIL_NELEM(pages));
	dl_furniture(&d);
	is_int(d.npages, 3, "three pages");
	ok(d.v[find(&d, "A/67/170")].kind == DL_FURN,
	    "the running header, repeated at the tops");
	ok(d.v[find(&d, "23 July 2012")].kind == DL_FURN &&
	    d.v[find(&d, "24 July 2012")].kind == DL_FURN,
	    "a line repeated but for its digits");
	ok(d.v[find(&d, "A/67/150")].kind == DL_BODY,
	    "a symbol like the header's that repeats nowhere stays");
	ok(d.v[find(&d, "*1243534*")].kind == DL_FURN &&
	    d.v[find(&d, "1/3 12-43534")].kind == DL_FURN, "barcode, footer");
	ok(d.v[find(&d, "2")].kind == DL_BODY,
	    "a number at two page ends is not yet a page number");
	ok(d.v[find(&d, "نص الصفحة الثانية")].kind == DL_BODY,
	    "the text stays");
	dl_free(&d);
	buf_free(&b);
	{
		/* a running header on the first page too, its columns
		   spaced apart as -layout does, each page its own way */
		static const char *const hp[] = {
			"العنوان     A/C.3/79/L.11/Rev.1", "نص الأولى", "\f",
			"العنوان  A/C.3/79/L.11/Rev.1", "نص الثانية", "\f",
			"العنوان   A/C.3/79/L.11/Rev.1", "نص الثالثة", "\f",
		};

		buf_init(&b);
		doc_of(&d, &b, hp, UTIL_NELEM(hp));
		dl_furniture(&d);
		ok(d.v[0].kind == DL_FURN, "a running header on the first page "
		    "as on the others (which a symbol in them gave)");
		ok(d.v[1].kind == DL_BODY, "... the text after it stays");
		dl_free(&d);
		buf_free(&b);
	}
}

/* Page numbers "- N -" in sequence; what -raw leaves of a barcode and
 * a job number's letter beside a footer. */
static void
test_furniture_scraps(void)
{
	static const char *const pages[] = {
		"نص الصفحة الأولى", "1904312", "* *", "1/5 .19 04312", "V -",
		"\f",
		"نص الصفحة الثانية", "-", "- 2 -", "\f",
		"نص الصفحة الثالثة", "- 3 -", "\f",
		"نص الصفحة الرابعة", "- 4 -", "\f",
		"- 9 -", "نص الصفحة الخامسة", "\f",
	};
	struct dl_doc d;
	struct buf b;

	buf_init(&b);
	doc_of(&d, &b, pages, UTIL_NELEM(pages));
	dl_furniture(&d);
	ok(d.v[find(&d, "1/5 .19 04312")].kind == DL_FURN,
	    "a footer with its job number cut");
	ok(d.v[find(&d, "1904312")].kind == DL_FURN &&
	    d.v[find(&d, "* *")].kind == DL_FURN,
	    "the barcode's digits (the job number's) and stars beside it");
	ok(d.v[find(&d, "V -")].kind == DL_FURN, "the job number's letter");
	ok(d.v[find(&d, "- 2 -")].kind == DL_FURN &&
	    d.v[find(&d, "- 3 -")].kind == DL_FURN,
	    "- N - growing with the pages: page numbers");
	ok(d.v[find(&d, "-")].kind == DL_FURN, "a dash beside them");
	ok(d.v[find(&d, "- 9 -")].kind == DL_BODY,
	    "a number out of the sequence stays");
	ok(d.v[find(&d, "نص الصفحة الثانية")].kind == DL_BODY,
	    "the text stays");
	dl_free(&d);
	buf_free(&b);
}

static void
test_furniture_once(void)
{
	static const char *const two[] = {
		"1 - نص الصفحة الأولى.", "1/2 12-43534", "\f",
		"A/67/170", "23 July 2012", "2 - نص الصفحة الثانية.",
		"2/2 12-43534", "\f",
	};
	static const char *const many[] = {
		"نص", "23 July 2012", "\f", "1 -", "2 -", "3 -", "4 -",
		"23 July 2012", "نص آخر", "\f", "23 July 2012", "نص", "\f",
		"23 July 2012", "A short Latin line once", "\f",
	};
	struct dl_doc d;
	struct buf b;

	buf_init(&b);
	doc_of(&d, &b, two, UTIL_NELEM(two));
	dl_furniture(&d);
	ok(d.v[find(&d, "A/67/170")].kind == DL_FURN &&
	    d.v[find(&d, "23 July 2012")].kind == DL_FURN,
	    "two pages: a symbol atop the second, and its date, are a header");
	dl_free(&d);
	doc_of(&d, &b, many, UTIL_NELEM(many));
	dl_furniture(&d);
	ok(d.v[6].kind == DL_FURN && d.v[1].kind == DL_FURN,
	    "a header repeated on the pages, wherever it stands on one");
	ok(d.v[find(&d, "A short Latin line once")].kind == DL_BODY,
	    "a Latin line once is text");
	dl_free(&d);
	buf_free(&b);
}

static void
test_labels(void)
{
	static const struct {
		const char *s;
		enum dl_lab lab;
		long v;
		const char *body;
	} t[] = {
		{ "١٢ - في قرارها", DL_LAB_PARA, 12, "في قرارها" },
		{ "12- text", DL_LAB_PARA, 12, "text" },
		{ "- 2وترى اللجنة", DL_LAB_PARA, 2, "وترى اللجنة" },
		{ "-١", DL_LAB_PARA, 1, "" },
		{ "٣٠ -", DL_LAB_PARA, 30, "" },
		{ "12-43534", DL_LAB_NONE, 0, NULL },
		{ "7-8 تموز", DL_LAB_NONE, 0, NULL },
		{ "4/4 أوصى", DL_LAB_NONE, 0, NULL },
		{ "٢٨", DL_LAB_NUM, 28, "" },
		{ "أولاً - مقدمة", DL_LAB_HEAD, 1, "مقدمة" },
		{ "ألف - الصكوك", DL_LAB_HEAD, 1, "الصكوك" },
		{ "(ب) مباشرة التعاون", DL_LAB_SUB, 2, "مباشرة التعاون" },
		{ "(ب)", DL_LAB_SUB, 2, "" },
		{ "(١) المرجع", DL_LAB_NONE, 0, NULL },
	};
	size_t i;

	for (i = 0; i < UTIL_NELEM(t); i++) {
		struct dl_line ln = { 0 };

		ln.s = t[i].s;
		ln.n = strlen(t[i].s);
		ln.kind = DL_BODY;
		dl_label_parse(&ln);
		ok(ln.lab == t[i].lab && (t[i].lab == DL_LAB_NONE ||
		    (ln.value == t[i].v && strcmp(ln.s + ln.body_off,
		    t[i].body) == 0)), "label of '%s'", t[i].s);
	}
}

static void
test_sequence(void)
{
	static const char *const a[] = {
		"1 - الأولى.", "2 - الثانية تنتهي بلا نقطة", "5 - عدد",
		"3 - الثالثة.", "نص ينتهي بلا فاصلة", "4", "كلمات",
		"٤", "-", "الرابعة من -raw.", "٥", "- الخامسة.",
		"المرجع أدناه،", "6", "نص.", "6 المرجع نفسه",
	};
	struct dl_doc d;
	struct buf b;

	buf_init(&b);
	doc_of(&d, &b, a, UTIL_NELEM(a));
	dl_labels(&d);
	ok(d.v[0].keep && d.v[1].keep && d.v[3].keep, "1, 2, 3 kept");
	ok(!d.v[2].keep, "5 out of sequence is not");
	ok(!d.v[5].keep, "a number alone mid-sentence is not");
	ok(d.v[7].keep && d.v[7].lab == DL_LAB_PARA && d.v[8].kind == DL_USED,
	    "-raw: a number alone, its dash on the next line");
	ok(d.v[10].keep && d.v[11].body_off == 2,
	    "-raw: the dash starting the next line");
	ok(!d.v[13].keep, "a footnote marker (its note below) is not");
	dl_free(&d);
	buf_free(&b);
}

/* The canonical text the stages make of a paged text. */
static char *
canon(const char *const *v, size_t n, size_t **map, size_t *nmap)
{
	struct dl_doc d;
	struct buf b, out;

	buf_init(&b);
	buf_init(&out);
	doc_of(&d, &b, v, n);
	dl_furniture(&d);
	dl_labels(&d);
	dl_footnotes(&d);
	dl_assemble(&d, &out, map, nmap);
	buf_addc(&out, '\0');
	dl_free(&d);
	buf_free(&b);
	return buf_steal(&out);
}

static void
test_assemble(void)
{
	static const char *const a[] = {
		"أولاً - مقدمة",
		"28 -", "", "29 -",
		"في سياق منع الاتجار وفيما تعد تدابير التثقيف وتعزيز الوعي",
		"أمراً ضرورياً يظل من المهم التركيز.",
		"كما تنفذ حملات الإعلام الهادفة لمعالجة مسألة الطلب فتستخدم",
		"الأرجنتين وكرواتيا والولايات الرياضية الكبرى كفرصة لطرح",
		"المسألة.",
		"30 - وقد أكدت بعض الدول المستجيبة على أن ثمة حاجة لمعالجة",
		"الظروف.",
	};
	size_t *map = NULL, nmap = 0;
	char *t = canon(a, UTIL_NELEM(a), &map, &nmap);

	is_str(t, "أولاً - مقدمة\n\n"
	    "28 - في سياق منع الاتجار وفيما تعد تدابير التثقيف وتعزيز الوعي "
	    "أمراً ضرورياً يظل من المهم التركيز.\n\n"
	    "29 - كما تنفذ حملات الإعلام الهادفة لمعالجة مسألة الطلب فتستخدم "
	    "الأرجنتين وكرواتيا والولايات الرياضية الكبرى كفرصة لطرح "
	    "المسألة.\n\n"
	    "30 - وقد أكدت بعض الدول المستجيبة على أن ثمة حاجة لمعالجة "
	    "الظروف.\n\n",
	    "numbers alone wait for their paragraphs; lines joined; a short "
	    "line that ends a sentence ends its paragraph");
	ok(nmap == 8 && map[0] == 1 && map[2] == 2 && map[4] == 4 &&
	    map[6] == 10, "the canonical lines' source lines");
	free(t);
	free(map);
}

static void
test_import(void)
{
	const char *s =
	    R L "A/67/170" P P "\n"
	    R "أولا ً " L "-" P "مقدمة" P "\n"
	    R L " - ١" P "في قرارها حثت الجمعية العامة الحكومات على وضع تدابير"
	    P "\n"
	    R "فعالة من أجل مكافحة جميع أشكال الاتجار بالنساء والفتيات." P "\n"
	    R L "1/2" P P "   " R L "12-43534" P P "\n\f"
	    R L "A/67/170" P P "\n"
	    R L " - ٢" P "وطلبت الجمعية العامة إلى الأمين العام أن يقدم لها" P
	    "\n"
	    R "تقريراً." P "\n"
	    R L "2/2" P P "   " R L "12-43534" P P "\n\f";
	char *cause = NULL;
	struct doc *d = doc_import(s, strlen(s), NULL, &cause);
	size_t n, i, body = 0;

	if (!ok(d != NULL, "an extraction imports"))
		return;
	is_int(doc_block_count(d), 3, "heading and two paragraphs");
	ok(doc_block_kind(d, 0) == DOC_HEADING && doc_block_kind(d, 1) ==
	    DOC_PARA && doc_block_kind(d, 2) == DOC_PARA, "their kinds");
	is_str(doc_block_label(d, 2), "٢", "the second one's number");
	is_int(doc_block_line(d, 1), 3, "a block's line is the source's");
	is_int(doc_block_line(d, 2), 7, "on the second page too");
	is_int(doc_block_page(d, 2), 2, "its page");
	for (i = 0; i < doc_block_count(d); i++) {
		const char *t = doc_block_text(d, i, &n);

		if (strstr(t, "12-43534") || strstr(t, "/2") ||
		    strstr(t, "A/67"))
			body++;
	}
	is_int(body, 0, "no furniture left in the blocks");
	doc_free(d);
}

static void
test_footnotes(void)
{
	static const char *const a[] = {
		"1 - نص الفقرة الأولى من الصفحة يذكر قراراً(1) ويمضي حتى",
		"يصل إلى آخر السطر الكامل من الفقرة الأولى في الصفحة وما",
		"بعده.",
		"2 - وفي الفقرة الثانية إشارة أخرى",
		"(2)",
		"تمضي بعدها الفقرة إلى نهايتها عند آخر السطر الكامل هنا.",
		"(1)القرار 7/76، المرفق.",
		"(2)المرجع نفسه، المجلد 2237،",
		"الرقم 39574.",
		"1/2 12-43534",
		"\f",
		"3 - الفقرة الثالثة بلا حاشية في هذه الصفحة.",
		"(5)ليست حاشية: لا علامة لها هنا",
		"2/2 12-43534",
		"\f",
	};
	size_t *map = NULL, nmap = 0;
	char *t = canon(a, UTIL_NELEM(a), &map, &nmap);

	ok(strstr(t, "قراراً⁽¹⁾ ويمضي") != NULL,
	    "a glued marker written as the importer reads one");
	ok(strstr(t, "أخرى⁽²⁾ تمضي") != NULL,
	    "a marker alone on its line goes on the word before");
	ok(strstr(t, "__________\n(1) القرار 7/76، المرفق.\n"
	    "(2) المرجع نفسه، المجلد 2237، الرقم 39574.\n") != NULL,
	    "the notes after the paragraph, a note's lines joined");
	ok(strstr(t, "(5) ليست") == NULL,
	    "no note believed without its marker on the page... ");
	ok(strstr(t, "(5)ليست حاشية") != NULL, "... it stays text");
	free(t);
	free(map);
}

static void
test_words(void)
{
	struct buf b;

	buf_init(&b);
	buf_adds(&b, "النساء والفتيات\nالنساء في الدول والفتيات\n"
	    "حماية النس اء والفتي ات.\nفي الدول\n");
	dl_words_join(&b);
	buf_addc(&b, '\0');
	is_str(b.data, "النساء والفتيات\nالنساء في الدول والفتيات\n"
	    "حماية النساء والفتيات.\nفي الدول\n",
	    "a word split where the document has it whole is joined; "
	    "two words never written as one stay");
	buf_free(&b);
}

/* -raw's numbers on lines of their own that are not paragraph numbers. */
static void
test_raw_numbers(void)
{
	static const char *const a[] = {
		"نص قبل العلامة.", "(", "1", ")", "والبروتوكولات الملحقة بها.",
		"القرار المؤرخ", "5", "-", "13", "أيلول/سبتمبر.",
		"بداية الفقرة.", "٣", "- الفقرة الثالثة.", "٤", "- الرابعة.",
		"٧", "المرجع نفسه، المجلد.", "نهاية.", "٧", "المرجع نفسه.",
	};
	struct dl_doc d;
	struct buf b;

	buf_init(&b);
	doc_of(&d, &b, a, UTIL_NELEM(a));
	dl_labels(&d);
	ok(!d.v[2].keep, "a number between bracket lines is a marker");
	ok(!d.v[8].keep, "the end of a range 5 - 13 is not a number");
	ok(d.v[11].keep && d.v[13].keep,
	    "a number with its dash on the next line is");
	ok(!d.v[15].keep && !d.v[18].keep,
	    "the same number alone twice on a page: marker and note");
	dl_free(&d);
	buf_free(&b);
}

int
main(void)
{
	test_source();
	test_kashida();
	test_mirrored();
	test_lines();
	test_furniture();
	test_furniture_once();
	test_furniture_scraps();
	test_labels();
	test_sequence();
	test_raw_numbers();
	test_assemble();
	test_footnotes();
	test_words();
	test_import();
	return tap_done();
}
