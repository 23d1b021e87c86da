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
 * Verdicts (the harness's exit statuses, helpers/harness/main.c, which
 * are only verdicts on a run by hand: helpers-run.c), and the statuses
 * the sanitizers are told to exit with on an error.
 */
#define RG_CHECK_PASS		0
#define RG_CHECK_FAILED		1
#define RG_CHECK_USAGE		2
#define RG_CHECK_UNFINISHED	3
#define RG_CHECK_TSAN		66
#define RG_CHECK_ASAN		67
#define RG_CHECK_UBSAN		68

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
 * Run the harness argv on checks (the ones its --only options name),
 * killing it (and saying so) if it is still running after limit seconds.
 * The verdict is what its completion records say (helpers-run.c):
 * RG_CHECK_PASS only with a pass recorded by every check; RG_CHECK_FAILED
 * on a failure (its report above); otherwise RG_CHECK_UNFINISHED, having
 * said which check did not finish (suffix follows each check's name);
 * -1 if it could not be run.
 */
int rg_helpers_run(char *const argv[], long limit, const char *suffix,
		   const char *const checks[], int nr_checks);

#endif
