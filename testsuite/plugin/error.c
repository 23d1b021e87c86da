// SPDX-License-Identifier: GPL-2.0
/* -fplugin-arg-refguard-error: findings are errors, and gcc fails. */
/* { dg-options "-fsyntax-only -fplugin-arg-refguard-error" } */
#include <linux/mm.h>

int f(struct page *page)
{
	set_page_count(page, 0); /* { dg-error "use 'set_page_count_as_frozen' \[refguard-raw-set-count\]" } */
				 /* { dg-fixit "set_page_count_as_frozen(page)" .-1 } */
	set_page_count(page, 1); /* { dg-error "use 'init_page_count' \[refguard-raw-set-count\]" } */
				 /* { dg-fixit "init_page_count(page)" .-1 } */
	return atomic_read(&page->_refcount); /* { dg-error "\[refguard-direct-refcount\]" } */
					      /* { dg-fixit "page_ref_count(page)" .-1 } */
}
