// SPDX-License-Identifier: GPL-2.0
/*
 * The flow rules honour -disable like the others, and -error makes their
 * findings errors (so gcc fails).
 */
/* { dg-additional-options "-fplugin-arg-refguard-disable=frozen-arith,raw-set-count -fplugin-arg-refguard-error" } */
#include <linux/mm.h>

/* frozen-arith is off. */
void op_disabled(struct page *page)
{
	if (page_ref_freeze(page, 1))
		page_ref_inc(page);
}

/* raw-set-count is off, the rewrite with it. */
void op_raw_set_disabled(struct page *page)
{
	if (page_ref_freeze(page, 1))
		set_page_count(page, 3);
}

/* unfreeze-unfrozen is on, and an error. */
void op_error(struct page *page)
{
	get_page(page);
	page_ref_unfreeze(page, 1); /* { dg-error "'page_ref_unfreeze' on a page that is not frozen \[refguard-unfreeze-unfrozen\]" } */
}
