/*
 * test-stages.c - the stages of the import (doc-lines.h) fed records
 * with a PDF's geometry, as doc-pdf.c makes them: each stage must use
 * the evidence the page gives (bands, type size, spacing, insets) where
 * text alone would say otherwise.  The same records without geometry
 * show what the text rules make of them, so that each check would fail
 * if a stage ignored the geometry.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc-assemble.h"
#include "doc-footnotes.h"
#include "doc-furniture.h"
#include "doc-labels.h"
#include "doc-lines.h"
#include "rnd.h"
#include "tap.h"
#include "util.h"

#define PH	60.0f		/* page height, ems of body type */
#define PITCH	1.5f		/* baseline to baseline */

/* One printed line: its page, text and geometry (ems). */
struct gl {
	size_t		 page;
	const char	*s;
	float		 size, top, lin, rin;
	bool		 bold;
};

/* The records of lines v[0..n) into d (geo as asked); text borrowed. */
static void
doc_of(struct dl_doc *d, const struct gl *v, size_t n, bool geo)
{
	size_t i;

	memset(d, 0, sizeof *d);
	for (i = 0; i < n; i++) {
		struct dl_line *L = dl_push(d, v[i].s, strlen(v[i].s),
		    v[i].page);

		L->no = i + 1;
		if (!geo)
			continue;
		L->size = v[i].size;
		L->top = v[i].top;
		L->bot = v[i].top + v[i].size;
		L->ph = PH;
		L->lin = v[i].lin;
		L->rin = v[i].rin;
		L->bold = v[i].bold;
	}
	d->npages = n > 0 ? v[n - 1].page + 1 : 0;
	d->geo = geo;
	d->pitch = geo ? PITCH : 0;
}

/* A page of body lines from top t on, one a pitch. */
static size_t
body(struct gl *v, size_t n, size_t page, float t, size_t count)
{
	static const char *const text[] = {
		"وفي جملة أمور أهابت الجمعية العامة بالحكومات أن تتصدى",
		"للعوامل التي تزيد من مخاطر تعرض النساء والفتيات للاتجار",
		"مع تجريم جميع أشكال الاتجار في الأشخاص وتدعيم إجراءات",
		"المنع وتعزيز الوعي ودعم وحماية ضحايا الاتجار وتشجيع",
	};
	size_t i;

	for (i = 0; i < count; i++, n++) {
		memset(&v[n], 0, sizeof v[n]);
		v[n].page = page;
		v[n].s = text[(page + i) % 4];
		v[n].size = 1;
		v[n].top = t + PITCH * (float)i;
	}
	return n;
}

static struct gl
line(size_t page, const char *s, float size, float top)
{
	struct gl g;

	memset(&g, 0, sizeof g);
	g.page = page;
	g.s = s;
	g.size = size;
	g.top = top;
	return g;
}

