/*
 * main-notes.c - `hamish notes export|import|carry` and the choice of
 * the user's database.
 *
 * Part of the command line (see main.c): it prints and exits.  The work
 * is done by notes.c (placing annotations on a text, the export formats)
 * and store.c (the database, the JSON import).
 */
#include <fcntl.h>
#include <getopt.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc.h"
#include "main.h"
#include "notes.h"
#include "store.h"
#include "text.h"
#include "util.h"

struct store *
main_store_open(const char *db, char **cause)
{
	const char *env = getenv("HAMISH_DB");
	char *path = NULL;
	struct store *st;

	if (db == NULL && env != NULL && *env != '\0')
		db = env;
	if (db == NULL && (db = path = store_path_default()) == NULL) {
		*cause = xstrdup("no database: set HOME, XDG_DATA_HOME or "
		    "HAMISH_DB, or use --db PATH");
		return NULL;
	}
	st = store_open(db, cause);
	if (st != NULL && store_was_empty(st))
		msg_print("%s was an empty file: it is now a new database",
		    db);
	free(path);
	return st;
}

/* path as a message shows it (caller frees): controls made visible. */
static char *
shown(const char *path)
{
	struct buf b;

	buf_init(&b);
	text_utf8_visible_line(&b, path, strlen(path));
	return buf_steal(&b);
}

static struct store *
store_or_exit(const char *db)
{
	struct store *st;
	char *cause = NULL;

	if ((st = main_store_open(db, &cause)) == NULL) {
		msg_print("%s", cause);
		free(cause);
		exit(EXIT_STORE);
	}
	if (store_readonly_why(st) != NULL)	/* a full disk */
		msg_print("%s: opened read-only: %s", store_path(st),
		    store_readonly_why(st));
	return st;
}

/* A document of the store and its text when its file can be read. */
struct opened {
	struct doc	*doc;		/* or NULL: as stored */
	struct notes	*notes;
	const char	*path;		/* borrowed */
};

/*
 * Opens file path and places its annotations; false after printing a
 * line (rc set) if it cannot be read or the store fails.
 */
static bool
open_file(struct store *st, const char *path, struct opened *o, int *rc)
{
	char *cause = NULL;

	memset(o, 0, sizeof *o);
	o->path = path;
	if ((o->doc = main_doc_load(path, NULL, rc)) == NULL) {
		if (*rc == 0) {
			msg_print("%s: empty document", path);
			*rc = EXIT_INPUT;
		}
		return false;
	}
	if ((o->notes = notes_open(st, o->doc, path, &cause)) == NULL) {
		msg_print("%s", cause);
		free(cause);
		doc_free(o->doc);
		o->doc = NULL;
		*rc = EXIT_STORE;
		return false;
	}
	return true;
}

static void
opened_free(struct opened *o)
{
	notes_free(o->notes);
	doc_free(o->doc);
	memset(o, 0, sizeof *o);
}

/*
 * Opens stored document sd: placed on its file's current text when the
 * file is there and is still that document, else as stored.
 */
static bool
open_stored(struct store *st, const struct store_doc *sd, struct opened *o)
{
	struct doc_import_opts io = { NULL, NULL, 0, false };
	char *cause = NULL;

	memset(o, 0, sizeof *o);
	o->path = sd->path;
	if (sd->path != NULL && access(sd->path, R_OK) == 0 &&
	    (o->doc = doc_import_file(sd->path, &io, &cause)) != NULL) {
		o->notes = notes_open(st, o->doc, sd->path, &cause);
		if (o->notes != NULL && notes_doc_id(o->notes) == sd->id)
			return true;
		opened_free(o);
		o->path = sd->path;
	}
	free(cause);
	cause = NULL;
	if ((o->notes = notes_open_stored(st, sd->id, &cause)) == NULL) {
		msg_print("%s", cause);
		free(cause);
		return false;
	}
	return true;
}

/* Whether a stored document goes by name (symbol, family or title). */
static bool
doc_named(const struct store_doc *sd, const char *name)
{
	return (sd->symbol != NULL && strcmp(sd->symbol, name) == 0) ||
	    (sd->family != NULL && strcmp(sd->family, name) == 0) ||
	    (sd->title != NULL && strcmp(sd->title, name) == 0);
}

/*
 * Writes out to path through a temporary file renamed over it, so that
 * an existing export is never left half written; mode 0600 (notes are
 * private until their owner shares them).
 */
static bool
write_file(const char *path, const struct buf *out)
{
	char *tmp = xasprintf("%s.XXXXXX", path);
	int fd = mkstemp(tmp);
	bool ok = fd >= 0;

	if (ok && (size_t)write(fd, out->data, out->len) != out->len)
		ok = false;
	if (fd >= 0 && close(fd) != 0)
		ok = false;
	if (ok && rename(tmp, path) != 0)
		ok = false;
	if (!ok) {
		msg_print("%s: cannot write: %s", path, strerror(errno));
		if (fd >= 0)
			unlink(tmp);
	}
	free(tmp);
	return ok;
}

static int
notes_export(int argc, char **argv, const char *db, const char *output,
    enum notes_format f)
{
	struct store *st = store_or_exit(db);
	struct store_doc *docs = NULL;
	struct notes_export x;
	struct opened o;
	struct buf out;
	size_t ndocs = 0;
	char *cause = NULL;
	int rc = 0;

