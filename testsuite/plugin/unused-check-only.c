// SPDX-License-Identifier: GPL-2.0
/*
 * The unused functions of unused.c under -check-only (refguard check's
 * mode, which cuts the pipeline behind refguard's passes): the same
 * findings.  The included file's expectations apply.
 */
#include "unused.c"

/* { dg-options "-O2 -S -o /dev/null -fplugin-arg-refguard-check-only" } */
