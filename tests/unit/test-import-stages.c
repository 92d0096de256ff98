/*
 * test-import-stages.c - the stages of the text importer, each on its own
 * (doc-import.c has the picture): decoding (doc-decode.c), what a line is
 * (doc-lineclass.c), the working blocks (doc-blocks.c), the line-style
 * parsers and assembler (doc-style-lines.c), the hard-wrapped style's
 * detector and assembler (doc-style-wrapped.c), inline markup
 * (doc-inline.c) and the last stage's pages, title and symbol
 * (doc-emit.c).  Small made-up texts; test-doc.c has the seeds.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "doc.h"
#include "doc-import-int.h"
#include "tap.h"
#include "util.h"

/* --- a struct imp over a text -------------------------------------------- */

static void
imp_open(struct imp *im, const char *text)
{
	memset(im, 0, sizeof *im);
	im->d = doc_new();
	im->text = text;
	im->tlen = strlen(text);
	buf_init(&im->labels);
}

static void
imp_close(struct imp *im)
{
	free(im->body.v);
	free(im->body.seg);
	free(im->fns.v);
	free(im->fns.seg);
	free(im->ffline);
	buf_free(&im->labels);
	doc_free(im->d);
}

static struct buf gathered;	/* block_text()'s, freed by main() */

/*
 * Block i of wl: its pieces joined, runs of spaces made one (as
 * imp_inline_parse() makes them later; a hard-wrapped piece keeps the
 * spaces around the label cut out of it).  Valid until the next call.
 */
static const char *
block_text(const struct wlist *wl, size_t i)
{
	size_t r, w = 0;

	imp_block_gather(wl, &wl->v[i], &gathered);
	for (r = 0; r < gathered.len; r++)
		if (gathered.data[r] != ' ' || (w > 0 &&
		    gathered.data[w - 1] != ' '))
			gathered.data[w++] = gathered.data[r];
	while (w > 0 && gathered.data[w - 1] == ' ')
		w--;
	gathered.len = w;
	buf_addc(&gathered, '\0');
	return gathered.data;
}

/* Block i's label, or NULL. */

static const char *
block_label(const struct imp *im, const struct wlist *wl, size_t i)
{
	return wl->v[i].label == NOFF ? NULL : im->labels.data +
	    wl->v[i].label;
}

/* Whether d has a diagnostic whose message holds what. */
static bool
has_diag(const struct doc *d, const char *what)
{
	size_t i;

	for (i = 0; i < doc_diag_count(d); i++)
		if (strstr(doc_diag(d, i)->msg, what) != NULL)
			return true;
	return false;
}

/* --- doc-decode.c --------------------------------------------------------- */

/*
 * imp_decode() of len bytes into a NUL-terminated copy (caller frees);
 * *name: the encoding it names (static), *dp (if not NULL): the
 * document with its diagnostics (caller frees).
 */
static char *
decode(const char *bytes, size_t len, const char *enc, const char **name,
    char **cause, struct doc **dp)
{
	static char enc_name[32];
	struct doc *d = doc_new();
	struct buf conv;
	const char *text;
	size_t tlen;
	char *out = NULL;

	buf_init(&conv);
	*cause = NULL;
	if (imp_decode(d, bytes, len, NOFF, enc, &conv, &text, &tlen,
	    cause) == 0) {
		out = xmalloc(tlen + 1);
		memcpy(out, text, tlen);
		out[tlen] = '\0';
	}
	buf_free(&conv);
	doc_finish(d);
	snprintf(enc_name, sizeof enc_name, "%s", doc_meta(d)->encoding !=
	    NULL ? doc_meta(d)->encoding : "");
	*name = enc_name;
	if (dp != NULL)
		*dp = d;
	else
		doc_free(d);
	return out;
}

