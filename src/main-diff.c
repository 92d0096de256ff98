/*
 * main-diff.c - `hamish diff [--format text|md|html|json] [--exact] OLD
 * NEW`: the change report of two versions of a document.
 *
 * Part of the command line (see main.c): it prints and exits, with the
 * status of diff(1): 0 no changes, 1 changes, 2 trouble (also for a
 * usage error, unlike the other commands, so that a script can tell).
 * The comparison is diff.c's; this file only formats it.  Document text
 * reaches the output only through the escapes of each format (controls
 * made visible, HTML and Markdown specials escaped).
 */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diff.h"
#include "doc.h"
#include "main.h"
#include "text.h"
#include "util.h"

#define DIFF_EXIT_SAME		0
#define DIFF_EXIT_CHANGES	1
#define DIFF_EXIT_TROUBLE	2

enum fmt { FMT_TEXT, FMT_MD, FMT_HTML, FMT_JSON };

/* How document text is escaped for each format. */
enum esc { ESC_TEXT, ESC_MD, ESC_HTML };

static void
add_esc(struct buf *b, const char *s, size_t n, enum esc e)
{
	struct buf v;
	size_t i;

	buf_init(&v);
	text_utf8_visible(&v, s, n);
	for (i = 0; i < v.len; i++) {
		char c = v.data[i];

		if (e == ESC_HTML && c == '&')
			buf_adds(b, "&amp;");
		else if (e == ESC_HTML && c == '<')
			buf_adds(b, "&lt;");
		else if (e == ESC_HTML && c == '>')
			buf_adds(b, "&gt;");
		else if (e == ESC_HTML && c == '"')
			buf_adds(b, "&quot;");
		else if (e == ESC_HTML && c == '\'')
			buf_adds(b, "&#39;");
		else if (e == ESC_MD && strchr("|\\*_`[]<>{}~#", c) != NULL) {
			buf_addc(b, '\\');
			buf_addc(b, c);
		} else
			buf_addc(b, c);
	}
	buf_free(&v);
}

/* Byte offset of code point k of the n bytes at s. */
static size_t
cp_byte(const char *s, size_t n, size_t k)
{
	size_t i = 0;

	while (i < n && k > 0) {
		i++;
		while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		k--;
	}
	return i;
}

/* Code points [a, b) of block blk of d, escaped. */
static void
add_range(struct buf *out, const struct doc *d, size_t blk, size_t a,
    size_t b, enum esc e)
{
	size_t len, ba, bb;
	const char *t;

	if (blk == DIFF_NONE || a >= b)
		return;
	t = doc_block_text(d, blk, &len);
	ba = cp_byte(t, len, a);
	bb = ba + cp_byte(t + ba, len - ba, b - a);
	add_esc(out, t + ba, bb - ba, e);
}

/* "12", "pp3", "fn2" or "line 40": how a reviewer finds the block. */
static void
add_addr(struct buf *out, const struct doc *d, size_t first, size_t count)
{
	const char *a;
	size_t k;

	if (count == 0) {
		buf_adds(out, "-");
		return;
	}
	for (k = 0; k < count; k++) {
		if (k > 0)
			buf_adds(out, "+");
		if ((a = doc_block_address(d, first + k)) != NULL)
			text_utf8_visible(out, a, strlen(a));
		else
			buf_addf(out, "line %zu", doc_block_line(d,
			    first + k));
	}
}

/* The text of one side of a pair with its changes marked: open/close
 * strings around deleted (old side) or inserted (new side) text; both
 * sides inline when side is 0 (CriticMarkup). */
struct marks {
	const char *del_open, *del_close, *ins_open, *ins_close;
	const char *sep;	/* between the blocks of one side */
};

