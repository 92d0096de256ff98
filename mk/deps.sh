#!/bin/sh
# Installs the Debian packages hamish needs to build, test and benchmark.
# Run by `make deps`, which `make`, `make run` and `make check` call first.
# As root it runs apt-get; otherwise it prints the exact command and fails,
# so that nothing half-installed is ever built against.
set -eu

# build: compiler, pkg-config and the five libraries of the field
# tests: unicode-data (BidiCharacterTest.txt), tmux (end-to-end), mandoc (man
#        page lint), sqlite3 (to look into and make database files);
#        poppler-utils (pdftotext: the PDF fixtures and their extractions);
# build: libpoppler-glib-dev (PDF files, doc-pdf.c);
# bench: libfribidi-bin (the `fribidi` peer), less, sqlite3, poppler-utils; python3 (tests: a JSON parser)
#        (the `pdftotext` peer)
PKGS="gcc make pkg-config libncurses-dev libfribidi-dev libicu-dev \
libsqlite3-dev libpoppler-glib-dev unicode-data libfribidi-bin tmux mandoc \
less sqlite3 poppler-utils python3"

if ! command -v dpkg-query >/dev/null 2>&1; then
	# Not Debian: trust pkg-config and say what to install if it fails.
	pkg-config --exists ncursesw fribidi icu-uc icu-i18n sqlite3 poppler-glib &&
	    exit 0
	echo "hamish: install the development files of ncursesw, fribidi," \
	    "icu-uc, icu-i18n, sqlite3 and poppler-glib (pkg-config cannot" \
	    "find them)" >&2
	exit 1
fi

missing=
for p in $PKGS; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
	    grep -q 'ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "hamish: missing Debian packages; run:" >&2
	echo "  sudo apt-get install --no-install-recommends$missing" >&2
	exit 1
fi
echo "hamish: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq || true   # a stale list is fine if the install succeeds
apt-get install -y -qq --no-install-recommends $missing