static void
test_decode(void)
{
	const char *name;
	char *t, *cause;
	struct doc *d;
	struct buf b;
	size_t i;

	t = decode("\xEF\xBB\xBFنص", 7, NULL, &name, &cause, NULL);
	is_str(t, "نص", "decode: a UTF-8 BOM taken off");
	is_str(name, "UTF-8", "decode: UTF-8 named");
	free(t);
	/* "اb" in UTF-16 with a BOM, both byte orders */
	t = decode("\xFF\xFE\x27\x06\x62\x00", 6, NULL, &name, &cause, NULL);
	is_str(t, "اb", "decode: UTF-16LE by its BOM");
	is_str(name, "UTF-16LE", "decode: UTF-16LE named");
	free(t);
	t = decode("\xFE\xFF\x06\x27\x00\x62", 6, NULL, &name, &cause, NULL);
	is_str(t, "اb", "decode: UTF-16BE by its BOM");
	is_str(name, "UTF-16BE", "decode: UTF-16BE named");
	free(t);
	/* a NUL that UTF-16 spells is U+FFFD in the text, with a warning */
	t = decode("\xFF\xFE\x61\x00\x00\x00\x62\x00", 8, NULL, &name,
	    &cause, &d);
	is_str(t, "a\xEF\xBF\xBD" "b", "decode: a UTF-16 NUL replaced");
	ok(has_diag(d, "NUL characters replaced"), "decode: NUL warned");
	free(t);
	doc_free(d);
	/* windows-1256: ALEF C7, LAM E1, SEEN D3, LAM, ALEF, MEEM E3 */
	t = decode("\xC7\xE1\xD3\xE1\xC7\xE3", 6, "windows-1256", &name,
	    &cause, NULL);
	is_str(t, "السلام", "decode: windows-1256 forced");
	is_str(name, "windows-1256", "decode: windows-1256 named");
	free(t);
	/* ... and guessed, for a text long enough to tell */
	buf_init(&b);
	for (i = 0; i < 40; i++)
		buf_adds(&b, "\xC5\xE4 \xC7\xE1\xCC\xE3\xDA\xED\xC9 "
		    "\xC7\xE1\xDA\xC7\xE3\xC9 \xE6\xC7\xE1\xE3\xCC\xE1\xD3 ");
	t = decode(b.data, b.len, NULL, &name, &cause, &d);
	ok(t != NULL && strncmp(t, "إن الجمعية العامة", 31) == 0,
	    "decode: windows-1256 guessed");
	is_str(name, "windows-1256", "decode: the guess named");
	ok(has_diag(d, "not UTF-8; read as windows-1256"),
	    "decode: the guess noted");
	free(t);
	doc_free(d);
	buf_free(&b);
	/* UTF-8 with one bad byte: repaired, not taken for a charset */
	buf_init(&b);
	for (i = 0; i < 40; i++)
		buf_adds(&b, "إن الجمعية العامة ");
	buf_adds(&b, "\xFF\n");
	t = decode(b.data, b.len, NULL, &name, &cause, &d);
	ok(t != NULL && strstr(t, "العامة \xEF\xBF\xBD\n") != NULL,
	    "decode: an ill-formed byte becomes U+FFFD");
	is_str(name, "UTF-8", "decode: repaired text is UTF-8");
	ok(has_diag(d, "invalid UTF-8 replaced"), "decode: repair warned");
	free(t);
	doc_free(d);
	buf_free(&b);
	t = decode("ab\0cd", 5, NULL, &name, &cause, NULL);
	ok(t == NULL && cause != NULL &&
	    strcmp(cause, "not a text document") == 0,
	    "decode: a NUL byte is not text");
	free(cause);
	t = decode("\xEF\xBB\xBF", 3, NULL, &name, &cause, NULL);
	ok(t == NULL && cause != NULL && strcmp(cause, "empty document") == 0,
	    "decode: a BOM alone is empty");
	free(cause);
}

