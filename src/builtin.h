/*
 * builtin.h - the keymaps/ and themes/ files compiled into the binary.
 *
 * The data of the built-in keymaps and themes is the files of the tree,
 * embedded at build time by mk/embed.sh, so a binary works without its
 * installed data and parses its defaults exactly as a user's files.
 */
#ifndef HAMISH_BUILTIN_H
#define HAMISH_BUILTIN_H

#include <stddef.h>

/* One embedded file: name as in the tree ("keymaps/emacs.keys"). */
struct builtin_file {
	const char	*name;
	const char	*data;
	size_t		 len;
};

extern const struct builtin_file builtin_files[];
extern const size_t builtin_nfiles;

/*
 * The file dir/NAME.ext ("keymaps", "emacs", "keys"), or NULL.  Borrowed,
 * static.
 */
const struct builtin_file *builtin_find(const char *, const char *,
		    const char *);

#endif
