// SPDX-License-Identifier: GPL-2.0
/* Findings are ordinary GCC warnings: -Werror makes them errors. */
/* { dg-options "-fsyntax-only -Werror" } */
#include <linux/mm.h>

void f(struct page *page)
{
	atomic_dec(&page->_refcount); /* { dg-error "use 'page_ref_dec' \[refguard-direct-refcount\]" } */
				      /* { dg-fixit "page_ref_dec(page)" .-1 } */
}