static void
test_file_read(void)
{
	char path[] = "/tmp/hamish-stages-XXXXXX", *data, *cause = NULL;
	size_t len, valid;
	FILE *f;
	int fd;

	fd = mkstemp(path);
	ok(fd >= 0 && (f = fdopen(fd, "w")) != NULL, "file_read: temp file");
	if (fd < 0)
		return;
	fputs("نص سليم\xFFبعده", f);
	fclose(f);
	ok(imp_file_read(path, &data, &len, &valid, &cause) == 0,
	    "file_read: reads");
	is_int(len, strlen("نص سليم\xFFبعده"), "file_read: every byte");
	is_int(valid, strlen("نص سليم"), "file_read: valid up to the bad byte");
	ok(data[len] == '\0', "file_read: NUL after the bytes");
	free(data);
	unlink(path);
	ok(imp_file_read(path, &data, &len, &valid, &cause) != 0 &&
	    cause != NULL, "file_read: a missing file is a cause");
	free(cause);
}

/* --- doc-lineclass.c ------------------------------------------------------ */

static void
test_lineclass(void)
{
	struct imp im;
	const char *s;
	size_t n;
	bool sep;

	ok(imp_is_furniture("12-43534  (A)  121112  *1243534*", 32, false,
	    &sep) && !sep, "furniture: job number, print date, bar code");
	ok(!imp_is_furniture("2/35", 4, false, &sep),
	    "furniture: a page number N/M alone is not");
	ok(imp_is_furniture("__________", 10, false, &sep) && sep,
	    "furniture: the footnote separator");
	ok(imp_is_furniture("12", 2, true, &sep),
	    "furniture: digits alone, hard-wrapped");
	ok(!imp_is_furniture("12", 2, false, &sep),
	    "furniture: digits alone, line style, are text");
	ok(imp_is_furniture("Please recycle", 14, false, &sep),
	    "furniture: Please recycle");

	imp_open(&im, "");
	ok(imp_meta_take(&im, "Distr.: General", 15), "meta: Distr.");
	ok(imp_meta_take(&im, "13 November 2024", 16), "meta: a date");
	ok(imp_meta_take(&im, "Original: English", 17), "meta: Original");
	ok(imp_meta_take(&im, "A/67/170", 8), "meta: a symbol");
	ok(!imp_meta_take(&im, "32 Novembre 2024", 16), "meta: no such date");
	doc_finish(im.d);
	is_str(doc_meta(im.d)->distribution, "General", "meta: distribution");
	is_str(doc_meta(im.d)->date_iso, "2024-11-13", "meta: ISO date");
	is_str(doc_meta(im.d)->original, "English", "meta: original");
	is_str(doc_meta(im.d)->symbol, "A/67/170", "meta: symbol");
	imp_close(&im);

	imp_open(&im, "");
	s = "نص⁽¹⁸⁾ و^(3) وكلمة* أخرى )7(";
	imp_marks_scan(&im, s, strlen(s));
	ok(mark_has(&im, 18) && mark_has(&im, 3), "marks: ⁽¹⁸⁾ and ^(3)");
	ok(!mark_has(&im, 7), "marks: )7( not in line style");
	ok(im.star_mark, "marks: word*");
	ok(!mark_has(&im, 4), "marks: no other");
	im.wrapped = true;
	imp_marks_scan(&im, s, strlen(s));
	ok(mark_has(&im, 7), "marks: )7( in hard-wrapped text");
	imp_close(&im);

	s = "[bookmark: _Toc1]\t[bookmark: _Toc2] أولاً";
	n = strlen(s);
	imp_bookmarks_strip(&s, &n);
	ok(n == strlen("أولاً") && memcmp(s, "أولاً", n) == 0,
	    "bookmarks: both stripped");
}

/* --- doc-blocks.c --------------------------------------------------------- */

