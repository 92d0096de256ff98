# tests/golden/run.sh - golden files: each tests/golden/layout/NAME.txt is
# rendered at widths 20, 40 and 80 with --map and compared with
# NAME.wW.out.  GENERATE=1 rewrites the expected files (review the diff
# before committing: they are the specification).
. tests/e2e/lib.sh
for in in tests/golden/layout/*.txt; do
	base=${in%.txt}
	for w in 20 40 80; do
		want=$base.w$w.out
		"$HAMISH" render --plain --map --width "$w" "$in" >"$T/got" 2>&1
		if [ "${GENERATE:-0}" = 1 ]; then
			cp "$T/got" "$want"
		fi
		if cmp -s "$T/got" "$want"; then
			ok 0 "$(basename "$base") at width $w"
		else
			ok 1 "$(basename "$base") at width $w"
			diff "$want" "$T/got" | head -n 20 | sed 's/^/#   /'
		fi
	done
done
done_testing
