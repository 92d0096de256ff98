/*
 * notes-export.c - `hamish notes export`: Markdown, CSV and JSON.
 *
 * Writes the annotations of open notes (notes.c) as placed on each
 * document's current text.  Markdown is for people (students quoting a
 * report), CSV for spreadsheets, JSON for programs and for `hamish notes
 * import`: a W3C Web Annotation collection whose hamish:* fields are
 * what store_import_json() (store.c) reads back.  Markdown and CSV show
 * control characters as visible symbols (they may reach a terminal);
 * JSON escapes them and keeps every byte.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anchor.h"
#include "doc.h"
#include "notes.h"
#include "store.h"
#include "text.h"
#include "util.h"

bool
notes_format_parse(const char *name, enum notes_format *out)
{
	static const struct {
		const char *name;
		enum notes_format f;
	} tab[] = {
		{ "md", NOTES_MD }, { "markdown", NOTES_MD },
		{ "csv", NOTES_CSV }, { "json", NOTES_JSON }
	};

	for (size_t i = 0; i < UTIL_NELEM(tab); i++)
		if (strcmp(name, tab[i].name) == 0) {
			*out = tab[i].f;
			return true;
		}
	return false;
}

/*
 * What one exported annotation says: the anchor as it now stands (made
 * afresh on the current text when the annotation found its place, the
 * stored one otherwise), where it is and how sure that is.
 */
struct item {
	const struct note *nt;
	struct anchor	 a;		/* owned when made */
	bool		 made;
	const char	*address;	/* borrowed; NULL: none */
	char		 where[96];	/* address, else «a heading's words» */
	size_t		 pos_start;	/* TextPositionSelector */
	size_t		 pos_end;
	bool		 has_pos;
	char		 doc_hash[17];
};

/*
 * «The first words» of block i (a heading, a title: a place without an
 * address) into out, cut at a space so that it fits, for a reader who
 * does not know the importer's block numbers.
 */
static void
block_words(char *out, size_t size, const struct doc *d, size_t i)
{
	size_t len, n, room = size - sizeof "«…»";
	const char *t = doc_block_text(d, i, &len);

	if (t == NULL)
		len = 0;
	n = len;
	if (n > room) {
		for (n = room; n > 0 && t[n] != ' '; n--)
			;
		if (n == 0)
			n = text_utf8_cut(t, len, room);
	}
	snprintf(out, size, "«%.*s%s»", (int)n, t != NULL ? t : "",
	    n < len ? "…" : "");
}

static void
item_init(struct item *it, struct notes *ns, const struct note *nt,
    struct anchor_doc *ad)
{
	const struct doc *d = notes_doc(ns);
	bool placed = nt->status == ANCHOR_EXACT ||
	    nt->status == ANCHOR_MOVED || nt->status == ANCHOR_FUZZY;

	memset(it, 0, sizeof *it);
	it->nt = nt;
	if (d != NULL && placed) {
		anchor_make(ad, nt->block, nt->start, nt->end, nt->whole,
		    &it->a);
		it->made = true;
		it->has_pos = true;
		it->pos_start = anchor_doc_offset(ad, nt->block) + it->a.start;
		it->pos_end = anchor_doc_offset(ad, nt->block) + it->a.end;
	} else
		it->a = nt->sn->anchor;
	if (d != NULL && nt->status != ANCHOR_ORPHAN)
		it->address = doc_block_address(d, nt->block);
	else
		it->address = it->a.para;
	if (it->address != NULL)
		snprintf(it->where, sizeof it->where, "%s", it->address);
	else if (d != NULL && nt->status != ANCHOR_ORPHAN)
		block_words(it->where, sizeof it->where, d, nt->block);
	else
		snprintf(it->where, sizeof it->where, "(no paragraph number)");
	snprintf(it->doc_hash, sizeof it->doc_hash, "%016llx",
	    (unsigned long long)it->a.doc_hash);
}

static void
item_clear(struct item *it)
{
	if (it->made)
		anchor_clear(&it->a);
}

/*
 * Who a document is in an export: from its text when there is one,
 * else from the store's row.  Strings borrowed, family owned.
 */
struct who {
	const char	*name;		/* symbol, title or path */
	const char	*path;
	const char	*symbol;
	const char	*title;
	char		*family;
	char		*block;		/* title block, without a family */
	const char	*source;	/* the symbol or NULL */
};

