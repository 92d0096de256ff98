#!/bin/sh
# tests/run.sh - runs every test `make check` builds: the C unit programs
# and the shell suites (golden files, end-to-end).  All speak TAP; this
# script counts their "ok"/"not ok" lines, shows failures in full, and
# ends with the line "N passed, N failed".  V=1 shows every line.
# Environment: B (build directory), HAMISH (the binary under test),
# SUITES (only these shell suites, no unit programs: make check-tsan).
# The suites' patterns and the reader's output are UTF-8 whatever the
# caller's locale (CI may run with none): a test of another locale sets
# its own.
LANG=C.UTF-8
LC_ALL=C.UTF-8
export LANG LC_ALL
unset LANGUAGE
B=${B:-build}
HAMISH=${HAMISH:-$B/hamish}
export HAMISH
case $HAMISH in /*) ;; *) HAMISH=$(pwd)/$HAMISH ;; esac
pass=0
fail=0
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

run() {
	name=$1
	shift
	start=$(date +%s)
	# a suite that hangs fails instead of holding CI up (124: timed out)
	timeout "${SUITE_TIMEOUT:-600}" "$@" >"$tmp" 2>&1
	rc=$?
	p=$(grep -c '^ok ' "$tmp")
	f=$(grep -c '^not ok ' "$tmp")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1	# crashed or failed outside an assertion
		echo "not ok - $name exited with status $rc"
	fi
	if [ "${V:-0}" = 1 ]; then
		cat "$tmp"
	elif [ "$f" -gt 0 ]; then
		# the failures, each with its diagnostics
		awk '/^not ok/ { show = 1; print; next }
		     /^ok / { show = 0 } show && /^#/ { print }' "$tmp"
		[ "$rc" -ne 0 ] && tail -n 5 "$tmp"
	fi
	grep '^# [^ ]*:' "$tmp" | grep -v '^#   ' | head -n 8
	printf '%-28s %4d ok %3d failed  (%ss)\n' "$name" "$p" "$f" \
	    "$(( $(date +%s) - start ))"
	pass=$((pass + p))
	fail=$((fail + f))
}

if [ -z "${SUITES:-}" ]; then
	for t in "$B"/test-*; do
		[ -x "$t" ] || continue
		run "$(basename "$t")" "$t"
	done
fi
for t in ${SUITES:-tests/golden/*.sh tests/e2e/*.sh}; do
	[ -f "$t" ] || continue
	case $t in */lib.sh | */tmux.sh) continue ;; esac
	run "$t" sh "$t"
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