static void
add_marked(struct buf *out, struct diff *df, size_t pi, int side,
    const struct marks *m, enum esc e)
{
	const struct doc *od = diff_old(df), *nd = diff_new_doc(df);
	const struct diff_op *ops;
	size_t n, k, lastb = DIFF_NONE;

	ops = diff_pair_ops(df, pi, &n);
	for (k = 0; k < n; k++) {
		const struct diff_op *o = &ops[k];
		size_t blk = side < 0 || (side == 0 && o->kind !=
		    DIFF_OP_INSERT) ? o->oblock : o->nblock;

		if (side > 0 && o->kind == DIFF_OP_DELETE)
			continue;
		if (side < 0 && o->kind == DIFF_OP_INSERT)
			continue;
		if (lastb != DIFF_NONE && blk != lastb && blk != DIFF_NONE)
			buf_adds(out, m->sep);
		if (blk != DIFF_NONE)
			lastb = blk;
		switch (o->kind) {
		case DIFF_OP_EQUAL:
			if (side > 0)
				add_range(out, nd, o->nblock, o->nstart,
				    o->nend, e);
			else
				add_range(out, od, o->oblock, o->ostart,
				    o->oend, e);
			break;
		case DIFF_OP_DELETE:
			buf_adds(out, m->del_open);
			add_range(out, od, o->oblock, o->ostart, o->oend, e);
			buf_adds(out, m->del_close);
			break;
		case DIFF_OP_INSERT:
			buf_adds(out, m->ins_open);
			add_range(out, nd, o->nblock, o->nstart, o->nend, e);
			buf_adds(out, m->ins_close);
			break;
		}
	}
}

/*
 * The changes of a pair as (old text, new text) strings: each run of
 * DELETE/INSERT operations between two EQUALs is one change.  fn gets
 * each, with whether it is only a respelling.
 */
typedef void (*change_fn)(void *, const char *, const char *, bool);

static void
pair_changes(struct diff *df, size_t pi, change_fn fn, void *arg)
{
	const struct diff_op *ops;
	struct buf o, n;
	size_t k, cnt;
	bool open = false, sp = true;

	buf_init(&o);
	buf_init(&n);
	ops = diff_pair_ops(df, pi, &cnt);
	for (k = 0; k <= cnt; k++) {
		if (k == cnt || ops[k].kind == DIFF_OP_EQUAL) {
			if (open)
				fn(arg, o.len ? o.data : "", n.len ? n.data :
				    "", sp);
			open = false;
			sp = true;
			buf_reset(&o);
			buf_reset(&n);
			continue;
		}
		open = true;
		sp = sp && ops[k].spelling;
		if (ops[k].kind == DIFF_OP_DELETE) {
			if (o.len > 0 && ops[k].oblock != ops[k - 1].oblock)
				buf_addc(&o, ' ');
			add_range(&o, diff_old(df), ops[k].oblock,
			    ops[k].ostart, ops[k].oend, ESC_TEXT);
		} else {
			if (n.len > 0 && ops[k].nblock != ops[k - 1].nblock)
				buf_addc(&n, ' ');
			add_range(&n, diff_new_doc(df), ops[k].nblock,
			    ops[k].nstart, ops[k].nend, ESC_TEXT);
		}
	}
	buf_free(&o);
	buf_free(&n);
}

/* Trailing white space of a change's text is not worth showing. */
static size_t
trim_len(const char *s)
{
	size_t n = strlen(s);

	while (n > 0 && (s[n - 1] == ' '))
		n--;
	return n;
}

/* --- text ------------------------------------------------------------ */

static void
text_change(void *arg, const char *o, const char *n, bool spelling)
{
	struct buf *out = arg;

	buf_adds(out, spelling ? "    spelling: " : "    ");
	if (*o != '\0') {
		buf_adds(out, "[-");
		buf_add(out, o, trim_len(o));
		buf_adds(out, "-]");
	}
	if (*n != '\0') {
		buf_adds(out, "{+");
		buf_add(out, n, trim_len(n));
		buf_adds(out, "+}");
	}
	buf_addc(out, '\n');
}

static void
add_summary_line(struct buf *out, const struct diff_summary *s)
{
	int k;

	for (k = 0; k < DIFF_NSTATUS; k++)
		buf_addf(out, "%s%zu %s", k > 0 ? ", " : "", s->count[k],
		    diff_status_name((enum diff_status)k));
	buf_addf(out, " (%zu only in spelling)", s->spelling);
}

