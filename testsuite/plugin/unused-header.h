/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A header's static inline that nothing in the unit uses, as a new series
 * adds one (unused.c): its bug is found by every unit that includes it.
 */
#ifndef UNUSED_HEADER_H
#define UNUSED_HEADER_H

#include <linux/mm.h>

static inline void header_helper(struct folio *folio)
{
	if (folio_ref_freeze(folio, 1)) /* { dg-note "the page was frozen here" } */
		folio_get(folio); /* { dg-warning "'folio_get' on a page that is frozen on some path to this call \[refguard-frozen-arith\]" } */
}

#endif
