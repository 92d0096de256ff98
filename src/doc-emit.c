/*
 * doc-emit.c - the last stage of the text importer: working blocks ->
 * struct doc.  Pages from the form feeds, the title and symbol from the
 * front matter and the file name, and each block's pieces joined, made
 * NFC where they are not (ICU through text.h, rarely) and parsed for
 * inline markup (doc-inline.c) on their way into the document's arena.
 */
#include <stdlib.h>
#include <string.h>

#include "doc-furniture.h"
#include "doc-import-int.h"
#include "text.h"

/* --- pages ------------------------------------------------------------- */

/*
 * The lines where pages start, from the form feeds of the text
 * (pdftotext writes one before each page after the first, at the start
 * of the page's first line, and one after the last page).  A form feed
 * with nothing but white space after it on its line starts the page on
 * the next line; one with nothing but white space after it in the whole
 * text starts no page.  Lines are counted by their LF, as line_next()
 * does for LF and CRLF text.  One memchr() pass when there is no form
 * feed, which is nearly always.
 */
void
imp_pages_find(struct imp *im)
{
	const char *t = im->text, *p, *q, *e = im->text + im->tlen;
	size_t line = 1, cap = 0, k;
	bool blank;

	for (p = memchr(t, '\f', im->tlen), q = t; p != NULL;
	    p = memchr(p + 1, '\f', (size_t)(e - p - 1))) {
		im->any_ff = true;
		for (k = 0; p + 1 + k < e && (p[1 + k] == ' ' ||
		    p[1 + k] == '\t' || p[1 + k] == '\r' || p[1 + k] == '\n' ||
		    p[1 + k] == '\f' || p[1 + k] == '\v'); k++)
			;
		if (p + 1 + k == e)
			break;			/* after the last page */
		for (; (q = memchr(q, '\n', (size_t)(p - q))) != NULL; q++)
			line++;
		q = p;
		/* Blank after it on its line: the page starts on the next. */
		blank = true;
		for (k = 1; p + k < e && p[k] != '\n'; k++)
			if (p[k] != ' ' && p[k] != '\t' && p[k] != '\r' &&
			    p[k] != '\f' && p[k] != '\v') {
				blank = false;
				break;
			}
		if (im->nff == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			im->ffline = xreallocarray(im->ffline, cap,
			    sizeof *im->ffline);
		}
		/* Two form feeds on one line make one page break. */
		if (im->nff == 0 || im->ffline[im->nff - 1] !=
		    line + (blank ? 1 : 0))
			im->ffline[im->nff++] = line + (blank ? 1 : 0);
	}
	if (im->any_ff)
		doc_pages_set(im->d, im->nff + 1);
}

