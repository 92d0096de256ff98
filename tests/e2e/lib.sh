# tests/e2e/lib.sh - TAP helpers for the shell suites (sourced).
# HAMISH is the binary under test; T is a private scratch directory.
: "${HAMISH:?HAMISH must name the hamish binary}"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# The user's own annotations are never touched by a test.
HAMISH_DB=$T/hamish.db
XDG_DATA_HOME=$T/data
export HAMISH_DB XDG_DATA_HOME
_n=0
_failed=0

ok() {	# ok COND_STATUS DESCRIPTION
	_n=$((_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $_n - $2"
	else
		echo "not ok $_n - $2"
		_failed=$((_failed + 1))
	fi
}

is() {	# is GOT WANT DESCRIPTION
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '#   got:  %s\n#   want: %s\n' "$1" "$2"
	fi
}

done_testing() {
	echo "1..$_n"
	[ "$_failed" -eq 0 ]
}
