/*
 * langmap.h - the standard Arabic keyboard layout, as keys of a Latin
 * one (like vim's 'langmap').
 *
 * With the Arabic layout active, the key where `j` is sends ت; the
 * reader's keys are bound to Latin letters, so in the modes where keys
 * are commands (not typing) a character the layout sends is read as the
 * Latin key in the same place.  Pure data and a lookup: no terminal.
 */
#ifndef HAMISH_LANGMAP_H
#define HAMISH_LANGMAP_H

#include <stddef.h>
#include <stdint.h>

/* One key of the layout: what it sends, the Latin key in its place. */
struct langmap_key {
	uint32_t	 sent;		/* a code point above U+007F */
	char		 latin;		/* printable ASCII */
};

/*
 * The Latin key in the place of the key that sends cp under the Arabic
 * (PC) layout, or 0: cp is ASCII (that layout sends ":" ";" "]" ... as
 * themselves, and those keys already mean what they say) or not on it.
 */
char		 langmap_latin(uint32_t);
/* The table, for the tests and the manual: *n entries, static. */
const struct langmap_key *langmap_table(size_t *);

#endif
