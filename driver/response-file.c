// SPDX-License-Identifier: GPL-2.0
/*
 * gcc's @file arguments, expanded before refguard looks at a command
 * line.  gcc reads a response file itself, so a flag inside one
 * (-fsyntax-only, -E, -w) would slip past the filter that keeps such
 * flags from the checking gcc, and sparse does not read them at all.
 *
 * The syntax is libiberty's, which gcc uses: arguments separated by
 * white space; single and double quotes group, a backslash escapes the
 * next character anywhere; an @file inside a response file is expanded
 * in turn.  An @file that cannot be read is kept as it is by gcc (as a
 * file name); refguard refuses it instead: it would not know what the
 * compiler was told.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"
#include "response-file.h"
#include "spawn.h"

/* Response files that name each other are an error, not a hang. */
#define MAX_DEPTH 16

struct args {
	char **v;
	int n, cap;
};

static int push(struct args *a, char *arg)
{
	if (a->n + 1 >= a->cap) {
		int cap = a->cap ? 2 * a->cap : 32;
		char **v = realloc(a->v, cap * sizeof(*v));

		if (!v)
			return -1;
		a->v = v;
		a->cap = cap;
	}
	a->v[a->n++] = arg;
	a->v[a->n] = NULL;
	return 0;
}

static int expand(struct args *a, const char *arg, int depth);

/* Split TEXT as libiberty's buildargv does and expand each argument. */
static int split(struct args *a, const char *text, int depth)
{
	const char *p = text;

	for (;;) {
		size_t len = 0, cap = strlen(p) + 1;
		char *arg, quote = 0;
		int ret;

		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' ||
		       *p == '\f' || *p == '\v')
			p++;
		if (!*p)
			return 0;
		arg = malloc(cap);
		if (!arg)
			return -1;
		for (; *p; p++) {
			if (*p == '\\' && p[1]) {
				arg[len++] = *++p;
			} else if (quote) {
				if (*p == quote)
					quote = 0;
				else
					arg[len++] = *p;
			} else if (*p == '\'' || *p == '"') {
				quote = *p;
			} else if (strchr(" \t\n\r\f\v", *p)) {
				break;
			} else {
				arg[len++] = *p;
			}
		}
		arg[len] = 0;
		ret = expand(a, arg, depth);
		free(arg);
		if (ret)
			return ret;
	}
}

static int expand(struct args *a, const char *arg, int depth)
{
	char *text, *copy;
	size_t size;
	int ret;

	if (arg[0] != '@' || !arg[1]) {
		copy = strdup(arg);
		return copy ? push(a, copy) : -1;
	}
	if (depth >= MAX_DEPTH) {
		rg_fail("response file %s: nested more than %d deep "
			"(do they name each other?)", arg + 1, MAX_DEPTH);
		return -1;
	}
	errno = 0;
	text = rg_slurp_file(arg + 1, &size);
	if (!text) {
		rg_fail("cannot read response file %s: %s", arg + 1,
			errno ? strerror(errno) : "unreadable");
		return -1;
	}
	if (memchr(text, 0, size)) {
		rg_fail("response file %s holds a NUL byte", arg + 1);
		free(text);
		return -1;
	}
	ret = split(a, text, depth + 1);
	free(text);
	return ret;
}

char **rg_expand_response_files(int *argc, char **argv)
{
	struct args a = { NULL, 0, 0 };
	int i;

	if (push(&a, NULL))
		return NULL;
	a.n = 0;
	for (i = 0; i < *argc; i++)
		if (expand(&a, argv[i], 0)) {
			for (i = 0; i < a.n; i++)
				free(a.v[i]);
			free(a.v);
			return NULL;
		}
	*argc = a.n;
	return a.v;
}
