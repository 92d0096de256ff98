/*
 * main-refs.c - `hamish refs`, `hamish library` and the choice of the
 * library's directories.
 *
 * Part of the command line (see main.c): it prints and exits.  The work
 * is done by refs.c (finding references) and library.c (documents by
 * symbol).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "library.h"
#include "main.h"
#include "refs.h"
#include "store.h"
#include "text.h"
#include "util.h"

/* The user's library directory: $XDG_DATA_HOME/hamish/library (caller
 * frees), or NULL without XDG_DATA_HOME and HOME. */
static char *
library_dir_default(void)
{
	const char *x = getenv("XDG_DATA_HOME"), *home = getenv("HOME");

	if (x != NULL && *x == '/')
		return xasprintf("%s/hamish/library", x);
	if (home != NULL && *home != '\0')
		return xasprintf("%s/.local/share/hamish/library", home);
	return NULL;
}

static void
add_dir(struct library *lib, const char *dir)
{
	char *cause = NULL;

	if (!library_add_dir(lib, dir, &cause)) {
		msg_print("library: %s", cause);
		free(cause);
	}
}

char **
main_library_dirs(char **dirs, size_t ndirs, size_t *n)
{
	const char *env = getenv("HAMISH_LIBRARY");
	char **v = xcalloc(ndirs + 2, sizeof *v), *d, *copy, *p, *save = NULL;
	size_t k = 0;

	if ((d = library_dir_default()) != NULL)
		v[k++] = d;
	if (env != NULL && *env != '\0') {
		copy = xstrdup(env);
		for (p = strtok_r(copy, ":", &save); p != NULL;
		    p = strtok_r(NULL, ":", &save)) {
			v = xreallocarray(v, k + ndirs + 2, sizeof *v);
			v[k++] = xstrdup(p);
		}
		free(copy);
	}
	for (size_t i = 0; i < ndirs; i++)
		v[k++] = xstrdup(dirs[i]);
	v[k] = NULL;
	*n = k;
	return v;
}

void
main_library_dirs_free(char **v)
{
	for (size_t i = 0; v != NULL && v[i] != NULL; i++)
		free(v[i]);
	free(v);
}

struct library *
main_library_open(struct store *st, char **dirs, size_t ndirs)
{
	struct library *lib = library_new(st);
	size_t n;
	char **v = main_library_dirs(dirs, ndirs, &n);

	for (size_t i = 0; i < n; i++)
		add_dir(lib, v[i]);
	main_library_dirs_free(v);
	return lib;
}

/* Options shared by refs and library: --library DIR (repeatable), --db. */
struct lib_opts {
	char		**dirs;
	size_t		 ndirs;
	const char	*db;
	bool		 json;
};

static int
lib_opts_parse(int argc, char **argv, struct lib_opts *o, bool refs)
{
	static const struct option longopts[] = {
		{ "library", required_argument, NULL, 'l' },
		{ "db", required_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	size_t k;
	int ch;

	/* hamish --db X --library DIR refs: those first */
	o->db = main_global.db;
	for (k = 0; k < main_global.ndirs; k++) {
		o->dirs = xreallocarray(o->dirs, o->ndirs + 1,
		    sizeof *o->dirs);
		o->dirs[o->ndirs++] = main_global.dirs[k];
	}
	optind = 1;
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'l':
			o->dirs = xreallocarray(o->dirs, o->ndirs + 1,
			    sizeof *o->dirs);
			o->dirs[o->ndirs++] = optarg;
			break;
		case 'd':
			o->db = optarg;
			break;
		case 'j':
			if (!refs)
				usage_error("--json is an option of refs");
			o->json = true;
			break;
		case 'h':
			fputs(usage_text, stdout);
			exit(0);
		default:
			usage_bad_option(argv, "h", refs ? " for refs" :
			    " for library");
		}
	}
	return optind;
}

/*
 * The store for the library's index; without one (none can be opened)
 * the library is indexed in memory and a warning says why.
 */
static struct store *
store_quiet(const char *db)
{
	char *cause = NULL;
	struct store *st = main_store_open(db, &cause);

	if (st == NULL) {
		msg_print("library not indexed in the database: "
		    "%s", cause);
		free(cause);
	}
	return st;
}

/* s with control characters made visible (a title may hold any). */
static void
add_visible(struct buf *b, const char *s)
{
	text_utf8_visible(b, s, strlen(s));
}

static bool
in_library(const char *sym, void *arg)
{
	return library_find(arg, sym) != NULL;
}

/* hamish refs [--json] [--library DIR]... FILE */
int
cmd_refs(int argc, char **argv)
{
	struct lib_opts o = { NULL, 0, NULL, false };
	struct library *lib;
	struct store *st;
	struct refs *rs;
	struct buf out;
	struct doc *d;
	char *real, *slash;
	int i, rc;

	i = lib_opts_parse(argc, argv, &o, true);
	if (argc - i != 1)
		usage_error("refs takes one FILE");
	/* The library first: indexing the file's directory may import the
	 * file itself, and two imports of a huge file at once doubled the
	 * peak memory (issue 15, item 12). */
	st = store_quiet(o.db);
	lib = main_library_open(st, o.dirs, o.ndirs);
	if ((real = realpath(argv[i], NULL)) != NULL &&
	    (slash = strrchr(real, '/')) != NULL) {
		*slash = '\0';
		add_dir(lib, *real != '\0' ? real : "/");
	}
	free(real);
	if ((d = main_doc_load(argv[i], NULL, &rc)) == NULL) {
		library_free(lib);
		store_close(st);
		free(o.dirs);
		if (rc == 0)
			msg_print("%s: empty document", argv[i]);
		return rc != 0 ? rc : EXIT_INPUT;
	}
	rs = refs_find(d);
	buf_init(&out);
	refs_print(&out, d, rs, o.json, in_library, lib);
	out_flush(&out);
	buf_free(&out);
	refs_free(rs);
	library_free(lib);
	store_close(st);
	doc_free(d);
	free(o.dirs);
	return fflush(stdout) == 0 ? 0 : EXIT_FATAL;
}

/* hamish library [--library DIR]...: SYMBOL<TAB>TITLE<TAB>PATH lines */
int
cmd_library(int argc, char **argv)
{
	struct lib_opts o = { NULL, 0, NULL, false };
	struct library *lib;
	struct store *st;
	struct buf out;
	int i;

	i = lib_opts_parse(argc, argv, &o, false);
	if (i != argc)
		usage_error("library takes no FILE (--library DIR adds one)");
	st = store_quiet(o.db);
	lib = main_library_open(st, o.dirs, o.ndirs);
	buf_init(&out);
	for (size_t k = 0; k < library_count(lib); k++) {
		const struct library_doc *ld = library_get(lib, k);

		add_visible(&out, ld->symbol);
		buf_addc(&out, '\t');
		add_visible(&out, ld->title != NULL ? ld->title : "-");
		buf_addc(&out, '\t');
		add_visible(&out, ld->path);
		buf_addc(&out, '\n');
	}
	out_flush(&out);
	buf_free(&out);
	library_free(lib);
	store_close(st);
	free(o.dirs);
	return fflush(stdout) == 0 ? 0 : EXIT_FATAL;
}
