// SPDX-License-Identifier: GPL-2.0
/*
 * sparse's own per-function checks (context imbalance, casts, memcpy
 * sizes, ...) live in sparse.c, next to its main(), as static functions.
 * For `refguard check --sparse` to print exactly the warnings plain sparse
 * prints, they are built from that very file of the Debian source package
 * (never copied here): its main() is renamed out of the way and
 * check_context() is handed to the engine.
 */
#define main rg_sparse_unused_main
#include "sparse.c"
#undef main

void rg_sparse_check_context(struct entrypoint *ep);

void rg_sparse_check_context(struct entrypoint *ep)
{
	check_context(ep);
}
