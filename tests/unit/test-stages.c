/*
 * test-stages.c - the stages of the import (doc-lines.h) fed records
 * with a PDF's geometry, as doc-pdf.c makes them: each stage must use
 * the evidence the page gives (bands, type size, spacing, insets) where
 * text alone would say otherwise.  The same records without geometry
 * show what the text rules make of them, so that each check would fail
 * if a stage ignored the geometry.
 */
#include <stdlib.h>
#include <string.h>

#include "doc-assemble.h"
#include "doc-footnotes.h"
#include "doc-furniture.h"
#include "doc-labels.h"
#include "doc-lines.h"
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

int
main(void)
{
	test_furniture_bands();
	test_footnotes_type();
	test_paragraphs_geometry();
	return tap_done();
}
