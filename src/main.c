/*
 * main.c - the command line: subcommands, options, wiring.
 *
 * Turns arguments into calls of the library modules and their results
 * into output and an exit status.  It is the only place that decides
 * what gets printed for a user; the modules below report, never print.
 *
 * Exit status: 0 success (warnings allowed), 1 usage error, 2 a document
 * that cannot be read, 3 fatal error (out of memory).
 */
#include <getopt.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "doc.h"
#include "layout.h"
#include "render.h"
#include "text.h"
#include "util.h"

#define HAMISH_VERSION	"0.1.0"

#define EXIT_USAGE	1
#define EXIT_INPUT	2

static const char usage_text[] =
"usage: hamish [FILE]\n"
"       hamish render [--width W] [--no-shape] [--plain] [--map]\n"
"                     [--encoding NAME] [FILE|-]\n"
"       hamish outline [--encoding NAME] FILE\n"
"       hamish dump [--json] [--encoding NAME] FILE\n"
"       hamish --help | --version\n"
"\n"
"A reader for Arabic documents in the terminal.\n"
"\n"
"commands:\n"
"  render        print FILE laid out right-to-left as the reader shows it,\n"
"                one line per screen row, without a terminal: paragraph\n"
"                numbers in a gutter on the right, sub-paragraphs\n"
"                indented, headings underlined, footnotes at the end\n"
"  outline       one line per heading and numbered paragraph: address,\n"
"                label as printed, first words\n"
"  dump          the document model as one JSON object: metadata,\n"
"                blocks, furniture dropped, diagnostics\n"
"  FILE          with no command: the same as render (when standard\n"
"                output is not a terminal, and until the full-screen\n"
"                reader is built)\n"
"\n"
"render options:\n"
"  -w, --width W   cells per row (default: the terminal's width, else 80)\n"
"      --no-shape  no Arabic shaping (for terminals that shape themselves)\n"
"      --plain     take the text as written: a paragraph is a run of\n"
"                  non-empty lines, no structure, no cleaning\n"
"      --map       put the logical range [start,end) before each row\n"
"\n"
"options of render, outline and dump:\n"
"  -e, --encoding NAME  read FILE in this charset (default: a byte order\n"
"                  mark, else UTF-8 if valid, else ICU's guess, such as\n"
"                  windows-1256)\n"
"\n"
"exit status: 0 success, 1 usage error, 2 unreadable document, 3 fatal\n";

static void
usage_error(const char *msg)
{
	fprintf(stderr, "hamish: %s\n", msg);
	fputs("Try 'hamish --help'.\n", stderr);
	exit(EXIT_USAGE);
}