static void
test_blocks(void)
{
	struct imp im;
	size_t a, b;

	imp_open(&im, "");
	a = imp_block_add(&im.body, DOC_PARA, 3);
	imp_block_append(&im.body, "one", 3);
	imp_block_append(&im.body, "", 0);
	imp_block_append(&im.body, "two", 3);
	b = imp_block_add(&im.body, DOC_TEXT, 5);
	imp_block_append(&im.body, "three", 5);
	is_int(a, 0, "blocks: first index");
	is_int(b, 1, "blocks: second index");
	is_int(im.body.v[0].nseg, 2, "blocks: an empty piece is none");
	is_str(block_text(&im.body, 0), "one two", "blocks: pieces joined");
	is_str(block_text(&im.body, 1), "three", "blocks: the second");
	ok(im.body.v[1].line == 5 && im.body.v[1].parent == NOFF &&
	    im.body.v[1].label == NOFF, "blocks: line, no parent, no label");
	a = imp_label_add_ascii(&im, "١٨", strlen("١٨"));
	b = imp_label_add(&im, "١٨", strlen("١٨"));
	is_str(im.labels.data + a, "18", "labels: digits folded to ASCII");
	is_str(im.labels.data + b, "١٨", "labels: as printed");
	imp_close(&im);
}

/* --- doc-style-lines.c ---------------------------------------------------- */

static bool
para(const char *s, long *v, const char **label, const char **body)
{
	static char lab[64], bod[256];
	struct lparse lp;

	memset(&lp, 0, sizeof lp);
	if (!imp_parse_para(s, strlen(s), &lp))
		return false;
	snprintf(lab, sizeof lab, "%.*s", (int)lp.label_len, lp.label);
	snprintf(bod, sizeof bod, "%.*s", (int)lp.body_len, lp.body);
	*v = lp.value;
	*label = lab;
	*body = bod;
	return lp.kind == L_PARA;
}

static void
test_parse_para(void)
{
	const char *lab, *body;
	long v;

	ok(para("12 - نص الفقرة", &v, &lab, &body) && v == 12,
	    "para: 12 - text");
	is_str(lab, "12", "para: label");
	is_str(body, "نص الفقرة", "para: body");
	ok(para("١٢ - نص", &v, &lab, &body) && v == 12, "para: Arabic digits");
	is_str(lab, "١٢", "para: label as printed");
	ok(para("- 7 - نص", &v, &lab, &body) && v == 7, "para: - 7 - text");
	ok(para("1 -\tنص", &v, &lab, &body) && v == 1, "para: a tab after");
	ok(!para("12-نص", &v, &lab, &body), "para: no space after the dash");
	ok(!para("0 - نص", &v, &lab, &body), "para: no paragraph 0");
	ok(!para("12 -", &v, &lab, &body), "para: no text");
}

static void
test_parse_heading(void)
{
	struct lparse lp;
	const char *s;

	memset(&lp, 0, sizeof lp);
	s = "أولاً - مقدمة";
	ok(imp_parse_heading(s, strlen(s), &lp) && lp.level == 1 &&
	    lp.value == 1, "heading: أولاً level 1, value 1");
	ok(lp.body_len == strlen("مقدمة") &&
	    memcmp(lp.body, "مقدمة", lp.body_len) == 0, "heading: title");
	ok(lp.label_len == strlen("أولاً"), "heading: label");
	s = "أولا ً - مقدمة";		/* the tanween split off by a space */
	ok(imp_parse_heading(s, strlen(s), &lp) && lp.level == 1 &&
	    lp.value == 1, "heading: split tanween أولا ً");
	ok(lp.label_len == strlen("أولا ً"), "heading: label as printed");
	s = "ثانيا ً - الولاية";
	ok(imp_parse_heading(s, strlen(s), &lp) && lp.value == 2,
	    "heading: split tanween ثانيا ً");
	s = "ثانياً – الولاية";		/* en dash */
	ok(imp_parse_heading(s, strlen(s), &lp) && lp.value == 2,
	    "heading: ثانياً with an en dash");
	s = "ألف - عنوان";
	ok(imp_parse_heading(s, strlen(s), &lp) && lp.level == 2 &&
	    lp.value == 1, "heading: ألف level 2");
	s = "باء - عنوان";
	ok(imp_parse_heading(s, strlen(s), &lp) && lp.level == 2 &&
	    lp.value == 2, "heading: باء is 2");
	s = "أولاً - بند في قائمة؛";
	ok(!imp_parse_heading(s, strlen(s), &lp),
	    "heading: a list item ending in ؛ is not");
	s = "الجمعية - العامة";
	ok(!imp_parse_heading(s, strlen(s), &lp),
	    "heading: a word that is no ordinal");
	s = "أولاً -";
	ok(!imp_parse_heading(s, strlen(s), &lp), "heading: no title");
}

