/*
 * library.h - the documents hamish can open by symbol.
 *
 * The library is every *.txt file in a set of directories (the user's
 * $XDG_DATA_HOME/hamish/library/, those of --library and
 * HAMISH_LIBRARY, the directory of each open file), indexed by symbol:
 * the one in the document's header, else the one in its file name
 * (A_67_150.txt is A/67/150).  The index lives in the store (table
 * library, keyed by path with size and modification time, so that a
 * directory is read again only for files that changed); without a
 * store it is kept in memory.  No terminal.
 */
#ifndef HAMISH_LIBRARY_H
#define HAMISH_LIBRARY_H

#include <stdbool.h>
#include <stddef.h>

struct store;

struct library;

/* An empty library over store st (borrowed, may be NULL). */
struct library	*library_new(struct store *);
void		 library_free(struct library *);
/*
 * Adds directory dir (copied) and indexes its files (not recursively),
 * once: adding a directory again does nothing.  A directory that does
 * not exist is no error (the default one may not); other failures are
 * returned with *cause.
 */
bool		 library_add_dir(struct library *, const char *, char **);

/* One document of the library, strings borrowed until the next call. */
struct library_doc {
	const char	*symbol;	/* "A/67/150" */
	const char	*title;		/* or NULL */
	const char	*path;
};

size_t		 library_count(const struct library *);
/* By symbol, sorted. */
const struct library_doc *library_get(const struct library *, size_t);
/*
 * The file of the document with this symbol, or NULL: an exact match,
 * else (a symbol without /Rev.N) its latest revision in the library.
 */
const char	*library_find(const struct library *, const char *);

/* The symbol a file name spells, "A/67/150" for A_67_150.txt (caller
 * frees), or NULL. */
char		*library_symbol_from_name(const char *);

#endif
