/*
 * child.h - checks that must run in a child process (as another user,
 * after a fork), reported to the parent's TAP stream.  Header-only, like
 * tap.h (include that first).
 *
 *	static void my_checks(void *arg) { child_ok(drop_root(), "..."); }
 *	child_run(my_checks, arg, "read-only store");
 *
 * In the child child_ok() writes "1 text" or "0 text" to a pipe; the
 * parent turns each line into ok() and checks that the child exited
 * cleanly.  drop_root() makes a root child nobody, so that file modes
 * apply to it (root ignores them).
 */
#ifndef HAMISH_CHILD_H
#define HAMISH_CHILD_H

#include <grp.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define NOBODY	65534

static int child_fd = -1;

__attribute__((format(printf, 2, 3), unused)) static void
child_ok(bool cond, const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	n = snprintf(line, sizeof line, "%d ", cond ? 1 : 0);
	va_start(ap, fmt);
	n += vsnprintf(line + n, sizeof line - (size_t)n - 1, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof line - 2)
		n = (int)sizeof line - 2;
	line[n++] = '\n';
	if (write(child_fd, line, (size_t)n) != n)
		_exit(3);
}

/* Becomes nobody if root, so that file modes apply. */
__attribute__((unused)) static bool
drop_root(void)
{
	if (geteuid() != 0)
		return true;
	return setgroups(0, NULL) == 0 && setgid(NOBODY) == 0 &&
	    setuid(NOBODY) == 0 && geteuid() == NOBODY;
}

/* Runs checks(arg) in a child; its child_ok() lines become ok() here. */
__attribute__((unused)) static void
child_run(void (*checks)(void *), void *arg, const char *what)
{
	char line[600];
	int fds[2], status;
	FILE *f;
	pid_t pid;

	if (pipe(fds) == -1) {
		ok(0, "pipe: %s", strerror(errno));
		return;
	}
	fflush(NULL);
	if ((pid = fork()) == 0) {
		close(fds[0]);
		child_fd = fds[1];
		checks(arg);
		_exit(0);
	}
	close(fds[1]);
	f = fdopen(fds[0], "r");
	while (fgets(line, sizeof line, f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		ok(line[0] == '1', "%s", line + 2);
	}
	fclose(f);
	waitpid(pid, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "%s: the child exited cleanly", what);
}

#endif