static void
test_parse_sub(void)
{
	struct lparse lp;
	const char *s;

	memset(&lp, 0, sizeof lp);
	s = "(أ) نص";
	ok(imp_parse_sub(s, strlen(s), &lp) && lp.kind == L_SUB &&
	    lp.value == 1, "sub: (أ) is 1");
	ok(lp.label_len == strlen("(أ)") && lp.body_len == strlen("نص"),
	    "sub: label and body");
	s = "(ب) نص";
	ok(imp_parse_sub(s, strlen(s), &lp) && lp.value == 2, "sub: (ب) is 2");
	s = "(هـ) نص";
	ok(imp_parse_sub(s, strlen(s), &lp) && lp.value == 5,
	    "sub: (هـ) with its tatweel is 5");
	s = "- (ج) نص";
	ok(imp_parse_sub(s, strlen(s), &lp) && lp.value == 3,
	    "sub: after a dash");
	s = "’2‘ نص";
	ok(imp_parse_sub(s, strlen(s), &lp) && lp.kind == L_SUBSUB &&
	    lp.value == 2, "sub: ’2‘ is a sub-sub-paragraph");
	s = "(أ)نص";
	ok(!imp_parse_sub(s, strlen(s), &lp), "sub: no space after");
	s = "(12) نص";
	ok(!imp_parse_sub(s, strlen(s), &lp), "sub: digits are no letter");
}

static void
test_parse_fn(void)
{
	struct lparse lp;
	struct imp im;
	const char *s;

	imp_open(&im, "");
	s = "(12) نص";
	ok(!imp_parse_fn(&im, s, strlen(s), &lp),
	    "fn: no marker seen, not a footnote");
	imp_marks_scan(&im, "كلمة⁽¹²⁾", strlen("كلمة⁽¹²⁾"));
	ok(imp_parse_fn(&im, s, strlen(s), &lp) && lp.kind == L_FN &&
	    lp.value == 12, "fn: (12) after its marker");
	ok(lp.body_len == strlen("نص") && memcmp(lp.body, "نص", 4) == 0,
	    "fn: body");
	s = "(12) نص الحاشية (12)";
	ok(imp_parse_fn(&im, s, strlen(s), &lp) &&
	    lp.body_len == strlen("نص الحاشية"), "fn: repeated label dropped");
	s = ".نص الحاشية (12)";
	ok(imp_parse_fn(&im, s, strlen(s), &lp) && lp.dot_first &&
	    lp.value == 12 && lp.body_len == strlen("نص الحاشية"),
	    "fn: mirrored .text (12)");
	s = "(5) نص";
	ok(!imp_parse_fn(&im, s, strlen(s), &lp),
	    "fn: neither referred to nor next");
	s = "(1) نص";
	ok(imp_parse_fn(&im, s, strlen(s), &lp),
	    "fn: the next in sequence (after none) is taken");
	s = "* نص";
	ok(!imp_parse_fn(&im, s, strlen(s), &lp), "fn: * without a word*");
	im.star_mark = true;
	ok(imp_parse_fn(&im, s, strlen(s), &lp) && lp.star,
	    "fn: * after a word*");
	imp_close(&im);
}

