/*
 * mouse.h - mouse reports as plain events: what the terminal sends in
 * SGR mode (xterm's 1006: "ESC [ < b ; x ; y M", "m" on release),
 * decoded without a terminal, for the backend to hand the controller.
 */
#ifndef HAMISH_MOUSE_H
#define HAMISH_MOUSE_H

#include <stddef.h>

enum mouse_kind {
	MOUSE_NONE,		/* a report of nothing we use */
	MOUSE_PRESS,		/* the left button went down */
	MOUSE_DRAG,		/* moved with the left button down */
	MOUSE_RELEASE,		/* the left button came up */
	MOUSE_WHEEL_UP,
	MOUSE_WHEEL_DOWN
};

/* One event, a plain value: cells counted from 0, the top left. */
struct mouse_event {
	enum mouse_kind	 kind;
	int		 x;
	int		 y;
};

/*
 * Decodes the SGR report at the start of the len bytes of s, which
 * begin after "ESC [ <" (so "0;12;5M").  Returns the bytes it took, 0 if
 * s is only the start of one (more is to come), -1 if it is not one.
 */
int		 mouse_sgr_parse(const char *, size_t, struct mouse_event *);

#endif