static void
who_init(struct who *w, const struct doc *d, const char *path,
    const struct store_doc *sd)
{
	memset(w, 0, sizeof *w);
	w->path = path != NULL ? path : sd != NULL ? sd->path : NULL;
	if (d != NULL) {
		w->symbol = doc_meta(d)->symbol;
		w->title = doc_meta(d)->title;
		w->family = notes_symbol_family(w->symbol);
		if (w->family == NULL)
			w->block = notes_title_block(d);
		if (w->block != NULL)
			w->title = w->block;
	} else if (sd != NULL) {
		w->symbol = sd->symbol;
		w->title = sd->title;
		w->family = sd->family != NULL ? xstrdup(sd->family) : NULL;
	}
	w->source = w->symbol;
	w->name = w->symbol != NULL ? w->symbol : w->title != NULL ?
	    w->title : w->path != NULL ? w->path : "(unknown document)";
}

static void
who_clear(struct who *w)
{
	free(w->family);
	free(w->block);
}

/* s with control characters made visible, for Markdown and CSV. */
static void
add_visible(struct buf *b, const char *s)
{
	if (s != NULL)
		text_utf8_visible(b, s, strlen(s));
}

/* --- Markdown ------------------------------------------------------ */

static void
md_lines(struct buf *b, const char *prefix, const char *s)
{
	const char *p = s, *nl;

	do {
		nl = strchr(p, '\n');
		buf_adds(b, prefix);
		text_utf8_visible(b, p, nl ? (size_t)(nl - p) : strlen(p));
		buf_addc(b, '\n');
		p = nl + 1;
	} while (nl != NULL);
}

/* What a status means to a reader of the export. */
static const char *
md_status(enum anchor_status st)
{
	switch (st) {
	case ANCHOR_EXACT:	return "in place";
	case ANCHOR_MOVED:	return "moved";
	case ANCHOR_FUZZY:	return "moved, the words changed a little";
	case ANCHOR_REVIEW:	return "needs review";
	case ANCHOR_ORPHAN:	return "not found in this text";
	default:		return "";
	}
}

/* s (UTF-8, control characters made visible) with < > & escaped, for
 * inside an HTML element. */
static void
md_html(struct buf *b, const char *s)
{
	struct buf v;

	buf_init(&v);
	text_utf8_visible(&v, s, strlen(s));
	for (size_t i = 0; i < v.len; i++)
		switch (v.data[i]) {
		case '<':	buf_adds(b, "&lt;"); break;
		case '>':	buf_adds(b, "&gt;"); break;
		case '&':	buf_adds(b, "&amp;"); break;
		case '\n':	buf_adds(b, "<br>"); break;
		default:	buf_addc(b, v.data[i]); break;
		}
	buf_free(&v);
}

/* Whether s holds Arabic letters (U+0600-U+06FF: lead bytes D8-DB). */
static bool
md_arabic(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0xD8 && (unsigned char)*s <= 0xDB)
			return true;
	return false;
}

/*
 * One annotation: the passage quoted (Arabic in a right-to-left block,
 * which Markdown passes to HTML as it is), the note (a block quote when
 * it has several lines), then what it is and where it stands in words:
 *
 *   <blockquote dir="rtl" lang="ar">يمثّل القانون الدولي</blockquote>
 *
 *   > first line of the note
 *   > second line
 *
 *   *highlight yellow · in place · 2026-11-22*
 */
static void
md_item(struct buf *b, const struct item *it)
{
	const struct note *nt = it->nt;
	const char *q = it->a.exact != NULL ? it->a.exact : "";

	if (md_arabic(q)) {
		buf_adds(b, "<blockquote dir=\"rtl\" lang=\"ar\">");
		md_html(b, q);
		buf_adds(b, "</blockquote>\n\n");
	} else {
		md_lines(b, "> ", q);
		buf_addc(b, '\n');
	}
	if (nt->sn->text != NULL) {
		md_lines(b, strchr(nt->sn->text, '\n') != NULL ? "> " : "",
		    nt->sn->text);
		buf_addc(b, '\n');
	}
	buf_adds(b, "*");
	if (nt->whole)
		buf_adds(b, "paragraph · ");
	if (nt->sn->style != NULL) {
		buf_adds(b, "highlight ");
		add_visible(b, nt->sn->style);
		buf_adds(b, " · ");
	}
	buf_adds(b, md_status(nt->status));
	if (nt->sn->modified != NULL) {
		/* the date of the time (the database's text: shown safely) */
		buf_adds(b, " · ");
		text_utf8_visible(b, nt->sn->modified,
		    strnlen(nt->sn->modified, 10));
	}
	buf_adds(b, "*\n\n");
}

