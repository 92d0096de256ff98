/*
 * pty.c - what a full-screen program costs over a slow link: runs a
 * command in a pseudo-terminal of a given size and measures the bytes
 * it writes and how long it takes, for the first screen and for each
 * key sent to it, and the CPU time it uses per key.  The benchmark
 * driver (pty.sh) runs hamish and less through it on the same document.
 *
 * "Done" is "the output has gone quiet": no byte for QUIET ms.  A time
 * is that of the last byte before the quiet, so the quiet wait itself
 * is never counted.  Before the first byte the program may think for up
 * to WAIT ms (a slow start-up is not quiet, it is slow).  The pty is
 * drained all the time, so the child never blocks on a full pty.
 *
 * CPU time is the child's utime+stime from /proc/PID/stat, read before
 * the first key of a series and after its last; clock ticks are coarse
 * (10 ms), so send many keys.  The command is exec'd directly, not
 * through a shell, so PID is the program itself.
 *
 * usage: pty [-s COLSxROWS] [-q QUIET_MS] [-w WAIT_MS] [-o RAWFILE]
 *            [-k N,KEYS]... COMMAND [ARG...]
 *   -s 80x24     the window size (default)
 *   -q 150       quiet after this many ms without a byte (default)
 *   -w 5000      wait this long for the first byte of an answer (default)
 *   -o FILE      write a copy of all the program's output to FILE
 *   -k 200,j     send "j" 200 times; KEYS takes \e \n \r \t \\ \xHH
 *
 * output, one line per measurement:
 *   first_ms=F first_bytes=B first_cpu_ms=C
 *   key=K n=N bytes_mean=.. bytes_max=.. ms_mean=.. ms_max=..
 *       cpu_ms_per_key=.. silent=S     (S keys got no answer in WAIT ms)
 *   exited_early=1                     (it exited before any key was sent)
 *   exit=STATUS                        (after "q"; killed: exit=signal-N)
 * This is a benchmark harness: it exits 0 unless it cannot run at all.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAXSERIES 16

struct series {
	int	 n;		/* how many times */
	char	 keys[64];	/* the bytes sent each time */
	size_t	 len;
	char	 label[160];	/* KEYS printable, for the report */
};

static int	 master = -1;
static FILE	*rawout;	/* -o: a copy of every byte the child wrote */
static pid_t	 child = -1;
static int	 child_done;	/* reaped, status in child_status */
static int	 child_status;

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The child's user + system time in ms, or -1 once it is gone. */
static double
child_cpu_ms(void)
{
	char path[64], buf[1024], *p;
	unsigned long ut, st;
	FILE *f;
	size_t n;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)child);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* comm may hold spaces and parens: fields restart after the last ')' */
	if ((p = strrchr(buf, ')')) == NULL)
		return -1;
	/* after ')': state(3) ... utime(14) stime(15) */
	if (sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u"
	    " %lu %lu", &ut, &st) != 2)
		return -1;
	return (double)(ut + st) * 1e3 / (double)sysconf(_SC_CLK_TCK);
}

/*
 * Reads from the pty until no byte has come for quiet_ms, counting from
 * the first byte; waits up to wait_ms for that first byte.  Stores the
 * byte count and the time of the last byte (0 if none came).  Returns
 * 0 once the pty is closed (the child has gone), else 1.
 */
static int
drain(int quiet_ms, int wait_ms, long *bytes, double *last)
{
	char buf[65536];
	struct pollfd pfd;
	double start = now_ms(), t;
	ssize_t r;
	int timeout;

	*bytes = 0;
	*last = 0;
	for (;;) {
		t = now_ms();
		if (*bytes == 0)
			timeout = wait_ms - (int)(t - start);
		else
			timeout = quiet_ms - (int)(t - *last);
		if (timeout <= 0)
			return 1;
		pfd.fd = master;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, timeout) == -1) {
			if (errno == EINTR)
				continue;
			return 0;
		}
		if (pfd.revents == 0)
			continue;	/* the loop recomputes and returns */
		r = read(master, buf, sizeof buf);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			return 0;	/* EIO: the child has closed the pty */
		*bytes += r;
		*last = now_ms();
		if (rawout != NULL)
			fwrite(buf, 1, (size_t)r, rawout);
	}
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Copies KEYS with its escapes decoded into s; false if too long. */
static int
parse_keys(struct series *s, const char *in)
{
	const char *p;
	size_t o = 0;
	int c, i;

	s->len = 0;
	for (p = in; *p != '\0'; p++) {
		c = (unsigned char)*p;
		if (c == '\\' && p[1] != '\0') {
			p++;
			switch (*p) {
			case 'e': c = 0x1b; break;
			case 'n': c = '\n'; break;
			case 'r': c = '\r'; break;
			case 't': c = '\t'; break;
			case 'x':
				c = 0;
				for (i = 0; i < 2 && hexval(p[1]) >= 0; i++)
					c = c * 16 + hexval(*++p);
				if (i == 0)
					return 0;
				break;
			default: c = (unsigned char)*p; break;
			}
		}
		if (s->len >= sizeof s->keys)
			return 0;
		s->keys[s->len++] = (char)c;
		if (o + 5 >= sizeof s->label)
			return 0;
		if (c > ' ' && c < 0x7f && c != '\\')
			s->label[o++] = (char)c;
		else
			o += (size_t)snprintf(s->label + o, sizeof s->label - o,
			    "\\x%02x", c);
	}
	s->label[o] = '\0';
	return s->len > 0;
}

