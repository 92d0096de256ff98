#!/bin/sh
# tests/bench/notes.sh - annotations in a database of 100,000 (issue 5):
# builds tests/bench/notes.c against the library objects with the
# Makefile's own flags, runs it (it makes the database, then times
# opening a document with 5,000 annotations and re-anchoring 1,000 onto
# a revised text), and runs peers in the same invocation for ratios,
# timed by tests/bench/measure, best of RUNS (default 5):
#   - the sqlite3 shell running the query that loads that document's
#     annotations and anchors (store_notes_load()) on the same file;
#   - grep -F -c of the 1,000 quotes, as fixed strings, in the revised
#     text (exact matches only: no context, no scoring, no fuzzy; in
#     the C locale, its faster mode, the same bytes matched).
# Both peers are whole processes; `true` through measure is printed as
# the floor of any process here.  The generated files (the database is
# about 54 MB) are removed at the end.
# A benchmark, not a test: nothing here fails on a slow machine.
#
# Environment: B (build directory, default build), RUNS.
set -eu
B=${B:-build}
RUNS=${RUNS:-5}
OUT=tests/bench/out
DIR=$OUT/notes
mkdir -p "$OUT" "$DIR" "$B"
trap 'rm -rf "$DIR"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The library objects, flags and libraries: the Makefile's own, asked of
# make itself so that this never drifts from it.
mkvar() {
	make --no-print-directory -s B="$B" \
	    --eval "bench-notes-var: ; @echo \$($1)" bench-notes-var
}
objs=$(mkvar LIB_OBJ)
cflags=$(mkvar ALL_CFLAGS)
ldflags=$(mkvar ALL_LDFLAGS)
libs=$(mkvar PKG_LIBS)
# shellcheck disable=SC2086
make --no-print-directory -s B="$B" $objs
# shellcheck disable=SC2086
cc $cflags -Isrc -o "$B/bench-notes" tests/bench/notes.c $objs \
    $ldflags $libs
[ -x "$B/measure" ] || cc -O2 -o "$B/measure" tests/bench/measure.c

open=$(ls tests/corpus/000_*.txt)	# 5,000 annotations, reopened
revise=$(ls tests/corpus/002_*.txt)	# 1,000 annotations, revised
empty=$(ls tests/corpus/003_*.txt)	# none: the fixed cost

out=$("$B/bench-notes" "$DIR" "$RUNS" "$open" "$revise" "$empty")
echo "$out" | grep -v '^# doc='
stats=$(echo "$out" | sed -n 's/^# \(doc=\)/\1/p')
doc=$(echo "$stats" | sed 's/.*doc=\([0-9]*\).*/\1/')
version=$(echo "$stats" | sed 's/.*version=\([0-9]*\).*/\1/')

# best CMD...: the best wall ms of RUNS runs; a non-zero exit (grep
# counting nothing) still has its time printed, so accept that.
best() {
	bw=
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		r=$("$B/measure" "$@" || :)
		w=${r% *}
		[ -n "$w" ] || { echo "bench: $1 failed" >&2; exit 1; }
		if [ -z "$bw" ] || awk "BEGIN { exit !($w < $bw) }"; then
			bw=$w
		fi
		i=$((i + 1))
	done
	echo "$bw"
}

# The query of store_notes_load() (src/store.c, notes_sql), with the
# document and version notes_open() found; rows printed to /dev/null.
sql="SELECT a.id, a.uuid, a.style, a.note, a.created, a.modified,
a.deleted, n.version_id, n.para, n.block, n.start_cp, n.end_cp,
n.whole, n.exact, n.prefix, n.suffix, n.para_fp, n.doc_hash,
n.status, n.score FROM annotations AS a LEFT JOIN anchors AS n ON
n.id = coalesce((SELECT id FROM anchors WHERE annotation_id = a.id
AND version_id = $version), (SELECT max(id) FROM anchors WHERE
annotation_id = a.id)) WHERE a.document_id = $doc AND (0 OR NOT
a.deleted) ORDER BY a.created, a.id"
rows=$(sqlite3 -readonly "$DIR/notes.db" "SELECT count(*) FROM ($sql)")
t_ms=$(best true)
s1_ms=$(best sqlite3 -readonly "$DIR/notes.db" "SELECT 1")
s_ms=$(best sqlite3 -readonly "$DIR/notes.db" "$sql")
g_ms=$(LC_ALL=C; export LC_ALL
    best grep -F -c -f "$DIR/quotes.txt" "$DIR/revised.txt")
# how many of the quotes occur verbatim somewhere in the revision
found=$(LC_ALL=C awk 'NR == FNR { q[NR] = $0; next }
    { t = t $0 "\n" } END { for (i in q) c += index(t, q[i]) > 0; print c }' \
    "$DIR/quotes.txt" "$DIR/revised.txt")

awk -v st="$stats" -v s="$s_ms" -v s1="$s1_ms" -v g="$g_ms" \
    -v t="$t_ms" -v rows="$rows" -v found="$found" -v runs="$RUNS" 'BEGIN {
	n = split(st, kv, " ")
	for (i = 1; i <= n; i++) {
		split(kv[i], p, "=")
		v[p[1]] = p[2]
	}
	printf "peers (whole processes, timed by measure, best of %d):\n",
	    runs
	printf "  the floor: `true` %.1f ms; sqlite3 shell `SELECT 1` on " \
	    "the database %.1f ms\n", t, s1
	printf "  sqlite3 shell, the query of store_notes_load() " \
	    "(%d rows): %.1f ms\n", rows, s
	printf "  ratio hamish store_open + notes_open / sqlite3 query " \
	    "(each a new connection): %.2f\n", v["cold_ms"] / s
	printf "  ratio hamish notes_open (database already open) / " \
	    "sqlite3 query: %.2f\n", v["open_ms"] / s
	printf "  grep -F -c -f quotes.txt revised.txt: %.1f ms " \
	    "(%d of the 1000 quotes are in it verbatim)\n", g, found
	printf "  ratio hamish anchor_resolve x 1000 / grep -F: %.2f\n",
	    v["resolve_ms"] / g
	printf "  ratio hamish notes_open of the revision / grep -F: %.2f\n",
	    v["revopen_ms"] / g
}'
