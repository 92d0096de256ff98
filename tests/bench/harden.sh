#!/bin/sh
# tests/bench/harden.sh - issue 15's timing and memory items, each
# against a peer on the same input in the same invocation, best of RUNS:
#   1  'a' and 200,000 combining marks of mixed classes against 12,500:
#      outline and render grow linearly (per-mark ratio near 1, where
#      quadratic NFC made it 16); peers wc -m and fribidi;
#   13 refs --json of 50 MB (the seeds repeated) against outline of the
#      same file: MB/s and the ratio;
#   12 one paragraph of 11 MB (no blank line): peak memory / input of
#      render --plain (threads, --jobs 1), render, outline, dump, refs
#      and the reader's first screen (tests/bench/pty.c), against
#      fribidi on the same file.
# A benchmark, not a test: it prints numbers and never fails on them.
set -eu
B=${B:-build}
RUNS=${RUNS:-5}
HAMISH=${HAMISH:-$B/hamish}
OUT=${OUT:-tests/bench/out}
mkdir -p "$OUT"
[ -x "$B/measure" ] || cc -O2 -o "$B/measure" tests/bench/measure.c
[ -x "$B/pty" ] || cc -O2 -o "$B/pty" tests/bench/pty.c -lutil

best() {	# best CMD...: "WALL_MS PEAK_KB", the best wall of RUNS
	bw=; bm=; i=0
	while [ "$i" -lt "$RUNS" ]; do
		r=$("$B/measure" "$@") || { echo "bench: $* failed" >&2; exit 1; }
		w=${r% *}; m=${r#* }
		if [ -z "$bw" ] || awk "BEGIN { exit !($w < $bw) }"; then
			bw=$w; bm=$m
		fi
		i=$((i + 1))
	done
	echo "$bw $bm"
}

# --- 1: combining marks -------------------------------------------------
for n in 12500 200000; do
	f=$OUT/marks-$n.txt
	[ -f "$f" ] || awk -v n=$n 'BEGIN { printf "a"
	    # acute 230, grave below 220, fathatan 27, sheva 10, tilde overlay 1
	    split("\314\201 \314\226 \331\213 \326\260 \314\264", m, " ")
	    for (i = 0; i < n; i++) printf "%s", m[i % 5 + 1]; printf "\n" }' >"$f"
done
echo "  'a' + 12,500 and + 200,000 marks of five classes (16 times as many):"
echo "  time ratio 200k/12.5k and per-mark ratio (1: linear, 16: quadratic)"
for c in "$HAMISH outline" "$HAMISH render --width 80" "wc -m" \
    "fribidi --width 80"; do
	# shellcheck disable=SC2086
	a=$(best $c "$OUT/marks-12500.txt")
	# shellcheck disable=SC2086
	z=$(best $c "$OUT/marks-200000.txt")
	awk -v n="${c#"$B"/}" -v a="${a% *}" -v z="${z% *}" 'BEGIN {
	    printf "  %-32s %7.1f ms %7.1f ms  ratio %5.2f  per mark %5.2f\n",
	    n, a, z, z / a, (z / 200000) / (a / 12500) }'
done

# --- 13: refs --json of 50 MB -------------------------------------------
big50=$OUT/seeds-50mb.txt
if [ ! -f "$big50" ]; then
	: >"$big50"
	while [ "$(wc -c <"$big50")" -lt 50000000 ]; do
		cat tests/corpus/0*.txt >>"$big50"
	done
