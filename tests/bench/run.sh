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
echo "render --plain at width 80 (issue 2; the peer has no notion of structure)"
h=$(best hamish "$HAMISH" render --plain --width 80 "$big")
d=$(best hamish-doc "$HAMISH" render --width 80 "$big")
f=$(best fribidi fribidi --width 80 "$big")
report "hamish render --plain --width 80" ${h% *} ${h#* }
report "hamish render --width 80 (model)" ${d% *} ${d#* }
report "fribidi --width 80" ${f% *} ${f#* }
ratio "time hamish/fribidi (target <= 1.0)" ${h% *} ${f% *}
ratio "hamish peak memory/input (target <= 4)" $((${h#* } * 1024)) $bytes

echo
echo "import (issue 3): hamish outline, output discarded"
o=$(best outline "$HAMISH" outline "$big")
report "hamish outline" ${o% *} ${o#* }
awk -v w="${o% *}" -v b="$bytes" 'BEGIN { printf "  import speed: %.1f MB/s (target >= 100)\n", b / 1048576 / (w / 1000) }'

echo
echo "search (issue 4): a step of the reader's search on the same input"
B=$B sh tests/bench/search.sh

echo
echo "the reader over a pseudo-terminal (issue 4): hamish against less"
B=$B HAMISH=$HAMISH sh tests/bench/pty.sh

echo
echo "annotations (issue 5): 100,000 in the database, a document with 5,000"
B=$B sh tests/bench/notes.sh
