// SPDX-License-Identifier: GPL-2.0
/*
 * The flow tests again at -O0: GIMPLE at -O0 keeps every temporary and
 * every `_1 = res != 0; if (_1 != 0)` chain, and nothing is folded; the
 * findings must be the same.  The included files' expectations apply:
 * the rule cases are the per-rule corpus's (testsuite/rules), which every
 * engine runs at its own optimisation level.
 */
#include "../rules/frozen-arith/sources.c"
#include "../rules/unfreeze-unfrozen/basic.c"
#include "../rules/frozen-arith/results.c"
#include "../rules/frozen-arith/alias.c"
#include "../rules/frozen-arith/loops.c"
#include "../rules/raw-set-count/frozen-on-every-path.c"
#include "flow-robust.c"

/* { dg-options "-O0 -S -o /dev/null" } */
