// SPDX-License-Identifier: GPL-2.0
/*
 * The flow tests again at -O0: GIMPLE at -O0 keeps every temporary and
 * every `_1 = res != 0; if (_1 != 0)` chain, and nothing is folded; the
 * findings must be the same.  The included files' expectations apply.
 */
#include "flow-frozen-arith.c"
#include "flow-unfreeze.c"
#include "flow-results.c"
#include "flow-alias.c"
#include "flow-loops.c"
#include "flow-raw-set.c"
#include "flow-robust.c"

/* { dg-options "-O0 -S -o /dev/null" } */
