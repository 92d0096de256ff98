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
#include <langinfo.h>
#include <locale.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/ioctl.h>
#include <pthread.h>
#include <stdarg.h>
#include <unistd.h>

#include "action.h"
#include "builtin.h"
#include "doc.h"
#include "doc-pdf.h"
#include "keymap.h"
#include "layout.h"
#include "library.h"
#include "main.h"
#include "render.h"
#include "store.h"
#include "text.h"
#include "theme.h"
#include "ui.h"
#include "util.h"
#include "view.h"

#define HAMISH_VERSION	"0.1.0"


const char usage_text[] =
"usage: hamish [--keymap NAME|FILE] [--theme NAME|FILE] [--bidi=app|terminal]\n"
"              [--exact] [--encoding NAME] [--db PATH] [--library DIR]\n"
"              [FILE...]\n"
"       hamish render [--width W] [--no-shape] [--plain] [--map]\n"
"                     [--jobs N] [--encoding NAME] [FILE|-]\n"
"       hamish outline [--encoding NAME] FILE\n"
"       hamish dump [--json] [--encoding NAME] FILE\n"
"       hamish notes export [--format md|csv|json] [--output FILE] [DOCUMENT...]\n"
"       hamish notes import FILE.json\n"
"       hamish notes carry OLD NEW\n"
"       hamish refs [--json] [--library DIR] FILE\n"
"       hamish library [--library DIR]\n"
"       hamish diff [--format text|md|html|json] [--exact] [--encoding NAME]\n"
"                   OLD NEW\n"
"       hamish compare [reader options] [--swap] OLD NEW\n"
"       hamish check-terminal\n"
"       hamish [reader options] COMMAND ...   (hamish --db X notes export)\n"
"       hamish --help | --version | --list-actions\n"
"\n"
"A reader for Arabic documents in the terminal.  FILE is text (UTF-8,\n"
"UTF-16, windows-1256, ...) or a PDF, known by its content.  The reader's\n"
"options may also stand before a COMMAND: each command that has one\n"
"takes it (its own after its name win), the others ignore it.  A FILE\n"
"named like a command: hamish ./library, or hamish -- library.\n"
"\n"
"hamish FILE... opens a full-screen reader (when standard output is not a\n"
"terminal it prints each as render does); with no FILE it reads standard\n"
"input (cat FILE | hamish), the keys from /dev/tty.  Default keymap:\n"
"  j k, Up Down  line     Space b, PgDn PgUp  screen    d u  half screen\n"
"  g G  start, end        ] [  numbered paragraph       } {  heading\n"
"  :12 :١٢ :12(b) :4.12  go to an address               o  outline\n"
"  / ?  search  n N  next, previous match               f  footnotes\n"
"  i  the document's header (:info)  C-n C-p  next, previous document\n"
"  :e FILE (Tab completes)  :bn :bp  :bd closes  :open SYMBOL\n"
"  Tab S-Tab  next, previous reference     Enter  follow it   r  backlinks\n"
"  BS C-o B  back                          F  forward\n"
"  h F1  help             C-l  repaint                 q C-c  quit\n"
"  Left Right w  the word cursor (then Up Down b too; Esc hides it)\n"
"  v  select from it (w b j k extend)   H  highlight   a A  note, in $EDITOR\n"
"  y  copy (OSC 52)       x  delete (several: which)  U  undo any change\n"
"  L  annotations; at 120 columns and more notes stand in the margin\n"
"  mouse: wheel, click (reference, note mark, word), drag selects\n"
"  Arabic layout: keys where the Latin ones are (:set nolangmap, nomouse)\n"
"  mX 'X  set, go to bookmark X (capitals: across documents); '? :marks list\n"
"  :notes all  the annotations of every document    :pp3  preambular para\n"
"  at a prompt: Left Right Home End C-a C-e Delete M-b M-f   :messages\n"
"reader options:\n"
"  --keymap NAME|FILE  default or emacs, or a file (hamish-keys(5))\n"
"  --theme NAME|FILE   dark, light, high-contrast or mono, or a file\n"
"                      (hamish-theme(5)); NO_COLOR turns colours off\n"
"  --bidi=app          send visual, shaped text; ask the terminal not to\n"
"                      reorder it (CSI 8 l), the default\n"
"  --bidi=terminal     send logical text, for terminals that reorder and\n"
"                      shape by themselves (see check-terminal)\n"
"  --exact             search letter for letter (default: harakat, hamza\n"
"                      forms, alef maksura, teh marbuta, digits folded)\n"
"  --library DIR       documents to open by symbol (also $HAMISH_LIBRARY,\n"
"                      $XDG_DATA_HOME/hamish/library, the file's directory)\n"
"  --db PATH           the annotations database (also $HAMISH_DB; default\n"
"                      $XDG_DATA_HOME/hamish/hamish.db)\n"
"  Settings, keys and styles: $XDG_CONFIG_HOME/hamish/{config,keys,theme}\n"
"\n"
"commands:\n"
"  render        print FILE laid out right-to-left as the reader shows it,\n"
"                one line per screen row, without a terminal: paragraph\n"
"                numbers in a gutter on the right, sub-paragraphs\n"
"                indented, headings underlined, footnotes at the end\n"
"  outline       one line per heading and numbered paragraph: address,\n"
"                label as printed, first words\n"
"  dump          the document model as one JSON object: metadata,\n"
"                blocks (with the page each starts on, from form\n"
"                feeds), furniture dropped, diagnostics\n"
"  check-terminal  a test line drawn both ways: which --bidi to use\n"
"  notes export  the annotations of each DOCUMENT (a file, or a symbol or\n"
"                title in the database; default: all), placed on its\n"
"                current text, with the paragraph where each now sits and\n"
"                its status (exact, moved, fuzzy, needs-review, orphan):\n"
"                Markdown (default), CSV, or W3C Web Annotation JSON\n"
"  notes import  merge an exported JSON file: by UUID, newest wins\n"
"  notes carry   NEW is a revision of OLD: place OLD's annotations on it\n"
"                (notes commands take --db PATH too)\n"
"  refs          every cross-reference: source, kind, text, target, and\n"
"                whether it resolves here, in the library or not at all\n"
"  library       the documents of the library: symbol, title, file\n"
"  diff          what changed from OLD to NEW, paragraph by paragraph,\n"
"                paired by content (a renumbered paragraph is the same):\n"
"                same, changed, moved, inserted, deleted, split, merged,\n"
"                and the words; harakat, tatweel, digits, white space and\n"
"                invisible controls are not changes, letter variants are\n"
"                spelling changes (--exact: every letter counts).  Formats:\n"
"                text (default), md (a comparison table, CriticMarkup),\n"
"                html (one page, side by side), json.  Exit status as\n"
"                diff(1): 0 no changes, 1 changes, 2 trouble\n"
"  compare       OLD and NEW side by side, full screen: paired paragraphs\n"
"                on the same rows, the old version on the right (--swap:\n"
"                left), deleted and inserted words marked, the label map\n"
"                (9 → 8, 9 deleted) between the columns; one column with\n"
"                the changes inline below 100 columns.  ]c [c  next,\n"
"                previous change   C  the list   zi  fold the unchanged\n"
"                s  swap   :12  new paragraph 12   :old 12  old one\n"
"                /  search the new version\n"
"                :orphans  annotations that found no place   q  leave.\n"
"                The old version's annotations show on the new one; new\n"
"                ones go to the new one.  Also :compare FILE from the\n"
"                reader (the document read is the old one).  Not a\n"
"                terminal: hamish diff's report\n"
"\n"
"render options:\n"
"  -w, --width W   cells per row (default: the terminal's width, else 80)\n"
"      --no-shape  no Arabic shaping (for terminals that shape themselves)\n"
"      --plain     take the text as written: a paragraph is a run of\n"
"                  non-empty lines, no structure, no cleaning\n"
"      --map       put the logical range [start,end) before each row\n"
"  -j, --jobs N    with --plain, lay out a large file with N threads\n"
"                  (default: one per processor, at most 4)\n"
"\n"
"options of the reader, render, outline and dump:\n"
"  -e, --encoding NAME  read FILE in this charset (default: a byte order\n"
"                  mark, else UTF-8 if valid, else ICU's guess, such as\n"
"                  windows-1256)\n"
"\n"
"exit status: 0 success, 1 usage error (also: locale not UTF-8, unusable\n"
"terminal), 2 unreadable document, 3 fatal, 4 unusable database (notes)\n";