/* Width of the terminal on standard output, else 80. */
static int
default_width(void)
{
	struct winsize ws;

	if (isatty(STDOUT_FILENO) &&
	    ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

static void
out_flush(struct buf *out)
{
	if (out->len > 0 && fwrite(out->data, 1, out->len, stdout) != out->len)
		die("write error on standard output");
	buf_reset(out);
}

struct render_opts {
	int		 width;
	int		 lay_flags;
	int		 render_flags;
	bool		 plain;
	const char	*encoding;
};

/*
 * Reads path and checks it is a text document.  Returns 0 and the bytes
 * (caller frees), or prints one line and returns EXIT_INPUT.
 */
static int
doc_load_bytes(const char *path, char **data, size_t *len)
{
	char *cause;

	if (util_file_read(path, data, len, &cause) != 0) {
		fprintf(stderr, "hamish: %s\n", cause);
		free(cause);
		return EXIT_INPUT;
	}
	if (memchr(*data, '\0', *len) != NULL) {
		fprintf(stderr, "hamish: %s: not a text document\n",
		    strcmp(path, "-") == 0 ? "standard input" : path);
		free(*data);
		*data = NULL;
		return EXIT_INPUT;
	}
	return 0;
}

static int
render_plain(const char *path, const struct render_opts *o)
{
	struct doc_plain it;
	struct lay_lines ll = { 0 };
	struct lay_para *lp;
	struct buf para, out;
	uint32_t *cps;
	size_t len, n, nbad, bad = 0, first;
	char *data;
	bool any = false;
	int rc;

	if ((rc = doc_load_bytes(path, &data, &len)) != 0)
		return rc;
	memset(&it, 0, sizeof it);
	it.s = data;
	it.len = len;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		it.pos = 3;	/* UTF-8 byte order mark */
	buf_init(&para);
	buf_init(&out);
	while (doc_plain_next(&it, &para, &first)) {
		cps = text_utf8_decode(para.data, para.len, TEXT_NFC, &n,
		    &nbad);
		bad += nbad;
		lp = lay_para_new(cps, n, LAY_DIR_AUTO_RTL, o->lay_flags);
		lay_para_wrap(lp, o->width, &ll);
		if (any)
			buf_addc(&out, '\n');
		render_lines(&out, &ll, o->render_flags);
		any = true;
		lay_para_free(lp);
		free(cps);
		if (out.len >= 1 << 16)
			out_flush(&out);
	}
	out_flush(&out);
	lay_lines_free(&ll);
	if (fflush(stdout) != 0)
		die("write error on standard output");
	if (bad > 0)
		fprintf(stderr, "hamish: %s: %zu invalid UTF-8 sequence%s "
		    "shown as U+FFFD\n",
		    strcmp(path, "-") == 0 ? "standard input" : path, bad,
		    bad == 1 ? "" : "s");
	buf_free(&para);
	buf_free(&out);
	free(data);
	return 0;
}

/*
 * Opens path as a document.  Returns it, or NULL with *rc set: 0 for an
 * empty document (nothing to show), EXIT_INPUT after printing one line.
 * Warnings of the importer go to standard error as FILE:LINE: lines.
 */
static struct doc *
doc_load(const char *path, const char *encoding, int *rc)
{
	struct doc_import_opts io = { encoding, NULL };
	const struct doc_diag *dg;
	const char *name = strcmp(path, "-") == 0 ? "standard input" : path;
	struct doc *d;
	char *cause = NULL;
	size_t i;

	*rc = 0;
	if ((d = doc_import_file(path, &io, &cause)) == NULL) {
		if (cause != NULL && strstr(cause, "empty document") != NULL) {
			free(cause);
			return NULL;
		}
		fprintf(stderr, "hamish: %s\n", cause != NULL ? cause :
		    "cannot read document");
		free(cause);
		*rc = EXIT_INPUT;
		return NULL;
	}
	for (i = 0; i < doc_diag_count(d); i++) {
		dg = doc_diag(d, i);
		if (dg->level != DOC_DIAG_WARNING)
			continue;
		if (dg->line > 0)
			fprintf(stderr, "hamish: %s:%zu: %s\n", name, dg->line,
			    dg->msg);
		else
			fprintf(stderr, "hamish: %s: %s\n", name, dg->msg);
	}
	return d;
}

/* Lays UTF-8 text out at width; *ll is reused storage. */
static void
lay_text(const char *s, size_t len, enum lay_dir dir, int flags, int width,
    struct lay_lines *ll)
{
	struct lay_para *lp;
	uint32_t *cps;
	size_t n;

	cps = text_utf8_decode(s, len, TEXT_NFC, &n, NULL);
	lp = lay_para_new(cps, n, dir, flags);
	lay_para_wrap(lp, width, ll);
	lay_para_free(lp);
	free(cps);
}

#define GUTTER	5	/* label "122" or "(أ)" and a space */

static int
render_doc(const char *path, const struct render_opts *o)
{
	struct lay_lines ll = { 0 }, lab = { 0 };
	struct render_geom g;
	struct buf out, tmp;
	struct doc *d;
	const char *text, *label;
	size_t i, len, k;
	bool notes = false;
	int rc, widest;

	if ((d = doc_load(path, o->encoding, &rc)) == NULL)
		return rc;
	buf_init(&out);
	buf_init(&tmp);
	for (i = 0; i < doc_block_count(d); i++) {
		enum doc_kind kind = doc_block_kind(d, i);

		text = doc_block_text(d, i, &len);
		label = doc_block_label(d, i);
		g.width = o->width;
		g.indent = 0;
		g.gutter = GUTTER;
		if (i > 0)
			buf_addc(&out, '\n');
		switch (kind) {
		case DOC_HEADING:
			buf_reset(&tmp);
			if (label != NULL)
				buf_addf(&tmp, "%s - ", label);
			buf_add(&tmp, text, len);
			text = tmp.data;
			len = tmp.len;
			label = NULL;
			g.gutter = 0;
			break;
		case DOC_SUBPARA:
			g.indent = GUTTER * doc_block_level(d, i);
			break;
		case DOC_FOOTNOTE:
			if (!notes) {
				render_rule(&out, o->width, 10, true);
				buf_addc(&out, '\n');
				notes = true;
			}
			buf_reset(&tmp);
			buf_addf(&tmp, "(%s)", label != NULL ? label : "");
			label = tmp.data;
			break;
		case DOC_PARA:
			break;
		default:
			label = NULL;
			break;
		}
		lay_text(text, len, LAY_DIR_AUTO_RTL, o->lay_flags,
		    render_text_width(&g), &ll);
		if (label != NULL && g.gutter > 1)
			lay_text(label, strlen(label), ll.rtl ? LAY_DIR_RTL :
			    LAY_DIR_LTR, o->lay_flags, g.gutter - 1, &lab);
		render_block(&out, &ll, label != NULL && g.gutter > 1 ?
		    &lab : NULL, &g, o->render_flags);
		if (kind == DOC_HEADING && doc_block_level(d, i) == 1) {
			for (widest = 0, k = 0; k < ll.nline; k++)
				if (ll.line[k].width > widest)
					widest = ll.line[k].width;
			render_rule(&out, o->width, widest, ll.rtl);
		}
		if (out.len >= 1 << 16)
			out_flush(&out);
	}
	out_flush(&out);
	if (fflush(stdout) != 0)
		die("write error on standard output");
	lay_lines_free(&ll);
	lay_lines_free(&lab);
	buf_free(&out);
	buf_free(&tmp);
	doc_free(d);
	return 0;
}

static int
cmd_render_file(const char *path, const struct render_opts *o)
{
	return o->plain ? render_plain(path, o) : render_doc(path, o);
}

/* hamish outline / hamish dump: the model printed by doc-print.c. */
static int
cmd_print(int argc, char **argv, bool json)
{
	static const struct option longopts[] = {
		{ "encoding", required_argument, NULL, 'e' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *encoding = NULL;
	struct buf out;
	struct doc *d;
	int ch, rc;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "e:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'e':
			encoding = optarg;
			break;
		case 'j':
			if (!json)
				usage_error("--json is an option of dump");
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		default:
			usage_error(json ? "bad option for dump" :
			    "bad option for outline");
		}
	}
	if (argc - optind != 1)
		usage_error(json ? "dump takes one FILE" :
		    "outline takes one FILE");
	if ((d = doc_load(argv[optind], encoding, &rc)) == NULL)
		return rc;
	buf_init(&out);
	if (json)
		doc_json_print(&out, d);	/* controls escaped */
	else {
		struct buf raw;

		buf_init(&raw);
		doc_outline_print(&raw, d);
		text_utf8_visible(&out, raw.data, raw.len);
		buf_free(&raw);
	}
	out_flush(&out);
	if (fflush(stdout) != 0)
		die("write error on standard output");
	buf_free(&out);
	doc_free(d);
	return 0;
}

static int
cmd_render(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "width", required_argument, NULL, 'w' },
		{ "no-shape", no_argument, NULL, 'S' },
		{ "plain", no_argument, NULL, 'P' },
		{ "map", no_argument, NULL, 'M' },
		{ "encoding", required_argument, NULL, 'e' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct render_opts o = { 0, 0, 0, false, NULL };
	char *end;
	long w;
	int ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "w:e:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'w':
			w = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || w < 1 ||
			    w > 4096)
				usage_error("--width: expected a number from "
				    "1 to 4096");
			o.width = (int)w;
			break;
		case 'S':
			o.lay_flags |= LAY_NO_SHAPE;
			break;
		case 'P':
			o.plain = true;
			break;
		case 'e':
			o.encoding = optarg;
			break;
		case 'M':
			o.render_flags |= RENDER_MAP;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		default:
			usage_error("bad option for render");
		}
	}
	if (argc - optind > 1)
		usage_error("render takes one FILE");
	if (o.width == 0)
		o.width = default_width();
	return cmd_render_file(argc > optind ? argv[optind] : "-", &o);
}

