/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What `fix --series` passes between its parts: series.c (git, grouping
 * by MAINTAINERS) and series-text.c (the changelogs and the cover
 * letter).  A header of its own, so neither part depends on the other's.
 */
#ifndef REFGUARD_SERIES_PARTS_H
#define REFGUARD_SERIES_PARTS_H

#include <stdio.h>

#include "diff.h"
#include "finding.h"

struct rg_series_opts {
	const char *tree;
	const char *diff;		/* fix's unified diff, -p1, tree-relative */
	const struct rg_results *sites;	/* the findings the diff rewrites */
	const char *outdir;		/* created if missing; must hold no patches */
	const char *signoff;		/* "Name <mail>", or NULL */
};

struct rg_series_group {
	const char *section;		/* NULL: the helpers patch */
	char *prefix;			/* "mm/mm_init:" */
	int files[64];			/* indices into the patch's files */
	int nr_files;
};

struct rg_series {
	const struct rg_series_opts *o;
	struct rg_patch patch;
	struct rg_series_group groups[32];
	int nr_groups;
	char *scratch;
};

static inline const char *rg_series_path(const struct rg_file_diff *fd)
{
	return fd->new_path ? fd->new_path : fd->old_path;
}

/* The commit message of one patch, ending with the sign-off. */
char *rg_series_changelog(const struct rg_series *s,
			  const struct rg_series_group *g);
/* The cover letter's text between its subject and git's shortlog. */
void rg_series_cover(FILE *out, const struct rg_series *s);

#endif
