/* SPDX-License-Identifier: GPL-2.0 */
/*
 * `refguard helpers`, split by job:
 *
 *   helpers.c		the command: options, the order of the steps
 *   helpers-probe.c	what the tree defines (compiled, not grepped), the
 *			generated headers the harness builds against
 *   helpers-build.c	the build directory and the harness binaries
 *   helpers-run.c	running a binary under a time limit
 *
 * The harness itself (helpers/harness) and the shims it builds the tree's
 * page_ref.h against (helpers/shim) are documented in their own files.
 */
#ifndef REFGUARD_DRIVER_HELPERS_H
#define REFGUARD_DRIVER_HELPERS_H

#include <stdbool.h>
#include <stddef.h>

#define RG_HELPERS_HARNESS_DIR	"helpers/harness"
#define RG_HELPERS_SHIM_DIR	"helpers/shim"

/*
 * The harness's exit statuses (helpers/harness/main.c), and the one
 * ThreadSanitizer is told to use.
 */
#define RG_CHECK_PASS		0
#define RG_CHECK_FAILED		1
#define RG_CHECK_USAGE		2
#define RG_CHECK_UNFINISHED	3
#define RG_CHECK_TSAN		66

/* Files: whole-file read (NUL-terminated), and write-by-rename. */
char *rg_helpers_read(const char *path, size_t *len);
bool rg_helpers_write(const char *path, const char *text);

/* The compiler the harness is built with: $CC, else gcc. */
char *rg_helpers_cc(void);

/*
 * The refcount #defines of the tree's page-flags.h (the frozen bit, its
 * limits), as the text of rg-tree-page-flags.h.
 */
char *rg_helpers_page_flags(const char *tree);

/*
 * Compile the tree's page_ref.h against the shims, find which helpers and
 * spellings it defines, print the spellings (if say; -v: every
 * definition), and write rg-features.h into bdir.  False (with the
 * reason said) if the tree cannot be tested.
 */
bool rg_helpers_probe(const char *tree, const char *bdir, bool say, bool verbose);

/* build/helpers/<hash of everything the binaries depend on>, created. */
char *rg_helpers_build_dir(const char *tree, const char *page_flags);
/* Build bdir/name with -fsanitize=sanitize, unless it exists. */
bool rg_helpers_build(const char *tree, const char *bdir, const char *name,
		      const char *sanitize);

/*
 * Run argv, killing it (and saying so) if it is still running after
 * limit seconds.  Returns its exit status, -1 if it could not be run or
 * died from a signal, -2 if it was killed for the time limit.
 */
int rg_helpers_run(char *const argv[], long limit);

#endif
