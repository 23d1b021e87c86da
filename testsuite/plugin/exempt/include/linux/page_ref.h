/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers as a kernel's page_ref.h defines them: functions defined in a
 * file whose path ends in include/linux/page_ref.h are exempt.
 */
#ifndef REFGUARD_TEST_EXEMPT_PAGE_REF_H
#define REFGUARD_TEST_EXEMPT_PAGE_REF_H

#include <linux/mm.h>

static inline int page_ref_count_v2(const struct page *page)
{
	return atomic_read(&page->_refcount);
}

static inline void set_page_count_as_frozen_v2(struct page *page)
{
	set_page_count(page, 0);
	page->_refcount.counter = 0;
}

/* Exempt as defined here, but a macro expands where it is used. */
#define page_ref_read_raw(p)	atomic_read(&(p)->_refcount) /* { dg-warning "use 'page_ref_count'" } */
								     /* { dg-fixit "page_ref_count((p))" .-1 } */

#endif
