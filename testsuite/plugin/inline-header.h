/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A static inline with a raw setter in a header, like mm/internal.h's
 * set_page_refcounted(): reported at this line once per translation unit
 * that includes it (inline-header-1.c, inline-header-2.c).
 */
#ifndef REFGUARD_TEST_INLINE_HEADER_H
#define REFGUARD_TEST_INLINE_HEADER_H

#include <linux/mm.h>

static inline void set_page_refcounted_raw(struct page *page)
{
	set_page_count(page, 1); /* { dg-warning "use 'init_page_count'" } */
				 /* { dg-fixit "init_page_count(page)" .-1 } */
}

/* Never called: reported all the same (the rule is syntactic). */
static inline int page_raw_count(struct page *page)
{
	return atomic_read(&page->_refcount); /* { dg-warning "use 'page_ref_count'" } */
					      /* { dg-fixit "page_ref_count(page)" .-1 } */
}

#endif
