/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stands in for include/linux/page-flags.h: page_folio() and the
 * fake-head test page_ref.h uses (no HVO in userspace: no fake heads).
 *
 * What a tree adds to its page-flags.h for the refcount (the frozen or
 * locked bit of the seed series, its limits, ...) is not redefined here:
 * `refguard helpers` copies those #defines from the tree under test into
 * rg-tree-page-flags.h in the build directory, so the harness always
 * builds the tree's own values.
 */
#ifndef PAGE_FLAGS_H
#define PAGE_FLAGS_H

#include <linux/bits.h>
#include <linux/compiler.h>
#include <linux/mm_types.h>
#include <linux/mmdebug.h>
#include <linux/rcupdate.h>

#include "rg-tree-page-flags.h"

static __always_inline const struct page *page_fixed_fake_head(const struct page *page)
{
	return page;
}

static __always_inline int page_is_fake_head(const struct page *page)
{
	return page_fixed_fake_head(page) != page;
}

static __always_inline unsigned long _compound_head(const struct page *page)
{
	unsigned long head = READ_ONCE(page->compound_head);

	if (unlikely(head & 1))
		return head - 1;
	return (unsigned long)page_fixed_fake_head(page);
}

#define compound_head(page)	((typeof(page))_compound_head(page))

#define page_folio(p)		(_Generic((p),				\
	const struct page *:	(const struct folio *)_compound_head(p), \
	struct page *:		(struct folio *)_compound_head(p)))

static __always_inline int PageTail(const struct page *page)
{
	return READ_ONCE(page->compound_head) & 1 || page_is_fake_head(page);
}

#endif
