/*
 * measure.c - runs a command with its standard output sent to /dev/null
 * and prints "WALL_MS PEAK_RSS_KB" for it: wall time from fork to exit,
 * and the child's peak resident memory from wait4().  The benchmark
 * driver runs hamish and its peer through it in the same invocation.
 * With -c a third number follows: the CPU time (user + system, all
 * threads) in milliseconds.
 *
 * usage: measure [-c] COMMAND [ARG...]
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct timespec t0, t1;
	struct rusage ru;
	pid_t pid;
	int status, fd, cpu = 0;

	if (argc > 1 && argv[1][0] == '-' && argv[1][1] == 'c' &&
	    argv[1][2] == '\0') {
		cpu = 1;
		argv++;
		argc--;
	}
	if (argc < 2) {
		fputs("usage: measure [-c] COMMAND [ARG...]\n", stderr);
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((pid = fork()) == -1) {
		perror("measure: fork");
		return 2;
	}
	if (pid == 0) {
		if ((fd = open("/dev/null", O_WRONLY)) != -1)
			dup2(fd, STDOUT_FILENO);
		execvp(argv[1], argv + 1);
		perror("measure: exec");
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) == -1) {
		perror("measure: wait4");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%.1f %ld", (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e6, ru.ru_maxrss);
	if (cpu)
		printf(" %.1f", (double)(ru.ru_utime.tv_sec +
		    ru.ru_stime.tv_sec) * 1e3 + (double)(ru.ru_utime.tv_usec +
		    ru.ru_stime.tv_usec) / 1e3);
	putchar('\n');
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