/* The page of a block that starts on line, 0 without form feeds. */
static size_t
page_of(const struct imp *im, size_t line)
{
	size_t lo = 0, hi = im->nff, mid;

	if (!im->any_ff)
		return 0;
	while (lo < hi) {		/* form feeds on lines <= line */
		mid = lo + (hi - lo) / 2;
		if (im->ffline[mid] <= line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo + 1;
}

void
imp_emit(struct imp *im, const struct wlist *wl, struct inl *in)
{
	struct doc_block_init bi;
	const struct wb *b;
	struct buf tmp, nfc;
	size_t i;

	buf_init(&tmp);
	buf_init(&nfc);
	for (i = 0; i < wl->n; i++) {
		const char *raw;
		size_t rn;

		b = &wl->v[i];
		if (b->nseg == 1 && !b->dot && !(im->wrapped &&
		    b->kind == DOC_FOOTNOTE)) {
			/* One piece, as it is (most blocks): no copy. */
			raw = wl->seg[b->seg0].s;
			rn = wl->seg[b->seg0].n;
		} else {
			imp_block_gather(wl, b, &tmp);
			if (b->dot)
				buf_addc(&tmp, '.');
			raw = tmp.data != NULL ? tmp.data : "";
			rn = tmp.len;
		}
		/* A mirrored footnote ".text": its full stop goes last. */
		if (im->wrapped && b->kind == DOC_FOOTNOTE && rn > 1 &&
		    raw[0] == '.' && raw[rn - 1] != '.') {
			memmove(tmp.data, tmp.data + 1, rn - 1);
			tmp.data[rn - 1] = '.';
		}
		/*
		 * NFC block by block: most blocks are NFC already, which
		 * imp_inline_parse() finds on its way through the text.
		 */
		if (!imp_inline_parse(in, raw, rn, im->wrapped, im->star_fn,
		    true)) {
			buf_reset(&nfc);
			if (text_utf8_nfc(raw, rn, &nfc)) {
				raw = nfc.data;
				rn = nfc.len;
			}
			imp_inline_parse(in, raw, rn, im->wrapped, im->star_fn,
			    false);
		}
		memset(&bi, 0, sizeof bi);
		bi.kind = b->kind;
		bi.level = b->level;
		bi.label = b->label != NOFF ? im->labels.data + b->label :
		    NULL;
		bi.number = b->kind == DOC_PARA || b->kind == DOC_SUBPARA ?
		    b->number : 0;
		bi.section = b->section;
		bi.line = src_line(im, b->line);
		bi.page = page_of(im, b->line);
		bi.parent = b->parent;
		bi.text = in->text;
		bi.text_len = in->len;
		bi.spans = in->spans;
		bi.nspans = in->nspans;
		doc_block_add(im->d, &bi);
	}
	buf_free(&tmp);
	buf_free(&nfc);
}

/* --- metadata from the front matter ------------------------------------ */

/*
 * The title: after the agenda item line ("البند ٢٨ من جدول الأعمال") and
 * the item's own title come, in a report, the document's title; in a
 * draft resolution first the sponsors ("...: مشروع قرار"), then the title.
 */
void
imp_title_find(struct imp *im)
{
	size_t stage = 0;
	struct lines it;
	struct line line;
	const char *s;
	size_t n;

	lines_init(&it, im);
	while (it.no < 80 && line_next(&it, &line)) {
		s = line.s;
		n = line.len;
		trim(&s, &n);
		if (n == 0)
			continue;
		if (stage == 0) {
			if (mem_find(s, n, "جدول الأعمال"))
				stage = 1;
			continue;
		}
		if (stage == 1) {		/* the agenda item's title */
			stage = 2;
			continue;
		}
		if (n > 300 || mem_find(s, n, "مشروع قرار"))
			continue;
		doc_meta_set(im->d, DOC_META_TITLE, s, n);
		return;
	}
}

/* "A_67_170.txt" -> "A/67/170" (caller frees), or NULL. */
char *
doc_symbol_from_name(const char *name)
{
	const char *base, *dot;
	struct buf b;
	size_t i, n;

	base = strrchr(name, '/');
	base = base != NULL ? base + 1 : name;
	dot = strrchr(base, '.');
	n = dot != NULL ? (size_t)(dot - base) : strlen(base);
	buf_init(&b);
	for (i = 0; i < n; i++)
		buf_addc(&b, base[i] == '_' ? '/' : base[i]);
	if (b.len > 0 && memchr(b.data, '/', b.len) != NULL &&
	    dl_is_symbol(b.data, b.len))
		return buf_steal(&b);
	buf_free(&b);
	return NULL;
}

/* The symbol of the file name, when the text names none. */
void
imp_symbol_from_name(struct imp *im, const char *name)
{
	char *sym;

	if (name == NULL || doc_meta_isset(im->d, DOC_META_SYMBOL) ||
	    (sym = doc_symbol_from_name(name)) == NULL)
		return;
	doc_meta_set(im->d, DOC_META_SYMBOL, sym, strlen(sym));
	doc_meta_symbol_from_name(im->d);
	free(sym);
}
