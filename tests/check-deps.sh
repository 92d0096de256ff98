#!/bin/sh
# tests/check-deps.sh - each library of the field is included by one
# module only (STYLE.md): ICU by text, FriBidi by layout, SQLite by store,
# curses by ui-curses.c; and nothing includes ui.h but the UI and main.
# Prints what is wrong and fails; silent when all is well.
cd "$(dirname "$0")/.." || exit 2
rc=0
only() {	# only PATTERN ALLOWED-FILES-REGEX WHAT
	bad=$(grep -lE "^#[[:space:]]*include[[:space:]]*[<\"]($1)" src/*.[ch] |
	    grep -vE "^src/($2)$")
	if [ -n "$bad" ]; then
		echo "check-deps: $3 included outside its module: $bad" >&2
		rc=1
	fi
}
only 'unicode/' 'text[^/]*\.c' 'ICU'
only 'fribidi' 'layout\.c' 'FriBidi'
only 'sqlite3\.h' 'store[^/]*\.c' 'SQLite'
only 'poppler|glib' 'doc-pdf\.c' 'poppler (GLib)'
only 'n?curses|term\.h' 'ui-curses\.c' 'curses'
only 'ui\.h' 'ui[^/]*\.c|main[^/]*\.c' 'ui.h'
# the library modules never print or exit (main, ui and util may)
bad=$(grep -lE '\b(printf|fprintf|puts|fputs|exit)\(' src/*.c |
    grep -vE '^src/(main[^/]*|util|ui[^/]*)\.c$')
if [ -n "$bad" ]; then
	echo "check-deps: library module prints or exits: $bad" >&2
	rc=1
fi
exit $rc
