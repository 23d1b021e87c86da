// SPDX-License-Identifier: GPL-2.0
/*
 * Message, string and path helpers shared by the driver's commands.  Leaf
 * code: nothing here runs a process (spawn.c) or knows about kernel trees
 * (kernel-tree.c), so every other driver file may call it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "driver.h"

int rg_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("refguard: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return RG_EXIT_TROUBLE;
}

char *rg_strdup_printf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0) {
		perror("refguard");
		exit(RG_EXIT_TROUBLE);
	}
	va_end(ap);
	return s;
}

const char *rg_srcdir(void)
{
	const char *env = getenv("REFGUARD_SRCDIR");

	return env && *env ? env : REFGUARD_SRCDIR;
}

char *rg_path(const char *rel)
{
	return rg_strdup_printf("%s/%s", rg_srcdir(), rel);
}