int
main(int argc, char **argv)
{
	int rc;

	/*
	 * Paragraphs of a long document need arrays of hundreds of KB, one
	 * set after another.  glibc would mmap and unmap each (page faults
	 * were a tenth of render's time); keep them on the heap for reuse.
	 */
	mallopt(M_MMAP_THRESHOLD, 64 << 20);
	mallopt(M_TRIM_THRESHOLD, 128 << 20);

	if (argc < 2) {
		if (isatty(STDIN_FILENO))
			usage_error("no document given");
		rc = cmd_render(argc, argv);
	} else if (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0) {
		fputs(usage_text, stdout);
		rc = 0;
	} else if (strcmp(argv[1], "--version") == 0 ||
	    strcmp(argv[1], "-V") == 0) {
		printf("hamish %s\n", HAMISH_VERSION);
		rc = 0;
	} else if (strcmp(argv[1], "render") == 0)
		rc = cmd_render(argc - 1, argv + 1);
	else if (strcmp(argv[1], "outline") == 0)
		rc = cmd_print(argc - 1, argv + 1, false);
	else if (strcmp(argv[1], "dump") == 0)
		rc = cmd_print(argc - 1, argv + 1, true);
	else
		rc = cmd_render(argc, argv);
	text_cleanup();
	return rc;
}
