# tests/bench/input.sh - sourced by the benchmark scripts: sets big to
# the common input, the four seeds repeated to about 8 MB, made once in
# $OUT (tests/bench/out by default).
OUT=${OUT:-tests/bench/out}
mkdir -p "$OUT"
big=$OUT/seeds-8mb.txt
if [ ! -f "$big" ]; then
	: >"$big"
	while [ "$(wc -c <"$big")" -lt 8000000 ]; do
		cat tests/corpus/0*.txt >>"$big"
	done
fi