static void
test_lines_assemble(void)
{
	struct imp im;
	const char *t =
	    "Distr.: General\n"
	    "12-43534\n"
	    "أولاً - مقدمة\n"
	    "1 - أول فقرة تمتد\n"
	    "على سطرين\n"
	    "(أ) فرعية⁽¹⁾.\n"
	    "3 - ثالثة.\n"
	    "(1) الحاشية الأولى.\n"
	    "نص آخر.\n";

	imp_open(&im, t);
	imp_lines_assemble(&im);
	is_int(im.body.n, 5, "lines: five body blocks");
	if (im.body.n == 5) {
		ok(im.body.v[0].kind == DOC_HEADING &&
		    im.body.v[0].level == 1, "lines: the heading");
		is_str(block_label(&im, &im.body, 0), "أولاً",
		    "lines: its label");
		ok(im.body.v[1].kind == DOC_PARA &&
		    im.body.v[1].number == 1 && im.body.v[1].section == 1,
		    "lines: paragraph 1 in section 1");
		is_str(block_text(&im.body, 1), "أول فقرة تمتد على سطرين",
		    "lines: a continuation line joined");
		ok(im.body.v[2].kind == DOC_SUBPARA &&
		    im.body.v[2].parent == 1, "lines: (أ) under paragraph 1");
		ok(im.body.v[3].kind == DOC_PARA && im.body.v[3].number == 3,
		    "lines: paragraph 3");
		ok(im.body.v[4].kind == DOC_TEXT, "lines: text after a list");
	}
	doc_finish(im.d);
	is_int(im.fns.n, 1, "lines: one footnote");
	if (im.fns.n == 1)
		is_str(block_label(&im, &im.fns, 0), "1", "lines: its label");
	ok(has_diag(im.d, "paragraph 3 follows paragraph 1"),
	    "lines: a gap in the numbers warned");
	ok(doc_dropped_count(im.d) == 2, "lines: meta and furniture dropped");
	imp_close(&im);
}

/* --- doc-style-wrapped.c -------------------------------------------------- */

static bool
detect(const char *t)
{
	struct imp im;
	bool r;

	imp_open(&im, t);
	r = imp_wrapped_detect(&im);
	imp_close(&im);
	return r;
}

static void
test_wrapped_detect(void)
{
	struct imp im;

	ok(detect("نص -1 أول\nتكملة\nنص -2 ثان\nنص -3 ثالث\n"),
	    "detect: three numbers -N after white space");
	ok(!detect("نص -1 أول\nنص -2 ثان\n"), "detect: two are not enough");
	ok(!detect("-1 أول\n-2 ثان\n-3 ثالث\n"),
	    "detect: -N at the line's start does not count");
	ok(!detect("نص -1 أول\nنص -2 ثان\nنص -3 ثالث\n"
	    "1 - أ\n2 - ب\n3 - ج\n4 - د\n"),
	    "detect: line-style numbers N - outnumber them");
	ok(!detect("1 - أول\n2 - ثان\n3 - ثالث\n"), "detect: line style");
	ok(!detect("نص-1 أول\nنص-2 ثان\nنص-3 ثالث\n"),
	    "detect: -N glued to a word does not count");
	ok(!detect("نص -4 أ\nنص -5 ب\nنص -6 ج\n"),
	    "detect: only -1 .. -3 count");
	imp_open(&im, "a\nb\n\nc");
	imp_wrapped_detect(&im);
	is_int(im.nlines, 4, "detect: counts the lines");
	imp_close(&im);
}

