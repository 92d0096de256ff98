/*
 * ui-curses.c - the terminal backend: the ONLY file that includes curses.
 *
 * Paints the screens the controller (ui.c) describes and turns what the
 * terminal sends into key numbers (keymap.h).  Scrolling by a few lines
 * goes through the terminal's scrolling region (wscrl), so that over a
 * slow link a line costs a line, not a screen.  Everything that changes
 * the terminal's state is undone on every way out: quitting, a
 * terminating signal, a fatal error.
 *
 * Bidi: in --bidi=app mode the cells are already in visual order, so a
 * terminal that reorders text itself is switched to explicit mode (BDSM
 * reset, CSI 8 l, and LTR presentation, CSI 1 SP k) before the first
 * clear, and back (CSI 8 h, CSI 0 SP k) at the end; inside tmux the
 * sequences also go through its passthrough.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <wchar.h>

#include "keymap.h"
#include "mouse.h"
#include "text.h"
#include "theme.h"
#include "ui.h"
#include "util.h"

static volatile sig_atomic_t got_signal;
static bool started;
static enum ui_bidi bidi_mode;
static bool mouse_on;
static struct mouse_event mouse_ev;	/* key_read()'s KEY_MOUSE_EV */
static bool explicit_on;	/* --bidi terminal, switched for a screen in
				   visual order (comparing) */
static attr_t face_attr[TF_NFACES];
static short face_pair[TF_NFACES];

/* Writes seq to the terminal, and through tmux's passthrough inside
 * tmux (which otherwise drops it). */
static void
send_raw(const char *seq)
{
	struct buf b;
	const char *p;
	ssize_t w;
	size_t off;

	buf_init(&b);
	buf_adds(&b, seq);
	if (getenv("TMUX") != NULL) {
		buf_adds(&b, "\033Ptmux;");
		for (p = seq; *p != '\0'; p++) {
			if (*p == '\033')
				buf_addc(&b, '\033');
			buf_addc(&b, *p);
		}
		buf_adds(&b, "\033\\");
	}
	for (off = 0; off < b.len; off += (size_t)w)
		if ((w = write(STDOUT_FILENO, b.data + off, b.len - off)) <= 0)
			break;
	buf_free(&b);
}

/* Writes seq to the terminal (tmux's own, inside tmux: the mouse is
 * tmux's to report). */
static void
send_plain(const char *seq)
{
	size_t off, len = strlen(seq);
	ssize_t w;

	for (off = 0; off < len; off += (size_t)w)
		if ((w = write(STDOUT_FILENO, seq + off, len - off)) <= 0)
			break;
}

/*
 * Mouse reporting on or off: ncurses's mouse (mousemask) for the
 * terminals whose terminfo knows SGR reports (kmous=\E[<), and the SGR
 * mode asked for by hand (1002: presses, releases and drags; 1006: SGR
 * coordinates, no 223-column limit) for the others, whose reports then
 * come in as bytes that key_read() decodes.
 */
static void
mouse_set(bool on)
{
	if (on == mouse_on)
		return;
	mouse_on = on;
	if (on) {
		mousemask(BUTTON1_PRESSED | BUTTON1_RELEASED |
		    BUTTON4_PRESSED | BUTTON5_PRESSED | REPORT_MOUSE_POSITION,
		    NULL);
		mouseinterval(0);
		fflush(stdout);
		send_plain("\033[?1002h\033[?1006h");
	} else {
		mousemask(0, NULL);
		fflush(stdout);
		send_plain("\033[?1006l\033[?1002l\033[?1000l");
	}
}

static void
term_restore(void)
{
	if (!started)
		return;
	started = false;
	mouse_set(false);
	endwin();
	if (bidi_mode == UI_BIDI_APP || explicit_on)
		send_raw("\033[8h\033[0 k");
}

static void
on_signal(int sig)
{
	got_signal = sig;
}