static void
test_furniture_bands(void)
{
	struct gl v[64];
	struct dl_doc d;
	size_t n = 0, p, i, hdr[4], mid[4], num[4];

	/* a header at the top of each page, a page number at the foot,
	 * and a line that is the first of each page's text but stands
	 * in the middle of it (a title on each page of a form) */
	for (p = 0; p < 4; p++) {
		hdr[p] = n;
		v[n++] = line(p, "Report of the Committee on Trade", 1, 2);
		mid[p] = n;
		v[n++] = line(p, "Situation of the country in review", 1, 25);
		n = body(v, n, p, 27, 6);
		num[p] = n;
		v[n++] = line(p, p == 0 ? "1" : p == 1 ? "2" : p == 2 ? "3" :
		    "4", 1, 56);
	}
	doc_of(&d, v, n, true);
	dl_furniture(&d);
	for (p = 0, i = 0; p < 4; p++)
		i += d.v[hdr[p]].kind == DL_FURN;
	is_int(i, 4, "geometry: a line repeated in the top band is furniture");
	for (p = 0, i = 0; p < 4; p++)
		i += d.v[num[p]].kind == DL_FURN;
	is_int(i, 4, "geometry: a page number in the bottom band is");
	for (p = 0, i = 0; p < 4; p++)
		i += d.v[mid[p]].kind == DL_BODY;
	is_int(i, 4, "geometry: a line repeated mid-page is not, though it "
	    "is near the top of each page's text");
	is_int(dl_band(&d.v[hdr[0]]), 1, "dl_band: the top sixth");
	is_int(dl_band(&d.v[num[0]]), 2, "dl_band: the bottom sixth");
	is_int(dl_band(&d.v[mid[0]]), 0, "dl_band: between");
	dl_free(&d);

	/* the text rules, which have no bands, take it for a header */
	for (p = 0; p < 4; p++)
		v[hdr[p]].s = "الجمعية العامة";
	doc_of(&d, v, n, false);
	dl_furniture(&d);
	for (p = 0, i = 0; p < 4; p++)
		i += d.v[mid[p]].kind == DL_FURN;
	is_int(i, 4, "without geometry the same lines are furniture");
	dl_free(&d);

	/* "2/4" and a job number: furniture in a band, text between */
	n = 0;
	for (p = 0; p < 4; p++) {
		n = body(v, n, p, 10, 4);
		mid[p] = n;
		v[n++] = line(p, "2/4 12-43534", 1, 20);
		n = body(v, n, p, 22, 4);
	}
	doc_of(&d, v, n, true);
	dl_furniture(&d);
	for (p = 0, i = 0; p < 4; p++)
		i += d.v[mid[p]].kind == DL_BODY;
	is_int(i, 4, "geometry: page and job numbers mid-page are text");
	dl_free(&d);
	doc_of(&d, v, n, false);
	dl_furniture(&d);
	ok(d.v[mid[0]].kind == DL_FURN, "... which the text rules drop");
	dl_free(&d);
}

static void
test_footnotes_type(void)
{
	struct gl v[64];
	struct dl_doc d;
	struct buf out;
	size_t n = 0, *map = NULL, nmap = 0, quote, n1, n1b, n2, n3, cont;
	char *t;

	n = body(v, n, 0, 8, 3);
	quote = n;		/* smaller type above body type: a quote */
	v[n++] = line(0, "نص مقتبس بحرف أصغر", 0.8f, 13);
	n = body(v, n, 0, 15, 2);
	v[n - 1].s = "وتعزيز القدرة على تقاسم المعلومات⁽¹⁾ وجمع البيانات.";
	n1 = n;
	v[n++] = line(0, "(1) انظر القرار ١٩٠/٦٥.", 0.8f, 48);
	n1b = n;
	v[n++] = line(0, "وتقرير الأمين العام.", 0.8f, 49.2f);
	n2 = n;
	v[n++] = line(0, "(2) المرجع نفسه، وهي", 0.8f, 50.4f);
	n = body(v, n, 1, 8, 4);
	cont = n;		/* note 2 goes on at the next page's foot */
	v[n++] = line(1, "ملاحظة تستمر من الصفحة السابقة.", 0.8f, 48);
	n3 = n;
	v[n++] = line(1, "A/67/150 *", 0.8f, 49.2f);
	doc_of(&d, v, n, true);
	dl_footnotes(&d);
	ok(d.v[n1].kind == DL_NOTE && d.v[n1].lab == DL_LAB_NOTE &&
	    d.v[n1].value == 1, "geometry: smaller type after the body is "
	    "a note, (1)");
	ok(d.v[n1b].kind == DL_NOTE && d.v[n1b].lab == DL_LAB_NONE,
	    "... its next line goes on");
	ok(d.v[n2].lab == DL_LAB_NOTE && d.v[n2].value == 2, "... then (2)");
	ok(d.v[cont].kind == DL_NOTE && d.v[cont].lab == DL_LAB_NONE,
	    "a small line at the next page's foot goes on the last note");
	ok(d.v[n3].lab == DL_LAB_NOTE && d.v[n3].value == 0,
	    "a left-to-right note with its star on the right");
	ok(d.v[quote].kind == DL_BODY, "smaller type above body type is "
	    "not a note");
	dl_labels(&d);
	buf_init(&out);
	dl_assemble(&d, &out, &map, &nmap);
	buf_addc(&out, '\0');
	t = out.data;
	ok(strstr(t, "\n(1) انظر القرار ١٩٠/٦٥. وتقرير الأمين العام.\n") !=
	    NULL, "a note's lines joined");
	ok(strstr(t, "\n(2) المرجع نفسه، وهي ملاحظة تستمر من الصفحة "
	    "السابقة.\n") != NULL, "a note continued over the page joined");
	ok(strstr(t, "\n* A/67/150\n") != NULL, "the star note as \"* text\"");
	ok(strstr(t, "نص مقتبس") != NULL && strstr(t, "نص مقتبس") <
	    strstr(t, "__________"), "the quote stays in the body");
	buf_free(&out);
	free(map);
	dl_free(&d);

	/* the text rules want a marker "(1)" or "1" in the body: a PDF's
	 * raised ⁽¹⁾ is none of them */
	doc_of(&d, v, n, false);
	dl_labels(&d);
	dl_footnotes(&d);
	ok(d.v[n1].kind == DL_BODY, "without geometry: no note there");
	dl_free(&d);
}

