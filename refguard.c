// SPDX-License-Identifier: GPL-2.0
/*
 * refguard: keep kernel code honest about the page reference-count API.
 * This is the driver; each subcommand lives in driver/<name>.c and is
 * listed in driver/commands.def.
 */
#include <stdio.h>
#include <string.h>

#include "driver.h"

static const struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
} commands[] = {
#define COMMAND(name, fn, summary) { name, fn, summary },
#include "commands.def"
#undef COMMAND
};

static int usage(FILE *out, int status)
{
	unsigned int i;

	fprintf(out, "usage: refguard <command> [options]\n\ncommands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(out, "\nexit status: 0 clean, 1 findings, 2 could not check\n");
	return status;
}

int main(int argc, char **argv)
{
	unsigned int i;

	if (argc < 2)
		return usage(stderr, RG_EXIT_TROUBLE);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return usage(stdout, RG_EXIT_CLEAN);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "refguard: unknown command '%s'\n", argv[1]);
	return usage(stderr, RG_EXIT_TROUBLE);
}