/*
 * Every message to standard error goes through here: the whole line is
 * shown as the reader shows a document's controls (text_utf8_visible_line():
 * control characters as symbols, bidi overrides dropped), because its
 * arguments (file names, --encoding and --db values, option names,
 * config lines) come from users and documents.
 */
void
msg_print(const char *fmt, ...)
{
	struct buf raw, line;
	va_list ap;

	buf_init(&raw);
	buf_init(&line);
	va_start(ap, fmt);
	buf_vaddf(&raw, fmt, ap);
	va_end(ap);
	buf_adds(&line, "hamish: ");
	text_utf8_visible_line(&line, raw.data != NULL ? raw.data : "",
	    raw.len);
	buf_addc(&line, '\n');
	fwrite(line.data, 1, line.len, stderr);
	buf_free(&raw);
	buf_free(&line);
}

void
usage_error(const char *msg)
{
	msg_print("%s (try hamish --help)", msg);
	exit(EXIT_USAGE);
}

void
usage_bad_option(char **argv, const char *optstring, const char *what)
{
	const char *arg = optind > 0 ? argv[optind - 1] : "?", *eq, *o;
	char letter[3] = { '-', '?', '\0' };
	struct buf msg;
	size_t len;
	bool needs;

	/*
	 * getopt_long() with opterr 0 says nothing itself: one line here.
	 * optopt is 0 for an unknown long option, the option's value for
	 * one that lacks its argument, the letter for a short one.
	 */
	if (arg[0] == '-' && arg[1] == '-') {
		eq = strchr(arg, '=');
		len = eq != NULL ? (size_t)(eq - arg) : strlen(arg);
		needs = optopt != 0;
	} else {
		if (optopt > 0x20 && optopt < 0x7F)
			letter[1] = (char)optopt;
		o = optopt != 0 ? strchr(optstring, optopt) : NULL;
		needs = o != NULL && o[1] == ':';
		arg = letter;
		len = 2;
	}
	buf_init(&msg);
	buf_adds(&msg, needs ? "option " : "unknown option ");
	text_utf8_visible(&msg, arg, len < 64 ? len : 64);
	if (needs)
		buf_adds(&msg, " needs a value");
	if (what != NULL)
		buf_adds(&msg, what);
	usage_error(msg.data);
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

void
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
	int		 jobs;	/* threads for --plain; 0: one per processor */
};

#define RENDER_JOBS_MAX		64	/* --jobs */
#define RENDER_JOBS_DEFAULT	4	/* at most, when not given */

static int
render_jobs_default(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > RENDER_JOBS_DEFAULT ? RENDER_JOBS_DEFAULT :
	    (int)n;
}

/*
 * Reads path and checks it is a text document.  Returns 0 and the bytes
 * (caller frees), or prints one line and returns EXIT_INPUT.
 */
static int
doc_load_bytes(const char *path, char **data, size_t *len)
{
	char *cause;

	if (util_file_read(path, data, len, &cause) != 0) {
		msg_print("%s", cause);
		free(cause);
		return EXIT_INPUT;
	}
	if (doc_pdf_is(*data, *len)) {
		/* a PDF: its canonical text, laid out as text */
		struct buf t;
		char *why = NULL;

		buf_init(&t);
		free(*data);
		*data = NULL;
		if (util_file_read(path, data, len, &cause) != 0 ||
		    doc_pdf_text(*data, *len, 0, &t, NULL, &why) != 0) {
			msg_print("%s: %s", path, why != NULL ? why : cause);
			free(why);
			free(*data);
			*data = NULL;
			buf_free(&t);
			return EXIT_INPUT;
		}
		free(*data);
		*len = t.len;
		buf_addc(&t, '\0');
		*data = buf_steal(&t);
		return 0;
	}
	if (memchr(*data, '\0', *len) != NULL) {
		msg_print("%s: not a text document",
		    strcmp(path, "-") == 0 ? "standard input" : path);
		free(*data);
		*data = NULL;
		return EXIT_INPUT;
	}
	return 0;
}