static int
write_all(const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		if ((w = write(master, p, n)) == -1) {
			if (errno == EINTR)
				continue;
			return 0;
		}
		p += w;
		n -= (size_t)w;
	}
	return 1;
}

/* Sends "q" and waits up to 3 s for the child to exit, then kills it. */
static void
finish(int quiet_ms)
{
	long bytes;
	double last, start;
	int sig = 0;
	pid_t r;

	write_all("q", 1);
	start = now_ms();
	while (!child_done) {
		r = waitpid(child, &child_status, WNOHANG);
		if (r == child) {
			child_done = 1;
			break;
		}
		if (sig == 0 && now_ms() - start > 3000)
			kill(child, sig = SIGTERM);
		else if (sig == SIGTERM && now_ms() - start > 5000)
			kill(child, sig = SIGKILL);
		if (!drain(quiet_ms < 20 ? quiet_ms : 20, 20, &bytes, &last))
			poll(NULL, 0, 10);	/* pty closed: wait for the exit */
	}
	if (WIFEXITED(child_status))
		printf("exit=%d\n", WEXITSTATUS(child_status));
	else if (WIFSIGNALED(child_status))
		printf("exit=signal-%d\n", WTERMSIG(child_status));
}

static void
usage(void)
{
	fputs("usage: pty [-s COLSxROWS] [-q QUIET_MS] [-w WAIT_MS] "
	    "[-o RAWFILE]\n           [-k N,KEYS]... COMMAND [ARG...]\n",
	    stderr);
	exit(2);
}

int
main(int argc, char **argv)
{
	struct series ser[MAXSERIES];
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };
	double t0, last, sum_ms, max_ms, cpu0, cpu1, ms;
	long bytes, sum_b, max_b;
	int nser = 0, quiet = 150, wait = 5000, c, i, k, silent, open_pty;
	unsigned cols, rows;
	char *comma;

	while ((c = getopt(argc, argv, "+s:q:w:o:k:")) != -1) {
		switch (c) {
		case 's':
			if (sscanf(optarg, "%ux%u", &cols, &rows) != 2 ||
			    cols == 0 || rows == 0)
				usage();
			ws.ws_col = (unsigned short)cols;
			ws.ws_row = (unsigned short)rows;
			break;
		case 'q':
			quiet = atoi(optarg);
			break;
		case 'w':
			wait = atoi(optarg);
			break;
		case 'o':
			if ((rawout = fopen(optarg, "wb")) == NULL) {
				perror(optarg);
				return 2;
			}
			break;
		case 'k':
			if (nser == MAXSERIES ||
			    (comma = strchr(optarg, ',')) == NULL ||
			    (ser[nser].n = atoi(optarg)) <= 0 ||
			    !parse_keys(&ser[nser], comma + 1))
				usage();
			nser++;
			break;
		default:
			usage();
		}
	}
	if (optind >= argc || quiet <= 0 || wait <= 0)
		usage();

	t0 = now_ms();
	child = forkpty(&master, NULL, NULL, &ws);
	if (child == -1) {
		perror("pty: forkpty");
		return 2;
	}
	if (child == 0) {
		setenv("TERM", "xterm-256color", 1);
		setenv("LANG", "C.UTF-8", 1);
		setenv("LC_ALL", "C.UTF-8", 1);
		unsetenv("COLUMNS");
		unsetenv("LINES");
		execvp(argv[optind], argv + optind);
		perror("pty: exec");
		_exit(127);
	}
	/* forkpty sets the size already; say it again, as a terminal would */
	ioctl(master, TIOCSWINSZ, &ws);

	open_pty = drain(quiet, wait, &bytes, &last);
	cpu1 = child_cpu_ms();
	printf("first_ms=%.1f first_bytes=%ld first_cpu_ms=%.0f\n",
	    bytes > 0 ? last - t0 : -1.0, bytes, cpu1 >= 0 ? cpu1 : -1.0);
	if (!open_pty)
		puts("exited_early=1");	/* not a full-screen program */
	fflush(stdout);

	for (k = 0; open_pty && k < nser; k++) {
		sum_b = max_b = 0;
		sum_ms = max_ms = 0;
		silent = 0;
		cpu0 = child_cpu_ms();
		for (i = 0; i < ser[k].n; i++) {
			t0 = now_ms();
			if (!write_all(ser[k].keys, ser[k].len))
				break;
			drain(quiet, wait, &bytes, &last);
			ms = bytes > 0 ? last - t0 : 0;
			if (bytes == 0)
				silent++;
			sum_b += bytes;
			sum_ms += ms;
			if (bytes > max_b)
				max_b = bytes;
			if (ms > max_ms)
				max_ms = ms;
		}
		cpu1 = child_cpu_ms();
		printf("key=%s n=%d bytes_mean=%.1f bytes_max=%ld "
		    "ms_mean=%.2f ms_max=%.2f cpu_ms_per_key=%.3f silent=%d\n",
		    ser[k].label, i, i ? (double)sum_b / i : 0.0, max_b,
		    i ? sum_ms / i : 0.0, max_ms,
		    i && cpu0 >= 0 && cpu1 >= 0 ? (cpu1 - cpu0) / i : -1.0,
		    silent);
		fflush(stdout);
	}
	finish(quiet);
	return 0;
}
