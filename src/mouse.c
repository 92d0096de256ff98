/*
 * mouse.c - SGR (1006) mouse reports decoded (see mouse.h).
 *
 * The report is "b;x;y" then M (a press, a motion, a wheel step) or m (a
 * release); x and y count from 1.  In b, the low two bits are the button
 * (0 left, 1 middle, 2 right), 32 means motion, 64 the wheel (64 up, 65
 * down), 4, 8 and 16 the Shift, Meta and Control keys.  Must not: read
 * or write a terminal.
 */
#include "mouse.h"

#define FIELD_MAX	100000	/* bigger than any screen */

int
mouse_sgr_parse(const char *s, size_t len, struct mouse_event *ev)
{
	long v[3] = { 0, 0, 0 };
	size_t i = 0;
	int k, b;

	for (k = 0; k < 3; k++) {
		size_t digits = 0;

		for (; i < len && s[i] >= '0' && s[i] <= '9'; i++, digits++)
			if ((v[k] = v[k] * 10 + (s[i] - '0')) > FIELD_MAX)
				return -1;
		if (i == len)
			return 0;
		if (digits == 0)
			return -1;
		if (k < 2 && s[i++] != ';')
			return -1;
	}
	if (s[i] != 'M' && s[i] != 'm')
		return -1;
	if (v[1] < 1 || v[2] < 1)
		return -1;
	b = (int)v[0];
	ev->x = (int)v[1] - 1;
	ev->y = (int)v[2] - 1;
	if (b & 64)
		ev->kind = (b & 3) == 0 ? MOUSE_WHEEL_UP : (b & 3) == 1 ?
		    MOUSE_WHEEL_DOWN : MOUSE_NONE;
	else if ((b & 3) != 0)
		ev->kind = MOUSE_NONE;	/* middle, right: not used */
	else if (s[i] == 'm')
		ev->kind = MOUSE_RELEASE;
	else
		ev->kind = b & 32 ? MOUSE_DRAG : MOUSE_PRESS;
	return (int)i + 1;
}
