/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Numbers on the command line, shared by `refguard helpers` and the
 * harness it runs: a decimal number, whole, in range, or nothing.
 * strtol() alone takes "abc" as 0, "12abc" as 12, " -1" and "+1", and
 * saturates on overflow; each of those would quietly run a different
 * check than the one asked for.
 */
#ifndef RG_HARNESS_NUMBERS_H
#define RG_HARNESS_NUMBERS_H

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>

static inline bool rg_parse_ulong(const char *s, unsigned long max, unsigned long *out)
{
	unsigned long v;
	char *end;

	if (!s || *s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v > max)
		return false;
	*out = v;
	return true;
}

static inline bool rg_parse_long(const char *s, long min, long max, long *out)
{
	unsigned long v;

	/* No sign: every number here is a count, a bound or a seed. */
	if (min < 0 || !rg_parse_ulong(s, (unsigned long)max, &v) || (long)v < min)
		return false;
	*out = (long)v;
	return true;
}

/* The limits both sides enforce. */
#define RG_MAX_THREADS		64
#define RG_MAX_ITERATIONS	1000000000L
#define RG_MAX_BOUND		64
#define RG_MAX_TIMEOUT		86400L
#define RG_DEFAULT_TIMEOUT	300L

#endif