static void
signals_catch(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;	/* no SA_RESTART: wget_wch returns */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static attr_t
attrs_of(unsigned a)
{
	attr_t r = A_NORMAL;

	if (a & THEME_BOLD)
		r |= A_BOLD;
	if (a & THEME_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & THEME_REVERSE)
		r |= A_REVERSE;
	if (a & THEME_DIM)
		r |= A_DIM;
#ifdef A_ITALIC
	if (a & THEME_ITALIC)
		r |= A_ITALIC;
#endif
	return r;
}

/* Colours the terminal has, as theme_face_style() counts them. */
static int
colours(void)
{
	const char *nc = getenv("NO_COLOR");

	if ((nc != NULL && *nc != '\0') || !has_colors())
		return 0;
	if (start_color() == ERR)
		return 0;
	use_default_colors();
	if (COLORS >= 256)
		return 256;
	if (COLORS >= 16)
		return 16;
	return COLORS >= 8 ? 8 : 0;
}

static void
faces_init(const struct theme *t)
{
	struct theme_style st;
	int n = colours(), f;

	for (f = 0; f < TF_NFACES; f++) {
		st = theme_face_style(t, f, n);
		face_attr[f] = attrs_of(st.attrs);
		face_pair[f] = 0;
		if (n > 0 && f + 1 < COLOR_PAIRS &&
		    (st.fg != THEME_DEFAULT || st.bg != THEME_DEFAULT) &&
		    init_pair((short)(f + 1), (short)st.fg,
		    (short)st.bg) == OK)
			face_pair[f] = (short)(f + 1);
	}
}

static void
paint(const struct ui_screen *s)
{
	const struct view_cell *c;
	wchar_t wc[LAY_MARKS_MAX + 2];
	cchar_t cc;
	int x, y, m;

	if (bidi_mode == UI_BIDI_TERMINAL && s->visual != explicit_on) {
		/* two columns in visual order: the terminal must not
		 * reorder them (explicit mode) until they are gone */
		explicit_on = s->visual;
		send_raw(explicit_on ? "\033[8l\033[1 k" : "\033[8h\033[0 k");
		clearok(curscr, TRUE);
	}
	if (s->full)
		clearok(curscr, TRUE);
	if (s->scroll != 0) {
		scrollok(stdscr, TRUE);
		wsetscrreg(stdscr, 0, s->text_rows - 1);
		wscrl(stdscr, s->scroll);
		wsetscrreg(stdscr, 0, LINES - 1);
		scrollok(stdscr, FALSE);
	}
	for (y = 0; y < s->rows && y < LINES; y++)
		for (x = 0; x < s->cols && x < COLS; x++) {
			c = &s->cell[(size_t)y * (size_t)s->cols + (size_t)x];
			if (c->base == 0)
				continue;	/* right half of a wide cell */
			wc[0] = (wchar_t)c->base;
			for (m = 0; m < c->nmarks; m++)
				wc[m + 1] = (wchar_t)c->marks[m];
			wc[c->nmarks + 1] = L'\0';
			setcchar(&cc, wc, face_attr[c->face],
			    face_pair[c->face], NULL);
			mvwadd_wch(stdscr, y, x, &cc);
		}
	if (s->cursor_x >= 0 && s->cursor_y >= 0) {
		curs_set(1);
		wmove(stdscr, s->cursor_y, s->cursor_x);
	} else
		curs_set(0);
	wnoutrefresh(stdscr);
	doupdate();
}

/* The key number of what wget_wch() returned. */
static uint32_t
key_of(int rc, wint_t wc)
{
	if (rc == KEY_CODE_YES) {
		if (wc >= KEY_F(1) && wc <= KEY_F(12))
			return KM_KEY_F0 + (uint32_t)(wc - KEY_F0);
		switch (wc) {
		case KEY_UP:		return KM_KEY_UP;
		case KEY_DOWN:		return KM_KEY_DOWN;
		case KEY_LEFT:		return KM_KEY_LEFT;
		case KEY_RIGHT:		return KM_KEY_RIGHT;
		case KEY_PPAGE:		return KM_KEY_PGUP;
		case KEY_NPAGE:		return KM_KEY_PGDN;
		case KEY_HOME:		return KM_KEY_HOME;
		case KEY_END:		return KM_KEY_END;
		case KEY_IC:		return KM_KEY_INSERT;
		case KEY_DC:		return KM_KEY_DELETE;
		case KEY_BACKSPACE:	return KM_KEY_BACKSPACE;
		case KEY_ENTER:		return KM_KEY_ENTER;
		case KEY_BTAB:		return KM_KEY_BTAB;
		case KEY_RESIZE:	return KM_KEY_RESIZE;
		default:		return 0;
		}
	}
	switch (wc) {
	case '\r':
	case '\n':	return KM_KEY_ENTER;
	case '\t':	return KM_KEY_TAB;
	case 0x7F:	return KM_KEY_BACKSPACE;
	case 0x1B:	return KM_KEY_ESC;
	default:	return (uint32_t)wc;
	}
}

#define KEY_FAILED	0xFFFFFFFFu	/* key_read(): the read failed */
#define KEY_MOUSE_EV	0xFFFFFFFEu	/* key_read(): mouse_ev is set */
#define KEY_NONE	0xFFFFFFFDu	/* key_read(): no key within ms */
#define LOAD_POLL_MS	40	/* ui_loading(): how often to look */
#define KEY_INTR	0x03u		/* C-c */
#define KEY_SUSP	0x1Au		/* C-z */

/* C-z: the shell's job control, the screen given back meanwhile. */
static void
suspend(void)
{
	mouse_set(false);	/* the loop turns it on again */
	def_prog_mode();
	endwin();
	if (bidi_mode == UI_BIDI_APP || explicit_on)
		send_raw("\033[8h\033[0 k");
	raise(SIGTSTP);
	if (bidi_mode == UI_BIDI_APP || explicit_on)
		send_raw("\033[8l\033[1 k");
	reset_prog_mode();
	clearok(curscr, TRUE);
}

/* ncurses's mouse event, as a plain one; false for one we don't use. */
static bool
mouse_of_curses(struct mouse_event *ev)
{
	MEVENT me;

	if (getmouse(&me) != OK)
		return false;
	ev->x = me.x;
	ev->y = me.y;
	if (me.bstate & BUTTON4_PRESSED)
		ev->kind = MOUSE_WHEEL_UP;
	else if (me.bstate & BUTTON5_PRESSED)
		ev->kind = MOUSE_WHEEL_DOWN;
	else if (me.bstate & BUTTON1_PRESSED)
		ev->kind = MOUSE_PRESS;
	else if (me.bstate & BUTTON1_RELEASED)
		ev->kind = MOUSE_RELEASE;
	else if (me.bstate & REPORT_MOUSE_POSITION)
		ev->kind = MOUSE_DRAG;
	else
		return false;
	return true;
}

/*
 * After ESC [ <: the rest of an SGR mouse report, read as it comes (a
 * report arrives whole; 30 ms for each byte at most).  True with
 * mouse_ev set; false for anything else, which is dropped.
 */
static bool
mouse_read_sgr(void)
{
	char seq[32];
	size_t n = 0;
	wint_t wc;
	int rc = OK, r = 0;

	wtimeout(stdscr, 30);
	while (n < sizeof seq && (rc = wget_wch(stdscr, &wc)) != ERR &&
	    rc != KEY_CODE_YES && wc < 0x80) {
		seq[n++] = (char)wc;
		if ((r = mouse_sgr_parse(seq, n, &mouse_ev)) != 0)
			break;
	}
	wtimeout(stdscr, -1);
	return r > 0;
}

/* The next key, Esc followed quickly by a key read as Meta; 0 for a key
 * we don't know; KEY_FAILED when the read failed or a signal came;
 * KEY_MOUSE_EV for a mouse report (in mouse_ev); KEY_NONE when ms (-1:
 * no limit) went by without a key. */
static uint32_t
key_read(int ms)
{
	uint32_t k, k2;
	wint_t wc, wc2;
	int rc;

	errno = 0;
	wtimeout(stdscr, ms);
	rc = wget_wch(stdscr, &wc);
	wtimeout(stdscr, -1);
	if (rc == ERR)	/* with a time limit: no key yet (a signal is
			   seen by the caller's loop all the same) */
		return ms >= 0 ? KEY_NONE : KEY_FAILED;
	if (rc == KEY_CODE_YES && wc == KEY_MOUSE)
		return mouse_of_curses(&mouse_ev) ? KEY_MOUSE_EV : 0;
	k = key_of(rc, wc);
	if (k != KM_KEY_ESC)
		return k;
	wtimeout(stdscr, 30);
	rc = wget_wch(stdscr, &wc);
	if (rc != ERR && rc != KEY_CODE_YES && wc == '[' && mouse_on) {
		/* ESC [ < ...: an SGR mouse report; ESC [ x: Meta-[, x */
		if ((rc = wget_wch(stdscr, &wc2)) != ERR &&
		    rc != KEY_CODE_YES && wc2 == '<') {
			wtimeout(stdscr, -1);
			return mouse_read_sgr() ? KEY_MOUSE_EV : 0;
		}
		if (rc == KEY_CODE_YES)
			ungetch((int)wc2);
		else if (rc != ERR)
			unget_wch((wchar_t)wc2);
		rc = OK;
	}
	wtimeout(stdscr, -1);
	if (rc == ERR)
		return KM_KEY_ESC;
	k2 = key_of(rc, wc);
	return k2 == 0 || k2 == KM_KEY_RESIZE ? k2 : k2 | KM_META;
}

/*
 * Copies text to the clipboard of the terminal (and of the terminal
 * around tmux) with OSC 52: base64 of the UTF-8, so the logical text
 * arrives whatever the screen shows.  Inside tmux the plain sequence is
 * for tmux's own buffers (set-clipboard on), the passthrough for the
 * outer terminal.
 */
static void
clipboard_send(const char *text)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *p = (const unsigned char *)text;
	size_t len = strlen(text), i;
	struct buf seq;
	uint32_t v;

	buf_init(&seq);
	buf_adds(&seq, "\033]52;c;");
	for (i = 0; i + 2 < len; i += 3) {
		v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2];
		buf_addc(&seq, b64[v >> 18 & 63]);
		buf_addc(&seq, b64[v >> 12 & 63]);
		buf_addc(&seq, b64[v >> 6 & 63]);
		buf_addc(&seq, b64[v & 63]);
	}
	if (i < len) {
		v = (uint32_t)p[i] << 16 | (i + 1 < len ? (uint32_t)p[i + 1] << 8 :
		    0);
		buf_addc(&seq, b64[v >> 18 & 63]);
		buf_addc(&seq, b64[v >> 12 & 63]);
		buf_addc(&seq, i + 1 < len ? b64[v >> 6 & 63] : '=');
		buf_addc(&seq, '=');
	}
	buf_adds(&seq, "\a");
	send_raw(seq.data);
	buf_free(&seq);
}