static void
print_text(struct buf *out, struct diff *df, const char *on, const char *nn)
{
	const struct doc *od = diff_old(df), *nd = diff_new_doc(df);
	const struct diff_pair *p;
	size_t i, len;
	const char *t;

	buf_adds(out, "--- ");
	text_utf8_visible(out, on, strlen(on));
	buf_adds(out, "\n+++ ");
	text_utf8_visible(out, nn, strlen(nn));
	buf_adds(out, "\n");
	add_summary_line(out, diff_summary(df));
	buf_adds(out, "\n");
	for (i = 0; i < diff_pair_count(df); i++) {
		p = diff_pair(df, i);
		if (p->status == DIFF_SAME)
			continue;
		buf_addc(out, '\n');
		add_addr(out, od, p->old_first, p->old_count);
		buf_adds(out, " -> ");
		add_addr(out, nd, p->new_first, p->new_count);
		buf_addf(out, "  %s %s", diff_kind_name(p->kind),
		    diff_status_name(p->status));
		if (p->spelling)
			buf_adds(out, " (spelling only)");
		if (p->status == DIFF_MOVED && p->same_text)
			buf_adds(out, " (text unchanged)");
		buf_addc(out, '\n');
		if (p->status == DIFF_INSERTED || p->status == DIFF_DELETED) {
			const struct doc *d = p->status == DIFF_INSERTED ?
			    nd : od;
			size_t f = p->status == DIFF_INSERTED ? p->new_first :
			    p->old_first;

			t = doc_block_text(d, f, &len);
			buf_adds(out, p->status == DIFF_INSERTED ? "    + " :
			    "    - ");
			text_utf8_visible(out, t, len);
			buf_addc(out, '\n');
		} else
			pair_changes(df, i, text_change, out);
		if (out->len >= 1 << 16)
			out_flush(out);
	}
}

/* --- Markdown -------------------------------------------------------- */

static const struct marks md_marks = { "{--", "--}", "{++", "++}", " ¶ " };

static void
print_md(struct buf *out, struct diff *df, const char *on, const char *nn)
{
	const struct doc *od = diff_old(df), *nd = diff_new_doc(df);
	const struct diff_summary *s = diff_summary(df);
	const struct diff_pair *p;
	size_t i;
	int k;

	buf_adds(out, "# Comparison: ");
	add_esc(out, on, strlen(on), ESC_MD);
	buf_adds(out, " → ");
	add_esc(out, nn, strlen(nn), ESC_MD);
	buf_adds(out, "\n\n");
	for (k = 0; k < DIFF_NSTATUS; k++)
		buf_addf(out, "- %s: %zu\n",
		    diff_status_name((enum diff_status)k), s->count[k]);
	buf_addf(out, "- of which spelling only: %zu\n\n", s->spelling);
	buf_adds(out, "| Old | New | Status | Text |\n|---|---|---|---|\n");
	for (i = 0; i < diff_pair_count(df); i++) {
		p = diff_pair(df, i);
		buf_adds(out, "| ");
		add_addr(out, od, p->old_first, p->old_count);
		buf_adds(out, " | ");
		add_addr(out, nd, p->new_first, p->new_count);
		buf_addf(out, " | %s%s | ", diff_status_name(p->status),
		    p->spelling ? " (spelling)" : "");
		add_marked(out, df, i, 0, &md_marks, ESC_MD);
		buf_adds(out, " |\n");
		if (out->len >= 1 << 16)
			out_flush(out);
	}
}

/* --- HTML ------------------------------------------------------------ */

static const struct marks html_marks = { "<del>", "</del>", "<ins>",
    "</ins>", "<br>" };

static void
print_html(struct buf *out, struct diff *df, const char *on, const char *nn)
{
	const struct doc *od = diff_old(df), *nd = diff_new_doc(df);
	const struct diff_summary *s = diff_summary(df);
	const struct diff_pair *p;
	size_t i;
	int k;

	buf_adds(out, "<!DOCTYPE html>\n<html dir=\"rtl\" lang=\"ar\">\n"
	    "<head>\n<meta charset=\"utf-8\">\n<title>");
	add_esc(out, on, strlen(on), ESC_HTML);
	buf_adds(out, " → ");
	add_esc(out, nn, strlen(nn), ESC_HTML);
	buf_adds(out, "</title>\n<style>\n"
	    "body { font-family: sans-serif; margin: 1em; }\n"
	    "table { border-collapse: collapse; width: 100%; }\n"
	    "td, th { border: 1px solid #999; padding: .3em; "
	    "vertical-align: top; }\n"
	    "td.a { white-space: nowrap; direction: ltr; }\n"
	    "del { background: #fdd; text-decoration: line-through; }\n"
	    "ins { background: #dfd; text-decoration: underline; }\n"
	    "tr.same td { color: #555; }\n"
	    "</style>\n</head>\n<body>\n<h1>");
	add_esc(out, on, strlen(on), ESC_HTML);
	buf_adds(out, " → ");
	add_esc(out, nn, strlen(nn), ESC_HTML);
	buf_adds(out, "</h1>\n<p>");
	for (k = 0; k < DIFF_NSTATUS; k++)
		buf_addf(out, "%s%s: %zu", k > 0 ? ", " : "",
		    diff_status_name((enum diff_status)k), s->count[k]);
	buf_addf(out, "; spelling only: %zu</p>\n", s->spelling);
	buf_adds(out, "<table>\n<tr><th>القديم</th><th>النص القديم</th>"
	    "<th>الجديد</th><th>النص الجديد</th><th>الحالة</th></tr>\n");
	for (i = 0; i < diff_pair_count(df); i++) {
		p = diff_pair(df, i);
		buf_addf(out, "<tr class=\"%s\"><td class=\"a\">",
		    diff_status_name(p->status));
		{
			struct buf a;

			buf_init(&a);
			add_addr(&a, od, p->old_first, p->old_count);
			add_esc(out, a.data, a.len, ESC_HTML);
			buf_adds(out, "</td><td>");
			add_marked(out, df, i, -1, &html_marks, ESC_HTML);
			buf_adds(out, "</td><td class=\"a\">");
			buf_reset(&a);
			add_addr(&a, nd, p->new_first, p->new_count);
			add_esc(out, a.data, a.len, ESC_HTML);
			buf_free(&a);
		}
		buf_adds(out, "</td><td>");
		add_marked(out, df, i, 1, &html_marks, ESC_HTML);
		buf_addf(out, "</td><td>%s%s</td></tr>\n",
		    diff_status_name(p->status), p->spelling ?
		    " (spelling)" : "");
		if (out->len >= 1 << 16)
			out_flush(out);
	}
	buf_adds(out, "</table>\n</body>\n</html>\n");
}

