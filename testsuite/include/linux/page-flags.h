/* SPDX-License-Identifier: GPL-2.0 */
/* Stands in for include/linux/page-flags.h: compound pages and page_folio(). */
#ifndef PAGE_FLAGS_H
#define PAGE_FLAGS_H

#include <linux/mm_types.h>

static __always_inline unsigned long _compound_head(const struct page *page)
{
	unsigned long head = page->private;

	if (unlikely(head & 1))
		return head - 1;
	return (unsigned long)page;
}

#define compound_head(page)	((typeof(page))_compound_head(page))

#define page_folio(p)		(_Generic((p),				\
	const struct page *:	(const struct folio *)_compound_head(p), \
	struct page *:		(struct folio *)_compound_head(p)))

#define folio_page(folio, n)	(&(folio)->page + (n))

/* The series' frozen bit, for the predicates of linux/page_ref.h. */
#define PAGEREF_FROZEN_BIT	(1U << 31)

#endif /* PAGE_FLAGS_H */
