# tests/e2e/render.sh - `hamish render` as a user runs it: bad input,
# errors, exit statuses, linear time on a long line, no control bytes.
. tests/e2e/lib.sh

# invalid UTF-8: U+FFFD in the output, one warning, exit 0
printf 'abc \377\376 \330\263\n' >"$T/bad.txt"
"$HAMISH" render --width 20 "$T/bad.txt" >"$T/out" 2>"$T/err"
ok $? "invalid UTF-8 exits 0"
grep -q "$(printf '\357\277\275')" "$T/out"
ok $? "invalid bytes are shown as U+FFFD"
is "$(wc -l <"$T/err" | tr -d ' ')" 1 "exactly one warning line"
grep -q 'invalid UTF-8' "$T/err"
ok $? "the warning says what is wrong: $(cat "$T/err")"

# NUL bytes: refused
printf 'abc\000def\n' >"$T/nul.bin"
"$HAMISH" render "$T/nul.bin" >"$T/out" 2>"$T/err"
is $? 2 "a file with NUL bytes exits 2"
is "$(cat "$T/err")" "hamish: $T/nul.bin: not a text document" \
    "and says it is not a text document"
is "$(wc -c <"$T/out" | tr -d ' ')" 0 "and prints nothing"

# empty and white-space-only files
: >"$T/empty.txt"
printf '  \n\t\n \r\n' >"$T/blank.txt"
for f in empty blank; do
	"$HAMISH" render "$T/$f.txt" >"$T/out" 2>"$T/err"
	ok $? "$f file exits 0"
	is "$(cat "$T/out" "$T/err" | wc -c | tr -d ' ')" 0 \
	    "$f file prints nothing"
done

# missing, directory, unreadable
"$HAMISH" render "$T/nope.txt" >"$T/out" 2>"$T/err"
is $? 2 "a missing file exits 2"
is "$(cat "$T/err")" "hamish: $T/nope.txt: No such file or directory" \
    "with one line naming it"
"$HAMISH" render "$T" >"$T/out" 2>"$T/err"
is $? 2 "a directory exits 2"
is "$(wc -l <"$T/err" | tr -d ' ')" 1 "with one line"
printf 'نص\n' >"$T/secret.txt"
chmod 000 "$T/secret.txt"
if nobody_init; then
	$AS_NOBODY "$NOBODY_HAMISH" render "$T/secret.txt" >"$T/out" \
	    2>"$T/err"
	is $? 2 "an unreadable file exits 2"
	is "$(cat "$T/err")" "hamish: $T/secret.txt: Permission denied" \
	    "with one line naming it"
else
	skip "an unreadable file exits 2" "nobody cannot run hamish here"
	skip "with one line naming it" "nobody cannot run hamish here"
fi

# usage errors
"$HAMISH" render --width 0 "$T/bad.txt" >/dev/null 2>"$T/err"
is $? 1 "--width 0 is a usage error (exit 1)"
"$HAMISH" render --bogus "$T/bad.txt" >/dev/null 2>&1
is $? 1 "an unknown option is a usage error"
"$HAMISH" --help | grep -q 'hamish render'
ok $? "--help shows the render synopsis"
"$HAMISH" --version | grep -q '^hamish [0-9]'
ok $? "--version prints the version"

# escape sequences in a document never reach the output
printf 'نص \033[31mأحمر\033[0m \033]0;title\007 \302\233\061m\n' >"$T/esc.txt"
"$HAMISH" render --width 40 "$T/esc.txt" >"$T/out"
ok $? "a document with escape sequences renders"
LC_ALL=C grep -q "$(printf '[\001-\011\013-\037\177]')" "$T/out"
is $? 1 "no C0 control or DEL byte in the output"
LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$T/out"
is $? 1 "no C1 control in the output"
grep -q '␛' "$T/out"
ok $? "ESC is shown as a visible symbol"

# standard input, and `hamish FILE` when stdout is not a terminal
f=tests/corpus/001_9cffd64b9ac82079.txt
"$HAMISH" render --width 60 "$f" >"$T/a"
"$HAMISH" render --width 60 - <"$f" >"$T/b"
cmp -s "$T/a" "$T/b"
ok $? "- reads standard input"
"$HAMISH" render "$f" >"$T/c"
"$HAMISH" "$f" >"$T/d"
cmp -s "$T/c" "$T/d"
ok $? "hamish FILE into a pipe is hamish render FILE (80 columns)"
awk 'length($0) > 0' "$T/c" | head -n 1 | grep -q .
ok $? "and prints the document"

# --plain with several threads (--jobs): the same bytes as one thread.
# About 1.3 MB (twenty chunks of 64 KB): the seeds several times, a byte
# order mark first, CRLF line ends in one copy, invalid bytes in others.
{
	printf '\357\273\277'
	for i in 1 2 3; do
		cat $C/000_*.txt $C/001_*.txt
		printf 'bad \377 byte %s\n\n' "$i"
		cat $C/002_*.txt $C/003_*.txt
	done
	sed 's/$/\r/' $C/001_*.txt
	printf 'last \376\n'
} >"$T/jobs.txt"
"$HAMISH" render --plain --width 80 --jobs 1 "$T/jobs.txt" \
    >"$T/j1.out" 2>"$T/j1.err"
