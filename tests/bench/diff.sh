#!/bin/sh
# tests/bench/diff.sh - `hamish diff` (issue 12): two 80 KB drafts
# against git diff --no-index --word-diff on the same pair, and two 8 MB
# documents (the bench corpus and an edited copy): time and peak memory.
# Sourced pieces: input.sh (the 8 MB file); B, RUNS from run.sh.
set -eu
B=${B:-build}
RUNS=${RUNS:-5}
HAMISH=${HAMISH:-$B/hamish}
OUT=${OUT:-tests/bench/out}
. tests/bench/input.sh
[ -x "$B/measure" ] || cc -O2 -o "$B/measure" tests/bench/measure.c
[ -x "$B/test-diff" ] || make --no-print-directory "$B/test-diff" >/dev/null
"$B/test-diff" --write "$OUT"
old=$OUT/rev1-old.txt new=$OUT/rev1-new.txt

# best wall time of RUNS and its peak memory (measure exits as the
# command does; diff's 1 is not a failure)
best() {
	bw=; bm=; i=0
	while [ "$i" -lt "$RUNS" ]; do
		r=$("$B/measure" "$@" || true)
		w=${r% *}; m=${r#* }
		if [ -z "$bw" ] || awk "BEGIN { exit !($w < $bw) }"; then
			bw=$w; bm=$m
		fi
		i=$((i + 1))
	done
	echo "$bw $bm"
}

# The drafts take a few ms each: on a machine shared with other work a
# best of a few runs mostly measures the neighbours, so hamish and git
# take turns, DRAFT_RUNS (default 4 x RUNS) each, and each keeps its
# best wall time (with that run's peak memory) and its best CPU time
# (user + system of all threads: hamish imports and fingerprints the two
# drafts on two threads).
DRAFT_RUNS=${DRAFT_RUNS:-$((RUNS * 4))}
hw=; hm=; hc=; gw=; gm=; gc=
i=0
while [ "$i" -lt "$DRAFT_RUNS" ]; do
	r=$("$B/measure" -c "$HAMISH" diff "$old" "$new" || true)
	set -- $r
	if [ -z "$hw" ] || awk "BEGIN { exit !($1 < $hw) }"; then
		hw=$1; hm=$2
	fi
	if [ -z "$hc" ] || awk "BEGIN { exit !($3 < $hc) }"; then hc=$3; fi
	r=$("$B/measure" -c git diff --no-index --word-diff "$old" "$new" ||
	    true)
	set -- $r
	if [ -z "$gw" ] || awk "BEGIN { exit !($1 < $gw) }"; then
		gw=$1; gm=$2
	fi
	if [ -z "$gc" ] || awk "BEGIN { exit !($3 < $gc) }"; then gc=$3; fi
	i=$((i + 1))
done
echo "  two drafts of $(wc -c <"$old") and $(wc -c <"$new") bytes (seed 001 revised), $DRAFT_RUNS runs each, taking turns:"
awk -v hw="$hw" -v hm="$hm" -v hc="$hc" -v gw="$gw" -v gm="$gm" -v gc="$gc" 'BEGIN {
    printf "  %-44s %8.1f ms %7.1f MB peak %6.1f ms CPU\n", "hamish diff", hw, hm / 1024, hc;
    printf "  %-44s %8.1f ms %7.1f MB peak %6.1f ms CPU\n", "git diff --no-index --word-diff", gw, gm / 1024, gc;
    printf "  ratio time hamish/git (target <= 2, and < 50 ms): %.2f\n", hw / gw;
    if (gc > 0) printf "  ratio CPU time hamish/git: %.2f\n", hc / gc }'

# the 8 MB pair: every 50th paragraph reworded (a word and harakat added)
ed=$OUT/seeds-8mb-edited.txt
if [ ! -f "$ed" ]; then
	awk 'NF && ++n % 50 == 0 { sub(/ال/, "الـمُعدَّل ال") } { print }' "$big" >"$ed"
fi
h=$(best "$HAMISH" diff "$big" "$ed")
bytes=$(( $(wc -c <"$big") + $(wc -c <"$ed") ))
awk -v h="$h" -v b="$bytes" 'BEGIN { split(h, a, " ");
    printf "  %-44s %8.1f ms %7.1f MB peak\n", "hamish diff, 8 MB and an edited copy", a[1], a[2] / 1024;
    printf "  time (target < 1500 ms): %.0f ms; peak memory / both inputs (target <= 4): %.2f\n",
    a[1], a[2] * 1024 / b }'
