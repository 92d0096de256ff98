/*
 * tap.h - a minimal TAP producer for the C unit tests.
 *
 * ok(cond, fmt, ...) prints "ok N - ..." or "not ok N - ..." with the
 * file and line of a failure; tap_done() prints the plan and returns the
 * exit status (non-zero if anything failed).  Header-only on purpose:
 * each test program is one file plus the library objects.
 */
#ifndef HAMISH_TAP_H
#define HAMISH_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

__attribute__((format(printf, 4, 5))) static int
tap_ok(int cond, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	tap_n++;
	printf("%sok %d - ", cond ? "" : "not ", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!cond) {
		tap_failed++;
		printf("#   failed at %s:%d\n", file, line);
	}
	fflush(stdout);
	return cond;
}

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
/* String equality with both sides shown on failure. */
#define is_str(got, want, ...) do {					\
	const char *tap_g_ = (got), *tap_w_ = (want);			\
	if (!ok(tap_g_ != NULL && strcmp(tap_g_, tap_w_) == 0,		\
	    __VA_ARGS__))						\
		printf("#   got:  '%s'\n#   want: '%s'\n",		\
		    tap_g_ ? tap_g_ : "(null)", tap_w_);		\
} while (0)
#define is_int(got, want, ...) do {					\
	long long tap_g_ = (long long)(got), tap_w_ = (long long)(want);\
	if (!ok(tap_g_ == tap_w_, __VA_ARGS__))				\
		printf("#   got: %lld, want: %lld\n", tap_g_, tap_w_);	\
} while (0)

static int
tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
