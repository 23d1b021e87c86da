// SPDX-License-Identifier: GPL-2.0
/*
 * Functions defined in an allowed file (-fplugin-arg-refguard-allow), like
 * the helpers of page_ref.h, are not analysed at all.
 */
/* { dg-additional-options "-fplugin-arg-refguard-allow=flow-exempt.c" } */
#include <linux/mm.h>

void ex_allowed(struct page *page)
{
	if (page_ref_freeze(page, 1))
		page_ref_inc(page);
	get_page(page);
	page_ref_unfreeze(page, 1);
	set_page_count(page, 7);
}
