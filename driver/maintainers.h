/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The tree's own MAINTAINERS file: which subsystem a file belongs to, by
 * the most specific F: (or N:) pattern that matches it and no X: that
 * excludes it, the way scripts/get_maintainer.pl ranks them.  Used by
 * `refguard fix --series` to cut one patch per subsystem.
 */
#ifndef REFGUARD_MAINTAINERS_H
#define REFGUARD_MAINTAINERS_H

struct rg_maintainers;

/* Parse <tree>/MAINTAINERS; NULL (with a message) when it is missing. */
struct rg_maintainers *rg_maintainers_load(const char *tree);

/*
 * The name of the subsystem section that covers path (relative to the
 * tree), e.g. "EXT4 FILE SYSTEM", or NULL when none does.
 */
const char *rg_maintainers_section(const struct rg_maintainers *m,
				   const char *path);

#endif