static void
md_doc(struct buf *b, const struct who *w, struct item *items, size_t n)
{
	const char *last = "", *section = NULL;

	/* titled by symbol and title, never a path */
	buf_adds(b, "# ");
	if (w->symbol != NULL || w->title != NULL) {
		add_visible(b, w->symbol != NULL ? w->symbol : w->title);
		if (w->symbol != NULL && w->title != NULL) {
			buf_adds(b, " — ");
			add_visible(b, w->title);
		}
	} else if (w->path != NULL) {
		const char *slash = strrchr(w->path, '/');

		add_visible(b, slash != NULL ? slash + 1 : w->path);
	} else
		buf_adds(b, "Untitled document");
	buf_adds(b, "\n\n");
	if (w->path != NULL) {
		buf_adds(b, "File: ");
		add_visible(b, w->path);
		buf_adds(b, "\n\n");
	}
	if (n == 0)
		buf_adds(b, "No annotations.\n\n");
	for (size_t i = 0; i < n; i++) {
		const struct item *it = &items[i];
		const char *sec = it->nt->status == ANCHOR_ORPHAN ? "Orphans" :
		    it->nt->status == ANCHOR_REVIEW ? "Needs review" : NULL;

		if (sec != NULL && sec != section) {
			buf_addf(b, "## %s\n\n", sec);
			section = sec;
			last = "";
		}
		if (strcmp(last, it->where) != 0) {
			buf_adds(b, section != NULL ? "### " : "## ");
			if (it->address != NULL)
				buf_adds(b, "¶ ");
			add_visible(b, it->where);
			buf_adds(b, "\n\n");
			last = it->where;
		}
		md_item(b, it);
	}
}

/* --- CSV (RFC 4180) ------------------------------------------------ */

static void
csv_field(struct buf *b, const char *s, bool last)
{
	struct buf v;

	buf_init(&v);
	if (s != NULL) {
		/* line ends stay (quoted); other controls made visible */
		for (const char *p = s; *p != '\0'; ) {
			size_t k = strcspn(p, "\n");

			text_utf8_visible(&v, p, k);
			p += k;
			if (*p == '\n') {
				buf_addc(&v, '\n');
				p++;
			}
		}
	}
	buf_addc(b, '"');
	for (size_t i = 0; i < v.len; i++) {
		if (v.data[i] == '"')
			buf_addc(b, '"');
		buf_addc(b, v.data[i]);
	}
	buf_addc(b, '"');
	buf_adds(b, last ? "\r\n" : ",");
	buf_free(&v);
}

static void
csv_doc(struct buf *b, const struct who *w, struct item *items, size_t n)
{
	const char *name = w->name;

	for (size_t i = 0; i < n; i++) {
		const struct item *it = &items[i];
		const struct store_note *sn = it->nt->sn;

		csv_field(b, name, false);
		csv_field(b, it->where, false);
		csv_field(b, anchor_status_name(it->nt->status), false);
		csv_field(b, sn->style, false);
		csv_field(b, it->a.exact, false);
		csv_field(b, sn->text, false);
		csv_field(b, it->a.prefix, false);
		csv_field(b, it->a.suffix, false);
		csv_field(b, sn->created, false);
		csv_field(b, sn->modified, false);
		csv_field(b, sn->uuid, true);
	}
}

/* --- JSON (W3C Web Annotation) ------------------------------------- */

/*
 * v (or null) as a JSON string that is valid whatever the database
 * holds: ill-formed UTF-8 (a byte an older import let in) as U+FFFD,
 * controls escaped by buf_add_json().
 */
static void
json_str(struct buf *b, const char *v)
{
	struct buf t;

	if (v == NULL) {
		buf_add_json(b, NULL);
		return;
	}
	buf_init(&t);
	text_utf8_valid(&t, v, strlen(v));
	buf_add_json(b, t.data != NULL ? t.data : "");
	buf_free(&t);
}

static void
json_kv(struct buf *b, const char *k, const char *v)
{
	buf_addf(b, "\"%s\": ", k);
	json_str(b, v);
}