ok $? "--jobs 1 on $(wc -c <"$T/jobs.txt" | tr -d ' ') bytes exits 0"
[ "$(wc -l <"$T/j1.out")" -gt 10000 ]
ok $? "and prints $(wc -l <"$T/j1.out" | tr -d ' ') rows"
for j in 2 3 8 ""; do
	"$HAMISH" render --plain --width 80 ${j:+--jobs $j} "$T/jobs.txt" \
	    >"$T/jn.out" 2>"$T/jn.err"
	ok $? "--jobs ${j:-(default)} exits 0"
	cmp -s "$T/j1.out" "$T/jn.out"
	ok $? "--jobs ${j:-(default)} prints the rows of --jobs 1"
	cmp -s "$T/j1.err" "$T/jn.err"
	ok $? "and the same warning: $(cat "$T/jn.err")"
done
"$HAMISH" render --plain --width 80 --jobs 3 - <"$T/jobs.txt" \
    >"$T/jn.out" 2>/dev/null
cmp -s "$T/j1.out" "$T/jn.out"
ok $? "from standard input, --jobs 3 prints the rows of --jobs 1"
for w in 13 200; do
	"$HAMISH" render --plain --map --width $w --jobs 1 "$T/jobs.txt" \
	    >"$T/j1.out" 2>/dev/null
	"$HAMISH" render --plain --map --width $w --jobs 3 "$T/jobs.txt" \
	    >"$T/jn.out" 2>/dev/null
	cmp -s "$T/j1.out" "$T/jn.out"
	ok $? "--map at width $w: --jobs 3 prints the rows of --jobs 1"
done
if [ "$(id -u)" -eq 0 ] && command -v bash >/dev/null; then
	# No thread to be had (one process allowed for nobody, whose
	# processes are few): one thread does it.
	if nobody_init; then
		chmod 644 "$T/jobs.txt"
		"$HAMISH" render --plain --width 80 --jobs 1 "$T/jobs.txt" \
		    >"$T/j1.out" 2>/dev/null
		# (LeakSanitizer needs a thread of its own at exit.)
		ASAN_OPTIONS=${ASAN_OPTIONS:-}:detect_leaks=0 \
		    $AS_NOBODY bash -c "ulimit -u 1; exec '$NOBODY_HAMISH' \
		    render --plain --width 80 --jobs 4 '$T/jobs.txt'" \
		    >"$T/jn.out" 2>/dev/null
		ok $? "--jobs 4 when no thread can be made exits 0"
		cmp -s "$T/j1.out" "$T/jn.out"
		ok $? "and prints the rows of --jobs 1"
	else
		skip "--jobs 4 when no thread can be made exits 0" \
		    "nobody cannot run hamish here"
		skip "and prints the rows of --jobs 1" \
		    "nobody cannot run hamish here"
	fi
fi
timeout 20 sh -c "'$HAMISH' render --plain --jobs 2 '$T/jobs.txt' |
    head -n 1 >/dev/null"
is $? 0 "--jobs 2 into a pipe closed early ends (no hang)"
if [ -w /dev/full ]; then
	timeout 20 "$HAMISH" render --plain --jobs 2 "$T/jobs.txt" \
	    >/dev/full 2>"$T/err"
	is $? 3 "--jobs 2 on a full disk exits 3"
	# (after the warnings of the decoding, as every command prints them)
	is "$(grep -v 'invalid UTF-8' "$T/err")" \
	    "hamish: write error on standard output" "with one line"
fi
for j in 0 65 x ""; do
	"$HAMISH" render --plain --jobs "$j" "$T/bad.txt" >/dev/null 2>"$T/err"
	is $? 1 "--jobs '$j' is a usage error"
done
"$HAMISH" --help | grep -q -- '-j, --jobs N'
ok $? "--help documents --jobs"
grep -q '^\.It Fl j Ar jobs , Fl -jobs' man/hamish.1
ok $? "hamish(1) documents --jobs"
grep -q 'expected a number from 1 to 64' "$T/err"
ok $? "saying what is expected: $(head -n 1 "$T/err")"

# a long single line renders in linear time: 4x the input must cost
# well under 16x (quadratic) the time; best of three runs each.
awk 'BEGIN { s = "كلمة "; for (i = 0; i < 17; i++) s = s s; print s }' \
    >"$T/long1.txt"	# ~1.3 MB, one line
cat "$T/long1.txt" "$T/long1.txt" "$T/long1.txt" "$T/long1.txt" |
    tr -d '\n' >"$T/long4.txt"
best() {
	b=999999
	for i in 1 2 3; do
		s=$(date +%s%N)
		"$HAMISH" render --width 80 "$1" >/dev/null
		e=$(( ($(date +%s%N) - s) / 1000000 ))
		[ "$e" -lt "$b" ] && b=$e
	done
	echo "$b"
}
t1=$(best "$T/long1.txt")
t4=$(best "$T/long4.txt")
echo "# long line: $(wc -c <"$T/long1.txt") bytes ${t1} ms," \
    "$(wc -c <"$T/long4.txt") bytes ${t4} ms"
[ "$t4" -le $((t1 * 8 + 50)) ]
ok $? "a 5 MB single line takes under 8x the time of 1.3 MB (${t4} vs ${t1} ms)"
"$HAMISH" render --width 80 "$T/long4.txt" | awk 'END { exit NR < 1000 }'
ok $? "and is wrapped into many rows"

done_testing