/* A note at the foot whose symbol comes first: "150/67A/ *" (Noto Kufi's
 * "A/67/150 *") is the star's, not note 150's. */
/* Notes whose labels are raised at their start, as Word and TeX set
 * them: ⁽¹⁾ in the front end's text. */
static void
test_footnotes_raised(void)
{
	struct gl v[16];
	struct dl_doc d;
	struct buf out;
	size_t n = 0, *map = NULL, nmap = 0, n1, n2;

	n = body(v, n, 0, 8, 3);
	v[n - 1].s = "وتعزيز القدرة على تقاسم المعلومات⁽¹⁾ وجمع⁽²⁾ البيانات.";
	n1 = n;
	v[n++] = line(0, "⁽¹⁾انظر القرار ١٩٠/٦٥.", 0.83f, 48);
	n2 = n;
	v[n++] = line(0, "⁽²⁾المرجع نفسه.", 0.83f, 49.2f);
	doc_of(&d, v, n, true);
	dl_footnotes(&d);
	ok(d.v[n1].lab == DL_LAB_NOTE && d.v[n1].value == 1 &&
	    d.v[n2].lab == DL_LAB_NOTE && d.v[n2].value == 2,
	    "geometry: a label raised at the start of a note, ⁽¹⁾, ⁽²⁾");
	dl_labels(&d);
	buf_init(&out);
	dl_assemble(&d, &out, &map, &nmap);
	buf_addc(&out, '\0');
	ok(strstr(out.data, "\n(1) انظر القرار ١٩٠/٦٥.\n") != NULL &&
	    strstr(out.data, "\n(2) المرجع نفسه.\n") != NULL,
	    "... written with its number, as the markers have it");
	buf_free(&out);
	free(map);
	dl_free(&d);
}

