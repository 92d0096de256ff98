/*
 * gone.c - runs a command on a pseudo-terminal that is not its
 * controlling terminal, reads its first screen, then closes the
 * terminal: no SIGHUP comes, every read fails.  Prints "exit N" when the
 * command then ends by itself within 5 s, "hung" (and kills it) if not.
 *
 * usage: gone COMMAND [ARG...]
 */
#define _XOPEN_SOURCE 600
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct timespec tick = { 0, 50 * 1000 * 1000 };
	char buf[65536];
	int m, s, status, i;
	pid_t pid;

	if (argc < 2 || (m = posix_openpt(O_RDWR | O_NOCTTY)) == -1 ||
	    grantpt(m) == -1 || unlockpt(m) == -1)
		return 2;
	if ((pid = fork()) == 0) {
		setsid();	/* a new session with no controlling tty */
		if ((s = open(ptsname(m), O_RDWR | O_NOCTTY)) == -1)
			_exit(127);
		dup2(s, 0);
		dup2(s, 1);
		dup2(s, 2);
		close(m);
		execvp(argv[1], argv + 1);
		_exit(127);
	}
	for (i = 0; i < 20; i++) {	/* a second of its output */
		nanosleep(&tick, NULL);
		fcntl(m, F_SETFL, O_NONBLOCK);
		while (read(m, buf, sizeof buf) > 0)
			;
	}
	close(m);
	for (i = 0; i < 100; i++) {
		if (waitpid(pid, &status, WNOHANG) == pid) {
			printf("exit %d\n", WIFEXITED(status) ?
			    WEXITSTATUS(status) : 128 + WTERMSIG(status));
			return 0;
		}
		nanosleep(&tick, NULL);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	puts("hung");
	return 1;
}