/* --- JSON ------------------------------------------------------------ */

struct jctx {
	struct buf *out;
	bool	 first;
};

static void
json_change(void *arg, const char *o, const char *n, bool spelling)
{
	struct jctx *j = arg;
	char *a = xstrndup(o, trim_len(o)), *b = xstrndup(n, trim_len(n));

	buf_adds(j->out, j->first ? "" : ", ");
	j->first = false;
	buf_adds(j->out, "{\"old\": ");
	buf_add_json(j->out, a);
	buf_adds(j->out, ", \"new\": ");
	buf_add_json(j->out, b);
	buf_addf(j->out, ", \"spelling\": %s}", spelling ? "true" : "false");
	free(a);
	free(b);
}

static void
json_side(struct buf *out, const struct doc *d, size_t first, size_t count)
{
	size_t k;

	buf_adds(out, "[");
	for (k = 0; k < count; k++) {
		buf_addf(out, "%s{\"block\": %zu, \"address\": ",
		    k > 0 ? ", " : "", first + k);
		buf_add_json(out, doc_block_address(d, first + k));
		buf_addf(out, ", \"line\": %zu}", doc_block_line(d,
		    first + k));
	}
	buf_adds(out, "]");
}

static void
print_json(struct buf *out, struct diff *df, const char *on, const char *nn)
{
	const struct diff_summary *s = diff_summary(df);
	const struct diff_pair *p;
	struct jctx j = { out, true };
	size_t i;
	int k;

	buf_adds(out, "{\"old\": ");
	buf_add_json(out, on);
	buf_adds(out, ", \"new\": ");
	buf_add_json(out, nn);
	buf_adds(out, ",\n\"pairs\": [");
	for (i = 0; i < diff_pair_count(df); i++) {
		p = diff_pair(df, i);
		buf_addf(out, "%s\n{\"kind\": \"%s\", \"status\": \"%s\", "
		    "\"spelling\": %s, \"similarity\": %.2f, \"old\": ",
		    i > 0 ? "," : "", diff_kind_name(p->kind),
		    diff_status_name(p->status), p->spelling ? "true" :
		    "false", p->similarity);
		json_side(out, diff_old(df), p->old_first, p->old_count);
		buf_adds(out, ", \"new\": ");
		json_side(out, diff_new_doc(df), p->new_first, p->new_count);
		if (p->status == DIFF_MOVED)
			buf_addf(out, ", \"same_text\": %s", p->same_text ?
			    "true" : "false");
		buf_adds(out, ", \"changes\": [");
		if (p->status != DIFF_SAME && p->status != DIFF_INSERTED &&
		    p->status != DIFF_DELETED) {
			j.first = true;
			pair_changes(df, i, json_change, &j);
		}
		buf_adds(out, "]}");
		if (out->len >= 1 << 16)
			out_flush(out);
	}
	buf_adds(out, "\n],\n\"summary\": {");
	for (k = 0; k < DIFF_NSTATUS; k++)
		buf_addf(out, "%s\"%s\": %zu", k > 0 ? ", " : "",
		    diff_status_name((enum diff_status)k), s->count[k]);
	buf_addf(out, ", \"spelling\": %zu, \"pairs\": %zu}}\n", s->spelling,
	    s->pairs);
}