static void
test_footnotes_symbol(void)
{
	struct gl v[16];
	struct dl_doc d;
	size_t n = 0, star, n1;

	n = body(v, n, 0, 8, 4);
	v[n - 1].s = "وتعزيز القدرة على تقاسم المعلومات⁽¹⁾ وجمع البيانات.";
	star = n;
	v[n++] = line(0, "150/67A/ *", 0.8f, 48);
	n1 = n;
	v[n++] = line(0, "١ انظر القرار ١٩٠/٦٥.", 0.8f, 49.2f);
	doc_of(&d, v, n, true);
	dl_footnotes(&d);
	ok(d.v[star].lab == DL_LAB_NOTE && d.v[star].value == 0,
	    "geometry: \"150/67A/ *\" is the star's note");
	ok(d.v[n1].lab == DL_LAB_NOTE && d.v[n1].value == 1,
	    "... and note 1 follows it");
	dl_free(&d);

	/* notes a point smaller than the body (11 on 12: 0.92) */
	v[star].s = "37 مثل عملية بالي بشأن تهريب الناس";
	v[star].size = v[n1].size = 0.92f;
	v[n1].s = "والاتجار بالأشخاص وما يتصل بذلك.";
	v[star - 1].s = "خطط عمل إقليمية⁽³⁷⁾ للتصدي لمشكلة الاتجار.";
	doc_of(&d, v, n, true);
	dl_footnotes(&d);
	ok(d.v[star].lab == DL_LAB_NOTE && d.v[star].value == 37 &&
	    d.v[n1].kind == DL_NOTE, "geometry: type a point smaller than "
	    "the body's after it is a note's");
	dl_free(&d);
}

/*
 * A footer that repeats at the foot of 40 pages, its page number growing
 * a digit at page 10: one footer, every page's (a key with the digits of
 * pages 1-9 is on 9 pages, fewer than a quarter).
 */
static void
test_furniture_digit_runs(void)
{
	static char foot[40][32];
	struct gl v[128];
	struct dl_doc d;
	size_t n = 0, p, i, at[40];

	for (p = 0; p < 40; p++) {
		n = body(v, n, p, 10, 2);
		snprintf(foot[p], sizeof foot[p], "04312-.19V %zu/40", p + 1);
		at[p] = n;
		v[n++] = line(p, foot[p], 0.7f, 56);
	}
	doc_of(&d, v, n, true);
	dl_furniture(&d);
	for (p = 0, i = 0; p < 40; p++)
		i += d.v[at[p]].kind == DL_FURN;
	is_int(i, 40, "geometry: a footer with 1/40 ... 40/40 is one footer");
	dl_free(&d);
}

/* The canonical text of v[0..n) through the stages, upto pages. */
static char *
canon(const struct gl *v, size_t n, bool geo, size_t upto)
{
	struct dl_doc d;
	struct buf out;
	size_t *map = NULL, nmap = 0;

	doc_of(&d, v, n, geo);
	d.upto = upto;
	dl_furniture(&d);
	dl_footnotes(&d);
	dl_labels(&d);
	buf_init(&out);
	dl_assemble(&d, &out, &map, &nmap);
	free(map);
	dl_free(&d);
	buf_addc(&out, '\0');
	return buf_steal(&out);
}

