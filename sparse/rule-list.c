// SPDX-License-Identifier: GPL-2.0
/*
 * The rules with code of their own (rules/checks.def), in the order their
 * hooks run: the walkers (syntactic.c, flow-state.c) go through this list
 * and name no rule.
 */
#include "internal.h"

const struct rg_sparse_check *const rg_sparse_checks[] = {
#define CHECK(fn, file) &rg_sparse_check_##fn,
#include "checks.def"
#undef CHECK
	NULL
};