static void
out_flush_cb(void *arg, struct buf *out)
{
	(void)arg;
	out_flush(out);
}

/*
 * --plain with several threads: the input is cut into chunks of about
 * PLAIN_CHUNK bytes at blank lines (doc_plain_split()), workers render
 * chunks in order of the file, and the main thread writes each chunk's
 * rows as soon as it and those before it are done.  At most PLAIN_AHEAD
 * chunks per worker wait to be written, so memory stays bounded.
 */
#define PLAIN_CHUNK	(64 * 1024)
#define PLAIN_AHEAD	2

struct plain_chunk {
	size_t		 start, end;	/* bytes of the input */
	struct buf	 out;
	size_t		 nbad, paras;
	bool		 done;
};

struct plain_run {
	const char			*s;
	const struct render_plain_opts	*o;
	struct plain_chunk		*chunks;
	size_t				 n, next, written, ahead;
	pthread_mutex_t			 mtx;
	pthread_cond_t			 cnd;
};

static void *
plain_worker(void *arg)
{
	struct plain_run *r = arg;
	struct plain_chunk *c;

	pthread_mutex_lock(&r->mtx);
	for (;;) {
		while (r->next < r->n && r->next >= r->written + r->ahead)
			pthread_cond_wait(&r->cnd, &r->mtx);
		if (r->next >= r->n)
			break;
		c = &r->chunks[r->next++];
		pthread_mutex_unlock(&r->mtx);
		c->paras = render_plain(&c->out, r->s + c->start,
		    c->end - c->start, r->o, &c->nbad);
		pthread_mutex_lock(&r->mtx);
		c->done = true;
		pthread_cond_broadcast(&r->cnd);
	}
	pthread_mutex_unlock(&r->mtx);
	text_thread_done();
	return NULL;
}

/* Renders len bytes at s in this thread; returns invalid UTF-8. */
static size_t
plain_serial(const char *s, size_t len, const struct render_plain_opts *o)
{
	struct buf out;
	size_t bad = 0;

	buf_init(&out);
	render_plain(&out, s, len, o, &bad);
	out_flush(&out);
	buf_free(&out);
	return bad;
}

/*
 * Fewer threads when the address space is short (ulimit -v): each takes
 * a stack and, with glibc, a malloc arena that reserves 64 MB of
 * addresses, and a worker that ran out of memory would end the command
 * where one thread would have done.  Half of what is left is for the
 * main thread and the text; at least one thread (then plain_serial()).
 */