/*
 * Runs $VISUAL or $EDITOR (else vi) on path, without a shell: the
 * variable is split at spaces into the program and its arguments.  The
 * terminal is given back to the editor and taken again afterwards.
 * True if the editor exited with status 0.
 */
static bool
editor_run(const char *path)
{
	const char *e = getenv("VISUAL");
	char *copy, *argv[16], *save = NULL, *w;
	int argc = 0, status = 0;
	pid_t pid;

	if (e == NULL || *e == '\0')
		e = getenv("EDITOR");
	if (e == NULL || *e == '\0')
		e = "vi";
	copy = xstrdup(e);
	for (w = strtok_r(copy, " \t", &save); w != NULL && argc < 14;
	    w = strtok_r(NULL, " \t", &save))
		argv[argc++] = w;
	argv[argc++] = (char *)path;
	argv[argc] = NULL;
	mouse_set(false);	/* the loop turns it on again */
	def_prog_mode();
	endwin();
	if (bidi_mode == UI_BIDI_APP)
		send_raw("\033[8h\033[0 k");	/* the editor's own bidi */
	if ((pid = fork()) == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		execvp(argv[0], argv);
		_exit(127);
	}
	while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (bidi_mode == UI_BIDI_APP)
		send_raw("\033[8l\033[1 k");
	reset_prog_mode();
	free(copy);
	return pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

int
ui_curses_run(struct ui *u, const struct theme *t, enum ui_bidi bidi)
{
	SCREEN *scr;
	FILE *keys_in;
	struct buf shown;
	const char *term;
	char *clip;
	uint32_t k;
	int sig, errors = 0;

	bidi_mode = bidi;
	if (bidi == UI_BIDI_APP)
		send_raw("\033[8l\033[1 k");	/* before the first clear */
	/* keys from the terminal, also when the document came down a pipe
	 * on standard input (cat FILE | hamish), as less does */
	if (isatty(STDIN_FILENO))
		keys_in = stdin;
	else if ((keys_in = fopen("/dev/tty", "r")) == NULL) {
		fprintf(stderr, "hamish: no terminal to read keys from "
		    "(/dev/tty: %s)\n", strerror(errno));
		return 1;
	}
	if ((scr = newterm(NULL, stdout, keys_in)) == NULL) {
		if (keys_in != stdin)
			fclose(keys_in);
		if (bidi == UI_BIDI_APP)
			send_raw("\033[8h\033[0 k");
		term = getenv("TERM") != NULL ? getenv("TERM") : "";
		buf_init(&shown);
		text_utf8_visible_line(&shown, term, strlen(term));
		fprintf(stderr, "hamish: cannot use this terminal (TERM=%.*s); "
		    "try TERM=xterm-256color\n", (int)shown.len,
		    shown.data != NULL ? shown.data : "");
		buf_free(&shown);
		return 1;
	}
	started = true;
	util_die_hook_set(term_restore);
	atexit(term_restore);
	set_escdelay(30);
	/*
	 * Raw, as less and vim: every key reaches the reader, C-s and C-q
	 * too (cbreak() left flow control on, and C-s froze the screen).
	 * C-c and C-z, no longer signals, are done here as they were.
	 */
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	idlok(stdscr, TRUE);
	scrollok(stdscr, FALSE);
	faces_init(t);
	signals_catch();
	ui_resize(u, COLS, LINES);
	while (!ui_done(u) && got_signal == 0) {
		mouse_set(ui_mouse_wanted(u));
		paint(ui_draw(u));
		/* a document still being read: look again soon */
		if ((k = key_read(ui_loading(u) ? LOAD_POLL_MS : -1)) ==
		    KEY_NONE) {
			ui_load_poll(u);
			continue;
		}
		if (k == KEY_FAILED) {
			/*
			 * A signal, or else a terminal that is gone without
			 * a SIGHUP: then every read fails at once, so stop
			 * rather than spin.
			 */
			if (errno != EINTR && ++errors > 100)
				break;
			continue;
		}
		errors = 0;
		if (k == 0)
			continue;	/* a key we don't know */
		if (k == KEY_MOUSE_EV) {
			ui_mouse(u, &mouse_ev);
			continue;
		}
		if (k == KEY_INTR) {
			got_signal = SIGINT;	/* as before raw(): quit */
			break;
		}
		if (k == KEY_SUSP) {
			suspend();
			continue;
		}
		if (k == KM_KEY_RESIZE)
			ui_resize(u, COLS, LINES);
		else
			ui_key(u, k);
		if ((clip = ui_clipboard_take(u)) != NULL) {
			clipboard_send(clip);
			free(clip);
		}
		if (ui_edit_request(u) != NULL)
			ui_edit_done(u, editor_run(ui_edit_request(u)));
	}
	ui_save(u);	/* the reading positions, even when killed */
	term_restore();
	delscreen(scr);
	if (keys_in != stdin)
		fclose(keys_in);
	if ((sig = got_signal) != 0) {
		signal(sig, SIG_DFL);
		raise(sig);
	}
	return 0;
}
