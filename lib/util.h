/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The leaf of everything refguard runs in-process (util.c): exit codes,
 * messages, strings, and where refguard's own files are.  The commands
 * (driver/), the engines (sparse/, cocci/engine/) and the results layer
 * (lib/) all rest on it; it calls nothing of theirs.
 */
#ifndef REFGUARD_UTIL_H
#define REFGUARD_UTIL_H

#include <stdbool.h>
#include <stddef.h>

/* Exit codes (docs/design.md, "Contracts"). */
#define RG_EXIT_CLEAN		0
#define RG_EXIT_FINDINGS	1
#define RG_EXIT_TROUBLE		2

/*
 * Where refguard's own files are: the build tree when refguard runs
 * from it, else the installation's data directory.
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
/*
 * path (relative to tree, or absolute inside it) relative to tree, "."
 * for the tree itself; NULL with *why when it is missing or outside.
 */
char *rg_tree_relative(const char *tree, const char *path, const char **why);

/* printf to stderr prefixed "refguard: ", then return RG_EXIT_TROUBLE. */
int rg_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *rg_strdup_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