static void
test_paragraphs_geometry(void)
{
	struct gl v[32];
	size_t n = 0;
	char *t;

	v[n] = line(0, "١ - في قرارها حثت الجمعية", 1, 10);
	n++;			/* the number hangs: its text indented */
	v[n] = line(0, "الحكومات على وضع تدابير", 1, 11.5f);
	v[n++].rin = 2;
	v[n] = line(0, "فعالة", 1, 13);
	v[n].rin = 2;
	v[n++].lin = 20;	/* stops short: a last line */
	v[n++] = line(0, "وطلبت الجمعية العامة إلى", 1, 14.5f);
	v[n++] = line(0, "الأمين العام أن يقدم لها", 1, 16);
	v[n++] = line(0, "تقريرا بعد سطر فارغ", 1, 19);	/* a gap */
	v[n] = line(0, "موجز", 1, 20.5f);
	v[n++].bold = true;	/* the type changes */
	v[n++] = line(0, "يقدم هذا التقرير معلومات", 1, 22);
	v[n++] = line(0, "بشأن التدابير التي اتخذتها", 1, 23.5f);
	v[n++] = line(1, "الدول في الفترة المشمولة", 1, 8);	/* page 2 */
	v[n] = line(1, "٢ - وطلبت الجمعية", 1, 9.5f);
	v[n++].lin = 20;
	t = canon(v, n, true, 0);
	is_str(t, "١ - في قرارها حثت الجمعية الحكومات على وضع تدابير فعالة\n\n"
	    "وطلبت الجمعية العامة إلى الأمين العام أن يقدم لها\n\n"
	    "تقريرا بعد سطر فارغ\n\n"
	    "موجز\n\n"
	    "يقدم هذا التقرير معلومات بشأن التدابير التي اتخذتها الدول في "
	    "الفترة المشمولة\n\n"
	    "\f\n"
	    "٢ - وطلبت الجمعية\n\n",
	    "geometry: paragraphs from insets, spacing, type, numbers; one "
	    "over the page break");
	free(t);
	t = canon(v, n, true, 1);
	is_str(t, "١ - في قرارها حثت الجمعية الحكومات على وضع تدابير فعالة\n\n"
	    "وطلبت الجمعية العامة إلى الأمين العام أن يقدم لها\n\n"
	    "تقريرا بعد سطر فارغ\n\n"
	    "موجز\n\n"
	    "يقدم هذا التقرير معلومات بشأن التدابير التي اتخذتها\n\n",
	    "upto: the first page only");
	free(t);
	/* text alone has no spacing, insets or weight to go by */
	t = canon(v, n, false, 0);
	ok(strstr(t, "يقدم لها تقريرا بعد سطر فارغ موجز\n") != NULL,
	    "without geometry the gap and the bold title are not seen");
	free(t);
}

/*
 * pdftotext's text: a raised label on a line of its own before its
 * note's text, as its marker is in the body; and a label carried past
 * the Latin a note starts with.
 */
