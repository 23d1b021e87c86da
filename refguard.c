// SPDX-License-Identifier: GPL-2.0
/*
 * refguard: keep kernel code honest about the page reference-count API.
 * This is the driver; each subcommand lives in driver/<name>.c and is
 * listed in driver/commands.def.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "driver.h"

static const struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
	const char *usage;
} commands[] = {
#define COMMAND(name, fn, summary, usage) { name, fn, summary, usage },
#include "commands.def"
#undef COMMAND
};

int rg_usage(const char *command)
{
	unsigned int i;

	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(commands[i].name, command))
			fprintf(stderr, "usage: refguard %s %s\n", command,
				commands[i].usage);
	return RG_EXIT_TROUBLE;
}

static int usage(FILE *out, int status)
{
	unsigned int i;

	fprintf(out, "usage: refguard <command> [options]\n\ncommands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(out, "\noptions:\n"
		     "  --version      refguard's version, and the GCC, sparse and Coccinelle it was built for\n"
		     "  --plugin-path  the GCC plugin, for KCFLAGS=-fplugin=$(refguard --plugin-path)\n"
		     "\nexit status: 0 clean, 1 findings, 2 could not check\n");
	return status;
}

/* The plugin's path, for -fplugin=$(refguard --plugin-path): must exist. */
static int plugin_path(void)
{
	char *plugin = rg_plugin_path();
	struct stat st;

	if (stat(plugin, &st))
		return rg_fail("no plugin at %s: %s", plugin, strerror(errno));
	puts(plugin);
	free(plugin);
	return RG_EXIT_CLEAN;
}

int main(int argc, char **argv)
{
	unsigned int i;

	if (argc < 2)
		return usage(stderr, RG_EXIT_TROUBLE);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return usage(stdout, RG_EXIT_CLEAN);
	if (argc == 2 && !strcmp(argv[1], "--version"))
		return rg_print_version();
	if (argc == 2 && !strcmp(argv[1], "--plugin-path"))
		return plugin_path();
	/* hidden: the roff source of refguard(1), which make builds */
	if (argc == 2 && !strcmp(argv[1], "--man"))
		return rg_print_man();
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		const struct command *c = &commands[i];

		if (strcmp(argv[1], c->name))
			continue;
		if (argc == 3 && (!strcmp(argv[2], "--help") || !strcmp(argv[2], "-h"))) {
			printf("usage: refguard %s %s\n%s\n", c->name, c->usage,
			       c->summary);
			return RG_EXIT_CLEAN;
		}
		/* getopt_long names the program in its messages */
		argv[1] = rg_strdup_printf("refguard %s", c->name);
		return c->fn(argc - 1, argv + 1);
	}
	fprintf(stderr, "refguard: unknown command '%s'\n", argv[1]);
	return usage(stderr, RG_EXIT_TROUBLE);
}
