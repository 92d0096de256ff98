#!/bin/sh
# tests/e2e/diff-heldout.sh - held-out acceptance of `hamish diff`:
# revision pairs of other kinds than test-diff's, made from the seeds and
# the PDF fixtures by tests/e2e/diff-heldout.py, which checks the pairs,
# statuses and word changes against what it planted and fails below the
# thresholds it states (precision and recall of the pairing and of the
# words; the figures are in README.md).
. tests/e2e/lib.sh
if ! command -v python3 >/dev/null 2>&1; then
	skip "held-out revision pairs" "no python3"
	exit 0
fi
python3 tests/e2e/diff-heldout.py --tap --verbose --write "$T"
