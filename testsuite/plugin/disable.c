// SPDX-License-Identifier: GPL-2.0
/* -fplugin-arg-refguard-disable=raw-set-count turns that rule off only. */
/* { dg-options "-fsyntax-only -fplugin-arg-refguard-disable=raw-set-count" } */
#include <linux/mm.h>

int f(struct page *page)
{
	set_page_count(page, 0);
	folio_set_count(page_folio(page), 1);
	return atomic_read(&page->_refcount); /* { dg-warning "\[refguard-direct-refcount\]" } */
					      /* { dg-fixit "page_ref_count(page)" .-1 } */
}