static int
render_jobs_fit(int jobs)
{
	struct rlimit rl;
	pthread_attr_t a;
	size_t stack = 8u << 20, used = 0, per, avail;
	unsigned long pages;
	FILE *f;

	if (getrlimit(RLIMIT_AS, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY)
		return jobs;
	if (pthread_attr_init(&a) == 0) {
		pthread_attr_getstacksize(&a, &stack);
		pthread_attr_destroy(&a);
	}
	if ((f = fopen("/proc/self/statm", "r")) != NULL) {
		if (fscanf(f, "%lu", &pages) == 1)
			used = (size_t)pages * (size_t)sysconf(_SC_PAGESIZE);
		fclose(f);
	}
	per = stack + (64u << 20) + 8 * PLAIN_CHUNK;
	avail = rl.rlim_cur > used ? (size_t)(rl.rlim_cur - used) : 0;
	if ((size_t)jobs > avail / 2 / per)
		jobs = (int)(avail / 2 / per);
	return jobs < 1 ? 1 : jobs;
}

/* Renders [start, len) of s with jobs threads; returns invalid UTF-8. */
static size_t
plain_parallel(const char *s, size_t start, size_t len,
    const struct render_plain_opts *o, int jobs)
{
	struct render_plain_opts co = *o;
	struct plain_run r;
	struct plain_chunk *c;
	pthread_t th[RENDER_JOBS_MAX];
	size_t i, cap = len / PLAIN_CHUNK + 2, nbad = 0, from = start;
	bool any = false, failed = false;
	int t, started = 0;

	memset(&r, 0, sizeof r);
	r.s = s;
	co.flush = NULL;	/* a chunk's rows wait for those before it */
	r.o = &co;
	r.chunks = xcalloc(cap, sizeof *r.chunks);
	while (start < len) {
		c = &r.chunks[r.n++];
		c->start = start;
		c->end = doc_plain_split(s, len, start + PLAIN_CHUNK);
		buf_init(&c->out);
		start = c->end;
	}
	r.ahead = (size_t)jobs * PLAIN_AHEAD;
	if (pthread_mutex_init(&r.mtx, NULL) != 0 ||
	    pthread_cond_init(&r.cnd, NULL) != 0)
		die("cannot create a lock");
	for (t = 0; t < jobs && (size_t)t < r.n; t++)
		if (pthread_create(&th[started], NULL, plain_worker, &r) == 0)
			started++;
	if (started == 0) {	/* no thread to be had: one at a time */
		pthread_cond_destroy(&r.cnd);
		pthread_mutex_destroy(&r.mtx);
		for (i = 0; i < r.n; i++)
			buf_free(&r.chunks[i].out);
		free(r.chunks);
		return plain_serial(s + from, len - from, o);
	}
	for (i = 0; i < r.n && !failed; i++) {
		c = &r.chunks[i];
		pthread_mutex_lock(&r.mtx);
		while (!c->done)
			pthread_cond_wait(&r.cnd, &r.mtx);
		pthread_mutex_unlock(&r.mtx);
		if (c->paras > 0) {
			if (any)
				failed = putchar('\n') == EOF;
			failed = failed || (c->out.len > 0 && fwrite(
			    c->out.data, 1, c->out.len, stdout) != c->out.len);
			any = true;
		}
		nbad += c->nbad;
		buf_free(&c->out);
		pthread_mutex_lock(&r.mtx);
		r.written = i + 1;
		if (failed)
			r.next = r.n;	/* take no more chunks */
		pthread_cond_broadcast(&r.cnd);
		pthread_mutex_unlock(&r.mtx);
	}
	/* Threads end before anything exits: they may be inside ICU. */
	for (t = 0; t < started; t++)
		pthread_join(th[t], NULL);
	for (; i < r.n; i++)
		buf_free(&r.chunks[i].out);
	if (failed)
		die("write error on standard output");
	pthread_cond_destroy(&r.cnd);
	pthread_mutex_destroy(&r.mtx);
	free(r.chunks);
	return nbad;
}

/* Prints the importer's warnings of d as FILE:LINE: lines. */
static void
doc_warnings_print(const char *path, const struct doc *d)
{
	const struct doc_diag *dg;
	const char *name = strcmp(path, "-") == 0 ? "standard input" : path;
	size_t i;

	for (i = 0; i < doc_diag_count(d); i++) {
		dg = doc_diag(d, i);
		if (dg->level != DOC_DIAG_WARNING)
			continue;
		if (dg->line > 0)
			msg_print("%s:%zu: %s", name, dg->line, dg->msg);
		else
			msg_print("%s: %s", name, dg->msg);
	}
}

/*
 * A document that cannot be read: NULL with *rc 0 for an empty one
 * (nothing to show), else the message printed and *rc EXIT_INPUT.
 */
static void
doc_load_error(char *cause, int *rc)
{
	*rc = 0;
	if (cause != NULL && strstr(cause, "empty document") != NULL) {
		free(cause);
		return;
	}
	msg_print("%s", cause != NULL ? cause : "cannot read document");
	free(cause);
	*rc = EXIT_INPUT;
}

/* --plain: the text decoded as every command decodes it (doc_text_read). */
/* Whether the file at path starts like a PDF (read as bytes). */
static bool
path_is_pdf(const char *path)
{
	char head[1024];
	size_t n = 0;
	FILE *f = fopen(path, "rb");

	if (f == NULL)
		return false;
	n = fread(head, 1, sizeof head, f);
	fclose(f);
	return doc_pdf_is(head, n);
}

static int
render_plain_file(const char *path, const struct render_opts *o)
{
	struct render_plain_opts po = { o->width, o->lay_flags,
	    o->render_flags, out_flush_cb, NULL, 0 };
	struct doc_import_opts io = { o->encoding, NULL, 0, false };
	struct doc_text t;
	char *cause = NULL;
	size_t bad;
	int rc, jobs = o->jobs;

	if (strcmp(path, "-") != 0 && path_is_pdf(path)) {
		/* a PDF: its canonical text (doc-pdf.c), laid out as text */
		char *data;
		size_t len;

		if ((rc = doc_load_bytes(path, &data, &len)) != 0)
			return rc;
		plain_serial(data, len, &po);
		free(data);
		if (fflush(stdout) != 0)
			die("write error on standard output");
		return 0;
	}
	if (doc_text_read(path, &io, &t, &cause) != 0) {
		doc_load_error(cause, &rc);
		return rc;
	}
	doc_warnings_print(path, t.d);
	if (jobs == 0)
		jobs = render_jobs_default();
	if (jobs > 1)
		jobs = render_jobs_fit(jobs);
	if (jobs > 1 && t.len > 4 * PLAIN_CHUNK)
		bad = plain_parallel(t.s, 0, t.len, &po, jobs);
	else
		bad = plain_serial(t.s, t.len, &po);
	if (fflush(stdout) != 0)
		die("write error on standard output");
	if (bad > 0)	/* none: decoding replaced them, and said so */
		msg_print("%s: %zu invalid UTF-8 sequence%s shown as U+FFFD",
		    strcmp(path, "-") == 0 ? "standard input" : path, bad,
		    bad == 1 ? "" : "s");
	doc_text_free(&t);
	return 0;
}

/*
 * Opens path as a document.  Returns it, or NULL with *rc set: 0 for an
 * empty document (nothing to show), EXIT_INPUT after printing one line.
 * Warnings of the importer go to standard error as FILE:LINE: lines.
 */
struct doc *
main_doc_load(const char *path, const char *encoding, int *rc)
{
	struct doc_import_opts io = { encoding, NULL, 0, false };
	struct doc *d;
	char *cause = NULL;

	d = doc_import_file(path, &io, &cause);
	return main_doc_took(path, d, cause, rc);
}

struct doc *
main_doc_took(const char *path, struct doc *d, char *cause, int *rc)
{
	*rc = 0;
	if (d == NULL) {
		doc_load_error(cause, rc);
		return NULL;
	}
	doc_warnings_print(path, d);
	return d;
}

static int
render_doc(const char *path, const struct render_opts *o)
{
	struct buf out;
	struct view *v;
	struct doc *d;
	size_t i, n, to;
	int rc;

	if ((d = main_doc_load(path, o->encoding, &rc)) == NULL)
		return rc;
	v = view_new(d, o->width, (o->lay_flags & LAY_NO_SHAPE) ?
	    VIEW_NO_SHAPE : 0);
	buf_init(&out);
	n = doc_block_count(d);
	for (i = 0; i < n; i = to) {
		to = n - i > 64 ? i + 64 : n;
		render_view(&out, v, i, to, o->render_flags);
		view_forget(v, i, to);	/* what is printed is done */
		if (out.len >= 1 << 16)
			out_flush(&out);
	}
	out_flush(&out);
	if (fflush(stdout) != 0)
		die("write error on standard output");
	buf_free(&out);
	view_free(v);
	doc_free(d);
	return 0;
}

static int
cmd_render_file(const char *path, const struct render_opts *o)
{
	return o->plain ? render_plain_file(path, o) : render_doc(path, o);
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
	const char *encoding = main_global.encoding;
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
			usage_bad_option(argv, "e:h", json ? " for dump" :
			    " for outline");
		}
	}
	if (argc - optind != 1)
		usage_error(json ? "dump takes one FILE" :
		    "outline takes one FILE");
	if ((d = main_doc_load(argv[optind], encoding, &rc)) == NULL) {
		if (rc != 0 || !json)
			return rc;
		/* An empty or blank file is a document of no blocks. */
		d = doc_new();
		doc_diag_add(d, DOC_DIAG_NOTE, 0, "empty document");
		doc_finish(d);
	}
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
		{ "jobs", required_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct render_opts o = { 0, 0, 0, false, main_global.encoding, 0 };
	char *end;
	long w;
	int ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "w:e:j:h", longopts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'j':
			w = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || w < 1 ||
			    w > RENDER_JOBS_MAX)
				usage_error("--jobs: expected a number from "
				    "1 to 64");
			o.jobs = (int)w;
			break;
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
			usage_bad_option(argv, "w:e:j:h", " for render");
		}
	}
	if (argc - optind > 1)
		usage_error("render takes one FILE");
	if (o.width == 0)
		o.width = default_width();
	return cmd_render_file(argc > optind ? argv[optind] : "-", &o);
}

