/*
 * main.h - what the files of the command line (main*.c) share.
 *
 * Not a library header: only the main*.c files include it.  These
 * functions print and exit, as a command line does.
 */
#ifndef HAMISH_MAIN_H
#define HAMISH_MAIN_H

#include <stdbool.h>

#define EXIT_USAGE	1
#define EXIT_INPUT	2
#define EXIT_FATAL	3
#define EXIT_STORE	4

struct buf;
struct doc;
struct library;
struct store;

/* hamish --help */
extern const char usage_text[];

/*
 * The reader's options given before a command's name, as in
 * `hamish --db X notes export`: main() sets them, and each command that
 * has the option starts from its value (the command's own after its
 * name win); the others ignore it.  Strings borrowed from argv.
 */
struct main_global {
	const char	*db;
	const char	*encoding;
	const char	*keymap;
	const char	*theme;
	const char	*bidi;		/* "app" or "terminal" */
	char		**dirs;		/* --library DIR..., ndirs of them */
	size_t		 ndirs;
	bool		 exact;
};
extern struct main_global main_global;

/* Prints "hamish: msg (try hamish --help)", one line; exits with
 * EXIT_USAGE. */
void		 usage_error(const char *) __attribute__((noreturn));
/* After getopt_long() returned '?' (opterr 0): "unknown option --x" or
 * "option --x needs a value", what appended (may be NULL), through
 * usage_error(). */
void		 usage_bad_option(char **, const char *, const char *)
		    __attribute__((noreturn));
/* Prints "hamish: " and the formatted message, one line on standard
 * error, every control character and bidi override made harmless. */
void		 msg_print(const char *, ...)
		    __attribute__((format(printf, 1, 2)));
/* Writes out to standard output and empties it (dies on error). */
void		 out_flush(struct buf *);
/*
 * Opens path as a document: NULL with *rc 0 for an empty document, or
 * EXIT_INPUT after printing one line.  Importer warnings are printed.
 */
struct doc	*main_doc_load(const char *, const char *, int *);
/* The same for d imported already (NULL: cause says why; both
 * transferred), as doc_load_take() gives them. */
struct doc	*main_doc_took(const char *, struct doc *, char *, int *);
/*
 * The user's database: db (--db) if set, else $HAMISH_DB, else the
 * default path.  NULL with *cause (caller frees) if it cannot be used.
 */
struct store	*main_store_open(const char *, char **);

/* hamish notes export|import|carry */
int		 cmd_notes(int, char **);
/*
 * The library: the user's directory, $HAMISH_LIBRARY's and dirs (n of
 * them, borrowed), indexed in st (may be NULL).  Caller frees with
 * library_free().
 */
struct library	*main_library_open(struct store *, char **, size_t);
/* The same directories, not yet read: a NULL-terminated array of *n
 * strings (free with main_library_dirs_free()). */
char		**main_library_dirs(char **, size_t, size_t *);
void		 main_library_dirs_free(char **);
/* hamish refs, hamish library */
int		 cmd_refs(int, char **);
int		 cmd_library(int, char **);
/* hamish diff: returns 0 no changes, 1 changes, 2 trouble (main-diff.c) */
int		 cmd_diff(int, char **);

#endif
