/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Printing findings with their sources at hand.  SARIF counts columns in
 * characters where every engine's findings carry GCC's display columns
 * (finding.h) and fix ranges in bytes, so the SARIF printer reads the
 * line each location points at: it must know where the files are.  A
 * finding's file relative to the tree is read under root (NULL: the
 * working directory); an absolute one as it is.  `gate` passes the tree
 * with the series applied, `report` the tree.
 *
 * (These belong in finding.h, next to rg_results_print(), which is
 * rg_results_print_in() with root NULL.)
 */
#ifndef REFGUARD_FINDING_PRINT_H
#define REFGUARD_FINDING_PRINT_H

#include <stdio.h>

#include "finding.h"

void rg_results_print_in(const struct rg_results *r, enum rg_format fmt,
			 const char *root, FILE *out);

/*
 * SARIF 2.1.0 with columnKind "unicodeCodePoints".  A location whose line
 * cannot be read, or whose column is not on that line, keeps its line and
 * loses its column (the region is the whole line), and a fix whose range
 * cannot be placed is left out; each such file is named in a warning
 * notification of the run and on stderr.
 */
void rg_results_print_sarif_in(const struct rg_results *r, const char *root,
			       FILE *out);

#endif
