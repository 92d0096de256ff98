#!/bin/sh
# tests/bench/search.sh - search on the 8 MB input: builds tests/bench/
# search.c against the library objects with the Makefile's own flags,
# runs it, and runs a peer in the same invocation for a ratio: grep -c of
# the same UTF-8 word on the same file, timed by tests/bench/measure,
# best of RUNS (default 5).  A benchmark, not a test: nothing here fails
# on a slow machine.
#
# Environment: B (build directory, default build), RUNS, OFTEN and NEVER
# (a word that occurs often, one that never does).
set -eu
B=${B:-build}
RUNS=${RUNS:-5}
OFTEN=${OFTEN:-الدول}
NEVER=${NEVER:-الزرافات}
OUT=tests/bench/out
mkdir -p "$OUT" "$B"

# The library objects, flags and libraries: the Makefile's own, asked of
# make itself so that this never drifts from it.
mkvar() {
	make --no-print-directory -s B="$B" \
	    --eval "bench-search-var: ; @echo \$($1)" bench-search-var
}
objs=$(mkvar LIB_OBJ)
cflags=$(mkvar ALL_CFLAGS)
ldflags=$(mkvar ALL_LDFLAGS)
libs=$(mkvar PKG_LIBS)
# shellcheck disable=SC2086
make --no-print-directory -s B="$B" $objs
# shellcheck disable=SC2086
cc $cflags -Isrc -o "$B/bench-search" tests/bench/search.c $objs \
    $ldflags $libs
[ -x "$B/measure" ] || cc -O2 -o "$B/measure" tests/bench/measure.c

# The input: the four seeds repeated to about 8 MB.
. tests/bench/input.sh

out=$("$B/bench-search" "$big" "$OFTEN" "$NEVER" "$RUNS")
echo "$out" | grep -v '^#'
stats=$(echo "$out" | sed -n 's/^# //p')

# The peer: grep -c WORD FILE, a full scan either way.  grep exits 1
# when it counts 0 lines; measure still prints the time, so accept that.
peer() {	# peer WORD: best wall ms of RUNS runs
	bw=
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		r=$(LC_ALL=C.UTF-8 "$B/measure" grep -c "$1" "$big" || :)
		w=${r% *}
		[ -n "$w" ] || { echo "bench: grep failed" >&2; exit 1; }
		if [ -z "$bw" ] || awk "BEGIN { exit !($w < $bw) }"; then
			bw=$w
		fi
		i=$((i + 1))
	done
	echo "$bw"
}
g_never=$(peer "$NEVER")
g_often=$(peer "$OFTEN")
awk -v st="$stats" -v gn="$g_never" -v go="$g_often" 'BEGIN {
	n = split(st, kv, " ")
	for (i = 1; i <= n; i++) {
		split(kv[i], p, "=")
		v[p[1]] = p[2]
	}
	printf "  grep -c (no hit): %.1f ms; grep -c (often): %.1f ms\n", gn, go
	printf "  ratio hamish step / grep -c: %.2f\n", v["nohit_ms"] / gn
	printf "  ratio hamish all steps (often) / grep -c: %.2f\n",
	    v["often_all_ms"] / go
}'
