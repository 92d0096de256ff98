#!/bin/sh
# tests/bench/run.sh - `make bench`: hamish against its peers, measured
# in the same invocation on the same input, best of RUNS (default 5).
# Prints wall time, throughput and peak memory of each, and the ratios.
# These are benchmarks, not tests: nothing here fails on a slow machine.
set -eu
B=${B:-build}
RUNS=${RUNS:-5}
HAMISH=$B/hamish
OUT=tests/bench/out
mkdir -p "$OUT"
cc -O2 -o "$B/measure" tests/bench/measure.c

# The input: the four seeds repeated to about 8 MB.
. tests/bench/input.sh
bytes=$(wc -c <"$big")

# best NAME CMD...: the best wall time of RUNS runs, and its peak memory
best() {
	name=$1
	shift
	bw=; bm=
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		r=$("$B/measure" "$@") || { echo "bench: $name failed" >&2; exit 1; }
		w=${r% *}; m=${r#* }
		if [ -z "$bw" ] || awk "BEGIN { exit !($w < $bw) }"; then
			bw=$w; bm=$m
		fi
		i=$((i + 1))
	done
	echo "$bw $bm"
}

report() {	# report NAME WALL_MS RSS_KB
	awk -v n="$1" -v w="$2" -v m="$3" -v b="$bytes" 'BEGIN {
	    printf "  %-34s %8.1f ms %7.1f MB/s %7.1f MB peak\n", n, w,
	    b / 1048576 / (w / 1000), m / 1024 }'
}

ratio() {	# ratio WHAT A_MS B_MS
	awk -v t="$1" -v a="$2" -v b="$3" \
	    'BEGIN { printf "  ratio %s: %.2f\n", t, a / b }'
}

echo "input: $big, $bytes bytes (the four seeds repeated), $RUNS runs each"
echo
# bestc NAME CMD...: as best, plus the CPU time (all threads) of that run
bestc() {
	name=$1
	shift
	bw=; bm=; bc=
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		r=$("$B/measure" -c "$@") ||
		    { echo "bench: $name failed" >&2; exit 1; }
		w=${r%% *}; rest=${r#* }; m=${rest% *}; c=${rest#* }
		if [ -z "$bw" ] || awk "BEGIN { exit !($w < $bw) }"; then
			bw=$w; bm=$m; bc=$c
		fi
		i=$((i + 1))
	done
	echo "$bw $bm $bc"
}

reportc() {	# reportc NAME WALL_MS RSS_KB CPU_MS
	awk -v n="$1" -v w="$2" -v m="$3" -v c="$4" -v b="$bytes" 'BEGIN {
	    printf "  %-38s %8.1f ms %7.1f MB/s %7.1f MB peak %8.1f ms CPU\n",
	    n, w, b / 1048576 / (w / 1000), m / 1024, c }'
}

field() { echo "$2" | cut -d' ' -f"$1"; }

echo "render --plain at width 80 (issue 2; the peer has no notion of structure)"
echo "  (CPU: user + system time of all threads; hamish uses one thread per"
echo "  processor for --plain, $(getconf _NPROCESSORS_ONLN) here, and one with --jobs 1)"
h=$(bestc hamish "$HAMISH" render --plain --width 80 "$big")
h1=$(bestc hamish-1 "$HAMISH" render --plain --width 80 --jobs 1 "$big")
d=$(bestc hamish-doc "$HAMISH" render --width 80 "$big")
f=$(bestc fribidi fribidi --width 80 "$big")
reportc "hamish render --plain --width 80" $h
reportc "hamish render --plain ... --jobs 1" $h1
reportc "hamish render --width 80 (model)" $d
reportc "fribidi --width 80" $f
ratio "time hamish/fribidi (target <= 1.0)" $(field 1 "$h") $(field 1 "$f")
ratio "time hamish --jobs 1/fribidi" $(field 1 "$h1") $(field 1 "$f")
ratio "CPU time hamish/fribidi" $(field 3 "$h") $(field 3 "$f")
ratio "hamish peak memory/input (target <= 4)" \
    $(($(field 2 "$h") * 1024)) $bytes

echo
echo "import (issue 3): hamish outline, output discarded"
o=$(best outline "$HAMISH" outline "$big")
report "hamish outline" ${o% *} ${o#* }
awk -v w="${o% *}" -v b="$bytes" 'BEGIN { printf "  import speed: %.1f MB/s (target >= 100)\n", b / 1048576 / (w / 1000) }'

echo
echo "import of pdftotext's text (issue 13): its three modes, about 8 MB"
ext=$OUT/extract-8mb.txt
if [ ! -f "$ext" ]; then
	: >"$ext"
	while [ "$(wc -c <"$ext")" -lt 8000000 ]; do
		cat tests/fixtures/pdf/*.txt >>"$ext"
	done
fi
xb=$(wc -c <"$ext")
x=$(best outline-extract "$HAMISH" outline "$ext")
pbytes=$bytes
bytes=$xb report "hamish outline, extractions" ${x% *} ${x#* }
bytes=$pbytes
awk -v w="${x% *}" -v b="$xb" -v pw="${o% *}" -v pb="$bytes" 'BEGIN {
	printf "  import speed: %.1f MB/s; %.2f times the time per byte of the plain text\n",
	    b / 1048576 / (w / 1000), (w / b) / (pw / pb) }'

echo
echo "search (issue 4): a step of the reader's search on the same input"
B=$B sh tests/bench/search.sh

echo
echo "the reader over a pseudo-terminal (issue 4): hamish against less"
B=$B HAMISH=$HAMISH sh tests/bench/pty.sh

echo
echo "annotations (issue 5): 100,000 in the database, a document with 5,000"
B=$B sh tests/bench/notes.sh

echo
echo "PDF (issue 13): hamish outline against pdftotext; the reader's first screen of a 292-page PDF"
B=$B HAMISH=$HAMISH sh tests/bench/pdf.sh

echo
echo "diff (issue 12): two drafts against git diff --word-diff; two 8 MB documents"
B=$B HAMISH=$HAMISH sh tests/bench/diff.sh

echo
echo "hardening (issue 15): combining marks, refs --json of 50 MB, one 11 MB paragraph"
B=$B HAMISH=$HAMISH sh tests/bench/harden.sh
echo "compare (issue 12): hamish compare against vim -d over a 140x40 pty"
B=$B HAMISH=$HAMISH sh tests/bench/compare.sh
