/*
 * rnd.h - the unit tests' pseudo-random numbers: xorshift, the same
 * sequence every run, so that a failure repeats.  Header-only, like
 * tap.h; each test program has its own state.
 */
#ifndef HAMISH_RND_H
#define HAMISH_RND_H

#include <stdint.h>

static uint64_t rnd_state = 88172645463325252ULL;

/* A pseudo-random number below n (n > 0). */
__attribute__((unused)) static uint32_t
rnd(uint32_t n)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return (uint32_t)(rnd_state % n);
}

#endif
