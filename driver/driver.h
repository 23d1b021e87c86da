/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The commands (commands.def), and what only they share.  Every command
 * rests on the results layer's leaf (lib/util.h) and on running tools
 * (lib/spawn.h); neither knows about commands.
 */
#ifndef REFGUARD_DRIVER_H
#define REFGUARD_DRIVER_H

#include "spawn.h"
#include "util.h"

#define COMMAND(name, fn, summary, usage) int fn(int argc, char **argv);
#include "commands.def"
#undef COMMAND

/* --version and the man page (version.c). */
int rg_print_version(void);
int rg_print_man(void);
/* The kernel tree to work on: --kernel DIR, or the embedded default. */
char *rg_kernel_tree(const char *opt_dir);
/* "usage: refguard <command> <usage>" on stderr; returns RG_EXIT_TROUBLE. */
int rg_usage(const char *command);

#endif
