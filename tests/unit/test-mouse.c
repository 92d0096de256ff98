/*
 * test-mouse.c - SGR (1006) mouse reports: presses, drags, releases and
 * the wheel decoded; reports cut short ask for more; anything else is
 * not one.
 */
#include <string.h>

#include "mouse.h"
#include "tap.h"

static int
parse(const char *s, struct mouse_event *ev)
{
	ev->kind = MOUSE_NONE;
	ev->x = ev->y = -7;
	return mouse_sgr_parse(s, strlen(s), ev);
}

int
main(void)
{
	struct mouse_event ev;
	static const char *bad[] = {
		"x;1;1M", "0;1M", "0;1;1X", "0;;1M", "0;0;1M", "0;1;0M",
		"0;999999999;1M", "-1;1;1M",
	};
	static const char *part[] = { "", "0", "0;", "0;12", "0;12;5" };

	is_int(parse("0;12;5M", &ev), 7, "a press takes its 7 bytes");
	ok(ev.kind == MOUSE_PRESS && ev.x == 11 && ev.y == 4,
	    "left press at column 12, row 5: cell (11, 4)");
	is_int(parse("0;12;5m", &ev), 7, "a release");
	is_int(ev.kind, MOUSE_RELEASE, "... is a release");
	parse("32;40;10M", &ev);
	ok(ev.kind == MOUSE_DRAG && ev.x == 39 && ev.y == 9,
	    "32: motion with the left button, a drag");
	parse("64;1;1M", &ev);
	is_int(ev.kind, MOUSE_WHEEL_UP, "64: the wheel up");
	parse("65;1;1M", &ev);
	is_int(ev.kind, MOUSE_WHEEL_DOWN, "65: the wheel down");
	parse("80;1;1M", &ev);
	is_int(ev.kind, MOUSE_WHEEL_UP, "80: the wheel up with Control");
	parse("2;3;3M", &ev);
	is_int(ev.kind, MOUSE_NONE, "the right button: not used");
	parse("4;3;3M", &ev);
	is_int(ev.kind, MOUSE_PRESS, "Shift and the left button: a press");
	is_int(parse("0;300;200Mxyz", &ev), 10, "only the report is taken");
	ok(ev.x == 299 && ev.y == 199, "wide screens: no 223 limit");
	for (size_t i = 0; i < sizeof part / sizeof *part; i++)
		is_int(parse(part[i], &ev), 0, "'%s': more to come", part[i]);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		is_int(parse(bad[i], &ev), -1, "'%s': not a report", bad[i]);
	return tap_done();
}
