/* SPDX-License-Identifier: GPL-2.0 */
#ifndef REFGUARD_DRIVER_H
#define REFGUARD_DRIVER_H

#include <stdbool.h>
#include <stddef.h>

/* Exit codes (docs/design.md, "Contracts"). */
#define RG_EXIT_CLEAN		0
#define RG_EXIT_FINDINGS	1
#define RG_EXIT_TROUBLE		2

#define COMMAND(name, fn, summary, usage) int fn(int argc, char **argv);
#include "commands.def"
#undef COMMAND

/*
 * Where refguard's own files are (util.c): the build tree when refguard
 * runs from it, else the installation's data directory.
 */
const char *rg_srcdir(void);
/* Whether this refguard runs from an installation, not its build tree. */
bool rg_installed(void);
/*
 * The file the build tree has at <rel> ("cocci/x.cocci", "plugin/refguard.so"),
 * wherever this refguard finds it; a heap string.
 */
char *rg_path(const char *rel);
/* The plugin to load: $REFGUARD_PLUGIN or refguard's own (malloc'd). */
char *rg_plugin_path(void);
/* Where fetched and built files go (kernel trees, helpers); NULL: none. */
char *rg_cache_dir(void);
/* --version and the man page (version.c). */
int rg_print_version(void);
int rg_print_man(void);
/* The kernel tree to work on: --kernel DIR, or the embedded default. */
char *rg_kernel_tree(const char *opt_dir);
/*
 * path (relative to tree, or absolute inside it) relative to tree, "."
 * for the tree itself; NULL with *why when it is missing or outside.
 */
char *rg_tree_relative(const char *tree, const char *path, const char **why);

/* "usage: refguard <command> <usage>" on stderr; returns RG_EXIT_TROUBLE. */
int rg_usage(const char *command);

/* printf to stderr prefixed "refguard: ", then return RG_EXIT_TROUBLE. */
int rg_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *rg_strdup_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Run argv (NULL-terminated) and wait.  Returns the exit status, or -1 if
 * it could not be started or died from a signal (with a message).
 * If out is non-NULL, stdout is captured into *out (NUL-terminated,
 * malloc'd) and its length into *out_len.
 */
int rg_run(char *const argv[], char **out, size_t *out_len);

#endif