/* --- the full-screen reader --- */

/* Warnings of the keymap, theme and config files, shown at start. */
struct warnings {
	char	*first;
	size_t	 n;
};

static void
warn_collect(void *arg, const char *msg)
{
	struct warnings *w = arg;

	if (w->n++ == 0)
		w->first = xstrdup(msg);
}

/* $XDG_CONFIG_HOME/hamish/NAME (default ~/.config/...); caller frees. */
static char *
config_path(const char *name)
{
	const char *x = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	if (x != NULL && *x == '/')
		return xasprintf("%s/hamish/%s", x, name);
	return xasprintf("%s/.config/hamish/%s", home != NULL ? home : "",
	    name);
}

/* The keymap and theme being built, and their warnings. */
struct looks {
	struct keymap	*km;
	struct theme	*th;
	struct warnings	 w;
};

/* Parses text (a built-in or a file) into the keymap or the theme. */
static void
looks_parse(struct looks *l, bool keys, const char *data, size_t len,
    const char *name)
{
	if (keys)
		km_parse(l->km, data, len, name, warn_collect, &l->w);
	else
		theme_parse(l->th, data, len, name, warn_collect, &l->w);
}

/* The names of the built-in keymaps or themes, for messages. */
static const char *
looks_builtins(bool keys)
{
	return keys ? "default, emacs" : "dark, light, high-contrast, mono";
}

/*
 * Loads a keymap (keys) or theme by built-in name or file name (user:
 * the user's own file, never a built-in).  NULL if done, else why not
 * (caller frees), the name shown as messages show controls.
 */
static char *
looks_try(struct looks *l, bool keys, const char *name, bool user)
{
	const char *dir = keys ? "keymaps" : "themes";
	const struct builtin_file *bf;
	char *cause = NULL, *m;
	struct buf v;
	int rc;

	if (!user && strchr(name, '/') == NULL &&
	    (bf = builtin_find(dir, name, keys ? "keys" : "theme")) != NULL) {
		looks_parse(l, keys, bf->data, bf->len, bf->name);
		return NULL;
	}
	rc = keys ? km_load_file(l->km, name, warn_collect, &l->w, &cause) :
	    theme_load_file(l->th, name, warn_collect, &l->w, &cause);
	if (rc >= 0)
		return NULL;
	if (user || strchr(name, '/') != NULL)
		return cause;
	free(cause);
	buf_init(&v);
	text_utf8_visible_line(&v, name, strlen(name));
	m = xasprintf("no %s called '%s'", keys ? "keymap" : "theme",
	    v.data != NULL ? v.data : "");
	buf_free(&v);
	return m;
}

/*
 * Loads a keymap (keys) or theme by built-in name or file name.  One
 * that cannot be loaded: a warning if user (the user's own), else a
 * printed error and false.
 */
static bool
looks_load(struct looks *l, bool keys, const char *name, bool user)
{
	char *cause = looks_try(l, keys, name, user);

	if (cause == NULL)
		return true;
	if (user)
		warn_collect(&l->w, cause);
	else if (strchr(name, '/') == NULL)
		msg_print("%s (built in: %s)", cause, looks_builtins(keys));
	else
		msg_print("%s", cause);
	free(cause);
	return user;
}

/*
 * The keymap or theme the config file names at where ("FILE:LINE"), or
 * the built-in default: one that cannot be loaded is a warning there,
 * never fatal (a bad line of a user's file never is).
 */
static void
looks_config(struct looks *l, bool keys, const char *name,
    const char *where)
{
	char *cause = looks_try(l, keys, name, false), *m;

	if (cause == NULL)
		return;
	if (strchr(name, '/') != NULL)
		m = xasprintf("%s: %s: the default is used", where, cause);
	else
		m = xasprintf("%s: %s: the default is used (built in: %s)",
		    where, cause, looks_builtins(keys));
	warn_collect(&l->w, m);
	free(m);
	free(cause);
	free(looks_try(l, keys, keys ? "default" : "dark", false));
}

/* The user's own file on top, when there is one. */
static void
looks_user(struct looks *l, bool keys)
{
	char *path = config_path(keys ? "keys" : "theme");

	if (access(path, F_OK) == 0)
		looks_load(l, keys, path, true);
	free(path);
}

struct read_opts {
	const char	*keymap;
	const char	*theme;
	char		*keymap_at;	/* "FILE:LINE" of a config file's */
	char		*theme_at;	/* keymap and theme lines, or NULL */
	const char	*encoding;
	enum ui_bidi	 bidi;
	bool		 exact;
	struct ui_opts	 set;		/* "set NAME": nomouse, nolangmap,
					   nomargin */
};

static bool
bidi_parse(const char *s, enum ui_bidi *b)
{
	if (strcmp(s, "app") == 0)
		*b = UI_BIDI_APP;
	else if (strcmp(s, "terminal") == 0)
		*b = UI_BIDI_TERMINAL;
	else
		return false;
	return true;
}

/*
 * The config file: "keymap NAME", "theme NAME", "bidi app|terminal",
 * "search exact|arabic", "set nomouse" (and the other :set options),
 * comments with #.  Strings it sets are kept in
 * *keep (caller frees).  Bad lines are file:line warnings.
 */
