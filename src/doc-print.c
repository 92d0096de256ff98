/*
 * doc-print.c - the printers of the document model: the outline and the
 * JSON dump.  They format into a buffer and use the public accessors
 * only; main.c writes the buffer out.
 *
 * JSON (one object, keys always present, absent values null):
 *   meta     {symbol, symbol_from_name, distribution, date, date_iso,
 *             language, original, title, encoding, pages}
 *   blocks   [{index, kind, level, address, label, number, section, line,
 *             page, parent, text, footnotes: [label...], spans: [{kind, start,
 *             end, label}...], refs: [block index...]}]
 *            kind: heading para subpara preamble footnote text; number:
 *            integer for para, else null; section: ordinal of the
 *            enclosing top-level heading or null; refs: for footnotes,
 *            the blocks that refer to it; page: the page the block
 *            starts on, pages: their number (both null for a text with
 *            no form feed).
 *   dropped  [{line, reason, text}]   reason: furniture or metadata
 *   diagnostics [{level, line, message}]
 */
#include <string.h>

#include "doc.h"
#include "util.h"

static const char *const kind_names[] = {
	"heading", "para", "subpara", "preamble", "footnote", "text"
};

static const char *const span_names[] = {
	"bold", "italic", "footref"
};

static void
json_key(struct buf *b, const char *k, const char *v, bool comma)
{
	buf_addf(b, "%s\"%s\": ", comma ? ", " : "", k);
	buf_add_json(b, v);
}

void
doc_json_print(struct buf *b, const struct doc *d)
{
	const struct doc_meta *m = doc_meta(d);
	const struct doc_span *sp;
	const struct doc_diag *dg;
	const char *why, *text;
	size_t i, k, n, line;
	int sec;

	buf_adds(b, "{\"meta\": {");
	json_key(b, "symbol", m->symbol, false);
	buf_addf(b, ", \"symbol_from_name\": %s",
	    m->symbol_from_name ? "true" : "false");
	json_key(b, "distribution", m->distribution, true);
	json_key(b, "date", m->date, true);
	json_key(b, "date_iso", m->date_iso, true);
	json_key(b, "language", m->language, true);
	json_key(b, "original", m->original, true);
	json_key(b, "title", m->title, true);
	json_key(b, "encoding", m->encoding, true);
	if (doc_page_count(d) > 0)
		buf_addf(b, ", \"pages\": %zu", doc_page_count(d));
	else
		buf_adds(b, ", \"pages\": null");
	buf_adds(b, "},\n\"blocks\": [");
	for (i = 0; i < doc_block_count(d); i++) {
		enum doc_kind kind = doc_block_kind(d, i);

		buf_addf(b, "%s\n{\"index\": %zu, \"kind\": \"%s\", "
		    "\"level\": %d", i > 0 ? "," : "", i, kind_names[kind],
		    doc_block_level(d, i));
		json_key(b, "address", doc_block_address(d, i), true);
		json_key(b, "label", doc_block_label(d, i), true);
		if (kind == DOC_PARA)
			buf_addf(b, ", \"number\": %ld",
			    doc_block_number(d, i));
		else
			buf_adds(b, ", \"number\": null");
		sec = doc_block_section(d, i);
		if (sec > 0)
			buf_addf(b, ", \"section\": %d", sec);
		else
			buf_adds(b, ", \"section\": null");
		buf_addf(b, ", \"line\": %zu", doc_block_line(d, i));
		if (doc_block_page(d, i) > 0)
			buf_addf(b, ", \"page\": %zu", doc_block_page(d, i));
		else
			buf_adds(b, ", \"page\": null");
		if (doc_block_parent(d, i) != (size_t)-1)
			buf_addf(b, ", \"parent\": %zu",
			    doc_block_parent(d, i));
		else
			buf_adds(b, ", \"parent\": null");
		json_key(b, "text", doc_block_text(d, i, NULL), true);
		buf_adds(b, ", \"footnotes\": [");
		for (k = 0; k < doc_block_fn_count(d, i); k++) {
			if (k > 0)
				buf_adds(b, ", ");
			buf_add_json(b, doc_block_fn(d, i, k));
		}
		buf_adds(b, "], \"spans\": [");
		sp = doc_block_spans(d, i, &n);
		for (k = 0; k < n; k++) {
			buf_addf(b, "%s{\"kind\": \"%s\", \"start\": %zu, "
			    "\"end\": %zu", k > 0 ? ", " : "",
			    span_names[sp[k].kind], sp[k].start, sp[k].end);
			json_key(b, "label", sp[k].label, true);
			buf_addc(b, '}');
		}
		buf_adds(b, "], \"refs\": [");
		for (k = 0; k < doc_block_ref_count(d, i); k++)
			buf_addf(b, "%s%zu", k > 0 ? ", " : "",
			    doc_block_ref(d, i, k));
		buf_adds(b, "]}");
	}
	buf_adds(b, "],\n\"dropped\": [");
	for (i = 0; i < doc_dropped_count(d); i++) {
		text = doc_dropped(d, i, &line, &why);
		buf_addf(b, "%s\n{\"line\": %zu", i > 0 ? "," : "", line);
		json_key(b, "reason", why, true);
		json_key(b, "text", text, true);
		buf_addc(b, '}');
	}
	buf_adds(b, "],\n\"diagnostics\": [");
	for (i = 0; i < doc_diag_count(d); i++) {
		dg = doc_diag(d, i);
		buf_addf(b, "%s\n{\"level\": \"%s\", \"line\": %zu",
		    i > 0 ? "," : "", dg->level == DOC_DIAG_WARNING ?
		    "warning" : "note", dg->line);
		json_key(b, "message", dg->msg, true);
		buf_addc(b, '}');
	}
	buf_adds(b, "]}\n");
}

/* Appends the first n words of s, and "…" if there are more. */
static void
first_words(struct buf *b, const char *s, int n)
{
	const char *p = s, *sp;
	int w = 0;

	while (*p != '\0' && w < n) {
		sp = strchr(p, ' ');
		if (sp == NULL)
			sp = p + strlen(p);
		if (w > 0)
			buf_addc(b, ' ');
		buf_add(b, p, (size_t)(sp - p));
		w++;
		p = *sp == ' ' ? sp + 1 : sp;
	}
	if (*p != '\0')
		buf_adds(b, " …");
}

void
doc_outline_print(struct buf *b, const struct doc *d)
{
	size_t i;
	int head = 0, lv;
	const char *a;

	for (i = 0; i < doc_block_count(d); i++) {
		switch (doc_block_kind(d, i)) {
		case DOC_HEADING:
			lv = doc_block_level(d, i);
			head = lv;
			buf_addf(b, "%*s%s\t%s\t", 2 * (lv - 1), "",
			    "-", doc_block_label(d, i) != NULL ?
			    doc_block_label(d, i) : "");
			first_words(b, doc_block_text(d, i, NULL), 8);
			buf_addc(b, '\n');
			break;
		case DOC_PARA:
			a = doc_block_address(d, i);
			buf_addf(b, "%*s%s\t%s\t", 2 * head, "",
			    a != NULL ? a : "-", doc_block_label(d, i) != NULL ?
			    doc_block_label(d, i) : "");
			first_words(b, doc_block_text(d, i, NULL), 8);
			buf_addc(b, '\n');
			break;
		default:
			break;
		}
	}
}
