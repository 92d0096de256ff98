# tests/e2e/lib.sh - TAP helpers for the shell suites (sourced).
# HAMISH is the binary under test; T is a private scratch directory;
# C the corpus and S000 ... S003 its four seeds (run from the root).
: "${HAMISH:?HAMISH must name the hamish binary}"
C=tests/corpus
S000=$C/000_81311ed4a92fdab7.txt
S001=$C/001_9cffd64b9ac82079.txt
S002=$C/002_a2ddec63a1cf2f60.txt
S003=$C/003_50053b280e36211a.txt
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

skip() {	# skip DESCRIPTION REASON: a test that cannot run here
	_n=$((_n + 1))
	echo "ok $_n - $1 # skip $2"
}

# nobody_init: for the tests that must run hamish as another user (file
# modes do not bind root): when root, copies HAMISH to T (made 0755),
# which nobody can reach wherever the checkout lives (a 0700 home
# directory or mktemp -d is closed to nobody), and sets AS_NOBODY to the
# setpriv prefix and NOBODY_HAMISH to the copy.  Files such a test gives
# nobody must be in T too.  Not root: AS_NOBODY is empty, NOBODY_HAMISH
# is HAMISH.  Returns 1, printing why, when root cannot become nobody or
# nobody cannot run the copy (T itself in a closed directory: TMPDIR);
# the caller then skips.
nobody_init() {
	AS_NOBODY=
	NOBODY_HAMISH=$HAMISH
	[ "$(id -u)" -eq 0 ] || return 0
	if ! command -v setpriv >/dev/null; then
		echo "# no setpriv: cannot run as nobody"
		return 1
	fi
	chmod 755 "$T"
	mkdir -p "$T/nobody"
	cp "$HAMISH" "$T/nobody/hamish"
	chmod 755 "$T/nobody" "$T/nobody/hamish"
	# through a shell: a path is looked up as nobody's children will
	if ! setpriv --reuid=65534 --regid=65534 --clear-groups sh -c \
	    'exec "$1" --version' sh "$T/nobody/hamish" >/dev/null 2>&1; then
		echo "# nobody cannot run $T/nobody/hamish (is $T in a" \
		    "directory closed to others?)"
		return 1
	fi
	AS_NOBODY="setpriv --reuid=65534 --regid=65534 --clear-groups"
	NOBODY_HAMISH=$T/nobody/hamish
}

done_testing() {
	echo "1..$_n"
	[ "$_failed" -eq 0 ]
}