static void
config_load(struct read_opts *o, struct warnings *w, char **keep)
{
	char *path = config_path("config"), *data = NULL, *cause = NULL;
	char *line, *next, *key, *val, *msg, *save;
	size_t len, ln = 0;

	*keep = NULL;
	if (access(path, F_OK) != 0) {
		free(path);
		return;
	}
	if (util_file_read(path, &data, &len, &cause) != 0) {
		warn_collect(w, cause);
		free(cause);
		free(path);
		return;
	}
	*keep = data;
	for (line = data; line != NULL && line < data + len; line = next) {
		ln++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if ((msg = strchr(line, '#')) != NULL)
			*msg = '\0';
		key = strtok_r(line, " \t\r", &save);
		if (key == NULL)
			continue;
		val = strtok_r(NULL, " \t\r", &save);
		msg = NULL;
		if (val == NULL || strtok_r(NULL, " \t\r", &save) != NULL)
			msg = xasprintf("%s:%zu: expected NAME VALUE", path,
			    ln);
		else if (strcmp(key, "keymap") == 0) {
			o->keymap = val;
			free(o->keymap_at);
			o->keymap_at = xasprintf("%s:%zu", path, ln);
		} else if (strcmp(key, "theme") == 0) {
			o->theme = val;
			free(o->theme_at);
			o->theme_at = xasprintf("%s:%zu", path, ln);
		} else if (strcmp(key, "bidi") == 0) {
			if (!bidi_parse(val, &o->bidi))
				msg = xasprintf("%s:%zu: bidi is app or "
				    "terminal", path, ln);
		} else if (strcmp(key, "search") == 0) {
			if (strcmp(val, "exact") == 0 ||
			    strcmp(val, "arabic") == 0)
				o->exact = strcmp(val, "exact") == 0;
			else
				msg = xasprintf("%s:%zu: search is exact or "
				    "arabic", path, ln);
		} else if (strcmp(key, "set") == 0) {
			if (!ui_set_option(&o->set, val))
				msg = xasprintf("%s:%zu: set: unknown option "
				    "'%s'", path, ln, val);
		} else
			msg = xasprintf("%s:%zu: unknown setting '%s'", path,
			    ln, key);
		if (msg != NULL) {
			warn_collect(w, msg);
			free(msg);
		}
	}
	free(path);
}

/* A non-UTF-8 locale cannot show Arabic: one line that names the fix. */
static bool
locale_ok(void)
{
	const char *cs;

	setlocale(LC_ALL, "");
	cs = nl_langinfo(CODESET);
	if (strcmp(cs, "UTF-8") == 0)
		return true;
	msg_print("the locale's character set is %s, not "
	    "UTF-8; run with a UTF-8 locale, e.g. LANG=C.UTF-8 hamish ...",
	    cs);
	return false;
}

/* The reader's options: all but --help and --swap are the global ones
 * (global_set()). */
static const struct option read_longopts[] = {
	{ "keymap", required_argument, NULL, 'k' },
	{ "theme", required_argument, NULL, 't' },
	{ "bidi", required_argument, NULL, 'b' },
	{ "encoding", required_argument, NULL, 'e' },
	{ "exact", no_argument, NULL, 'x' },
	{ "db", required_argument, NULL, 'd' },
	{ "library", required_argument, NULL, 'l' },
	{ "help", no_argument, NULL, 'h' },
	{ "swap", no_argument, NULL, 's' },
	{ NULL, 0, NULL, 0 }
};

struct main_global main_global;

/* Global option ch (read_longopts' val) with its value arg into g;
 * false if ch is not one. */
static bool
global_set(struct main_global *g, int ch, const char *arg)
{
	enum ui_bidi b;

	switch (ch) {
	case 'k':
		g->keymap = arg;
		break;
	case 't':
		g->theme = arg;
		break;
	case 'b':
		if (!bidi_parse(arg, &b))
			usage_error("--bidi: expected app or terminal");
		g->bidi = arg;
		break;
	case 'e':
		g->encoding = arg;
		break;
	case 'x':
		g->exact = true;
		break;
	case 'd':
		g->db = arg;
		break;
	case 'l':
		g->dirs = xreallocarray(g->dirs, g->ndirs + 1,
		    sizeof *g->dirs);
		g->dirs[g->ndirs++] = (char *)arg;
		break;
	default:
		return false;
	}
	return true;
}

/* hamish [OPTIONS] FILE...; with compare, hamish compare [OPTIONS]
 * [--swap] OLD NEW. */
