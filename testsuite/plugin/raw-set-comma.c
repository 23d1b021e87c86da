// SPDX-License-Identifier: GPL-2.0
/*
 * A count that is a constant only once GCC has gimplified it: in GENERIC
 * `(side(), 1)` is an expression (no constant rewrite, so the flow pass's
 * call), in GIMPLE it is the constant 1.  Exactly one engine must report
 * it, without a rewrite (init_page_count() would drop side()).
 */
#include <linux/mm.h>

int side(void);

void comma_count(struct page *page)
{
	set_page_count(page, (side(), 1)); /* { dg-warning "raw 'set_page_count' call bypasses the page refcount API \[refguard-raw-set-count\]" } */
}

void comma_zero(struct page *page)
{
	set_page_count(page, (side(), 0)); /* { dg-warning "raw 'set_page_count' call bypasses the page refcount API \[refguard-raw-set-count\]" } */
}
