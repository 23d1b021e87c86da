// SPDX-License-Identifier: GPL-2.0
/* Every rule off (two -disable options add up): nothing is reported. */
/* { dg-additional-options "-fplugin-arg-refguard-disable=raw-set-count,frozen-arith -fplugin-arg-refguard-disable=direct-refcount,unfreeze-unfrozen" } */
#include <linux/mm.h>

int f(struct page *page)
{
	set_page_count(page, 0);
	page_ref_inc(page);
	return atomic_read(&page->_refcount);
}
