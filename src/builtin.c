/*
 * builtin.c - finding an embedded keymap or theme (see builtin.h; the
 * data itself is generated into the build directory).
 */
#include <stdio.h>
#include <string.h>

#include "builtin.h"

const struct builtin_file *
builtin_find(const char *dir, const char *name, const char *ext)
{
	char want[256];
	size_t i;

	if (snprintf(want, sizeof want, "%s/%s.%s", dir, name, ext) >=
	    (int)sizeof want)
		return NULL;
	for (i = 0; i < builtin_nfiles; i++)
		if (strcmp(builtin_files[i].name, want) == 0)
			return &builtin_files[i];
	return NULL;
}
