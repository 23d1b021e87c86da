/* SPDX-License-Identifier: GPL-2.0 */
/*
 * `refguard fix --series DIR`: the tree-wide rewrite as a patch series
 * ready to mail, the way a maintainer wants it: a cover letter, first a
 * patch adding any missing helpers, then one patch per subsystem (by the
 * tree's MAINTAINERS), each with a changelog that names its sites and why
 * each rewrite is right, To:/Cc: from the tree's get_maintainer.pl.
 */
#ifndef REFGUARD_SERIES_H
#define REFGUARD_SERIES_H

#include "series-parts.h"

/*
 * What can be refused before any work: a --signoff that is not exactly
 * one "Name <address>" (signoff may be NULL), a DIR that is not a
 * directory, already holds patches, or whose parent does not exist.
 * RG_EXIT_CLEAN, or RG_EXIT_TROUBLE with a message.
 */
int rg_series_check_opts(const char *outdir, const char *signoff);

/*
 * Write the series: every patch or none (driver/rewrite.c), and DIR is
 * made only when the series is written.  RG_EXIT_CLEAN, or
 * RG_EXIT_TROUBLE with a message.
 */
int rg_fix_series(const struct rg_series_opts *o);

#endif