/* --- the command ----------------------------------------------------- */

static int
trouble(const char *msg)
{
	msg_print("diff: %s (try hamish --help)", msg);	/* shown safely */
	return DIFF_EXIT_TROUBLE;
}

/* Whether both are regular files of at most PAIR_SMALL bytes together. */
#define PAIR_SMALL	(2u << 20)

static bool
pair_small(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	    S_ISREG(sa.st_mode) && S_ISREG(sb.st_mode) &&
	    (uintmax_t)sa.st_size + (uintmax_t)sb.st_size <= PAIR_SMALL;
}

int
cmd_diff(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "exact", no_argument, NULL, 'x' },
		{ "encoding", required_argument, NULL, 'e' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct diff_opts opts = { main_global.exact };
	enum fmt fmt = FMT_TEXT;
	const char *enc = main_global.encoding;
	struct doc *od = NULL, *nd = NULL;
	struct diff *df;
	struct buf out;
	int c, rc = 0;
	char *msg;

	optind = 1;
	while ((c = getopt_long(argc, argv, "f:xe:h", longopts, NULL)) != -1)
		switch (c) {
		case 'f':
			if (strcmp(optarg, "text") == 0)
				fmt = FMT_TEXT;
			else if (strcmp(optarg, "md") == 0)
				fmt = FMT_MD;
			else if (strcmp(optarg, "html") == 0)
				fmt = FMT_HTML;
			else if (strcmp(optarg, "json") == 0)
				fmt = FMT_JSON;
			else
				return trouble("--format is text, md, html or "
				    "json");
			break;
		case 'x':
			opts.exact = true;
			break;
		case 'e':
			enc = optarg;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		default:
			msg = xasprintf("unknown option or missing value: %s",
			    argv[optind - 1]);
			rc = trouble(msg);
			free(msg);
			return rc;
		}
	if (argc - optind != 2)
		return trouble("diff needs two documents, OLD and NEW");
	if (strcmp(argv[optind], "-") == 0 && strcmp(argv[optind + 1],
	    "-") == 0)
		return trouble("only one document can be standard input");
	if (pair_small(argv[optind], argv[optind + 1])) {
		/*
		 * Two drafts: importing them is most of the work, so the
		 * old one is imported on a thread while this one imports
		 * the new.  Not for large files: both imports' working
		 * memory at once would raise the peak past what diff may
		 * use (4x the inputs, BENCHMARKS.md).
		 */
		struct doc_import_opts io = { enc, NULL, 0, false };
		struct doc_load *l = doc_load_start(argv[optind], &io);
		char *cause = NULL, *ocause = NULL;
		struct doc *d;

		d = doc_import_file(argv[optind + 1], &io, &cause);
		od = doc_load_take(l, &ocause);
		doc_load_free(l);
		od = main_doc_took(argv[optind], od, ocause, &rc);
		if (rc != 0) {
			doc_free(d);
			free(cause);
			return DIFF_EXIT_TROUBLE;
		}
		nd = main_doc_took(argv[optind + 1], d, cause, &rc);
	} else {
		od = main_doc_load(argv[optind], enc, &rc);
		if (rc == 0)
			nd = main_doc_load(argv[optind + 1], enc, &rc);
	}
	if (rc != 0) {
		doc_free(od);
		return DIFF_EXIT_TROUBLE;
	}
	df = diff_new(od, nd, &opts);
	buf_init(&out);
	switch (fmt) {
	case FMT_TEXT:
		print_text(&out, df, argv[optind], argv[optind + 1]);
		break;
	case FMT_MD:
		print_md(&out, df, argv[optind], argv[optind + 1]);
		break;
	case FMT_HTML:
		print_html(&out, df, argv[optind], argv[optind + 1]);
		break;
	case FMT_JSON:
		print_json(&out, df, argv[optind], argv[optind + 1]);
		break;
	}
	out_flush(&out);
	if (fflush(stdout) != 0)
		die("write error on standard output");
	rc = diff_has_changes(df) ? DIFF_EXIT_CHANGES : DIFF_EXIT_SAME;
	buf_free(&out);
	diff_free(df);
	doc_free(od);
	doc_free(nd);
	return rc;
}