static int
cmd_read(int argc, char **argv, bool compare)
{
	struct read_opts o = { "default", "dark", NULL, NULL, NULL,
	    UI_BIDI_APP, false, { 0 } };
	struct read_opts cli = { NULL, NULL, NULL, NULL, NULL, UI_BIDI_APP,
	    false, { 0 } };
	struct main_global g = main_global;	/* hamish --db X compare */
	struct render_opts ro = { 80, 0, 0, false, NULL, 0 };
	struct looks l = { NULL, NULL, { NULL, 0 } };
	struct ui_opts uo;
	struct ui *u;
	struct store *st = NULL;
	struct library *lib = NULL;
	char **dirs = NULL, **lib_dirs = NULL;
	size_t ndirs = 0, nlib = 0;
	const char *db;
	char *keep = NULL, *cause = NULL, *store_off = NULL;
	bool bidi_set = false, swap = false;
	int ch, rc = 0, i;

	g.dirs = NULL;	/* a copy of main_global's, the command's added */
	g.ndirs = 0;
	for (i = 0; i < (int)main_global.ndirs; i++)
		global_set(&g, 'l', main_global.dirs[i]);
	optind = 1;
	while ((ch = getopt_long(argc, argv, "e:h", read_longopts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'h':
			fputs(usage_text, stdout);
			free(g.dirs);
			return 0;
		case 's':
			if (compare) {
				swap = true;
				break;
			}
			usage_bad_option(argv, "e:h", NULL);
		default:
			if (!global_set(&g, ch, optarg))
				usage_bad_option(argv, "e:h", compare ?
				    " for compare" : NULL);
		}
	}
	cli.keymap = g.keymap;
	cli.theme = g.theme;
	cli.encoding = g.encoding;
	cli.exact = g.exact;
	if (g.bidi != NULL)
		bidi_set = bidi_parse(g.bidi, &cli.bidi);
	db = g.db;
	dirs = g.dirs;
	ndirs = g.ndirs;
	if (compare && argc - optind != 2)
		usage_error("compare takes two files, OLD NEW");
	if (compare && !isatty(STDOUT_FILENO)) {
		/* not a terminal: the change report of hamish diff */
		char *dargv[] = { argv[0], argv[optind], argv[optind + 1],
		    NULL };

		/* with the options of diff's that compare has */
		main_global.exact = g.exact;
		main_global.encoding = g.encoding;
		free(dirs);
		optind = 1;
		return cmd_diff(3, dargv);
	}
	if (optind == argc && isatty(STDIN_FILENO))
		usage_error("no document given");
	if (optind == argc) {
		/* Like less: `cat FILE | hamish` reads standard input, the
		 * keys then come from /dev/tty (ui_curses_run). */
		static char stdin_name[] = "-";
		static char *only[] = { stdin_name, NULL };

		argv = only;
		argc = 1;
		optind = 0;
	}
	if (!isatty(STDOUT_FILENO)) {
		/* Like less: not a terminal, so print the document. */
		ro.width = default_width();
		ro.encoding = cli.encoding;
		for (i = optind; i < argc && rc == 0; i++)
			rc = cmd_render_file(argv[i], &ro);
		free(dirs);
		return rc;
	}
	if (!locale_ok()) {
		free(dirs);
		return EXIT_USAGE;
	}
	config_load(&o, &l.w, &keep);
	if (cli.keymap != NULL) {
		o.keymap = cli.keymap;
		free(o.keymap_at);
		o.keymap_at = NULL;
	}
	if (cli.theme != NULL) {
		o.theme = cli.theme;
		free(o.theme_at);
		o.theme_at = NULL;
	}
	if (bidi_set)
		o.bidi = cli.bidi;
	if (cli.exact)
		o.exact = true;
	l.km = km_new();
	l.th = theme_new();
	/* an unknown --keymap or --theme is the user's typo: exit 1 */
	if (o.keymap_at != NULL)
		looks_config(&l, true, o.keymap, o.keymap_at);
	if (o.theme_at != NULL)
		looks_config(&l, false, o.theme, o.theme_at);
	if ((o.keymap_at == NULL && !looks_load(&l, true, o.keymap, false)) ||
	    (o.theme_at == NULL && !looks_load(&l, false, o.theme, false))) {
		rc = EXIT_USAGE;
		goto out;
	}
	looks_user(&l, true);
	looks_user(&l, false);
	uo.km = l.km;
	uo.view_flags = o.bidi == UI_BIDI_TERMINAL ?
	    VIEW_NO_SHAPE | VIEW_LOGICAL : 0;
	uo.exact = o.exact;
	uo.nomouse = o.set.nomouse;
	uo.nolangmap = o.set.nolangmap;
	uo.nomargin = o.set.nomargin;
	uo.encoding = cli.encoding;
	/* No database, no annotations: the documents still open. */
	st = main_store_open(db, &store_off);
	uo.store = st;
	/* read when first needed: a large directory must not slow the
	 * first screen */
	lib = library_new(st);
	uo.lib = lib;
	uo.lib_dirs = lib_dirs = main_library_dirs(dirs, ndirs, &nlib);
	uo.store_off = store_off;
	uo.empty_ok = compare;
	u = ui_new(&uo, 80, 24);
	for (i = optind; i < argc; i++)
		if (!ui_open(u, argv[i], &cause)) {
			msg_print("%s", cause);
			free(cause);
			ui_free(u);
			rc = EXIT_INPUT;
			goto out;
		}
	if (compare) {
		/* the same file twice is one buffer: no changes */
		ui_open(u, argv[optind], NULL);
		i = (int)ui_cur_index(u);
		ui_open(u, argv[optind + 1], NULL);
		ui_compare_begin(u, (size_t)i, ui_cur_index(u), swap);
		o.bidi = UI_BIDI_APP;	/* columns never reordered */
	} else if (argc - optind > 1)
		ui_open(u, argv[optind], NULL);	/* show the first again */
	if (!compare && argc - optind > 1)
		ui_message(u, false, "%d documents: :bn and :bp switch",
		    argc - optind);
	if (st == NULL)
		ui_message(u, true, "Annotations off: %s", store_off);
	else if (store_readonly_why(st) != NULL)
		ui_message(u, true, "Annotations read-only: %s",
		    store_readonly_why(st));
	if (l.w.n > 0)
		ui_message(u, true, "%s%s", l.w.first, l.w.n > 1 ?
		    " (and more warnings)" : "");
	rc = ui_curses_run(u, l.th, o.bidi);
	ui_free(u);
out:
	library_free(lib);
	main_library_dirs_free(lib_dirs);
	store_close(st);
	free(dirs);
	km_free(l.km);
	theme_free(l.th);
	free(l.w.first);
	free(keep);
	free(o.keymap_at);
	free(o.theme_at);
	free(store_off);
	return rc;
}

/*
 * hamish check-terminal: a test line drawn both ways, so that a user can
 * see which --bidi mode the terminal needs (hamish(1), TERMINALS).
 */
static int
cmd_check_terminal(void)
{
	static const char sample[] = "سلام على العالم: A/67/150 (2012)";
	static const char *const hints[] = {
		"TERM", "TMUX", "VTE_VERSION", "KONSOLE_VERSION",
		"TERM_PROGRAM", "MLTERM", "WT_SESSION"
	};
	struct lay_lines ll = { 0 };
	struct lay_para *lp;
	struct buf out;
	uint32_t *cps;
	size_t n, k;
	bool tty = isatty(STDOUT_FILENO);
	const char *v;

	cps = text_utf8_decode(sample, sizeof sample - 1, TEXT_NFC, &n, NULL);
	lp = lay_para_new(cps, n, LAY_DIR_RTL, 0);
	lay_para_wrap(lp, 40, &ll);
	buf_init(&out);
	buf_adds(&out, "The same Arabic sentence, twice.  It reads, right to "
	    "left:\n\"Peace upon the world: A/67/150 (2012)\", the letters joined, "
	    "the symbol and the\nyear left to right, the brackets round the "
	    "year.\n\n1  what hamish sends by default (--bidi=app), after "
	    "asking the terminal\n   not to reorder (CSI 8 l):\n\n");
	out_flush(&out);
	fflush(stdout);
	if (tty && write(STDOUT_FILENO, "\033[8l\033[1 k", 9) < 0)
		die("write error on standard output");
	render_lines(&out, &ll, 0);
	out_flush(&out);
	fflush(stdout);
	if (tty && write(STDOUT_FILENO, "\033[8h\033[0 k", 9) < 0)
		die("write error on standard output");
	buf_addf(&out, "\n2  the same in logical order, for a terminal that "
	    "reorders and shapes\n   by itself (--bidi=terminal):\n\n%40s"
	    "\n\n", sample);
	buf_adds(&out, "If line 1 reads right, keep the default.  If line 1 "
	    "reads backwards and\nline 2 reads right, this terminal reorders "
	    "text and ignores CSI 8 l: turn\nits bidi off (see TERMINALS in "
	    "hamish(1)), or run hamish --bidi=terminal.\nInside tmux, also "
	    "set -g allow-passthrough on.\n\n");
	buf_adds(&out, "This terminal says:");
	for (k = 0; k < UTIL_NELEM(hints); k++)
		if ((v = getenv(hints[k])) != NULL) {
			buf_addf(&out, " %s=", hints[k]);
			text_utf8_visible(&out, v, strlen(v));
		}
	buf_addc(&out, '\n');
	out_flush(&out);
	buf_free(&out);
	lay_lines_free(&ll);
	lay_para_free(lp);
	free(cps);
	return fflush(stdout) == 0 ? 0 : 3;
}

/* hamish --list-actions: the action table, one "name<TAB>help" a line. */
static int
list_actions(void)
{
	int a;

	for (a = ACT_NONE + 1; a < ACT_COUNT; a++)
		printf("%s\t%s\n", action_name(a), action_help(a));
	return 0;
}

static int
cmd_outline(int argc, char **argv)
{
	return cmd_print(argc, argv, false);
}

static int
cmd_dump(int argc, char **argv)
{
	return cmd_print(argc, argv, true);
}

static int
cmd_compare(int argc, char **argv)
{
	return cmd_read(argc, argv, true);
}

static int
cmd_terminal(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cmd_check_terminal();
}

/* The commands: hamish NAME ARGS... runs fn with argv[0] NAME. */
static const struct command {
	const char	*name;
	int		(*fn)(int, char **);
} commands[] = {
	{ "render", cmd_render },
	{ "outline", cmd_outline },
	{ "dump", cmd_dump },
	{ "check-terminal", cmd_terminal },
	{ "notes", cmd_notes },
	{ "refs", cmd_refs },
	{ "library", cmd_library },
	{ "diff", cmd_diff },
	{ "compare", cmd_compare },
};

static const struct command *
command_find(const char *name)
{
	size_t i;

	for (i = 0; i < UTIL_NELEM(commands); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/*
 * The global options at the start of argv (the reader's, read_longopts,
 * as getopt_long() takes them: --db X, --db=X, an unambiguous --d X,
 * -e X, -eX) into g; returns the index of the word after them, or -1 if
 * something else ends them: "--" (a FILE follows, even one named like a
 * command), another option, a missing value, no word.
 *
 *   hamish --db X --exact notes export FILE  ->  3 ("notes")
 *   hamish --db X -- library                 ->  -1 (the reader's)
 */
static int
global_scan(int argc, char **argv, struct main_global *g)
{
	const struct option *o, *hit;
	const char *a, *val, *eq;
	size_t len, nhit;
	int i, ch, has_arg;

	for (i = 1; i < argc; i++) {
		a = argv[i];
		if (a[0] != '-' || a[1] == '\0')	/* "-": standard input */
			return i;
		if (strcmp(a, "--") == 0)
			return -1;
		val = NULL;
		if (a[1] != '-') {
			if (a[1] != 'e')
				return -1;
			ch = 'e';
			has_arg = required_argument;
			if (a[2] != '\0')
				val = a + 2;
		} else {
			a += 2;
			eq = strchr(a, '=');
			len = eq != NULL ? (size_t)(eq - a) : strlen(a);
			hit = NULL;
			for (nhit = 0, o = read_longopts; o->name != NULL;
			    o++) {
				if (strncmp(o->name, a, len) != 0)
					continue;
				hit = o;
				if (o->name[len] == '\0') {	/* exact */
					nhit = 1;
					break;
				}
				nhit++;
			}
			if (nhit != 1)
				return -1;
			ch = hit->val;
			has_arg = hit->has_arg;
			if (eq != NULL) {
				if (has_arg == no_argument)
					return -1;
				val = eq + 1;
			}
		}
		if (has_arg != no_argument && val == NULL) {
			if (++i == argc)
				return -1;
			val = argv[i];
		}
		if (!global_set(g, ch, val))
			return -1;		/* --help, --swap */
	}
	return -1;
}

int
main(int argc, char **argv)
{
	int rc, i;

	/*
	 * Paragraphs of a long document need arrays of hundreds of KB, one
	 * set after another.  glibc would mmap and unmap each (page faults
	 * were a tenth of render's time); keep them on the heap for reuse.
	 */
	mallopt(M_MMAP_THRESHOLD, 64 << 20);
	mallopt(M_TRIM_THRESHOLD, 128 << 20);
	opterr = 0;	/* usage_bad_option() says it, in one line */

	if (argc < 2) {
		if (isatty(STDIN_FILENO))
			usage_error("no document given");
		/* a pipe into a terminal is read; into a pipe, printed */
		rc = isatty(STDOUT_FILENO) ? cmd_read(argc, argv, false) :
		    cmd_render(argc, argv);
	} else if (strcmp(argv[1], "--list-actions") == 0)
		rc = list_actions();
	else if (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0) {
		fputs(usage_text, stdout);
		rc = 0;
	} else if (strcmp(argv[1], "--version") == 0 ||
	    strcmp(argv[1], "-V") == 0) {
		printf("hamish %s\n", HAMISH_VERSION);
		rc = 0;
	} else {
		/* a command after the global options, like git's; else
		 * files for the reader, which reads the options itself */
		struct main_global g = { 0 };
		const struct command *c = NULL;

		if ((i = global_scan(argc, argv, &g)) > 0)
			c = command_find(argv[i]);
		if (c != NULL) {
			main_global = g;
			rc = c->fn(argc - i, argv + i);
		} else
			rc = cmd_read(argc, argv, false);
		free(g.dirs);
	}
	text_cleanup();
	return rc;
}