static void
test_wrapped_assemble(void)
{
	struct imp im;
	const char *t =
	    "A/67/170\n"
	    "مقدمة -أولاً\n"
	    "الفقرة الأولى -1 تبدأ هنا\n"
	    "وتستمر على السطر التالي\n"
	    "فرعية  (أ)  نصها\n"
	    "والفقرة -3 ليست التالية\n"
	    "الثانية -2 نصها\n"
	    "__________\n"
	    ")1( حاشية\n"
	    "تكملتها.\n";

	imp_open(&im, t);
	im.wrapped = true;
	imp_wrapped_assemble(&im);
	is_int(im.body.n, 4, "wrapped: four body blocks");
	if (im.body.n == 4) {
		ok(im.body.v[0].kind == DOC_HEADING &&
		    im.body.v[0].number == 1, "wrapped: the heading -أولاً");
		is_str(block_text(&im.body, 0), "مقدمة", "wrapped: its title");
		ok(im.body.v[1].kind == DOC_PARA && im.body.v[1].number == 1,
		    "wrapped: paragraph 1");
		is_str(block_label(&im, &im.body, 1), "1", "wrapped: label");
		is_str(block_text(&im.body, 1), "الفقرة الأولى تبدأ هنا "
		    "وتستمر على السطر التالي", "wrapped: lines joined");
		ok(im.body.v[2].kind == DOC_SUBPARA &&
		    im.body.v[2].parent == 1, "wrapped: (أ) under it");
		is_str(block_label(&im, &im.body, 2), "(أ)",
		    "wrapped: the letter's label");
		is_str(block_text(&im.body, 2), "فرعية نصها "
		    "والفقرة -3 ليست التالية",
		    "wrapped: -3 out of sequence is text");
		ok(im.body.v[3].kind == DOC_PARA && im.body.v[3].number == 2,
		    "wrapped: paragraph 2");
	}
	is_int(im.fns.n, 1, "wrapped: one footnote after the separator");
	if (im.fns.n == 1) {
		is_str(block_label(&im, &im.fns, 0), "1",
		    "wrapped: footnote label");
		is_str(block_text(&im.fns, 0), "حاشية تكملتها.",
		    "wrapped: footnote lines joined");
	}
	doc_finish(im.d);
	is_str(doc_meta(im.d)->symbol, "A/67/170", "wrapped: the symbol");
	imp_close(&im);
}

/* --- doc-inline.c --------------------------------------------------------- */

struct parsed {
	char		 text[256];
	size_t		 n;
	struct doc_span	 sp[8];
	char		 lab[8][8];
	bool		 nfc_ok;
	bool		 copied;
};

static void
parse(const char *s, bool wrapped, bool star_fn, struct parsed *p)
{
	struct inl in;
	size_t i;

	memset(&in, 0, sizeof in);
	buf_init(&in.out);
	buf_init(&in.labs);
	memset(p, 0, sizeof *p);
	p->nfc_ok = imp_inline_parse(&in, s, strlen(s), wrapped, star_fn,
	    true);
	if (!p->nfc_ok)
		imp_inline_parse(&in, s, strlen(s), wrapped, star_fn, false);
	snprintf(p->text, sizeof p->text, "%.*s", (int)in.len, in.text);
	p->copied = in.text != s;
	p->n = in.nspans < 8 ? in.nspans : 8;
	for (i = 0; i < p->n; i++) {
		p->sp[i] = in.spans[i];
		snprintf(p->lab[i], sizeof p->lab[i], "%s",
		    in.spans[i].label != NULL ? in.spans[i].label : "");
	}
	imp_inline_free(&in);
}