fi
b50=$(wc -c <"$big50")
bestc() {	# bestc CMD...: "WALL_MS PEAK_KB CPU_MS" of the best wall
	bw=; bl=; i=0
	while [ "$i" -lt "$RUNS" ]; do
		r=$("$B/measure" -c "$@") ||
		    { echo "bench: $* failed" >&2; exit 1; }
		w=${r%% *}
		if [ -z "$bw" ] || awk "BEGIN { exit !($w < $bw) }"; then
			bw=$w; bl=$r
		fi
		i=$((i + 1))
	done
	echo "$bl"
}
r=$(bestc "$HAMISH" refs --json "$big50")
o=$(bestc "$HAMISH" outline "$big50")
echo
echo "  refs --json of $b50 bytes (the seeds repeated) against outline"
echo "  (CPU: user + system time, less disturbed by a busy machine than wall)"
awk -v r="$r" -v o="$o" -v b="$b50" 'BEGIN { split(r, x, " "); split(o, y, " ")
    printf "  %-24s %8.1f ms %7.1f MB/s %8.1f ms CPU %7.1f MB/s CPU %7.1f MB peak\n", "hamish refs --json", x[1], b / 1048576 / (x[1] / 1000), x[3], b / 1048576 / (x[3] / 1000), x[2] / 1024
    printf "  %-24s %8.1f ms %7.1f MB/s %8.1f ms CPU %7.1f MB/s CPU %7.1f MB peak\n", "hamish outline", y[1], b / 1048576 / (y[1] / 1000), y[3], b / 1048576 / (y[3] / 1000), y[2] / 1024
    printf "  refs --json (target >= 50 MB/s): %.1f MB/s wall, %.1f MB/s CPU; refs/outline: %.2f wall, %.2f CPU\n", b / 1048576 / (x[1] / 1000), b / 1048576 / (x[3] / 1000), x[1] / y[1], x[3] / y[3] }'

# --- 12: one paragraph of 11 MB -----------------------------------------
# in a directory of its own, with a scratch database: refs indexes the
# document's directory as a library, and the reader keeps its place
mkdir -p "$OUT/paragraph"
huge=$OUT/paragraph/paragraph-11mb.txt
HAMISH_DB=$OUT/paragraph/scratch.db
export HAMISH_DB
if [ ! -f "$huge" ]; then
	cat tests/corpus/0*.txt | tr '\n' ' ' >"$OUT/one.tmp"
	: >"$huge"
	while [ "$(wc -c <"$huge")" -lt 10900000 ]; do
		cat "$OUT/one.tmp" >>"$huge"
	done
	echo >>"$huge"
	rm -f "$OUT/one.tmp"
fi
hb=$(wc -c <"$huge")
echo
echo "  one paragraph of $hb bytes: highest peak memory / input (target <= 8)"
# the best time and the highest peak of RUNS (the first run of refs also
# indexes the document's directory as a library, the file itself in it)
mem() {	# mem NAME CMD...
	name=$1
	shift
	bw=; bm=0; i=0
	while [ "$i" -lt "$RUNS" ]; do
		r=$("$B/measure" "$@") || { echo "bench: $* failed" >&2; exit 1; }
		w=${r% *}; m=${r#* }
		if [ -z "$bw" ] || awk "BEGIN { exit !($w < $bw) }"; then
			bw=$w
		fi
		[ "$m" -gt "$bm" ] && bm=$m
		i=$((i + 1))
	done
	r="$bw $bm"
	awk -v n="$name" -v r="$r" -v b="$hb" 'BEGIN { split(r, x, " ")
	    printf "  %-36s %8.1f ms %7.1f MB peak  ratio %5.2f\n", n, x[1],
	    x[2] / 1024, x[2] * 1024 / b }'
}
mem "hamish render --plain --width 80" "$HAMISH" render --plain --width 80 "$huge"
mem "hamish render --plain ... --jobs 1" "$HAMISH" render --plain --width 80 --jobs 1 "$huge"
mem "hamish render --width 80" "$HAMISH" render --width 80 "$huge"
mem "hamish outline" "$HAMISH" outline "$huge"
mem "hamish dump" "$HAMISH" dump "$huge"
mem "hamish refs" "$HAMISH" refs "$huge"
mem "hamish (reader), first screen, q" env TERM=xterm-256color \
    LC_ALL=C.UTF-8 "$B/pty" -s 80x24 -k 1,q "$HAMISH" "$huge"
mem "fribidi --width 80 (peer)" fribidi --width 80 "$huge"
rm -f "$HAMISH_DB" "$HAMISH_DB-wal" "$HAMISH_DB-shm"