static void
json_item(struct buf *b, const struct item *it, const struct who *w,
    bool comma)
{
	const struct note *nt = it->nt;
	const struct store_note *sn = nt->sn;
	char hash[17], *id;

	buf_adds(b, comma ? ",\n    {" : "\n    {");
	id = xasprintf("urn:uuid:%s", sn->uuid);
	json_kv(b, "id", id);
	free(id);
	buf_adds(b, ", \"type\": \"Annotation\", ");
	buf_addf(b, "\"motivation\": \"%s\",\n      ",
	    sn->text != NULL ? "commenting" : "highlighting");
	json_kv(b, "created", sn->created);
	buf_adds(b, ", ");
	json_kv(b, "modified", sn->modified);
	if (sn->text != NULL) {
		buf_adds(b, ",\n      \"body\": {\"type\": \"TextualBody\", ");
		json_kv(b, "value", sn->text);
		buf_adds(b, ", \"format\": \"text/plain\"}");
	}
	buf_adds(b, ",\n      \"target\": {\"source\": ");
	if (w->source != NULL)
		json_str(b, w->source);
	else
		buf_addf(b, "\"urn:hamish:text:%s\"", it->doc_hash);
	buf_adds(b, ", \"selector\": [\n        "
	    "{\"type\": \"TextQuoteSelector\", ");
	json_kv(b, "exact", it->a.exact);
	buf_adds(b, ", ");
	json_kv(b, "prefix", it->a.prefix);
	buf_adds(b, ", ");
	json_kv(b, "suffix", it->a.suffix);
	buf_adds(b, "}");
	if (it->has_pos)
		buf_addf(b, ",\n        {\"type\": \"TextPositionSelector\", "
		    "\"start\": %zu, \"end\": %zu}", it->pos_start,
		    it->pos_end);
	buf_adds(b, "]},\n      ");
	buf_addf(b, "\"hamish:deleted\": %s, ", sn->deleted ? "true" : "false");
	json_kv(b, "hamish:style", sn->style);
	buf_adds(b, ", ");
	json_kv(b, "hamish:address", it->address);
	buf_addf(b, ", \"hamish:status\": \"%s\",\n      ",
	    anchor_status_name(nt->status));
	buf_adds(b, "\"hamish:document\": {");
	json_kv(b, "family", w->family);
	buf_adds(b, ", ");
	json_kv(b, "symbol", w->symbol);
	buf_adds(b, ", ");
	json_kv(b, "title", w->title);
	buf_adds(b, "},\n      \"hamish:anchor\": {");
	buf_addf(b, "\"block\": %zu, \"start\": %zu, \"end\": %zu, "
	    "\"whole\": %s, ", it->a.block, it->a.start, it->a.end,
	    it->a.whole ? "true" : "false");
	json_kv(b, "paragraph", it->a.para);
	snprintf(hash, sizeof hash, "%016llx",
	    (unsigned long long)it->a.para_fp);
	buf_addf(b, ", \"paragraphHash\": \"%s\", \"documentHash\": \"%s\", "
	    "\"status\": \"%s\", \"score\": %.3f}}", hash, it->doc_hash,
	    anchor_status_name(it->made ? nt->status : sn->status),
	    it->made ? nt->score : sn->score);
}

void
notes_export_begin(struct notes_export *x, struct buf *b,
    enum notes_format f)
{
	x->out = b;
	x->format = f;
	x->items = 0;
	switch (f) {
	case NOTES_MD:
		break;
	case NOTES_CSV:
		buf_adds(b, "document,address,status,style,quote,note,prefix,"
		    "suffix,created,modified,uuid\r\n");
		break;
	case NOTES_JSON:
		buf_adds(b, "{\"@context\": \"http://www.w3.org/ns/anno.jsonld\""
		    ", \"type\": \"AnnotationCollection\", \"generator\": "
		    "\"hamish\",\n  \"items\": [");
		break;
	}
}

void
notes_export_add(struct notes_export *x, struct notes *ns, const char *path,
    const struct store_doc *sd)
{
	const struct doc *d = notes_doc(ns);
	struct anchor_doc *ad = d != NULL ? anchor_doc_new(d) : NULL;
	size_t n = notes_count(ns);
	struct item *items = xcalloc(n ? n : 1, sizeof *items);
	struct who w;

	who_init(&w, d, path, sd);
	for (size_t i = 0; i < n; i++)
		item_init(&items[i], ns, notes_get(ns, i), ad);
	switch (x->format) {
	case NOTES_MD:
		md_doc(x->out, &w, items, n);
		break;
	case NOTES_CSV:
		csv_doc(x->out, &w, items, n);
		break;
	case NOTES_JSON:
		for (size_t i = 0; i < n; i++)
			json_item(x->out, &items[i], &w, x->items + i > 0);
		break;
	}
	x->items += n;
	for (size_t i = 0; i < n; i++)
		item_clear(&items[i]);
	free(items);
	who_clear(&w);
	anchor_doc_free(ad);
}

void
notes_export_end(struct notes_export *x)
{
	if (x->format == NOTES_JSON)
		buf_adds(x->out, "\n  ]}\n");
}