static void
test_inline(void)
{
	struct parsed p;

	parse("نص عادي بلا علامات", false, false, &p);
	ok(!p.copied && p.n == 0 && p.nfc_ok, "inline: plain text not copied");
	parse("a  \t b\xC2\xA0 c", false, false, &p);
	is_str(p.text, "a b c", "inline: white space collapsed");
	parse("**bold** x", false, false, &p);
	is_str(p.text, "bold x", "inline: ** taken out");
	ok(p.n == 1 && p.sp[0].kind == DOC_SPAN_BOLD && p.sp[0].start == 0 &&
	    p.sp[0].end == 4, "inline: a bold span");
	parse("x *italic* y", false, false, &p);
	is_str(p.text, "x italic y", "inline: * * taken out");
	ok(p.n == 1 && p.sp[0].kind == DOC_SPAN_ITALIC &&
	    p.sp[0].start == 2 && p.sp[0].end == 8, "inline: an italic span");
	parse("كلمة⁽¹⁸⁾ بعد", false, false, &p);
	is_str(p.text, "كلمة⁽¹⁸⁾ بعد", "inline: ⁽¹⁸⁾ stays in the text");
	ok(p.n == 1 && p.sp[0].kind == DOC_SPAN_FOOTREF &&
	    p.sp[0].start == 4 && p.sp[0].end == 8 &&
	    strcmp(p.lab[0], "18") == 0, "inline: ⁽¹⁸⁾ is a footref 18");
	parse("كلمة^(3) بعد", false, false, &p);
	is_str(p.text, "كلمة(3) بعد", "inline: ^(3) written (3)");
	ok(p.n == 1 && p.sp[0].kind == DOC_SPAN_FOOTREF &&
	    p.sp[0].start == 4 && p.sp[0].end == 7 &&
	    strcmp(p.lab[0], "3") == 0, "inline: ^(3) is a footref 3");
	parse("كلمة)3( بعد", true, false, &p);
	is_str(p.text, "كلمة(3) بعد", "inline: mirrored )3( unmirrored");
	ok(p.n == 1 && strcmp(p.lab[0], "3") == 0,
	    "inline: )3( a footref in hard-wrapped text");
	parse("كلمة)3( بعد", false, false, &p);
	ok(p.n == 0, "inline: )3( nothing in line style");
	parse("كلمة* بعد", false, true, &p);
	ok(p.n == 1 && p.sp[0].kind == DOC_SPAN_FOOTREF &&
	    strcmp(p.lab[0], "*") == 0, "inline: word* a marker");
	parse("كلمة* بعد", false, false, &p);
	ok(p.n == 0, "inline: word* literal without a * footnote");
	parse("كـــلمة", false, false, &p);
	is_str(p.text, "كلمة", "inline: a tatweel run taken out");
	parse("\xE2\x80\xAB" "نص" "\xE2\x80\xAC", false, false, &p);
	is_str(p.text, "نص", "inline: bidi embeddings dropped");
	parse("e\xCC\x81", false, false, &p);	/* e + combining acute */
	ok(!p.nfc_ok, "inline: text that may not be NFC is sent back");
}

/* --- doc-emit.c ----------------------------------------------------------- */

static void
test_emit(void)
{
	struct imp im;
	char *sym;

	imp_open(&im, "one\n\ftwo\nthree\n\f\nfour\n\f\n");
	imp_pages_find(&im);
	is_int(im.nff, 2, "pages: two page starts (the last \\f none)");
	ok(im.nff == 2 && im.ffline[0] == 2 && im.ffline[1] == 5,
	    "pages: on lines 2 and 5 (a blank \\f line: the next)");
	doc_finish(im.d);
	is_int(doc_page_count(im.d), 3, "pages: three");
	imp_close(&im);
	imp_open(&im, "one\f\ftwo\nthree\n");
	imp_pages_find(&im);
	ok(im.nff == 1 && im.ffline[0] == 1,
	    "pages: two form feeds on a line make one break");
	doc_finish(im.d);
	is_int(doc_page_count(im.d), 2, "pages: two");
	imp_close(&im);
	imp_open(&im, "one\ntwo\n");
	imp_pages_find(&im);
	doc_finish(im.d);
	ok(im.nff == 0 && doc_page_count(im.d) == 0,
	    "pages: no form feed, no pages");
	imp_close(&im);

	imp_open(&im, "A/67/170\nالبند 28 من جدول الأعمال\nعنوان البند\n"
	    "عنوان الوثيقة\n");
	imp_title_find(&im);
	imp_symbol_from_name(&im, "A_99_1.txt");
	doc_finish(im.d);
	is_str(doc_meta(im.d)->title, "عنوان الوثيقة",
	    "title: after the agenda item and its title");
	is_str(doc_meta(im.d)->symbol, "A/99/1", "symbol: from the name");
	ok(doc_meta(im.d)->symbol_from_name, "symbol: said so");
	imp_close(&im);
	sym = doc_symbol_from_name("dir/A_67_170.txt");
	is_str(sym, "A/67/170", "symbol: A_67_170.txt");
	free(sym);
	ok(doc_symbol_from_name("notes.txt") == NULL, "symbol: none");
}

int
main(void)
{
	test_decode();
	test_file_read();
	test_lineclass();
	test_blocks();
	test_parse_para();
	test_parse_heading();
	test_parse_sub();
	test_parse_fn();
	test_lines_assemble();
	test_wrapped_detect();
	test_wrapped_assemble();
	test_inline();
	test_emit();
	buf_free(&gathered);
	return tap_done();
}