static void
test_footnotes_text_labels(void)
{
	struct gl v[32];
	size_t n = 0;
	char *t;

	n = body(v, n, 0, 8, 2);
	v[n++] = line(0, "٣", 0, 0);		/* the marker */
	v[n++] = line(0, "", 0, 0);
	v[n++] = line(0, "في ٢٦ حزيران كانت ٤٠ دولة و ١٣ من الكيانات", 0, 0);
	n = body(v, n, 0, 0, 3);
	v[n++] = line(0, "٣", 0, 0);		/* the label */
	v[n++] = line(0, "", 0, 0);
	v[n++] = line(0, "في ٢٦ حزيران وردت ردود من ٣٤ دولة.", 0, 0);
	t = canon(v, n, false, 0);
	ok(strstr(t, "دولة و ١٣") != NULL && strstr(t, "دولة و ١٣") <
	    strstr(t, "__________") && strstr(t, "\n(٣) في ٢٦ حزيران وردت "
	    "ردود من ٣٤ دولة.\n") != NULL, "text: a label alone on its line, "
	    "its note's text on the next; its marker stays in the body");
	free(t);
	/* a second marker right after the first is no label */
	v[4].s = "٣";
	v[5].s = "";
	v[6].s = "٣";
	t = canon(v, n, false, 0);
	ok(strstr(t, "(٣) في ٢٦ حزيران وردت") != NULL &&
	    strstr(t, "(٣) ٣") == NULL, "... a number right after its "
	    "marker is a marker again");
	free(t);
	/* a year that -raw put on a line of its own, marked above too */
	n = 0;
	n = body(v, n, 0, 8, 2);
	v[n++] = line(0, "2012", 0, 0);
	v[n++] = line(0, "", 0, 0);
	n = body(v, n, 0, 0, 4);
	v[n++] = line(0, "2012", 0, 0);
	v[n++] = line(0, "", 0, 0);
	v[n++] = line(0, "وردت ردود من الدول.", 0, 0);
	t = canon(v, n, false, 0);
	ok(strstr(t, "__________") == NULL, "... a year alone is no label");
	free(t);
	/* "(٥ في المائة)" cut by -raw: "(" then "٥" then its text */
	n = 0;
	n = body(v, n, 0, 8, 2);
	v[n++] = line(0, "٥", 0, 0);
	v[n++] = line(0, "", 0, 0);
	n = body(v, n, 0, 0, 4);
	v[n++] = line(0, "(", 0, 0);
	v[n++] = line(0, "٥", 0, 0);
	v[n++] = line(0, "في المائة) من الضحايا.", 0, 0);
	t = canon(v, n, false, 0);
	ok(strstr(t, "__________") == NULL, "... nor one after a \"(\" "
	    "with no \")\" after it");
	free(t);
	/* "(" "٥" ")" all apart: a label, the brackets part of it */
	v[n - 1].s = ")";
	v[n++] = line(0, "أعضاء الأفرقة العاملة.", 0, 0);
	t = canon(v, n, false, 0);
	ok(strstr(t, "\n(٥) أعضاء الأفرقة العاملة.\n") != NULL,
	    "... with its \")\" after it, bracketed: (٥) and its text");
	free(t);

	/* "(4) A.09.V.11 text" printed "( A.09.V.11)4text" */
	n = 0;
	n = body(v, n, 0, 8, 2);
	v[n++] = line(0, "منشورات الأمم المتحدة(٤) وغيرها.", 0, 0);
	n = body(v, n, 0, 0, 3);
	v[n++] = line(0, "( A.09.V.11)٤منشورات الأمم المتحدة، رقم المبيع.",
	    0, 0);
	t = canon(v, n, false, 0);
	ok(strstr(t, "\n(٤) A.09.V.11 منشورات الأمم المتحدة، رقم المبيع.\n")
	    != NULL, "text: a label carried past the note's Latin, "
	    "\"( A.09.V.11)٤text\", cut out of its text");
	free(t);
	/* "(١) 39574، الرقم" read "(٣٩٥٧٤)١، الرقم": no label is 39574 */
	v[2].s = "مجموعة المعاهدات(١) والمجلد.";
	v[n - 1].s = "(٣٩٥٧٤)١، الرقم ٢٢٣٧، المجلد.";
	t = canon(v, n, false, 0);
	ok(strstr(t, "\n(١) ٣٩٥٧٤، الرقم ٢٢٣٧، المجلد.\n") != NULL,
	    "... \"(٣٩٥٧٤)١، text\": (١) ٣٩٥٧٤، text");
	free(t);
	/* and -raw's "(" "١" ")" before "٣٩٥٧٤": bracketed, a label */
	v[n - 1].s = "(";
	v[n++] = line(0, "١", 0, 0);
	v[n++] = line(0, ")", 0, 0);
	v[n++] = line(0, "٣٩٥٧٤", 0, 0);
	v[n++] = line(0, "، الرقم ٢٢٣٧، المجلد.", 0, 0);
	t = canon(v, n, false, 0);
	ok(strstr(t, "\n(١) ٣٩٥٧٤ ، الرقم ٢٢٣٧، المجلد.\n") != NULL,
	    "... and a bracketed label alone, its text a number first");
	free(t);
}