	buf_init(&out);
	notes_export_begin(&x, &out, f);
	if (!store_docs_list(st, &docs, &ndocs, &cause)) {
		msg_print("%s", cause);
		free(cause);
		rc = EXIT_STORE;
		goto out;
	}
	if (argc == 0)
		for (size_t i = 0; i < ndocs && rc == 0; i++) {
			if (docs[i].notes == 0)
				continue;
			if (!open_stored(st, &docs[i], &o)) {
				rc = EXIT_STORE;
				break;
			}
			notes_export_add(&x, o.notes, o.path, &docs[i]);
			opened_free(&o);
		}
	for (int a = 0; a < argc && rc == 0; a++) {
		size_t i;

		if (access(argv[a], F_OK) == 0) {
			if (!open_file(st, argv[a], &o, &rc))
				break;
			notes_export_add(&x, o.notes, o.path, NULL);
			opened_free(&o);
			continue;
		}
		for (i = 0; i < ndocs && !doc_named(&docs[i], argv[a]); i++)
			;
		if (i == ndocs) {
			msg_print("%s: no such file or stored "
			    "document", argv[a]);
			rc = EXIT_INPUT;
		} else if (!open_stored(st, &docs[i], &o))
			rc = EXIT_STORE;
		else {
			notes_export_add(&x, o.notes, o.path, &docs[i]);
			opened_free(&o);
		}
	}
	notes_export_end(&x);
	if (rc == 0) {
		if (output != NULL && strcmp(output, "-") != 0) {
			if (!write_file(output, &out))
				rc = EXIT_INPUT;
		} else
			out_flush(&out);
	}
out:
	buf_free(&out);
	store_docs_free(docs, ndocs);
	store_close(st);
	return rc;
}

static int
notes_import(const char *path, const char *db)
{
	struct store_import_stats s = { 0 };
	struct store *st;
	char *data = NULL, *cause = NULL;
	size_t len;
	int rc = 0;

	if (util_file_read(path, &data, &len, &cause) != 0) {
		msg_print("%s", cause);
		free(cause);
		return EXIT_INPUT;
	}
	st = store_or_exit(db);
	if (!store_import_json(st, data, len, &s, &cause)) {
		/* the database's failure (read-only, damaged) is 4 as
		 * for every command, the file's 2 */
		if (store_failed(st)) {
			msg_print("%s", cause);
			rc = EXIT_STORE;
		} else {
			msg_print("%s: %s", path, cause);
			rc = EXIT_INPUT;
		}
		free(cause);
	} else {
		char *p = shown(path);

		if (s.replaced > 0)
			msg_print("%s: %zu ill-formed UTF-8 sequence%s (bytes "
			    "that are not UTF-8, lone surrogate or NUL "
			    "escapes) imported as U+FFFD", path, s.replaced,
			    s.replaced > 1 ? "s" : "");
		printf("%s: %zu added, %zu updated, %zu unchanged, %zu "
		    "skipped\n", p, s.added, s.updated, s.unchanged,
		    s.skipped);
		free(p);
	}
	store_close(st);
	free(data);
	return rc;
}

/* What became of the annotations placed on a text, in one line. */
static void
print_placed(const char *path, struct notes *ns)
{
	char *p = shown(path);

	printf("%s: %zu annotations: %zu exact, %zu moved, %zu fuzzy, "
	    "%zu need review, %zu orphans\n", p, notes_count(ns),
	    notes_count_status(ns, ANCHOR_EXACT),
	    notes_count_status(ns, ANCHOR_MOVED),
	    notes_count_status(ns, ANCHOR_FUZZY),
	    notes_count_status(ns, ANCHOR_REVIEW),
	    notes_count_status(ns, ANCHOR_ORPHAN));
	free(p);
}

/*
 * hamish notes carry OLD NEW: NEW is a version of OLD, whatever their
 * symbols, paths and titles say; OLD's annotations are placed on NEW.
 */
static int
notes_carry(const char *old, const char *new, const char *db)
{
	struct store *st = store_or_exit(db);
	struct opened a, b;
	char *cause = NULL;
	int rc = 0;

	if (!open_file(st, old, &a, &rc)) {
		store_close(st);
		return rc;
	}
	if (!open_file(st, new, &b, &rc)) {
		opened_free(&a);
		store_close(st);
		return rc;
	}
	if (notes_doc_id(a.notes) != notes_doc_id(b.notes)) {
		int64_t from = notes_doc_id(b.notes);

		notes_free(b.notes);
		b.notes = NULL;
		if (!store_doc_merge(st, from, notes_doc_id(a.notes), &cause) ||
		    (b.notes = notes_open(st, b.doc, new, &cause)) == NULL) {
			msg_print("%s", cause);
			free(cause);
			rc = EXIT_STORE;
		}
	}
	if (rc == 0)
		print_placed(new, b.notes);
	opened_free(&b);
	opened_free(&a);
	store_close(st);
	return rc;
}

int
cmd_notes(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	enum notes_format f = NOTES_MD;
	const char *db = main_global.db, *output = NULL, *what;
	int ch;

	if (argc < 2)
		usage_error("notes: expected export, import or carry");
	what = argv[1];
	argc--;
	argv++;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "f:o:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			db = optarg;
			break;
		case 'f':
			if (!notes_format_parse(optarg, &f))
				usage_error("--format: expected md, csv or "
				    "json");
			break;
		case 'o':
			output = optarg;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		default:
			usage_bad_option(argv, "f:o:h", " for notes");
		}
	}
	argc -= optind;
	argv += optind;
	if (strcmp(what, "export") == 0)
		return notes_export(argc, argv, db, output, f);
	if (output != NULL)
		usage_error("--output is an option of notes export");
	if (strcmp(what, "import") == 0) {
		if (argc != 1)
			usage_error("notes import takes one FILE.json");
		return notes_import(argv[0], db);
	}
	if (strcmp(what, "carry") == 0) {
		if (argc != 2)
			usage_error("notes carry takes OLD and NEW");
		return notes_carry(argv[0], argv[1], db);
	}
	usage_error("notes: expected export, import or carry");
}