/* qsort()'s order for dl_sort_keys(): by v, then by the position. */
static int
key_cmp(const void *x, const void *y)
{
	const struct dl_key *a = x, *b = y;

	if (a->v != b->v)
		return a->v < b->v ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

/* dl_mode() as doc-pdf.c had it: qsort(), then every value's window. */
static float
mode_ref(float *x, size_t n, float tol)
{
	struct dl_key *k = xcalloc(n + 1, sizeof *k);
	size_t i, lo = 0, hi = 0, best = 0;
	float m = n > 0 ? x[0] : 0;

	for (i = 0; i < n; i++)
		k[i].v = x[i], k[i].i = (uint32_t)i;
	qsort(k, n, sizeof *k, key_cmp);
	for (i = 0; i < n; i++)
		x[i] = k[i].v;
	free(k);
	m = n > 0 ? x[0] : 0;
	for (i = 0; i < n; i++) {
		while (x[i] - x[lo] >= tol)
			lo++;
		if (hi < i)
			hi = i;
		while (hi + 1 < n && x[hi + 1] - x[i] < tol)
			hi++;
		if (hi - lo + 1 > best) {
			best = hi - lo + 1;
			m = x[i];
		}
	}
	return m;
}

/*
 * The sort and the mode the PDF front end measures its pages with
 * (doc-pdf.c): the same order as a stable sort, equal keys in their
 * order, on runs that rise, fall, repeat and mix, from 0 to 300 keys
 * (over the insertion runs and the merges); the same mode as sorting
 * every time, on lines that are sorted already, all equal, or not.
 */
static void
test_sort_mode(void)
{
	size_t round, n, i, bad_sort = 0, bad_mode = 0, bad_sorted = 0;

	for (round = 0; round < 2000; round++) {
		struct dl_key *k, *r;
		float *x, *y, a, b;

		n = rnd(301);
		k = xcalloc(n + 1, sizeof *k);
		r = xcalloc(n + 1, sizeof *r);
		x = xcalloc(n + 1, sizeof *x);
		y = xcalloc(n + 1, sizeof *y);
		for (i = 0; i < n; i++) {
			switch (round % 5) {
			case 0:		/* few distinct values: ties */
				k[i].v = (float)rnd(4);
				break;
			case 1:		/* falling, as a mirrored run */
				k[i].v = (float)(n - i) * 0.5f;
				break;
			case 2:		/* equal */
				k[i].v = 12.5f;
				break;
			case 3:		/* rising, then a few out of place */
				k[i].v = (float)i + (rnd(10) == 0 ?
				    -(float)rnd(50) : 0);
				break;
			default:
				k[i].v = (float)rnd(100000) / 100.0f;
			}
			k[i].i = (uint32_t)i;
			x[i] = y[i] = k[i].v + (round % 2 ? 0.3f *
			    (float)rnd(3) : 0);
		}
		memcpy(r, k, n * sizeof *k);
		qsort(r, n, sizeof *r, key_cmp);
		dl_sort_keys(k, n);
		for (i = 0; i < n; i++)
			if (k[i].v != r[i].v || k[i].i != r[i].i)
				break;
		bad_sort += i < n;
		a = dl_mode(x, n, 0.75f);
		b = mode_ref(y, n, 0.75f);
		bad_mode += a != b;
		for (i = 1; i < n; i++)
			if (x[i - 1] > x[i])
				break;
		bad_sorted += n > 1 && i < n;
		free(k);
		free(r);
		free(x);
		free(y);
	}
	ok(bad_sort == 0, "dl_sort_keys() as a stable sort (%zu of 2000 "
	    "differ)", bad_sort);
	ok(bad_mode == 0, "dl_mode() as sorting every time (%zu differ)",
	    bad_mode);
	ok(bad_sorted == 0, "dl_mode() leaves the values sorted");
	ok(dl_mode(NULL, 0, 0.75f) == 0, "dl_mode() of nothing is 0");
	{
		float v[] = { 14.2f, 10, 14, 10.5f, 14 };
		float w[] = { 10, 10.5f, 11, 14, 14, 14.2f };

		/* 10 and 10.5 have two within 0.75, 14 three */
		ok(dl_mode(v, 5, 0.75f) == 14, "dl_mode(): the value with "
		    "most others within 0.75");
		/* 10.5 and 14 have three: the smaller */
		ok(dl_mode(w, 6, 0.75f) == 10.5f, "dl_mode(): the smallest "
		    "on a tie");
	}
}

int
main(void)
{
	test_sort_mode();
	test_furniture_bands();
	test_furniture_digit_runs();
	test_footnotes_type();
	test_footnotes_raised();
	test_footnotes_symbol();
	test_footnotes_text_labels();
	test_paragraphs_geometry();
	return tap_done();
}
